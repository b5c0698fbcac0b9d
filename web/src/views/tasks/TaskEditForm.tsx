// An administrator's change of a task (PATCH /api/tasks/:id with a reason): its lead and partner offices (the
// offices of its unit and above, /api/offices), its own deadline (empty: the earliest of its targets) and the
// targets it serves (/api/targets). The server keeps the old and new values in the task's history.
import { useId, useState, type FormEvent } from 'react';
import { ApiError, fetchTargets } from '../../api/client.ts';
import { useAsync } from '../../app/use-async.ts';
import { DateInput } from '../../components/DateInput.tsx';
import { useI18n } from '../../i18n/index.ts';
import { fetchOffices, TEXT_LIMITS, updateTask, type Task, type TaskPatch } from '../../work/api.ts';
import { FormMessages, TextBox } from './FormParts.tsx';

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

export function TaskEditForm({ task, onChanged }: { task: Task; onChanged: (task: Task) => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const id = useId();
  const choices = useAsync(
    () => Promise.all([fetchOffices(task.unit_id), fetchTargets(task.unit_id)]),
    `task-edit|${task.unit_id}`,
  );
  const ids = (list: Task['lead']) => list.flatMap((o) => (o.office_id ? [o.office_id] : []));
  const [lead, setLead] = useState(() => ids(task.lead));
  const [partners, setPartners] = useState(() => ids(task.partners));
  const [targets, setTargets] = useState(() => task.targets.map((g) => g.target_id));
  const own = task.deadline_from === 'task' ? (task.deadline ?? '') : '';
  const [deadline, setDeadline] = useState<string | null>(own);
  const [reason, setReason] = useState('');
  const [error, setError] = useState('');
  const [done, setDone] = useState('');
  const [busy, setBusy] = useState(false);

  const body = (): TaskPatch | string => {
    const b: TaskPatch = {};
    if (!sameSet(lead, ids(task.lead))) b.lead = lead;
    if (!sameSet(partners, ids(task.partners))) b.partners = partners;
    if (
      !sameSet(
        targets,
        task.targets.map((g) => g.target_id),
      )
    )
      b.targets = targets;
    if (deadline === null) return t('tasks.edit.bad_deadline');
    if (deadline !== own) b.deadline = deadline || null;
    if (Object.keys(b).length === 0) return t('tasks.form.nothing');
    if (lead.length === 0) return t('tasks.edit.need_lead');
    if (!reason.trim()) return t('tasks.edit.need_reason');
    return { ...b, reason: reason.trim() };
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
      setReason('');
      setDone(t('tasks.edit.saved', { id: task.task_id }));
      onChanged(saved);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  const toggle = (list: string[], set: (v: string[]) => void, value: string, on: boolean) =>
    set(on ? [...list, value] : list.filter((x) => x !== value));

  if (choices.status !== 'ready') return null;
  const [offices, targetList] = choices.data;
  const officeBoxes = (legend: string, list: string[], set: (v: string[]) => void) => (
    <fieldset className="work-form__choices">
      <legend>{legend}</legend>
      {offices.map((o) => (
        <label key={o.id} className="work-form__choice">
          <input
            type="checkbox"
            checked={list.includes(o.id)}
            onChange={(e) => toggle(list, set, o.id, e.target.checked)}
          />
          {o.unit_id === task.unit_id ? o.name : `${o.name} (${o.unit_name})`}
        </label>
      ))}
    </fieldset>
  );
  return (
    <form className="work-form" onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-title`} noValidate>
      <h5 id={`${id}-title`}>{t('tasks.edit.title', { id: task.task_id })}</h5>
      {task.lead.some((o) => !o.office_id) && <p className="field__hint">{t('tasks.edit.phrase_note')}</p>}
      <div className="work-form__fields">
        {officeBoxes(t('tasks.task.lead'), lead, setLead)}
        {officeBoxes(t('tasks.task.partners'), partners, setPartners)}
        <fieldset className="work-form__choices">
          <legend>{t('tasks.task.targets')}</legend>
          {targetList.targets.map((g) => (
            <label key={g.target_id} className="work-form__choice">
              <input
                type="checkbox"
                checked={targets.includes(g.target_id)}
                onChange={(e) => toggle(targets, setTargets, g.target_id, e.target.checked)}
              />
              <span>
                <strong>{g.target_id}</strong> {i18n.lang === 'en' ? g.title_en : g.title_vi}
              </span>
            </label>
          ))}
        </fieldset>
        <DateInput
          label={t('tasks.edit.deadline')}
          defaultValue={own}
          onChange={setDeadline}
          className="work-form__date"
        />
        <TextBox
          id={`${id}-reason`}
          label={t('tasks.edit.reason')}
          max={TEXT_LIMITS.reason}
          value={reason}
          onChange={setReason}
        />
      </div>
      <FormMessages error={error} done={done} />
      <div className="form-actions work-form__actions">
        <button type="submit" className="button" disabled={busy}>
          {t('tasks.edit.submit')}
        </button>
      </div>
    </form>
  );
}
