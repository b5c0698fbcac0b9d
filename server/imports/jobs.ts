// Import jobs of the running server: files uploaded by an admin (or dropped in the inbox folder) are checked on a
// connection of the server's own DuckDB instance, loaded once for real inside a transaction that is rolled back
// (the preview: what would change), and committed on request in one transaction, while readers keep their
// answers (DuckDB's snapshots: they see the new data version only once it is committed). One job at a time is
// active (checking, waiting in preview, or loading); its trial load and commit run between live-event batches
// (Ingestor.exclusive). After a commit or an undo, the server's in-memory state (data version and dates, unit
// directory, answer caches) is read again and open screens are told to reload (LiveHub.announce).
import { INDEX766_TARGET_INDICATOR } from '../index766/rules.ts';
import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { cellText } from '../../data/pipeline/cells.ts';
import {
  checkImport,
  loadChecked,
  releaseChecked,
  unitSha256,
  type CheckedImport,
  type ImportError,
} from '../../data/pipeline/import/index.ts';
import { KIND_ORDER } from '../../data/pipeline/import/columns.ts';
import { formatImportError } from '../../data/pipeline/import/types.ts';
import { listFolder, readManifest, recognise } from '../../data/pipeline/import/files.ts';
import { bumpStoreMeta } from '../../data/pipeline/import/meta.ts';
import { measureChanges, type StoreChanges } from '../../data/pipeline/import/preview.ts';
import type { StagedFile } from '../../data/pipeline/import/stage.ts';
import {
  dropImages,
  pruneImages,
  restoreImages,
  saveImages,
  savedImages,
  touchedTables,
} from '../../data/pipeline/import/undo.ts';
import type { AuditRecord } from '../audit/log.ts';
import type { ImportJob, ImportPreview, ImportStatus } from '../contracts/imports.ts';
import { loadStoreInfo, type Context } from '../context.ts';
import type { Live } from '../live/index.ts';
import { loadUnitDirectory } from '../units/directory.ts';
import { FileProblem, type SavedFile } from './files.ts';
import { feedsOf, tablesOf } from '../registry/feeds.ts';

/** Undo images kept: the newest committed imports that can still be taken back. */
export const KEEP_UNDO = 3;
/** A preview waiting longer than this is discarded (it holds the one import slot). */
export const PREVIEW_TTL_MS = 30 * 60_000;
const MAX_ERRORS = 1000;

/** Who started a job: written in every audit record of the job. */
export interface Actor {
  account: string;
  role: string | null;
  ip: string | null;
  /** the route that asked (an audit record names it), none for the inbox */
  method?: string;
  route?: string;
}

export interface JobOptions {
  source: 'upload' | 'inbox';
  actor: Actor;
  dataDate?: string;
  /** The unit of the tasks of a tasks file without unit_id: the importing administrator's (ImportOptions.unit). */
  unit?: string;
  /** Row checks of the actor's scope (units it may write), run on the staged files. */
  scopeCheck?: (conn: DuckDBConnection, staged: StagedFile[]) => Promise<ImportError[]>;
  /** Commit at once when the preview has no error (the inbox). */
  autoCommit?: boolean;
}

interface Job {
  state: ImportJob;
  dir: string;
  opts: JobOptions;
  conn: DuckDBConnection | null;
  checked: CheckedImport | null;
  started: number;
  trialMs: number | null;
  /** how long checking and the preview took (then the commit is timed from job.started) */
  checkMs?: number;
  /** the commit started (job.started was reset then) */
  loading?: boolean;
  /** settles when the job leaves validating / loading */
  done: Promise<void>;
  expiry: ReturnType<typeof setTimeout> | null;
  progress: { base: number; baseBytes: number; fileBytes: number; reading?: boolean };
}

export class ImportBusy extends Error {
  constructor(readonly running: string) {
    super(`import ${running} is running`);
  }
}

/** The file name starts the importer reads (KIND_ORDER), as a sentence. */
const KIND_LIST = {
  vi: `${KIND_ORDER.slice(0, -1).join(', ')} hoặc ${KIND_ORDER.at(-1)}`,
  en: `${KIND_ORDER.slice(0, -1).join(', ')} or ${KIND_ORDER.at(-1)}`,
};

