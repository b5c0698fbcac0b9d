// npm run bench -- overview: one Overview page load's API time at province scale (data/bench/province.duckdb, or
// IOC_BENCH_DB), signed in as the province's admin and as a district leader: every request the Overview's first
// screen makes, cold (the first after the server starts) and warm (median of IOC_BENCH_RUNS), before (the requests
// the Overview made until issue 18, replayed in the order the browser could make them: what it needs first, then
// what depends on it, at most 6 at once like Chromium) and after (GET /api/overview, with /api/units and
// /api/indicators that the app shell still asks for). The server as deployed: its answer caches on. Prints a table.
import { request as httpRequest } from 'node:http';
import { loadavg } from 'node:os';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import { buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { openContext, type Context } from '../../server/context.ts';
import { MAX_SINGLE, SELF_DAY, KEY_INDICATORS, lastCompleteMonth, mapIndicator } from '../../server/overview/rules.ts';
import { addMonths } from '../../server/contracts/months.ts';
import { signIn } from '../helpers/auth.ts';

const RUNS = Number(process.env.IOC_BENCH_RUNS ?? 15);
const ARROW = 'application/vnd.apache.arrow.stream';

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

interface Hit {
  status: number;
  /** bytes on the wire (compressed when the server compressed) */
  wire: number;
  /** bytes of the answer itself */
  raw: number;
  body: Buffer;
}

/** GET with the browser's accept-encoding; counts the bytes as they come and the decoded answer's length. */
function hit(base: string, path: string, headers: Record<string, string>, accept = 'application/json'): Promise<Hit> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      `${base}${path}`,
      { headers: { ...headers, accept, 'accept-encoding': 'gzip, deflate, br' } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const wire = Buffer.concat(chunks);
          const enc = res.headers['content-encoding'];
          const body =
            enc === 'br'
              ? brotliDecompressSync(wire)
              : enc === 'gzip'
                ? gunzipSync(wire)
                : enc === 'deflate'
                  ? inflateSync(wire)
                  : wire;
          resolve({ status: res.statusCode ?? 0, wire: wire.length, raw: body.length, body });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** Runs the requests at most `limit` at once (a browser's connections to one host). */
async function pool<T>(jobs: (() => Promise<T>)[], limit = 6): Promise<T[]> {
  const out: T[] = new Array(jobs.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, jobs.length) }, async () => {
      while (next < jobs.length) {
        const i = next++;
        out[i] = await jobs[i]();
      }
    }),
  );
  return out;
}

interface Load {
  ms: number;
  requests: number;
  wire: number;
  raw: number;
}

type Get = (path: string, accept?: string) => Promise<Hit>;

/** The Overview's first screen as it was: shell, targets and boundaries; then the map, the list and the changes. */
async function before(get: Get, unit: string): Promise<Load> {
  const t = performance.now();
  const hits: Hit[] = [];
  const ok = (h: Hit, what: string) => {
    if (h.status !== 200) throw new Error(`${what}: ${h.status} ${h.body.toString().slice(0, 200)}`);
    hits.push(h);
    return h;
  };
  const first = await pool(
    [
      '/api/units',
      '/api/indicators',
      '/api/units/geo?level=commune',
      '/api/geo/neighbours?level=commune',
      `/api/targets?unit=${unit}`,
    ].map((p) => () => get(p).then((h) => ok(h, p))),
  );
  const catalogue = (JSON.parse(first[1].body.toString()) as { indicators: { id: string }[] }).indicators;
  const geo = JSON.parse(first[2].body.toString()) as { features: { properties: { code: string } }[] };
  const targets = JSON.parse(first[4].body.toString()) as {
    meta: { data_date: string | null };
    targets: { indicator: string; unit: string; status: string }[];
  };
  const month = lastCompleteMonth(targets.meta.data_date ?? new Date().toISOString().slice(0, 10));
  const prev = addMonths(month, -1);
  const indicator = mapIndicator(targets.targets, undefined, (id) => catalogue.some((m) => m.id === id));
  const q = (id: string, u: string, m: string, at?: string) =>
    `/api/indicators/${id}?unit=${u}&by=unit&from=${m}&to=${m}${at ? `&at=${at}` : ''}`;
  const second: (() => Promise<Hit>)[] = [];
  if (indicator) {
    second.push(() => get(q(indicator, unit, month), ARROW).then((h) => ok(h, 'map')));
    second.push(() => get(q(indicator, unit, month)).then((h) => ok(h, 'lagging')));
  }
  for (const k of KEY_INDICATORS.filter((k) => catalogue.some((m) => m.id === k)))
    for (const m of [prev, month]) second.push(() => get(q(k, unit, m)).then((h) => ok(h, k)));
  await pool(second);
  if (indicator) {
    // the map: the units its answer does not cover, one by one (web/src/map/map-data.ts until issue 18)
    const rows = (
      JSON.parse(hits.find((h) => h.body.toString().startsWith('{"indicator"'))?.body.toString() ?? '{"rows":[]}') as {
        rows: { unit: string }[];
      }
    ).rows;
    const covered = new Set(rows.map((r) => r.unit));
    const missing = geo.features
      .map((f) => f.properties.code)
      .filter((c) => !covered.has(c))
      .slice(0, MAX_SINGLE);
    await pool(missing.map((c) => () => get(q(indicator, c, month, SELF_DAY), ARROW).then((h) => (hits.push(h), h))));
  }
  return { ms: performance.now() - t, requests: hits.length, wire: sum(hits, 'wire'), raw: sum(hits, 'raw') };
}

