// What the follow-up panels show (the Overview's "Chỉ đạo và nhiệm vụ quá hạn", the wall's tile): the overdue
// directives and tasks of the unit and below, the most overdue first, with how many days late each is on today's
// date in Vietnam. The lists are the server's (/api/directives?overdue=true, /api/tasks?status=overdue); here they
// are only ordered and cut. Pure; tests/unit/web-work-follow.test.ts.
import type { Directive, Task } from './api.ts';

export interface FollowItem {
  kind: 'directive' | 'task';
  /** directive number as text, or the task id (10633.T036) */
  id: string;
  /** what a person reads as its number: 12, or T036 */
  label: string;
  title: string;
  office: string;
  unit_name: string;
  due: string;
  /** whole days from the due date to today (1: due yesterday) */
  late: number;
  status: string;
}

/** Whole days from one YYYY-MM-DD to another (calendar days, no time zone involved). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

const officeOfTask = (t: Task): string =>
  t.lead
    .map((o) => o.name)
    .filter(Boolean)
    .join(', ');

/** The overdue directives and tasks as one list, the most overdue first (then directives first, then by number). */
export function followItems(
  directives: readonly Directive[],
  tasks: readonly Task[],
  today: string,
  lang: 'vi' | 'en' = 'vi',
): FollowItem[] {
  const items: FollowItem[] = [
    ...directives.map((d) => ({
      kind: 'directive' as const,
      id: String(d.id),
      label: String(d.id),
      title: d.title,
      office: d.office_name,
      unit_name: d.unit_name,
      due: d.due,
      late: daysBetween(d.due, today),
      status: d.status,
    })),
    ...tasks
      .filter((t) => t.deadline !== null)
      .map((t) => ({
        kind: 'task' as const,
        id: t.id,
        label: t.task_id,
        title: lang === 'en' && t.title_en ? t.title_en : t.title_vi,
        office: officeOfTask(t),
        unit_name: t.unit_name,
        due: t.deadline as string,
        late: daysBetween(t.deadline as string, today),
        status: t.status,
      })),
  ];
  return items.sort(
    (a, b) =>
      b.late - a.late ||
      (a.kind === b.kind ? 0 : a.kind === 'directive' ? -1 : 1) ||
      a.id.localeCompare(b.id, 'en', { numeric: true }),
  );
}

/** The link of an item on the screen "Nhiệm vụ". */
export const followLink = (item: Pick<FollowItem, 'kind' | 'id'>): string =>
  item.kind === 'directive'
    ? `/tasks?directive=${encodeURIComponent(item.id)}`
    : `/tasks?task=${encodeURIComponent(item.id)}`;