const ACTIVE = new Set<ImportStatus>(['validating', 'preview', 'loading']);
const iso = (t = Date.now()) => new Date(t).toISOString();
/** An ISO time as DuckDB's TIMESTAMP text in UTC (as import_log and events keep theirs). */
const utc = (isoTime: string) => isoTime.replace('T', ' ').replace('Z', '');

/** Total of the errors of a list whose last line per file may say "… and N more errors". */
function countErrors(errors: ImportError[]): number {
  let n = 0;
  for (const e of errors) {
    const more = /^… and (\d+) more errors/.exec(e.reason);
    n += more ? Number(more[1]) : 1;
  }
  return n;
}

export class ImportManager {
  private readonly jobs = new Map<string, Job>();
  private active: Job | null = null;
  private nextId = 1;
  private closed = false;
  readonly root: string;

  private constructor(
    private readonly ctx: Context,
    private readonly live: Live,
    root: string,
  ) {
    this.root = resolve(root);
  }

  /** Reads the history; a job left active by a stopped server is settled from import_log. */
  static async open(ctx: Context, live: Live, root: string): Promise<ImportManager> {
    const m = new ImportManager(ctx, live, root);
    await m.withConn(async (conn) => {
      const rows = (
        await conn.runAndReadAll('SELECT id, job FROM import_jobs ORDER BY created_at')
      ).getRowObjectsJson();
      for (const row of rows) {
        const state = JSON.parse(cellText(row.job)) as ImportJob;
        m.nextId = Math.max(m.nextId, Number(cellText(row.id).slice(1)) + 1);
        if (ACTIVE.has(state.status)) await m.settleStopped(conn, state);
        else if (state.status === 'done' && state.batch_id !== null) await m.settleUndone(conn, state);
        m.jobs.set(state.id, this.stored(state));
      }
    });
    return m;
  }

  private static stored(state: ImportJob): Job {
    return {
      state,
      dir: '',
      opts: { source: state.source, actor: { account: state.created_by, role: null, ip: null } },
      conn: null,
      checked: null,
      started: Date.parse(state.created_at),
      trialMs: null,
      done: Promise.resolve(),
      expiry: null,
      progress: { base: 0, baseBytes: 0, fileBytes: 0 },
    };
  }

  /** A done job whose batch left import_log was taken back by an undo whose end the server did not save. */
  private async settleUndone(conn: DuckDBConnection, state: ImportJob): Promise<void> {
    const r = await conn.runAndReadAll('SELECT count(*)::INTEGER AS n FROM import_log WHERE batch_id = $b', {
      b: state.batch_id,
    });
    if (Number(r.getRowObjectsJson()[0].n) > 0) return;
    Object.assign(state, {
      status: 'undone',
      can_undo: false,
      message: `Đã hoàn tác lượt ${state.batch_id} (máy chủ dừng ngay sau khi hoàn tác).`,
      message_en: `Batch ${state.batch_id} taken back (the server stopped right after the undo).`,
    });
    await this.persist(conn, state);
  }

  /** A job the server stopped in: committed when its new files are in import_log, otherwise not loaded. */
  private async settleStopped(conn: DuckDBConnection, state: ImportJob): Promise<void> {
    const fresh = state.files.filter((f) => f.status === 'new');
    let batch: number | null = null;
    if (state.status === 'loading' && fresh.length > 0) {
      // a tasks file was logged under its hash and the admin's unit (ImportOptions.unit)
      const unit = this.ctx.auth.get(state.created_by)?.unit_id;
      const f = fresh[0];
      const h2 = f.kind === 'tasks' && unit ? unitSha256(f.sha256, unit) : f.sha256;
      const r = await conn.runAndReadAll(
        `SELECT min(batch_id)::INTEGER AS b FROM import_log WHERE sha256 IN ($h, $h2)`,
        {
          h: f.sha256,
          h2,
        },
      );
      const b = r.getRowObjectsJson()[0]?.b;
      batch = b === null || b === undefined ? null : Number(b);
    }
    if (batch !== null) {
      Object.assign(state, { status: 'done', batch_id: batch, can_undo: false, can_commit: false });
    } else {
      Object.assign(state, {
        status: 'failed',
        can_commit: false,
        message: 'Máy chủ dừng trước khi lượt nhập xong; không có gì được ghi.',
        message_en: 'The server stopped before the import finished; nothing was stored.',
      });
    }
    state.finished_at ??= iso();
    await this.persist(conn, state);
  }

