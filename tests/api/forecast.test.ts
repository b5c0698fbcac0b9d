// The population projection API through inject(): POST on Preston's Box 6.2 and its validation (400
// naming the field), GET for a unit of a demo store against the population indicator and across scenarios.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { openContext, type Context } from '../../server/context.ts';
import { buildDemoStore } from '../helpers/demo-store.ts';
import { actAs } from '../helpers/auth.ts';

let app: FastifyInstance;
let ctx: Context;
const NAM_TRUNG = '10633';
const DISTRICT = '291';

// Preston, Heuveline & Guillot (2001) Box 6.2 inputs, as in tests/unit/forecast-cohort.test.ts.
const P = [
  293395, 248369, 240012, 261346, 285209, 314388, 281290, 286923, 304108, 324946, 247613, 211351, 215140, 221764,
  223506, 183654, 141990, 112424,
];
const L = [
  497487, 497138, 496901, 496531, 495902, 495168, 494213, 492760, 490447, 486613, 480665, 471786, 457852, 436153,
  402775, 350358, 271512, 291707,
];
const F = [0, 0, 0, 0.012, 0.0908, 0.1499, 0.1125, 0.0441, 0.0074, 0.0003, 0, 0, 0, 0, 0, 0, 0, 0];
const M = [6840, 4150, 3365, 5270, 9240, 8230, 5470, 3155, 1770, 1115, 1075, 845, 645, 530, 465, 300, 250, 175];
const FEMALE_1998 = [
  302392, 298682, 252007, 244150, 268267, 293515, 320624, 284767, 288031, 303166, 322062, 243989, 205841, 205516,
  205270, 194771, 142565, 131966,
];

const body = () => ({
  interval: 5,
  steps: 1,
  age_groups: P.map((_, i) => i * 5),
  radix: 100000,
  sex_ratio_at_birth: 1.05,
  female: { population: [...P], Lx: [...L], asfr: [...F] },
  net_migration: { female: [...M] },
});

const post = async (payload: unknown) => {
  const res = await app.inject({
    method: 'POST',
    url: '/api/forecast/population',
    payload: payload as object,
    headers: { 'accept-language': 'en' },
  });
  return { status: res.statusCode, body: res.json() };
};
const get = async (url: string) => {
  const res = await app.inject({ method: 'GET', url, headers: { 'accept-language': 'en' } });
  return { status: res.statusCode, body: res.json() };
};

beforeAll(async () => {
  const { db } = await buildDemoStore(join('tests', '.tmp', 'api-forecast'));
  ctx = await openContext(loadConfig({ IOC_DB: db, IOC_DEMO: 'false', LOG_LEVEL: 'silent', IOC_CACHE: '0' }));
  app = await buildApp(ctx, { logger: false });
  await actAs(app, ctx);
}, 180_000);

afterAll(async () => {
  await app?.close();
  await ctx?.close();
});

describe('POST /api/forecast/population', () => {
  it("reproduces Box 6.2's Swedish females in 1998", async () => {
    const { status, body: b } = await post(body());
    expect(status).toBe(200);
    expect(b.steps).toHaveLength(2);
    expect(b.steps[0].births).toBeNull();
    expect(b.steps[1].male).toBeNull();
    b.steps[1].female.forEach((x: number, i: number) => expect(Math.abs(x - FEMALE_1998[i])).toBeLessThanOrEqual(1));
  });

  it.each([
    ['a length that does not match', (b: any) => b.female.Lx.pop(), 'female.Lx'],
    ['a migration vector of the wrong length', (b: any) => b.net_migration.female.push(1), 'net_migration.female'],
    ['a negative population', (b: any) => (b.female.population[3] = -1), '/female/population/3'],
    ['a non-number', (b: any) => (b.female.asfr[4] = 'abc'), '/female/asfr/4'],
    ['a negative fertility rate', (b: any) => (b.female.asfr[5] = -0.1), '/female/asfr/5'],
    ['an Lx rising with age (survival above 1)', (b: any) => (b.female.Lx[4] = 499000), 'female.Lx[4]'],
    ['age groups that are not the interval apart', (b: any) => (b.age_groups[2] = 11), 'age_groups[2]'],
    ['male migrants without a male population', (b: any) => (b.net_migration.male = [...M]), 'net_migration.male'],
    ['emigration larger than the population', (b: any) => (b.net_migration.female[17] = -1e7), 'net_migration.female'],
    ['a missing field', (b: any) => delete b.radix, 'radix'],
    ['an unknown field', (b: any) => (b.srb = 1.05), 'additional'],
  ])('answers 400 naming the field for %s', async (_name, spoil, field) => {
    const b = body();
    spoil(b);
    const res = await post(b);
    expect(res.status).toBe(400);
    expect(res.body.message).toContain(field);
  });
});