const sum = (hits: Hit[], k: 'wire' | 'raw') => hits.reduce((a, h) => a + h[k], 0);

/** The first screen now: the shell's two answers and the one Overview answer, at once. */
async function after(get: Get, unit: string): Promise<Load & { overview: number }> {
  const t = performance.now();
  let overview = 0;
  const hits = await pool(
    ['/api/units', '/api/indicators', `/api/overview?unit=${unit}`].map((p) => async () => {
      const s = performance.now();
      const h = await get(p);
      if (h.status !== 200) throw new Error(`${p}: ${h.status} ${h.body.toString().slice(0, 200)}`);
      if (p.startsWith('/api/overview')) overview = performance.now() - s;
      return h;
    }),
  );
  return { ms: performance.now() - t, requests: hits.length, wire: sum(hits, 'wire'), raw: sum(hits, 'raw'), overview };
}

async function start(db: string) {
  const config = { ...loadConfig({ ...process.env, IOC_DB: db, IOC_DEMO: 'false', LOG_LEVEL: 'warn' }), port: 0 };
  const ctx: Context = await openContext(config);
  const app = await buildApp(ctx, { logger: false });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  const province = ctx.units.units.find((u) => u.level === 'province')!.unit_id;
  const district = ctx.units.children(province)[0].unit_id;
  const admin = await signIn(app, ctx, { role: 'admin', unit: province, username: 'bench.overview.admin' });
  const leader = await signIn(app, ctx, { role: 'leader', unit: district, username: 'bench.overview.leader' });
  const who = [
    { label: `province admin (${province})`, unit: province, headers: admin.headers },
    { label: `district leader (${district})`, unit: district, headers: leader.headers },
  ];
  return { ctx, app, base, who };
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

export async function runOverviewBench(db: string): Promise<void> {
  const load0 = loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
  const lines = [
    '| account | requests | cold (ms) | warm median (ms) | API answer (raw) | on the wire | /api/overview alone, warm median (ms) |',
    '|---|---|---:|---:|---:|---:|---:|',
  ];
  const rows: Record<string, { cold: Load; warm: number[]; overview: number[] }> = {};
  // cold: each set first on a server just started (the "after" server first: the old set warms nothing for it)
  for (const set of ['after', 'before'] as const) {
    const s = await start(db);
    for (const w of s.who) {
      const get: Get = (p, accept) => hit(s.base, p, w.headers, accept);
      const cold = set === 'after' ? await after(get, w.unit) : await before(get, w.unit);
      const warm: number[] = [];
      const overview: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const r = set === 'after' ? await after(get, w.unit) : await before(get, w.unit);
        warm.push(r.ms);
        if (set === 'after') {
          // the one answer alone, nothing else in flight
          const t = performance.now();
          await get(`/api/overview?unit=${w.unit}`);
          overview.push(performance.now() - t);
        }
      }
      rows[`${set}|${w.label}`] = { cold, warm, overview };
    }
    await s.app.close();
    await s.ctx.close();
  }
  for (const key of Object.keys(rows).sort()) {
    const [set, label] = key.split('|');
    const r = rows[key];
    lines.push(
      `| ${label}, ${set} | ${r.cold.requests} | ${r.cold.ms.toFixed(0)} | ${median(r.warm).toFixed(1)} | ${kb(r.cold.raw)} | ` +
        `${kb(r.cold.wire)} | ${r.overview.length ? median(r.overview).toFixed(1) : '—'} |`,
    );
  }
  const load1 = loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
  console.log(`store ${db}; ${RUNS} warm runs per row; load average before ${load0}, after ${load1}`);
  console.log(lines.join('\n'));
}
