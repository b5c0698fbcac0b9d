// npm run bench -- import: an import through the running server at province scale. The real server runs as its own
// process (its RSS read from /proc/<pid>/status) on a copy of the province store that `npm run bench` builds
// (data/bench/province.duckdb, Hải Dương, 265 communes; the Nam Sách demo store when it is missing, said so in the
// output); a month of new dossiers (IOC_BENCH_IMPORT_ROWS, default 200,000) of the store's own base units and
// procedures is uploaded through POST /api/admin/imports, previewed and committed, as CSV and as XLSX (written with
// exceljs' streaming WorkbookWriter), while 50 signed-in clients keep reading indicator answers and target statuses of
// random units. Per format: upload, check + preview and commit times, rows/s, the server's RSS before and its peak
// (VmHWM, reset before each run), the readers' latency p50/p95 and errors in a window before the import and during it
// (goal: p95 during < 2 × before, no error), by phase, and after the commit while the server reads today's values
// again for the live stream (it does after every commit and undo: the bench waits 1.5 × its start-up reading before
// the next window), and the machine's load. Each import is undone, and the copy is checked to hold what it held
// before. Results are printed as Markdown and written to data/bench/import.json (import-demo.json on the demo store).
import { type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, openAsBlob, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, totalmem } from 'node:os';
import { basename, join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { cubesKeyed } from '../../data/pipeline/cell-key.ts';
import { cellText } from '../../data/pipeline/cells.ts';
import { recognise } from '../../data/pipeline/import/files.ts';
import { openStore } from '../../data/pipeline/store.ts';
import { AuthStore } from '../../server/auth/store.ts';
import { createAccount } from '../../server/auth/accounts.ts';
import { SerialConnection } from '../../server/db/serial.ts';
import { loadUnitDirectory } from '../../server/units/directory.ts';
import { ensureDemoStore, ROOT } from '../e2e/harness.ts';
import { CHILD_PASSWORD, childSession, freePort, startChildServer } from '../helpers/child-server.ts';
import { dossierPlan, dossierRows, writeDossierCsv, writeDossierXlsx } from '../helpers/dossier-file.ts';
import { fingerprint, fingerprintFile, type StoreFingerprint } from '../helpers/store-fingerprint.ts';

const PROVINCE_DB = process.env.IOC_BENCH_DB ?? 'data/bench/province.duckdb';
const ROWS = Number(process.env.IOC_BENCH_IMPORT_ROWS ?? 200_000);
const CLIENTS = Number(process.env.IOC_BENCH_IMPORT_CLIENTS ?? 50);
/** Seconds of reading before each import: the "before" window. */
const BEFORE_S = Number(process.env.IOC_BENCH_IMPORT_BEFORE_S ?? 30);
/** Each reader waits a random 0–2 × this many ms between its requests (0: back to back). */
const THINK_MS = Number(process.env.IOC_BENCH_IMPORT_THINK_MS ?? 3000);
/** The server's answer cache (IOC_CACHE entries): off by default, so that every answer is computed. */
const CACHE = process.env.IOC_BENCH_IMPORT_CACHE ?? '0';
const DIR = join(ROOT, 'tests', '.tmp', `bench-import-${process.pid}`);
/** Where the result is kept: a run on the demo store does not replace the province's. */
const resultFile = (scale: string) =>
  join(ROOT, 'data', 'bench', scale === 'province' ? 'import.json' : 'import-demo.json');
/** Accounts the bench adds to its copy of the store: an admin and a leader of the whole province. */
const ADMIN = 'bench.admin';
const READER = 'bench.reader';

const say = (s = '') => console.log(s);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pct = (xs: number[], p: number) => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
};
const table = (head: string[], rows: (string | number)[][]) =>
  [
    `| ${head.join(' | ')} |`,
    `|${head.map((_, i) => (i ? '---:' : '---')).join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
const mb = (kb: number) => Math.round(kb / 1024);
const s1 = (ms: number) => (ms / 1000).toFixed(1);
const load = () => loadavg().map((x) => Number(x.toFixed(2)));

// ---------------------------------------------------------------------------------------------------------------
// The server's memory

function status(pid: number): { rss: number; hwm: number } {
  let text = '';
  try {
    text = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return { rss: NaN, hwm: NaN }; // the process is gone
  }
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? NaN);
  return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
}

/** Resets the peak RSS (VmHWM) of a process to its RSS now (Linux: 5 → clear_refs); false when not allowed. */
function resetPeak(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Readers: signed-in clients asking indicator answers and target statuses of random units

interface Sample {
  start: number;
  ms: number;
  ok: boolean;
  what: string;
}

interface Latency {
  requests: number;
  per_second: number;
  p50_ms: number;
  p95_ms: number;
  max_ms: number;
  errors: number;
  /** p50 / p95 of the indicator answers alone, and of the target statuses alone (ms) */
  indicators_ms: [number, number];
  targets_ms: [number, number];
}

interface Readers {
  samples: Sample[];
  stop(): Promise<void>;
  /** the first errors seen (status and path) */
  problems: string[];
}

function latency(samples: Sample[], from: number, to: number): Latency {
  const xs = samples.filter((s) => s.start >= from && s.start < to);
  const ms = xs.map((s) => s.ms);
  const of = (prefix: string): [number, number] => {
    const ys = xs.filter((s) => s.what.startsWith(prefix)).map((s) => s.ms);
    return [Number(pct(ys, 50).toFixed(1)), Number(pct(ys, 95).toFixed(1))];
  };
  return {
    indicators_ms: of('/api/indicators/'),
    targets_ms: of('/api/targets'),
    requests: xs.length,
    per_second: Number((xs.length / ((to - from) / 1000)).toFixed(1)),
    p50_ms: Number(pct(ms, 50).toFixed(1)),
    p95_ms: Number(pct(ms, 95).toFixed(1)),
    max_ms: Number(Math.max(...ms).toFixed(1)),
    errors: xs.filter((s) => !s.ok).length,
  };
}

function startReaders(
  base: string,
  sessions: Record<string, string>[],
  indicators: string[],
  units: { id: string; parent: boolean }[],
): Readers {
  const samples: Sample[] = [];
  const problems: string[] = [];
  let running = true;
  const pick = <T>(xs: T[]) => xs[Math.floor(Math.random() * xs.length)];
  const path = () => {
    const u = pick(units);
    if (Math.random() < 0.1) return `/api/targets?unit=${u.id}`;
    const by = u.parent && Math.random() < 0.5 ? 'unit' : pick(['month', 'month', 'quarter', 'total']);
    return `/api/indicators/${pick(indicators)}?unit=${u.id}&by=${by}`;
  };
  const client = async (headers: Record<string, string>) => {
    await sleep(Math.random() * 1000);
    while (running) {
      const what = path();
      const start = performance.now();
      let ok = false;
      try {
        const res = await fetch(`${base}${what}`, { headers });
        await res.arrayBuffer();
        ok = res.ok;
        if (!ok && problems.length < 20) problems.push(`${res.status} ${what}`);
      } catch (e) {
        if (problems.length < 20) problems.push(`${(e as Error).message} ${what}`);
      }
      samples.push({ start, ms: performance.now() - start, ok, what });
      if (THINK_MS > 0) await sleep(Math.random() * 2 * THINK_MS);
    }
  };
  const all = Promise.all(sessions.map((h) => client(h)));
  return {
    samples,
    problems,
    async stop() {
      running = false;
      await all;
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// One import through the API

interface Job {
  id: string;
  status: string;
  rows: number;
  error_count: number;
  errors: { file: string; line: number; column: string; reason: string }[];
  message_en: string | null;
  files: { name: string; format: string | null; kind: string | null; status: string }[];
  preview: { files: { changes: { added: number; replaced: number; unchanged: number } }[] } | null;
  batch_id: number | null;
  data_version: number | null;
}

export interface ImportRun {
  format: 'csv' | 'xlsx';
  /** why the run was skipped, when it was */
  skipped: string | null;
  file: string;
  bytes: number;
  rows: number;
  upload_ms: number;
  preview_ms: number;
  commit_ms: number;
  undo_ms: number;
  rows_per_s: { preview: number; commit: number; whole: number };
  rss_before_mb: number;
  /** VmHWM read after the commit, reset just before the upload (else the peak since the server started) */
  rss_peak_mb: number;
  peak_reset: boolean;
  /** the highest VmRSS sampled every 100 ms during the run */
  rss_sampled_peak_mb: number;
  readers_before: Latency;
  readers_during: Latency;
  /** the same, by phase: upload and check + preview, and commit */
  readers_preview: Latency;
  readers_commit: Latency;
  /** after the commit, while the server reads today's values again for the live stream (settle_ms) */
  readers_after: Latency;
  settle_ms: number;
  load_before: number[];
  load_after: number[];
  added: number;
  data_version: number | null;
  /** the admin's requests refused by the overloaded server (503) and sent again */
  admin_refused: number;
}

export interface ImportBenchResult {
  when: string;
  machine: string;
  store: string;
  scale: 'province' | 'demo';
  store_note: string;
  dossiers: number;
  base_units: number;
  month: string;
  clients: number;
  think_ms: number;
  cache: string;
  runs: ImportRun[];
  /** the copy holds after both undos what it held before */
  restored: boolean;
}

async function importOnce(
  base: string,
  pid: number,
  admin: Record<string, string>,
  readers: Readers,
  file: string,
  bytes: number,
  format: 'csv' | 'xlsx',
  settleMs: number,
): Promise<ImportRun> {
  const run: ImportRun = {
    format,
    skipped: null,
    file: basename(file),
    bytes,
    rows: 0,
    upload_ms: NaN,
    preview_ms: NaN,
    commit_ms: NaN,
    undo_ms: NaN,
    rows_per_s: { preview: NaN, commit: NaN, whole: NaN },
    rss_before_mb: NaN,
    rss_peak_mb: NaN,
    peak_reset: false,
    rss_sampled_peak_mb: NaN,
    readers_before: latency([], 0, 1),
    readers_during: latency([], 0, 1),
    readers_preview: latency([], 0, 1),
    readers_commit: latency([], 0, 1),
    readers_after: latency([], 0, 1),
    settle_ms: settleMs,
    load_before: load(),
    load_after: [],
    added: 0,
    data_version: null,
    admin_refused: 0,
  };
  /** The admin's requests; one refused by an overloaded server (503, before any work) is sent again. */
  const api = async (method: string, path: string, body?: FormData): Promise<{ status: number; job: Job }> => {
    for (let tries = 0; ; tries++) {
      const res = await fetch(`${base}${path}`, { method, headers: admin, body });
      if (res.status !== 503 || tries >= 30) return { status: res.status, job: (await res.json()) as Job };
      await res.arrayBuffer();
      run.admin_refused++;
      await sleep(1000 * Number(res.headers.get('retry-after') ?? 1));
    }
  };
  const poll = async (id: string, while_: string): Promise<Job> => {
    for (;;) {
      const { job } = await api('GET', `/api/admin/imports/${id}`);
      if (job.status !== while_) return job;
      await sleep(100);
    }
  };

  say(`${format}: ${BEFORE_S} s of reading before the import …`);
  const windowStart = performance.now();
  await sleep(BEFORE_S * 1000);
  run.peak_reset = resetPeak(pid);
  await sleep(200);
  run.rss_before_mb = mb(status(pid).rss);
  run.readers_before = latency(readers.samples, windowStart, performance.now());
  let sampled = 0;
  const sampler = setInterval(() => (sampled = Math.max(sampled, status(pid).rss || 0)), 100);

  const t0 = performance.now();
  const form = new FormData();
  form.append('files', await openAsBlob(file), basename(file));
  const up = await api('POST', '/api/admin/imports', form);
  const t1 = performance.now();
  if (up.status !== 202) throw new Error(`upload: ${up.status} ${JSON.stringify(up.job)}`);
  say(`${format}: uploaded in ${s1(t1 - t0)} s (${up.job.id}); checking …`);
  const previewed = await poll(up.job.id, 'validating');
  const t2 = performance.now();
  if (previewed.status !== 'preview' || previewed.error_count > 0) {
    clearInterval(sampler);
    const why =
      previewed.files[0]?.format !== format
        ? `the server did not read ${basename(file)} as ${format} (${JSON.stringify(previewed.files[0])})`
        : `${previewed.status}: ${previewed.message_en ?? ''} ${JSON.stringify(previewed.errors.slice(0, 3))}`;
    if (previewed.status === 'preview') await api('DELETE', `/api/admin/imports/${up.job.id}`);
    if (format === 'xlsx') return { ...run, skipped: why, upload_ms: t1 - t0, load_after: load() };
    throw new Error(`${format} import not previewed: ${why}`);
  }
  run.added = previewed.preview?.files.reduce((a, f) => a + f.changes.added, 0) ?? 0;
  say(`${format}: previewed in ${s1(t2 - t1)} s (${previewed.rows} rows, ${run.added} added); committing …`);
  const asked = await api('POST', `/api/admin/imports/${up.job.id}/commit`);
  if (asked.status !== 202) throw new Error(`commit: ${asked.status} ${JSON.stringify(asked.job)}`);
  const done = await poll(up.job.id, 'loading');
  const t3 = performance.now();
  clearInterval(sampler);
  const after = status(pid);
  run.load_after = load();
  if (done.status !== 'done') throw new Error(`commit: ${done.status} ${done.message_en}`);
  say(`${format}: committed in ${s1(t3 - t2)} s, data version ${done.data_version}`);
  run.readers_during = latency(readers.samples, t0, t3);
  run.readers_preview = latency(readers.samples, t0, t2);
  run.readers_commit = latency(readers.samples, t2, t3);
  Object.assign(run, {
    rows: previewed.rows,
    upload_ms: t1 - t0,
    preview_ms: t2 - t1,
    commit_ms: t3 - t2,
    rss_peak_mb: mb(after.hwm),
    rss_sampled_peak_mb: mb(Math.max(sampled, after.rss)),
    data_version: done.data_version,
  });
  run.rows_per_s = {
    preview: Math.round(run.rows / (run.preview_ms / 1000)),
    commit: Math.round(run.rows / (run.commit_ms / 1000)),
    whole: Math.round(run.rows / ((t3 - t0) / 1000)),
  };
  // an import resets the live stream: the server reads today's values and target statuses again (as at its start)
  await sleep(settleMs);
  run.readers_after = latency(readers.samples, t3, performance.now());
  const t4 = performance.now();
  const undone = await api('POST', `/api/admin/imports/${up.job.id}/undo`);
  run.undo_ms = performance.now() - t4;
  if (undone.status !== 200 || undone.job.status !== 'undone')
    throw new Error(`undo: ${undone.status} ${JSON.stringify(undone.job)}`);
  say(`${format}: undone in ${s1(run.undo_ms)} s; ${s1(settleMs)} s for the server to settle`);
  await sleep(settleMs);
  return run;
}

// ---------------------------------------------------------------------------------------------------------------

/** The store to copy: the province store when it is there and current, else the demo store (and why). */
async function chooseStore(): Promise<{ path: string; scale: 'province' | 'demo'; note: string }> {
  const want = process.env.IOC_BENCH_IMPORT_STORE;
  if (want !== 'demo' && existsSync(PROVINCE_DB)) {
    const { instance, connection } = await openStore(PROVINCE_DB, { readOnly: true });
    const keyed = await cubesKeyed(connection).finally(() => {
      connection.closeSync();
      instance.closeSync();
    });
    if (keyed) return { path: PROVINCE_DB, scale: 'province', note: `a copy of ${PROVINCE_DB}` };
  }
  const why =
    want === 'demo'
      ? 'IOC_BENCH_IMPORT_STORE=demo'
      : `${PROVINCE_DB} is missing or predates the cell keys (npm run bench builds it, ~15 min)`;
  return {
    path: await ensureDemoStore(),
    scale: 'demo',
    note: `THE NAM SÁCH DEMO STORE, not the province: ${why}`,
  };
}

/** Adds the bench's accounts (admin and leader of the whole province) to the copy; its units and the plan. */
async function prepare(db: string) {
  const { instance, connection } = await openStore(db);
  const writer = await SerialConnection.open(instance);
  try {
    const units = await loadUnitDirectory(connection);
    const top = units.units.find((u) => u.level === 'province' && units.members(u.unit_id).length > 0);
    if (!top) throw new Error('no province with data in the store');
    const auth = await AuthStore.open(writer);
    for (const [username, role] of [
      [ADMIN, 'admin'],
      [READER, 'leader'],
    ]) {
      if (!auth.get(username))
        await createAccount(auth, units, {
          username,
          role,
          unit_id: top.unit_id,
          display_name: `Bench ${role}`,
          password: CHILD_PASSWORD,
        });
    }
    const plan = await dossierPlan(connection);
    // the units readers ask: the province, its districts and base communes (by=unit for those with children)
    const r = await connection.runAndReadAll(
      `SELECT unit_id, level FROM units WHERE is_base OR unit_id = $top ORDER BY unit_id`,
      { top: top.unit_id },
    );
    const readUnits = r
      .getRowObjectsJson()
      .map((row) => ({ id: cellText(row.unit_id), parent: cellText(row.level) !== 'commune' }))
      .filter((u) => units.members(u.id).length > 0);
    const before = await fingerprint(connection);
    return { plan, readUnits, before, base: units.baseIds().length };
  } finally {
    await writer.close();
    connection.closeSync();
    instance.closeSync();
  }
}

function report(result: ImportBenchResult): string {
  const rows = result.runs.map((r) =>
    r.skipped
      ? [r.format.toUpperCase(), `skipped: ${r.skipped}`, '', '', '', '', '', '', '', '', '', '', '', '']
      : [
          r.format.toUpperCase(),
          `${r.rows.toLocaleString('en')} (${(r.bytes / 2 ** 20).toFixed(1)} MB)`,
          s1(r.upload_ms),
          s1(r.preview_ms),
          s1(r.commit_ms),
          `${r.rows_per_s.preview.toLocaleString('en')} / ${r.rows_per_s.commit.toLocaleString('en')} / ` +
            r.rows_per_s.whole.toLocaleString('en'),
          `${r.rss_before_mb} → ${r.rss_peak_mb}${r.peak_reset ? '' : ' (since start)'}`,
          `${r.readers_before.p50_ms} / ${r.readers_before.p95_ms}`,
          `${r.readers_during.p50_ms} / ${r.readers_during.p95_ms}`,
          (r.readers_during.p95_ms / r.readers_before.p95_ms).toFixed(2),
          `${r.readers_before.errors} / ${r.readers_during.errors}`,
          `${r.readers_before.per_second} / ${r.readers_during.per_second}`,
          s1(r.undo_ms),
          `${r.load_before.join(', ')} → ${r.load_after.join(', ')}`,
        ],
  );
  const met = (yes: boolean) => (yes ? 'met' : 'NOT met');
  const ok = result.runs
    .filter((r) => !r.skipped)
    .map(
      (r) =>
        `${r.format.toUpperCase()}: p95 during ÷ before ` +
        `${(r.readers_during.p95_ms / r.readers_before.p95_ms).toFixed(2)} ` +
        `(goal < 2: ${met(r.readers_during.p95_ms < 2 * r.readers_before.p95_ms)}), ` +
        `reader errors during ${r.readers_during.errors} (goal 0: ${met(r.readers_during.errors === 0)}); ` +
        `p50 / p95 during upload + check + preview ${r.readers_preview.p50_ms} / ${r.readers_preview.p95_ms} ms, ` +
        `during the commit ${r.readers_commit.p50_ms} / ${r.readers_commit.p95_ms} ms, ` +
        `in the ${s1(r.settle_ms)} s after it ${r.readers_after.p50_ms} / ${r.readers_after.p95_ms} ms ` +
        `(${r.readers_after.errors} errors); the admin's requests refused (503) and sent again: ${r.admin_refused}. ` +
        `By request, p50 / p95 before → during: indicator answers ` +
        `${r.readers_before.indicators_ms.join(' / ')} → ${r.readers_during.indicators_ms.join(' / ')} ms, ` +
        `target statuses ${r.readers_before.targets_ms.join(' / ')} → ${r.readers_during.targets_ms.join(' / ')} ms`,
    );
  return [
    `Store: ${result.store_note} ` +
      `(${result.dossiers.toLocaleString('en')} dossiers, ${result.base_units} base units); ` +
      `${result.runs[0]?.rows.toLocaleString('en') ?? ROWS} new dossiers of ${result.month}. ` +
      `${result.clients} readers (one session each, a random 0–${2 * result.think_ms} ms between requests), ` +
      `answer cache ${result.cache === '0' ? 'off' : result.cache}; the server a child process; ` +
      `machine ${result.machine} (the load averages below count the bench and the server).\n`,
    table(
      [
        'format',
        'rows (file)',
        'upload (s)',
        'check + preview (s)',
        'commit (s)',
        'rows/s preview / commit / whole',
        'server RSS before → peak (MB)',
        'readers p50 / p95 before (ms)',
        'p50 / p95 during (ms)',
        'p95 ratio',
        'errors before / during',
        'req/s before / during',
        'undo (s)',
        'load avg 1/5/15 before → after',
      ],
      rows,
    ),
    '',
    ...ok,
    `After both undos the copy holds what it held before: ${result.restored ? 'yes' : 'NO'}.`,
  ].join('\n');
}

