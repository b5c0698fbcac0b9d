// Bulk downloads (issue 20) read back with real readers — DuckDB's read_parquet, apache-arrow's tableFromIPC and
// fast-csv's parser — and compared with the JSON routes a screen reads (/api/indicators, /api/population/pyramid),
// cell by cell: the same cells give the same values, and no row is outside what the caller's screens show.
// Also: ETag / If-None-Match (304 before any query, a new tag after live events and imports), HEAD, the metadata file,
// a key's units only, access, the audit record and the bounded number of downloads at a time.
import { createHash } from 'node:crypto';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDBInstance } from '@duckdb/node-api';
import { tableFromIPC } from 'apache-arrow';
import { parseString } from '@fast-csv/parse';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { openContext, type Context } from '../../server/context.ts';
import { IndicatorService } from '../../server/indicators/service.ts';
import { listDatasets, datasetDomain } from '../../server/bulk/datasets.ts';
import { buildDemoStore } from '../helpers/demo-store.ts';
import { signIn, type Signed } from '../helpers/auth.ts';
import { importJob } from '../helpers/import-jobs.ts';

let app: FastifyInstance;
let ctx: Context;
let base: string;
let admin: Signed;
let staff: Signed;
let leader: Signed;
let tmp: string;
const DISTRICT = '291';
const NAM_TRUNG = '10633';

type Json = Record<string, unknown>;
const get = (url: string, who: Signed | Record<string, string>, headers: Record<string, string> = {}) => {
  const own: Record<string, string> = 'csrf' in who ? (who as Signed).headers : who;
  return app.inject({ method: 'GET', url, headers: { ...own, ...headers } });
};

/** DuckDB itself, in memory, reading the Parquet bytes from a file: an independent reader. */
async function readParquet(body: Buffer): Promise<Json[]> {
  const file = join(tmp, `f${Math.random().toString(36).slice(2)}.parquet`);
  await writeFile(file, body);
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  try {
    return (await conn.runAndReadAll(`SELECT * FROM read_parquet('${file}')`)).getRowObjectsJson();
  } finally {
    conn.closeSync();
    db.closeSync();
  }
}

const readArrow = (body: Buffer): Json[] =>
  tableFromIPC(body)
    .toArray()
    .map((r) => r.toJSON() as Json);

const readCsv = (text: string) =>
  new Promise<Json[]>((resolve, reject) => {
    const rows: Json[] = [];
    parseString(text, { headers: true })
      .on('data', (r: Json) => rows.push(r))
      .on('error', reject)
      .on('end', () => resolve(rows));
  });

interface ApiRow {
  unit: string;
  unit_name: string;
  period: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  suppressed: boolean;
  suppression: string | null;
}
const apiRows = async (indicator: string, query: string, who: Signed = admin): Promise<ApiRow[]> => {
  const res = await get(`/api/indicators/${indicator}?${query}`, who);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ rows: ApiRow[] }>().rows;
};

beforeAll(async () => {
  const { db } = await buildDemoStore(join('tests', '.tmp', 'api-bulk'));
  tmp = await mkdtemp(join(tmpdir(), 'bulk-test-'));
  // the cell-key method (the default): the cubes are offered; one download at a time (the busy test)
  ctx = await openContext(
    loadConfig({ IOC_DB: db, IOC_DEMO: 'false', LOG_LEVEL: 'silent', IOC_BULK_CONCURRENCY: '1' }),
  );
  app = await buildApp(ctx, { logger: false });
  admin = await signIn(app, ctx, { role: 'admin', unit: DISTRICT });
  staff = await signIn(app, ctx, { role: 'staff', unit: NAM_TRUNG });
  leader = await signIn(app, ctx, { role: 'leader', unit: DISTRICT });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
}, 240_000);

