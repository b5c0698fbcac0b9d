// Nhật ký truy cập: the audit log filtered by day range (Vietnam days), account, action and unit,
// paged, newest first; whether its hash chain is intact; "Xuất CSV" downloads the same filters. The days are
// typed dd/mm/yyyy in every browser (components/DateInput.tsx); one that cannot be read stops the filter.
import { useId, type FormEvent } from 'react';
import { fetchAccounts, fetchAudit } from '../../api/auth.ts';
import { useAsync } from '../../app/use-async.ts';
import { useMe } from '../../auth/SessionContext.tsx';
import { sortedUnits, unitLabels } from '../../auth/session.ts';
import { AsyncView } from '../../charts/ui/panel.tsx';
import { useI18n } from '../../i18n/index.ts';
import { AUDIT_ACTIONS, AUDIT_PAGE, auditCsvUrl, auditQuery, type AuditFilters } from '../../state/admin-state.ts';
import type { AdminProps } from './AdminScreen.tsx';
import { AuditTable } from './AuditTable.tsx';
import { DateInput } from '../../components/DateInput.tsx';

export default function Audit({ view, go }: AdminProps) {
  const { t } = useI18n();
  const f = view.audit;
  const query = auditQuery(f);
  const answer = useAsync(() => fetchAudit(query), `audit|${query}`);
  const accounts = useAsync(fetchAccounts, 'audit-accounts');

  return (
    <div className="screen admin-screen">
      <div className="screen-head">
        <div>
          <h1>{t('audit.title')}</h1>
          <p className="screen-head__sub">{t('audit.lead')}</p>
        </div>
        <a className="button" href={auditCsvUrl(f)} download>
          {t('audit.csv')}
        </a>
      </div>
      <AuditFilterForm
        key={query}
        filters={f}
        accounts={accounts.status === 'ready' ? accounts.data.map((a) => a.username) : []}
        onApply={(audit) => go({ audit })}
      />
      <AsyncView state={answer}>
        {(a) => (
          <>
            <p className={`audit-chain audit-chain--${a.chain.ok ? 'ok' : 'broken'}`} data-testid="audit-chain">
              {a.chain.ok
                ? t('audit.chain_ok', { n: a.chain.rows })
                : t('audit.chain_broken', { seq: a.chain.broken_at ?? '?', n: a.chain.rows })}
            </p>
            <AuditTable answer={a} filters={f} pageSize={AUDIT_PAGE} />
          </>
        )}
      </AsyncView>
    </div>
  );
}

function AuditFilterForm({
  filters,
  accounts,
  onApply,
}: {
  filters: AuditFilters;
  accounts: string[];
  onApply: (f: AuditFilters) => void;
}) {
  const { t } = useI18n();
  const me = useMe();
  const id = useId();
  const units = sortedUnits(me?.units ?? []);
  const labels = unitLabels(units);
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const val = (k: string) => {
      const v = form.get(k);
      return (typeof v === 'string' ? v : '').trim() || undefined;
    };
    onApply({
      from: val('from'),
      to: val('to'),
      account: val('account'),
      action: val('action'),
      unit: val('unit'),
      page: 1,
    });
  };
  return (
    <form className="panel audit-filters" onSubmit={submit} aria-label={t('audit.filters')}>
      <DateInput id={`${id}-from`} name="from" label={t('audit.from')} defaultValue={filters.from} />
      <DateInput id={`${id}-to`} name="to" label={t('audit.to')} defaultValue={filters.to} />
      <div className="field">
        <label htmlFor={`${id}-account`}>{t('audit.account')}</label>
        <input
          id={`${id}-account`}
          name="account"
          list={`${id}-accounts`}
          autoComplete="off"
          defaultValue={filters.account}
          placeholder={t('audit.all')}
        />
        <datalist id={`${id}-accounts`}>
          {accounts.map((a) => (
            <option key={a} value={a} />
          ))}
        </datalist>
      </div>
      <div className="field">
        <label htmlFor={`${id}-action`}>{t('audit.action')}</label>
        <select id={`${id}-action`} name="action" defaultValue={filters.action ?? ''}>
          <option value="">{t('audit.all')}</option>
          {AUDIT_ACTIONS.map((a) => (
            <option key={a} value={a}>
              {t(`audit.action.${a}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-unit`}>{t('audit.unit')}</label>
        <select id={`${id}-unit`} name="unit" defaultValue={filters.unit ?? ''}>
          <option value="">{t('audit.all')}</option>
          {units.map((u) => (
            <option key={u.unit_id} value={u.unit_id}>
              {labels.get(u.unit_id)}
            </option>
          ))}
        </select>
      </div>
      <div className="form-actions">
        <button type="submit" className="button">
          {t('audit.apply')}
        </button>
        <button type="button" className="button button--quiet" onClick={() => onApply({ page: 1 })}>
          {t('audit.clear')}
        </button>
      </div>
    </form>
  );
}
