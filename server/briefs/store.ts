// The leader's briefs in the DuckDB store (created on first use, like snapshots: they are made by the server, not by
// imports): every brief kept with its content and PDF (`briefs`), the subscriptions (`brief_schedules`, with the last
// slot each was run for) and one row per slot a schedule was run for (`brief_runs`, keyed by schedule and slot: the
// claim that makes a slot run once, whatever restarts). Used by server/briefs/service.ts.
import type { DuckDBValue } from '@duckdb/node-api';
import { BLOB, BOOLEAN, INTEGER, VARCHAR, blobValueFromBytes, type DuckDBBlobValue } from '@duckdb/node-api';
import type { Pool } from '../db/pool.ts';
import { withTables } from '../db/tables.ts';
import type { BriefContent, PeriodKind } from '../contracts/briefs.ts';

const DDL = `CREATE TABLE IF NOT EXISTS briefs (
  id VARCHAR PRIMARY KEY, unit VARCHAR NOT NULL, kind VARCHAR NOT NULL, period VARCHAR NOT NULL, lang VARCHAR NOT NULL,
  number VARCHAR NOT NULL, created_at VARCHAR NOT NULL, data_date VARCHAR NOT NULL, data_version INTEGER NOT NULL,
  account VARCHAR NOT NULL, schedule VARCHAR, slot VARCHAR, bytes INTEGER NOT NULL, summary VARCHAR NOT NULL,
  content JSON NOT NULL, pdf BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS brief_schedules (
  id VARCHAR PRIMARY KEY, account VARCHAR NOT NULL, unit VARCHAR NOT NULL, kind VARCHAR NOT NULL, weekday INTEGER,
  day INTEGER, time VARCHAR NOT NULL, lang VARCHAR NOT NULL, email VARCHAR, active BOOLEAN NOT NULL,
  created_by VARCHAR NOT NULL, created_at VARCHAR NOT NULL, last_slot VARCHAR, ended_at VARCHAR);
CREATE TABLE IF NOT EXISTS brief_runs (
  schedule VARCHAR NOT NULL, slot VARCHAR NOT NULL, state VARCHAR NOT NULL, brief VARCHAR, attempts INTEGER NOT NULL,
  error VARCHAR, updated_at VARCHAR NOT NULL, PRIMARY KEY (schedule, slot))`;

/** A brief as stored (without its PDF). */
export interface StoredBrief {
  id: string;
  unit: string;
  kind: PeriodKind;
  period: string;
  lang: 'vi' | 'en';
  number: string;
  created_at: string;
  data_date: string;
  data_version: number;
  account: string;
  schedule: string | null;
  slot: string | null;
  bytes: number;
  summary: string;
  content: BriefContent;
}

export interface StoredSchedule {
  id: string;
  account: string;
  unit: string;
  kind: PeriodKind;
  weekday: number | null;
  day: number | null;
  time: string;
  lang: 'vi' | 'en';
  email: string | null;
  active: boolean;
  created_by: string;
  created_at: string;
  last_slot: string | null;
}

/** One slot of a schedule: running (claimed), done (its brief made) or failed (to be tried again, a few times). */
export interface Run {
  schedule: string;
  slot: string;
  state: 'running' | 'done' | 'failed';
  brief: string | null;
  attempts: number;
  error: string | null;
  updated_at: string;
}

const BRIEF_COLUMNS = `id, unit, kind, period, lang, number, created_at, data_date, data_version, account, schedule,
  slot, bytes, summary, content::VARCHAR AS content`;
const SCHEDULE_COLUMNS = `id, account, unit, kind, weekday, day, time, lang, email, active, created_by, created_at,
  last_slot`;

function toBrief(row: Record<string, unknown>): StoredBrief {
  return { ...(row as unknown as StoredBrief), content: JSON.parse(String(row.content)) as BriefContent };
}

export class BriefStore {
  private readonly use: ReturnType<typeof withTables>;
  constructor(pool: Pool) {
    this.use = withTables(pool, DDL);
  }

  private rows(sql: string, values: Record<string, DuckDBValue> = {}, types = {}): Promise<Record<string, unknown>[]> {
    return this.use(async (c) => (await c.runAndReadAll(sql, values, types)).getRowObjectsJson());
  }