  private async withConn<T>(work: (conn: DuckDBConnection) => Promise<T>): Promise<T> {
    const conn = await this.ctx.instance.connect();
    try {
      return await work(conn);
    } finally {
      conn.closeSync();
    }
  }

  private async persist(conn: DuckDBConnection, state: ImportJob): Promise<void> {
    await conn.run(
      `INSERT OR REPLACE INTO import_jobs (id, created_at, status, batch_id, job)
       VALUES ($id, $at::TIMESTAMP, $status, $batch, $job)`,
      {
        id: state.id,
        at: utc(state.created_at),
        status: state.status,
        batch: state.batch_id,
        job: JSON.stringify(state),
      },
    );
  }

  /** Saves of job states, one after another: two at once on one row conflict ("Conflict on update"). */
  private saving: Promise<void> = Promise.resolve();

  /** Its own connection: import_jobs is written by nothing else (no conflict with a load in progress). */
  private save(job: Job): Promise<void> {
    const next = this.saving.then(() => this.withConn((c) => this.persist(c, job.state)));
    this.saving = next.catch(() => undefined);
    return next;
  }

  get running(): string | null {
    return this.active?.state.id ?? null;
  }

  /** Newest first, without previews and errors (GET one job for those). */
  list(visible: (job: ImportJob) => boolean = () => true): ImportJob[] {
    return [...this.jobs.values()]
      .map((j) => this.view(j))
      .filter(visible)
      .sort((a, b) => Number(b.id.slice(1)) - Number(a.id.slice(1)))
      .map((s) => ({ ...s, preview: null, errors: [] }));
  }

  get(id: string): ImportJob | undefined {
    const job = this.jobs.get(id);
    return job ? this.view(job) : undefined;
  }

  /** The state with its progress brought up to now and what may be done next. */
  private view(job: Job): ImportJob {
    const s = job.state;
    const now = Date.now();
    if (s.status === 'validating' || s.status === 'loading') {
      const p = s.progress;
      p.elapsed_ms = now - job.started;
      if (job.conn && !job.progress.reading) {
        const q = job.conn.progress;
        const pct = q.percentage >= 0 ? q.percentage / 100 : 0;
        if (s.status === 'validating') {
          p.rows_read = job.progress.base + Number(q.rows_processed ?? 0);
          p.bytes_read = Math.min(p.bytes_total, Math.round(job.progress.baseBytes + pct * job.progress.fileBytes));
        }
      }
      if (s.status === 'validating' && p.bytes_read > 0 && p.bytes_total > 0) {
        p.remaining_ms = Math.round((p.elapsed_ms * (p.bytes_total - p.bytes_read)) / p.bytes_read);
      } else if (s.status === 'loading' && job.trialMs !== null) {
        p.remaining_ms = Math.max(0, job.trialMs - p.elapsed_ms);
      }
    }
    s.can_commit = s.status === 'preview' && s.error_count === 0 && s.files.some((f) => f.status === 'new');
    s.can_undo = s.status === 'done' && s.batch_id !== null && this.undoable === s.batch_id;
    return structuredClone(s);
  }

  /** The batch an undo may take back now (the newest in import_log, with its images kept), or null. */
  private undoable: number | null = null;

  private async refreshUndoable(conn: DuckDBConnection): Promise<void> {
    const r = await conn.runAndReadAll('SELECT max(batch_id)::INTEGER AS b FROM import_log');
    const b = r.getRowObjectsJson()[0]?.b;
    const batch = b === null || b === undefined ? null : Number(b);
    this.undoable = batch !== null && (await savedImages(conn, batch)).length > 0 ? batch : null;
  }

