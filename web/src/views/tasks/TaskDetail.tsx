// A task's detail under its card: the targets it serves with their value, goal, deadline and status for the unit
// now, the plan's note, its history of updates, and the forms the server allows this account (can_update: status,
// progress and a note; can_edit: an administrator's change of offices, deadline and targets, with a reason).
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { comparatorSign, targetValueText } from '../../components/target-text.ts';
import { useI18n, type I18n } from '../../i18n/index.ts';
import type { Task, TaskTarget } from '../../work/api.ts';
import { TaskEditForm } from './TaskEditForm.tsx';
import { TaskUpdateForm } from './TaskUpdateForm.tsx';
import { UpdatesList } from './UpdatesList.tsx';

/** A target's value now, its goal and deadline in words; a milestone is done or not, its goal "done". */
function targetFacts(g: TaskTarget, i18n: I18n): Record<string, string> {
  const { t } = i18n;
  const deadline = i18n.date(g.deadline);
  if (g.unit === 'milestone')
    return {
      value: t(
        g.value === null ? 'tasks.detail.no_value' : g.value >= 1 ? 'tasks.milestone.done' : 'tasks.milestone.pending',
      ),
      goal: t('tasks.milestone.goal'),
      deadline,
    };
  const value =
    g.value !== null
      ? targetValueText(g.value, g.unit, i18n)
      : t(g.status === 'suppressed' ? 'tasks.value.withheld' : 'tasks.detail.no_value');
  return { value, goal: `${comparatorSign(g.comparator)} ${targetValueText(g.target, g.unit, i18n)}`.trim(), deadline };
}

export function TaskDetail({ task, onChanged }: { task: Task; onChanged: (task: Task) => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <div className="task-detail">
      {task.targets.length > 0 && (
        <>
          <h5>{t('tasks.detail.targets')}</h5>
          <ul className="task-detail__targets">
            {task.targets.map((g) => (
              <li key={g.target_id}>
                <span className="task-detail__target-title">
                  <strong>{g.target_id}</strong> {i18n.lang === 'en' ? g.title_en : g.title_vi}
                </span>
                <span className="task-detail__target-facts">
                  <StatusBadge status={g.status} /> {t('tasks.detail.target_value', targetFacts(g, i18n))}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
      {task.notes && (
        <p className="task-detail__notes">
          <span className="task-detail__label">{t('tasks.detail.notes')}</span> {task.notes}
        </p>
      )}
      <h5>{t('tasks.detail.updates')}</h5>
      <UpdatesList updates={task.updates} kind="task" />
      {task.can_update ? (
        <TaskUpdateForm task={task} onChanged={onChanged} />
      ) : (
        task.can_note && <TaskUpdateForm task={task} onChanged={onChanged} noteOnly />
      )}
      {task.can_edit && <TaskEditForm task={task} onChanged={onChanged} />}
    </div>
  );
}
