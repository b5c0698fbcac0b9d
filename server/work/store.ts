// Direction and follow-up in the DuckDB store (issue 21). The people-made tables, created on first use like
// briefs and snapshots (withTables): task_updates (progress, status and an admin's edits of the plan's tasks,
// kept apart from the imported `tasks` so that a re-import loses no progress), directives and directive_updates,
// and comments (their mentions as JSON). Nothing is ever deleted: a directive is closed or withdrawn, a comment
// withdrawn, each with who, when and why. Ids are integers from sequences. Writes go one at a time (a queue in
// this process), each in one transaction. Also reads the imported tables of offices and tasks
// (data/pipeline/schema.sql, made by every store when it is opened for writing) and writes an admin's edits of a
// task there. Used by server/work/service.ts.
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { DOUBLE, INTEGER, VARCHAR } from '@duckdb/node-api';
import type { Pool } from '../db/pool.ts';
import { withTables } from '../db/tables.ts';
import type { Mention, WorkValue } from '../contracts/work.ts';

const DDL = `CREATE SEQUENCE IF NOT EXISTS task_update_ids START 1;
CREATE SEQUENCE IF NOT EXISTS directive_ids START 1;
CREATE SEQUENCE IF NOT EXISTS directive_update_ids START 1;
CREATE SEQUENCE IF NOT EXISTS comment_ids START 1;
CREATE TABLE IF NOT EXISTS task_updates (
  id INTEGER PRIMARY KEY DEFAULT nextval('task_update_ids'), unit_id VARCHAR NOT NULL, task_id VARCHAR NOT NULL,
  made_at VARCHAR NOT NULL, account VARCHAR NOT NULL, action VARCHAR NOT NULL, note VARCHAR, progress INTEGER,
  status VARCHAR, old_values VARCHAR, new_values VARCHAR);
CREATE TABLE IF NOT EXISTS directives (
  id INTEGER PRIMARY KEY DEFAULT nextval('directive_ids'), unit_id VARCHAR NOT NULL, office_id VARCHAR NOT NULL,
  indicator VARCHAR, target_id VARCHAR, task_id VARCHAR, comment_id INTEGER, source VARCHAR NOT NULL, view VARCHAR,
  title VARCHAR NOT NULL, detail VARCHAR, due VARCHAR NOT NULL, expected VARCHAR, expected_value DOUBLE,
  value_at_issue VARCHAR, issued_by VARCHAR NOT NULL, issued_at VARCHAR NOT NULL, status VARCHAR NOT NULL,
  progress INTEGER, updated_at VARCHAR NOT NULL);
CREATE TABLE IF NOT EXISTS directive_updates (
  id INTEGER PRIMARY KEY DEFAULT nextval('directive_update_ids'), directive_id INTEGER NOT NULL,
  made_at VARCHAR NOT NULL, account VARCHAR NOT NULL, action VARCHAR NOT NULL, note VARCHAR, progress INTEGER,
  status VARCHAR NOT NULL);
CREATE TABLE IF NOT EXISTS comments (
  id INTEGER PRIMARY KEY DEFAULT nextval('comment_ids'), view VARCHAR NOT NULL, screen VARCHAR NOT NULL,
  unit_id VARCHAR NOT NULL, indicator VARCHAR, period VARCHAR, text VARCHAR NOT NULL, author VARCHAR NOT NULL,
  made_at VARCHAR NOT NULL, mentions VARCHAR NOT NULL, directive_id INTEGER, withdrawn_at VARCHAR, withdrawn_by VARCHAR,
  withdrawn_reason VARCHAR)`;

export interface OfficeRow {
  office_id: string;
  unit_id: string;
  name: string;
  name_en: string | null;
  accounts: string[];
}

export interface TaskRow {
  unit_id: string;
  task_id: string;
  section: string;
  title_vi: string;
  title_en: string | null;
  lead: string | null;
  partners: string | null;
  timeframe: string | null;
  deadline: string | null;
  targets: string[];
  notes: string | null;
}

export interface TaskOfficeRow {
  unit_id: string;
  task_id: string;
  role: 'lead' | 'partner';
  position: number;
  office_id: string | null;
  name: string;
}

export interface UpdateRow {
  id: number;
  at: string;
  account: string;
  action: string;
  note: string | null;
  progress: number | null;
  status: string | null;
}

export interface TaskUpdateRow extends UpdateRow {
  unit_id: string;
  task_id: string;
}

