// "Đổi mật khẩu": a modal dialog (the native <dialog>: focus stays inside, Escape closes) with the
// current password, the new one twice, the rule, and the server's answer.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { changePassword } from '../api/auth.ts';
import { ApiError } from '../api/client.ts';
import { useI18n } from '../i18n/index.ts';

export function PasswordDialog({ username, onClose }: { username: string; onClose: () => void }) {
  const { t } = useI18n();
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const [error, setError] = useState('');
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const [current, next, again] = ['current', 'next', 'again'].map((k) => {
      const v = form.get(k);
      return typeof v === 'string' ? v : '';
    });
    if (!current || !next) return setError(t('auth.missing'));
    if (next !== again) return setError(t('auth.pw.mismatch'));
    setBusy(true);
    setError('');
    try {
      await changePassword(current, next);
      setDone(true);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t('auth.offline'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <dialog ref={dialog} className="dialog" aria-labelledby={`${id}-title`} onCancel={onClose}>
      <h2 id={`${id}-title`}>{t('auth.change_password')}</h2>
      <p className="dialog__done" aria-live="polite">
        {done ? t('auth.pw.done') : ''}
      </p>
      {done ? (
        <>
          <div className="dialog__actions">
            <button type="button" className="button" onClick={onClose} autoFocus>
              {t('auth.close')}
            </button>
          </div>
        </>
      ) : (
        <form noValidate onSubmit={(e) => void submit(e)}>
          {/* the user name lets a password manager pair the new password with the account */}
          <input type="text" name="username" autoComplete="username" value={username} readOnly hidden />
          <div className="field">
            <label htmlFor={`${id}-current`}>{t('auth.pw.current')}</label>
            <input
              id={`${id}-current`}
              name="current"
              type="password"
              autoComplete="current-password"
              required
              autoFocus
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-next`}>{t('auth.pw.next')}</label>
            <input
              id={`${id}-next`}
              name="next"
              type="password"
              autoComplete="new-password"
              required
              minLength={10}
              aria-describedby={`${id}-rule`}
            />
            <small id={`${id}-rule`} className="field__hint">
              {t('auth.pw.rule')}
            </small>
          </div>
          <div className="field">
            <label htmlFor={`${id}-again`}>{t('auth.pw.confirm')}</label>
            <input id={`${id}-again`} name="again" type="password" autoComplete="new-password" required />
          </div>
          <p className="form-error" role="alert">
            {error}
          </p>
          <div className="dialog__actions">
            <button type="button" className="button button--quiet" onClick={onClose}>
              {t('auth.cancel')}
            </button>
            <button type="submit" className="button" disabled={busy}>
              {t('auth.pw.save')}
            </button>
          </div>
        </form>
      )}
    </dialog>
  );
}
