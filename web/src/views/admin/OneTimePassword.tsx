// A secret shown once (a new account's password, one reset by an administrator, a new API key's token): the secret
// with a copy button, what else the reader needs to know, and a warning that it will not be shown again. Kept in
// memory only, never in the URL. Each caller gives its own texts (accounts.otp.*, keys.secret.*).
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useI18n } from '../../i18n/index.ts';

/** The message keys of one kind of secret: its heading, copy button and note, warning, dismiss button. */
export interface ShownOnceTexts {
  title: string;
  copy: string;
  copied: string;
  copyFailed: string;
  warning: string;
  dismiss: string;
}

export function ShownOnce({
  id,
  secret,
  texts,
  params,
  secretClass,
  children,
  onDone,
}: {
  /** the section's id stem and data-testid */
  id: string;
  secret: string;
  texts: ShownOnceTexts;
  /** the heading's parameters (whose secret it is) */
  params: Record<string, string>;
  secretClass?: string;
  /** shown between the secret and the warning */
  children?: ReactNode;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const [note, setNote] = useState('');
  const box = useRef<HTMLElement>(null);
  useEffect(() => box.current?.focus(), []);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setNote(t(texts.copied));
    } catch {
      setNote(t(texts.copyFailed));
    }
  };
  return (
    <section ref={box} className="one-time" tabIndex={-1} aria-labelledby={`${id}-title`} data-testid={id}>
      <h2 id={`${id}-title`}>{t(texts.title, params)}</h2>
      <p className="one-time__row">
        <code className={`one-time__password${secretClass ? ` ${secretClass}` : ''}`}>{secret}</code>
        <button type="button" className="button" onClick={() => void copy()}>
          {t(texts.copy)}
        </button>
        <span aria-live="polite">{note}</span>
      </p>
      {children}
      <p className="one-time__warning">{t(texts.warning)}</p>
      <button type="button" className="button button--quiet" onClick={onDone}>
        {t(texts.dismiss)}
      </button>
    </section>
  );
}

const PASSWORD_TEXTS: ShownOnceTexts = {
  title: 'accounts.otp.label',
  copy: 'accounts.otp.copy',
  copied: 'accounts.otp.copied',
  copyFailed: 'accounts.otp.copy_failed',
  warning: 'accounts.otp.warning',
  dismiss: 'accounts.otp.dismiss',
};

/** A password shown once (a new account's, or one reset by an administrator). */
export function OneTimePassword({
  username,
  password,
  onDone,
}: {
  username: string;
  password: string;
  onDone: () => void;
}) {
  return (
    <ShownOnce id="one-time-password" secret={password} texts={PASSWORD_TEXTS} params={{ username }} onDone={onDone} />
  );
}
