// One task of the plan as a card: its id and clause, title, status (the server's), progress, lead and partner
// offices, deadline (its own, or the earliest of its targets) or timeframe, the targets it serves with their
// status now, and the latest progress note; its detail (TaskDetail.tsx) opens under it.
import { useId } from 'react';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { useI18n } from '../../i18n/index.ts';
import type { OfficeRef, Task } from '../../work/api.ts';
import { latestNote } from './tasks-view.ts';
import { TaskDetail } from './TaskDetail.tsx';
import { WorkBadge } from './WorkBadge.tsx';

export const officeNames = (list: readonly OfficeRef[]): string => list.map((o) => o.name).join('; ');

export function TaskCard({
  task,
  groupKey,
  open,
  onToggle,
  onChanged,
}: {
  task: Task;
  groupKey: string;
  open: boolean;
  onToggle: (open: boolean) => void;
  onChanged: (task: Task) => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const id = useId();
  const title = i18n.lang === 'en' && task.title_en ? task.title_en : task.title_vi;
  const note = latestNote(task.updates);
  const coLeads = task.lead.filter((o) => (o.office_id ?? `phrase:${task.unit_id}:${o.name}`) !== groupKey);
  return (
    <article className={`task-card task-card--${task.status}`} data-task={task.id} aria-labelledby={`${id}-title`}>
      <div className="task-card__head">
        <span className="task-card__id">
          {task.task_id} · {t('tasks.task.section', { section: task.section })}
        </span>
        <WorkBadge status={task.status} />
        {task.progress !== null && (
          <span className="task-card__progress">{t('tasks.task.progress', { n: i18n.number(task.progress, 0) })}</span>
        )}
      </div>
      <h4 id={`${id}-title`} className="task-card__title">
        {title}
      </h4>
      <dl className="task-card__facts">
        <div>
          <dt>{t('tasks.task.lead')}</dt>
          <dd>{task.lead.length ? officeNames(task.lead) : t('tasks.task.no_lead')}</dd>
        </div>
        {task.partners.length > 0 && (
          <div>
            <dt>{t('tasks.task.partners')}</dt>
            <dd>{officeNames(task.partners)}</dd>
          </div>
        )}
        <div>
          <dt>{t('tasks.task.deadline')}</dt>
          <dd>
            <Deadline task={task} />
          </dd>
        </div>
        {task.targets.length > 0 && (
          <div className="task-card__targets">
            <dt>{t('tasks.task.targets')}</dt>
            <dd>
              <ul className="task-targets">
                {task.targets.map((g) => (
                  <li key={g.target_id} title={i18n.lang === 'en' ? g.title_en : g.title_vi}>
                    <span className="task-targets__id">{g.target_id}</span> <StatusBadge status={g.status} />
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        )}
      </dl>
      {coLeads.length > 0 && coLeads.length < task.lead.length && (
        <p className="task-card__co">{t('tasks.task.co_lead', { names: officeNames(coLeads) })}</p>
      )}
      {note && (
        <p className="task-card__note">
          <span className="task-card__note-by">
            {t('tasks.task.latest_note', { by: note.by_name, at: i18n.dateTime(note.at) })}
          </span>{' '}
          {note.note}
        </p>
      )}
      <button
        type="button"
        className="button--link task-card__toggle"
        aria-expanded={open}
        aria-controls={`${id}-detail`}
        onClick={() => onToggle(!open)}
      >
        {t(open ? 'tasks.task.less' : task.can_update || task.can_edit ? 'tasks.task.more_update' : 'tasks.task.more', {
          id: task.task_id,
        })}
      </button>
      <div id={`${id}-detail`} hidden={!open}>
        {open && <TaskDetail task={task} onChanged={onChanged} />}
      </div>
    </article>
  );
}

/** The deadline and where it comes from, the plan's timeframe, or that there is none. */
function Deadline({ task }: { task: Task }) {
  const i18n = useI18n();
  const { t } = i18n;
  const parts: string[] = [];
  if (task.deadline)
    parts.push(
      t(task.deadline_from === 'targets' ? 'tasks.task.deadline_targets' : 'tasks.task.deadline_own', {
        date: i18n.date(task.deadline),
      }),
    );
  if (task.timeframe) parts.push(task.timeframe);
  return <>{parts.length ? parts.join(' · ') : t('tasks.task.no_deadline')}</>;
}
