// Direction and follow-up (issue 21): the answers of /api/tasks, /api/directives, /api/comments and /api/offices,
// and their rules. Everything belongs to a unit, and an account sees it only when it reads that unit in detail
// (inDetail of its scope): a district sees its communes', a commune never another commune's, nor the district's.
// Offices come from the imported tables offices and office_accounts, the plan's tasks from tasks and task_offices
// (data/pipeline/schema.sql); progress, directives and comments are the people-made tables of store.ts.
// - A task's deadline is its own, else the earliest deadline of its targets; it is overdue when not done and that
//   day is before today in Vietnam (UTC+7, vnToday). Its targets carry their status for the task's unit now (the
//   TargetService of /api/targets).
// - A directive keeps the indicator's published value (with disclosure, as /api/indicators answers it) for its
//   unit at the latest month with data when it was issued; its value now is computed the same way on each read.
// - followUp() gives the leader's brief and snapshots what is overdue and what moved in a period.
import type { FastifyRequest } from 'fastify';
import type { Context } from '../context.ts';
import { inDetail, type Scope } from '../auth/scope.ts';
import { vnToday } from '../auth/keys.ts';
import type { Role } from '../auth/roles.ts';
import { badRequest, forbidden, HttpError, notFound } from '../errors.ts';
import { loadTargets, type TargetAnswer, type TargetDef } from '../targets/service.ts';
import type {
  CommentCreate,
  Comment,
  CommentsAnswer,
  Directive,
  DirectiveCreate,
  DirectivesAnswer,
  DirectiveStatus,
  DirectiveUpdate,
  FollowUp,
  LiveWork,
  Mention,
  Office,
  OfficeBehind,
  OfficeRef,
  Task,
  TaskCreate,
  TaskPatch,
  TaskStatus,
  TasksAnswer,
  TaskTarget,
  WorkUpdate,
  WorkValue,
} from '../contracts/work.ts';
import {
  WorkStore,
  type CommentRow,
  type DirectiveRow,
  type OfficeRow,
  type TaskFields,
  type TaskRow,
  type UpdateRow,
} from './store.ts';
import { cleanText, optionalText } from './text.ts';
import { parseViewKey } from './view-key.ts';

/** Who asks: the signed-in account (request.user), or null for the server's own summaries (brief, snapshot). */
export interface WorkCaller {
  username: string;
  role: Role;
  unit_id: string;
}

export const CLOSED: ReadonlySet<string> = new Set(['accepted', 'withdrawn']);
/** Directive steps an office member takes, and the statuses each may start from. */
const OFFICE_STEPS: Record<string, { from: readonly string[]; to: DirectiveStatus }> = {
  acknowledge: { from: ['issued', 'reopened'], to: 'acknowledged' },
  progress: { from: ['issued', 'acknowledged', 'in_progress', 'reopened'], to: 'in_progress' },
  done: { from: ['issued', 'acknowledged', 'in_progress', 'reopened'], to: 'done' },
};
/** Directive steps a leader who reads the unit in detail takes. */
const LEADER_STEPS: Record<string, { from: readonly string[]; to: DirectiveStatus }> = {
  accept: { from: ['done'], to: 'accepted' },
  reopen: { from: ['done'], to: 'reopened' },
  withdraw: { from: ['issued', 'acknowledged', 'in_progress', 'done', 'reopened'], to: 'withdrawn' },
};
const ACTION_VI: Record<string, string> = {
  acknowledge: 'xác nhận đã nhận',
  progress: 'cập nhật tiến độ',
  done: 'báo hoàn thành',
  accept: 'nghiệm thu',
  reopen: 'yêu cầu làm lại',
  withdraw: 'thu hồi',
};
const STATUS_VI: Record<string, string> = {
  issued: 'đã giao',
  acknowledged: 'đã nhận',
  in_progress: 'đang thực hiện',
  done: 'đã hoàn thành (chờ nghiệm thu)',
  accepted: 'đã nghiệm thu',
  reopened: 'làm lại',
  withdrawn: 'đã thu hồi',
};
const TASK_ID = /^[A-Za-z0-9_-]{1,32}$/;
const SECTION = /^[A-Za-z0-9.-]{1,40}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

const conflict = (vi: string, en: string) => new HttpError(409, 'conflict', vi, en);

/** Whether `day` (YYYY-MM-DD) is a real day of the calendar. */
export function isDay(day: string): boolean {
  if (!DAY.test(day)) return false;
  const d = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === day;
}

/** "<unit_id>.<task_id>" → its parts, or null. */
export function splitTaskId(id: string): { unit_id: string; task_id: string } | null {
  const i = id.lastIndexOf('.');
  if (i <= 0) return null;
  const task_id = id.slice(i + 1);
  return TASK_ID.test(task_id) ? { unit_id: id.slice(0, i), task_id } : null;
}

/** The month `n` months before `month` (YYYY-MM). */
function monthsBefore(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number);
  const t = y * 12 + (m - 1) - n;
  return `${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}`;
}

export class WorkService {
  readonly store: WorkStore;
  /** the clock (tests set it): overdue and "due before today" are judged on vnToday(now()) */
  now: () => number = () => Date.now();
  private targetDefs: Promise<TargetDef[]> | null = null;

  constructor(private readonly ctx: Context) {
    this.store = new WorkStore(ctx.pool);
    // targets change with imports; read them again after one
    ctx.unitListeners.push(() => (this.targetDefs = null));
  }

  /** Today in Vietnam (UTC+7). */
  today(): string {
    return vnToday(this.now());
  }

  // ---- units, offices, accounts -------------------------------------------------------------------------------

  private unitName = (id: string) => this.ctx.units.get(id)?.name ?? id;
  private accountName = (username: string) => this.ctx.auth.get(username)?.display_name ?? username;

  /** Whether `unit` is `root` or lies below it. */
  within(unit: string, root: string): boolean {
    for (let u: string | null | undefined = unit, i = 0; u && i < 10; i++) {
      if (u === root) return true;
      u = this.ctx.units.get(u)?.parent_id;
    }
    return false;
  }

  /** `root` and every unit below it. */
  subtree(root: string): string[] {
    return this.ctx.units.units.map((u) => u.unit_id).filter((u) => this.within(u, root));
  }

