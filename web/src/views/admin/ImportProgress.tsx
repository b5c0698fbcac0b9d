// The progress of an upload or of an import on the server: a bar (role=progressbar, the percent in
// aria-valuenow, the words in aria-valuetext), rows or bytes done of their total, the file being read,
// the time elapsed and about how long is left (vi-VN words).
import { useI18n } from '../../i18n/index.ts';
import { formatDuration, progressShare, roughRemaining } from './import-format.ts';
import type { ImportProgress as Progress } from './imports-api.ts';

export function ProgressBar({ label, percent, text }: { label: string; percent: number | null; text: string }) {
  return (
    <div
      className={`import-bar${percent === null ? ' import-bar--busy' : ''}`}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent ?? undefined}
      aria-valuetext={text}
    >
      <span className="import-bar__fill" style={percent === null ? undefined : { width: `${percent}%` }} />
    </div>
  );
}

/** The bytes of an upload sent so far. */
export function UploadProgress({ loaded, total }: { loaded: number; total: number }) {
  const i = useI18n();
  const percent = total > 0 ? Math.min(100, Math.floor((loaded / total) * 100)) : null;
  const text = total > 0 ? i.t('imports.bytes_of', { done: i.bytes(loaded), total: i.bytes(total) }) : i.bytes(loaded);
  return (
    <div className="import-progress">
      <p className="import-progress__phase">
        {i.t('imports.phase.upload')}
        {percent !== null && <span className="import-progress__pct"> {i.number(percent, 0)} %</span>}
      </p>
      <ProgressBar label={i.t('imports.upload_progress')} percent={percent} text={text} />
      <p className="import-progress__facts">{text}</p>
    </div>
  );
}

/** A working import's progress as the server reports it. */
export function JobProgress({ progress: p, status }: { progress: Progress; status: string }) {
  const i = useI18n();
  const share = progressShare(p);
  const phase = i.t(`imports.phase.${status === 'loading' ? 'loading' : p.phase}`);
  const amount =
    share.unit === 'bytes' && share.total !== null
      ? i.t('imports.bytes_of', { done: i.bytes(share.done), total: i.bytes(share.total) })
      : share.total !== null
        ? i.t('imports.rows_of', { done: i.number(share.done, 0), total: i.number(share.total, 0) })
        : i.t('imports.rows_read', { done: i.number(share.done, 0) });
  const time = [
    i.t('imports.elapsed', { time: formatDuration(p.elapsed_ms, i.lang) }),
    p.remaining_ms === null
      ? i.t('imports.estimating')
      : i.t('imports.remaining', { time: formatDuration(roughRemaining(p.remaining_ms), i.lang) }),
  ].join(' · ');
  return (
    <div className="import-progress">
      <p className="import-progress__phase">
        {phase.startsWith('imports.phase.') ? p.phase : phase}
        {share.percent !== null && <span className="import-progress__pct"> {i.number(share.percent, 0)} %</span>}
      </p>
      <ProgressBar label={i.t('imports.progress')} percent={share.percent} text={`${amount}, ${time}`} />
      <p className="import-progress__facts">
        <span>{amount}</span>
        {p.current_file && <span>{i.t('imports.current_file', { file: p.current_file })}</span>}
        <span>{time}</span>
      </p>
    </div>
  );
}
