// The accounts as a table: user name, name, role, unit, status (a sign-in lock-out too), open sessions
// and the actions on each; sorted by a click on a column header.
import type { AdminAccount } from '../../api/auth.ts';
import { roleKey } from '../../auth/session.ts';
import { useI18n } from '../../i18n/index.ts';
import { SortHeader, useSortable } from '../../components/SortableTable.tsx';

interface Props {
  accounts: AdminAccount[];
  /** the administrator's own user name: they cannot disable themselves */
  self: string;
  onEdit: (a: AdminAccount) => void;
  onToggle: (a: AdminAccount) => void;
  onReset: (a: AdminAccount) => void;
  onUnlock: (a: AdminAccount) => void;
}

export function AccountsTable({ accounts, self, onEdit, onToggle, onReset, onUnlock }: Props) {
  const { t, number, dateTime } = useI18n();
  const s = useSortable(accounts, {
    username: (a) => a.username,
    name: (a) => a.display_name,
    role: (a) => t(roleKey(a.role)),
    unit: (a) => a.unit_name,
    status: (a) => `${t(a.active ? 'accounts.active' : 'accounts.disabled')}${a.locked_until ? ' ·' : ''}`,
    sessions: { value: (a) => a.sessions, first: 'desc' },
  });
  return (
    <section className="panel" aria-labelledby="accounts-list">
      <h2 id="accounts-list">{t('accounts.list', { n: accounts.length })}</h2>
      <div className="table-scroll">
        <table className="data-table accounts-table">
          <thead>
            <tr>
              <SortHeader {...s.header('username')}>{t('accounts.col.username')}</SortHeader>
              <SortHeader {...s.header('name')}>{t('accounts.col.name')}</SortHeader>
              <SortHeader {...s.header('role')}>{t('accounts.col.role')}</SortHeader>
              <SortHeader {...s.header('unit')}>{t('accounts.col.unit')}</SortHeader>
              <SortHeader {...s.header('status')}>{t('accounts.col.status')}</SortHeader>
              <SortHeader {...s.header('sessions')} className="num">
                {t('accounts.col.sessions')}
              </SortHeader>
              <th scope="col">{t('accounts.col.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {s.rows.map((a) => (
              <tr key={a.username} data-username={a.username}>
                <th scope="row">
                  <code>{a.username}</code> {a.username === self && <span className="muted">{t('accounts.you')}</span>}
                  {a.demo && <span className="tag">{t('accounts.demo')}</span>}
                </th>
                <td>{a.display_name}</td>
                <td>{t(roleKey(a.role))}</td>
                <td>{a.unit_name}</td>
                <td>
                  <span className={`account-status account-status--${a.active ? 'active' : 'disabled'}`}>
                    {t(a.active ? 'accounts.active' : 'accounts.disabled')}
                  </span>
                  {a.locked_until && (
                    <span className="account-status account-status--disabled">
                      {' · '}
                      {t('accounts.locked', { until: dateTime(a.locked_until) })}
                    </span>
                  )}
                </td>
                <td className="num">{number(a.sessions, 0)}</td>
                <td className="row-actions">
                  <button
                    type="button"
                    className="button button--small"
                    onClick={() => onEdit(a)}
                    aria-label={t('accounts.edit_label', { username: a.username })}
                  >
                    {t('accounts.edit')}
                  </button>
                  {a.username !== self && (
                    <button
                      type="button"
                      className="button button--small button--quiet"
                      onClick={() => onToggle(a)}
                      aria-label={`${t(a.active ? 'accounts.disable' : 'accounts.enable')} ${a.username}`}
                    >
                      {t(a.active ? 'accounts.disable' : 'accounts.enable')}
                    </button>
                  )}
                  <button
                    type="button"
                    className="button button--small button--quiet"
                    onClick={() => onReset(a)}
                    aria-label={t('accounts.reset_label', { username: a.username })}
                  >
                    {t('accounts.reset')}
                  </button>
                  {a.locked_until && (
                    <button
                      type="button"
                      className="button button--small"
                      onClick={() => onUnlock(a)}
                      aria-label={t('accounts.unlock_label', { username: a.username })}
                    >
                      {t('accounts.unlock')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