  /** Whether the scope reads `unit` in detail: the rule of every item here. */
  sees(scope: Scope, unit: string): boolean {
    return !!this.ctx.units.get(unit) && inDetail(this.ctx.units, scope, unit);
  }

  /** The units an answer about `unit` covers (it and below, as far as the scope reads them in detail). */
  private coveredUnits(scope: Scope, unit: string): string[] {
    return this.subtree(unit).filter((u) => this.sees(scope, u));
  }

  /** A unit asked for in a query: known (else 404) and read in detail (else 403). */
  checkUnit(scope: Scope, unit: string): void {
    if (!this.ctx.units.get(unit))
      throw notFound(`Không có đơn vị hành chính mã "${unit}".`, `No administrative unit "${unit}".`);
    if (!this.sees(scope, unit))
      throw forbidden(
        `Đơn vị "${this.unitName(unit)}" nằm ngoài phạm vi của bạn.`,
        `Unit "${this.unitName(unit)}" is outside your scope.`,
      );
  }

  toOffice(o: OfficeRow): Office {
    return {
      id: o.office_id,
      unit_id: o.unit_id,
      unit_name: this.unitName(o.unit_id),
      name: o.name,
      name_en: o.name_en,
      accounts: o.accounts,
    };
  }

  /**
   * The offices an account may address about `unit`: those of units it reads in detail that are the unit, above
   * it or below it (a commune's leader: the commune's offices; the district's: the district's and the commune's).
   */
  async officesFor(scope: Scope, unit: string): Promise<Office[]> {
    return (await this.store.offices())
      .filter((o) => this.sees(scope, o.unit_id) && (this.within(unit, o.unit_id) || this.within(o.unit_id, unit)))
      .map((o) => this.toOffice(o));
  }

  private async targetsById(): Promise<Map<string, TargetDef>> {
    this.targetDefs ??= this.ctx.pool.use(loadTargets).catch((err: unknown) => {
      this.targetDefs = null;
      throw err;
    });
    return new Map((await this.targetDefs).map((t) => [t.target_id, t]));
  }

  // ---- values ---------------------------------------------------------------------------------------------------

  /**
   * The indicator's published value for the unit at the latest month with data (a withheld month counts: its value
   * is null, never 0), as /api/indicators/:id?by=month answers it; null when it has none or cannot be computed.
   */
  async valueOf(indicator: string, unit: string, scope: Scope): Promise<WorkValue | null> {
    const def = this.ctx.registry.indicators.get(indicator);
    if (!def) return null;
    try {
      const { to } = this.ctx.indicators.range(def);
      const answer = await this.ctx.indicators.run({
        id: indicator,
        unit,
        by: 'month',
        from: monthsBefore(to, 11),
        to,
        filters: {},
        scope,
      });
      for (const r of [...answer.rows].reverse())
        if (r.value !== null || r.suppressed)
          return { value: r.suppressed ? null : r.value, month: r.period.slice(0, 7), suppressed: r.suppressed };
      return null;
    } catch {
      return null;
    }
  }

  // ---- tasks ----------------------------------------------------------------------------------------------------

  private toUpdate(u: UpdateRow): WorkUpdate {
    return {
      id: Number(u.id),
      at: u.at,
      by: u.account,
      by_name: this.accountName(u.account),
      action: u.action,
      note: u.note,
      progress: u.progress === null ? null : Number(u.progress),
      status: u.status,
    };
  }

  /** Task status from its updates (oldest first) and deadline. */
  taskStatus(updates: readonly UpdateRow[], deadline: string | null, today: string): TaskStatus {
    let base: 'not_started' | 'in_progress' | 'done' = 'not_started';
    for (const u of updates) {
      if (u.status === 'not_started' || u.status === 'in_progress' || u.status === 'done') base = u.status;
      else if (u.action === 'progress' && base === 'not_started') base = 'in_progress';
    }
    if (base !== 'done' && deadline !== null && deadline < today) return 'overdue';
    return base;
  }

  /** A list's filters name an office, an indicator and a target that exist (400 naming the one that does not). */
  private async checkFilters(q: { office?: string; indicator?: string; target?: string }): Promise<void> {
    if (q.office !== undefined && !(await this.store.offices()).some((o) => o.office_id === q.office))
      throw badRequest(`Không có cơ quan "${q.office.slice(0, 100)}".`, `No office "${q.office.slice(0, 100)}".`);
    if (q.indicator !== undefined && !this.ctx.registry.indicators.get(q.indicator))
      throw badRequest(
        `Không có chỉ tiêu "${q.indicator.slice(0, 80)}".`,
        `No indicator "${q.indicator.slice(0, 80)}".`,
      );
    if (q.target !== undefined && !(await this.targetsById()).has(q.target))
      throw badRequest(`Không có mục tiêu "${q.target.slice(0, 40)}".`, `No target "${q.target.slice(0, 40)}".`);
  }

