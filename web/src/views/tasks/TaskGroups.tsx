// The plan's tasks in groups: under each lead office (a task with two leads is under both) or under the plan's
// part (III.1 … IV.12), each group a fold with its count and its tasks by status; each task a card
// (TaskCard.tsx). A long list starts folded (each group's counts are the overview), a short one open; the task a
// link names (?task=) has its group open and its detail shown. "Mở tất cả" / "Thu gọn tất cả" fold them all.
import { useEffect, useState } from 'react';
import { useI18n } from '../../i18n/index.ts';
import type { Task, TasksAnswer } from '../../work/api.ts';
import { TaskCard } from './TaskCard.tsx';
import {
  groupByOffice,
  groupBySection,
  groupOpen,
  TASK_STATUSES,
  type TaskGroup,
  type TasksView,
} from './tasks-view.ts';

export function TaskGroups({
  answer,
  view,
  setView,
  onChanged,
}: {
  answer: TasksAnswer;
  view: TasksView;
  setView: (patch: Partial<TasksView>) => void;
  onChanged: (task: Task) => void;
}) {
  const { t } = useI18n();
  // "open all" / "fold all": every group drawn again with that state (round: a new key)
  const [fold, setFold] = useState<{ all: boolean | null; round: number }>({ all: null, round: 0 });
  // the task a link opened (?task=) is scrolled to once, when the list first shows
  const [linked] = useState(view.task);
  useEffect(() => {
    if (linked) document.querySelector(`article[data-task="${CSS.escape(linked)}"]`)?.scrollIntoView();
  }, [linked]);
  if (answer.tasks.length === 0)
    return <p className="muted">{t(view.mine ? 'tasks.plan.none_mine' : 'tasks.plan.none')}</p>;
  const groups = view.by === 'section' ? groupBySection(answer.tasks) : groupByOffice(answer.tasks);
  return (
    <div className="tasks-groups">
      <div className="tasks-groups__fold">
        {([true, false] as const).map((all) => (
          <button
            key={String(all)}
            type="button"
            className="button button--quiet button--small"
            onClick={() => setFold((f) => ({ all, round: f.round + 1 }))}
          >
            {t(all ? 'tasks.groups.open_all' : 'tasks.groups.fold_all')}
          </button>
        ))}
      </div>
      {groups.map((g) => (
        <Group
          key={`${g.key}|${fold.round}`}
          group={g}
          open={groupOpen(answer.tasks.length, g, view.task, fold.all)}
          view={view}
          setView={setView}
          onChanged={onChanged}
        />
      ))}
    </div>
  );
}

function groupTitle(g: TaskGroup, t: (k: string, p?: Record<string, string>) => string): string {
  if (g.key === '') return t('tasks.group.no_lead');
  if (g.key.startsWith('section:')) return t('tasks.group.section', { section: g.label });
  return g.unit_name ? `${g.label} · ${g.unit_name}` : g.label;
}

function Group({
  group,
  open,
  view,
  setView,
  onChanged,
}: {
  group: TaskGroup;
  /** drawn open (the reader may fold or open it after) */
  open: boolean;
  view: TasksView;
  setView: (patch: Partial<TasksView>) => void;
  onChanged: (task: Task) => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const title = groupTitle(group, t);
  const shown = TASK_STATUSES.filter((s) => group.counts[s] > 0);
  return (
    <details className="tasks-group" open={open} data-group={group.key}>
      <summary>
        <h3 className="tasks-group__title">
          <span className="tasks-group__name">{title}</span>{' '}
          <span className="tasks-group__count">
            {t('tasks.group.count', { n: i18n.number(group.tasks.length, 0) })}
          </span>
        </h3>
        <span className="tasks-group__statuses">
          {shown.map((s) => (
            <span key={s} className={`tasks-group__status tasks-group__status--${s}`}>
              {t('tasks.group.status', { n: i18n.number(group.counts[s], 0), status: t(`work.status.${s}`) })}
            </span>
          ))}
        </span>
      </summary>
      <ol className="tasks-list">
        {group.tasks.map((task) => (
          <li key={task.id}>
            <TaskCard
              task={task}
              groupKey={group.key}
              open={view.task === task.id}
              onToggle={(open) => setView({ task: open ? task.id : undefined })}
              onChanged={onChanged}
            />
          </li>
        ))}
      </ol>
    </details>
  );
}
