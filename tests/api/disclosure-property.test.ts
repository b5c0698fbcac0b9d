// Disclosure control as a property over every indicator of the registry, the district and each of its
// communes, every grain, and every format (JSON, Arrow, CSV, XLSX): no count from 1 to k−1 leaves the
// server (a rate's denominator for rates), the cells shown are the true values computed here from the
// indicator's SQL file on the store's cubes (not through the server's roll-up), and no hidden cell comes
// back from a total that can be asked for: the district's total of the same period minus the communes
// shown, or a series' total minus the months shown.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import ExcelJS from 'exceljs';
import { tableFromIPC } from 'apache-arrow';
import {
  DATE,
  INTEGER,
  LIST,
  VARCHAR,
  dateValue,
  listValue,
  type DuckDBType,
  type DuckDBValue,
} from '@duckdb/node-api';
import { buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { openContext, type Context } from '../../server/context.ts';
import type { IndicatorDef } from '../../server/registry/index.ts';
import { parseCsv } from '../../data/pipeline/generate/csv-read.ts';
import { buildDemoStore } from '../helpers/demo-store.ts';
import { signIn, type Signed } from '../helpers/auth.ts';

const DISTRICT = '291';
const MONTHS = Array.from({ length: 12 }, (_, i) => `2022-${String(i + 1).padStart(2, '0')}`);
/** The periods of the rankings checked against the district's total: each month, and the year. */
const RANGES = [...MONTHS.map((m) => [m, m] as const), [MONTHS[0], MONTHS[11]] as const];
/** A balance of two flows (in − out) can be negative: the sum of its hidden cells is not a count. */
const SIGNED = new Set(['net_migration']);

interface Row {
  unit: string;
  period: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  suppressed: boolean;
}
interface Cell {
  num: number | null;
  den: number | null;
}

let app: FastifyInstance;
let ctx: Context;
let admin: Signed;
let k = 5;
let defs: IndicatorDef[] = [];
let units: string[] = [];
/** the base units each unit is made of, from the store's unit_members (the district: its communes and itself) */
const members = new Map<string, string[]>();
/** indicator (and filter) → base unit → month (YYYY-MM) → the indicator's own SQL row */
const base = new Map<string, Map<string, Map<string, Cell>>>();

const get = (url: string, accept?: string) =>
  app.inject({ method: 'GET', url, headers: { ...admin.headers, ...(accept ? { accept } : {}) } });
const query = (def: IndicatorDef, unit: string, by: string, from = MONTHS[0], to = MONTHS[11]) =>
  `?indicator=${def.id}&unit=${unit}&by=${by}&from=${from}&to=${to}`;

async function json(def: IndicatorDef, q: string): Promise<Row[]> {
  const res = await get(`/api/indicators/${def.id}${q}`);
  if (res.statusCode !== 200) throw new Error(`${def.id}${q}: ${res.statusCode} ${res.body}`);
  return res.json().rows;
}
async function arrow(def: IndicatorDef, q: string): Promise<Row[]> {
  const res = await get(`/api/indicators/${def.id}${q}`, 'application/vnd.apache.arrow.stream');
  return tableFromIPC(res.rawPayload)
    .toArray()
    .map((r) => ({ ...(r.toJSON() as unknown as Row) }));
}
/** Export rows as the JSON rows' cells (value, numerator, denominator, hidden mark), by unit and period. */
const fromSheet = (cells: Record<string, unknown>[]) =>
  cells.map((r) => ({
    unit: String(r['Mã đơn vị']),
    value: num(r['Giá trị']),
    numerator: num(r['Tử số']),
    denominator: num(r['Mẫu số']),
    suppressed: String(r['Bị ẩn'] ?? '') !== '',
  }));
const num = (v: unknown): number | null => (v === '' || v === null || v === undefined ? null : Number(v));
async function csv(q: string) {
  const res = await get(`/api/export/indicator.csv${q}`);
  return fromSheet(parseCsv(res.body));
}
async function xlsx(q: string) {
  const res = await get(`/api/export/indicator.xlsx${q}`);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('Số liệu')!;
  const header = Array.from(ws.getRow(1).values as unknown[], (v) => String(v ?? ''));
  const rows: Record<string, unknown>[] = [];
  ws.eachRow(
    (row, i) =>
      void (i > 1 && rows.push(Object.fromEntries(header.map((h, j) => [h, (row.values as unknown[])[j] ?? null])))),
  );
  return fromSheet(rows);
}

/** The cell size disclosure judges: a count itself, a rate's denominator. */
const size = (def: IndicatorDef, c: { numerator: number | null; denominator: number | null }) =>
  Math.abs((def.meta.disclosure === 'rate' ? c.denominator : c.numerator) ?? 0);
const small = (x: number) => x >= 1 && x < k;

/** The indicator's SQL file run on every base unit and month, with no filter or the one given. */
async function loadBase(def: IndicatorDef, filter: Record<string, string> = {}): Promise<void> {
  const sql = readFileSync(join('queries', def.domain, `${def.id}.sql`), 'utf8')
    .trim()
    .replace(/;\s*$/, '');
  const values: Record<string, DuckDBValue> = {
    units: listValue(members.get(DISTRICT)!),
    from: dateValue({ year: 2022, month: 1, day: 1 }),
    to: dateValue({ year: 2022, month: 12, day: 1 }),
  };
  const types: Record<string, DuckDBType> = { units: LIST(VARCHAR), from: DATE, to: DATE };
  for (const f of def.meta.filters) {
    values[f] = filter[f] ?? null;
    types[f] = f === 'age_min' || f === 'age_max' ? INTEGER : VARCHAR;
  }
  const rows = (
    await ctx.pool.use((c) =>
      c.runAndReadAll(
        `SELECT unit_id, strftime(month, '%Y-%m') AS m, numerator::DOUBLE AS n, denominator::DOUBLE AS d FROM (${sql})`,
        values,
        types,
      ),
    )
  ).getRowObjectsJson();
  const byUnit = new Map<string, Map<string, Cell>>();
  for (const r of rows) {
    const m = byUnit.get(String(r.unit_id)) ?? new Map<string, Cell>();
    const cell = { num: r.n === null ? null : Number(r.n), den: r.d === null ? null : Number(r.d) };
    // rows by procedure (queries/index766): a unit-month is the sum of its procedures' rows
    const other = m.get(String(r.m));
    m.set(String(r.m), other ? { num: add(other.num, cell.num), den: add(other.den, cell.den) } : cell);
    byUnit.set(String(r.unit_id), m);
  }
  base.set(def.id + filterKey(filter), byUnit);
}

const filterKey = (f: Record<string, string>) =>
  Object.entries(f)
    .map(([k, v]) => `&${k}=${v}`)
    .join('');
const add = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : a + b);

