// GET /api/index766 (the Decision 766 service index) against a demo store. With IOC_DISCLOSURE=suppress and k = 1
// (nothing withheld: exact arithmetic): the total of every row is the sum of its groups, its score the total rescaled
// over the maximum counted; a district's parts are the sums of its communes' parts as /api/indicators gives them
// (recomputed here from those answers, never from the route's own numbers); the numbers are those of
// /api/indicators/<query id> for the same unit and period; ranks follow scores; a commune leader cannot read another
// commune; the portal's scores are set beside the local ones. With the default cell-key method: the same cells give
// the same published values as /api/indicators, and withheld values are withheld in both.
import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { tableFromIPC } from 'apache-arrow';
import { buildApp } from '../../server/app.ts';
import { makeScope } from '../../server/auth/scope.ts';
import { loadConfig } from '../../server/config.ts';
import { openContext, type Context } from '../../server/context.ts';
import type { Index766Answer, Index766Row } from '../../server/contracts/index766.ts';
import { INDICATORS, QUERY_IDS, RULES } from '../../server/index766/rules.ts';
import { buildDemoStore } from '../helpers/demo-store.ts';
import { signIn, type Signed } from '../helpers/auth.ts';

const DIR = join('tests', '.tmp', 'api-index766');
const DISTRICT = '291';
const NAM_TRUNG = '10633';
const OTHER = '10606';

interface ApiRow {
  unit: string;
  period: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  suppressed: boolean;
}

interface Server {
  ctx: Context;
  app: FastifyInstance;
  admin: Signed;
}

let exact: Server;
let keyed: Server;
let leader: Signed;

async function open(db: string, env: Record<string, string>): Promise<Server> {
  const ctx = await openContext(
    loadConfig({ IOC_DB: db, IOC_DEMO: 'false', LOG_LEVEL: 'silent', IOC_MAX_LAG_MS: '60000', ...env }),
  );
  const app = await buildApp(ctx, { logger: false });
  const admin = await signIn(app, ctx, { role: 'admin', unit: DISTRICT });
  return { ctx, app, admin };
}

async function index766(s: Server, query: string, who = s.admin): Promise<Index766Answer> {
  const res = await s.app.inject({ method: 'GET', url: `/api/index766?${query}`, headers: who.headers });
  if (res.statusCode !== 200) throw new Error(`${query}: ${res.statusCode} ${res.body}`);
  return res.json();
}

async function indicator(s: Server, id: string, query: string): Promise<ApiRow[]> {
  const res = await s.app.inject({ method: 'GET', url: `/api/indicators/${id}?${query}`, headers: s.admin.headers });
  if (res.statusCode !== 200) throw new Error(`${id} ${query}: ${res.statusCode} ${res.body}`);
  return res.json().rows;
}

const single = INDICATORS.filter((r) => r.query.length === 1);
const cellOf = (row: Index766Row, id: string) => row.indicators.find((i) => i.id === id)!;
const clamp = (x: number) => Math.min(1, Math.max(0, x));
/** Equal counts; sums of days equal but for the order DuckDB adds doubles in. */
const same = (a: number | null | undefined, b: number | null | undefined) =>
  a == null || b == null ? (a ?? null) === (b ?? null) : Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

beforeAll(async () => {
  const { db } = await buildDemoStore(DIR);
  const copy = join(DIR, 'keyed.duckdb');
  await copyFile(db, copy);
  exact = await open(db, { IOC_DISCLOSURE: 'suppress', IOC_MIN_CELL: '1' });
  keyed = await open(copy, {});
  leader = await signIn(exact.app, exact.ctx, { role: 'leader', unit: NAM_TRUNG });
}, 240_000);

afterAll(async () => {
  for (const s of [exact, keyed]) {
    await s?.app.close();
    await s?.ctx.close();
  }
});

