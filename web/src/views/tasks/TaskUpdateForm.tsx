// The lead office's (or an administrator's) update of a task: its status, its progress in percent and a note
// (PATCH /api/tasks/:id). The server decides what is allowed and says what was wrong; the form shows it.
import { useId, useState, type FormEvent } from 'react';
import { ApiError } from '../../api/client.ts';
import { useI18n } from '../../i18n/index.ts';
import { TEXT_LIMITS, updateTask, type Task, type TaskPatch } from '../../work/api.ts';
import { FormMessages, TextBox } from './FormParts.tsx';

type SettableStatus = NonNullable<TaskPatch['status']>;
const SETTABLE: readonly SettableStatus[] = ['not_started', 'in_progress', 'done'];

/** noteOnly: a partner office's staff or a leader, who may add a note but not set status or progress. */
export function TaskUpdateForm({
  task,
  onChanged,
  noteOnly = false,
}: {
  task: Task;
  onChanged: (task: Task) => void;
  noteOnly?: boolean;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const id = useId();
  // '' keeps the status as it is (an overdue task's stored status is not shown: overdue is the server's judgment)
  const [status, setStatus] = useState<SettableStatus | ''>('');
  const [progress, setProgress] = useState(task.progress === null ? '' : String(task.progress));
  const [note, setNote] = useState('');
  const [error, setError] = useState('');
  const [done, setDone] = useState('');
  const [busy, setBusy] = useState(false);

  const body = (): TaskPatch | string => {
    const b: TaskPatch = {};
    if (status) b.status = status;
    if (progress.trim() !== '') {
      const n = Number(progress.trim());
      if (!Number.isInteger(n) || n < 0 || n > 100) return t('tasks.form.progress_range');
      if (n !== task.progress) b.progress = n;
    }
    if (note.trim()) b.note = note.trim();
    return Object.keys(b).length ? b : t('tasks.form.nothing');
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const b = body();
    setDone('');
    if (typeof b === 'string') return setError(b);
    setBusy(true);
    setError('');
    try {
      const saved = await updateTask(task.id, b);
      setNote('');
      setStatus('');
      setDone(t('tasks.form.saved', { id: task.task_id }));
      onChanged(saved);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="work-form" onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-title`} noValidate>
      <h5 id={`${id}-title`}>{t(noteOnly ? 'tasks.form.note_title' : 'tasks.form.title', { id: task.task_id })}</h5>
      <div className="work-form__fields">
        {!noteOnly && (
          <>
            <div className="field">
              <label htmlFor={`${id}-status`}>{t('tasks.form.status')}</label>
              <select id={`${id}-status`} value={status} onChange={(e) => setStatus(e.target.value as SettableStatus)}>
                <option value="">{t('tasks.form.keep', { status: t(`work.status.${task.status}`) })}</option>
                {SETTABLE.map((s) => (
                  <option key={s} value={s}>
                    {t(`work.status.${s}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field work-form__narrow">
              <label htmlFor={`${id}-progress`}>{t('tasks.form.progress')}</label>
              <input
                id={`${id}-progress`}
                inputMode="numeric"
                autoComplete="off"
                maxLength={3}
                value={progress}
                onChange={(e) => setProgress(e.target.value)}
              />
            </div>
          </>
        )}
        <TextBox
          id={`${id}-note`}
          label={t('tasks.form.note')}
          max={TEXT_LIMITS.note}
          value={note}
          onChange={setNote}
        />
      </div>
      <FormMessages error={error} done={done} />
      <div className="form-actions work-form__actions">
        <button type="submit" className="button" disabled={busy}>
          {t('tasks.form.submit')}
        </button>
      </div>
    </form>
  );
}
