// The form of an account: creating one (user name, name, role, unit, optional password) or changing
// one (name, role, unit). Units offered: those the administrator sees in detail, plus the account's
// current unit. Errors from the server show in the form's alert.
import { useId, useState, type FormEvent } from 'react';
import type { AccountChange, AdminAccount, NewAccount, Role } from '../../api/auth.ts';
import { ApiError } from '../../api/client.ts';
import { useMe } from '../../auth/SessionContext.tsx';
import { ROLES, roleKey, sortedUnits, unitLabels } from '../../auth/session.ts';
import { useI18n } from '../../i18n/index.ts';

type Props =
  | { mode: 'create'; onSubmit: (a: NewAccount) => Promise<void>; onCancel: () => void }
  | { mode: 'edit'; account: AdminAccount; onSubmit: (change: AccountChange) => Promise<void>; onCancel: () => void };

export function AccountForm(props: Props) {
  const { t } = useI18n();
  const me = useMe();
  const id = useId();
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const account = props.mode === 'edit' ? props.account : null;
  const units = sortedUnits((me?.units ?? []).filter((u) => !u.totals_only));
  if (account && !units.some((u) => u.unit_id === account.unit_id))
    units.unshift({ unit_id: account.unit_id, name: account.unit_name, level: '', totals_only: false });
  const labels = unitLabels(units);

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const text = (k: string) => {
      const v = f.get(k);
      return typeof v === 'string' ? v : '';
    };
    const val = (k: string) => text(k).trim();
    setBusy(true);
    setError('');
    try {
      if (props.mode === 'create') {
        const password = text('password');
        await props.onSubmit({
          username: val('username').toLowerCase(),
          display_name: val('display_name'),
          role: val('role') as Role,
          unit_id: val('unit_id'),
          ...(password ? { password } : {}),
        });
      } else {
        const change: AccountChange = {};
        if (val('display_name') !== props.account.display_name) change.display_name = val('display_name');
        if (val('role') !== props.account.role) change.role = val('role') as Role;
        if (val('unit_id') !== props.account.unit_id) change.unit_id = val('unit_id');
        await props.onSubmit(change);
      }
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
      setBusy(false);
    }
  };

  const title = account ? t('accounts.edit_title', { username: account.username }) : t('accounts.new');
  return (
    <form className="panel account-form" onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-title`} noValidate>
      <h2 id={`${id}-title`}>{title}</h2>
      <div className="account-form__fields">
        {!account && (
          <div className="field">
            <label htmlFor={`${id}-username`}>{t('accounts.col.username')}</label>
            <input
              id={`${id}-username`}
              name="username"
              required
              autoComplete="off"
              autoCapitalize="none"
              spellCheck={false}
              pattern="[a-z0-9][a-z0-9._\-]{2,31}"
              aria-describedby={`${id}-username-rule`}
              autoFocus
            />
            <small id={`${id}-username-rule`} className="field__hint">
              {t('accounts.username_rule')}
            </small>
          </div>
        )}
        <div className="field">
          <label htmlFor={`${id}-name`}>{t('accounts.col.name')}</label>
          <input
            id={`${id}-name`}
            name="display_name"
            required
            autoComplete="off"
            defaultValue={account?.display_name}
            autoFocus={!!account}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-role`}>{t('accounts.col.role')}</label>
          <select id={`${id}-role`} name="role" defaultValue={account?.role ?? 'leader'}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(roleKey(r))}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-unit`}>{t('accounts.col.unit')}</label>
          <select id={`${id}-unit`} name="unit_id" defaultValue={account?.unit_id ?? me?.account.unit_id}>
            {units.map((u) => (
              <option key={u.unit_id} value={u.unit_id}>
                {labels.get(u.unit_id)}
              </option>
            ))}
          </select>
        </div>
        {!account && (
          <div className="field">
            <label htmlFor={`${id}-password`}>{t('accounts.password_optional')}</label>
            <input
              id={`${id}-password`}
              name="password"
              type="password"
              autoComplete="new-password"
              aria-describedby={`${id}-password-rule`}
            />
            <small id={`${id}-password-rule`} className="field__hint">
              {t('auth.pw.rule')}
            </small>
          </div>
        )}
      </div>
      <p className="form-error" role="alert">
        {error}
      </p>
      <div className="form-actions">
        <button type="submit" className="button" disabled={busy}>
          {account ? t('accounts.save') : t('accounts.create')}
        </button>
        <button type="button" className="button button--quiet" onClick={props.onCancel}>
          {t('auth.cancel')}
        </button>
      </div>
    </form>
  );
}