  /** Builds the tasks of `units` as `caller` sees them (null: the server's own summaries). */
  async buildTasks(units: string[], scope: Scope, caller: WorkCaller | null, myOffice: string | null): Promise<Task[]> {
    const [rows, offices, updates, defs] = await Promise.all([
      this.store.tasks(units),
      this.store.taskOffices(units),
      this.store.taskUpdates(units),
      this.targetsById(),
    ]);
    const today = this.today();
    const key = (u: string, t: string) => `${u}.${t}`;
    const officesOf = new Map<string, { lead: OfficeRef[]; partners: OfficeRef[] }>();
    for (const o of offices) {
      const k = key(o.unit_id, o.task_id);
      const e = officesOf.get(k) ?? { lead: [], partners: [] };
      (o.role === 'lead' ? e.lead : e.partners).push({ office_id: o.office_id, name: o.name });
      officesOf.set(k, e);
    }
    const updatesOf = new Map<string, UpdateRow[]>();
    for (const u of updates) {
      const k = key(u.unit_id, u.task_id);
      updatesOf.set(k, [...(updatesOf.get(k) ?? []), u]);
    }
    // each unit's targets now, once per unit that has a task serving one
    const statusUnits = [...new Set(rows.filter((r) => r.targets.length > 0).map((r) => r.unit_id))];
    const answers = new Map<string, Map<string, TargetAnswer>>();
    await Promise.all(
      statusUnits.map(async (u) => {
        const list = await this.ctx.targets.forUnit(u, scope).catch(() => [] as TargetAnswer[]);
        answers.set(u, new Map(list.map((t) => [t.target_id, t])));
      }),
    );
    return rows.map((r) => {
      const k = key(r.unit_id, r.task_id);
      const refs = officesOf.get(k) ?? {
        lead: (r.lead ?? '')
          .split(';')
          .filter((s) => s.trim())
          .map((s) => ({ office_id: null, name: s.trim() })),
        partners: (r.partners ?? '')
          .split(';')
          .filter((s) => s.trim())
          .map((s) => ({ office_id: null, name: s.trim() })),
      };
      const targets: TaskTarget[] = r.targets.flatMap((id) => {
        const def = defs.get(id);
        if (!def) return [];
        const a = answers.get(r.unit_id)?.get(id);
        return [
          {
            target_id: id,
            indicator: def.indicator,
            title_vi: def.title_vi,
            title_en: def.title_en,
            deadline: def.deadline,
            status: a?.status ?? 'no_data',
            value: a?.value ?? null,
            target: Number(def.target),
            comparator: def.comparator,
            unit: def.unit,
          },
        ];
      });
      const targetDeadline = targets.map((t) => t.deadline).sort()[0] ?? null;
      const deadline = r.deadline ?? targetDeadline;
      const ups = updatesOf.get(k) ?? [];
      const progress = [...ups].reverse().find((u) => u.progress !== null)?.progress ?? null;
      const leadOffices = refs.lead.map((o) => o.office_id).filter((x): x is string => !!x);
      const admin = caller?.role === 'admin' && this.sees(scope, r.unit_id);
      return {
        id: k,
        task_id: r.task_id,
        unit_id: r.unit_id,
        unit_name: this.unitName(r.unit_id),
        section: r.section,
        title_vi: r.title_vi,
        title_en: r.title_en,
        lead: refs.lead,
        partners: refs.partners,
        timeframe: r.timeframe,
        deadline,
        deadline_from: r.deadline ? 'task' : targetDeadline ? 'targets' : null,
        targets,
        notes: r.notes,
        status: this.taskStatus(ups, deadline, today),
        progress: progress === null ? null : Number(progress),
        can_update: admin || (myOffice !== null && leadOffices.includes(myOffice)),
        can_edit: admin,
        can_note:
          admin ||
          caller?.role === 'leader' ||
          (myOffice !== null && [...refs.lead, ...refs.partners].some((o) => o.office_id === myOffice)),
        updates: ups.map((u) => this.toUpdate(u)),
      } satisfies Task;
    });
  }

  async tasks(
    caller: WorkCaller,
    scope: Scope,
    q: { unit?: string; office?: string; status?: TaskStatus; mine?: boolean },
  ): Promise<TasksAnswer> {
    const unit = q.unit ?? caller.unit_id;
    this.checkUnit(scope, unit);
    await this.checkFilters(q);
    const units = this.coveredUnits(scope, unit);
    const myOffice = await this.store.officeOf(caller.username);
    let tasks = await this.buildTasks(units, scope, caller, myOffice);
    const hasOffice = (t: Task, id: string) => [...t.lead, ...t.partners].some((o) => o.office_id === id);
    if (q.office) tasks = tasks.filter((t) => hasOffice(t, q.office!));
    if (q.mine) tasks = myOffice ? tasks.filter((t) => hasOffice(t, myOffice)) : [];
    const counts = { not_started: 0, in_progress: 0, done: 0, overdue: 0 };
    for (const t of tasks) counts[t.status]++;
    const behind = await this.behind(tasks, units);
    if (q.status) tasks = tasks.filter((t) => t.status === q.status);
    // the offices of the unit and above it (a commune's tasks may name the district's police), and below it
    const offices = (await this.store.offices())
      .filter((o) => this.within(unit, o.unit_id) || (this.within(o.unit_id, unit) && this.sees(scope, o.unit_id)))
      .map((o) => this.toOffice(o));
    return { unit, today: this.today(), my_office: myOffice, offices, tasks, behind, counts };
  }

  /** Offices leading a task that serves a target at risk or missed for the task's unit. */
  private async behind(tasks: Task[], units: string[]): Promise<OfficeBehind[]> {
    const open = (await this.store.directives({ units })).filter((d) => !CLOSED.has(d.status));
    const out = new Map<string, OfficeBehind>();
    for (const t of tasks)
      for (const target of t.targets) {
        if (target.status !== 'at_risk' && target.status !== 'missed') continue;
        for (const o of t.lead) {
          if (!o.office_id) continue;
          const k = `${o.office_id}|${t.unit_id}|${target.target_id}`;
          const e = out.get(k) ?? {
            office_id: o.office_id,
            office_name: o.name,
            unit_id: t.unit_id,
            target_id: target.target_id,
            title_vi: target.title_vi,
            title_en: target.title_en,
            status: target.status,
            deadline: target.deadline,
            tasks: [],
            overdue_tasks: 0,
            open_directives: open.filter(
              (d) =>
                d.office_id === o.office_id &&
                d.unit_id === t.unit_id &&
                (d.target_id === target.target_id || (d.target_id === null && d.indicator === target.indicator)),
            ).length,
          };
          e.tasks.push(t.id);
          if (t.status === 'overdue') e.overdue_tasks++;
          out.set(k, e);
        }
      }
    return [...out.values()].sort(
      (a, b) =>
        (a.status === 'missed' ? 0 : 1) - (b.status === 'missed' ? 0 : 1) ||
        a.deadline.localeCompare(b.deadline) ||
        a.office_id.localeCompare(b.office_id) ||
        a.target_id.localeCompare(b.target_id),
    );
  }

  /** A task the caller sees, by its API id (404 as if absent otherwise). */
  async visibleTask(scope: Scope, id: string): Promise<TaskRow> {
    const parts = splitTaskId(id);
    const row = parts && this.sees(scope, parts.unit_id) ? await this.store.task(parts.unit_id, parts.task_id) : null;
    if (!row) throw notFound(`Không có nhiệm vụ "${id}".`, `No task "${id}".`);
    return row;
  }