/** The true cell of a unit (the district: its communes summed) over months: flows summed, stocks at the last month with data. */
function truth(
  def: IndicatorDef,
  unit: string,
  months: string[],
  of = members.get(unit)!,
  filter: Record<string, string> = {},
): Cell | null {
  const perMonth = months
    .map((m) => {
      const cells = of
        .map((u) =>
          base
            .get(def.id + filterKey(filter))!
            .get(u)
            ?.get(m),
        )
        .filter((c): c is Cell => c !== undefined);
      return cells.length
        ? {
            m,
            num: cells.reduce<number | null>((s, c) => add(s, c.num), null),
            den: cells.reduce<number | null>((s, c) => add(s, c.den), null),
          }
        : null;
    })
    .filter((c) => c !== null);
  if (perMonth.length === 0) return null;
  if (def.meta.time === 'sum')
    return {
      num: perMonth.reduce<number | null>((s, c) => add(s, c.num), null),
      den: perMonth.reduce<number | null>((s, c) => add(s, c.den), null),
    };
  const last = perMonth[perMonth.length - 1];
  return { num: last.num, den: last.den };
}

/** The months of an answer row's period label (2022-03, 2022-Q1, 2022, 2022-01..2022-12). */
function monthsOf(period: string): string[] {
  if (/^\d{4}-\d{2}$/.test(period)) return [period];
  const q = /^(\d{4})-Q(\d)$/.exec(period);
  if (q) return MONTHS.slice((Number(q[2]) - 1) * 3, Number(q[2]) * 3);
  if (/^\d{4}$/.test(period)) return MONTHS.filter((m) => m.startsWith(period));
  const [from, to] = period.split('..');
  return MONTHS.filter((m) => m >= from && m <= to);
}

/** What a person reads of a row, the same in every format. */
const cellKey = (r: {
  unit: string;
  suppressed: boolean;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
}) =>
  [r.unit, r.suppressed, r.value, r.numerator, r.denominator]
    .map((v) => (typeof v === 'number' ? v.toPrecision(9) : String(v)))
    .join('|');
const close = (a: number | null, b: number | null) =>
  a === null || b === null ? a === b : Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(b));