afterAll(async () => {
  await app?.close();
  await ctx?.close();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe('the datasets', () => {
  it('lists one per indicator, the two cubes, the targets and the index, with their key domains', () => {
    const list = listDatasets(ctx);
    const ids = list.map((d) => d.id);
    expect(ids.slice(0, 4)).toEqual(['population_cube', 'dossier_cube', 'targets', 'index766']);
    expect(ids.filter((i) => i.startsWith('indicator.')).length).toBe(ctx.registry.list().length);
    // written by hand: the KEYS contract's table
    expect(datasetDomain(ctx.registry, 'indicator.births')).toBe('population');
    expect(datasetDomain(ctx.registry, 'indicator.dossiers_received')).toBe('procedures');
    expect(datasetDomain(ctx.registry, 'indicator.pct_forms_standardized')).toBe('procedures');
    expect(datasetDomain(ctx.registry, 'indicator.milestone_eid_portal_connected')).toBe('targets');
    expect(datasetDomain(ctx.registry, 'indicator.index766_1_1')).toBe('index');
    expect(datasetDomain(ctx.registry, 'population_cube')).toBe('population');
    expect(datasetDomain(ctx.registry, 'indicator.nope')).toBeNull();
    expect(datasetDomain(ctx.registry, 'nope')).toBeNull();
    const dossier = list.find((d) => d.id === 'dossier_cube')!;
    expect(dossier.columns.map((c) => c.name)).toEqual([
      'unit',
      'unit_name',
      'month',
      'procedure',
      'channel',
      'dossiers_overdue',
      'dossiers_received',
      'dossiers_resolved',
    ]);
    expect(list.every((d) => d.available)).toBe(true);
  });

  it('offers no cube under suppression, and says why', () => {
    const suppress = new IndicatorService(ctx.pool, ctx.registry, ctx.units, {
      minCell: 5,
      method: 'suppress',
      cacheEntries: 0,
      firstMonth: '2022-01',
      dataMonth: () => '2022-12',
    });
    const list = listDatasets({ ...ctx, indicators: suppress });
    for (const id of ['population_cube', 'dossier_cube']) {
      const d = list.find((x) => x.id === id)!;
      expect(d.available).toBe(false);
      expect(d.unavailable_reason?.vi).toContain('IOC_DISCLOSURE=suppress');
      expect(d.disclosure.method).toBe('suppress');
    }
    expect(list.find((x) => x.id === 'indicator.births')!.available).toBe(true);
  });
});

describe('the population cube', () => {
  let rows: Json[];
  let res: Awaited<ReturnType<typeof get>>;
  beforeAll(async () => {
    res = await get(`/api/bulk/population_cube?format=parquet&from=2022-05&to=2022-06`, admin);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    rows = await readParquet(res.rawPayload);
  }, 60_000);

  it('is Parquet with a file name, a Link to its metadata and an ETag', () => {
    expect(res.headers['content-type']).toBe('application/vnd.apache.parquet');
    expect(res.headers['content-disposition']).toContain('population_cube');
    expect(res.headers['content-disposition']).toContain('.parquet');
    expect(res.headers.link).toMatch(/^<\/api\/bulk\/population_cube\/metadata\?[^>]*>; rel="describedby"/);
    expect(res.headers.etag).toMatch(/^"[A-Za-z0-9_-]{32}"$/);
    expect(res.rawPayload.subarray(0, 4).toString()).toBe('PAR1');
  });

  it('holds every base unit of the district × 2 months × 2 sexes × 18 age groups × residences that have people', () => {
    const units = new Set(rows.map((r) => r.unit));
    // the demo district's 19 communes (written by hand: the plan's communes)
    expect(units.size).toBe(19);
    expect(new Set(rows.map((r) => r.month))).toEqual(new Set(['2022-05', '2022-06']));
    expect(new Set(rows.map((r) => r.sex))).toEqual(new Set(['M', 'F']));
    expect(new Set(rows.map((r) => r.age_group)).size).toBe(18);
    expect(rows.length).toBeGreaterThan(19 * 2 * 2 * 18);
    expect(rows.length).toBeLessThanOrEqual(19 * 2 * 2 * 18 * 2);
  });

  it('gives every cell the value of the age pyramid and of /api/indicators/population for that one cell', async () => {
    const cell = new Map(rows.map((r) => [`${r.unit}|${r.month}|${r.sex}|${r.age_group}|${r.residence}`, r]));
    let compared = 0;
    for (const unit of [NAM_TRUNG, '10639']) {
      for (const residence of ['permanent', 'temporary']) {
        const p = await get(`/api/population/pyramid?unit=${unit}&month=2022-06&residence=${residence}`, admin);
        expect(p.statusCode, p.body).toBe(200);
        for (const c of p.json<{ cells: { sex: string; age_group: number; value: number | null }[] }>().cells) {
          const got = cell.get(`${unit}|2022-06|${c.sex}|${c.age_group}|${residence}`);
          expect(got?.population ?? null, `${unit} ${c.sex} ${c.age_group} ${residence}`).toBe(c.value);
          compared++;
        }
      }
    }
    expect(compared).toBe(2 * 2 * 36);
    // and a few cells straight from the indicator route, as the contract words it
    for (const [unit, month, sex, age, residence] of [
      [NAM_TRUNG, '2022-05', 'F', 30, 'permanent'],
      ['10639', '2022-06', 'M', 85, 'temporary'],
      [NAM_TRUNG, '2022-06', 'M', 0, 'permanent'],
    ] as const) {
      const [api] = await apiRows(
        'population',
        `unit=${unit}&by=month&from=${month}&to=${month}&sex=${sex}&age_min=${age}&age_max=${age}&residence=${residence}`,
      );
      expect(cell.get(`${unit}|${month}|${sex}|${age}|${residence}`)?.population).toBe(api.value);
    }
  });

  it('adds up, commune by commune, to no more than k × cells away from the published commune total', async () => {
    // perturbation is per cell: the cube's sum is not the published total, but it is close (±2 per cell)
    const total = rows
      .filter((r) => r.unit === NAM_TRUNG && r.month === '2022-06')
      .reduce((s, r) => s + Number(r.population), 0);
    const cells = rows.filter((r) => r.unit === NAM_TRUNG && r.month === '2022-06').length;
    const [api] = await apiRows('population', `unit=${NAM_TRUNG}&by=month&from=2022-06&to=2022-06`);
    expect(Math.abs(total - api.value!)).toBeLessThanOrEqual(2 * cells + 2);
  });

  it('holds only the caller’s commune for a commune’s staff, and refuses another commune', async () => {
    const mine = await get(`/api/bulk/population_cube?format=arrow&from=2022-06&to=2022-06`, staff);
    expect(mine.statusCode).toBe(200);
    const units = new Set(readArrow(mine.rawPayload).map((r) => r.unit));
    expect([...units]).toEqual([NAM_TRUNG]);
    const other = await get(`/api/bulk/population_cube?format=arrow&unit=10639`, staff);
    expect(other.statusCode).toBe(403);
    // the district is seen as a total only: its cube (the communes' cells) holds only the caller's commune
    const up = await get(`/api/bulk/population_cube?format=csv&unit=${DISTRICT}&from=2022-06&to=2022-06`, staff);
    expect(up.statusCode).toBe(200);
    expect(new Set((await readCsv(up.body)).map((r) => r.unit))).toEqual(new Set([NAM_TRUNG]));
  });
});

describe('the dossier cube', () => {
  it('gives each count the value /api/indicators gives with that procedure and channel', async () => {
    const res = await get(`/api/bulk/dossier_cube?format=parquet&unit=${NAM_TRUNG}&from=2022-03&to=2022-03`, admin);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    const rows = await readParquet(res.rawPayload);
    expect(rows.length).toBeGreaterThan(10);
    expect(new Set(rows.map((r) => r.unit))).toEqual(new Set([NAM_TRUNG]));
    // the busiest cells and a few quiet ones
    const sorted = [...rows].sort((a, b) => Number(b.dossiers_received) - Number(a.dossiers_received));
    for (const r of [...sorted.slice(0, 3), ...sorted.slice(-3)]) {
      for (const id of ['dossiers_received', 'dossiers_resolved', 'dossiers_overdue']) {
        const q = `unit=${NAM_TRUNG}&by=month&from=2022-03&to=2022-03&procedure=${r.procedure}&channel=${r.channel}`;
        const api = await apiRows(id, q);
        expect(r[id] ?? null, `${id} ${r.procedure} ${r.channel}`).toBe(api[0]?.value ?? null);
      }
    }
  });
});

describe('an indicator dataset', () => {
  it('is, as Arrow, every row /api/indicators gives for the district and each of its units, month by month', async () => {
    const res = await get(`/api/bulk/indicator.pct_resolved_on_time?format=arrow&from=2022-01&to=2022-12`, admin);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.apache.arrow.stream');
    const rows = readArrow(res.rawPayload);
    const units = [...new Set(rows.map((r) => r.unit as string))];
    expect(units[0]).toBe(DISTRICT);
    expect(units).toContain(NAM_TRUNG);
    let withheld = 0;
    for (const unit of units) {
      const api = await apiRows('pct_resolved_on_time', `unit=${unit}&by=month&from=2022-01&to=2022-12`);
      const mine = rows.filter((r) => r.unit === unit);
      expect(mine.map((r) => [r.month, r.value, r.numerator, r.denominator, r.suppressed, r.suppression])).toEqual(
        api.map((r) => [r.period, r.value, r.numerator, r.denominator, r.suppressed, r.suppression]),
      );
      withheld += api.filter((r) => r.suppressed).length;
    }
    // a withheld rate has no value in the file either (when the demo data have one)
    expect(rows.filter((r) => r.suppressed && r.value !== null)).toEqual([]);
    expect(withheld).toBeGreaterThanOrEqual(0);
  });

  it('is, as CSV with a BOM, the same rows as the JSON API (a commune’s staff: their commune only)', async () => {
    const res = await get(`/api/bulk/indicator.births?format=csv&from=2022-01&to=2022-06`, staff);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect([...res.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = await readCsv(res.rawPayload.subarray(3).toString('utf8'));
    expect(new Set(rows.map((r) => r.unit))).toEqual(new Set([NAM_TRUNG]));
    const api = await apiRows('births', `unit=${NAM_TRUNG}&by=month&from=2022-01&to=2022-06`, staff);
    const text = (v: unknown) => (v === null ? '' : String(v));
    expect(rows.map((r) => [r.unit_name, r.month, r.value, r.numerator, r.suppressed])).toEqual(
      api.map((r) => [r.unit_name, r.period, text(r.value), text(r.numerator), String(r.suppressed)]),
    );
  });
});

describe('the targets and the Decision 766 index', () => {
  it('give the targets of the unit and its children as /api/targets does', async () => {
    const res = await get(`/api/bulk/targets?format=csv&unit=${NAM_TRUNG}`, admin);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    const rows = await readCsv(res.rawPayload.subarray(3).toString('utf8'));
    const api = (await get(`/api/targets?unit=${NAM_TRUNG}`, admin)).json<{ targets: Json[] }>().targets;
    expect(api.length).toBeGreaterThan(5);
    const text = (v: unknown) => (v === null || v === undefined ? '' : String(v));
    expect(rows.map((r) => [r.unit, r.target_id, r.status, r.value, r.value_month])).toEqual(
      api.map((t) => [NAM_TRUNG, t.target_id, t.status, text(t.value), text(t.value_month)]),
    );
  });

  it('gives the index month by month as /api/index766 does', async () => {
    const res = await get(`/api/bulk/index766?format=arrow&unit=${NAM_TRUNG}&from=2022-01&to=2022-12`, admin);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    const rows = readArrow(res.rawPayload);
    const api = (await get(`/api/index766?unit=${NAM_TRUNG}&period=2022&by=month`, admin)).json<{
      rows: { period: string; indicators: { id: string; points: number | null; status: string }[] }[];
    }>().rows;
    const expected = api.flatMap((r) => r.indicators.map((i) => [r.period, i.id, i.points, i.status]));
    expect(expected.length).toBeGreaterThan(12);
    expect(rows.map((r) => [r.month, r.indicator, r.points, r.status])).toEqual(expected);
  });
});

describe('validators, metadata and access', () => {
  it('answers 304 to its own ETag before any query, and a new ETag after live events', async () => {
    const url = `/api/bulk/indicator.births?format=parquet&unit=${NAM_TRUNG}&from=2022-01&to=2022-12`;
    const first = await get(url, admin);
    expect(first.statusCode).toBe(200);
    const etag = first.headers.etag as string;
    // no DuckDB work for a 304: neither the pool nor a connection of its own
    let queries = 0;
    const pool = ctx.pool as unknown as Record<string, (...a: unknown[]) => unknown>;
    const [use, query] = [pool.use, pool.query];
    const connect = ctx.instance.connect.bind(ctx.instance);
    pool.use = (...a) => (queries++, use(...a));
    pool.query = (...a) => (queries++, query(...a));
    ctx.instance.connect = () => (queries++, connect());
    try {
      const again = await get(url, admin, { 'if-none-match': etag });
      expect(again.statusCode).toBe(304);
      expect(again.rawPayload.length).toBe(0);
      expect(queries).toBe(0);
    } finally {
      pool.use = use;
      pool.query = query;
      ctx.instance.connect = connect;
    }
    expect((await get(url, admin, { 'if-none-match': `W/${etag}, "other"` })).statusCode).toBe(304);
    // another format, range or caller: another tag
    expect((await get(url.replace('parquet', 'csv'), admin)).headers.etag).not.toBe(etag);
    expect((await get(url.replace('2022-12', '2022-11'), admin)).headers.etag).not.toBe(etag);
    // a live event (a birth in the commune) makes a new data version: the old tag no longer matches
    const before = ctx.info.dataVersion;
    const event = {
      event_id: `bulk-birth-${process.pid}-${Date.now()}`,
      type: 'birth',
      occurred_at: '2022-12-20T09:30:00+07:00',
      unit: NAM_TRUNG,
      sex: 'F',
      birth_date: '2022-12-20',
      residence: 'permanent',
    };
    const posted = await app.inject({
      method: 'POST',
      url: '/api/events',
      payload: JSON.stringify([event]),
      headers: { ...admin.headers, 'content-type': 'application/json' },
    });
    expect(posted.statusCode, posted.body).toBe(200);
    expect(ctx.info.dataVersion).toBeGreaterThan(before);
    const after = await get(url, admin, { 'if-none-match': etag });
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).not.toBe(etag);
  });

  it('gives a new ETag after an import through the server, and its headers alone to HEAD', async () => {
    const url = `/api/bulk/indicator.dossiers_received?format=csv&unit=${NAM_TRUNG}&from=2022-01&to=2022-12`;
    const first = await get(url, admin);
    expect(first.statusCode).toBe(200);
    const etag = first.headers.etag as string;
    const head = await app.inject({ method: 'HEAD', url, headers: admin.headers });
    expect(head.statusCode).toBe(200);
    expect(head.headers.etag).toBe(etag);
    expect(head.rawPayload.length).toBe(0);
    const before = ctx.info.dataVersion;
    await importJob(app, admin, NAM_TRUNG, `bulk-${process.pid}-${Date.now()}`, 'done');
    expect(ctx.info.dataVersion).toBeGreaterThan(before);
    const after = await get(url, admin, { 'if-none-match': etag });
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).not.toBe(etag);
  }, 60_000);

  it('describes the dataset in its metadata file', async () => {
    const res = await get(`/api/bulk/population_cube/metadata?from=2022-05&to=2022-06`, admin);
    expect(res.statusCode, res.body).toBe(200);
    const m = res.json<Json & { columns: { name: string }[]; distributions: { format: string; url: string }[] }>();
    expect(m.columns.map((c) => c.name)).toEqual([
      'unit',
      'unit_name',
      'month',
      'sex',
      'age_group',
      'residence',
      'population',
    ]);
    expect(m).toMatchObject({ id: 'population_cube', units: [DISTRICT], from: '2022-05', to: '2022-06' });
    expect(m.data_version).toBe(ctx.info.dataVersion);
    expect((m.disclosure as Json).method).toBe('cellkey');
    expect(m.distributions.map((d) => d.format)).toEqual(['csv', 'parquet', 'arrow']);
    expect(m.distributions[1].url).toBe(`/api/bulk/population_cube?format=parquet&from=2022-05&to=2022-06`);
  });

  it('refuses the unknown, the malformed and the callers who may not export', async () => {
    expect((await get('/api/bulk/nope', admin)).statusCode).toBe(404);
    expect((await get('/api/bulk/indicator.nope?format=csv', admin)).statusCode).toBe(404);
    expect((await get('/api/bulk/indicator.births?format=xlsx', admin)).statusCode).toBe(400);
    expect((await get('/api/bulk/indicator.births?from=2022-13', admin)).statusCode).toBe(400);
    expect((await get('/api/bulk/indicator.births?from=2022-06&to=2022-01', admin)).statusCode).toBe(400);
    expect((await get('/api/bulk/indicator.births?unit=99999', admin)).statusCode).toBe(404);
    expect((await get('/api/bulk/indicator.births', leader)).statusCode).toBe(403);
    // its description holds no cell: a leader, who may read the catalogue, may read it
    expect((await get('/api/bulk/indicator.births/metadata', leader)).statusCode).toBe(200);
    expect((await get('/api/bulk/indicator.births', {})).statusCode).toBe(401);
  });

  it('gives a key only its units and its domains', async () => {
    const { token } = await ctx.keys.create(
      {
        name: `Kho dữ liệu thử ${process.pid}`,
        agency: 'Sở thử nghiệm',
        units: [NAM_TRUNG],
        domains: ['population'],
        expires: '2099-12-31',
        allowed: [],
      },
      admin.username,
    );
    const bearer = { authorization: `Bearer ${token}` };
    const res = await get(`/api/bulk/population_cube?format=parquet&from=2022-06&to=2022-06`, bearer);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(new Set((await readParquet(res.rawPayload)).map((r) => r.unit))).toEqual(new Set([NAM_TRUNG]));
    const births = await get(`/api/bulk/indicator.births?format=csv&from=2022-06&to=2022-06`, bearer);
    expect(births.statusCode).toBe(200);
    expect(new Set((await readCsv(births.rawPayload.subarray(3).toString())).map((r) => r.unit))).toEqual(
      new Set([NAM_TRUNG]),
    );
    expect((await get(`/api/bulk/population_cube?unit=10639`, bearer)).statusCode).toBe(403);
    expect((await get(`/api/bulk/dossier_cube`, bearer)).statusCode).toBe(403);
    expect((await get(`/api/bulk/indicator.dossiers_received`, bearer)).statusCode).toBe(403);
  });

  it('writes one export record once the stream ended: format, bytes, SHA-256, rows and units', async () => {
    const res = await get(`/api/bulk/indicator.deaths?format=csv&unit=${NAM_TRUNG}&from=2022-01&to=2022-03`, admin);
    expect(res.statusCode).toBe(200);
    await new Promise((r) => setTimeout(r, 50));
    const { rows } = await ctx.audit.query({ action: 'export', route: '/api/bulk/:dataset', limit: 1 });
    expect(rows[0]).toMatchObject({
      account: admin.username,
      format: 'csv',
      bytes: res.rawPayload.length,
      sha256: createHash('sha256').update(res.rawPayload).digest('hex'),
      rows: 3,
      units: [NAM_TRUNG],
    });
  });

  it('serves one download at a time here: another is told to come back (503, Retry-After)', async () => {
    const open = () =>
      new Promise<IncomingMessage>((resolve, reject) => {
        const req = httpRequest(`${base}/api/bulk/population_cube?format=csv`, { headers: admin.headers }, resolve);
        req.on('error', reject);
        req.end();
      });
    const first = await open();
    expect(first.statusCode).toBe(200);
    first.pause();
    const second = await get('/api/bulk/indicator.births?format=csv', admin);
    expect(second.statusCode).toBe(503);
    expect(second.headers['retry-after']).toBe('30');
    first.destroy();
    await new Promise((r) => setTimeout(r, 200));
    expect((await get('/api/bulk/indicator.births?format=csv', admin)).statusCode).toBe(200);
  });
});
