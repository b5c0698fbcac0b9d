// npm run bench -- hcmc: the largest province on one machine (issue 18). Builds, once, a store the size of Hồ Chí
// Minh City after the 2025 merger (data/pipeline/generate/universe-hcmc.ts: 496 base communes of 2019, the 168
// communes of 2025-07 by lineage, ~14 M people, ~70 M dossiers over five years) into data/bench/hcmc.duckdb
// (IOC_BENCH_HCMC_DB): the generator and the importer each run as their own process, their time and peak RSS
// (VmHWM) recorded in data/bench/hcmc-build.json with the load average. Then the real server runs as its own process
// on the store, the answer cache off (IOC_CACHE=0, so every answer is computed; IOC_BENCH_HCMC_CACHE to change), and
// for each panel of each screen (its requests sent at once, as the screen does) measures the cold time (the first
// request after a fresh start of the server; IOC_BENCH_HCMC_COLD=first: one start; 0: none) and the warm median of N
// runs; then 50 concurrent clients asking random panels while the server's VmRSS and VmHWM are sampled. Goals: every
// panel < 1 s cold and < 100 ms warm at the median, the Overview < 300 ms warm, server RSS < 4 GB with 50 clients.
// Prints Markdown tables and writes data/bench/hcmc.json.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { getPriority, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { cellText } from '../../data/pipeline/cells.ts';
import { openStore } from '../../data/pipeline/store.ts';
import { createAccount } from '../../server/auth/accounts.ts';
import { AuthStore } from '../../server/auth/store.ts';
import { SerialConnection } from '../../server/db/serial.ts';
import { loadUnitDirectory } from '../../server/units/directory.ts';
import { ROOT } from '../e2e/harness.ts';
import { CHILD_PASSWORD, childSession, exited, freePort, startChildServer } from '../helpers/child-server.ts';

const DB = resolve(ROOT, process.env.IOC_BENCH_HCMC_DB ?? 'data/bench/hcmc.duckdb');
const FILES = resolve(ROOT, process.env.IOC_BENCH_HCMC_FILES ?? 'data/bench/hcmc-files');
/** What the build measured, and the bench's result, beside the store: <store>-build.json, <store>.json. */
const BUILD_JSON = `${DB.replace(/\.duckdb$/, '')}-build.json`;
const RESULT_JSON = `${DB.replace(/\.duckdb$/, '')}.json`;
/**
 * Multiplier of the generator's dossier volumes: 1 (its own rates) gives ~70 M dossiers for 2022-01 … 2026-12:
 * measured 11.2 M at 0.103 for the whole city and 4.98 per person at 1 for 4 districts, i.e. ~0.31 per person
 * that follow births and deaths (not scaled) + 4.67 per person × the scale.
 */
const DOSSIER_SCALE = process.env.IOC_BENCH_HCMC_DOSSIER_SCALE ?? '1';
/** Estimate runs: people and dossiers of the first N of the 41 districts only. */
const DISTRICTS = process.env.IOC_BENCH_HCMC_DISTRICTS;
const RUNS = Number(process.env.IOC_BENCH_RUNS ?? 11);
const CLIENTS = Number(process.env.IOC_BENCH_HCMC_CLIENTS ?? 50);
const LOAD_S = Number(process.env.IOC_BENCH_HCMC_LOAD_S ?? 30);
/** restart: a fresh server per panel; first: one start, each panel's first request; 0: no cold times. */
const COLD = process.env.IOC_BENCH_HCMC_COLD ?? 'restart';
/** A panel's warm runs stop after this many seconds (at least 3 runs). */
const PANEL_S = Number(process.env.IOC_BENCH_HCMC_PANEL_S ?? 60);
/** A request taking longer than this (s) is counted as an error. */
const TIMEOUT_S = Number(process.env.IOC_BENCH_HCMC_TIMEOUT_S ?? 120);
const CACHE = process.env.IOC_BENCH_HCMC_CACHE ?? '0';
const LEADER = 'bench.hcmc';