beforeAll(async () => {
  const { db } = await buildDemoStore(join('tests', '.tmp', 'api-disclosure'));
  ctx = await openContext(
    loadConfig({
      IOC_DB: db,
      IOC_DISCLOSURE: 'suppress',
      IOC_DEMO: 'false',
      LOG_LEVEL: 'silent',
      IOC_MAX_LAG_MS: '60000',
      IOC_CACHE: '5000',
      IOC_POOL: '2',
    }),
  );
  app = await buildApp(ctx, { logger: false });
  admin = await signIn(app, ctx, { role: 'admin', unit: DISTRICT });
  k = ctx.config.minCell;
  units = (
    await ctx.pool.use((c) =>
      c.runAndReadAll(`SELECT unit_id FROM units WHERE parent_id = '${DISTRICT}' AND is_base ORDER BY unit_id`),
    )
  )
    .getRows()
    .map((r) => String(r[0]));
  for (const r of (
    await ctx.pool.use((c) =>
      c.runAndReadAll(
        `SELECT m.group_id, m.member_id FROM unit_members m JOIN units u ON u.unit_id = m.member_id AND u.is_base WHERE m.group_id = '${DISTRICT}' OR m.group_id IN (SELECT unit_id FROM units WHERE parent_id = '${DISTRICT}' AND is_base) ORDER BY ALL`,
      ),
    )
  ).getRows()) {
    members.set(String(r[0]), [...(members.get(String(r[0])) ?? []), String(r[1])]);
  }
  defs = ctx.registry.list().filter((d) => d.meta.disclosure !== 'none');
  for (const def of defs) await loadBase(def);
}, 180_000);

afterAll(async () => {
  await app?.close();
  await ctx?.close();
});