describe('GET /api/forecast/population', () => {
  /** The population indicator's published cells of a unit in December 2022, by sex and 5-year group. */
  async function publishedCells(unit: string): Promise<{ F: number[]; M: number[] }> {
    const out = { F: [] as number[], M: [] as number[] };
    for (const sex of ['F', 'M'] as const) {
      for (let g = 0; g <= 85; g += 5) {
        const q = `unit=${unit}&from=2022-12&to=2022-12&sex=${sex}&age_min=${g}&age_max=${g}`;
        out[sex].push((await get(`/api/indicators/population?${q}`)).body.rows[0]?.value ?? 0);
      }
    }
    return out;
  }
  const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);

  it('starts from the unit’s latest population (the population indicator’s cells) and reaches 2035', async () => {
    const { status, body: b } = await get(`/api/forecast/population?unit=${NAM_TRUNG}`);
    expect(status).toBe(200);
    expect(b.scenario).toBe('medium');
    expect(b.base_month).toBe('2022-12');
    const cells = await publishedCells(NAM_TRUNG);
    expect(b.yearly[0].total).toBe(sum(cells.F) + sum(cells.M));
    // the total of the unit is its own published cell: within a few people of the sum of its 36 cells
    const ind = await get(`/api/indicators/population?unit=${NAM_TRUNG}&from=2022-12&to=2022-12`);
    expect(Math.abs(b.yearly[0].total - ind.body.rows[0].value)).toBeLessThanOrEqual(2 * 37);
    expect(b.steps.map((s: { year: number }) => s.year)).toEqual([2022, 2027, 2032, 2037]);
    const years = b.yearly.map((y: { year: number }) => y.year);
    expect(years).toContain(2030);
    expect(years).toContain(2035);
    expect(b.controls).toEqual({ tfr: 2.11, e0: 75.7, net_migration: -0.6 });
    const y2030 = b.yearly.find((y: { year: number }) => y.year === 2030);
    expect(y2030.total).toBe(y2030.female + y2030.male);
    expect(y2030.working_15_64).toBeLessThan(y2030.total);
  });

  it('starts from the published counts (stored data): the same cells as the population indicator, never 1 or 2', async () => {
    const { body: b } = await get(`/api/forecast/population?unit=${NAM_TRUNG}`);
    const cells = await publishedCells(NAM_TRUNG);
    expect(b.steps[0].female).toEqual(cells.F);
    expect(b.steps[0].male).toEqual(cells.M);
    // and not the exact counts everywhere (the perturbation is there)
    const exact = (
      await ctx.pool.use((c) =>
        c.runAndReadAll(`SELECT sex, age_group, sum(population)::INTEGER AS n FROM pop_month
        WHERE unit_id = '${NAM_TRUNG}' AND month = '2022-12-01' GROUP BY ALL`),
      )
    ).getRowObjectsJson() as { sex: string; age_group: number; n: number }[];
    const differ = exact.filter((c) => b.steps[0][c.sex === 'F' ? 'female' : 'male'][Number(c.age_group) / 5] !== c.n);
    expect(differ.length).toBeGreaterThan(0);
    for (const c of exact) {
      const shown = b.steps[0][c.sex === 'F' ? 'female' : 'male'][Number(c.age_group) / 5];
      expect(Math.abs(shown - c.n), `${c.sex} ${c.age_group}: ${c.n} → ${shown}`).toBeLessThanOrEqual(c.n >= 5 ? 2 : 4);
    }
    const all = (
      await Promise.all(
        ctx.units.reportChildren(DISTRICT).map((u) => get(`/api/forecast/population?unit=${u.unit_id}`)),
      )
    ).map((r) => r.body);
    const values = all.flatMap((a) => [...a.steps[0].female, ...a.steps[0].male]);
    expect(values.every((v: number | null) => v !== 1 && v !== 2)).toBe(true);
  });

  it('a district starts from its own published cells, within a few people of the sum of its communes', async () => {
    const communes = ctx.units.reportChildren(DISTRICT).map((u) => u.unit_id);
    const district = await get(`/api/forecast/population?unit=${DISTRICT}`);
    const cells = await publishedCells(DISTRICT);
    expect(district.body.yearly[0].total).toBe(sum(cells.F) + sum(cells.M));
    let total = 0;
    for (const c of communes) total += (await get(`/api/forecast/population?unit=${c}`)).body.yearly[0].total;
    expect(Math.abs(district.body.yearly[0].total - total)).toBeLessThanOrEqual(2 * 36 * (communes.length + 1));
    expect(Math.abs(district.body.yearly[0].total - total) / total).toBeLessThan(0.005);
  });

  it('orders the scenarios and applies user controls', async () => {
    const total2035 = async (q: string) =>
      (await get(`/api/forecast/population?unit=${NAM_TRUNG}&${q}`)).body.yearly.find(
        (y: { year: number }) => y.year === 2035,
      ).total;
    const [lo, med, hi] = await Promise.all(['scenario=low', 'scenario=medium', 'scenario=high'].map(total2035));
    expect(lo).toBeLessThan(med);
    expect(med).toBeLessThan(hi);
    const custom = await get(`/api/forecast/population?unit=${NAM_TRUNG}&tfr=1.5&e0=78&net_migration=2`);
    expect(custom.body.controls).toEqual({ tfr: 1.5, e0: 78, net_migration: 2 });
    expect(custom.body.assumptions.e0_female).toBeGreaterThan(custom.body.assumptions.e0_male);
  });

  it('answers 404 for an unknown unit and 400 for a bad scenario or control', async () => {
    expect((await get('/api/forecast/population?unit=nope')).status).toBe(404);
    const bad = await get(`/api/forecast/population?unit=${NAM_TRUNG}&scenario=extreme`);
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('scenario');
    const tfr = await get(`/api/forecast/population?unit=${NAM_TRUNG}&tfr=abc`);
    expect(tfr.status).toBe(400);
    expect(tfr.body.message).toContain('tfr');
  });
});

