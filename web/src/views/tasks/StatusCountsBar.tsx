// The plan's tasks counted by status (the server's counts), each a button that filters the list on it; and the
// day "overdue" is judged on (today in Vietnam, as the server said).
import { useI18n } from '../../i18n/index.ts';
import type { TasksAnswer } from '../../work/api.ts';
import { TASK_STATUSES, type TasksView } from './tasks-view.ts';
import { WorkBadge } from './WorkBadge.tsx';

export function StatusCountsBar({
  counts,
  today,
  view,
  setView,
}: {
  counts: TasksAnswer['counts'];
  today: string;
  view: TasksView;
  setView: (patch: Partial<TasksView>) => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <section className="tasks-counts" aria-labelledby="tasks-counts-title">
      <h2 id="tasks-counts-title" className="tasks-counts__title">
        {t('tasks.counts.title', { today: i18n.date(today) })}
      </h2>
      <ul className="tasks-counts__list">
        {TASK_STATUSES.map((s) => (
          <li key={s}>
            <button
              type="button"
              className={`tasks-count tasks-count--${s}`}
              aria-pressed={view.status === s}
              title={t('tasks.counts.filter', { n: i18n.number(counts[s], 0), status: t(`work.status.${s}`) })}
              onClick={() => setView({ status: view.status === s ? undefined : s, task: undefined })}
            >
              <strong className="tasks-count__n">{i18n.number(counts[s], 0)}</strong>
              <WorkBadge status={s} />
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
