// The errors of an import: a table of file, sheet, row, column and reason, sorted by a click on a
// column header (aria-sort says how), the total when the server sent only the first ones, and the
// link "Tải lỗi (CSV)" to all of them.
import { useId, useMemo, useState } from 'react';
import { useI18n } from '../../i18n/index.ts';
import { ERROR_KEYS, nextSort, sortErrors, type ErrorKey, type ErrorSort } from './import-format.ts';
import { errorsCsvUrl, type ImportJob } from './imports-api.ts';

const ARIA_SORT = { asc: 'ascending', desc: 'descending' } as const;

export function ImportErrors({ job }: { job: Pick<ImportJob, 'id' | 'errors' | 'error_count'> }) {
  const i = useI18n();
  const { t } = i;
  const id = useId();
  const [sort, setSort] = useState<ErrorSort>({ key: 'file', dir: 'asc' });
  const rows = useMemo(() => sortErrors(job.errors, sort), [job.errors, sort]);
  const total = Math.max(job.error_count, job.errors.length);
  if (total === 0) return <p className="import-ok">{t('imports.errors_none')}</p>;
  const hasSheets = job.errors.some((e) => e.sheet);
  const keys = ERROR_KEYS.filter((k) => k !== 'sheet' || hasSheets);

  const header = (key: ErrorKey) => (
    <th
      key={key}
      scope="col"
      className={key === 'line' ? 'num' : undefined}
      aria-sort={sort.key === key ? ARIA_SORT[sort.dir] : undefined}
    >
      <button type="button" className="sort-button" onClick={() => setSort(nextSort(sort, key))}>
        {t(`imports.col.${key}`)}
        <span className="sort-button__mark" aria-hidden="true">
          {sort.key === key ? (sort.dir === 'asc' ? '▲' : '▼') : '↕'}
        </span>
      </button>
    </th>
  );

  return (
    <section className="import-errors" aria-labelledby={`${id}-title`}>
      <div className="import-errors__head">
        <h3 id={`${id}-title`}>{t('imports.errors', { n: i.number(total, 0) })}</h3>
        <a className="button button--quiet" href={errorsCsvUrl(job.id)} download>
          {t('imports.errors_csv')}
        </a>
      </div>
      <p className="import-errors__note">{t('imports.errors_block')}</p>
      {total > job.errors.length && (
        <p className="import-errors__note" data-testid="errors-shown">
          {t('imports.errors_shown', { shown: i.number(job.errors.length, 0), total: i.number(total, 0) })}
        </p>
      )}
      <div className="table-scroll import-scroll">
        <table className="data-table import-errors__table" aria-label={t('imports.errors_table')}>
          <thead>
            <tr>{keys.map(header)}</tr>
          </thead>
          <tbody>
            {rows.map((e, n) => (
              <tr key={`${e.file}|${e.sheet ?? ''}|${e.line}|${e.column}|${n}`}>
                <td className="import-errors__file">{e.file}</td>
                {hasSheets && <td>{e.sheet ?? ''}</td>}
                <td className="num">{i.number(e.line, 0)}</td>
                <td>
                  <code>{e.column}</code>
                </td>
                <td>{e.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
