// One import on the import screen: its progress while the server checks or writes it, then its preview
// and errors with "Ghi vào kho dữ liệu" (after a confirmation naming the rows) and "Hủy", and at the end
// what happened: "Đã ghi: phiên bản dữ liệu N" (the live stream's `reset` refreshes the open screens),
// the reason it failed, or that it was undone or discarded.
import { useId, useState } from 'react';
import { ErrorState, LoadingState } from '../../components/States.tsx';
import { useI18n } from '../../i18n/index.ts';
import { importRows, jobMessage } from './import-format.ts';
import { commitImport, discardImport, isActive, type ImportJob } from './imports-api.ts';
import { ImportErrors } from './ImportErrors.tsx';
import { JobProgress } from './ImportProgress.tsx';
import { ImportPreview, labelOr } from './ImportPreview.tsx';
import type { ImportJobState } from './use-import-job.ts';

interface Props {
  id: string;
  state: ImportJobState;
  /** back to the choice of files */
  onClose: () => void;
  onDiscarded: (id: string) => void;
}

export function ImportJobView({ id, state, onClose, onDiscarded }: Props) {
  const i = useI18n();
  const { t } = i;
  const hid = useId();
  const { job, error } = state;
  return (
    <section className="panel import-job" aria-labelledby={`${hid}-title`} data-status={job?.status ?? 'reading'}>
      <div className="import-job__head">
        <h2 id={`${hid}-title`}>
          {t('imports.job', { id })}
          {job && <StatusBadge status={job.status} />}
        </h2>
        {job && (
          <p className="muted">
            {t('imports.job_sub', {
              source: labelOr(i, `imports.source.${job.source}`, job.source),
              who: job.created_by,
              at: i.dateTime(job.created_at),
            })}
          </p>
        )}
      </div>
      {error && <ErrorState error={error} retry={state.retry} />}
      {!job && !error && <LoadingState />}
      {job && <JobBody job={job} state={state} onDiscarded={onDiscarded} />}
      {job && !isActive(job.status) && job.status !== 'preview' && (
        <div className="form-actions import-job__again">
          <button type="button" className="button" onClick={onClose}>
            {t('imports.again')}
          </button>
        </div>
      )}
    </section>
  );
}

export function StatusBadge({ status }: { status: string }) {
  const i = useI18n();
  return (
    <span className={`import-status import-status--${status}`}>{labelOr(i, `imports.status.${status}`, status)}</span>
  );
}

function JobBody({
  job,
  state,
  onDiscarded,
}: {
  job: ImportJob;
  state: ImportJobState;
  onDiscarded: Props['onDiscarded'];
}) {
  const i = useI18n();
  const { t } = i;
  return (
    <>
      <p className="import-result" aria-live="polite">
        {job.status === 'done' && job.data_version !== null && (
          <>
            <strong>{t('imports.done', { version: i.number(job.data_version, 0) })}</strong> {t('imports.done_note')}
          </>
        )}
        {job.status === 'undone' && t('imports.undone_note')}
        {job.status === 'discarded' && t('imports.discarded_note')}
      </p>
      {job.status === 'failed' && (
        <div className="state state--error" role="alert">
          <strong>{t('imports.failed')}</strong>
          {job.message && <span>{jobMessage(job, i.lang)}</span>}
        </div>
      )}
      {isActive(job.status) && <JobProgress progress={job.progress} status={job.status} />}
      {job.preview && !isActive(job.status) && <ImportPreview preview={job.preview} files={job.files} />}
      {(job.status === 'preview' || job.status === 'failed') && <ImportErrors job={job} />}
      {job.status === 'preview' && <Decision job={job} state={state} onDiscarded={onDiscarded} />}
    </>
  );
}

/** "Ghi vào kho dữ liệu" (with its confirmation) and "Hủy" of a checked import. */
function Decision({
  job,
  state,
  onDiscarded,
}: {
  job: ImportJob;
  state: ImportJobState;
  onDiscarded: Props['onDiscarded'];
}) {
  const i = useI18n();
  const { t } = i;
  const hid = useId();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const rows = i.number(importRows(job), 0);
  const act = async (work: () => Promise<void>) => {
    setBusy(true);
    setFailure(null);
    try {
      await work();
    } catch (err) {
      setFailure(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  const commit = () =>
    act(async () => {
      setConfirming(false);
      state.update(await commitImport(job.id));
    });
  const discard = () =>
    act(async () => {
      await discardImport(job.id);
      onDiscarded(job.id);
    });
  return (
    <div className="import-decision">
      {failure && (
        <p className="form-error" role="alert">
          {failure}
        </p>
      )}
      {confirming ? (
        <section className="panel confirm" aria-labelledby={`${hid}-confirm`}>
          <h3 id={`${hid}-confirm`}>{t('imports.commit_title')}</h3>
          <p>{t('imports.commit_confirm', { rows, files: i.number(job.preview?.files.length ?? 0, 0) })}</p>
          <div className="form-actions">
            <button type="button" className="button" onClick={() => void commit()} disabled={busy} autoFocus>
              {t('imports.commit_do', { rows })}
            </button>
            <button type="button" className="button button--quiet" onClick={() => setConfirming(false)}>
              {t('imports.back')}
            </button>
          </div>
        </section>
      ) : (
        <div className="form-actions import-decision__actions">
          {!job.can_commit && <span className="muted">{t('imports.commit_blocked')}</span>}
          <button
            type="button"
            className="button button--quiet"
            onClick={() => void discard()}
            disabled={busy}
            aria-label={t('imports.discard_label', { id: job.id })}
          >
            {t('imports.discard')}
          </button>
          <button
            type="button"
            className="button"
            onClick={() => setConfirming(true)}
            disabled={!job.can_commit || busy}
          >
            {t('imports.commit')}
          </button>
        </div>
      )}
    </div>
  );
}