  async init(): Promise<void> {
    await this.withConn((c) => this.refreshUndoable(c));
  }

  /**
   * Starts a job: `fill` saves its files into the job's folder. Throws ImportBusy when another job is active,
   * FileProblem when the files themselves are refused (nothing is kept then).
   */
  async start(opts: JobOptions, fill: (dir: string) => Promise<SavedFile[]>): Promise<ImportJob> {
    if (this.closed) throw new FileProblem('Máy chủ đang dừng.', 'The server is shutting down.', 503);
    if (this.active) throw new ImportBusy(this.active.state.id);
    const id = `i${this.nextId++}`;
    const dir = join(this.root, id);
    const created = Date.now();
    const state: ImportJob = {
      id,
      status: 'validating',
      source: opts.source,
      created_by: opts.actor.account,
      created_at: iso(created),
      finished_at: null,
      files: [],
      progress: {
        phase: 'upload',
        rows_read: 0,
        rows_total: null,
        bytes_read: 0,
        bytes_total: 0,
        current_file: null,
        elapsed_ms: 0,
        remaining_ms: null,
      },
      preview: null,
      errors: [],
      error_count: 0,
      batch_id: null,
      data_version: null,
      duration_ms: null,
      rows: 0,
      can_commit: false,
      can_undo: false,
      message: null,
      message_en: null,
    };
    const job: Job = {
      state,
      dir,
      opts,
      conn: null,
      checked: null,
      started: created,
      trialMs: null,
      done: Promise.resolve(),
      expiry: null,
      progress: { base: 0, baseBytes: 0, fileBytes: 0 },
    };
    this.active = job;
    let saved: SavedFile[];
    try {
      mkdirSync(dir, { recursive: true });
      saved = await fill(dir);
    } catch (e) {
      this.active = null;
      rmSync(dir, { recursive: true, force: true });
      throw e;
    }
    if (saved.length === 0) {
      this.active = null;
      rmSync(dir, { recursive: true, force: true });
      throw new FileProblem('Không có tệp nào được gửi.', 'No file was sent.');
    }
    state.files = saved.map((f) => {
      const r = recognise(f.name);
      return {
        name: f.name,
        size: f.size,
        sha256: f.sha256,
        kind: r?.kind ?? null,
        format: r?.format ?? null,
        status: r || f.name === 'manifest.json' ? 'new' : 'ignored',
      };
    });
    this.jobs.set(id, job);
    job.done = this.validate(job, saved);
    return this.view(job);
  }

  /** Waits until the job leaves validating / loading (tests, the inbox). */
  async settled(id: string): Promise<ImportJob | undefined> {
    const job = this.jobs.get(id);
    if (!job) return undefined;
    // the promise of the step in progress: checking may hand over to a commit (job.done is then replaced)
    for (;;) {
      const step = job.done;
      await step.catch(() => undefined);
      if (step === job.done && job.state.status !== 'validating' && job.state.status !== 'loading') break;
    }
    return this.view(job);
  }

