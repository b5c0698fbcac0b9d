// A new API key's token, shown once: the token with a copy button, the header a system sends it in, and a
// warning that it will not be shown again (the server keeps only its hash). Kept in memory only, never in the URL.
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../../i18n/index.ts';

export function KeySecret({ name, token, onDone }: { name: string; token: string; onDone: () => void }) {
  const { t } = useI18n();
  const [note, setNote] = useState('');
  const box = useRef<HTMLElement>(null);
  useEffect(() => box.current?.focus(), []);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(token);
      setNote(t('keys.secret.copied'));
    } catch {
      setNote(t('keys.secret.copy_failed'));
    }
  };
  return (
    <section ref={box} className="one-time" tabIndex={-1} aria-labelledby="key-secret-title" data-testid="key-secret">
      <h2 id="key-secret-title">{t('keys.secret.label', { name })}</h2>
      <p className="one-time__row">
        <code className="one-time__password key-secret__token">{token}</code>
        <button type="button" className="button" onClick={() => void copy()}>
          {t('keys.secret.copy')}
        </button>
        <span aria-live="polite">{note}</span>
      </p>
      <p>
        {t('keys.secret.lead')} <code className="key-secret__header">Authorization: Bearer {token}</code>
      </p>
      <p className="one-time__warning">{t('keys.secret.warning')}</p>
      <button type="button" className="button button--quiet" onClick={onDone}>
        {t('keys.secret.dismiss')}
      </button>
    </section>
  );
}
