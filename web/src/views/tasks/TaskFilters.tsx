// The plan's controls: grouped by lead office or by the plan's section, only one status, only one office, and
// "Việc của tôi" (the tasks of the account's office) for an account that belongs to an office. All in the URL.
import { useId } from 'react';
import { useI18n } from '../../i18n/index.ts';
import type { TasksAnswer } from '../../work/api.ts';
import { TASK_STATUSES, type TasksView } from './tasks-view.ts';

export function TaskFilters({
  answer,
  view,
  setView,
}: {
  answer: TasksAnswer;
  view: TasksView;
  setView: (patch: Partial<TasksView>) => void;
}) {
  const { t } = useI18n();
  const id = useId();
  const several = new Set(answer.offices.map((o) => o.unit_id)).size > 1;
  const mine = answer.offices.find((o) => o.id === answer.my_office);
  return (
    <div className="tasks-filters" role="group" aria-label={t('tasks.filters')}>
      <fieldset className="tasks-switch">
        <legend>{t('tasks.by')}</legend>
        {(['office', 'section'] as const).map((by) => (
          <label key={by} className="tasks-switch__option">
            <input
              type="radio"
              name={`${id}-by`}
              value={by}
              checked={view.by === by}
              onChange={() => setView({ by })}
            />
            {t(`tasks.by.${by}`)}
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-status`}>{t('tasks.filter.status')}</label>
        <select
          id={`${id}-status`}
          value={view.status ?? ''}
          onChange={(e) => setView({ status: (e.target.value || undefined) as TasksView['status'], task: undefined })}
        >
          <option value="">{t('tasks.filter.all_statuses')}</option>
          {TASK_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`work.status.${s}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field tasks-filters__office">
        <label htmlFor={`${id}-office`}>{t('tasks.filter.office')}</label>
        <select
          id={`${id}-office`}
          value={view.office ?? ''}
          onChange={(e) => setView({ office: e.target.value || undefined, task: undefined })}
        >
          <option value="">{t('tasks.filter.all_offices')}</option>
          {answer.offices.map((o) => (
            <option key={o.id} value={o.id}>
              {several ? `${o.name} (${o.unit_name})` : o.name}
            </option>
          ))}
        </select>
      </div>
      {(mine || view.mine) && (
        <label className="tasks-mine">
          <input
            type="checkbox"
            checked={view.mine}
            onChange={(e) => setView({ mine: e.target.checked, task: undefined })}
          />
          <span>
            {t('tasks.mine')} {mine && <span className="tasks-mine__office">({mine.name})</span>}
          </span>
        </label>
      )}
    </div>
  );
}