  /** The next number of a brief of `unit` in the year from..to (Vietnam's year, as instants): "12/BC-IOC". */
  async nextNumber(unit: string, from: Date, to: Date): Promise<string> {
    const [row] = await this.rows(
      `SELECT count(*)::INTEGER AS n FROM briefs WHERE unit = $unit AND created_at >= $from AND created_at < $to`,
      { unit, from: from.toISOString(), to: to.toISOString() },
      { unit: VARCHAR, from: VARCHAR, to: VARCHAR },
    );
    return `${Number(row.n) + 1}/BC-IOC`;
  }

  /** Keeps a brief; a scheduled one whose id is already kept (the same schedule and slot) is left as it was. */
  insert(b: StoredBrief, pdf: Uint8Array): Promise<boolean> {
    return this.use(async (c) => {
      const r = await c.run(
        `INSERT INTO briefs VALUES ($id, $unit, $kind, $period, $lang, $number, $created_at, $data_date, $data_version,
           $account, $schedule, $slot, $bytes, $summary, $content::JSON, $pdf) ON CONFLICT (id) DO NOTHING`,
        {
          ...b,
          content: JSON.stringify(b.content),
          pdf: blobValueFromBytes(pdf),
        },
        {
          id: VARCHAR,
          unit: VARCHAR,
          kind: VARCHAR,
          period: VARCHAR,
          lang: VARCHAR,
          number: VARCHAR,
          created_at: VARCHAR,
          data_date: VARCHAR,
          data_version: INTEGER,
          account: VARCHAR,
          schedule: VARCHAR,
          slot: VARCHAR,
          bytes: INTEGER,
          summary: VARCHAR,
          content: VARCHAR,
          pdf: BLOB,
        },
      );
      return r.rowsChanged > 0;
    });
  }

  /** Briefs about any of `units`, newest first. */
  async list(units: readonly string[], limit = 200): Promise<StoredBrief[]> {
    if (units.length === 0) return [];
    const rows = await this.rows(
      `SELECT ${BRIEF_COLUMNS} FROM briefs WHERE list_contains($units::VARCHAR[], unit)
       ORDER BY created_at DESC, id LIMIT ${Math.floor(limit)}`,
      { units: JSON.stringify(units) },
      { units: VARCHAR },
    );
    return rows.map(toBrief);
  }

  /** The kept briefs of these ids (one query), by id. */
  async byIds(ids: readonly string[]): Promise<Map<string, StoredBrief>> {
    if (ids.length === 0) return new Map();
    const rows = await this.rows(
      `SELECT ${BRIEF_COLUMNS} FROM briefs WHERE list_contains($ids::VARCHAR[], id)`,
      { ids: JSON.stringify(ids) },
      { ids: VARCHAR },
    );
    return new Map(rows.map(toBrief).map((b) => [b.id, b]));
  }

  async get(id: string): Promise<StoredBrief | null> {
    const [row] = await this.rows(`SELECT ${BRIEF_COLUMNS} FROM briefs WHERE id = $id`, { id }, { id: VARCHAR });
    return row ? toBrief(row) : null;
  }

  pdf(id: string): Promise<Uint8Array | null> {
    return this.use(async (c) => {
      const r = await c.runAndReadAll(`SELECT pdf FROM briefs WHERE id = $id`, { id }, { id: VARCHAR });
      const row = r.getRows()[0];
      return row ? new Uint8Array((row[0] as DuckDBBlobValue).bytes) : null;
    });
  }

  insertSchedule(s: StoredSchedule): Promise<void> {
    return this.use(async (c) => {
      await c.run(
        `INSERT INTO brief_schedules VALUES ($id, $account, $unit, $kind, $weekday, $day, $time, $lang, $email, $active,
           $created_by, $created_at, $last_slot, NULL)`,
        s as unknown as Record<string, DuckDBValue>,
        {
          id: VARCHAR,
          account: VARCHAR,
          unit: VARCHAR,
          kind: VARCHAR,
          weekday: INTEGER,
          day: INTEGER,
          time: VARCHAR,
          lang: VARCHAR,
          email: VARCHAR,
          active: BOOLEAN,
          created_by: VARCHAR,
          created_at: VARCHAR,
          last_slot: VARCHAR,
        },
      );
    });
  }

  /** Schedules not ended (cancelled ones are kept, ended, for the record). */
  async schedules(): Promise<StoredSchedule[]> {
    const rows = await this.rows(
      `SELECT ${SCHEDULE_COLUMNS} FROM brief_schedules WHERE ended_at IS NULL ORDER BY created_at, id`,
    );
    return rows as unknown as StoredSchedule[];
  }