export interface DirectiveRow {
  id: number;
  unit_id: string;
  office_id: string;
  indicator: string | null;
  target_id: string | null;
  task_id: string | null;
  comment_id: number | null;
  source: string;
  view: string | null;
  title: string;
  detail: string | null;
  due: string;
  expected: string | null;
  expected_value: number | null;
  value_at_issue: WorkValue | null;
  issued_by: string;
  issued_at: string;
  status: string;
  progress: number | null;
  updated_at: string;
}

export interface DirectiveUpdateRow extends UpdateRow {
  directive_id: number;
}

export interface CommentRow {
  id: number;
  view: string;
  screen: string;
  unit_id: string;
  indicator: string | null;
  period: string | null;
  text: string;
  author: string;
  at: string;
  mentions: Mention[];
  directive_id: number | null;
  withdrawn_at: string | null;
  withdrawn_by: string | null;
  withdrawn_reason: string | null;
}

/** A task's fields as an admin may change them (written to tasks and task_offices). */
export interface TaskFields {
  title_vi: string;
  title_en: string | null;
  lead: { office_id: string | null; name: string }[];
  partners: { office_id: string | null; name: string }[];
  deadline: string | null;
  targets: string[];
  notes: string | null;
}

/** A directive as issued: its row before the store gives it an id, a status, progress and a time of change. */
export type NewDirective = Omit<DirectiveRow, 'id' | 'status' | 'progress' | 'updated_at'>;

/** A comment as written: its row before the store gives it an id, with no directive and not withdrawn. */
export type NewComment = Omit<CommentRow, 'id' | 'directive_id' | 'withdrawn_at' | 'withdrawn_by' | 'withdrawn_reason'>;

const T = { s: VARCHAR, i: INTEGER, d: DOUBLE };
const UPDATE_COLUMNS = 'id, made_at AS "at", account, action, note, progress, status';
const COMMENT_COLUMNS = `id, view, screen, unit_id, indicator, period, text, author, made_at AS "at", mentions,
  directive_id, withdrawn_at, withdrawn_by, withdrawn_reason`;
const TASK_COLUMNS = `unit_id, task_id, section, title_vi, title_en, lead, partners, timeframe,
  deadline::VARCHAR AS deadline, targets, notes`;

function toDirective(r: Record<string, unknown>): DirectiveRow {
  return {
    ...(r as unknown as DirectiveRow),
    value_at_issue: typeof r.value_at_issue === 'string' ? (JSON.parse(r.value_at_issue) as WorkValue) : null,
  };
}

function toComment(r: Record<string, unknown>): CommentRow {
  return {
    ...(r as unknown as CommentRow),
    mentions: JSON.parse(typeof r.mentions === 'string' ? r.mentions : '[]') as Mention[],
  };
}

/** Runs fn in one transaction on c. */
async function inTransaction<T>(c: DuckDBConnection, fn: () => Promise<T>): Promise<T> {
  await c.run('BEGIN TRANSACTION');
  try {
    const out = await fn();
    await c.run('COMMIT');
    return out;
  } catch (err) {
    await c.run('ROLLBACK').catch(() => undefined);
    throw err;
  }
}

export class WorkStore {
  private readonly use: ReturnType<typeof withTables>;
  /** writes one after another (no two transactions of this process on the same rows) */
  private line: Promise<unknown> = Promise.resolve();

  constructor(pool: Pool) {
    this.use = withTables(pool, DDL);
  }

  private rows(sql: string, values: Record<string, DuckDBValue> = {}, types = {}): Promise<Record<string, unknown>[]> {
    return this.use(async (c) => (await c.runAndReadAll(sql, values, types)).getRowObjectsJson());
  }

  private write<R>(fn: (c: DuckDBConnection) => Promise<R>): Promise<R> {
    const next = this.line.then(() => this.use((c) => inTransaction(c, () => fn(c))));
    this.line = next.catch(() => undefined);
    return next;
  }

  async offices(): Promise<OfficeRow[]> {
    const rows = await this.rows(
      `SELECT o.office_id, o.unit_id, o.name, o.name_en,
              coalesce(list(a.username ORDER BY a.username) FILTER (WHERE a.username IS NOT NULL), []) AS accounts
       FROM offices o LEFT JOIN office_accounts a USING (office_id)
       GROUP BY ALL ORDER BY o.unit_id, o.office_id`,
    );
    return rows as unknown as OfficeRow[];
  }

