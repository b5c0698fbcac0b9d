// Tài khoản: the accounts with role, unit, status and open sessions; create one, change its name,
// role or unit, disable or enable it, reset its password, lift a sign-in lock-out. A new or reset
// password shows once.
import { useState } from 'react';
import {
  createAccount,
  fetchAccounts,
  resetPassword,
  unlockAccount,
  updateAccount,
  type AccountChange,
  type AdminAccount,
  type NewAccount,
} from '../../api/auth.ts';
import { ApiError } from '../../api/client.ts';
import { useAsync } from '../../app/use-async.ts';
import { useMe } from '../../auth/SessionContext.tsx';
import { AsyncView } from '../../charts/ui/panel.tsx';
import { useI18n } from '../../i18n/index.ts';
import { AccountForm } from './AccountForm.tsx';
import { AccountsTable } from './AccountsTable.tsx';
import type { AdminProps } from './AdminScreen.tsx';
import { OneTimePassword } from './OneTimePassword.tsx';
import { KeysTabs } from './KeysTabs.tsx';

type Note = { ok: boolean; text: string } | null;

export default function Accounts({ view, go }: AdminProps) {
  const { t } = useI18n();
  const me = useMe();
  const [version, setVersion] = useState(0);
  const list = useAsync(fetchAccounts, 'accounts', String(version));
  const [note, setNote] = useState<Note>(null);
  const [secret, setSecret] = useState<{ username: string; password: string } | null>(null);
  const [resetting, setResetting] = useState<string | null>(null);
  const reload = () => setVersion((v) => v + 1);
  const editing = list.status === 'ready' ? list.data.find((a) => a.username === view.edit) : undefined;

  /** runs an action; its error shows in the status line (the forms show their own) */
  const act = async (work: () => Promise<string>) => {
    setNote(null);
    try {
      setNote({ ok: true, text: await work() });
    } catch (err) {
      setNote({ ok: false, text: err instanceof ApiError ? err.message : String(err) });
    }
    reload();
  };

  const create = async (a: NewAccount) => {
    const { account, password } = await createAccount(a);
    setSecret({ username: account.username, password });
    setNote({ ok: true, text: t('accounts.created', { username: account.username }) });
    go({ create: false, edit: undefined });
    reload();
  };
  const save = async (account: AdminAccount, change: AccountChange) => {
    if (Object.keys(change).length > 0) await updateAccount(account.username, change);
    setNote({
      ok: true,
      text:
        Object.keys(change).length > 0
          ? t('accounts.updated', { username: account.username })
          : t('accounts.nothing_changed'),
    });
    go({ edit: undefined });
    reload();
  };
  const toggle = (a: AdminAccount) =>
    act(async () => {
      await updateAccount(a.username, { active: !a.active });
      return t(a.active ? 'accounts.disabled_done' : 'accounts.enabled_done', { username: a.username });
    });
  const unlock = (a: AdminAccount) =>
    act(async () => {
      await unlockAccount(a.username);
      return t('accounts.unlocked_done', { username: a.username });
    });
  const reset = (username: string) =>
    act(async () => {
      setResetting(null);
      const { password } = await resetPassword(username);
      setSecret({ username, password });
      return t('accounts.reset_done', { username });
    });

  return (
    <div className="screen admin-screen">
      <KeysTabs view={view} />
      <div className="screen-head">
        <div>
          <h1>{t('accounts.title')}</h1>
          <p className="screen-head__sub">{t('accounts.lead')}</p>
        </div>
        {!view.create && (
          <button type="button" className="button" onClick={() => go({ create: true, edit: undefined })}>
            {t('accounts.new')}
          </button>
        )}
      </div>
      {/* aria-live, not role="status": a status element reads as "still loading" to the settle check of the
          e2e tests and the export renderer */}
      <p className={`admin-note${note && !note.ok ? ' admin-note--error' : ''}`} aria-live="polite">
        {note?.text}
      </p>
      {secret && (
        <OneTimePassword username={secret.username} password={secret.password} onDone={() => setSecret(null)} />
      )}
      {view.create && <AccountForm mode="create" onSubmit={create} onCancel={() => go({ create: false })} />}
      {editing && (
        <AccountForm
          key={editing.username}
          mode="edit"
          account={editing}
          onSubmit={(c) => save(editing, c)}
          onCancel={() => go({ edit: undefined })}
        />
      )}
      {resetting && (
        <section className="panel confirm" aria-labelledby="reset-title">
          <h2 id="reset-title">{t('accounts.reset_label', { username: resetting })}</h2>
          <p>{t('accounts.reset_confirm', { username: resetting })}</p>
          <div className="form-actions">
            <button type="button" className="button button--danger" onClick={() => void reset(resetting)} autoFocus>
              {t('accounts.reset_do')}
            </button>
            <button type="button" className="button button--quiet" onClick={() => setResetting(null)}>
              {t('auth.cancel')}
            </button>
          </div>
        </section>
      )}
      <AsyncView state={list}>
        {(accounts) => (
          <AccountsTable
            accounts={accounts}
            self={me?.account.username ?? ''}
            onEdit={(a) => go({ edit: a.username, create: false })}
            onToggle={(a) => void toggle(a)}
            onReset={(a) => setResetting(a.username)}
            onUnlock={(a) => void unlock(a)}
          />
        )}
      </AsyncView>
    </div>
  );
}