describe('GET /api/index766 with exact numbers', () => {
  it('gives the district first, then its communes, each total the sum of its groups', async () => {
    const a = await index766(exact, `unit=${DISTRICT}&period=2022&by=unit`);
    expect(a.rows[0].unit).toBe(DISTRICT);
    expect(a.rows.length).toBeGreaterThan(5);
    expect(a.groups.map((g) => g.id)).toEqual(['1', '2', '3', '3b', '4', '5']);
    expect(a.indicators.map((i) => i.id)).toEqual(INDICATORS.map((i) => i.id));
    expect(a.from).toBe('2022-01');
    expect(a.to).toBe('2022-12');
    let scored = 0;
    for (const r of a.rows) {
      const groups = r.groups.reduce((s, g) => s + (g.points ?? 0), 0);
      if (r.points === null) continue;
      scored++;
      expect(r.points, r.unit).toBeCloseTo(groups, 9);
      expect(r.max).toBe(r.groups.reduce((s, g) => s + g.max, 0));
      expect(r.score!).toBeCloseTo(Math.round(((r.points * 100) / r.max) * 100) / 100, 9);
      for (const g of r.groups) {
        const sum = r.indicators
          .filter((i) => RULES.get(i.id)!.group === g.id && i.status === 'scored')
          .reduce((s, i) => s + i.points!, 0);
        if (g.points !== null) expect(g.points, `${r.unit} ${g.id}`).toBeCloseTo(sum, 9);
      }
    }
    expect(scored).toBe(a.rows.length);
  });

  it("gives a district's parts as the sums of its communes' parts from /api/indicators, and its office's", async () => {
    // The district is its 19 communes and its own office (a base unit with district-level procedures and dossiers):
    // the communes' parts come from /api/indicators by=unit, the office's from the indicator service with a scope
    // holding the office alone. One month: a stock is then the same month in every unit.
    const a = await index766(exact, `unit=${DISTRICT}&period=2022-09&by=unit`);
    const district = a.rows[0];
    const office = makeScope([DISTRICT]);
    const parts = new Map<string, { n: number | null; d: number | null }>();
    for (const id of QUERY_IDS) {
      const communes = await indicator(exact, id, `unit=${DISTRICT}&by=unit&from=2022-09&to=2022-09`);
      expect(communes.every((r) => !r.suppressed)).toBe(true);
      const def = exact.ctx.indicators.indicator(id);
      const own = await exact.ctx.indicators.raw(def, [DISTRICT], '2022-09', '2022-09', 'total', {}, office);
      const rows = [...communes, ...own];
      const sum = (k: 'numerator' | 'denominator') =>
        rows.length === 0 ? null : rows.reduce((s, r) => s + (r[k] ?? 0), 0);
      parts.set(id, { n: sum('numerator'), d: sum('denominator') });
    }
    let compared = 0;
    for (const rule of INDICATORS) {
      if (!rule.formula) continue;
      const got = cellOf(district, rule.id);
      const ps = rule.query.map((id) => parts.get(id)!);
      const n = ps.every((p) => p.n === null) ? null : ps.reduce((s, p) => s + (p.n ?? 0), 0);
      const d = ps.every((p) => p.d === null) ? null : ps.reduce((s, p) => s + (p.d ?? 0), 0);
      if (d === null || d === 0) {
        expect(got.ratio, rule.id).toBeNull();
        continue;
      }
      expect(same(got.numerator, n), `${rule.id} ${got.numerator} ${n}`).toBe(true);
      expect(same(got.denominator, d), `${rule.id} ${got.denominator} ${d}`).toBe(true);
      const ratio = rule.unit === 'days' ? n! / d : clamp(n! / d);
      expect(got.ratio!, rule.id).toBeCloseTo(ratio, 9);
      compared++;
    }
    expect(compared).toBeGreaterThan(10);
  });

  it('gives the numbers of /api/indicators for the same unit and period, by unit and by month', async () => {
    const byUnit = await index766(exact, `unit=${NAM_TRUNG}&period=2022-Q4&by=unit`);
    const byMonth = await index766(exact, `unit=${NAM_TRUNG}&period=2022&by=month`);
    expect(byUnit.rows.map((r) => r.unit)).toEqual([NAM_TRUNG]);
    expect(byMonth.rows.map((r) => r.period)).toEqual(
      Array.from({ length: 12 }, (_, i) => `2022-${String(i + 1).padStart(2, '0')}`),
    );
    for (const rule of single) {
      const id = rule.query[0];
      const total = await indicator(exact, id, `unit=${NAM_TRUNG}&by=total&from=2022-10&to=2022-12`);
      const got = cellOf(byUnit.rows[0], rule.id);
      expect(same(got.numerator, total[0]?.numerator), rule.id).toBe(true);
      expect(same(got.denominator, total[0]?.denominator), rule.id).toBe(true);
      const months = await indicator(exact, id, `unit=${NAM_TRUNG}&by=month&from=2022-01&to=2022-12`);
      for (const r of byMonth.rows) {
        const m = months.find((x) => x.period === r.period);
        const c = cellOf(r, rule.id);
        expect(same(c.numerator, m?.numerator), `${rule.id} ${r.period}`).toBe(true);
        expect(same(c.denominator, m?.denominator), `${rule.id} ${r.period}`).toBe(true);
        if (m?.value != null && rule.scored) expect(c.ratio! * 100).toBeCloseTo(Math.min(100, m.value), 9);
      }
    }
  });

  it('ranks the communes by score, ties sharing a rank', async () => {
    const a = await index766(exact, `unit=${DISTRICT}&period=2022&by=unit`);
    const communes = a.rows.slice(1);
    for (const r of communes) {
      const higher = communes.filter((x) => x.score !== null && r.score !== null && x.score > r.score).length;
      expect(r.rank).toBe(r.score === null ? null : higher + 1);
      expect(r.of).toBe(r.score === null ? null : communes.filter((x) => x.score !== null).length);
    }
    // the district is the province's one district
    expect([a.rows[0].rank, a.rows[0].of]).toEqual([1, 1]);
  });

  it('explains lost points with procedures and sentences in both languages', async () => {
    const a = await index766(exact, `unit=${DISTRICT}&period=2022&by=unit`);
    expect(a.losses.length).toBeGreaterThan(0);
    const lost = a.losses.map((l) => l.lost);
    expect(lost).toEqual([...lost].sort((x, y) => y - x));
    for (const l of a.losses) {
      const ind = cellOf(a.rows[0], l.indicator);
      expect(l.lost).toBe(ind.lost);
      expect(l.causes.length).toBeLessThanOrEqual(10);
      expect(l.text_vi.startsWith(`${l.indicator}: `)).toBe(true);
      expect(l.text_en.startsWith(`${l.indicator}: `)).toBe(true);
      for (const c of l.causes) expect(c.lost).toBeGreaterThan(0);
    }
    const withCauses = a.losses.find((l) => l.causes.length > 0);
    expect(withCauses).toBeDefined();
    expect(withCauses!.text_vi).toMatch(/thủ tục chưa đạt làm mất [\d.]+(,\d+)? điểm/);
  });

  it('refuses a commune outside a leader’s scope and shows no sibling in the district answer', async () => {
    const res = await exact.app.inject({
      method: 'GET',
      url: `/api/index766?unit=${OTHER}&period=2022&by=unit`,
      headers: leader.headers,
    });
    expect(res.statusCode).toBe(403);
    const own = await index766(exact, `unit=${NAM_TRUNG}&period=2022&by=unit`, leader);
    expect(own.rows.map((r) => r.unit)).toEqual([NAM_TRUNG]);
    expect(own.rows[0].rank).toBeNull();
    const district = await index766(exact, `unit=${DISTRICT}&period=2022&by=unit`, leader);
    expect(district.rows.map((r) => r.unit)).toEqual([DISTRICT, NAM_TRUNG]);
    expect(district.rows[1].rank).toBeNull();
  });

  it('refuses a malformed period and an unknown unit', async () => {
    for (const [q, status] of [
      [`unit=${DISTRICT}&period=2022-13`, 400],
      [`unit=${DISTRICT}&period=2022-Q5`, 400],
      [`unit=nowhere&period=2022`, 404],
    ] as const) {
      const res = await exact.app.inject({ method: 'GET', url: `/api/index766?${q}`, headers: exact.admin.headers });
      expect(res.statusCode, q).toBe(status);
    }
  });

  it("sets the portal's imported scores beside the local ones", async () => {
    const before = await index766(exact, `unit=${NAM_TRUNG}&period=2022-Q2&by=unit`);
    const row = before.rows[0];
    const g1 = row.groups.find((g) => g.id === '1')!.points;
    await exact.ctx.pool.use((c) =>
      c.run(`INSERT INTO portal_scores VALUES
        ('${NAM_TRUNG}', '2022-Q2', 'total', ${row.score! + 1.5}), ('${NAM_TRUNG}', '2022-Q2', '1', 0.5),
        ('${NAM_TRUNG}', '2022-Q1', 'total', 10)`),
    );
    exact.ctx.info.dataVersion += 1; // as an import of the portal's scores would
    const a = await index766(exact, `unit=${NAM_TRUNG}&period=2022-Q2&by=unit`);
    expect(a.portal.map((p) => [p.group, p.portal])).toEqual([
      ['1', 0.5],
      ['total', row.score! + 1.5],
    ]);
    const [one, total] = a.portal;
    expect(total).toMatchObject({ local: row.score, diff: -1.5, flagged: false });
    expect(one.local).toBe(g1);
    expect(one.diff).toBeCloseTo(g1! - 0.5, 9);
    expect(one.flagged).toBe(Math.abs(g1! - 0.5) > 2);
  });

  it('forecasts the December score of a year beyond the data, and none within it', async () => {
    const within = await index766(exact, `unit=${DISTRICT}&period=2022&by=month`);
    expect(within.forecast).toBeNull();
    const ahead = await index766(exact, `unit=${DISTRICT}&period=2023&by=month`);
    expect(ahead.forecast).not.toBeNull();
    // months after the data date (2022-12) have no score: the catalogue rules alone would score them
    expect(ahead.rows).toEqual([]);
    expect(within.rows.map((r) => r.period)).toEqual(
      Array.from({ length: 12 }, (_, k) => `2022-${String(k + 1).padStart(2, '0')}`),
    );
    const f = ahead.forecast!;
    expect(f.year).toBe('2023');
    expect(f.method).toBe('damped_logit');
    expect(f.low!).toBeLessThanOrEqual(f.score!);
    expect(f.score!).toBeLessThanOrEqual(f.high!);
    expect(f.score!).toBeGreaterThanOrEqual(0);
    expect(f.score!).toBeLessThanOrEqual(100);
  });

  it('answers as an Arrow table of one row per unit, period and indicator', async () => {
    const res = await exact.app.inject({
      method: 'GET',
      url: `/api/index766?unit=${DISTRICT}&period=2022-Q4&by=unit`,
      headers: { ...exact.admin.headers, accept: 'application/vnd.apache.arrow.stream' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/vnd.apache.arrow.stream');
    const table = tableFromIPC(res.rawPayload);
    const json = await index766(exact, `unit=${DISTRICT}&period=2022-Q4&by=unit`);
    expect(table.numRows).toBe(json.rows.length * INDICATORS.length);
    expect(table.schema.fields.map((f) => f.name)).toEqual([
      'unit', 'period', 'indicator', 'numerator', 'denominator', 'ratio', 'points', 'max', 'lost', 'status',
    ]); // prettier-ignore
    const first = table.get(0)!.toJSON() as Record<string, unknown>;
    const cell = json.rows[0].indicators[0];
    expect(first).toMatchObject({ unit: DISTRICT, indicator: cell.id, points: cell.points, max: cell.max });
  });
});

describe('GET /api/index766 with the cell-key method', () => {
  it('gives the same cells the values /api/indicators publishes', async () => {
    const a = await index766(keyed, `unit=${DISTRICT}&period=2022-Q4&by=unit`);
    const m = await index766(keyed, `unit=${DISTRICT}&period=2022&by=month`);
    let withheld = 0;
    for (const rule of single) {
      const id = rule.query[0];
      const total = await indicator(keyed, id, `unit=${DISTRICT}&by=total&from=2022-10&to=2022-12`);
      const kids = await indicator(keyed, id, `unit=${DISTRICT}&by=unit&from=2022-10&to=2022-12`);
      const months = await indicator(keyed, id, `unit=${DISTRICT}&by=month&from=2022-01&to=2022-12`);
      const check = (row: Index766Row, api: ApiRow | undefined) => {
        const c = cellOf(row, rule.id);
        expect([c.numerator, c.denominator], `${rule.id} ${row.unit} ${row.period}`).toEqual([
          api?.numerator ?? null,
          api?.denominator ?? null,
        ]);
        expect(c.status === 'withheld', `${rule.id} ${row.unit} ${row.period}`).toBe(api?.suppressed ?? false);
        if (c.status === 'withheld') withheld++;
      };
      check(a.rows[0], total[0]);
      for (const r of a.rows.slice(1))
        check(
          r,
          kids.find((k) => k.unit === r.unit),
        );
      for (const r of m.rows)
        check(
          r,
          months.find((k) => k.period === r.period),
        );
    }
    // small communes' quarters have rates on bases below k
    expect(withheld).toBeGreaterThan(0);
  });
});

describe('a target on the Decision 766 score (targets.csv, indicator "index766")', () => {
  it('is judged on the monthly scores, shown with the plan’s targets, and draws its months', async () => {
    const conn = await exact.ctx.instance.connect();
    try {
      await conn.run(`INSERT INTO targets VALUES ('X766', 'X', 'index766', 'Điểm Chỉ số 766 đạt từ 80 điểm',
        'Decision 766 score of 80 points or more', 'all', '>=', 80, 'points', DATE '2023-12-31', 'III.2.h')`);
    } finally {
      conn.closeSync();
    }
    exact.ctx.targets.invalidate();
    try {
      const months = await index766(exact, `unit=${DISTRICT}&period=2022&by=month`);
      const scored = months.rows.filter((r) => r.score !== null);
      const res = await exact.app.inject({
        method: 'GET',
        url: `/api/targets?unit=${DISTRICT}`,
        headers: exact.admin.headers,
      });
      expect(res.statusCode).toBe(200);
      const t = res.json<{ targets: TargetLike[] }>().targets.find((x) => x.target_id === 'X766')!;
      // the value now is the last month's score as the index shows it; the deadline is ahead: a forecast
      expect(t.value).toBe(scored.at(-1)!.score);
      expect(t.value_month).toBe(scored.at(-1)!.period);
      expect(['on_track', 'at_risk']).toContain(t.status);
      expect(t.forecast_at_deadline).not.toBeNull();
      expect(t.probability).toBeGreaterThanOrEqual(0);
      expect(t.probability).toBeLessThanOrEqual(1);
      // the chart of the target draws the index's monthly scores
      const traj = await exact.app.inject({
        method: 'GET',
        url: `/api/targets?unit=${DISTRICT}&trajectory=X766`,
        headers: exact.admin.headers,
      });
      expect(traj.statusCode).toBe(200);
      const body = traj.json<{ trajectory: { months: string[]; values: (number | null)[] } }>().trajectory;
      expect(body.months.slice(-12)).toEqual(months.rows.map((r) => r.period));
      expect(body.values.slice(-12)).toEqual(months.rows.map((r) => r.score));
    } finally {
      const c = await exact.ctx.instance.connect();
      await c.run(`DELETE FROM targets WHERE target_id = 'X766'`);
      c.closeSync();
      exact.ctx.targets.invalidate();
    }
  });
});

interface TargetLike {
  target_id: string;
  value: number | null;
  value_month: string | null;
  status: string;
  forecast_at_deadline: number | null;
  probability: number | null;
}
