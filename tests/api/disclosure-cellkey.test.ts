// The cell-key method (docs/disclosure.md, issue 14) under the default IOC_DISCLOSURE=cellkey, through the API:
// (a) protection: the differencing attacker (tests/helpers/disclosure-attack.ts), as the district leader, recovers
//     at most a quarter of the true counts 1–4, cannot tell which, never sees a 1 or a 2, and sees true 1s as 0;
// (b) consistency: every indicator with disclosure control gives the same cell the same value in JSON, Arrow, CSV,
//     XLSX, a snapshot, repeated requests (cache cleared), other grains (one month by=total, a quarter or a year of
//     a flow = the sum of its months, of a stock = its last month, a commune in the district's ranking, an age range
//     = the sum of its groups), other indicators counting the same records, and the live stream;
// (c) an independent recomputation: counts and their keys summed here with SQL on the cubes, perturbed by the
//     p-table written out again below (cumulative sixtieths), against what the API serves.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import ExcelJS from 'exceljs';
import { tableFromIPC } from 'apache-arrow';
import { buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { openContext, type Context } from '../../server/context.ts';
import type { IndicatorDef } from '../../server/registry/index.ts';
import { parseCsv } from '../../data/pipeline/generate/csv-read.ts';
import { buildDemoStore } from '../helpers/demo-store.ts';
import { signIn, type Signed } from '../helpers/auth.ts';
import { readLive } from '../helpers/live-stream.ts';
import { attackReport, protectionSummary, runAttack, type AttackCell } from '../helpers/disclosure-attack.ts';

const DISTRICT = '291';
const NAM_TRUNG = '10633';
const FROM = '2022-01';
const TO = '2022-12';
const MONTHS = Array.from({ length: 12 }, (_, i) => `2022-${String(i + 1).padStart(2, '0')}`);

interface Row {
  unit: string;
  period: string;
  last_month?: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  suppressed: boolean;
}

let app: FastifyInstance;
let ctx: Context;
let base = '';
let leader: Signed;
let admin: Signed;
let defs: IndicatorDef[] = [];
let communes: string[] = [];

const get = (url: string, who: Signed, accept?: string) =>
  app.inject({ method: 'GET', url, headers: { ...who.headers, ...(accept ? { accept } : {}) } });
const q = (unit: string, by: string, from = FROM, to = TO, extra = '') =>
  `?unit=${unit}&by=${by}&from=${from}&to=${to}${extra}`;
async function json(id: string, query: string, who = leader): Promise<Row[]> {
  const res = await get(`/api/indicators/${id}${query}`, who);
  if (res.statusCode !== 200) throw new Error(`${id}${query}: ${res.statusCode} ${res.body}`);
  return res.json().rows;
}
const sql = async (text: string) => (await ctx.pool.use((c) => c.runAndReadAll(text))).getRowObjectsJson();

/** What a person reads of a row, the same in every format. */
const cellText = (r: Pick<Row, 'unit' | 'suppressed' | 'value' | 'numerator' | 'denominator'>) =>
  [r.unit, r.suppressed, r.value, r.numerator, r.denominator]
    .map((v) => (typeof v === 'number' ? v.toPrecision(9) : String(v)))
    .join('|');
const num = (v: unknown): number | null => (v === '' || v === null || v === undefined ? null : Number(v));
const fromSheet = (cells: Record<string, unknown>[]) =>
  cells.map((r) => ({
    unit: String(r['Mã đơn vị']),
    value: num(r['Giá trị']),
    numerator: num(r['Tử số']),
    denominator: num(r['Mẫu số']),
    suppressed: String(r['Bị ẩn'] ?? '') !== '',
  }));
async function arrow(id: string, query: string): Promise<Row[]> {
  const res = await get(`/api/indicators/${id}${query}`, admin, 'application/vnd.apache.arrow.stream');
  return tableFromIPC(res.rawPayload)
    .toArray()
    .map((r) => ({ ...(r.toJSON() as unknown as Row) }));
}
async function csv(id: string, query: string) {
  return fromSheet(parseCsv((await get(`/api/export/indicator.csv${query}&indicator=${id}`, admin)).body));
}
async function xlsx(id: string, query: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await get(`/api/export/indicator.xlsx${query}&indicator=${id}`, admin)).rawPayload as never);
  const ws = wb.getWorksheet('Số liệu')!;
  const header = Array.from(ws.getRow(1).values as unknown[], (v) => String(v ?? ''));
  const rows: Record<string, unknown>[] = [];
  ws.eachRow((row, i) => {
    if (i > 1) rows.push(Object.fromEntries(header.map((h, j) => [h, (row.values as unknown[])[j] ?? null])));
  });
  return fromSheet(rows);
}