  private async validate(job: Job, saved: SavedFile[]): Promise<void> {
    const s = job.state;
    try {
      const sources = await listFolder(job.dir);
      const byName = new Map(sources.map((src) => [src.file, src]));
      s.files = saved.map((f) => ({
        name: f.name,
        size: f.size,
        sha256: f.sha256,
        kind: byName.get(f.name)?.kind ?? null,
        format: byName.get(f.name)?.format ?? null,
        status: byName.has(f.name) || f.name === 'manifest.json' ? 'new' : 'ignored',
      }));
      s.progress.bytes_total = sources.reduce((a, src) => a + (saved.find((f) => f.name === src.file)?.size ?? 0), 0);
      s.progress.phase = 'validating';
      await this.save(job);
      if (sources.length === 0) {
        const names = s.files.map((f) => f.name).join(', ');
        return await this.fail(
          job,
          `Không có tệp nào mà bộ nhập đọc được (${names}): tên tệp phải bắt đầu bằng ${KIND_LIST.vi} ` +
            '(docs/data-formats.md).',
          `No file the importer reads (${names}): a name must start with ${KIND_LIST.en} (docs/data-formats.md).`,
        );
      }
      const conn = (job.conn = await this.ctx.instance.connect());
      const sizes = new Map(saved.map((f) => [f.name, f.size]));
      const checked = (job.checked = await checkImport(
        conn,
        sources,
        readManifest(job.dir),
        {
          dataDate: job.opts.dataDate,
          unit: job.opts.unit,
          knownIndicators: new Set([...this.ctx.registry.indicators.keys(), INDEX766_TARGET_INDICATOR]),
        },
        (done, _total, file, reading) => {
          if (reading) {
            // a workbook being read: its bytes and rows so far (DuckDB's own progress covers CSV and Parquet)
            s.progress.rows_read = job.progress.base + reading.rows;
            s.progress.bytes_read = job.progress.baseBytes + Math.min(reading.bytes, job.progress.fileBytes);
            job.progress.reading = true;
            return;
          }
          job.progress.reading = false;
          const staged = job.checked?.staged ?? [];
          job.progress.base = staged.reduce((a, st) => a + st.rows, 0);
          job.progress.baseBytes = sources.slice(0, done).reduce((a, src) => a + (sizes.get(src.file) ?? 0), 0);
          job.progress.fileBytes = file ? (sizes.get(file.file) ?? 0) : 0;
          s.progress.current_file = file?.file ?? null;
          s.progress.rows_read = job.progress.base;
          s.progress.bytes_read = job.progress.baseBytes;
        },
      ));
      for (const f of s.files) if (checked.seen.some((x) => x.file === f.name)) f.status = 'seen';
      const rows = checked.staged.reduce((a, st) => a + st.rows, 0);
      Object.assign(s.progress, { rows_read: rows, rows_total: rows, bytes_read: s.progress.bytes_total });
      s.rows = rows;
      const errors = [...checked.errors];
      if (errors.length === 0 && job.opts.scopeCheck) errors.push(...(await job.opts.scopeCheck(conn, checked.staged)));
      s.error_count = countErrors(errors);
      s.errors = errors.slice(0, MAX_ERRORS);
      if (errors.length === 0 && checked.staged.length > 0) {
        s.progress.phase = 'preview';
        s.progress.current_file = null;
        const t = Date.now();
        let changes: StoreChanges | null = null;
        const touched = touchedTables(checked.staged);
        const report = await this.live.ingestor.exclusive(() =>
          loadChecked(conn, checked, {
            trial: true,
            before: (c) => saveImages(c, touched, 'temp', 'pv'),
            after: async (c, staged) => {
              changes = await measureChanges(c, staged, touched, 'pv');
            },
          }),
        );
        job.trialMs = Date.now() - t;
        if (!report.ok || !changes) {
          s.errors = report.errors;
          s.error_count = countErrors(report.errors);
        } else s.preview = this.preview(checked, changes);
      }
      s.progress.elapsed_ms = Date.now() - job.started;
      job.checkMs = s.progress.elapsed_ms;
      s.progress.remaining_ms = null;
      if (s.error_count === 0 && !s.files.some((f) => f.status === 'new')) {
        s.message = 'Không có gì mới: mọi tệp đã được nhập trước đây.';
        s.message_en = 'Nothing new: every file was loaded before.';
      }
      if (s.error_count > 0) {
        s.message = `${s.error_count} lỗi: không có gì được ghi; sửa các dòng được nêu rồi nhập lại.`;
        s.message_en = `${s.error_count} errors: nothing was stored; correct the rows listed and import again.`;
      }
      // a job that cannot be committed ends here, never shown as a preview waiting for a commit
      if (s.error_count > 0 || !s.files.some((f) => f.status === 'new'))
        return await this.finish(job, s.error_count > 0 ? 'failed' : 'discarded');
      s.status = 'preview';
      s.progress.phase = 'preview';
      await this.save(job);
      // a commit asked while the preview was being saved has taken the job over (it is loading on job.conn now)
      if (s.status !== 'preview') return;
      if (job.opts.autoCommit && this.view(job).can_commit) {
        job.done = this.load(job);
        return;
      }
      job.expiry = setTimeout(() => void this.discard(job.state.id, 'expired').catch(() => undefined), PREVIEW_TTL_MS);
      job.expiry.unref?.();
    } catch (e) {
      if (s.status === 'loading') return; // a commit took the job over: its own end settles it
      const msg = e instanceof FileProblem ? e : null;
      await this.fail(
        job,
        msg?.vi ?? `Lỗi khi đọc các tệp: ${(e as Error).message}; không có gì được ghi.`,
        msg?.en ?? `Reading the files failed: ${(e as Error).message}; nothing was stored.`,
      );
    }
  }

