// The append-only audit log: one row per read of data, export, snapshot, sign-in and account change,
// with account, time, route, parameters, units, rows, format, size and hash. Rows are only ever
// inserted (no route updates or deletes them) and each carries the SHA-256 of the previous row and
// of itself, so a row changed or removed by hand in the store breaks the chain (verify()). A row takes
// its place in the chain (seq, prev_hash) only once it is stored: one the store refuses leaves no gap.
import { createHash } from 'node:crypto';
import type { SerialConnection } from '../db/serial.ts';

export interface AuditRecord {
  account: string | null;
  role: string | null;
  ip: string | null;
  /** one of AUDIT_ACTIONS (./actions.ts); a string here, as rows read back from the store are */
  action: string;
  method: string | null;
  route: string | null;
  /** query and path parameters as JSON */
  params: string | null;
  units: string[];
  rows: number | null;
  status: number | null;
  format: string | null;
  bytes: number | null;
  sha256: string | null;
  detail: string | null;
}

export interface AuditRow extends AuditRecord {
  seq: number;
  at: string;
  prev_hash: string;
  hash: string;
}

export interface AuditFilter {
  from?: string; // YYYY-MM-DD (Vietnam day)
  to?: string;
  account?: string;
  action?: string;
  unit?: string;
  route?: string;
  limit?: number;
  offset?: number;
  /** the rows an administrator may read (absent: all of them; see AuditScope) */
  scope?: AuditScope;
}

/**
 * The rows of an administrator whose units are not the whole store: rows made by one of `accounts`
 * (the accounts of its units) that name only `units` (those it may see). Rows without an account
 * (anonymous refusals, sign-ins with an unknown name) are in no such scope.
 */
export interface AuditScope {
  accounts: string[];
  units: string[];
}

const DDL = `CREATE TABLE IF NOT EXISTS audit_log (
  seq BIGINT PRIMARY KEY, "at" TIMESTAMP NOT NULL, account VARCHAR, role VARCHAR, ip VARCHAR, action VARCHAR NOT NULL,
  method VARCHAR, route VARCHAR, params VARCHAR, units VARCHAR[], "rows" BIGINT, status INTEGER, format VARCHAR,
  bytes BIGINT, sha256 VARCHAR, detail VARCHAR, prev_hash VARCHAR NOT NULL, hash VARCHAR NOT NULL)`;

/** The columns of a row, in the store's order (also the audit CSV's columns). */
export const COLUMNS = [
  'seq',
  'at',
  'account',
  'role',
  'ip',
  'action',
  'method',
  'route',
  'params',
  'units',
  'rows',
  'status',
  'format',
  'bytes',
  'sha256',
  'detail',
  'prev_hash',
  'hash',
] as const;
const GENESIS = '0'.repeat(64);

/** The select list of COLUMNS, "at" as text in strftime's `format`. */
const selectList = (format: string) =>
  COLUMNS.map((k) => (k === 'at' ? `strftime("at", '${format}') AS "at"` : `"${k}"`)).join(', ');

/** The hash of a row: SHA-256 over the previous hash and every field in a fixed order. */
export function rowHash(r: Omit<AuditRow, 'hash'>): string {
  const fields = [
    r.prev_hash,
    r.seq,
    r.at,
    r.account,
    r.role,
    r.ip,
    r.action,
    r.method,
    r.route,
    r.params,
    r.units.join(','),
    r.rows,
    r.status,
    r.format,
    r.bytes,
    r.sha256,
    r.detail,
  ];
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}

/** Text as a quoted SQL literal: well-formed UTF-16 (lone surrogates and NUL replaced), at most 4,000 characters. */
export const clean = (v: string) =>
  (v.length > 4000 ? `${v.slice(0, 4000)}…` : v).toWellFormed().replaceAll('\0', '\uFFFD');
const sqlText = (v: string | null) => (v === null ? 'NULL' : `'${v.replaceAll("'", "''")}'`);
const sqlNum = (v: number | null) => (v === null || !Number.isFinite(v) ? 'NULL' : String(Math.trunc(v)));

/** A record waiting for its place in the chain. */
interface Pending {
  row: Omit<AuditRow, 'seq' | 'prev_hash' | 'hash'>;
  done: () => void;
  fail: (e: unknown) => void;
}

export class AuditLog {
  private queue: Pending[] = [];
  private scheduled = false;
  /** the batches being written, one after another: the next takes its seq from the last one stored */
  private writing: Promise<void> = Promise.resolve();
  /** how far the chain is known sound (or where it broke), and when the whole log was last checked */
  private checked: Checked & { fullAt: number } = { ok: true, seq: 0, hash: GENESIS, broken_at: null, fullAt: 0 };
  private fullRun: Promise<void> | null = null;
  private constructor(
    private readonly db: SerialConnection,
    /** the last row stored: its seq and hash */
    private seq: number,
    private last: string,
  ) {}

