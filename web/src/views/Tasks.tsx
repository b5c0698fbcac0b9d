// Nhiệm vụ / Tasks (issue 21): the plan as work. The directives leaders issued and their follow-up, which office is
// behind on which target, and every task of the plan with its offices, deadline, status, the targets it serves
// and its progress notes, grouped by lead office or by the plan's section. All statuses and numbers are the
// server's (GET /api/tasks, /api/directives); the parts live in views/tasks/. The grouping, the filters, "my
// tasks" and the detail shown are in the URL (views/tasks/tasks-view.ts).
import { useState } from 'react';
import type { ScreenProps } from '../app/screen-props.ts';
import { useAsync } from '../app/use-async.ts';
import { useMe } from '../auth/SessionContext.tsx';
import { AsyncView } from '../charts/ui/panel.tsx';
import { UnitPicker } from '../components/UnitPicker.tsx';
import { useI18n } from '../i18n/index.ts';
import { useLiveState } from '../live/LiveProvider.tsx';
import { fetchTasks, type Task, type TasksAnswer } from '../work/api.ts';
import { BehindTable } from './tasks/BehindTable.tsx';
import { Directives } from './tasks/Directives.tsx';
import { TaskFilters } from './tasks/TaskFilters.tsx';
import { TaskGroups } from './tasks/TaskGroups.tsx';
import { StatusCountsBar } from './tasks/StatusCountsBar.tsx';
import { useTasksView } from './tasks/use-tasks-view.ts';
import { WorkExports } from './tasks/WorkExports.tsx';
import './tasks/tasks.css';
import './tasks/cards.css';
import './tasks/work-forms.css';
import './tasks/behind.css';

/** The answer with the tasks changed here (the PATCH's answer) in place until the list is read again. */
function withChanged(answer: TasksAnswer, changed: ReadonlyMap<string, Task>): TasksAnswer {
  if (changed.size === 0) return answer;
  return { ...answer, tasks: answer.tasks.map((t) => changed.get(t.id) ?? t) };
}

/** unit id → name, from the offices and tasks of the answer */
function unitNames(answer: TasksAnswer): Map<string, string> {
  return new Map([
    ...answer.offices.map((o) => [o.unit_id, o.unit_name] as const),
    ...answer.tasks.map((t) => [t.unit_id, t.unit_name] as const),
  ]);
}

export default function Tasks({ state, update }: ScreenProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const me = useMe();
  const [view, setView] = useTasksView();
  const [version, setVersion] = useState(0);
  // the tasks changed here, over the answer they were changed on (a fresh answer holds them)
  const [changed, setChanged] = useState<{ on: TasksAnswer | null; tasks: ReadonlyMap<string, Task> }>({
    on: null,
    tasks: new Map(),
  });
  const query = { unit: state.unit || undefined, status: view.status, office: view.office, mine: view.mine };
  const key = `tasks|${state.unit}|${view.status ?? ''}|${view.office ?? ''}|${view.mine}`;
  // a directive or task changed by someone else (the live feed's work) reads the list again, quietly
  const workSeq = useLiveState((s) => s.workSeq);
  const tasks = useAsync(() => fetchTasks(query), key, `${version}|${workSeq}`);
  // the last answer keeps the filters drawn while another filter's answer loads
  const [last, setLast] = useState<TasksAnswer | null>(null);
  const data = tasks.status === 'ready' ? tasks.data : null;
  if (data && data !== last) setLast(data);

  const onTaskChanged = (task: Task) => {
    setChanged((c) => ({ on: data, tasks: new Map(c.on === data ? c.tasks : []).set(task.id, task) }));
    setVersion((v) => v + 1);
  };
  const answer = data ? withChanged(data, changed.on === data ? changed.tasks : new Map()) : null;

  return (
    <div className="screen tasks">
      <div className="screen-head">
        <div>
          <h1>{t('tasks.title')}</h1>
          <p className="screen-head__sub">{t('tasks.lead')}</p>
        </div>
        <UnitPicker value={state.unit} onChange={(unit) => update({ unit })} />
      </div>
      <WorkExports query={query} />
      {answer && <StatusCountsBar counts={answer.counts} today={answer.today} view={view} setView={setView} />}
      <Directives unit={state.unit} view={view} setView={setView} />
      {answer && me?.account.role !== 'staff' && <BehindTable behind={answer.behind} unitNames={unitNames(answer)} />}
      <section className="panel tasks-plan" aria-labelledby="tasks-plan-title">
        <h2 id="tasks-plan-title">
          {answer ? t('tasks.plan.title_n', { n: i18n.number(answer.tasks.length, 0) }) : t('tasks.plan.title')}
        </h2>
        {last && <TaskFilters answer={last} view={view} setView={setView} />}
        <AsyncView state={tasks}>
          {() => answer && <TaskGroups answer={answer} view={view} setView={setView} onChanged={onTaskChanged} />}
        </AsyncView>
      </section>
    </div>
  );
}
