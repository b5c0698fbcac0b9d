// A directive's detail under its card: what it asks in full, who issued it and when, where it was issued from (a
// link back to that view), the task it belongs to, its history, and the actions the server allows this account
// now (Directive.actions): acknowledge, progress with a percent and a note, done, accept, reopen or withdraw with
// a reason (POST /api/directives/:id/updates).
import { useId, useState, type FormEvent } from 'react';
import { ApiError } from '../../api/client.ts';
import { availableIds } from '../../app/screens.ts';
import { useI18n } from '../../i18n/index.ts';
import { TEXT_LIMITS, updateDirective, type Directive, type DirectiveAction } from '../../work/api.ts';
import { viewPath } from './tasks-view.ts';
import { UpdatesList } from './UpdatesList.tsx';
import { FormMessages, TextBox } from './FormParts.tsx';

export function DirectiveDetail({
  directive: d,
  onChanged,
}: {
  directive: Directive;
  onChanged: (d: Directive) => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const from = viewPath(d.view, availableIds());
  return (
    <div className="task-detail">
      {d.detail && <p className="task-detail__text">{d.detail}</p>}
      <p className="task-detail__meta">
        {t('tasks.directive.issued', { by: d.issued_by_name, at: i18n.dateTime(d.issued_at) })}
        {' · '}
        {t('tasks.directive.source', { source: t(`tasks.source.${d.source}`) })}
        {from && (
          <>
            {' · '}
            <a href={from}>{t('tasks.directive.open_view')}</a>
          </>
        )}
        {d.task_id && <> · {t('tasks.directive.task', { id: d.task_id })}</>}
        {d.target_id && <> · {t('tasks.directive.target', { id: d.target_id })}</>}
      </p>
      <h4 className="task-detail__h">{t('tasks.detail.updates')}</h4>
      <UpdatesList updates={d.updates} kind="directive" />
      {d.actions.length > 0 && <DirectiveActions directive={d} onChanged={onChanged} />}
    </div>
  );
}

const ORDER: readonly DirectiveAction[] = ['acknowledge', 'progress', 'done', 'accept', 'reopen', 'withdraw'];
/** actions that need a note: the reason */
const NEEDS_REASON: readonly DirectiveAction[] = ['reopen', 'withdraw'];

function DirectiveActions({ directive: d, onChanged }: { directive: Directive; onChanged: (d: Directive) => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const id = useId();
  const allowed = ORDER.filter((a) => d.actions.includes(a));
  const [progress, setProgress] = useState(d.progress === null ? '' : String(d.progress));
  const [note, setNote] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [action, setAction] = useState<DirectiveAction | null>(null);

  const run = async (a: DirectiveAction) => {
    setError('');
    const text = note.trim();
    if (NEEDS_REASON.includes(a) && !text) return setError(t('tasks.directive.need_reason', { action: act(a) }));
    const body: { action: DirectiveAction; note?: string; progress?: number } = { action: a };
    if (text) body.note = text;
    if (a === 'progress') {
      const n = Number(progress.trim());
      if (progress.trim() === '' || !Number.isInteger(n) || n < 0 || n > 100)
        return setError(t('tasks.form.progress_range'));
      body.progress = n;
    }
    setBusy(true);
    setAction(a);
    try {
      const saved = await updateDirective(d.id, body);
      setNote('');
      onChanged(saved);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
      setAction(null);
    }
  };
  const act = (a: DirectiveAction) => t(`tasks.directive.action.${a}`);
  const submit = (e: FormEvent) => e.preventDefault();

  return (
    <form className="work-form" onSubmit={submit} aria-labelledby={`${id}-title`} noValidate>
      <h4 id={`${id}-title`} className="task-detail__h">
        {t('tasks.directive.actions', { id: d.id })}
      </h4>
      <div className="work-form__fields">
        {allowed.includes('progress') && (
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
        )}
        <TextBox
          id={`${id}-note`}
          label={t(allowed.some((a) => NEEDS_REASON.includes(a)) ? 'tasks.directive.note_reason' : 'tasks.form.note')}
          max={TEXT_LIMITS.note}
          value={note}
          onChange={setNote}
        />
      </div>
      <FormMessages error={error} />
      <div className="form-actions work-form__actions">
        {allowed.map((a) => (
          <button
            key={a}
            type="button"
            className={`button${NEEDS_REASON.includes(a) ? ' button--quiet' : ''}`}
            disabled={busy}
            aria-busy={action === a || undefined}
            onClick={() => void run(a)}
          >
            {act(a)}
          </button>
        ))}
      </div>
    </form>
  );
}
