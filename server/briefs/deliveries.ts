// The e-mail deliveries of briefs (issue 19) in the DuckDB store: the table brief_deliveries (created on first use;
// made by the scheduler, not by imports), retries with back-off that survive a restart, and the runner that sends
// what is due, one at a time. Used by the brief scheduler, the routes of /api/briefs and tests/api/brief-mail.test.ts.
import { randomUUID } from 'node:crypto';
import type { DuckDBConnection } from '@duckdb/node-api';
import { INTEGER, LIST, VARCHAR, listValue } from '@duckdb/node-api';
import type { Pool } from '../db/pool.ts';
import { withTables } from '../db/tables.ts';
import type { Delivery } from '../contracts/briefs.ts';
import { stripCredentials, type Mailer, type MailMessage } from './mail.ts';

const DDL = `CREATE TABLE IF NOT EXISTS brief_deliveries (
  id VARCHAR PRIMARY KEY, brief VARCHAR NOT NULL, "to" VARCHAR NOT NULL, account VARCHAR NOT NULL,
  state VARCHAR NOT NULL, attempts INTEGER NOT NULL, last_error VARCHAR, next_attempt_at VARCHAR, sent_at VARCHAR,
  created_at VARCHAR NOT NULL, UNIQUE (brief, "to"))`;

/** A delivery as stored (the admin's list adds the brief's unit_name and period_label from the briefs). */
export type DeliveryRecord = Omit<Delivery, 'unit_name' | 'period_label'>;

/** Tries before a delivery fails for good. */
export const MAX_ATTEMPTS = 6;
const MINUTE = 60_000;
const BACKOFF_MS = [1 * MINUTE, 5 * MINUTE, 30 * MINUTE, 120 * MINUTE, 360 * MINUTE];
/** Longest error text kept. */
const ERROR_CHARS = 1000;

/** The wait after the `attempts`-th failed try: 1 min, 5 min, 30 min, 2 h, then 6 h. */
export function backoff(attempts: number): number {
  return BACKOFF_MS[Math.min(Math.max(attempts, 1), BACKOFF_MS.length) - 1];
}

// Times are ISO strings in UTC (toISOString), which sort as they compare, whatever DuckDB's TimeZone.
const COLUMNS = `id, brief, "to", account, state, attempts, last_error, next_attempt_at, sent_at, created_at`;

export class DeliveryStore {
  private readonly use: ReturnType<typeof withTables>;
  constructor(pool: Pool) {
    this.use = withTables(pool, DDL);
  }

  private async select(c: DuckDBConnection, where: string, values: Record<string, string>): Promise<DeliveryRecord[]> {
    const types = Object.fromEntries(Object.keys(values).map((k) => [k, VARCHAR]));
    const r = await c.runAndReadAll(`SELECT ${COLUMNS} FROM brief_deliveries ${where}`, values, types);
    return r.getRowObjectsJson() as unknown as DeliveryRecord[];
  }

  get(id: string): Promise<DeliveryRecord | null> {
    return this.use(async (c) => (await this.select(c, 'WHERE id = $id', { id }))[0] ?? null);
  }

  /** A brief to mail to an address, due at once; the same brief and address twice gives the one delivery. */
  enqueue(brief: string, to: string, account: string, now: Date): Promise<DeliveryRecord> {
    return this.use(async (c) => {
      const at = now.toISOString();
      await c.run(
        `INSERT INTO brief_deliveries VALUES ($id, $brief, $to, $account, 'pending', 0, NULL, $at, NULL, $at)
         ON CONFLICT DO NOTHING`,
        { id: randomUUID(), brief, to, account, at },
        { id: VARCHAR, brief: VARCHAR, to: VARCHAR, account: VARCHAR, at: VARCHAR },
      );
      return (await this.select(c, 'WHERE brief = $brief AND "to" = $to', { brief, to }))[0];
    });
  }

  /** The pending deliveries whose next try is due at `now`, oldest first. */
  due(now: Date): Promise<DeliveryRecord[]> {
    return this.use((c) =>
      this.select(c, `WHERE state = 'pending' AND next_attempt_at <= $now ORDER BY next_attempt_at, created_at, id`, {
        now: now.toISOString(),
      }),
    );
  }

  private update(id: string, set: string, values: Record<string, string | number | null>): Promise<DeliveryRecord> {
    return this.use(async (c) => {
      const types = Object.fromEntries(
        Object.entries(values).map(([k, v]) => [k, typeof v === 'number' ? INTEGER : VARCHAR]),
      );
      await c.run(`UPDATE brief_deliveries SET ${set} WHERE id = $id`, { ...values, id }, { ...types, id: VARCHAR });
      const row = (await this.select(c, 'WHERE id = $id', { id }))[0];
      if (!row) throw new Error(`No delivery ${id}`);
      return row;
    });
  }

  /** The mail went out. */
  markSent(id: string, now: Date): Promise<DeliveryRecord> {
    return this.update(
      id,
      `state = 'sent', attempts = attempts + 1, last_error = NULL, next_attempt_at = NULL, sent_at = $at`,
      { at: now.toISOString() },
    );
  }