  private preview(checked: CheckedImport, changes: StoreChanges): ImportPreview {
    const name = (id: string) => this.ctx.units.get(id)?.name ?? id;
    const files = checked.staged.map((st) => {
      const c = changes.files.find((f) => f.file === st.src.file);
      const extra = st as StagedFile & { notes?: string[]; skippedRows?: number; sheet?: string };
      return {
        file: st.src.file,
        kind: st.src.kind,
        format: st.src.format,
        ...(extra.sheet ? { sheet: extra.sheet } : {}),
        columns: [...(st.raw?.header ?? new Map<string, string>())].map(([column, header]) => ({ column, header })),
        rows: st.rows,
        skipped_rows: extra.skippedRows ?? 0,
        counted: c?.counted ?? 'rows',
        units: c?.units ?? [],
        unit_count: c?.unitCount ?? 0,
        months: c?.months ?? null,
        changes: { added: c?.added ?? 0, replaced: c?.replaced ?? 0, unchanged: c?.unchanged ?? 0 },
        feeds: feedsOf(this.ctx.registry, st.src.kind, [...(st.raw?.header.keys() ?? [])]),
        notes: extra.notes ?? [],
        largest: (c?.largest ?? []).map((x) => ({ ...x, unit_name: name(x.unit) })),
      };
    });
    const tables = changes.tables.map((t) => t.table);
    const indicators = [...this.ctx.registry.indicators.values()]
      .filter((d) => {
        const read = tablesOf(d);
        return tables.some((t) => read.has(t));
      })
      .map((d) => d.id)
      .sort();
    const months = changes.tables.flatMap((t) => t.months).sort();
    return {
      files,
      indicators,
      months: months.length ? { from: months[0], to: months[months.length - 1] } : null,
      tables: changes.tables,
    };
  }

  /** Applies a previewed import. */
  commit(id: string, actor: Actor): ImportJob {
    const job = this.jobs.get(id);
    if (!job || !this.view(job).can_commit) throw new FileProblem(...this.cannot(job, 'commit'), job ? 409 : 404);
    job.opts.actor = actor;
    if (job.expiry) clearTimeout(job.expiry);
    job.state.status = 'loading';
    job.state.progress.phase = 'loading';
    job.started = Date.now();
    job.done = this.load(job);
    return this.view(job);
  }

  private cannot(job: Job | undefined, what: 'commit' | 'undo' | 'discard'): [string, string] {
    if (!job) return ['Không có lượt nhập này.', 'No such import.'];
    const st = job.state.status;
    if (what === 'undo') {
      return [
        `Chỉ hoàn tác được lượt nhập đã ghi gần nhất (lượt ${job.state.id} đang ở trạng thái ${st}).`,
        `Only the last committed import can be taken back (${job.state.id} is ${st}).`,
      ];
    }
    if (st === 'preview' && job.state.error_count > 0) {
      return [
        `Lượt nhập ${job.state.id} có ${job.state.error_count} lỗi: sửa tệp rồi nhập lại.`,
        `Import ${job.state.id} has ${job.state.error_count} errors: correct the files and import again.`,
      ];
    }
    return [
      `Lượt nhập ${job.state.id} đang ở trạng thái ${st}, không thể ${what === 'commit' ? 'ghi' : 'hủy'}.`,
      `Import ${job.state.id} is ${st}: it cannot be ${what === 'commit' ? 'committed' : 'discarded'}.`,
    ];
  }