  async schedule(id: string): Promise<StoredSchedule | null> {
    const [row] = await this.rows(
      `SELECT ${SCHEDULE_COLUMNS} FROM brief_schedules WHERE id = $id AND ended_at IS NULL`,
      { id },
      { id: VARCHAR },
    );
    return (row as unknown as StoredSchedule | undefined) ?? null;
  }

  setActive(id: string, active: boolean): Promise<void> {
    return this.use(async (c) => {
      await c.run(
        `UPDATE brief_schedules SET active = $active WHERE id = $id`,
        { id, active },
        { id: VARCHAR, active: BOOLEAN },
      );
    });
  }

  end(id: string, at: string): Promise<void> {
    return this.use(async (c) => {
      await c.run(
        `UPDATE brief_schedules SET active = false, ended_at = $at WHERE id = $id`,
        { id, at },
        { id: VARCHAR, at: VARCHAR },
      );
    });
  }

  setLastSlot(id: string, slot: string): Promise<void> {
    return this.use(async (c) => {
      await c.run(
        `UPDATE brief_schedules SET last_slot = $slot WHERE id = $id`,
        { id, slot },
        { id: VARCHAR, slot: VARCHAR },
      );
    });
  }

  /** Claims a slot of a schedule; false when it was claimed before (by this process or before a restart). */
  claim(schedule: string, slot: string, at: string): Promise<boolean> {
    return this.use(async (c) => {
      const r = await c.run(
        `INSERT INTO brief_runs VALUES ($schedule, $slot, 'running', NULL, 1, NULL, $at) ON CONFLICT DO NOTHING`,
        { schedule, slot, at },
        { schedule: VARCHAR, slot: VARCHAR, at: VARCHAR },
      );
      return r.rowsChanged > 0;
    });
  }

  /**
   * The runs to try again: failed ones under `maxAttempts` last tried before `failedBefore`, and ones left running
   * (by a server that stopped) since before `staleBefore`.
   */
  async retryable(maxAttempts: number, failedBefore: string, staleBefore: string): Promise<Run[]> {
    const rows = await this.rows(
      `SELECT * FROM brief_runs
       WHERE attempts < $max
         AND ((state = 'failed' AND updated_at < $failed) OR (state = 'running' AND updated_at < $stale))
       ORDER BY slot`,
      { max: maxAttempts, failed: failedBefore, stale: staleBefore },
      { max: INTEGER, failed: VARCHAR, stale: VARCHAR },
    );
    return rows as unknown as Run[];
  }

  /** Takes a retryable run again (attempts + 1); false when another took it first. */
  retake(run: Run, at: string): Promise<boolean> {
    return this.use(async (c) => {
      const r = await c.run(
        `UPDATE brief_runs SET state = 'running', attempts = attempts + 1, updated_at = $at
         WHERE schedule = $schedule AND slot = $slot AND attempts = $attempts`,
        { schedule: run.schedule, slot: run.slot, attempts: run.attempts, at },
        { schedule: VARCHAR, slot: VARCHAR, attempts: INTEGER, at: VARCHAR },
      );
      return r.rowsChanged > 0;
    });
  }

  finishRun(schedule: string, slot: string, result: { brief: string } | { error: string }, at: string): Promise<void> {
    return this.use(async (c) => {
      const done = 'brief' in result;
      await c.run(
        `UPDATE brief_runs SET state = $state, brief = $brief, error = $error, updated_at = $at
         WHERE schedule = $schedule AND slot = $slot`,
        {
          schedule,
          slot,
          at,
          state: done ? 'done' : 'failed',
          brief: done ? result.brief : null,
          error: done ? null : result.error,
        },
        { schedule: VARCHAR, slot: VARCHAR, at: VARCHAR, state: VARCHAR, brief: VARCHAR, error: VARCHAR },
      );
    });
  }

  /** The latest run of each schedule (the screen shows it: a failed generation says why). */
  async lastRuns(): Promise<Map<string, Run>> {
    const rows = (await this.rows(
      `SELECT * FROM brief_runs QUALIFY row_number() OVER (PARTITION BY schedule ORDER BY slot DESC) = 1`,
    )) as unknown as Run[];
    return new Map(rows.map((r) => [r.schedule, r]));
  }
}
