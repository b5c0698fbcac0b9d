// The screen "Nhiệm vụ"'s own choices in its URL (/tasks?by=section&status=overdue&office=…&mine=1&d=all&task=…)
// and the pure helpers that shape what the server sent: the plan's tasks grouped by lead office or by the plan's
// section, the latest progress note, a directive's value. The browser only arranges: every status and number is
// the server's. Tested in tests/unit/web-tasks.test.ts.
import type { OfficeBehind, Task, TaskStatus, WorkUpdate, WorkValue } from '../../work/api.ts';

export const TASK_STATUSES: readonly TaskStatus[] = ['not_started', 'in_progress', 'done', 'overdue'];
/** Which directives the list shows: open (not accepted nor withdrawn, the default), overdue ones, or all. */
export const DIRECTIVE_LISTS = ['open', 'overdue', 'all'] as const;
export type DirectiveList = (typeof DIRECTIVE_LISTS)[number];

export interface TasksView {
  /** the plan grouped by lead office (default) or by its section (III.1, III.2, … IV.12) */
  by: 'office' | 'section';
  status?: TaskStatus;
  office?: string;
  /** only the tasks of the account's office */
  mine: boolean;
  directives: DirectiveList;
  /** the task whose detail is open (its id, 10633.T036) */
  task?: string;
  /** the directive whose detail is open */
  directive?: number;
}

const OFFICE_ID = /^[A-Za-z0-9._-]{1,64}$/;
const TASK_ID = /^[A-Za-z0-9._-]{1,80}$/;

/** Reads the screen's choices from a query string; a value it does not know is left out. */
export function parseTasksView(search: string): TasksView {
  const q = new URLSearchParams(search);
  const status = q.get('status') ?? '';
  const office = q.get('office') ?? '';
  const task = q.get('task') ?? '';
  const directive = q.get('directive') ?? '';
  const list = q.get('d') ?? '';
  return {
    by: q.get('by') === 'section' ? 'section' : 'office',
    status: (TASK_STATUSES as readonly string[]).includes(status) ? (status as TaskStatus) : undefined,
    office: OFFICE_ID.test(office) ? office : undefined,
    mine: q.get('mine') === '1',
    directives: (DIRECTIVE_LISTS as readonly string[]).includes(list) ? (list as DirectiveList) : 'open',
    task: TASK_ID.test(task) ? task : undefined,
    directive: /^[1-9]\d{0,9}$/.test(directive) ? Number(directive) : undefined,
  };
}

/** The query string with the screen's choices written over `search` (other keys kept); defaults left out. */
export function writeTasksView(search: string, v: TasksView): string {
  const q = new URLSearchParams(search);
  const set = (k: string, value: string | undefined) => (value ? q.set(k, value) : q.delete(k));
  set('by', v.by === 'section' ? 'section' : undefined);
  set('status', v.status);
  set('office', v.office);
  set('mine', v.mine ? '1' : undefined);
  set('d', v.directives === 'open' ? undefined : v.directives);
  set('task', v.task);
  set('directive', v.directive === undefined ? undefined : String(v.directive));
  const s = q.toString();
  return s ? `?${s}` : '';
}

export type StatusCounts = Record<TaskStatus, number>;

export interface TaskGroup {
  /** an office id, `phrase:<name>` for a lead the plan names only in words, `section:<III.1>`, or '' (no lead) */
  key: string;
  /** the office's name, the phrase as written, or the section (III.1) */
  label: string;
  /** the office's unit when the tasks come from more than one unit */
  unit_name: string | null;
  tasks: Task[];
  counts: StatusCounts;
}

const zero = (): StatusCounts => ({ not_started: 0, in_progress: 0, done: 0, overdue: 0 });

function count(tasks: readonly Task[]): StatusCounts {
  const c = zero();
  for (const t of tasks) c[t.status] += 1;
  return c;
}

/**
 * The tasks under each of their lead offices (a task led by two offices is under both), the largest group first,
 * then by name; the tasks with no lead last. Offices of different units are different groups.
 */
export function groupByOffice(tasks: readonly Task[]): TaskGroup[] {
  const units = new Set(tasks.map((t) => t.unit_id));
  const groups = new Map<string, Omit<TaskGroup, 'counts'>>();
  const add = (key: string, label: string, unit: string | null, task: Task) => {
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { key, label, unit_name: units.size > 1 ? unit : null, tasks: [] }));
    if (!g.tasks.includes(task)) g.tasks.push(task);
  };
  for (const t of tasks) {
    if (t.lead.length === 0) add('', '', null, t);
    for (const o of t.lead) {
      // a phrase ("các cơ quan, ban, ngành") belongs to its task's unit, like an office does
      const key = o.office_id ?? `phrase:${t.unit_id}:${o.name}`;
      add(key, o.name, t.unit_name, t);
    }
  }
  const byName = new Intl.Collator('vi');
  return [...groups.values()]
    .map((g) => ({ ...g, counts: count(g.tasks) }))
    .sort(
      (a, b) =>
        Number(a.key === '') - Number(b.key === '') ||
        b.tasks.length - a.tasks.length ||
        byName.compare(a.label, b.label) ||
        byName.compare(a.unit_name ?? '', b.unit_name ?? ''),
    );
}