  private async load(job: Job): Promise<void> {
    const s = job.state;
    // the request that asked has its own record; the end of the commit comes later, of no request
    job.opts.actor = { ...job.opts.actor, method: undefined, route: undefined };
    s.status = 'loading';
    s.progress.phase = 'loading';
    job.started = Date.now();
    job.loading = true;
    const conn = job.conn!;
    const checked = job.checked!;
    try {
      await this.save(job);
      const touched = touchedTables(checked.staged);
      const units = touched.some((t) => t.table === 'units');
      const report = await this.live.ingestor.exclusive(async () => {
        const r = await loadChecked(conn, checked, {
          before: (c, _staged, batch) => saveImages(c, touched, 'import_undo', `b${batch}`),
        });
        if (r.ok && r.batchId !== null) await pruneImages(conn, KEEP_UNDO);
        await this.refreshUndoable(conn);
        if (r.ok) await this.refresh(conn, units);
        return r;
      });
      if (!report.ok) {
        s.errors = report.errors;
        s.error_count = countErrors(report.errors);
        return await this.fail(
          job,
          `Ghi thất bại, không có gì được ghi: ${report.errors.map(formatImportError).join('; ')}`,
          `The commit failed, nothing was stored: ${report.errors.map(formatImportError).join('; ')}`,
        );
      }
      s.batch_id = report.batchId;
      s.data_version = this.ctx.info.dataVersion;
      s.message = `Đã ghi: phiên bản dữ liệu ${s.data_version}.`;
      s.message_en = `Stored: data version ${s.data_version}.`;
      this.announce('import', report.batchId ?? 0);
      await this.finish(job, 'done');
    } catch (e) {
      await this.fail(
        job,
        `Ghi thất bại, không có gì được ghi: ${(e as Error).message}`,
        `The commit failed, nothing was stored: ${(e as Error).message}`,
      );
    }
  }

  /** Reads the store's state again after it changed wholesale. */
  private async refresh(conn: DuckDBConnection, unitsChanged: boolean): Promise<void> {
    Object.assign(this.ctx.info, await loadStoreInfo(conn));
    if (unitsChanged) {
      Object.assign(this.ctx.units, await loadUnitDirectory(conn));
      for (const listener of this.ctx.unitListeners) listener();
    }
    this.ctx.indicators.invalidate();
    this.ctx.targets.invalidate();
  }

  private announce(reason: 'import' | 'undo', batch: number): void {
    const info = this.ctx.info;
    const dates = Object.values(info.dataDates).sort();
    this.live.hub.announce({
      reason,
      batch,
      data_version: info.dataVersion,
      data_date: dates[dates.length - 1] ?? '',
    });
  }

  /** Takes back the last committed import (the newest batch of import_log, while its images are kept). */
  async undo(id: string, actor: Actor): Promise<ImportJob> {
    const job = this.jobs.get(id);
    if (!job || !this.view(job).can_undo || this.active) {
      if (this.active && job) {
        throw new FileProblem(
          `Đang có lượt nhập ${this.active.state.id}; hãy đợi nó xong rồi hoàn tác.`,
          `Import ${this.active.state.id} is in progress; wait for it before taking one back.`,
          409,
        );
      }
      throw new FileProblem(...this.cannot(job, 'undo'), job ? 409 : 404);
    }
    const batch = job.state.batch_id!;
    const s = job.state;
    await this.live.ingestor.exclusive(() =>
      this.withConn(async (conn) => {
        const committedAt = s.finished_at ?? s.created_at;
        const later = await conn.runAndReadAll(
          'SELECT count(*)::INTEGER AS n FROM events WHERE received_at > $t::TIMESTAMP',
          { t: utc(committedAt) },
        );
        const events = Number(later.getRowObjectsJson()[0].n);
        await conn.run('BEGIN TRANSACTION');
        try {
          const tables = await restoreImages(conn, batch);
          await bumpStoreMeta(conn, new Date());
          await conn.run('COMMIT');
          await dropImages(conn, batch);
          await this.refreshUndoable(conn);
          await this.refresh(conn, tables.includes('units'));
          s.status = 'undone';
          s.data_version = this.ctx.info.dataVersion;
          s.finished_at = iso();
          s.message =
            `Đã hoàn tác lượt nhập ${s.id} (lô ${batch}): phiên bản dữ liệu ${s.data_version}.` +
            (events > 0 ? ` ${events} sự kiện trực tiếp nhận sau lượt nhập trên cùng các dòng đã bị thay lại.` : '');
          s.message_en =
            `Import ${s.id} (batch ${batch}) taken back: data version ${s.data_version}.` +
            (events > 0 ? ` ${events} live events received after the import were replaced where they met it.` : '');
          await this.save(job);
        } catch (e) {
          await conn.run('ROLLBACK').catch(() => undefined);
          throw e;
        }
      }),
    );
    this.announce('undo', batch);
    this.audit('import_undo', actor, `${s.id}: batch ${batch} taken back; data version ${s.data_version}`);
    return this.view(job);
  }