  async task(caller: WorkCaller | null, scope: Scope, unitId: string, taskId: string): Promise<Task> {
    const myOffice = caller ? await this.store.officeOf(caller.username) : null;
    const all = await this.buildTasks([unitId], scope, caller, myOffice);
    const t = all.find((x) => x.task_id === taskId);
    if (!t) throw notFound(`Không có nhiệm vụ "${unitId}.${taskId}".`, `No task "${unitId}.${taskId}".`);
    return t;
  }

  /** Office ids of a task's lead or partners: offices of its unit or of a unit above it (400 naming another). */
  private async officeRefs(unit: string, ids: readonly string[], field: 'lead' | 'partners'): Promise<OfficeRef[]> {
    const offices = new Map((await this.store.offices()).map((o) => [o.office_id, o]));
    const seen = new Set<string>();
    const out: OfficeRef[] = [];
    for (const id of ids) {
      const o = offices.get(id);
      if (!o || !this.within(unit, o.unit_id))
        throw badRequest(
          `${field === 'lead' ? 'Chủ trì' : 'Phối hợp'}: "${id}" không phải cơ quan của đơn vị ${unit} hay cấp trên.`,
          `${field}: "${id}" is not an office of unit ${unit} or above it.`,
        );
      if (seen.has(id)) continue;
      seen.add(id);
      out.push({ office_id: id, name: o.name });
    }
    return out;
  }

  private async checkTargets(ids: readonly string[]): Promise<string[]> {
    const defs = await this.targetsById();
    for (const id of ids) if (!defs.has(id)) throw badRequest(`Không có mục tiêu "${id}".`, `No target "${id}".`);
    return [...new Set(ids)];
  }

  private checkDeadline(day: string | null | undefined, what: [string, string]): string | null {
    if (day === undefined || day === null) return null;
    if (!isDay(day)) throw badRequest(`${what[0]}: không có ngày ${day}.`, `${what[1]}: there is no day ${day}.`);
    const today = this.today();
    if (day < today)
      throw badRequest(
        `${what[0]} (${day}) đã qua: phải từ hôm nay (${today}, giờ Việt Nam) trở đi.`,
        `${what[1]} (${day}) is in the past: it must be today (${today}, Vietnam time) or later.`,
      );
    return day;
  }

  /** POST /api/tasks: an admin's new task of a unit it administers. */
  async createTask(caller: WorkCaller, scope: Scope, b: TaskCreate): Promise<Task> {
    if (caller.role !== 'admin')
      throw forbidden('Chỉ quản trị viên được thêm nhiệm vụ.', 'Only an administrator may add a task.');
    if (!this.ctx.units.get(b.unit_id)) throw badRequest(`Không có đơn vị "${b.unit_id}".`, `No unit "${b.unit_id}".`);
    if (!this.sees(scope, b.unit_id))
      throw forbidden(
        `Đơn vị "${this.unitName(b.unit_id)}" nằm ngoài phạm vi của bạn.`,
        `Unit "${this.unitName(b.unit_id)}" is outside your scope.`,
      );
    if (!SECTION.test(b.section))
      throw badRequest(
        'Mục: chỉ gồm chữ, số, dấu chấm và gạch (ví dụ III.2.h).',
        'Section: letters, digits, dots and dashes only (e.g. III.2.h).',
      );
    if (await this.store.task(b.unit_id, b.task_id))
      throw conflict(`Đã có nhiệm vụ ${b.unit_id}.${b.task_id}.`, `Task ${b.unit_id}.${b.task_id} already exists.`);
    const fields: TaskFields = {
      title_vi: cleanText('title_vi', b.title_vi),
      title_en: optionalText('title_en', b.title_en),
      lead: await this.officeRefs(b.unit_id, b.lead, 'lead'),
      partners: await this.officeRefs(b.unit_id, b.partners ?? [], 'partners'),
      deadline: this.checkDeadline(b.deadline, ['Hạn', 'Deadline']),
      targets: await this.checkTargets(b.targets ?? []),
      notes: optionalText('notes', b.notes),
    };
    await this.store.createTask(
      { unit_id: b.unit_id, task_id: b.task_id, section: b.section, ...fields },
      caller.username,
      new Date(this.now()).toISOString(),
    );
    return this.task(caller, scope, b.unit_id, b.task_id);
  }