  static async open(db: SerialConnection): Promise<AuditLog> {
    const { seq, hash } = await db.run(async (c) => {
      await c.run(DDL);
      const r = (
        await c.runAndReadAll('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1')
      ).getRowObjectsJson()[0] as { seq: string; hash: string } | undefined;
      return r ? { seq: Number(r.seq), hash: r.hash } : { seq: 0, hash: GENESIS };
    });
    return new AuditLog(db, seq, hash);
  }

  /**
   * Appends a record; resolves once it is in the store, rejects when the store refused it (the
   * caller logs it). Records of one tick are written together, in the order they were appended,
   * each chained to the one stored before it.
   */
  append(r: AuditRecord): Promise<void> {
    const at = new Date().toISOString().replace('Z', '');
    const text = (v: string | null) => (v === null ? null : clean(v));
    const row = {
      ...r,
      account: text(r.account),
      role: text(r.role),
      ip: text(r.ip),
      action: clean(r.action),
      method: text(r.method),
      route: text(r.route),
      params: text(r.params),
      units: r.units.map(clean),
      format: text(r.format),
      sha256: text(r.sha256),
      detail: text(r.detail),
      at,
    };
    return new Promise((done, fail) => {
      this.queue.push({ row, done, fail });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  /** Writes what is queued, after the batches before it. */
  private flush(): Promise<void> {
    this.scheduled = false;
    const batch = this.queue.splice(0, this.queue.length);
    if (batch.length > 0) this.writing = this.writing.then(() => this.write(batch));
    return this.writing;
  }

  /**
   * One statement for the batch; when the store refuses it, each row alone, so that one bad row does not
   * take the others along.
   */
  private async write(batch: Pending[]): Promise<void> {
    try {
      await this.insert(batch);
    } catch {
      for (const p of batch) await this.insert([p]).catch((err: unknown) => p.fail(err));
    }
  }

  /** Chains the rows after the last one stored and inserts them; seq and hash advance only once they are in. */
  private async insert(batch: Pending[]): Promise<void> {
    let seq = this.seq;
    let last = this.last;
    const records = batch.map(({ row }) => {
      const chained = { ...row, seq: ++seq, prev_hash: last };
      const record: AuditRow = { ...chained, hash: rowHash(chained) };
      last = record.hash;
      return record;
    });
    // Literals, not parameters: one statement for the whole batch (a few hundred rows at most);
    // every text goes through sqlText's quoting, numbers through sqlNum.
    const values = records
      .map(
        (x) =>
          `(${sqlNum(x.seq)}, ${sqlText(x.at)}::TIMESTAMP, ${sqlText(x.account)}, ${sqlText(x.role)}, ` +
          `${sqlText(x.ip)}, ${sqlText(x.action)}, ${sqlText(x.method)}, ${sqlText(x.route)}, ${sqlText(x.params)}, ` +
          `[${x.units.map((u) => sqlText(u)).join(', ')}]::VARCHAR[], ${sqlNum(x.rows)}, ${sqlNum(x.status)}, ` +
          `${sqlText(x.format)}, ${sqlNum(x.bytes)}, ${sqlText(x.sha256)}, ${sqlText(x.detail)}, ` +
          `${sqlText(x.prev_hash)}, ${sqlText(x.hash)})`,
      )
      .join(',\n');
    await this.db.run((c) =>
      c.run(`INSERT INTO audit_log (${COLUMNS.map((k) => `"${k}"`).join(', ')}) VALUES ${values}`),
    );
    this.seq = seq;
    this.last = last;
    for (const p of batch) p.done();
  }

  /** Waits until everything appended so far is stored (or refused). */
  async drain(): Promise<void> {
    await this.flush();
    await this.db.run(async () => undefined);
  }

  private where(f: AuditFilter): { sql: string; params: Record<string, string> } {
    const parts: string[] = [];
    const params: Record<string, string> = {};
    // days are Vietnam's (UTC+7); `at` is stored in UTC
    if (f.from) {
      parts.push(`"at" >= ($from::DATE::TIMESTAMP - INTERVAL 7 HOUR)`);
      params.from = f.from;
    }
    if (f.to) {
      parts.push(`"at" < ($to::DATE::TIMESTAMP + INTERVAL 17 HOUR)`);
      params.to = f.to;
    }
    if (f.account) {
      parts.push('account = $account');
      params.account = f.account;
    }
    if (f.action) {
      parts.push('action = $action');
      params.action = f.action;
    }
    if (f.unit) {
      parts.push('list_contains(units, $unit)');
      params.unit = f.unit;
    }
    if (f.route) {
      parts.push('route = $route');
      params.route = f.route;
    }
    if (f.scope) {
      // server-made lists (account names, unit ids), quoted by sqlText like the inserted rows
      parts.push(f.scope.accounts.length > 0 ? `account IN (${f.scope.accounts.map(sqlText).join(', ')})` : 'FALSE');
      parts.push(`list_has_all([${f.scope.units.map(sqlText).join(', ')}]::VARCHAR[], coalesce(units, []::VARCHAR[]))`);
    }
    return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
  }

  async query(f: AuditFilter): Promise<{ total: number; rows: AuditRow[] }> {
    await this.drain();
    const { sql, params } = this.where(f);
    const limit = Math.min(Math.max(f.limit ?? 100, 1), 100_000);
    const offset = Math.max(f.offset ?? 0, 0);
    return this.db.run(async (c) => {
      const total = Number(
        (
          (await c.runAndReadAll(`SELECT count(*) AS n FROM audit_log ${sql}`, params)).getRowObjectsJson()[0] as {
            n: string;
          }
        ).n,
      );
      const rows = (
        await c.runAndReadAll(
          `SELECT ${selectList('%Y-%m-%dT%H:%M:%S.%gZ')} FROM audit_log ${sql}
           ORDER BY seq DESC LIMIT ${limit} OFFSET ${offset}`,
          params,
        )
      ).getRowObjectsJson() as unknown as AuditRow[];
      return { total, rows: rows.map(normalise) };
    });
  }

  /** Re-computes the chain over the whole log: the first row whose hash or link does not match, if any. */
  async verify(): Promise<ChainState> {
    await this.drain();
    const r = await this.scan(0, GENESIS);
    this.checked = { ...r, fullAt: Date.now() };
    return state(r);
  }

  /**
   * The chain's state for the admin screen, cheaply: rows added since the last check are checked
   * against the last checked hash; the whole log again (in the background, the answer not waiting)
   * when the last full check is over 10 minutes old, since a hand edit may touch any row.
   */
  async status(): Promise<ChainState> {
    await this.drain();
    if (this.checked.fullAt === 0) return this.verify();
    if (Date.now() - this.checked.fullAt > FULL_CHECK_MS && !this.fullRun) {
      const started = Date.now();
      this.fullRun = this.scan(0, GENESIS)
        .then((r) => {
          // keep the incremental progress made meanwhile when the whole log is still sound
          if (!r.ok || r.seq >= this.checked.seq) this.checked = { ...r, fullAt: started };
          else this.checked.fullAt = started;
        })
        .catch(() => undefined)
        .finally(() => (this.fullRun = null));
    }
    if (this.checked.ok) {
      const r = await this.scan(this.checked.seq, this.checked.hash);
      if (!r.ok || r.seq > this.checked.seq) this.checked = { ...r, fullAt: this.checked.fullAt };
    }
    return state(this.checked);
  }

  /** Checks the rows after `afterSeq`, chained from `prevHash`, a chunk at a time. */
  private async scan(afterSeq: number, prevHash: string): Promise<Checked> {
    let seq = afterSeq;
    let prev = prevHash;
    for (;;) {
      const rows = await this.db.run(
        async (c) =>
          (
            await c.runAndReadAll(
              `SELECT ${selectList('%Y-%m-%dT%H:%M:%S.%f')} FROM audit_log
               WHERE seq > ${seq} ORDER BY seq LIMIT ${SCAN_CHUNK}`,
            )
          ).getRowObjectsJson() as unknown as AuditRow[],
      );
      for (const raw of rows) {
        const r = normalise(raw);
        // strftime %f gives microseconds; the hash was made over milliseconds
        const { hash, ...rest } = { ...r, at: r.at.slice(0, 23) };
        if (r.prev_hash !== prev || rowHash(rest) !== hash)
          return { ok: false, seq: r.seq, hash: prev, broken_at: r.seq };
        prev = hash;
        seq = r.seq;
      }
      if (rows.length < SCAN_CHUNK) return { ok: true, seq, hash: prev, broken_at: null };
    }
  }
}

export interface ChainState {
  ok: boolean;
  /** rows checked (seq runs from 1 without gaps) */
  rows: number;
  broken_at: number | null;
}

interface Checked {
  ok: boolean;
  /** the last row checked (the broken one when not ok) */
  seq: number;
  hash: string;
  broken_at: number | null;
}

const FULL_CHECK_MS = 10 * 60_000;
const SCAN_CHUNK = 50_000;
const state = (c: Checked): ChainState => ({ ok: c.ok, rows: c.seq, broken_at: c.broken_at });

function normalise(r: AuditRow): AuditRow {
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return {
    ...r,
    seq: Number(r.seq),
    rows: num(r.rows),
    status: num(r.status),
    bytes: num(r.bytes),
    units: r.units ?? [],
  };
}