  /** Drops a previewed import (nothing was written). */
  async discard(id: string, why: 'asked' | 'expired' = 'asked', actor?: Actor): Promise<ImportJob> {
    const job = this.jobs.get(id);
    if (!job || job.state.status !== 'preview') throw new FileProblem(...this.cannot(job, 'discard'), job ? 409 : 404);
    if (actor) job.opts.actor = actor;
    if (why === 'expired') {
      job.state.message = 'Hủy tự động: chờ xác nhận quá 30 phút.';
      job.state.message_en = 'Discarded: it waited for a commit over 30 minutes.';
    }
    await this.finish(job, 'discarded');
    return this.view(job);
  }

  private async fail(job: Job, vi: string, en: string): Promise<void> {
    job.state.message = vi;
    job.state.message_en = en;
    await this.finish(job, 'failed');
  }

  private async finish(job: Job, status: ImportStatus): Promise<void> {
    const s = job.state;
    s.status = status;
    s.finished_at = iso();
    // the work (checking, then loading), not the time the preview waited for its commit
    const worked = Date.now() - job.started;
    s.duration_ms = job.loading ? (job.checkMs ?? 0) + worked : worked;
    s.progress.phase = status;
    s.progress.remaining_ms = null;
    // free the slot with the status: a caller that sees the job ended may start the next import or undo it at once
    if (this.active === job) this.active = null;
    if (job.expiry) clearTimeout(job.expiry);
    if (job.conn) {
      if (job.checked) await releaseChecked(job.conn, job.checked).catch(() => undefined);
      job.conn.closeSync();
      job.conn = null;
    }
    job.checked = null;
    rmSync(job.dir, { recursive: true, force: true });
    await this.save(job).catch(() => undefined);
    const files = s.files.map((f) => `${f.name} (${f.size} B, sha256 ${f.sha256}, ${f.status})`).join('; ');
    const action =
      job.opts.source === 'inbox'
        ? 'import_inbox'
        : status === 'done'
          ? 'import_commit'
          : status === 'discarded'
            ? 'import_discard'
            : 'import_failed';
    {
      this.audit(
        action,
        job.opts.actor,
        `${s.id} ${status}` +
          (s.batch_id !== null ? `, batch ${s.batch_id}, data version ${s.data_version}` : '') +
          `, ${s.rows} rows: ${files}` +
          (s.message_en && status !== 'done' ? ` — ${s.message_en}` : ''),
        s.rows,
      );
    }
  }

  audit(action: string, actor: Actor, detail: string, rows: number | null = null): void {
    const record: AuditRecord = {
      account: actor.account,
      role: actor.role,
      ip: actor.ip,
      action,
      method: actor.method ?? null,
      route: actor.route ?? null,
      params: null,
      units: [],
      rows,
      status: null,
      format: null,
      bytes: null,
      sha256: null,
      detail,
    };
    void this.ctx.audit.append(record).catch((err: unknown) => console.error('[ioc06] audit record not written', err));
  }

  /** Waits for the active job's work; discards a waiting preview. */
  async close(): Promise<void> {
    this.closed = true;
    const job = this.active;
    if (!job) return;
    await job.done.catch(() => undefined);
    if (job.state.status === 'preview') await this.discard(job.state.id).catch(() => undefined);
  }
}