  /**
   * PATCH /api/tasks/:id: status and progress (a member of a lead office, or an admin), a note (also a member of a
   * partner office, or a leader of the unit), the fields (an admin, with a reason). Returns the task after and before
   * (the live feed compares their statuses) and what changed, for the audit log.
   */
  async patchTask(
    caller: WorkCaller,
    scope: Scope,
    id: string,
    b: TaskPatch,
  ): Promise<{ task: Task; before: Task; detail: string }> {
    const row = await this.visibleTask(scope, id);
    const before = await this.task(caller, scope, row.unit_id, row.task_id);
    const myOffice = await this.store.officeOf(caller.username);
    const admin = caller.role === 'admin';
    const leadMember = myOffice !== null && before.lead.some((o) => o.office_id === myOffice);
    const partnerMember = myOffice !== null && before.partners.some((o) => o.office_id === myOffice);
    const editing = ['title_vi', 'title_en', 'lead', 'partners', 'deadline', 'targets'].some(
      (k) => b[k as keyof TaskPatch] !== undefined,
    );
    const stepping = b.status !== undefined || b.progress !== undefined;
    if (!editing && !stepping && b.note === undefined)
      throw badRequest('Không có gì để cập nhật.', 'Nothing to update.');
    if (editing && !admin)
      throw forbidden('Chỉ quản trị viên được sửa nhiệm vụ.', 'Only an administrator may edit a task.');
    if (stepping && !admin && !leadMember)
      throw forbidden(
        'Chỉ cán bộ của cơ quan chủ trì (hoặc quản trị viên) được cập nhật trạng thái, tiến độ nhiệm vụ.',
        "Only the lead office's staff (or an administrator) may set a task's status or progress.",
      );
    if (!admin && !leadMember && !partnerMember && caller.role !== 'leader')
      throw forbidden(
        'Chỉ cán bộ cơ quan chủ trì, phối hợp, lãnh đạo hoặc quản trị viên được ghi chú nhiệm vụ.',
        "Only the lead or partner offices' staff, a leader or an administrator may note a task.",
      );
    const at = new Date(this.now()).toISOString();
    const note = optionalText('note', b.note);
    const details: string[] = [];
    if (editing) {
      if (!b.reason || b.reason.trim() === '')
        throw badRequest('Sửa nhiệm vụ cần ghi lý do.', 'Editing a task needs a reason.');
      const reason = cleanText('reason', b.reason);
      const old: TaskFields = {
        title_vi: row.title_vi,
        title_en: row.title_en,
        lead: before.lead,
        partners: before.partners,
        deadline: row.deadline,
        targets: row.targets,
        notes: row.notes,
      };
      const next: TaskFields = {
        title_vi: b.title_vi !== undefined ? cleanText('title_vi', b.title_vi) : old.title_vi,
        title_en: b.title_en !== undefined ? optionalText('title_en', b.title_en) : old.title_en,
        lead: b.lead !== undefined ? await this.officeRefs(row.unit_id, b.lead, 'lead') : old.lead,
        partners: b.partners !== undefined ? await this.officeRefs(row.unit_id, b.partners, 'partners') : old.partners,
        deadline: b.deadline !== undefined ? this.checkDeadline(b.deadline, ['Hạn', 'Deadline']) : old.deadline,
        targets: b.targets !== undefined ? await this.checkTargets(b.targets) : old.targets,
        notes: old.notes,
      };
      await this.store.editTask(row.unit_id, row.task_id, old, next, caller.username, at, reason);
      details.push(`edit (${reason})`);
    }
    if (stepping || note !== null) {
      const status = b.status ?? null;
      await this.store.addTaskUpdate({
        unit_id: row.unit_id,
        task_id: row.task_id,
        at,
        account: caller.username,
        action: status !== null ? 'status' : 'progress',
        note,
        progress: b.progress ?? null,
        status,
      });
      details.push(
        [status && `status ${status}`, b.progress !== undefined && `progress ${b.progress}%`, note && 'note']
          .filter(Boolean)
          .join(', '),
      );
    }
    const task = await this.task(caller, scope, row.unit_id, row.task_id);
    return { task, before, detail: `${task.id}: ${details.join('; ')}` };
  }

  // ---- directives -----------------------------------------------------------------------------------------------

  /** What `caller` may do with a directive now. */
  private actionsOf(d: DirectiveRow, caller: WorkCaller | null, scope: Scope, myOffice: string | null): string[] {
    if (!caller) return [];
    const out: string[] = [];
    if (myOffice !== null && myOffice === d.office_id)
      for (const [a, s] of Object.entries(OFFICE_STEPS)) if (s.from.includes(d.status)) out.push(a);
    if (caller.role === 'leader' && this.sees(scope, d.unit_id))
      for (const [a, s] of Object.entries(LEADER_STEPS)) if (s.from.includes(d.status)) out.push(a);
    return out;
  }

  isOverdue(d: { status: string; due: string }, today = this.today()): boolean {
    return !CLOSED.has(d.status) && d.status !== 'done' && d.due < today;
  }

  /** The answers of these directives as `caller` sees them (null: the server's summaries). */
  async buildDirectives(
    rows: DirectiveRow[],
    scope: Scope,
    caller: WorkCaller | null,
    myOffice: string | null,
  ): Promise<Directive[]> {
    if (rows.length === 0) return [];
    const [updates, offices] = await Promise.all([
      this.store.directiveUpdates(rows.map((d) => d.id)),
      this.store.offices(),
    ]);
    const officeName = new Map(offices.map((o) => [o.office_id, o.name]));
    const values = new Map<string, Promise<WorkValue | null>>();
    const valueNow = (indicator: string, unit: string) => {
      const k = `${indicator}|${unit}`;
      let v = values.get(k);
      if (!v) values.set(k, (v = this.valueOf(indicator, unit, scope)));
      return v;
    };
    const today = this.today();
    return Promise.all(
      rows.map(async (d) => {
        const def = d.indicator ? this.ctx.registry.indicators.get(d.indicator) : undefined;
        return {
          id: Number(d.id),
          unit_id: d.unit_id,
          unit_name: this.unitName(d.unit_id),
          office_id: d.office_id,
          office_name: officeName.get(d.office_id) ?? d.office_id,
          indicator: d.indicator,
          indicator_title_vi: def?.meta.name_vi ?? null,
          indicator_title_en: def?.meta.name_en ?? null,
          measure: def?.meta.unit ?? null,
          target_id: d.target_id,
          task_id: d.task_id,
          comment_id: d.comment_id === null ? null : Number(d.comment_id),
          source: d.source as Directive['source'],
          view: d.view,
          title: d.title,
          detail: d.detail,
          due: d.due,
          expected: d.expected,
          expected_value: d.expected_value === null ? null : Number(d.expected_value),
          value_at_issue: d.value_at_issue,
          value_now: d.indicator ? await valueNow(d.indicator, d.unit_id) : null,
          issued_by: d.issued_by,
          issued_by_name: this.accountName(d.issued_by),
          issued_at: d.issued_at,
          status: d.status as DirectiveStatus,
          overdue: this.isOverdue(d, today),
          progress: d.progress === null ? null : Number(d.progress),
          actions: this.actionsOf(d, caller, scope, myOffice),
          updates: updates.filter((u) => Number(u.directive_id) === Number(d.id)).map((u) => this.toUpdate(u)),
        } satisfies Directive;
      }),
    );
  }

