// A password shown once (a new account's, or one reset by an administrator): the password with a
// copy button and a warning that it will not be shown again. Kept in memory only, never in the URL.
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../../i18n/index.ts';

export function OneTimePassword({
  username,
  password,
  onDone,
}: {
  username: string;
  password: string;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const [note, setNote] = useState('');
  const box = useRef<HTMLElement>(null);
  useEffect(() => box.current?.focus(), []);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(password);
      setNote(t('accounts.otp.copied'));
    } catch {
      setNote(t('accounts.otp.copy_failed'));
    }
  };
  return (
    <section ref={box} className="one-time" tabIndex={-1} aria-labelledby="otp-title" data-testid="one-time-password">
      <h2 id="otp-title">{t('accounts.otp.label', { username })}</h2>
      <p className="one-time__row">
        <code className="one-time__password">{password}</code>
        <button type="button" className="button" onClick={() => void copy()}>
          {t('accounts.otp.copy')}
        </button>
        <span aria-live="polite">{note}</span>
      </p>
      <p className="one-time__warning">{t('accounts.otp.warning')}</p>
      <button type="button" className="button button--quiet" onClick={onDone}>
        {t('accounts.otp.dismiss')}
      </button>
    </section>
  );
}