  /** The office an account belongs to, or null. */
  async officeOf(username: string): Promise<string | null> {
    const [row] = await this.rows(
      `SELECT office_id FROM office_accounts WHERE username = $u`,
      { u: username },
      { u: T.s },
    );
    return row ? String(row.office_id) : null;
  }

  async tasks(units: readonly string[]): Promise<TaskRow[]> {
    if (units.length === 0) return [];
    return (await this.rows(
      `SELECT ${TASK_COLUMNS} FROM tasks WHERE list_contains($units::VARCHAR[], unit_id) ORDER BY unit_id, task_id`,
      { units: JSON.stringify(units) },
      { units: T.s },
    )) as unknown as TaskRow[];
  }

  async task(unitId: string, taskId: string): Promise<TaskRow | null> {
    const [row] = await this.rows(
      `SELECT ${TASK_COLUMNS} FROM tasks WHERE unit_id = $u AND task_id = $t`,
      { u: unitId, t: taskId },
      { u: T.s, t: T.s },
    );
    return (row as unknown as TaskRow | undefined) ?? null;
  }

  async taskOffices(units: readonly string[]): Promise<TaskOfficeRow[]> {
    if (units.length === 0) return [];
    return (await this.rows(
      `SELECT * FROM task_offices WHERE list_contains($units::VARCHAR[], unit_id)
       ORDER BY unit_id, task_id, role, position`,
      { units: JSON.stringify(units) },
      { units: T.s },
    )) as unknown as TaskOfficeRow[];
  }

  async taskUpdates(units: readonly string[]): Promise<TaskUpdateRow[]> {
    if (units.length === 0) return [];
    return (await this.rows(
      `SELECT unit_id, task_id, ${UPDATE_COLUMNS} FROM task_updates WHERE list_contains($units::VARCHAR[], unit_id)
       ORDER BY id`,
      { units: JSON.stringify(units) },
      { units: T.s },
    )) as unknown as TaskUpdateRow[];
  }

  /** A new task of the plan (an admin's): tasks, task_offices and its 'create' update. */
  createTask(
    t: { unit_id: string; task_id: string; section: string } & TaskFields,
    by: string,
    at: string,
  ): Promise<void> {
    return this.write(async (c) => {
      await c.run(
        `INSERT INTO tasks VALUES ($u, $t, $section, $title_vi, $title_en, NULL, NULL, NULL, $deadline::DATE,
           $targets::VARCHAR[], $notes)`,
        {
          u: t.unit_id,
          t: t.task_id,
          section: t.section,
          title_vi: t.title_vi,
          title_en: t.title_en,
          deadline: t.deadline,
          targets: JSON.stringify(t.targets),
          notes: t.notes,
        },
        { u: T.s, t: T.s, section: T.s, title_vi: T.s, title_en: T.s, deadline: T.s, targets: T.s, notes: T.s },
      );
      await this.writeOffices(c, t.unit_id, t.task_id, t);
      await this.insertTaskUpdate(c, {
        unit_id: t.unit_id,
        task_id: t.task_id,
        at,
        account: by,
        action: 'create',
        note: null,
        progress: null,
        status: null,
        old_values: null,
        new_values: JSON.stringify(t),
      });
    });
  }

  private async writeOffices(c: DuckDBConnection, unitId: string, taskId: string, f: TaskFields): Promise<void> {
    const names = (list: TaskFields['lead']) => (list.length ? list.map((o) => o.name).join('; ') : null);
    await c.run(
      `UPDATE tasks SET lead = $lead, partners = $partners WHERE unit_id = $u AND task_id = $t`,
      { u: unitId, t: taskId, lead: names(f.lead), partners: names(f.partners) },
      { u: T.s, t: T.s, lead: T.s, partners: T.s },
    );
    await c.run(
      `DELETE FROM task_offices WHERE unit_id = $u AND task_id = $t`,
      { u: unitId, t: taskId },
      {
        u: T.s,
        t: T.s,
      },
    );
    for (const [role, list] of [
      ['lead', f.lead],
      ['partner', f.partners],
    ] as const)
      for (const [i, o] of list.entries())
        await c.run(
          `INSERT INTO task_offices VALUES ($u, $t, $role, $pos, $office, $name)`,
          { u: unitId, t: taskId, role, pos: i + 1, office: o.office_id, name: o.name },
          { u: T.s, t: T.s, role: T.s, pos: T.i, office: T.s, name: T.s },
        );
  }