  async directives(
    caller: WorkCaller,
    scope: Scope,
    q: {
      unit?: string;
      office?: string;
      status?: DirectiveStatus;
      overdue?: boolean;
      open?: boolean;
      mine?: boolean;
      indicator?: string;
      target?: string;
    },
  ): Promise<DirectivesAnswer> {
    const unit = q.unit ?? caller.unit_id;
    this.checkUnit(scope, unit);
    await this.checkFilters(q);
    const myOffice = await this.store.officeOf(caller.username);
    const today = this.today();
    let rows = await this.store.directives({ units: this.coveredUnits(scope, unit) });
    if (q.office) rows = rows.filter((d) => d.office_id === q.office);
    if (q.status) rows = rows.filter((d) => d.status === q.status);
    if (q.overdue !== undefined) rows = rows.filter((d) => this.isOverdue(d, today) === q.overdue);
    if (q.open) rows = rows.filter((d) => !CLOSED.has(d.status));
    if (q.mine)
      rows = rows.filter((d) => d.issued_by === caller.username || (myOffice !== null && d.office_id === myOffice));
    if (q.indicator) rows = rows.filter((d) => d.indicator === q.indicator);
    if (q.target) rows = rows.filter((d) => d.target_id === q.target);
    return { unit, today, my_office: myOffice, directives: await this.buildDirectives(rows, scope, caller, myOffice) };
  }

  /** A directive the caller sees (404 as if absent otherwise). */
  async visibleDirective(scope: Scope, id: number): Promise<DirectiveRow> {
    const [d] = await this.store.directives({ ids: [id] });
    if (!d || !this.sees(scope, d.unit_id)) throw notFound(`Không có chỉ đạo số ${id}.`, `No directive ${id}.`);
    return d;
  }

  async directive(caller: WorkCaller | null, scope: Scope, id: number): Promise<Directive> {
    const d = await this.visibleDirective(scope, id);
    const myOffice = caller ? await this.store.officeOf(caller.username) : null;
    return (await this.buildDirectives([d], scope, caller, myOffice))[0];
  }

  /** POST /api/directives: a leader's directive to an office, about a unit it reads in detail. */
  async createDirective(caller: WorkCaller, scope: Scope, b: DirectiveCreate): Promise<Directive> {
    if (caller.role !== 'leader')
      throw forbidden('Chỉ lãnh đạo được giao việc, chỉ đạo.', 'Only a leader may issue a directive.');
    const unit = this.ctx.units.get(b.unit_id);
    if (!unit) throw badRequest(`Không có đơn vị "${b.unit_id}".`, `No unit "${b.unit_id}".`);
    if (!this.sees(scope, b.unit_id))
      throw forbidden(
        `Đơn vị "${unit.name}" nằm ngoài phạm vi của bạn: không giao việc được.`,
        `Unit "${unit.name}" is outside your scope: you cannot issue a directive about it.`,
      );
    const office = (await this.store.offices()).find((o) => o.office_id === b.office_id);
    if (!office) throw badRequest(`Không có cơ quan "${b.office_id}".`, `No office "${b.office_id}".`);
    if (!this.sees(scope, office.unit_id))
      throw forbidden(
        `Cơ quan "${office.name}" nằm ngoài phạm vi của bạn.`,
        `Office "${office.name}" is outside your scope.`,
      );
    if (!this.within(b.unit_id, office.unit_id) && !this.within(office.unit_id, b.unit_id))
      throw badRequest(
        `Cơ quan "${office.name}" không thuộc ${unit.name}, cấp trên hay cấp dưới của nó.`,
        `Office "${office.name}" belongs neither to ${unit.name} nor to a unit above or below it.`,
      );
    const targets = await this.targetsById();
    const target = b.target_id !== undefined ? targets.get(b.target_id) : undefined;
    if (b.target_id !== undefined && !target)
      throw badRequest(`Không có mục tiêu "${b.target_id}".`, `No target "${b.target_id}".`);
    const indicator = b.indicator ?? target?.indicator ?? null;
    if (b.indicator !== undefined && !this.ctx.registry.indicators.get(b.indicator))
      throw badRequest(`Không có chỉ tiêu "${b.indicator}".`, `No indicator "${b.indicator}".`);
    let taskId: string | null = null;
    if (b.task_id !== undefined) {
      const parts = splitTaskId(b.task_id);
      const row =
        parts &&
        this.sees(scope, parts.unit_id) &&
        (this.within(b.unit_id, parts.unit_id) || this.within(parts.unit_id, b.unit_id))
          ? await this.store.task(parts.unit_id, parts.task_id)
          : null;
      if (!row) throw badRequest(`Không có nhiệm vụ "${b.task_id}".`, `No task "${b.task_id}".`);
      taskId = `${row.unit_id}.${row.task_id}`;
    }
    if (b.comment_id !== undefined) {
      const [c] = await this.store.comments({ ids: [b.comment_id] });
      if (!c || !this.sees(scope, c.unit_id))
        throw badRequest(`Không có bình luận số ${b.comment_id}.`, `No comment ${b.comment_id}.`);
      if (c.withdrawn_at) throw badRequest(`Bình luận số ${c.id} đã bị thu hồi.`, `Comment ${c.id} was withdrawn.`);
      if (c.directive_id !== null)
        throw conflict(
          `Bình luận số ${c.id} đã thành chỉ đạo số ${c.directive_id}.`,
          `Comment ${c.id} already became directive ${c.directive_id}.`,
        );
    }
    const parsed = b.view !== undefined && b.view.trim() !== '' ? parseViewKey(b.view) : null;
    if (parsed && !this.sees(scope, parsed.unit))
      throw forbidden(
        `Màn hình (view) của đơn vị "${this.unitName(parsed.unit)}" nằm ngoài phạm vi của bạn.`,
        `The view's unit "${this.unitName(parsed.unit)}" is outside your scope.`,
      );
    const view = parsed?.key ?? null;
    const title = cleanText('title', b.title);
    const detail = optionalText('detail', b.detail);
    const expected = optionalText('expected', b.expected);
    if (!isDay(b.due)) throw badRequest(`Hạn: không có ngày ${b.due}.`, `Due: there is no day ${b.due}.`);
    const today = this.today();
    if (b.due < today)
      throw badRequest(
        `Hạn (${b.due}) đã qua: phải từ hôm nay (${today}, giờ Việt Nam) trở đi.`,
        `The due date (${b.due}) is in the past: it must be today (${today}, Vietnam time) or later.`,
      );
    if (b.expected_value !== undefined && !Number.isFinite(b.expected_value))
      throw badRequest('Giá trị mong đợi phải là một số.', 'The expected value must be a number.');
    const id = await this.store.createDirective({
      unit_id: b.unit_id,
      office_id: office.office_id,
      indicator,
      target_id: b.target_id ?? null,
      task_id: taskId,
      comment_id: b.comment_id ?? null,
      source: b.source,
      view,
      title,
      detail,
      due: b.due,
      expected,
      expected_value: b.expected_value ?? null,
      value_at_issue: indicator ? await this.valueOf(indicator, b.unit_id, scope) : null,
      issued_by: caller.username,
      issued_at: new Date(this.now()).toISOString(),
    });
    return this.directive(caller, scope, id);
  }

