// The API keys as a table: the system and its agency, units, domains, expiry, allowed addresses, last use and
// state (active, expired, revoked: who revoked it and when), with "Thu hồi" on each active key; sorted by a
// click on a column header.
import { Fragment } from 'react';
import { useI18n } from '../../i18n/index.ts';
import { SortHeader, useSortable } from '../../components/SortableTable.tsx';
import { DOMAINS, type AdminKey } from './keys-api.ts';

interface Props {
  keys: AdminKey[];
  onRevoke: (k: AdminKey) => void;
}

const STATE_ORDER = { active: 0, expired: 1, revoked: 2 } as const;

export function KeysTable({ keys, onRevoke }: Props) {
  const { t, date, dateTime } = useI18n();
  const s = useSortable(keys, {
    name: (k) => k.name,
    agency: (k) => k.agency,
    expires: (k) => k.expires,
    used: { value: (k) => k.last_used_at ?? '', first: 'desc' },
    state: (k) => STATE_ORDER[k.state],
  });
  if (keys.length === 0)
    return (
      <section className="panel" aria-labelledby="keys-list">
        <h2 id="keys-list">{t('keys.list', { n: 0 })}</h2>
        <p className="muted">{t('keys.none')}</p>
      </section>
    );
  return (
    <section className="panel" aria-labelledby="keys-list">
      <h2 id="keys-list">{t('keys.list', { n: keys.length })}</h2>
      <div className="table-scroll">
        <table className="data-table keys-table">
          <thead>
            <tr>
              <SortHeader {...s.header('name')}>{t('keys.col.name')}</SortHeader>
              <SortHeader {...s.header('agency')}>{t('keys.col.agency')}</SortHeader>
              <th scope="col">{t('keys.col.units')}</th>
              <th scope="col">{t('keys.col.domains')}</th>
              <SortHeader {...s.header('expires')}>{t('keys.col.expires')}</SortHeader>
              <th scope="col">{t('keys.col.allowed')}</th>
              <SortHeader {...s.header('used')}>{t('keys.col.used')}</SortHeader>
              <SortHeader {...s.header('state')}>{t('keys.col.state')}</SortHeader>
              <th scope="col">{t('keys.col.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {s.rows.map((k) => (
              <tr key={k.id} data-key={k.id}>
                <th scope="row">
                  {k.name}
                  <div className="muted key-meta">
                    <code>{k.id}</code> · {t('keys.created_by', { at: dateTime(k.created_at), by: k.created_by })}
                  </div>
                </th>
                <td data-label={t('keys.col.agency')}>{k.agency}</td>
                <td data-label={t('keys.col.units')}>{k.unit_names.join(', ')}</td>
                <td data-label={t('keys.col.domains')}>
                  {DOMAINS.filter((d) => k.domains.includes(d))
                    .map((d) => t(`keys.domain.${d}`))
                    .join(', ')}
                </td>
                <td className="nowrap" data-label={t('keys.col.expires')}>
                  {date(k.expires)}
                </td>
                <td data-label={t('keys.col.allowed')}>
                  {k.allowed.length > 0 ? (
                    k.allowed.map((a, i) => (
                      <Fragment key={a}>
                        {i > 0 && <span className="key-sep">, </span>}
                        <code className="key-addresses">{a}</code>
                      </Fragment>
                    ))
                  ) : (
                    <span className="muted">{t('keys.any_address')}</span>
                  )}
                </td>
                <td className="nowrap" data-label={t('keys.col.used')}>
                  {k.last_used_at ? dateTime(k.last_used_at) : <span className="muted">{t('keys.never_used')}</span>}
                </td>
                <td data-label={t('keys.col.state')}>
                  <span className={`key-state key-state--${k.state}`}>{t(`keys.state.${k.state}`)}</span>
                  {k.revoked_at && (
                    <div className="muted key-meta">
                      {t('keys.revoked_on', { at: dateTime(k.revoked_at), by: k.revoked_by ?? '' })}
                    </div>
                  )}
                </td>
                <td>
                  {k.state !== 'revoked' && (
                    <button
                      type="button"
                      className="button button--small button--quiet"
                      onClick={() => onRevoke(k)}
                      aria-label={t('keys.revoke_label', { name: k.name })}
                    >
                      {t('keys.revoke')}
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