describe('disclosure control over every indicator, unit, grain and format', () => {
  it('the registry has indicators of both kinds and the store has small cells to hide', () => {
    expect(defs.filter((d) => d.meta.disclosure === 'count').length).toBeGreaterThan(5);
    expect(defs.filter((d) => d.meta.disclosure === 'rate').length).toBeGreaterThan(5);
    const deaths = defs.find((d) => d.id === 'deaths')!;
    expect(
      units.some((u) =>
        MONTHS.some((m) => small(size(deaths, { numerator: truth(deaths, u, [m])?.num ?? 0, denominator: null }))),
      ),
    ).toBe(true);
  });

  /** One answer against the truth, and its Arrow and CSV encodings against it when `encoded`. */
  async function checkAnswer(
    def: IndicatorDef,
    unit: string,
    by: string,
    encoded: boolean,
    failures: string[],
  ): Promise<void> {
    const q = query(def, unit, by);
    const rows = await json(def, q);
    const where = `${def.id} unit=${unit} by=${by}`;
    for (const r of rows) {
      const t = truth(def, r.unit, monthsOf(r.period));
      const trueSize = t && size(def, { numerator: t.num, denominator: t.den });
      if (!t) failures.push(`${where} ${r.unit} ${r.period}: a row where the store has none`);
      else if (!r.suppressed && (!close(r.numerator, t.num) || !close(r.denominator, t.den)))
        failures.push(`${where} ${r.unit} ${r.period}: shows ${r.numerator}/${r.denominator}, true ${t.num}/${t.den}`);
      else if (!r.suppressed && small(size(def, r)))
        failures.push(`${where} ${r.unit} ${r.period}: shows ${size(def, r)}`);
      else if (!r.suppressed && small(trueSize!))
        failures.push(`${where} ${r.unit} ${r.period}: true ${trueSize} not hidden`);
      if (r.suppressed && (r.value !== null || r.numerator !== null || r.denominator !== null))
        failures.push(`${where} ${r.unit} ${r.period}: hidden but carries numbers`);
    }
    if (!encoded) return;
    for (const [name, x] of [
      ['Arrow', await arrow(def, q)],
      ['CSV', await csv(q)],
    ] as const) {
      if (JSON.stringify(x.map(cellKey)) !== JSON.stringify(rows.map(cellKey)))
        failures.push(`${where}: ${name} differs from JSON`);
      for (const r of x)
        if (!r.suppressed && small(size(def, r))) failures.push(`${where} ${name} ${r.unit}: shows ${size(def, r)}`);
    }
  }

  it('no answer (JSON, Arrow, CSV) shows a count from 1 to k−1; the cells shown are the true ones; every small cell is hidden', async () => {
    const failures: string[] = [];
    let answers = 0;
    for (const [i, def] of defs.entries()) {
      // the communes side by side (the server answers concurrent requests); Arrow and CSV are the same
      // answer encoded: checked for the district and, in turn, one commune an indicator
      await Promise.all(
        [DISTRICT, ...units].map(async (unit) => {
          const encoded = unit === DISTRICT || unit === units[i % units.length];
          // a commune's year is its total (the store holds one year): by=year is asked of the district
          for (const by of unit === DISTRICT ? ['month', 'quarter', 'year', 'total', 'unit'] : ['month', 'total']) {
            await checkAnswer(def, unit, by, encoded, failures);
            answers++;
          }
        }),
      );
    }
    expect(failures).toEqual([]);
    expect(answers).toBeGreaterThan(1500);
  }, 240_000);

  it('XLSX exports of the district ranking and of a commune series hold the same cells', async () => {
    const failures: string[] = [];
    for (const def of defs) {
      for (const [unit, by] of [
        [DISTRICT, 'unit'],
        [units[defs.indexOf(def) % units.length], 'month'],
      ]) {
        const q = query(def, unit, by);
        const rows = await json(def, q);
        const sheet = await xlsx(q);
        if (sheet.length !== rows.length || rows.length === 0)
          failures.push(`${def.id} ${unit} by=${by}: ${sheet.length} XLSX rows, ${rows.length} JSON rows`);
        if (JSON.stringify(sheet.map(cellKey)) !== JSON.stringify(rows.map(cellKey)))
          failures.push(`${def.id} ${unit} by=${by}: XLSX differs from JSON`);
        for (const r of sheet)
          if (!r.suppressed && small(size(def, r)))
            failures.push(`${def.id} ${unit} by=${by} XLSX ${r.unit}: shows ${size(def, r)}`);
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);

  /**
   * A total the user can ask for, minus the cells shown, must not give back one hidden cell, nor a
   * small sum of hidden ones. `total` is the true cell: a one-cell answer (by=total) shows it unless it is small.
   */
  function recoverable(def: IndicatorDef, t: Cell | null, cells: Row[], where: string): string | null {
    const total = t && { numerator: t.num, denominator: t.den };
    if (!total || small(size(def, total))) return null;
    const hidden = cells.filter((r) => r.suppressed);
    if (hidden.length === 0) return null;
    const field = def.meta.disclosure === 'rate' ? 'denominator' : 'numerator';
    const rest = (total[field] ?? 0) - cells.filter((r) => !r.suppressed).reduce((s, r) => s + (r[field] ?? 0), 0);
    if (hidden.length === 1)
      return `${where}: the one hidden cell ${hidden[0].unit} ${hidden[0].period} = total − shown = ${rest}`;
    if (!SIGNED.has(def.id) && Math.abs(rest) > 1e-9 && Math.abs(rest) < k)
      return `${where}: the ${hidden.length} hidden cells add up to ${rest}`;
    return null;
  }

  it("a ranking of the communes does not give back a hidden commune through the district's total of the same period", async () => {
    const failures: string[] = [];
    let checked = 0;
    for (const def of defs.filter((d) => d.meta.units === 'sum')) {
      // District-level dossiers are recorded at the district itself: in its total, not among its communes.
      // Commune-level procedures only, where the indicator can say so, make the total the communes' sum.
      const filter: Record<string, string> = def.meta.filters.includes('procedure_level')
        ? { procedure_level: 'commune' }
        : {};
      if (!base.has(def.id + filterKey(filter))) await loadBase(def, filter);
      for (const [from, to] of RANGES) {
        const months = MONTHS.filter((m) => m >= from && m <= to);
        const ranking = await json(def, query(def, DISTRICT, 'unit', from, to) + filterKey(filter));
        // where the district has rows of its own, its total minus the communes is not theirs alone: not a difference to check
        const own = truth(def, DISTRICT, months, [DISTRICT], filter);
        const total =
          own && size(def, { numerator: own.num, denominator: own.den }) > 0
            ? null
            : truth(def, DISTRICT, months, undefined, filter);
        const hit = recoverable(def, total, ranking, `${def.id} ${from}..${to}`);
        if (hit) failures.push(hit);
        if (total) checked += ranking.filter((r) => r.suppressed).length;
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(50); // hidden communes were there to protect
  }, 120_000);

  it('a series of a flow does not give back a hidden month (or quarter, for the district) through the total of the series', async () => {
    const failures: string[] = [];
    let checked = 0;
    for (const def of defs.filter((d) => d.meta.time === 'sum')) {
      for (const unit of [DISTRICT, ...units]) {
        const total = truth(def, unit, MONTHS);
        for (const by of unit === DISTRICT ? ['month', 'quarter'] : ['month']) {
          const series = await json(def, query(def, unit, by));
          const hit = recoverable(def, total, series, `${def.id} unit=${unit} by=${by}`);
          if (hit) failures.push(hit);
          checked += series.filter((r) => r.suppressed).length;
        }
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(50);
  }, 120_000);
});