  /** An admin's edit of a task's fields, with the old and new values in its 'edit' update. */
  editTask(
    unitId: string,
    taskId: string,
    old: TaskFields,
    next: TaskFields,
    by: string,
    at: string,
    reason: string,
  ): Promise<void> {
    return this.write(async (c) => {
      await c.run(
        `UPDATE tasks SET title_vi = $title_vi, title_en = $title_en, deadline = $deadline::DATE,
           targets = $targets::VARCHAR[], notes = $notes WHERE unit_id = $u AND task_id = $t`,
        {
          u: unitId,
          t: taskId,
          title_vi: next.title_vi,
          title_en: next.title_en,
          deadline: next.deadline,
          targets: JSON.stringify(next.targets),
          notes: next.notes,
        },
        { u: T.s, t: T.s, title_vi: T.s, title_en: T.s, deadline: T.s, targets: T.s, notes: T.s },
      );
      await this.writeOffices(c, unitId, taskId, next);
      await this.insertTaskUpdate(c, {
        unit_id: unitId,
        task_id: taskId,
        at,
        account: by,
        action: 'edit',
        note: reason,
        progress: null,
        status: null,
        old_values: JSON.stringify(old),
        new_values: JSON.stringify(next),
      });
    });
  }

  /** A progress note or status of a task. */
  addTaskUpdate(u: Omit<TaskUpdateRow, 'id'>): Promise<void> {
    return this.write((c) => this.insertTaskUpdate(c, { ...u, old_values: null, new_values: null }));
  }

  private async insertTaskUpdate(
    c: DuckDBConnection,
    u: Omit<TaskUpdateRow, 'id'> & { old_values: string | null; new_values: string | null },
  ): Promise<void> {
    await c.run(
      `INSERT INTO task_updates
         (unit_id, task_id, made_at, account, action, note, progress, status, old_values, new_values)
       VALUES ($unit_id, $task_id, $at, $account, $action, $note, $progress, $status, $old_values, $new_values)`,
      u,
      {
        unit_id: T.s,
        task_id: T.s,
        at: T.s,
        account: T.s,
        action: T.s,
        note: T.s,
        progress: T.i,
        status: T.s,
        old_values: T.s,
        new_values: T.s,
      },
    );
  }

  /** Directives about any of `units` (all when null), or of these ids; newest first. */
  async directives(where: { units?: readonly string[]; ids?: readonly number[] }): Promise<DirectiveRow[]> {
    const conds: string[] = [];
    const values: Record<string, DuckDBValue> = {};
    const types: Record<string, typeof VARCHAR> = {};
    if (where.units) {
      if (where.units.length === 0) return [];
      conds.push('list_contains($units::VARCHAR[], unit_id)');
      values.units = JSON.stringify(where.units);
      types.units = T.s;
    }
    if (where.ids) {
      if (where.ids.length === 0) return [];
      conds.push('list_contains($ids::INTEGER[], id)');
      values.ids = JSON.stringify(where.ids);
      types.ids = T.s;
    }
    const rows = await this.rows(
      `SELECT * FROM directives ${conds.length ? `WHERE ${conds.join(' AND ')}` : ''} ORDER BY issued_at DESC, id DESC`,
      values,
      types,
    );
    return rows.map(toDirective);
  }

  async directiveUpdates(ids: readonly number[]): Promise<DirectiveUpdateRow[]> {
    if (ids.length === 0) return [];
    return (await this.rows(
      `SELECT directive_id, ${UPDATE_COLUMNS} FROM directive_updates WHERE list_contains($ids::INTEGER[], directive_id)
       ORDER BY id`,
      { ids: JSON.stringify(ids) },
      { ids: T.s },
    )) as unknown as DirectiveUpdateRow[];
  }

