// The history of imports, newest first: when (Vietnam time), who, source (upload or inbox folder), files,
// data version, rows, duration and result; "Xem" opens one, "Hoàn tác" (only where the server allows it:
// the last import written) undoes it after a confirmation. A click on a header sorts by that column. On a
// phone each row becomes a card.
import { useId, useState } from 'react';
import { useI18n } from '../../i18n/index.ts';
import { formatDuration, importRows, jobMessage } from './import-format.ts';
import { undoImport, type ImportJob } from './imports-api.ts';
import { StatusBadge } from './ImportJobView.tsx';
import { labelOr } from './ImportPreview.tsx';
import { SortHeader, useSortable } from '../../components/SortableTable.tsx';

/** File names shown in a row before "and n more". */
const SHOWN_FILES = 2;

interface Props {
  imports: readonly ImportJob[];
  /** the link that opens an import on this screen */
  href: (id: string) => string;
  onUndone: (job: ImportJob) => void;
}

export function ImportHistory({ imports, href, onUndone }: Props) {
  const i = useI18n();
  const { t } = i;
  const hid = useId();
  const [undoing, setUndoing] = useState<ImportJob | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const undo = async (job: ImportJob) => {
    setBusy(true);
    setFailure(null);
    try {
      const done = await undoImport(job.id);
      setUndoing(null);
      onUndone(done);
    } catch (err) {
      setFailure(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  const col = (key: string) => t(`imports.h.${key}`);
  const s = useSortable(imports, {
    at: { value: (j) => j.created_at, first: 'desc' },
    who: (j) => (j.source === 'inbox' && j.created_by === 'inbox' ? null : j.created_by),
    source: (j) => labelOr(i, `imports.source.${j.source}`, j.source),
    files: (j) => j.files.map((f) => f.name).join(', '),
    version: { value: (j) => j.data_version, first: 'desc' },
    rows: { value: (j) => importRows(j), first: 'desc' },
    duration: { value: (j) => j.duration_ms, first: 'desc' },
    result: (j) => labelOr(i, `imports.status.${j.status}`, j.status),
  });
  const SORTED = ['at', 'who', 'source', 'files', 'version', 'rows', 'duration', 'result'] as const;

  return (
    <section className="panel import-history" aria-labelledby={`${hid}-title`}>
      <h2 id={`${hid}-title`}>{t('imports.history')}</h2>
      {failure && (
        <p className="form-error" role="alert">
          {failure}
        </p>
      )}
      {undoing && (
        <section className="panel confirm" aria-labelledby={`${hid}-undo`}>
          <h3 id={`${hid}-undo`}>{t('imports.undo_title', { id: undoing.id })}</h3>
          <p>
            {t('imports.undo_confirm', {
              id: undoing.id,
              rows: i.number(importRows(undoing), 0),
              version: undoing.data_version === null ? '—' : i.number(undoing.data_version, 0),
            })}
          </p>
          <div className="form-actions">
            <button
              type="button"
              className="button button--danger"
              disabled={busy}
              onClick={() => void undo(undoing)}
              autoFocus
            >
              {t('imports.undo_do')}
            </button>
            <button type="button" className="button button--quiet" onClick={() => setUndoing(null)}>
              {t('imports.back')}
            </button>
          </div>
        </section>
      )}
      {imports.length === 0 ? (
        <p>{t('imports.history_none')}</p>
      ) : (
        <div className="table-scroll import-history__scroll">
          <table className="data-table import-history__table">
            <thead>
              <tr>
                {SORTED.map((k) => (
                  <SortHeader
                    key={k}
                    {...s.header(k)}
                    className={['version', 'rows', 'duration'].includes(k) ? 'num' : undefined}
                  >
                    {col(k)}
                  </SortHeader>
                ))}
                <th scope="col">{col('actions')}</th>
              </tr>
            </thead>
            <tbody>
              {s.rows.map((job) => (
                <tr key={job.id} data-import={job.id}>
                  <td data-label={col('at')} className="nowrap">
                    {i.dateTime(job.created_at)}
                  </td>
                  <td data-label={col('who')}>
                    {job.source === 'inbox' && job.created_by === 'inbox' ? '—' : job.created_by}
                  </td>
                  <td data-label={col('source')}>{labelOr(i, `imports.source.${job.source}`, job.source)}</td>
                  <td data-label={col('files')} className="import-history__files">
                    <Files job={job} />
                  </td>
                  <td data-label={col('version')} className="num">
                    {job.data_version === null ? '' : i.number(job.data_version, 0)}
                  </td>
                  <td data-label={col('rows')} className="num">
                    {i.number(importRows(job), 0)}
                  </td>
                  <td data-label={col('duration')} className="num">
                    {job.duration_ms === null ? '' : formatDuration(job.duration_ms, i.lang)}
                  </td>
                  <td data-label={col('result')}>
                    <div>
                      <StatusBadge status={job.status} />
                      {job.error_count > 0 && (
                        <span className="muted"> {t('imports.error_count', { n: i.number(job.error_count, 0) })}</span>
                      )}
                      {job.message && job.status !== 'done' && (
                        <span className="import-history__message">{jobMessage(job, i.lang)}</span>
                      )}
                    </div>
                  </td>
                  <td data-label={col('actions')} className="row-actions">
                    <a
                      className="button button--small button--quiet"
                      href={href(job.id)}
                      aria-label={t('imports.open_label', { id: job.id })}
                    >
                      {t('imports.open')}
                    </a>
                    {job.can_undo && (
                      <button
                        type="button"
                        className="button button--small button--danger"
                        onClick={() => setUndoing(job)}
                        aria-label={t('imports.undo_label', { id: job.id })}
                      >
                        {t('imports.undo')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Files({ job }: { job: ImportJob }) {
  const i = useI18n();
  const names = job.files.map((f) => f.name);
  return (
    <span title={names.join('\n')}>
      {names.slice(0, SHOWN_FILES).join(', ')}
      {names.length > SHOWN_FILES && (
        <span className="muted"> {i.t('imports.files_more', { n: i.number(names.length - SHOWN_FILES, 0) })}</span>
      )}
    </span>
  );
}