  /** A try failed: another after backoff(attempts), or failed for good after MAX_ATTEMPTS tries. */
  async markFailed(id: string, error: string, now: Date): Promise<DeliveryRecord> {
    const current = await this.get(id);
    if (!current) throw new Error(`No delivery ${id}`);
    const attempts = current.attempts + 1;
    const last = attempts >= MAX_ATTEMPTS;
    return this.update(id, `state = $state, attempts = $attempts, last_error = $error, next_attempt_at = $next`, {
      state: last ? 'failed' : 'pending',
      attempts,
      error: stripCredentials(error).slice(0, ERROR_CHARS),
      next: last ? null : new Date(now.getTime() + backoff(attempts)).toISOString(),
    });
  }

  /**
   * An admin's retry: back to pending, due now, with its tries counted afresh (the last error is kept until the
   * next try). Null when there is no such delivery or it was sent already (a brief is never mailed twice).
   */
  async retry(id: string, now: Date): Promise<DeliveryRecord | null> {
    const current = await this.get(id);
    if (!current || current.state === 'sent') return null;
    return this.update(id, `state = 'pending', attempts = 0, next_attempt_at = $at`, { at: now.toISOString() });
  }

  /** The deliveries of these briefs, oldest first. */
  listForBriefs(ids: string[]): Promise<DeliveryRecord[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.use(async (c) => {
      const r = await c.runAndReadAll(
        `SELECT ${COLUMNS} FROM brief_deliveries WHERE list_contains($ids, brief) ORDER BY created_at, id`,
        { ids: listValue(ids) },
        { ids: LIST(VARCHAR) },
      );
      return r.getRowObjectsJson() as unknown as DeliveryRecord[];
    });
  }

  /** The latest deliveries, newest first. */
  list(limit = 200): Promise<DeliveryRecord[]> {
    return this.use(async (c) => {
      const r = await c.runAndReadAll(
        `SELECT ${COLUMNS} FROM brief_deliveries ORDER BY created_at DESC, id LIMIT $limit`,
        { limit: Math.max(0, Math.floor(limit)) },
        { limit: INTEGER },
      );
      return r.getRowObjectsJson() as unknown as DeliveryRecord[];
    });
  }
}

/** A brief's mail without its address: subject, text, PDF (null when the brief is gone). */
export type BriefMail = Omit<MailMessage, 'to'>;
export type LoadMessage = (briefId: string) => Promise<BriefMail | null>;

export interface RunCounts {
  sent: number;
  /** failed this time, tried again later */
  retrying: number;
  /** failed for good */
  failed: number;
  /** what went wrong outside a try (the store), as text; the runner itself never throws */
  errors: string[];
}

export interface RunOptions {
  /** after every try, with the delivery as it now stands (the audit log) */
  onResult?: (delivery: DeliveryRecord) => void | Promise<void>;
}

const message = (err: unknown) => stripCredentials(err instanceof Error ? err.message : String(err));

/** Sends every delivery due at `now` once, one at a time, and records each outcome. Never throws. */
export async function runDeliveries(
  store: DeliveryStore,
  mailer: Mailer,
  loadMessage: LoadMessage,
  now: Date,
  opts: RunOptions = {},
): Promise<RunCounts> {
  const counts: RunCounts = { sent: 0, retrying: 0, failed: 0, errors: [] };
  let due: DeliveryRecord[];
  try {
    due = await store.due(now);
  } catch (err) {
    counts.errors.push(message(err));
    return counts;
  }
  for (const d of due) {
    let error: string;
    try {
      const mail = await loadMessage(d.brief);
      if (mail) {
        await mailer.send({ ...mail, to: d.to });
        const done = await store.markSent(d.id, now).catch((err) => void counts.errors.push(message(err)));
        counts.sent++;
        if (done) await Promise.resolve(opts.onResult?.(done)).catch(() => undefined);
        continue;
      }
      error = `Brief ${d.brief} is gone`;
    } catch (err) {
      error = message(err);
    }
    try {
      const after = await store.markFailed(d.id, error, now);
      if (after.state === 'failed') counts.failed++;
      else counts.retrying++;
      await Promise.resolve(opts.onResult?.(after)).catch(() => undefined);
    } catch (err) {
      counts.errors.push(message(err));
    }
  }
  return counts;
}

/** The runner the scheduler ticks: a run asked for while one is going gets that one (never two sends at once). */
export class DeliveryRunner {
  private running: Promise<RunCounts> | null = null;
  constructor(
    private readonly store: DeliveryStore,
    private readonly mailer: Mailer,
    private readonly loadMessage: LoadMessage,
    private readonly opts: RunOptions = {},
  ) {}

  run(now: Date = new Date()): Promise<RunCounts> {
    this.running ??= runDeliveries(this.store, this.mailer, this.loadMessage, now, this.opts).finally(() => {
      this.running = null;
    });
    return this.running;
  }
}