describe('GET /api/forecast/targets', () => {
  it('gives each target its status, forecast and probability as /api/targets does, intervals in order', async () => {
    const { status, body } = await get(`/api/forecast/targets?unit=${NAM_TRUNG}`);
    expect(status).toBe(200);
    type Plain = { target_id: string; status: string; unit: string; forecast_at_deadline: number | null };
    type PlainAnswer = Plain & { probability: number | null };
    const plain = (await get(`/api/targets?unit=${NAM_TRUNG}`)).body.targets as PlainAnswer[];
    expect(body.targets.map((t: { target_id: string }) => t.target_id).sort()).toEqual(
      plain.map((t) => t.target_id).sort(),
    );
    for (const t of body.targets as Record<string, number | string | null>[]) {
      const p = plain.find((x) => x.target_id === t.target_id)!;
      expect(t.status, String(t.target_id)).toBe(p.status);
      expect(t.forecast_at_deadline, String(t.target_id)).toBe(p.forecast_at_deadline);
      expect(t.probability, String(t.target_id)).toBe(p.probability);
      // the status follows the probability of meeting the target at the deadline (docs/targets.md)
      if (t.probability !== null && t.method !== 'deadline_passed') {
        if (t.status === 'at_risk') expect(t.probability as number).toBeLessThan(0.5);
        else expect(t.probability as number, String(t.target_id)).toBeGreaterThanOrEqual(0.5);
      }
      if (t.method === 'deadline_passed') {
        expect(['met', 'missed', 'no_data', 'suppressed']).toContain(t.status);
        expect(t.forecast_at_deadline).toBeNull();
      }
      if (t.forecast_at_deadline !== null && t.lo95 !== null) {
        const [lo95, lo80, f, hi80, hi95] = [t.lo95, t.lo80, t.forecast_at_deadline, t.hi80, t.hi95] as number[];
        expect(lo95).toBeLessThanOrEqual(lo80 + 1e-9);
        expect(lo80).toBeLessThanOrEqual(f + 1e-9);
        expect(f).toBeLessThanOrEqual(hi80 + 1e-9);
        expect(hi80).toBeLessThanOrEqual(hi95 + 1e-9);
        if (p.unit === 'percent') expect(lo95 >= 0 && hi95 <= 100).toBe(true);
        expect(t.probability as number).toBeGreaterThanOrEqual(0);
        expect(t.probability as number).toBeLessThanOrEqual(1);
      }
    }
    expect(body.targets.some((t: { method: string }) => t.method === 'damped_logit' || t.method === 'damped')).toBe(
      true,
    );
  });
});