const ROMAN: Record<string, number> = { I: 1, V: 5, X: 10, L: 50, C: 100 };
function roman(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const v = ROMAN[s[i]] ?? 0;
    n += v < (ROMAN[s[i + 1]] ?? 0) ? -v : v;
  }
  return n;
}

/** The plan's numbered part a clause belongs to: III.2.h → III.2, IV.5-1 → IV.5, III.5.a-3 → III.5. */
export function sectionPart(section: string): string {
  const m = /^([IVXLC]+)\.(\d+)/.exec(section.trim());
  return m ? `${m[1]}.${m[2]}` : section.trim();
}

function sectionOrder(part: string): [number, number] {
  const m = /^([IVXLC]+)\.(\d+)$/.exec(part);
  return m ? [roman(m[1]), Number(m[2])] : [Number.MAX_SAFE_INTEGER, 0];
}

/** The tasks by the plan's part (III.1 … IV.12), in the plan's order; each task once. */
export function groupBySection(tasks: readonly Task[]): TaskGroup[] {
  const groups = new Map<string, Task[]>();
  for (const t of tasks) {
    const part = sectionPart(t.section);
    groups.set(part, [...(groups.get(part) ?? []), t]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => {
      const [x, y] = [sectionOrder(a), sectionOrder(b)];
      return x[0] - y[0] || x[1] - y[1] || a.localeCompare(b);
    })
    .map(([part, list]) => ({
      key: `section:${part}`,
      label: part,
      unit_name: null,
      tasks: list,
      counts: count(list),
    }));
}

/** A list of up to this many tasks shows its groups open; a longer one starts folded. */
export const OPEN_UP_TO = 30;

/**
 * Whether a group is drawn open: as "open all" / "fold all" said, else when the whole list is short or the group
 * holds the task a link opened.
 */
export function groupOpen(total: number, group: TaskGroup, linked: string | undefined, all: boolean | null): boolean {
  if (all !== null) return all;
  return total <= OPEN_UP_TO || (linked !== undefined && group.tasks.some((t) => t.id === linked));
}

/** The latest update that carries a note (updates come oldest first), or null. */
export function latestNote(updates: readonly WorkUpdate[]): WorkUpdate | null {
  for (let i = updates.length - 1; i >= 0; i--) if (updates[i].note) return updates[i];
  return null;
}

/** How an indicator's value reads: a number, withheld (never 0), or none. */
export type ValueShown = { kind: 'value'; value: number; month: string } | { kind: 'withheld'; month: string } | null;

export function valueShown(v: WorkValue | null): ValueShown {
  if (!v) return null;
  if (v.suppressed) return { kind: 'withheld', month: v.month };
  return v.value === null ? null : { kind: 'value', value: v.value, month: v.month };
}

/**
 * Where a directive was issued from, as a path of this app: its view (screen=map&unit=…) becomes /map?unit=….
 * Null when it has none or names no screen of `screens`.
 */
export function viewPath(view: string | null, screens: readonly string[]): string | null {
  if (!view) return null;
  const q = new URLSearchParams(view);
  const screen = q.get('screen') ?? '';
  if (!screens.includes(screen)) return null;
  q.delete('screen');
  const s = q.toString();
  return `/${screen === 'overview' ? '' : screen}${s ? `?${s}` : ''}`;
}

export interface BehindOffice {
  key: string;
  office_id: string;
  office_name: string;
  /** the unit's id when the rows come from more than one unit (else null) */
  unit_id: string | null;
}

/**
 * The behind list as a table: its offices (rows, in the server's order of first appearance), its targets
 * (columns, by id) and the cell of an office and a target. A target is behind for one unit: a district's list
 * names the unit beside each office.
 */
export function behindMatrix(behind: readonly OfficeBehind[]): {
  offices: BehindOffice[];
  targets: OfficeBehind[];
  cell: (office: string, target: string) => OfficeBehind | undefined;
} {
  const units = new Set(behind.map((b) => b.unit_id));
  const offices = new Map<string, BehindOffice>();
  const targets = new Map<string, OfficeBehind>();
  const cells = new Map<string, OfficeBehind>();
  for (const b of behind) {
    const key = `${b.unit_id}|${b.office_id}`;
    if (!offices.has(key))
      offices.set(key, {
        key,
        office_id: b.office_id,
        office_name: b.office_name,
        unit_id: units.size > 1 ? b.unit_id : null,
      });
    if (!targets.has(b.target_id)) targets.set(b.target_id, b);
    cells.set(`${key}|${b.target_id}`, b);
  }
  return {
    offices: [...offices.values()],
    targets: [...targets.values()].sort((a, b) => a.target_id.localeCompare(b.target_id)),
    cell: (office, target) => cells.get(`${office}|${target}`),
  };
}