  /** POST /api/directives/:id/updates: a step of the office (acknowledge, progress, done) or of a leader. */
  async stepDirective(
    caller: WorkCaller,
    scope: Scope,
    id: number,
    b: DirectiveUpdate,
  ): Promise<{ directive: Directive; previous: DirectiveStatus }> {
    const d = await this.visibleDirective(scope, id);
    const myOffice = await this.store.officeOf(caller.username);
    const office = OFFICE_STEPS[b.action];
    const step = office ?? LEADER_STEPS[b.action];
    if (office && myOffice !== d.office_id) {
      const name = (await this.store.offices()).find((o) => o.office_id === d.office_id)?.name ?? d.office_id;
      throw forbidden(
        `Chỉ cán bộ của "${name}" được ${ACTION_VI[b.action]} chỉ đạo này.`,
        `Only the staff of "${name}" may ${b.action} this directive.`,
      );
    }
    if (!office && caller.role !== 'leader')
      throw forbidden(
        `Chỉ lãnh đạo được ${ACTION_VI[b.action]} chỉ đạo.`,
        `Only a leader may ${b.action} a directive.`,
      );
    if (!step.from.includes(d.status))
      throw conflict(
        `Chỉ đạo số ${d.id} đang ở trạng thái "${STATUS_VI[d.status] ?? d.status}": không ${ACTION_VI[b.action]} được.`,
        `Directive ${d.id} is ${d.status}: it cannot be given "${b.action}".`,
      );
    const note = optionalText(b.action === 'reopen' || b.action === 'withdraw' ? 'reason' : 'note', b.note);
    if ((b.action === 'reopen' || b.action === 'withdraw') && note === null)
      throw badRequest(
        `Cần ghi lý do khi ${ACTION_VI[b.action]} chỉ đạo.`,
        `A reason is needed to ${b.action} a directive.`,
      );
    if (b.action === 'progress' && note === null && b.progress === undefined)
      throw badRequest(
        'Cập nhật tiến độ cần ghi chú hoặc phần trăm.',
        'A progress update needs a note or a percentage.',
      );
    const progress = b.action === 'done' ? (b.progress ?? 100) : b.action === 'progress' ? (b.progress ?? null) : null;
    const ok = await this.store.stepDirective(d.id, d.status, {
      at: new Date(this.now()).toISOString(),
      account: caller.username,
      action: b.action,
      note,
      progress,
      status: step.to,
    });
    if (!ok)
      throw conflict(
        `Chỉ đạo số ${d.id} vừa được người khác cập nhật; hãy tải lại.`,
        `Directive ${d.id} was just updated by someone else; reload it.`,
      );
    return { directive: await this.directive(caller, scope, d.id), previous: d.status as DirectiveStatus };
  }

  // ---- comments -------------------------------------------------------------------------------------------------

  private toComment(c: CommentRow): Comment {
    return {
      id: Number(c.id),
      view: c.view,
      screen: c.screen,
      unit_id: c.unit_id,
      unit_name: this.unitName(c.unit_id),
      indicator: c.indicator,
      period: c.period,
      text: c.text,
      author: c.author,
      author_name: this.accountName(c.author),
      at: c.at,
      mentions: c.mentions,
      directive_id: c.directive_id === null ? null : Number(c.directive_id),
      withdrawn: c.withdrawn_at
        ? { at: c.withdrawn_at, by: c.withdrawn_by ?? '', reason: c.withdrawn_reason ?? '' }
        : null,
    };
  }

  /** A view key whose unit, indicator and target exist, the unit read in detail by the scope. */
  private async checkedView(scope: Scope, raw: string, write: boolean) {
    const v = parseViewKey(raw);
    const unit = this.ctx.units.get(v.unit);
    if (!unit)
      throw write
        ? badRequest(`Không có đơn vị "${v.unit}".`, `No unit "${v.unit}".`)
        : notFound(`Không có đơn vị hành chính mã "${v.unit}".`, `No administrative unit "${v.unit}".`);
    if (!this.sees(scope, v.unit))
      throw forbidden(`Đơn vị "${unit.name}" nằm ngoài phạm vi của bạn.`, `Unit "${unit.name}" is outside your scope.`);
    if (v.indicator && !this.ctx.registry.indicators.get(v.indicator))
      throw badRequest(`Không có chỉ tiêu "${v.indicator}".`, `No indicator "${v.indicator}".`);
    if (v.target && !(await this.targetsById()).has(v.target))
      throw badRequest(`Không có mục tiêu "${v.target}".`, `No target "${v.target}".`);
    return v;
  }

  /** GET /api/comments: a view's comments (oldest first), or the latest of a unit and below (newest first). */
  async comments(caller: WorkCaller, scope: Scope, q: { view?: string; unit?: string }): Promise<CommentsAnswer> {
    if (q.view !== undefined) {
      const v = await this.checkedView(scope, q.view, false);
      return { view: v.key, comments: (await this.store.comments({ view: v.key })).map((c) => this.toComment(c)) };
    }
    const unit = q.unit ?? caller.unit_id;
    this.checkUnit(scope, unit);
    const rows = await this.store.comments({ units: this.coveredUnits(scope, unit) });
    return {
      view: null,
      comments: rows
        .reverse()
        .slice(0, 200)
        .map((c) => this.toComment(c)),
    };
  }