  /** A new directive, its 'issue' update, and the comment it came from marked with it. */
  createDirective(d: NewDirective): Promise<number> {
    return this.write(async (c) => {
      const r = await c.runAndReadAll(
        `INSERT INTO directives (unit_id, office_id, indicator, target_id, task_id, comment_id, source, view, title,
           detail, due, expected, expected_value, value_at_issue, issued_by, issued_at, status, progress, updated_at)
         VALUES ($unit_id, $office_id, $indicator, $target_id, $task_id, $comment_id, $source, $view, $title, $detail,
           $due, $expected, $expected_value, $value_at_issue, $issued_by, $issued_at, 'issued', NULL, $issued_at)
         RETURNING id`,
        { ...d, value_at_issue: d.value_at_issue ? JSON.stringify(d.value_at_issue) : null },
        {
          unit_id: T.s,
          office_id: T.s,
          indicator: T.s,
          target_id: T.s,
          task_id: T.s,
          comment_id: T.i,
          source: T.s,
          view: T.s,
          title: T.s,
          detail: T.s,
          due: T.s,
          expected: T.s,
          expected_value: T.d,
          value_at_issue: T.s,
          issued_by: T.s,
          issued_at: T.s,
        },
      );
      const id = Number(r.getRowObjectsJson()[0].id);
      await c.run(
        `INSERT INTO directive_updates (directive_id, made_at, account, action, note, progress, status)
         VALUES ($id, $at, $by, 'issue', NULL, NULL, 'issued')`,
        { id, at: d.issued_at, by: d.issued_by },
        { id: T.i, at: T.s, by: T.s },
      );
      if (d.comment_id !== null)
        await c.run(
          `UPDATE comments SET directive_id = $id WHERE id = $comment AND directive_id IS NULL`,
          { id, comment: d.comment_id },
          { id: T.i, comment: T.i },
        );
      return id;
    });
  }

  /**
   * A step of a directive: its update row and its new status and progress, if it is still in status `from`
   * (false when another step came first).
   */
  stepDirective(
    id: number,
    from: string,
    u: { at: string; account: string; action: string; note: string | null; progress: number | null; status: string },
  ): Promise<boolean> {
    return this.write(async (c) => {
      const r = await c.run(
        `UPDATE directives SET status = $status, progress = coalesce($progress, progress), updated_at = $at
         WHERE id = $id AND status = $from`,
        { id, from, status: u.status, progress: u.progress, at: u.at },
        { id: T.i, from: T.s, status: T.s, progress: T.i, at: T.s },
      );
      if (r.rowsChanged === 0) return false;
      await c.run(
        `INSERT INTO directive_updates (directive_id, made_at, account, action, note, progress, status)
         VALUES ($id, $at, $account, $action, $note, $progress, $status)`,
        { id, ...u },
        { id: T.i, at: T.s, account: T.s, action: T.s, note: T.s, progress: T.i, status: T.s },
      );
      return true;
    });
  }

  /** Comments of one view, or about any of `units`, or of these ids; oldest first. */
  async comments(where: { view?: string; units?: readonly string[]; ids?: readonly number[] }): Promise<CommentRow[]> {
    const conds: string[] = [];
    const values: Record<string, DuckDBValue> = {};
    const types: Record<string, typeof VARCHAR> = {};
    if (where.view !== undefined) {
      conds.push('view = $view');
      values.view = where.view;
      types.view = T.s;
    }
    if (where.units) {
      if (where.units.length === 0) return [];
      conds.push('list_contains($units::VARCHAR[], unit_id)');
      values.units = JSON.stringify(where.units);
      types.units = T.s;
    }
    if (where.ids) {
      if (where.ids.length === 0) return [];
      conds.push('list_contains($ids::INTEGER[], id)');
      values.ids = JSON.stringify(where.ids);
      types.ids = T.s;
    }
    const rows = await this.rows(
      `SELECT ${COMMENT_COLUMNS} FROM comments ${conds.length ? `WHERE ${conds.join(' AND ')}` : ''}
       ORDER BY made_at, id`,
      values,
      types,
    );
    return rows.map(toComment);
  }

  createComment(n: NewComment): Promise<number> {
    return this.write(async (c) => {
      const r = await c.runAndReadAll(
        `INSERT INTO comments (view, screen, unit_id, indicator, period, text, author, made_at, mentions)
         VALUES ($view, $screen, $unit_id, $indicator, $period, $text, $author, $at, $mentions) RETURNING id`,
        { ...n, mentions: JSON.stringify(n.mentions) },
        {
          view: T.s,
          screen: T.s,
          unit_id: T.s,
          indicator: T.s,
          period: T.s,
          text: T.s,
          author: T.s,
          at: T.s,
          mentions: T.s,
        },
      );
      return Number(r.getRowObjectsJson()[0].id);
    });
  }

  /** Withdraws a comment (kept, marked); false when it was withdrawn before. */
  withdrawComment(id: number, by: string, at: string, reason: string): Promise<boolean> {
    return this.write(async (c) => {
      const r = await c.run(
        `UPDATE comments SET withdrawn_at = $at, withdrawn_by = $by, withdrawn_reason = $reason
         WHERE id = $id AND withdrawn_at IS NULL`,
        { id, by, at, reason },
        { id: T.i, by: T.s, at: T.s, reason: T.s },
      );
      return r.rowsChanged > 0;
    });
  }
}
