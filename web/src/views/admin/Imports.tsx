// Nhập dữ liệu (/admin/imports): files dropped or picked are uploaded and checked by the server, their
// preview and errors shown, written to the store on confirmation (or discarded); the history of imports
// with "Hoàn tác" for the last one written. The import shown is in the URL (?job=), so a reload or a
// copied link follows it again.
import { useEffect, useState } from 'react';
import { useAsync } from '../../app/use-async.ts';
import { AsyncView } from '../../charts/ui/panel.tsx';
import { useI18n } from '../../i18n/index.ts';
import { useLiveVersion } from '../../live/LiveProvider.tsx';
import { adminUrl } from '../../state/admin-state.ts';
import type { AdminProps } from './AdminScreen.tsx';
import { fetchImports, type ImportJob } from './imports-api.ts';
import { ImportHistory } from './ImportHistory.tsx';
import { ImportJobView } from './ImportJobView.tsx';
import { ImportUpload } from './ImportUpload.tsx';
import { useImportJob } from './use-import-job.ts';
import './imports.css';

type Note = { ok: boolean; text: string } | null;

/** While an import runs that this page does not follow (the inbox folder's, another admin's), the history is
 * read again this often (ms). */
const HISTORY_MS = 3000;

export default function Imports({ view, go }: AdminProps) {
  const i = useI18n();
  const { t } = i;
  const job = useImportJob(view.job);
  const [note, setNote] = useState<Note>(null);
  const [round, setRound] = useState(0);
  // the history follows the shown import's status, a reset of the store (an import or undo elsewhere)
  const live = useLiveVersion();
  const history = useAsync(fetchImports, 'imports', `${job.job?.status ?? ''}|${live}|${round}`);
  const list = history.status === 'ready' ? history.data : null;
  const running = list?.running ?? null;
  const runningJob = list?.imports.find((j) => j.id === running);
  const runningStatus = runningJob ? t(`imports.status.${runningJob.status}`).toLowerCase() : '…';
  useEffect(() => {
    if (!running) return;
    const timer = setTimeout(() => setRound((r) => r + 1), HISTORY_MS);
    return () => clearTimeout(timer);
  }, [running, list]);

  const open = (id: string | undefined) => {
    setNote(null);
    go({ job: id });
  };
  const undone = (done: ImportJob) => {
    setNote({
      ok: true,
      text: t('imports.undo_done', {
        id: done.id,
        version: done.data_version === null ? '—' : i.number(done.data_version, 0),
      }),
    });
    if (done.id === view.job) job.update(done);
    setRound((r) => r + 1);
  };

  return (
    <div className="screen admin-screen imports-screen">
      <div className="screen-head">
        <div>
          <h1>{t('imports.title')}</h1>
          <p className="screen-head__sub">{t('imports.lead')}</p>
        </div>
      </div>
      {/* aria-live, not role="status" (which the e2e settle check reads as "still loading") */}
      <p className={`admin-note${note && !note.ok ? ' admin-note--error' : ''}`} aria-live="polite">
        {note?.text}
      </p>
      {view.job ? (
        <ImportJobView
          key={view.job}
          id={view.job}
          state={job}
          onClose={() => open(undefined)}
          onDiscarded={(id) => {
            open(undefined);
            setNote({ ok: true, text: t('imports.discarded', { id }) });
          }}
        />
      ) : (
        <>
          {running && (
            <p className="import-running">
              {t('imports.running', { id: running, status: runningStatus })}{' '}
              <a href={adminUrl({ ...view, job: running })}>{t('imports.running_view')}</a>
            </p>
          )}
          <ImportUpload onStarted={open} />
        </>
      )}
      <AsyncView state={history}>
        {(list) => (
          <ImportHistory imports={list.imports} href={(id) => adminUrl({ ...view, job: id })} onUndone={undone} />
        )}
      </AsyncView>
    </div>
  );
}