/** Prints the import bench as Markdown (see the file's head); returns its result (also in data/bench/import.json). */
export async function runImportBench(): Promise<ImportBenchResult> {
  const t = Date.now();
  say('## Import through the server while readers read\n');
  const store = await chooseStore();
  rmSync(DIR, { recursive: true, force: true });
  mkdirSync(DIR, { recursive: true });
  const db = join(DIR, 'store.duckdb');
  copyFileSync(store.path, db);
  if (existsSync(`${store.path}.wal`)) copyFileSync(`${store.path}.wal`, `${db}.wal`);
  let server: ChildProcess | undefined;
  let output = () => '';
  try {
    const { plan, readUnits, before, base: baseUnits } = await prepare(db);
    say(`${store.note}: ${before.dossiers.toLocaleString('en')} dossiers; dossiers of ${plan.month} …`);
    const csv = join(DIR, 'dossiers-bench-csv.csv');
    const xlsx = join(DIR, 'dossiers-bench-xlsx.xlsx');
    let g = Date.now();
    const csvFile = writeDossierCsv(csv, dossierRows(plan, ROWS, 'NK-CSV', 11));
    say(`CSV written in ${s1(Date.now() - g)} s (${(csvFile.bytes / 2 ** 20).toFixed(1)} MB)`);
    g = Date.now();
    const xlsxFile = await writeDossierXlsx(xlsx, dossierRows(plan, ROWS, 'NK-XLSX', 12));
    say(`XLSX written in ${s1(Date.now() - g)} s (${(xlsxFile.bytes / 2 ** 20).toFixed(1)} MB)`);

    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    g = Date.now();
    const env = {
      IOC_UPLOAD_MB: '4096',
      IOC_IMPORT_DIR: join(DIR, 'imports'),
      IOC_CACHE: CACHE,
    };
    const child = await startChildServer(db, port, { until: 'live: today', timeoutMs: 600_000, env });
    server = child.proc;
    output = () => child.output();
    const pid = server.pid!;
    // how long the server took to read today's values for the live stream: it does so again after each reset
    const priming = Number(/remembered in (\d+) ms/.exec(child.output())?.[1] ?? 20_000);
    const settleMs = Math.max(10_000, 1.5 * priming);
    say(
      `server started in ${s1(Date.now() - g)} s (pid ${pid}, RSS ${mb(status(pid).rss)} MB; ` +
        `today's values for the live stream read in ${s1(priming)} s)`,
    );
    const admin = await childSession(port, ADMIN);
    const sessions: Record<string, string>[] = [];
    for (let i = 0; i < CLIENTS; i++) sessions.push(await childSession(port, READER));
    const list = (await (await fetch(`${url}/api/indicators`, { headers: admin })).json()) as {
      indicators: { id: string }[];
    };
    const readers = startReaders(
      url,
      sessions,
      list.indicators.map((i) => i.id),
      readUnits,
    );
    const runs: ImportRun[] = [];
    try {
      runs.push(await importOnce(url, pid, admin, readers, csv, csvFile.bytes, 'csv', settleMs));
      const r = recognise(basename(xlsx));
      if (r?.format !== 'xlsx') {
        runs.push({
          ...runs[0],
          format: 'xlsx',
          skipped: `the importer does not recognise .xlsx files yet (recognise → ${JSON.stringify(r)})`,
        });
      } else runs.push(await importOnce(url, pid, admin, readers, xlsx, xlsxFile.bytes, 'xlsx', settleMs));
    } finally {
      await readers.stop();
    }
    if (readers.problems.length) say(`reader problems (first ${readers.problems.length}): ${readers.problems}`);
    server.kill('SIGTERM');
    await new Promise((r) => server!.once('exit', r));
    const after: StoreFingerprint = await fingerprintFile(db);
    // the undos move the data version on; everything else is as before
    const restored = isDeepStrictEqual({ ...after, data_version: null }, { ...before, data_version: null });
    if (!restored) say(`before: ${JSON.stringify(before)}\nafter:  ${JSON.stringify(after)}`);
    const result: ImportBenchResult = {
      when: new Date().toISOString(),
      machine: `${availableParallelism()} cores, ${Math.round(totalmem() / 2 ** 30)} GB`,
      store: store.path,
      scale: store.scale,
      store_note: store.note,
      dossiers: before.dossiers,
      base_units: baseUnits,
      month: plan.month,
      clients: CLIENTS,
      think_ms: THINK_MS,
      cache: CACHE,
      runs,
      restored,
    };
    say('');
    say(report(result));
    say(`\n(Import bench: ${((Date.now() - t) / 1000).toFixed(0)} s in all; results in ${resultFile(store.scale)}.)`);
    mkdirSync(join(ROOT, 'data', 'bench'), { recursive: true });
    writeFileSync(resultFile(store.scale), JSON.stringify(result, null, 2));
    return result;
  } catch (e) {
    const how = server ? `exit code ${server.exitCode}, signal ${server.signalCode}` : 'not started';
    say(`the server (${how}); its last output:\n${output().slice(-4000)}`);
    throw e;
  } finally {
    if (server && server.exitCode === null && server.signalCode === null) {
      server.kill('SIGTERM');
      await new Promise((r) => server!.once('exit', r));
    }
    if (!process.env.IOC_BENCH_KEEP) rmSync(DIR, { recursive: true, force: true });
  }
}