  /** Mentions: accounts and offices of units the author reads in detail, related to the view's unit. */
  private async mentions(scope: Scope, unit: string, ids: readonly string[]): Promise<Mention[]> {
    const offices = new Map((await this.store.offices()).map((o) => [o.office_id, o]));
    const related = (u: string) => this.sees(scope, u) && (this.within(unit, u) || this.within(u, unit));
    const out: Mention[] = [];
    for (const raw of [...new Set(ids.map((i) => i.trim()))]) {
      const account = this.ctx.auth.get(raw);
      const office = offices.get(raw);
      if (account && account.active && related(account.unit_id))
        out.push({ kind: 'account', id: raw, name: account.display_name });
      else if (office && related(office.unit_id)) out.push({ kind: 'office', id: raw, name: office.name });
      else
        throw badRequest(
          `Không nhắc được "${raw.slice(0, 100)}": không có tài khoản hay cơ quan này trong phạm vi của bạn.`,
          `Cannot mention "${raw.slice(0, 100)}": no such account or office within your scope.`,
        );
    }
    return out;
  }

  async createComment(caller: WorkCaller, scope: Scope, b: CommentCreate): Promise<Comment> {
    const v = await this.checkedView(scope, b.view, true);
    const text = cleanText('comment', b.text);
    const mentions = await this.mentions(scope, v.unit, b.mentions ?? []);
    const id = await this.store.createComment({
      view: v.key,
      screen: v.screen,
      unit_id: v.unit,
      indicator: v.indicator,
      period: v.period,
      text,
      author: caller.username,
      at: new Date(this.now()).toISOString(),
      mentions,
    });
    const [row] = await this.store.comments({ ids: [id] });
    return this.toComment(row);
  }

  /** Withdraws a comment (its author, or a leader or admin of its unit), keeping it with the reason. */
  async withdrawComment(caller: WorkCaller, scope: Scope, id: number, reason: string): Promise<Comment> {
    const [c] = await this.store.comments({ ids: [id] });
    if (!c || !this.sees(scope, c.unit_id)) throw notFound(`Không có bình luận số ${id}.`, `No comment ${id}.`);
    if (c.author !== caller.username && caller.role !== 'leader' && caller.role !== 'admin')
      throw forbidden(
        'Chỉ người viết, lãnh đạo hoặc quản trị viên được thu hồi bình luận.',
        'Only its author, a leader or an administrator may withdraw a comment.',
      );
    const why = cleanText('reason', reason);
    if (!(await this.store.withdrawComment(c.id, caller.username, new Date(this.now()).toISOString(), why)))
      throw conflict(`Bình luận số ${id} đã được thu hồi trước đó.`, `Comment ${id} was already withdrawn.`);
    const [row] = await this.store.comments({ ids: [id] });
    return this.toComment(row);
  }

  // ---- live, follow-up ------------------------------------------------------------------------------------------

  liveOfDirective(d: Directive, previous: string | null, by: string): LiveWork {
    return {
      kind: 'directive',
      id: String(d.id),
      unit: d.unit_id,
      unit_name: d.unit_name,
      office_id: d.office_id,
      office_name: d.office_name,
      title: d.title,
      status: d.status,
      previous_status: previous,
      overdue: d.overdue,
      by_name: this.accountName(by),
    };
  }

  liveOfTask(t: Task, previous: string | null, by: string): LiveWork {
    const lead = t.lead.find((o) => o.office_id) ?? t.lead[0];
    return {
      kind: 'task',
      id: t.id,
      unit: t.unit_id,
      unit_name: t.unit_name,
      office_id: lead?.office_id ?? null,
      office_name: lead?.name ?? null,
      title: t.title_vi,
      status: t.status,
      previous_status: previous,
      overdue: t.status === 'overdue',
      by_name: this.accountName(by),
    };
  }

  /**
   * A unit's follow-up for the brief and snapshots: the overdue directives and tasks of the unit and below (as
   * far as the scope reads them in detail) today in Vietnam, and the directives issued and done in from..to
   * (Vietnam's days, both ends included).
   */
  async followUp(scope: Scope, unitId: string, period: { from: string; to: string }): Promise<FollowUp> {
    this.checkUnit(scope, unitId);
    const units = this.coveredUnits(scope, unitId);
    const today = this.today();
    const rows = await this.store.directives({ units });
    const overdueRows = rows.filter((d) => this.isOverdue(d, today));
    const tasks = (await this.buildTasks(units, scope, null, null)).filter((t) => t.status === 'overdue');
    const vnDay = (iso: string) => vnToday(Date.parse(iso));
    const inPeriod = (iso: string) => vnDay(iso) >= period.from && vnDay(iso) <= period.to;
    const updates = await this.store.directiveUpdates(rows.map((d) => d.id));
    const done = new Set(
      updates
        .filter((u) => (u.action === 'done' || u.action === 'accept') && inPeriod(u.at))
        .map((u) => Number(u.directive_id)),
    );
    return {
      unit: unitId,
      today,
      from: period.from,
      to: period.to,
      overdue_directives: await this.buildDirectives(overdueRows, scope, null, null),
      overdue_tasks: tasks,
      counts: {
        open_directives: rows.filter((d) => !CLOSED.has(d.status)).length,
        overdue_directives: overdueRows.length,
        overdue_tasks: tasks.length,
        issued: rows.filter((d) => inPeriod(d.issued_at)).length,
        done: done.size,
      },
    };
  }
}

const services = new WeakMap<Context, WorkService>();

/** The one WorkService of a context (the routes, the brief and snapshots share it and its clock). */
export function workService(ctx: Context): WorkService {
  let s = services.get(ctx);
  if (!s) services.set(ctx, (s = new WorkService(ctx)));
  return s;
}

/**
 * Follow-up of a unit for the leader's brief and snapshots: overdue directives and tasks today (Vietnam), and the
 * counts of directives open, overdue, issued and done in from..to (YYYY-MM-DD, Vietnam's days). `scope` is the
 * reader's (a brief's: scopeOfUnit of its unit); 404/403 when the unit is unknown or not read in detail.
 */
export function followUp(
  ctx: Context,
  scope: Scope,
  unitId: string,
  period: { from: string; to: string },
): Promise<FollowUp> {
  return workService(ctx).followUp(scope, unitId, period);
}

/** The signed-in account of a request as a WorkCaller (routes with access 'read' or 'export' always have one). */
export function callerOf(request: FastifyRequest): WorkCaller {
  const u = request.user!;
  return { username: u.username, role: u.role, unit_id: u.unit_id };
}
