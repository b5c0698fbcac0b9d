// One page of the audit log as a table (time in Vietnam time, account, action, route, units, rows,
// format, size, hashes) with the pages around it as links (the page is in the URL). A click on a header sorts
// the rows of the page shown (the log itself is newest first, page by page).
import { useMemo } from 'react';
import type { AuditAnswer, AuditRow } from '../../api/auth.ts';
import { useMe } from '../../auth/SessionContext.tsx';
import { unitLabels } from '../../auth/session.ts';
import { useI18n } from '../../i18n/index.ts';
import { adminUrl, pageCount, shortHash, type AuditFilters } from '../../state/admin-state.ts';
import { SortHeader, useSortable } from '../../components/SortableTable.tsx';

const SHOWN_UNITS = 3;

interface Props {
  answer: AuditAnswer;
  filters: AuditFilters;
  pageSize: number;
}

export function AuditTable({ answer, filters, pageSize }: Props) {
  const i = useI18n();
  const { t } = i;
  const me = useMe();
  const labels = useMemo(() => unitLabels(me?.units ?? []), [me]);
  const pages = pageCount(answer.total, pageSize);
  const first = (filters.page - 1) * pageSize + 1;
  const s = useSortable(answer.rows, {
    seq: { value: (r) => r.seq, first: 'desc' },
    at: { value: (r) => r.at, first: 'desc' },
    account: (r) => r.account,
    action: (r) => t(`audit.action.${r.action}`),
    route: (r) => r.route,
    units: (r) => r.units.map((u) => labels.get(u) ?? u).join(', '),
    rows: { value: (r) => r.rows, first: 'desc' },
    format: (r) => r.format,
    bytes: { value: (r) => r.bytes, first: 'desc' },
  });
  if (answer.rows.length === 0) return <p className="panel">{t('audit.none')}</p>;
  const pager = (
    <nav className="pager" aria-label={t('audit.pages')}>
      <PageLink page={filters.page - 1} pages={pages} label={t('audit.prev')} filters={filters} />
      <span>{t('audit.page', { page: filters.page, pages })}</span>
      <PageLink page={filters.page + 1} pages={pages} label={t('audit.next')} filters={filters} />
    </nav>
  );
  return (
    <section className="panel" aria-labelledby="audit-rows">
      <h2 id="audit-rows" className="audit-count">
        {t('audit.showing', {
          from: i.number(first, 0),
          to: i.number(first + answer.rows.length - 1, 0),
          total: i.number(answer.total, 0),
        })}
      </h2>
      {pager}
      <p className="audit-sort-note muted">{t('analyst.sort.page_note')}</p>
      <div className="table-scroll">
        <table className="data-table audit-table" aria-label={t('audit.table')}>
          <thead>
            <tr>
              <SortHeader {...s.header('seq')} className="num">
                {t('audit.col.seq')}
              </SortHeader>
              <SortHeader {...s.header('at')}>{t('audit.col.at')}</SortHeader>
              <SortHeader {...s.header('account')}>{t('audit.col.account')}</SortHeader>
              <SortHeader {...s.header('action')}>{t('audit.col.action')}</SortHeader>
              <SortHeader {...s.header('route')}>{t('audit.col.route')}</SortHeader>
              <SortHeader {...s.header('units')}>{t('audit.col.units')}</SortHeader>
              <SortHeader {...s.header('rows')} className="num">
                {t('audit.col.rows')}
              </SortHeader>
              <SortHeader {...s.header('format')}>{t('audit.col.format')}</SortHeader>
              <SortHeader {...s.header('bytes')} className="num">
                {t('audit.col.bytes')}
              </SortHeader>
              <th scope="col">{t('audit.col.hash')}</th>
            </tr>
          </thead>
          <tbody>
            {s.rows.map((r) => (
              <AuditLine key={r.seq} row={r} labels={labels} />
            ))}
          </tbody>
        </table>
      </div>
      {pager}
    </section>
  );
}

function AuditLine({ row: r, labels }: { row: AuditRow; labels: Map<string, string> }) {
  const i = useI18n();
  const { t } = i;
  const names = r.units.map((u) => labels.get(u) ?? u);
  const action = t(`audit.action.${r.action}`);
  return (
    <tr className={`audit-row audit-row--${r.action}`} data-seq={r.seq}>
      <td className="num">{r.seq}</td>
      <td className="nowrap">{i.dateTime(r.at)}</td>
      <td>{r.account ?? <span className="muted">{t('audit.anonymous')}</span>}</td>
      <td>
        <span className="audit-action">{action.startsWith('audit.action.') ? r.action : action}</span>
        {r.status !== null && <span className="muted"> · {r.status}</span>}
        {r.detail && <span className="audit-detail">{r.detail}</span>}
      </td>
      <td className="audit-route">
        {r.method && <span className="muted">{r.method} </span>}
        {r.route}
      </td>
      <td>
        {names.slice(0, SHOWN_UNITS).join(', ')}
        {names.length > SHOWN_UNITS && (
          <span className="muted"> {t('audit.more_units', { n: names.length - SHOWN_UNITS })}</span>
        )}
      </td>
      <td className="num">{r.rows === null ? '' : i.number(r.rows, 0)}</td>
      <td>{r.format?.toUpperCase()}</td>
      <td className="num">{r.bytes === null ? '' : i.bytes(r.bytes)}</td>
      <td className="audit-hash">
        <code title={r.hash}>{shortHash(r.hash)}</code>
        {r.sha256 && <span className="muted">{t('audit.file_hash', { hash: shortHash(r.sha256) })}</span>}
      </td>
    </tr>
  );
}

/** A link to another page of the log (the shell opens it without a reload), or its label greyed. */
function PageLink({
  page,
  pages,
  label,
  filters,
}: {
  page: number;
  pages: number;
  label: string;
  filters: AuditFilters;
}) {
  const { lang } = useI18n();
  if (page < 1 || page > pages)
    return (
      <span className="pager__off" aria-hidden="true">
        {label}
      </span>
    );
  return <a href={adminUrl({ screen: 'audit', lang, audit: { ...filters, page }, create: false })}>{label}</a>;
}
