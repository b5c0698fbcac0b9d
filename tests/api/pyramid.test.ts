// GET /api/population/pyramid (issue 18: one request per panel) and the one size rule of every value path.
// The pyramid's 36 cells must be the rows /api/indicators/population publishes for the same sex and age group (the
// same statement, keys and disclosure), within ±2 of the true counts summed here with SQL; scope and audit as every
// value route. The size rule: a question over MAX_CELLS cells (units × months) is a 400 naming the limit, before any
// query; one just under it answers.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { tableFromIPC } from 'apache-arrow';
import { buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { openContext, type Context } from '../../server/context.ts';
import { MAX_CELLS } from '../../server/indicators/service.ts';
import { buildDemoStore } from '../helpers/demo-store.ts';
import { signIn, type Signed } from '../helpers/auth.ts';

const DISTRICT = '291';
const NAM_TRUNG = '10633';
const MONTH = '2022-12';
const GROUPS = Array.from({ length: 18 }, (_, k) => k * 5);

let app: FastifyInstance;
let ctx: Context;
let leader: Signed;
let other: Signed;
let admin: Signed;

const get = (url: string, who: Signed, headers: Record<string, string> = {}) =>
  app.inject({ method: 'GET', url, headers: { ...who.headers, ...headers } });

interface Cell {
  sex: string;
  age_group: number;
  value: number | null;
  numerator: number | null;
  suppressed: boolean;
}

beforeAll(async () => {
  const { db } = await buildDemoStore(join('tests', '.tmp', 'api-pyramid'));
  ctx = await openContext(loadConfig({ IOC_DB: db, IOC_DEMO: 'false', LOG_LEVEL: 'silent', IOC_MAX_LAG_MS: '60000' }));
  app = await buildApp(ctx, { logger: false });
  leader = await signIn(app, ctx, { role: 'leader', unit: DISTRICT });
  admin = await signIn(app, ctx, { role: 'admin', unit: DISTRICT });
  // a commune leader of the same district: Nam Trung is outside its scope
  const elsewhere = ctx.units.children(DISTRICT).find((u) => u.unit_id !== NAM_TRUNG)!.unit_id;
  other = await signIn(app, ctx, { role: 'leader', unit: elsewhere });
}, 300_000);

afterAll(async () => {
  await app?.close();
  await ctx?.close();
});

describe('GET /api/population/pyramid', () => {
  for (const residence of [undefined, 'permanent']) {
    it(`gives the 36 cells /api/indicators/population publishes${residence ? ` (residence=${residence})` : ''}`, async () => {
      const extra = residence ? `&residence=${residence}` : '';
      const res = await get(`/api/population/pyramid?unit=${NAM_TRUNG}&month=${MONTH}${extra}`, leader);
      expect(res.statusCode, res.body).toBe(200);
      const answer = res.json<{ cells: Cell[]; month: string; meta: { disclosure: string } }>();
      expect(answer.month).toBe(MONTH);
      expect(answer.meta.disclosure).toBe('cellkey');
      expect(answer.cells.map((c) => `${c.sex}${c.age_group}`)).toEqual([
        ...GROUPS.map((g) => `M${g}`),
        ...GROUPS.map((g) => `F${g}`),
      ]);
      // the true counts, summed here from the cube
      const truth = (
        await ctx.pool.use((c) =>
          c.runAndReadAll(`SELECT sex, age_group::INTEGER AS g, sum(population)::DOUBLE AS n FROM pop_month p
            JOIN unit_members um ON um.member_id = p.unit_id
            WHERE um.group_id = '${NAM_TRUNG}' AND month = DATE '${MONTH}-01'
              ${residence ? `AND residence = '${residence}'` : ''} GROUP BY ALL`),
        )
      ).getRowObjectsJson() as { sex: string; g: number; n: number }[];
      let nonzero = 0;
      for (const cell of answer.cells) {
        const one = await get(
          `/api/indicators/population?unit=${NAM_TRUNG}&by=month&from=${MONTH}&to=${MONTH}` +
            `&sex=${cell.sex}&age_min=${cell.age_group}&age_max=${cell.age_group}${extra}`,
          leader,
        );
        const row = one.json().rows[0] as Cell | undefined;
        expect({ value: cell.value, suppressed: cell.suppressed }, `${cell.sex}${cell.age_group}`).toEqual({
          value: row?.value ?? null,
          suppressed: row?.suppressed ?? false,
        });
        const n = truth.find((t) => t.sex === cell.sex && t.g === cell.age_group)?.n ?? 0;
        if (n >= 5) expect(Math.abs((cell.value ?? 0) - n), `${cell.sex}${cell.age_group}`).toBeLessThanOrEqual(2);
        if (n > 0) nonzero++;
      }
      expect(nonzero).toBeGreaterThan(20);
    });
  }

  it('gives the same cells as an Arrow stream', async () => {
    const json = (await get(`/api/population/pyramid?unit=${NAM_TRUNG}&month=${MONTH}`, leader)).json().cells;
    const res = await get(`/api/population/pyramid?unit=${NAM_TRUNG}&month=${MONTH}`, leader, {
      accept: 'application/vnd.apache.arrow.stream',
    });
    const rows = tableFromIPC(res.rawPayload)
      .toArray()
      .map((r) => r.toJSON());
    expect(rows.map((r) => [r.sex, r.age_group, r.value])).toEqual(
      json.map((c: Cell) => [c.sex, c.age_group, c.value]),
    );
  });

  it('refuses a unit outside the scope, and audits the read', async () => {
    expect((await get(`/api/population/pyramid?unit=${NAM_TRUNG}&month=${MONTH}`, other)).statusCode).toBe(403);
    await ctx.audit.drain();
    const audit = (
      await ctx.pool.use((c) =>
        c.runAndReadAll(`SELECT units::VARCHAR AS units, rows FROM audit_log
          WHERE route = '/api/population/pyramid' AND action = 'read' AND status = 200 LIMIT 1`),
      )
    ).getRowObjectsJson();
    expect(audit.length).toBe(1);
    expect(String(audit[0].units)).toContain(NAM_TRUNG);
    expect(Number(audit[0].rows)).toBe(36);
  });
});

describe('GET /api/panel', () => {
  it('gives, for each indicator, the answer /api/indicators/:id gives with the filters it accepts', async () => {
    const ids = ['population', 'births', 'pct_vneid_level1', 'dossiers_received'];
    const query = `unit=${NAM_TRUNG}&by=month&from=2022-01&to=2022-12&sex=F`;
    const res = await get(`/api/panel?ids=${ids.join(',')}&${query}`, leader);
    expect(res.statusCode, res.body).toBe(200);
    const answers = res.json<{ answers: { indicator: { id: string; filters: string[] }; rows: unknown[] }[] }>()
      .answers;
    expect(answers.map((a) => a.indicator.id)).toEqual(ids);
    for (const a of answers) {
      const own = a.indicator.filters.includes('sex') ? query : query.replace('&sex=F', '');
      const one = await get(`/api/indicators/${a.indicator.id}?${own}`, leader);
      expect(one.statusCode).toBe(200);
      expect(a.rows, a.indicator.id).toEqual(one.json().rows);
      expect(a.rows.length, a.indicator.id).toBeGreaterThan(0);
    }
    expect((await get(`/api/panel?ids=births&unit=${NAM_TRUNG}`, other)).statusCode).toBe(403);
    expect((await get(`/api/panel?ids=no_such&unit=${NAM_TRUNG}`, leader)).statusCode).toBe(404);
  });
});

describe('the size rule of value answers', () => {
  it(`refuses more than ${MAX_CELLS.toLocaleString('en-US')} cells by default, naming the limit`, async () => {
    // the district's 19 communes month by month from the year 1 to 9999: about 2.3 million cells
    const url = `/api/indicators/births?unit=${DISTRICT}&by=unit&from=0001-01&to=9999-12`;
    const res = await get(url, leader, { 'accept-language': 'en' });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(
      /^Too large: at most 1,000,000 cells \(units × months\) per answer; asked for 2,279,772 \(19 units × 119,988 months\)/,
    );
    const vi = await get(url, leader, { 'accept-language': 'vi' });
    expect(vi.json().message).toMatch(/^Câu hỏi quá lớn: tối đa 1\.000\.000 ô \(đơn vị × tháng\)/);
  });

  it('answers just under the limit and refuses just over it, before any query, on every value route', async () => {
    const before = ctx.indicators.maxCells;
    const query = ctx.pool.query.bind(ctx.pool);
    let queries = 0;
    ctx.pool.query = (...args) => {
      queries++;
      return query(...args);
    };
    try {
      ctx.indicators.maxCells = 19 * 12; // the district's communes over one year
      ctx.indicators.invalidate();
      const ok = await get(`/api/indicators/births?unit=${DISTRICT}&by=unit&from=2022-01&to=2022-12`, leader);
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json().rows).toHaveLength(19);
      queries = 0;
      for (const url of [
        `/api/indicators/births?unit=${DISTRICT}&by=unit&from=2022-01&to=2023-01`,
        `/api/indicators/population?unit=${DISTRICT}&by=unit&from=2022-01&to=2022-01&age_min=0&age_max=80`,
        `/api/export/indicator.csv?indicator=births&unit=${DISTRICT}&by=unit&from=2021-12&to=2022-12`,
      ]) {
        const res = await get(url, url.startsWith('/api/export') ? admin : leader, { 'accept-language': 'en' });
        expect(res.statusCode, url).toBe(400);
        expect(res.json().message, url).toMatch(/^Too large: at most 228 cells \(units × months\) per answer/);
      }
      expect(queries).toBe(0);
      const panel = `/api/panel?ids=births,deaths&unit=${DISTRICT}&by=unit&from=2022-07&to=2022-12`;
      expect((await get(panel, leader)).statusCode).toBe(200);
      expect((await get(panel.replace('2022-07', '2022-06'), leader)).statusCode).toBe(400);
      ctx.indicators.maxCells = 36 - 1;
      const pyramid = await get(`/api/population/pyramid?unit=${NAM_TRUNG}&month=${MONTH}`, leader);
      expect(pyramid.statusCode).toBe(400);
    } finally {
      ctx.indicators.maxCells = before;
      ctx.pool.query = query;
      ctx.indicators.invalidate();
    }
  });
});