const close = (a: number | null, b: number | null) =>
  a === null || b === null ? a === b : Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
const sameCell = (a: Row, b: Row) =>
  a.suppressed === b.suppressed &&
  close(a.value, b.value) &&
  close(a.numerator, b.numerator) &&
  close(a.denominator, b.denominator);
const show = (r: Row | undefined) =>
  r ? `${r.suppressed ? 'withheld' : ''}${r.value}=${r.numerator}/${r.denominator}` : 'no row';
/** The value a row's numerator and denominator give (the service's rule, shares clamped by the method). */
const valueOf = (def: IndicatorDef, n: number | null, d: number | null) =>
  n === null ? null : d === null ? n : d === 0 ? null : (n / d) * def.meta.scale;

beforeAll(async () => {
  const { db } = await buildDemoStore(join('tests', '.tmp', 'api-disclosure-cellkey'));
  ctx = await openContext(
    loadConfig({ IOC_DB: db, IOC_DEMO: 'false', LOG_LEVEL: 'silent', IOC_MAX_LAG_MS: '60000', IOC_POOL: '4' }),
  );
  app = await buildApp(ctx, { logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  leader = await signIn(app, ctx, { role: 'leader', unit: DISTRICT });
  admin = await signIn(app, ctx, { role: 'admin', unit: DISTRICT });
  defs = ctx.registry.list().filter((d) => d.meta.disclosure !== 'none');
  communes = (await json('births', q(DISTRICT, 'unit'))).map((r) => r.unit);
}, 180_000);

afterAll(async () => {
  await app?.close();
  await ctx?.close();
});

describe('cell-key method: the default', () => {
  it('is the method answers are published with', async () => {
    expect(ctx.config.disclosure).toBe('cellkey');
    const res = await get(`/api/indicators/deaths${q(DISTRICT, 'unit')}`, leader);
    expect(res.json().meta.disclosure).toBe('cellkey');
    expect(communes).toHaveLength(19);
    expect(defs.length).toBeGreaterThan(30);
  });
});

describe('(a) protection against differencing', () => {
  // A bounded attack (the bench runs every indicator and month): the indicators with the most small cells on the
  // demo store, every commune, every other month, the age groups of deaths in two months.
  const IDS = [
    'births',
    'deaths',
    'moves_in',
    'moves_out',
    'count_vneid_accounts',
    'bundles_started',
    'dossiers_overdue',
    'pct_resolved_on_time',
    'pct_bundles_completed',
    'pct_deaths_linked_flow',
    'pct_dossiers_returned_for_supplement',
  ];
  let cells: AttackCell[] = [];

  it('the attacker recovers at most a quarter of the true counts 1–4, by any of its estimators', async () => {
    const t = Date.now();
    const r = await runAttack({
      app,
      ctx,
      headers: leader.headers,
      district: DISTRICT,
      indicators: IDS,
      months: MONTHS.filter((_, i) => i % 2 === 1),
      timeFroms: 3,
      ageTargets: ['deaths'],
      ageMonths: ['2022-06', '2022-12'],
    });
    cells = r.cells;
    const s = protectionSummary(cells);
    console.log(
      `attack: ${r.requests} requests, ${((Date.now() - t) / 1000).toFixed(1)} s, ${cells.length} cells, ` +
        `${s.small} true 1–4; exact: published ${s.exactDirect}, mean ${s.exactMean}, mode ${s.exactMode}`,
    );
    if (process.env.IOC_ATTACK_REPORT) console.log(attackReport(r));
    expect(s.small).toBeGreaterThan(300); // there were small counts to protect
    expect(s.exactDirect).toBeLessThanOrEqual(0.25 * s.small);
    expect(s.exactMean).toBeLessThanOrEqual(0.25 * s.small);
    expect(s.exactMode).toBeLessThanOrEqual(0.25 * s.small);
    // the attacker found something: its estimates of large counts are mostly within 2
    const large = cells.filter((c) => c.truth >= 50 && c.mean !== null);
    expect(large.filter((c) => Math.abs(c.mean! - c.truth) <= 2).length).toBeGreaterThan(0.9 * large.length);
  }, 120_000);

  it('true 1s and 2s are never published as themselves, no cell shows a 1 or a 2, and true 1s show as 0', () => {
    const s = protectionSummary(cells);
    expect(s.oneOrTwoAsItself).toBe(0);
    expect(s.publishedOneOrTwo).toBe(0);
    expect(s.ones).toBeGreaterThan(50);
    // the p-table publishes a true 1 as 0 two times in three
    expect(s.onesAsZero).toBeGreaterThan(0.4 * s.ones);
  });

  it('the attacker cannot tell which: an estimate of 1 to 4 is the truth in at most half of its cells', () => {
    const failures: string[] = [];
    for (const e of ['direct', 'mean', 'mode'] as const)
      for (const v of [1, 2, 3, 4]) {
        const xs = cells.filter((c) => c[e] === v);
        const right = xs.filter((c) => c.truth === v).length;
        if (xs.length >= 20 && right > 0.5 * xs.length) failures.push(`${e} = ${v}: ${right} of ${xs.length} right`);
      }
    expect(failures).toEqual([]);
  });

  it('0 and 1 look alike: a published 0 is a true 1 or more in some cells, a true 0 in most', () => {
    const zeros = cells.filter((c) => c.direct === 0);
    const ones = zeros.filter((c) => c.truth === 1).length;
    expect(ones).toBeGreaterThan(0.05 * zeros.length);
    expect(zeros.filter((c) => c.truth === 0).length).toBeGreaterThan(0.5 * zeros.length);
  });
});

describe('(b) the same cell gives the same value everywhere', () => {
  /** The district and two communes an indicator (every commune is asked by some indicator). */
  const unitsOf = (i: number) => [DISTRICT, communes[i % communes.length], communes[(i * 7 + 3) % communes.length]];

  it('JSON, repeated requests (cache cleared), Arrow, CSV and XLSX hold the same cells', async () => {
    const failures: string[] = [];
    let cellsChecked = 0;
    for (const [i, def] of defs.entries()) {
      await Promise.all(
        unitsOf(i).map(async (unit, j) => {
          const query = q(unit, 'month');
          const rows = await json(def.id, query);
          cellsChecked += rows.length;
          if (rows.length === 0) failures.push(`${def.id} ${unit}: no rows`);
          // each encoding computed afresh (the answer cache cleared), not the JSON answer re-encoded
          const fresh = <T>(read: () => Promise<T>) => (ctx.indicators.invalidate(), read());
          const encodings: [string, Pick<Row, 'unit' | 'suppressed' | 'value' | 'numerator' | 'denominator'>[]][] = [
            ['Arrow', await fresh(() => arrow(def.id, query))],
            ['CSV', await fresh(() => csv(def.id, query))],
          ];
          if (j === 0) encodings.push(['XLSX', await fresh(() => xlsx(def.id, query))]);
          for (const [name, xs] of encodings)
            if (JSON.stringify(xs.map(cellText)) !== JSON.stringify(rows.map(cellText)))
              failures.push(`${def.id} ${unit}: ${name} differs from JSON`);
          // asked again, computed again: the same cells (a sum of days, not a count, is summed by DuckDB in no fixed
          // order, so the average resolution time may differ in its last bits: values within 1e-9)
          ctx.indicators.invalidate();
          const again = await json(def.id, query);
          if (
            again.length !== rows.length ||
            again.some((r, k) => r.period !== rows[k].period || !sameCell(r, rows[k]))
          )
            failures.push(`${def.id} ${unit}: a repeat differs`);
        }),
      );
    }
    expect(failures).toEqual([]);
    expect(cellsChecked).toBeGreaterThan(1000);
  }, 180_000);

  // flows: a quarter or a year is the sum of its months; stocks: its last month
  it('a month by=total, a quarter, a year and a commune in the ranking hold the months by=month', async () => {
    const failures: string[] = [];
    let checked = 0;
    for (const [i, def] of defs.entries()) {
      const flow = def.meta.time === 'sum';
      await Promise.all(
        unitsOf(i).map(async (unit) => {
          const months = new Map((await json(def.id, q(unit, 'month'))).map((r) => [r.period, r]));
          for (const m of [MONTHS[i % 12], MONTHS[(i + 5) % 12]]) {
            const [total] = await json(def.id, q(unit, 'total', m, m));
            const month = months.get(m);
            checked++;
            if (!month || !total ? month !== total : !sameCell(total, month))
              failures.push(`${def.id} ${unit} ${m}: by=total ${show(total)}, by=month ${show(month)}`);
            if (unit === DISTRICT) continue;
            const ranked = (await json(def.id, q(DISTRICT, 'unit', m, m))).find((r) => r.unit === unit);
            if (!month || !ranked ? month !== ranked : !sameCell(ranked, month))
              failures.push(`${def.id} ${unit} ${m}: in the ranking ${show(ranked)}, by=month ${show(month)}`);
          }
          for (const by of unit === DISTRICT ? ['quarter', 'year'] : ['quarter']) {
            for (const period of await json(def.id, q(unit, by))) {
              const inside = MONTHS.filter((m) =>
                by === 'year' ? m.startsWith(period.period) : period.period === quarterOf(m),
              )
                .map((m) => months.get(m))
                .filter((r): r is Row => r !== undefined);
              checked++;
              if (flow) {
                if (inside.some((r) => r.suppressed)) continue; // the months' numbers are not all shown
                const n = inside.reduce<number | null>((s, r) => add(s, r.numerator), null);
                const d = inside.reduce<number | null>((s, r) => add(s, r.denominator), null);
                const expected = valueOf(def, n, d);
                if (!period.suppressed && (!close(period.numerator, n) || !close(period.denominator, d)))
                  failures.push(`${def.id} ${unit} ${period.period}: ${show(period)}, months add up to ${n}/${d}`);
                else if (!period.suppressed && !close(period.value, expected))
                  failures.push(`${def.id} ${unit} ${period.period}: value ${period.value}, months give ${expected}`);
              } else {
                const last = months.get(period.last_month!);
                if (!last || !sameCell(period, last))
                  failures.push(`${def.id} ${unit} ${period.period}: ${show(period)}, its last month ${show(last)}`);
              }
            }
          }
        }),
      );
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(500);
  }, 180_000);

  it('an age range is the sum of its 5-year groups; every age is the cell without an age filter', async () => {
    const failures: string[] = [];
    let checked = 0;
    for (const [i, def] of defs.filter((d) => d.meta.filters.includes('age_min')).entries()) {
      const unit = unitsOf(i)[i % 3];
      const whole = await json(def.id, q(unit, 'month'));
      const all = await json(def.id, q(unit, 'month', FROM, TO, '&age_min=0&age_max=85'));
      if (JSON.stringify(all) !== JSON.stringify(whole)) failures.push(`${def.id} ${unit}: ages 0..85 ≠ no filter`);
      const range = await json(def.id, q(unit, 'month', FROM, TO, '&age_min=60&age_max=70'));
      const groups = await Promise.all(
        [60, 65, 70].map(async (g) => json(def.id, q(unit, 'month', FROM, TO, `&age_min=${g}&age_max=${g}`))),
      );
      for (const r of range) {
        const parts = groups.map((rows) => rows.find((x) => x.period === r.period));
        if (parts.some((p) => p?.suppressed)) continue;
        const n = parts.reduce<number | null>((s, p) => add(s, p?.numerator ?? 0), null);
        const d = parts.reduce<number | null>((s, p) => add(s, p ? p.denominator : null), null);
        checked++;
        if (!r.suppressed && (!close(r.numerator, n) || !close(r.denominator, d)))
          failures.push(`${def.id} ${unit} ${r.period}: ages 60..70 ${show(r)}, groups add up to ${n}/${d}`);
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(100);
  }, 120_000);

  it('indicators that count the same records show the same number', async () => {
    // [indicator, part, filter] pairs whose documented numerator or denominator is the same set of records
    const SAME: [string, 'numerator' | 'denominator', string][][] = [
      [
        ['dossiers_resolved', 'numerator', ''],
        ['pct_resolved_on_time', 'denominator', ''],
        ['avg_resolution_days', 'denominator', ''],
        ['pct_results_digitized_with_pid', 'denominator', ''],
      ],
      [
        ['dossiers_received', 'numerator', ''],
        ['pct_online_dossiers', 'denominator', ''],
        ['pct_paid_online', 'denominator', ''],
        ['pct_dossiers_returned_for_supplement', 'denominator', ''],
        ['pct_dossiers_no_proof_documents', 'denominator', ''],
      ],
      [
        ['population', 'numerator', ''],
        ['pct_citizens_with_personal_id', 'denominator', ''],
        ['pct_records_complete', 'denominator', ''],
        ['population_density', 'numerator', ''],
      ],
      [
        ['population', 'numerator', '&sex=M'],
        ['sex_ratio', 'numerator', ''],
      ],
      [
        ['population', 'numerator', '&sex=F'],
        ['sex_ratio', 'denominator', ''],
      ],
      [
        ['count_vneid_accounts', 'numerator', ''],
        ['pct_vneid_level1', 'numerator', ''],
      ],
      [
        ['pct_vneid_level1', 'denominator', ''],
        ['pct_vneid_level2', 'denominator', ''],
        ['pct_eligible_with_chip_id_card', 'denominator', ''],
      ],
      [
        ['bundles_started', 'numerator', ''],
        ['pct_bundles_completed', 'denominator', ''],
      ],
    ];
    const failures: string[] = [];
    let checked = 0;
    for (const group of SAME.filter((g) => g.every(([id]) => ctx.registry.indicators.has(id))))
      for (const unit of [DISTRICT, ...communes.slice(0, 6)]) {
        const series = await Promise.all(
          group.map(async ([id, part, f]) => {
            const rows = await json(id, q(unit, 'month', FROM, TO, f));
            return new Map(rows.filter((r) => !r.suppressed).map((r) => [r.period, r[part]]));
          }),
        );
        for (const m of MONTHS) {
          const values = series.map((s) => s.get(m)).filter((v) => v !== undefined);
          checked++;
          if (new Set(values).size > 1)
            failures.push(`${unit} ${m}: ${group.map(([id, p, f], k) => `${id}.${p}${f}=${series[k].get(m)}`)}`);
        }
      }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(400);
    // net migration is moves in minus moves out, each as published
    for (const unit of [DISTRICT, communes[0]]) {
      const [inn, out, net] = await Promise.all(
        ['moves_in', 'moves_out', 'net_migration'].map(async (id) => json(id, q(unit, 'month'))),
      );
      expect(net.map((r) => r.numerator)).toEqual(inn.map((r, k) => r.numerator! - out[k].numerator!));
    }
  }, 120_000);

  it('a snapshot holds the same cells as the API', async () => {
    type Panel = { id: string; title: string; kind: 'indicator' | 'targets'; request: Record<string, string> };
    const panels: Panel[] = defs.slice(0, 39).map((def, i) => ({
      id: `p${i}`,
      title: def.id,
      kind: 'indicator',
      request: { indicator: def.id, unit: i % 2 ? DISTRICT : communes[i % communes.length], by: 'month' },
    }));
    panels.push({ id: 'targets', title: 'targets', kind: 'targets', request: { unit: DISTRICT } });
    const res = await app.inject({
      method: 'POST',
      url: '/api/snapshots',
      payload: { title: 'cell-key consistency', view: '/targets?unit=291', panels },
      headers: admin.headers,
    });
    expect(res.statusCode).toBe(201);
    const snap = (await get(`/api/snapshots/${res.json().id}`, admin)).json();
    ctx.indicators.invalidate(); // the API's answers computed again, not the ones the capture cached
    ctx.targets.invalidate();
    expect(snap.spec.disclosure).toBe('cellkey');
    const failures: string[] = [];
    for (const p of panels) {
      const frozen = snap.panels.find((x: { id: string }) => x.id === p.id);
      if (p.kind === 'targets') {
        const api = (await get(`/api/targets?unit=${DISTRICT}`, admin)).json().targets;
        if (JSON.stringify(frozen.targets) !== JSON.stringify(api)) failures.push('targets differ');
        continue;
      }
      const r = p.request;
      const rows = await json(r.indicator, `?unit=${r.unit}&by=month`);
      if (JSON.stringify(frozen.rows.map(cellText)) !== JSON.stringify(rows.map(cellText)))
        failures.push(`${r.indicator} ${r.unit}: the snapshot differs`);
    }
    expect(failures).toEqual([]);
  }, 60_000);
});

describe('(c) an independent recomputation from the cubes', () => {
  // The p-table as the method defines it: for each true count, the published values and their probabilities in
  // sixtieths, taken in this order; the cell key's sixtieth (key mod 2^24, scaled to 0..59) picks the value.
  const P: Record<number, [number, number][]> = {
    1: [
      [0, 40],
      [3, 20],
    ],
    2: [
      [0, 20],
      [3, 40],
    ],
    3: [
      [0, 15],
      [3, 12],
      [4, 21],
      [5, 12],
    ],
    4: [
      [0, 9],
      [3, 9],
      [4, 12],
      [5, 15],
      [6, 15],
    ],
  };
  const BIG: [number, number][] = [
    [-2, 9],
    [-1, 12],
    [0, 18],
    [1, 12],
    [2, 9],
  ];
  const M = 2n ** 24n;
  function expected(count: number, keySum: bigint): number {
    if (count === 0) return 0;
    const sixtieth = Number(((((keySum % M) + M) % M) * 60n) / M);
    const row = count >= 5 ? BIG.map(([o, p]): [number, number] => [count + o, p]) : P[count];
    let upTo = 0;
    for (const [value, p] of row) if (sixtieth < (upTo += p)) return value;
    throw new Error('a p-table row short of 60 sixtieths');
  }
  /** count and key sums of a cube column, by unit (a commune, or the district from its members) and month */
  async function cube(table: string, column: string, where = 'true') {
    const rows = await sql(`
      SELECT unit, strftime(month, '%Y-%m') AS m, sum(n)::BIGINT AS n, sum(k)::VARCHAR AS k FROM (
        SELECT unit_id AS unit, month, ${column} AS n, ${column}_key AS k FROM ${table}
        WHERE ${where} AND unit_id <> '${DISTRICT}' -- the district's own cell is in its total below
        UNION ALL
        SELECT '${DISTRICT}', c.month, c.${column}, c.${column}_key FROM ${table} c
        JOIN unit_members um ON um.member_id = c.unit_id AND um.group_id = '${DISTRICT}' WHERE ${where}
      ) GROUP BY ALL`);
    return new Map(rows.map((r) => [`${r.unit}|${r.m}`, { n: Number(r.n), k: BigInt(String(r.k)) }]));
  }
  const published = (c: { n: number; k: bigint } | undefined) => (c ? expected(c.n, c.k) : 0);

  it('the p-table written out here is the method: rows of 60 sixtieths, unbiased, never a 1 or a 2', () => {
    for (const n of [1, 2, 3, 4, 5, 9, 120]) {
      const row = n >= 5 ? BIG.map(([o, p]): [number, number] => [n + o, p]) : P[n];
      expect(row.reduce((s, [, p]) => s + p, 0)).toBe(60);
      expect(row.reduce((s, [v, p]) => s + v * p, 0) / 60).toBe(n);
      expect(row.some(([v]) => v === 1 || v === 2)).toBe(false);
    }
  });

  it('every commune and the district, every month: served counts equal the p-table on the cube sums', async () => {
    const cases: [string, 'numerator' | 'denominator', string, string, string][] = [
      ['deaths', 'numerator', 'pop_month', 'deaths', 'true'],
      ['births', 'numerator', 'pop_month', 'births', 'true'],
      ['population', 'numerator', 'pop_month', 'population', 'true'],
      ['moves_out', 'numerator', 'pop_month', 'moves_out', 'true'],
      ['deaths&age_min=60&age_max=60', 'numerator', 'pop_month', 'deaths', 'age_group = 60'],
      ['dossiers_resolved', 'numerator', 'dossier_month', 'resolved', 'true'],
      ['dossiers_overdue', 'numerator', 'dossier_month', 'resolved_late', 'true'],
      ['bundles_started', 'numerator', 'bundle_month', 'bundles_started', 'true'],
    ];
    const failures: string[] = [];
    const sizes = { small: 0, large: 0 };
    for (const [ask, part, table, column, where] of cases) {
      const [id, filters] = ask.includes('&')
        ? [ask.slice(0, ask.indexOf('&')), ask.slice(ask.indexOf('&'))]
        : [ask, ''];
      const truth = await cube(table, column, where);
      for (const unit of [DISTRICT, ...communes]) {
        const rows = new Map((await json(id, q(unit, 'month', FROM, TO, filters))).map((r) => [r.period, r]));
        for (const m of MONTHS) {
          const c = truth.get(`${unit}|${m}`);
          const want = published(c);
          const got = rows.get(m)?.[part] ?? 0;
          if (c && c.n >= 1 && c.n <= 4) sizes.small++;
          else if (c && c.n >= 5) sizes.large++;
          if (got !== want) failures.push(`${ask} ${unit} ${m}: served ${got}, true ${c?.n}, p-table gives ${want}`);
        }
      }
    }
    expect(failures.slice(0, 20)).toEqual([]);
    expect(sizes.small).toBeGreaterThan(100);
    expect(sizes.large).toBeGreaterThan(1000);
  }, 120_000);

  it('a rate is its published numerator over its published denominator; sums of months and of age groups', async () => {
    const failures: string[] = [];
    const resolved = await cube('dossier_month', 'resolved');
    const onTime = await cube('dossier_month', 'resolved_on_time');
    const def = ctx.indicators.indicator('pct_resolved_on_time');
    for (const unit of [DISTRICT, ...communes.slice(0, 8)]) {
      for (const r of await json('pct_resolved_on_time', q(unit, 'month'))) {
        const d = published(resolved.get(`${unit}|${r.period}`));
        const n = Math.min(published(onTime.get(`${unit}|${r.period}`)), d);
        if (d < ctx.config.minCell) {
          if (!r.suppressed) failures.push(`${unit} ${r.period}: a base of ${d} shown`);
        } else if (r.numerator !== n || r.denominator !== d || !close(r.value, valueOf(def, n, d)))
          failures.push(`${unit} ${r.period}: served ${show(r)}, expected ${n}/${d}`);
      }
    }
    // a quarter of deaths is the sum of its published months; ages 60..70 the sum of their published groups
    const deaths = await cube('pop_month', 'deaths');
    const byGroup = await Promise.all([60, 65, 70].map((g) => cube('pop_month', 'deaths', `age_group = ${g}`)));
    for (const unit of [DISTRICT, ...communes]) {
      const quarters = await json('deaths', q(unit, 'quarter'));
      for (const [i, row] of quarters.entries()) {
        const want = MONTHS.slice(3 * i, 3 * i + 3).reduce((s, m) => s + published(deaths.get(`${unit}|${m}`)), 0);
        if (row.numerator !== want)
          failures.push(`deaths ${unit} ${row.period}: served ${row.numerator}, expected ${want}`);
      }
      const range = await json('deaths', q(unit, 'month', FROM, TO, '&age_min=60&age_max=70'));
      for (const row of range) {
        const want = byGroup.reduce((s, g) => s + published(g.get(`${unit}|${row.period}`)), 0);
        if (row.numerator !== want) failures.push(`deaths 60..70 ${unit} ${row.period}: ${row.numerator} ≠ ${want}`);
      }
    }
    expect(failures.slice(0, 20)).toEqual([]);
  }, 120_000);
});

describe('(b) the live stream', () => {
  it('pushes the same values the API answers after a batch of events', async () => {
    await app.live.hub.idle();
    let batch = -1;
    let opened!: () => void;
    const open = new Promise<void>((resolve) => (opened = resolve));
    const has = (data: string) => (JSON.parse(data).batches as number[] | undefined)?.includes(batch) ?? false;
    const stream = readLive(
      base,
      admin.headers,
      (ev) => ev.some((e) => e.event === 'changes' && has(e.data)),
      20_000,
      opened,
    );
    await Promise.race([open, stream]);
    const events = Array.from({ length: 3 }, (_, i) => ({
      event_id: `ck-live-${process.pid}-${i}`,
      type: 'vneid_activated',
      occurred_at: `2022-12-1${i}T09:30:00+07:00`,
      unit: NAM_TRUNG,
      sex: 'F',
      birth_date: '1985-03-15',
      residence: 'permanent',
      level: 1,
    }));
    const posted = await app.inject({ method: 'POST', url: '/api/events', payload: events, headers: admin.headers });
    expect(posted.statusCode).toBe(200);
    batch = posted.json().batch_id;
    const message = JSON.parse((await stream).find((e) => e.event === 'changes' && has(e.data))!.data);
    const changes = message.changes as { unit: string; indicator: string; period: string; value: number | null }[];
    expect(changes.some((c) => c.unit === NAM_TRUNG && c.indicator === 'count_vneid_accounts')).toBe(true);
    const failures: string[] = [];
    ctx.indicators.invalidate(); // computed again, not the answers the live hub cached
    for (const c of changes) {
      const rows =
        c.unit === DISTRICT
          ? await json(c.indicator, q(DISTRICT, 'month', c.period, c.period), admin)
          : await json(c.indicator, q(DISTRICT, 'unit', c.period, c.period), admin);
      const row = rows.find((r) => r.unit === c.unit);
      if (!close(row?.value ?? null, c.value))
        failures.push(`${c.indicator} ${c.unit} ${c.period}: live ${c.value}, API ${row?.value}`);
    }
    expect(failures).toEqual([]);
  }, 60_000);
});

const add = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : a + b);
const quarterOf = (m: string) => `${m.slice(0, 4)}-Q${Math.floor((Number(m.slice(5, 7)) - 1) / 3) + 1}`;