const say = (s = '') => console.log(s);
const load = () => loadavg().map((x) => Number(x.toFixed(2)));
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
};
const mb = (kb: number) => Math.round(kb / 1024);

/** VmRSS and VmHWM of a process in kB (NaN once it is gone). */
export function memory(pid: number): { rss: number; hwm: number } {
  let text = '';
  try {
    text = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return { rss: NaN, hwm: NaN };
  }
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? NaN);
  return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
}

interface Step {
  seconds: number;
  peak_mb: number;
  load_before: number[];
  load_after: number[];
  output: string;
}

/** Runs `node --import tsx <args>` as its own process, sampling its VmHWM every second; throws when it fails. */
async function step(args: string[], log: string): Promise<Step> {
  const load_before = load();
  const t = performance.now();
  // at niceness 15 (the machine is shared), counting what this process already has
  const nice = String(Math.max(0, 15 - getPriority()));
  const proc: ChildProcess = spawn('nice', ['-n', nice, process.execPath, '--import', 'tsx', ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  proc.stdout!.on('data', (d) => (output += d));
  proc.stderr!.on('data', (d) => (output += d));
  let peak = 0;
  const timer = setInterval(() => {
    const m = memory(proc.pid!);
    if (m.hwm > peak) peak = m.hwm;
  }, 1000);
  const code = await exited(proc);
  clearInterval(timer);
  writeFileSync(log, output);
  if (code !== 0) throw new Error(`${args.join(' ')} failed (${code}): ${output.slice(-2000)}`);
  return { seconds: (performance.now() - t) / 1000, peak_mb: mb(peak), load_before, load_after: load(), output };
}

/** Generates the files (unless a finished folder is there) and imports them into a new store. */
async function buildStore(): Promise<void> {
  if (existsSync(DB)) return;
  const build: Record<string, unknown> = existsSync(BUILD_JSON) ? JSON.parse(readFileSync(BUILD_JSON, 'utf8')) : {};
  if (!existsSync(join(FILES, 'manifest.json')) || !build.generate) {
    say(`generating the hcmc files into ${FILES} (dossier scale ${DOSSIER_SCALE}) …`);
    const args = ['data/pipeline/generate-cli.ts', '--out', FILES, '--universe', 'hcmc'];
    args.push('--dossier-scale', DOSSIER_SCALE, ...(DISTRICTS ? ['--districts', DISTRICTS] : []));
    const s = await step(args, join(ROOT, 'data/bench/hcmc-generate.log'));
    const summary = JSON.parse(s.output.slice(0, s.output.lastIndexOf('}') + 1)) as Record<string, unknown>;
    build.generate = { ...s, output: undefined, summary };
    writeFileSync(BUILD_JSON, JSON.stringify(build, null, 2) + '\n');
  }
  say(`importing ${FILES} into ${DB} …`);
  // into another name first: a failed or stopped import leaves no store that the next run would take as built
  const building = `${DB}.building`;
  rmSync(building, { force: true });
  rmSync(`${building}.wal`, { force: true });
  const s = await step(['tests/bench/hcmc-import.ts', FILES, building], join(ROOT, 'data/bench/hcmc-import.log'));
  renameSync(building, DB);
  build.import = { ...s, output: undefined, report: JSON.parse(s.output.trim().split('\n').pop()!) };
  build.store_bytes = statSync(DB).size;
  writeFileSync(BUILD_JSON, JSON.stringify(build, null, 2) + '\n');
  if (process.env.IOC_BENCH_HCMC_KEEP_FILES !== '1') rmSync(FILES, { recursive: true, force: true });
}

interface Units {
  province: string;
  district: string;
  commune: string;
  /** a commune of 2025-07 (the units the city has today) */
  ward: string;
  months: { first: string; last: string };
}

/** Adds the bench's leader of the whole city to the store (once) and picks the units the panels ask. */
async function prepare(): Promise<Units> {
  const { instance, connection } = await openStore(DB);
  const writer = await SerialConnection.open(instance);
  try {
    const units = await loadUnitDirectory(connection);
    const top = units.units.find((u) => u.level === 'province' && units.members(u.unit_id).length > 0)!;
    const auth = await AuthStore.open(writer);
    if (!auth.get(LEADER))
      await createAccount(auth, units, {
        username: LEADER,
        role: 'leader',
        unit_id: top.unit_id,
        display_name: 'Bench HCMC',
        password: CHILD_PASSWORD,
      });
    const one = async (sql: string) => cellText((await connection.runAndReadAll(sql)).getRowObjectsJson()[0].x);
    // the largest district and commune by dossiers (the heaviest single-unit answers)
    const district = await one(`SELECT unit_id AS x FROM units WHERE level = 'district' AND is_base
      ORDER BY (SELECT count(*) FROM unit_members m WHERE m.group_id = unit_id) DESC, unit_id LIMIT 1`);
    const commune = await one(`SELECT unit_id AS x FROM dossier_month GROUP BY unit_id
      HAVING unit_id IN (SELECT unit_id FROM units WHERE level = 'commune' AND is_base)
      ORDER BY sum(received) DESC LIMIT 1`);
    const ward = await one(`SELECT group_id AS x FROM unit_members WHERE group_id LIKE '%@2025-07'
      GROUP BY group_id ORDER BY count(*) DESC, group_id LIMIT 1`);
    const first = await one(`SELECT strftime(min(month), '%Y-%m') AS x FROM dossier_month`);
    const last = await one(`SELECT strftime(max(month), '%Y-%m') AS x FROM dossier_month`);
    return { province: top.unit_id, district, commune, ward, months: { first, last } };
  } finally {
    await writer.close();
    connection.closeSync();
    instance.closeSync();
  }
}

interface Panel {
  screen: string;
  name: string;
  urls: string[];
}

const ind = (id: string, q: Record<string, string>) => `/api/indicators/${id}?${new URLSearchParams(q)}`;
const ARROW = 'application/vnd.apache.arrow.stream';

/**
 * The panels of each screen, each with the requests the web app makes for it (web/src/views, counted on the demo by
 * tests/perf/panel-requests.ts), for the city, its largest district, its busiest commune and a 2025-07 ward.
 */
function panels(u: Units): Panel[] {
  const { first, last } = u.months;
  const shift = (ym: string, n: number) => {
    const d = new Date(Date.UTC(Number(ym.slice(0, 4)), Number(ym.slice(5, 7)) - 1 + n, 1));
    return d.toISOString().slice(0, 7);
  };
  const prev = shift(last, -1);
  const year = { from: `${last.slice(0, 4)}-01`, to: last };
  const span = { from: shift(last, -11), to: last };
  const city = u.province;
  const month = (unit: string, id: string, r: { from: string; to: string } = { from: first, to: last }) =>
    ind(id, { unit, by: 'month', ...r });
  const byUnit = (unit: string, id: string, from: string, to: string) => ind(id, { unit, by: 'unit', from, to });
  const total = (unit: string, id: string) => ind(id, { unit, by: 'total', ...year });
  // the Overview's tiles rank the communes on the targets' indicators, this month and the month before
  const OVERVIEW = [
    'pct_onestop_visitors_eid_enrolled',
    'pct_online_dossiers',
    'pct_resolved_on_time',
    'pct_online_dossiers_eid_authenticated',
    'pct_dossiers_no_proof_documents',
    'pct_eligible_with_chip_id_card',
    'pct_vneid_level2',
  ];
  const POP = ['population', 'dependency_ratio', 'ageing_index', 'sex_ratio', 'population_density'];
  const VITAL = ['births', 'deaths', 'moves_in', 'moves_out', 'net_migration'];
  const COVER = ['pct_eligible_with_chip_id_card', 'pct_vneid_level1', 'pct_vneid_level2'];
  const QUALITY = ['pct_records_complete', 'pct_citizens_with_personal_id'];
  const PROC = [
    'pct_resolved_on_time',
    'pct_online_dossiers',
    'pct_onestop_dossiers_eid_authenticated',
    'pct_dossiers_no_proof_documents',
    'pct_results_digitized_with_pid',
    'pct_paid_online',
    'pct_satisfied',
    'avg_resolution_days',
    'pct_births_linked_flow',
    'pct_deaths_linked_flow',
    'pct_bundles_completed',
  ];
  const pyramid = Array.from({ length: 18 }, (_, k) => k * 5).flatMap((g) =>
    ['M', 'F'].map((sex) =>
      ind('population', { unit: city, by: 'month', from: last, to: last, sex, age_min: `${g}`, age_max: `${g}` }),
    ),
  );
  const overviewRequests = [
    `/api/targets?unit=${city}`,
    ...OVERVIEW.flatMap((id) => [byUnit(city, id, prev, prev), byUnit(city, id, last, last)]),
  ];
  return [
    {
      screen: 'overview',
      name: `the Overview's requests today (targets + ${OVERVIEW.length * 2} by commune)`,
      urls: overviewRequests,
    },
    {
      screen: 'overview',
      name: 'one answer: /api/overview (boundaries left out)',
      urls: [`/api/overview?unit=${city}&boundaries=false`],
    },
    { screen: 'overview', name: 'one answer: /api/overview (with boundaries)', urls: [`/api/overview?unit=${city}`] },
    { screen: 'targets', name: `targets of the city ${city}`, urls: [`/api/targets?unit=${city}`] },
    { screen: 'targets', name: `targets of district ${u.district}`, urls: [`/api/targets?unit=${u.district}`] },
    { screen: 'targets', name: `targets of commune ${u.commune}`, urls: [`/api/targets?unit=${u.commune}`] },
    { screen: 'targets', name: `targets of 2025-07 ward ${u.ward}`, urls: [`/api/targets?unit=${u.ward}`] },
    { screen: 'indicators', name: 'city by month, whole range', urls: [month(city, 'pct_resolved_on_time')] },
    { screen: 'indicators', name: 'city by month, people (cell keys)', urls: [month(city, 'pct_vneid_level2')] },
    { screen: 'indicators', name: 'city by commune, one month', urls: [byUnit(city, 'pct_vneid_level2', last, last)] },
    {
      screen: 'indicators',
      name: 'city by commune, whole range',
      urls: [byUnit(city, 'pct_resolved_on_time', first, last)],
    },
    {
      screen: 'indicators',
      name: `district ${u.district} by commune, whole range`,
      urls: [byUnit(u.district, 'pct_resolved_on_time', first, last)],
    },
    { screen: 'indicators', name: `ward ${u.ward} by month`, urls: [month(u.ward, 'pct_resolved_on_time')] },
    { screen: 'population', name: 'structure (5 by month, 12 months)', urls: POP.map((id) => month(city, id, span)) },
    { screen: 'population', name: 'vital events (5 by month)', urls: VITAL.map((id) => month(city, id, span)) },
    {
      screen: 'population',
      name: 'coverage + quality (5 by month)',
      urls: [...COVER, ...QUALITY].map((id) => month(city, id, span)),
    },
    { screen: 'population', name: 'pyramid (36 requests today)', urls: pyramid },
    { screen: 'procedures', name: 'catalogue', urls: ['/api/procedures'] },
    {
      screen: 'procedures',
      name: 'tiles (12 by total, this year)',
      urls: [ind('dossiers_received', { unit: city, by: 'total' }), ...PROC.map((id) => total(city, id))],
    },
    {
      screen: 'procedures',
      name: 'trends (14 by month)',
      urls: ['dossiers_received', 'dossiers_resolved', 'dossiers_overdue', ...PROC].map((id) =>
        ind(id, { unit: city, by: 'month' }),
      ),
    },
    {
      screen: 'procedures',
      name: 'by commune, this year',
      urls: [byUnit(city, 'pct_resolved_on_time', year.from, year.to)],
    },
    {
      screen: 'index766',
      name: `commune ${u.commune}, by month`,
      urls: [`/api/index766?unit=${u.commune}&period=${last}&by=month`],
    },
    {
      screen: 'index766',
      name: `city ${city}, by month`,
      urls: [`/api/index766?unit=${city}&period=${last}&by=month`],
    },
    {
      screen: 'index766',
      name: `city ${city}, its districts ranked`,
      urls: [`/api/index766?unit=${city}&period=${last}&by=unit`],
    },
  ];
}

async function ask(base: string, headers: Record<string, string>, url: string): Promise<number> {
  const t = performance.now();
  const arrow = url.startsWith('/api/indicators/') && url.includes('by=month');
  const res = await fetch(base + url, {
    headers: { ...headers, accept: arrow ? ARROW : 'application/json' },
    signal: AbortSignal.timeout(TIMEOUT_S * 1000),
  });
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`${url}: ${res.status}`);
  return performance.now() - t;
}

/** A panel's time: its requests at once, until the last answer. */
async function panelTime(base: string, headers: Record<string, string>, p: Panel): Promise<number> {
  const t = performance.now();
  await Promise.all(p.urls.map((url) => ask(base, headers, url)));
  return performance.now() - t;
}

interface Server {
  base: string;
  pid: number;
  stop(): Promise<void>;
  headers: Record<string, string>;
}

async function start(): Promise<Server> {
  const port = await freePort();
  const s = await startChildServer(DB, port, {
    timeoutMs: 600_000,
    env: { IOC_CACHE: CACHE, UV_THREADPOOL_SIZE: '8' },
  });
  const headers = await childSession(port, LEADER);
  return {
    base: `http://127.0.0.1:${port}`,
    pid: s.proc.pid!,
    headers,
    stop: async () => {
      s.proc.kill('SIGTERM');
      await exited(s.proc);
    },
  };
}

interface Row {
  screen: string;
  panel: string;
  requests: number;
  runs: number;
  cold_ms: number | null;
  warm_median_ms: number;
  warm_max_ms: number;
  load: number;
  ok: boolean;
}

export async function runHcmcBench(): Promise<void> {
  await buildStore();
  const build = existsSync(BUILD_JSON) ? (JSON.parse(readFileSync(BUILD_JSON, 'utf8')) as Record<string, any>) : {};
  const units = await prepare();
  const list = panels(units);
  say(`store ${DB}: ${(statSync(DB).size / 2 ** 30).toFixed(2)} GiB; units ${JSON.stringify(units)}`);
  const rows: Row[] = [];
  const cold = new Map<string, number>();
  if (COLD === 'restart') {
    for (const p of list) {
      const key = `${p.screen}|${p.name}`;
      const server = await start();
      try {
        cold.set(key, await panelTime(server.base, server.headers, p));
      } catch (err) {
        say(`cold ${key}: ${(err as Error).message}`);
      } finally {
        await server.stop();
      }
    }
  }
  const server = await start();
  if (COLD === 'first')
    for (const p of list) {
      const key = `${p.screen}|${p.name}`;
      try {
        cold.set(key, await panelTime(server.base, server.headers, p));
      } catch (err) {
        say(`cold ${key}: ${(err as Error).message}`);
      }
    }
  const skip = new Set<string>();
  for (const p of list) {
    const key = `${p.screen}|${p.name}`;
    const times: number[] = [];
    try {
      if (COLD !== 'first') await panelTime(server.base, server.headers, p);
      await panelTime(server.base, server.headers, p);
      const until = performance.now() + PANEL_S * 1000;
      for (let i = 0; i < RUNS && (i < 3 || performance.now() < until); i++)
        times.push(await panelTime(server.base, server.headers, p));
    } catch (err) {
      say(`warm ${key}: ${(err as Error).message}`);
      skip.add(key);
      continue;
    }
    const m = median(times);
    const c = cold.get(key) ?? null;
    const goal = p.screen === 'overview' ? 300 : 100;
    rows.push({
      screen: p.screen,
      panel: p.name,
      requests: p.urls.length,
      runs: times.length,
      cold_ms: c === null ? null : Math.round(c),
      warm_median_ms: Number(m.toFixed(1)),
      warm_max_ms: Number(Math.max(...times).toFixed(1)),
      load: load()[0],
      ok: m < goal && (c === null || c < 1000),
    });
  }

  // 50 clients asking random panels back to back, the server's memory sampled every 250 ms
  writeFileSync(`/proc/${server.pid}/clear_refs`, '5');
  const before = memory(server.pid);
  let peakRss = before.rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, memory(server.pid).rss)), 250);
  const usable = list.filter((p) => !skip.has(`${p.screen}|${p.name}`));
  const lat: number[] = [];
  let errors = 0;
  const until = performance.now() + LOAD_S * 1000;
  const loadAt = load();
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, k) => {
      let i = k;
      while (performance.now() < until) {
        const p = usable[i++ % usable.length];
        try {
          lat.push(await panelTime(server.base, server.headers, p));
        } catch {
          errors++;
        }
      }
    }),
  );
  clearInterval(sampler);
  const after = memory(server.pid);
  await server.stop();

  const gen = build.generate as Step & { summary: Record<string, number> };
  const imp = build.import as Step;
  const stepRow = (name: string, x: Step) =>
    `| ${name} | ${x.seconds.toFixed(0)} s | ${x.peak_mb} MB | ${x.load_before.join(', ')} → ` +
    `${x.load_after.join(', ')} |`;
  const lines: string[] = [];
  lines.push('| step | time | peak RSS | load average (1, 5, 15 min) before → after |', '|---|---:|---:|---|');
  if (gen) lines.push(stepRow('generate', gen));
  if (imp) lines.push(stepRow('import', imp));
  lines.push('');
  if (gen?.summary)
    lines.push(
      `people records ${gen.summary.people_records}, population ${gen.summary.population_start} → ` +
        `${gen.summary.population_end}, dossiers ${gen.summary.dossiers}, petitions ${gen.summary.petitions}; ` +
        `store ${(statSync(DB).size / 2 ** 30).toFixed(2)} GiB on disk`,
    );
  lines.push('');
  lines.push(
    `| screen | panel | requests | cold (ms) | warm median (ms) of runs | warm max (ms) | load | goal met |`,
    '|---|---|---:|---:|---:|---:|---:|---|',
  );
  for (const r of rows)
    lines.push(
      `| ${r.screen} | ${r.panel} | ${r.requests} | ${r.cold_ms ?? '–'} | ${r.warm_median_ms} of ${r.runs} | ` +
        `${r.warm_max_ms} | ${r.load} | ${r.ok ? 'yes' : 'no'} |`,
    );
  lines.push('');
  lines.push(
    `${CLIENTS} concurrent clients for ${LOAD_S} s (random panels back to back, answer cache ` +
      `${CACHE === '0' ? 'off' : CACHE}): ${lat.length} panels, p50 ${pct(lat, 50)?.toFixed(0)} ms, ` +
      `p95 ${pct(lat, 95)?.toFixed(0)} ms, errors ${errors}; server RSS ${mb(before.rss)} MB before, ` +
      `peak ${mb(Math.max(peakRss, after.hwm))} MB (VmHWM ${mb(after.hwm)} MB, ` +
      `goal < 4096); load average ${loadAt} → ${load()}`,
  );
  say(lines.join('\n'));
  const result = {
    when: new Date().toISOString(),
    db: DB,
    store_bytes: statSync(DB).size,
    units,
    build,
    panels: rows,
    concurrent: {
      clients: CLIENTS,
      seconds: LOAD_S,
      panels: lat.length,
      p50_ms: pct(lat, 50),
      p95_ms: pct(lat, 95),
      errors,
      rss_before_mb: mb(before.rss),
      rss_peak_mb: mb(Math.max(peakRss, after.hwm)),
      load: loadAt,
    },
  };
  writeFileSync(RESULT_JSON, JSON.stringify(result, null, 2) + '\n');
}
