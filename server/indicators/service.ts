// Runs named indicators for a unit and period range within the caller's scope, rolls them up,
// applies disclosure control and caches answers by data version. Used by routes and the targets service.
import {
  LIST,
  VARCHAR,
  listValue,
  type DuckDBDateValue,
  type DuckDBResultReader,
  type DuckDBValue,
} from '@duckdb/node-api';
import type { Pool } from '../db/pool.ts';
import { bindParams, type IndicatorDef, type Registry } from '../registry/index.ts';
import type { UnitDirectory } from '../units/directory.ts';
import {
  groupBy,
  isPrimarySuppressed,
  suppressCells,
  type Cell,
  type SuppressionReason,
} from '../disclosure/suppress.ts';
import { badRequest, forbidden, notFound } from '../errors.ts';
import { composeIndicatorSql, composeKeyedSql, hasMinusPair, periodLabel, type Grain } from './compose.ts';
import { publishCell, type KeyedCell, type PublishedCell } from '../disclosure/cellkey.ts';
import { AGE_GROUPS } from '../forecast/defaults.ts';
import { Lru } from './lru.ts';
import { canSee, membersInScope, type Scope } from '../auth/scope.ts';

export type Filters = Record<string, string | number | undefined>;

export interface IndicatorRequest {
  id: string;
  unit: string;
  from?: string; // YYYY-MM
  to?: string; // YYYY-MM
  by: Grain;
  filters: Filters;
  scope: Scope;
  /** with by=unit: compare the children valid on this day (YYYY-MM-DD) instead of the base units */
  at?: string;
}

/** One base-rolled row before disclosure control (never sent as is). */
export interface RawRow {
  unit: string;
  period: string; // first day of the period
  last_month: string;
  months: number;
  numerator: number | null;
  denominator: number | null;
}

export interface IndicatorRow {
  unit: string;
  unit_name: string;
  period: string;
  last_month: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  suppressed: boolean;
  suppression: SuppressionReason | 'small_base' | null;
}

export interface IndicatorAnswer {
  indicator: string;
  unit: string;
  by: Grain;
  from: string;
  to: string;
  rows: IndicatorRow[];
}

/** The indicator an age pyramid is made of, and its sexes in the order of the answer. */
export const PYRAMID_INDICATOR = 'population';
export const PYRAMID_SEXES = ['M', 'F'] as const;

/** One cell of an age pyramid: a sex and 5-year age group as /api/indicators/population publishes it. */
export interface PyramidCell {
  sex: 'M' | 'F';
  age_group: number;
  value: number | null;
  numerator: number | null;
  suppressed: boolean;
  suppression: IndicatorRow['suppression'];
}

export interface PyramidAnswer {
  indicator: string;
  unit: string;
  unit_name: string;
  /** YYYY-MM */
  month: string;
  residence: string | null;
  /** the groups' first ages, 0 … 85 (85: 85 and over) */
  age_groups: number[];
  /** male groups in order, then female */
  cells: PyramidCell[];
}

/** How counts about people leave the server (IOC_DISCLOSURE; docs/disclosure.md). */
export type DisclosureMethod = 'cellkey' | 'suppress';

export interface ServiceOptions {
  minCell: number;
  /** the most cells (units × months) one answer may read (default MAX_CELLS) */
  maxCells?: number;
  /** cellkey (default): perturbed counts; suppress: small counts withheld */
  method?: DisclosureMethod;
  cacheEntries: number;
  /** Last month (YYYY-MM) with data, per indicator domain. */
  dataMonth: (domain: string) => string;
  firstMonth: string;
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/**
 * The most cells one answer may read (units × months, × 5-year age groups when an age range is asked): the
 * country's ~10,600 communes over 94 months, a province's communes over centuries. Larger questions are refused
 * before any query (checkCells), so that one request cannot hold a connection and the event loop for seconds.
 */
export const MAX_CELLS = 1_000_000;

/** Months from..to (YYYY-MM), both included. */
export function monthCount(from: string, to: string): number {
  const index = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;
  return index(to) - index(from) + 1;
}

export class IndicatorService {
  private cache: Lru<IndicatorAnswer>;
  private pyramids: Lru<PyramidAnswer>;
  /** the most cells (units × months, × age groups) one answer may read; see checkCells */
  maxCells: number;
  constructor(
    private readonly pool: Pool,
    readonly registry: Registry,
    readonly units: UnitDirectory,
    private readonly opts: ServiceOptions,
  ) {
    this.cache = new Lru(opts.cacheEntries);
    this.pyramids = new Lru(opts.cacheEntries);
    this.maxCells = opts.maxCells ?? MAX_CELLS;
  }

  /**
   * The one size rule of every value path (answers, pyramids, targets, the Decision 766 index, exports): refuses with
   * a 400, before any query, a question that would read more than maxCells cells (units × months × age groups).
   */
  checkCells(units: number, from: string, to: string, ageGroups = 1): void {
    const months = monthCount(from.slice(0, 7), to.slice(0, 7));
    const cells = units * months * ageGroups;
    if (cells <= this.maxCells) return;
    const vi = (n: number) => n.toLocaleString('vi-VN');
    const en = (n: number) => n.toLocaleString('en-US');
    const agesVi = ageGroups > 1 ? ` × ${ageGroups} nhóm tuổi` : '';
    const agesEn = ageGroups > 1 ? ` × ${ageGroups} age groups` : '';
    throw badRequest(
      `Câu hỏi quá lớn: tối đa ${vi(this.maxCells)} ô (đơn vị × tháng) cho một câu trả lời; câu hỏi này cần ` +
        `${vi(cells)} ô (${vi(units)} đơn vị × ${vi(months)} tháng${agesVi}). Hãy chọn khoảng thời gian ngắn hơn ` +
        `hoặc ít đơn vị hơn.`,
      `Too large: at most ${en(this.maxCells)} cells (units × months) per answer; asked for ${en(cells)} ` +
        `(${en(units)} units × ${en(months)} months${agesEn}). Ask for a shorter period or fewer units.`,
    );
  }

  get minCell(): number {
    return this.opts.minCell;
  }

  get method(): DisclosureMethod {
    return this.opts.method ?? 'cellkey';
  }

  /** Whether an indicator's answers are perturbed (cell-key method, an indicator about people). */
  perturbs(def: IndicatorDef): boolean {
    return this.method === 'cellkey' && def.meta.disclosure !== 'none';
  }

  /** Forget cached answers (after new data was stored). */
  invalidate(): void {
    this.cache.clear();
    this.pyramids.clear();
  }

  indicator(id: string): IndicatorDef {
    const def = this.registry.indicators.get(id);
    if (!def) throw notFound(`Không có chỉ tiêu "${id}".`, `No indicator "${id}".`);
    return def;
  }

  /** Resolves the unit and the units to report, and checks they lie in the caller's scope. */
  resolveGroups(unitId: string, by: Grain, scope: Scope, at?: string): string[] {
    const unit = this.units.get(unitId);
    if (!unit) throw notFound(`Không có đơn vị hành chính mã "${unitId}".`, `No administrative unit "${unitId}".`);
    const kids = by === 'unit' ? this.units.reportChildren(unitId, at).map((u) => u.unit_id) : [];
    const groups = kids.length > 0 ? kids : [unitId];
    // A ranking of a unit's parts shows the parts the caller may see; a unit seen only as a total
    // (the level above the account's unit) is not broken down into parts outside the scope.
    const visible = groups.filter((g) => canSee(this.units, scope, g));
    if (!canSee(this.units, scope, unitId)) {
      throw forbidden(`Đơn vị "${unit.name}" nằm ngoài phạm vi của bạn.`, `Unit "${unit.name}" is outside your scope.`);
    }
    return visible;
  }

  range(def: IndicatorDef, from?: string, to?: string): { from: string; to: string } {
    const f = from ?? this.opts.firstMonth;
    const t = to ?? this.opts.dataMonth(def.domain);
    for (const [name, v] of [
      ['from', f],
      ['to', t],
    ] as const) {
      if (!MONTH.test(v))
        throw badRequest(
          `Tham số ${name} phải có dạng YYYY-MM (nhận "${v}").`,
          `Parameter ${name} must be YYYY-MM (got "${v}").`,
        );
    }
    if (f > t) throw badRequest(`Khoảng thời gian sai: từ ${f} đến ${t}.`, `Empty period: from ${f} to ${t}.`);
    return { from: f, to: t };
  }

  checkFilters(def: IndicatorDef, filters: Filters): void {
    for (const [name, v] of Object.entries(filters)) {
      if (v === undefined) continue;
      if (!(def.meta.filters as string[]).includes(name)) {
        throw badRequest(
          `Chỉ tiêu "${def.id}" không lọc được theo "${name}" (lọc được: ${def.meta.filters.join(', ') || 'không'}).`,
          `Indicator "${def.id}" cannot be filtered by "${name}" (allowed: ${def.meta.filters.join(', ') || 'none'}).`,
        );
      }
    }
  }

  /**
   * The monthly rows targets are judged and forecast on: the published months when the indicator is perturbed
   * (a status agrees with the values on screen, and asking again gives the same answer), else the exact months
   * (suppression: a target whose judged cell would be suppressed is answered without numbers).
   */
  judgedMonths(def: IndicatorDef, groups: string[], from: string, to: string, filters: Filters, scope: Scope) {
    return this.perturbs(def)
      ? this.publishedMonths(def, groups, from, to, filters, scope)
      : this.raw(def, groups, from, to, 'month', filters, scope);
  }

  /** Rolled-up rows without disclosure control: for server-side computations only. */
  async raw(
    def: IndicatorDef,
    groups: string[],
    from: string,
    to: string,
    by: Grain,
    filters: Filters,
    scope: Scope,
  ): Promise<RawRow[]> {
    if (groups.length === 0) return [];
    this.checkCells(groups.length, from, to);
    const members = membersInScope(this.units, scope, groups);
    const { values, types } = bindParams(def, { units: members, from: `${from}-01`, to: `${to}-01`, filters });
    const sql = composeIndicatorSql(def, by);
    const reader = await this.pool.query(
      sql,
      { ...values, groups: listValue(groups) },
      { ...types, groups: LIST(VARCHAR) },
    );
    return reader.getRowObjectsJson() as unknown as RawRow[];
  }

  async run(req: IndicatorRequest): Promise<IndicatorAnswer> {
    const def = this.indicator(req.id);
    this.checkFilters(def, req.filters);
    const { from, to } = this.range(def, req.from, req.to);
    const groups = this.resolveGroups(req.unit, req.by, req.scope, req.at);
    const key = JSON.stringify([def.id, req.unit, groups, from, to, req.by, req.filters]);
    const hit = this.cache.get(key);
    if (hit) return hit;
    let rows: IndicatorRow[];
    if (this.perturbs(def)) {
      const monthly = await this.publishedMonths(def, groups, from, to, req.filters, req.scope);
      rows = this.label(def, periodRows(def, monthly, req.by, from), req.by, from, to);
    } else {
      const raw = await this.raw(def, groups, from, to, req.by, req.filters, req.scope);
      rows = this.disclose(def, raw, req.by, from, to);
    }
    const answer: IndicatorAnswer = { indicator: def.id, unit: req.unit, by: req.by, from, to, rows };
    this.cache.set(key, answer);
    return answer;
  }

  /**
   * The published monthly rows of each unit (cell-key method): every base cell (unit × month, and × age group
   * when an age range is asked) perturbed by its cell key, then the age groups summed. What every answer, target
   * and forecast of a perturbed indicator is made of. Rows as raw() gives them with by=month.
   */
  async publishedMonths(
    def: IndicatorDef,
    groups: string[],
    from: string,
    to: string,
    filters: Filters,
    scope: Scope,
  ): Promise<RawRow[]> {
    if (groups.length === 0) return [];
    const ages = ageGroupsOf(filters);
    this.checkCells(groups.length, from, to, ages?.length ?? 1);
    const members = membersInScope(this.units, scope, groups);
    const asked = ages === undefined ? filters : { ...filters, age_min: undefined, age_max: undefined };
    const { values, types } = bindParams(def, { units: members, from: `${from}-01`, to: `${to}-01`, filters: asked });
    if (ages !== undefined) {
      // the statement is read once per age group, with the group written in (compose.ts)
      for (const name of ['age_min', 'age_max']) {
        delete values[name];
        delete types[name];
      }
    }
    const reader = await this.pool.query(
      composeKeyedSql(def, ages),
      { ...values, groups: listValue(groups) },
      { ...types, groups: LIST(VARCHAR) },
    );
    const read = keyedColumns(def, reader);
    const out: RawRow[] = [];
    let last: RawRow | undefined;
    for (let k = 0; k < read.rows; k++) {
      const p = read.publish(k);
      const unit = read.unit(k);
      const month = read.month(k);
      if (last && last.unit === unit && last.period === month) {
        // another age group of the same month: published groups add up
        last.numerator = addNullable(last.numerator, p.numerator);
        last.denominator = addNullable(last.denominator, p.denominator);
      } else {
        last = { unit, period: month, last_month: month, months: 1, ...p };
        out.push(last);
      }
    }
    // A rate has a row only where its true base is 1 or more (HAVING … > 0): a row whose published base is 0 is
    // dropped too, so that "no row" cannot tell a true 0 from a true 1 or 2.
    return def.meta.disclosure === 'rate' ? out.filter((r) => r.denominator !== 0) : out;
  }

  /**
   * The age pyramid of a unit at one month: the population by sex and 5-year age group (and residence when asked)
   * in one answer. Each cell is exactly the row /api/indicators/population publishes for that month with
   * sex, age_min = age_max = the group (and residence): with the cell-key method all 36 cells are read by one
   * statement and each is published by its own keys as that request does; with suppression, each is that request.
   */
  async pyramid(req: { unit: string; month?: string; residence?: string; scope: Scope }): Promise<PyramidAnswer> {
    const def = this.indicator(PYRAMID_INDICATOR);
    const filters: Filters = { sex: 'M', age_min: 0, age_max: 0, residence: req.residence };
    this.checkFilters(def, filters);
    const month = req.month ?? this.opts.dataMonth(def.domain);
    const { from } = this.range(def, month, month);
    const groups = this.resolveGroups(req.unit, 'month', req.scope);
    const key = JSON.stringify(['pyramid', req.unit, groups, from, req.residence ?? null]);
    const hit = this.pyramids.get(key);
    if (hit) return hit;
    this.checkCells(groups.length, from, from, AGE_GROUPS.length * PYRAMID_SEXES.length);
    const cells: PyramidCell[] = [];
    const cellOf = (sex: 'M' | 'F', g: number, row: IndicatorRow | undefined): PyramidCell => ({
      sex,
      age_group: g,
      value: row?.value ?? null,
      numerator: row?.numerator ?? null,
      suppressed: row?.suppressed ?? false,
      suppression: row?.suppression ?? null,
    });
    if (this.perturbs(def) && groups.length > 0) {
      const members = membersInScope(this.units, req.scope, groups);
      const { values, types } = bindParams(def, {
        units: members,
        from: `${from}-01`,
        to: `${from}-01`,
        filters: { residence: req.residence },
      });
      // sex and the age group are written into the statement (compose.ts), not bound
      for (const name of ['sex', 'age_min', 'age_max']) {
        delete values[name];
        delete types[name];
      }
      const reader = await this.pool.query(
        composeKeyedSql(def, AGE_GROUPS, PYRAMID_SEXES),
        { ...values, groups: listValue(groups) },
        { ...types, groups: LIST(VARCHAR) },
      );
      const read = keyedColumns(def, reader);
      const [sexCol, ageCol] = [read.column('sex'), read.column('age_group')];
      const published = new Map<string, IndicatorRow>();
      for (let k = 0; k < read.rows; k++) {
        const month = read.month(k);
        const raw: RawRow = { unit: read.unit(k), period: month, last_month: month, months: 1, ...read.publish(k) };
        // as publishedMonths: a rate's row whose published base is 0 is no row
        if (def.meta.disclosure === 'rate' && raw.denominator === 0) continue;
        const [row] = this.label(def, [raw], 'month', from, from);
        published.set(`${String(sexCol[k])}|${Number(ageCol[k])}`, row);
      }
      for (const sex of PYRAMID_SEXES)
        for (const g of AGE_GROUPS) cells.push(cellOf(sex, g, published.get(`${sex}|${g}`)));
    } else {
      // suppression: each cell is its own request, suppressed on its own (no roll-up to keep consistent)
      for (const sex of PYRAMID_SEXES)
        for (const g of AGE_GROUPS) {
          const filters = { sex, age_min: g, age_max: g, residence: req.residence };
          const answer = await this.run({
            id: def.id,
            unit: req.unit,
            from,
            to: from,
            by: 'month',
            filters,
            scope: req.scope,
          });
          cells.push(cellOf(sex, g, answer.rows[0]));
        }
    }
    const answer: PyramidAnswer = {
      indicator: def.id,
      unit: req.unit,
      unit_name: this.units.get(req.unit)?.name ?? req.unit,
      month: from,
      residence: req.residence ?? null,
      age_groups: [...AGE_GROUPS],
      cells,
    };
    this.pyramids.set(key, answer);
    return answer;
  }

  /**
   * Whether a published cell leaves the server without its value: with the cell-key method, a rate whose published
   * denominator is below k (a share of three dossiers is no statistic; its perturbed parts are still given); with
   * suppression, the primary rule (no number at all).
   */
  withheld(def: IndicatorDef, cell: Cell): boolean {
    if (this.perturbs(def)) {
      // a denominator that is not known (a count missing from an aggregate table) gives no value, not a withheld one
      return def.meta.disclosure === 'rate' && cell.denominator !== null && Math.abs(cell.denominator) < this.minCell;
    }
    return def.meta.units !== 'max' && isPrimarySuppressed(cell, def.meta.disclosure, this.minCell);
  }

  /** Labels published period rows, withholding what withheld() says. */
  private label(def: IndicatorDef, rows: RawRow[], by: Grain, from: string, to: string): IndicatorRow[] {
    return rows.map((r) => {
      const value = indicatorValue(r.numerator, r.denominator, def.meta.scale);
      const hidden = this.withheld(def, r);
      return {
        unit: r.unit,
        unit_name: this.units.get(r.unit)?.name ?? r.unit,
        period: periodLabel(by, r.period, from, to),
        last_month: r.last_month.slice(0, 7),
        // a rate on a small base is not computed; its parts are published counts like any other
        value: hidden ? null : value,
        numerator: r.numerator,
        denominator: r.denominator,
        suppressed: hidden,
        suppression: hidden ? 'small_base' : null,
      };
    });
  }

  /** Values, labels and disclosure control for rolled-up rows. */
  disclose(def: IndicatorDef, raw: RawRow[], by: Grain, from: string, to: string): IndicatorRow[] {
    const groups =
      by === 'unit' ? groupBy(raw, (r) => r.period) : def.meta.time === 'sum' ? groupBy(raw, (r) => r.unit) : [];
    const marks =
      def.meta.units === 'max'
        ? raw.map(() => null)
        : suppressCells(raw, def.meta.disclosure, this.opts.minCell, groups);
    return raw.map((r, i) => {
      const hidden = marks[i] !== null;
      return {
        unit: r.unit,
        unit_name: this.units.get(r.unit)?.name ?? r.unit,
        period: periodLabel(by, r.period, from, to),
        last_month: r.last_month.slice(0, 7),
        value: hidden ? null : indicatorValue(r.numerator, r.denominator, def.meta.scale),
        numerator: hidden ? null : r.numerator,
        denominator: hidden ? null : r.denominator,
        suppressed: hidden,
        suppression: marks[i],
      };
    });
  }
}

/** The age groups an age range asks for (pop_month's 5-year groups); undefined when it asks for every age. */
export function ageGroupsOf(filters: Filters): number[] | undefined {
  const lo = filters.age_min === undefined ? undefined : Number(filters.age_min);
  const hi = filters.age_max === undefined ? undefined : Number(filters.age_max);
  if (lo === undefined && hi === undefined) return undefined;
  const groups = AGE_GROUPS.filter((g) => (lo === undefined || g >= lo) && (hi === undefined || g <= hi));
  return groups.length === AGE_GROUPS.length ? undefined : groups;
}

/**
 * The rows of a keyed statement (composeKeyedSql) read as columns, each published by its cell keys (publishCell):
 * no row objects, no JSON text for dates and keys. Reading and publishing are most of the server's own time.
 */
function keyedColumns(def: IndicatorDef, reader: DuckDBResultReader) {
  const names = reader.columnNames();
  const columns = reader.getColumns();
  const col = (name: string): DuckDBValue[] => columns[names.indexOf(name)] ?? [];
  const [unit, month, numerator, denominator, numeratorKey, denominatorKey, minus, minusKey] = [
    'unit',
    'month',
    'numerator',
    'denominator',
    'numerator_key',
    'denominator_key',
    'numerator_minus',
    'numerator_minus_key',
  ].map(col);
  const num = (v: DuckDBValue | undefined) => (v === null || v === undefined ? null : Number(v));
  const share = def.meta.unit === 'percent';
  const hasMinus = hasMinusPair(def);
  return {
    rows: reader.currentRowCount,
    column: col,
    unit: (k: number) => unit[k] as string,
    month: (k: number) => dateText(month[k] as DuckDBDateValue),
    publish(k: number): PublishedCell {
      const cell: KeyedCell = {
        numerator: num(numerator[k]),
        denominator: num(denominator[k]),
        numerator_key: num(numeratorKey[k]),
        denominator_key: num(denominatorKey[k]),
        ...(hasMinus ? { numerator_minus: num(minus[k]), numerator_minus_key: num(minusKey[k]) } : {}),
      };
      return publishCell(cell, share);
    },
  };
}

/** A DATE as YYYY-MM-DD (as DuckDB writes it), remembered: an answer has few distinct months and many rows. */
const DATE_TEXT = new Map<number, string>();
function dateText(d: DuckDBDateValue): string {
  let t = DATE_TEXT.get(d.days);
  if (t === undefined) {
    t = d.toString();
    if (DATE_TEXT.size < 100_000) DATE_TEXT.set(d.days, t);
  }
  return t;
}

/** a + b, null when either is not known (a count missing from an aggregate table): never a partial sum. */
const addNullable = (a: number | null, b: number | null): number | null => (a === null || b === null ? null : a + b);

/** The first month of the period a month falls in. */
function periodStart(by: Grain, month: string, from: string): string {
  switch (by) {
    case 'month':
      return month;
    case 'quarter': {
      const first = Math.floor((Number(month.slice(5, 7)) - 1) / 3) * 3 + 1;
      return `${month.slice(0, 5)}${String(first).padStart(2, '0')}-01`;
    }
    case 'year':
      return `${month.slice(0, 4)}-01-01`;
    case 'unit':
    case 'total':
      return `${from}-01`;
  }
}

/**
 * Published monthly rows to periods: a flow (time: sum) is the sum of its published months, so a period's total
 * is exactly the sum of what its months show and differencing two periods gives back only published months;
 * a stock is its period's last published month.
 */
export function periodRows(def: IndicatorDef, monthly: readonly RawRow[], by: Grain, from?: string): RawRow[] {
  const first = from ?? monthly[0]?.period.slice(0, 7) ?? '';
  const out = new Map<string, RawRow>();
  const rows: RawRow[] = [];
  // rows come by unit and month (publishedMonths): the period of the row before is most often this row's
  let prev: RawRow | undefined;
  let sorted = true;
  for (const m of monthly) {
    const period = periodStart(by, m.period, first);
    let acc = prev && prev.unit === m.unit && prev.period === period ? prev : undefined;
    if (!acc) {
      const key = `${m.unit}|${period}`;
      acc = out.get(key);
      if (!acc) {
        acc = { ...m, period, months: 1 };
        out.set(key, acc);
        const end = rows.at(-1);
        if (end && (end.unit > m.unit || (end.unit === m.unit && end.period > period))) sorted = false;
        rows.push(acc);
        prev = acc;
        continue;
      }
    }
    prev = acc;
    if (def.meta.time === 'sum') {
      acc.numerator = addNullable(acc.numerator, m.numerator);
      acc.denominator = addNullable(acc.denominator, m.denominator);
      acc.last_month = m.last_month > acc.last_month ? m.last_month : acc.last_month;
      acc.months += 1;
    } else if (m.period >= acc.last_month) {
      acc.numerator = m.numerator;
      acc.denominator = m.denominator;
      acc.last_month = m.last_month;
      acc.months += 1;
    }
  }
  return sorted
    ? rows
    : rows.sort((a, b) => (a.unit < b.unit ? -1 : a.unit > b.unit ? 1 : a.period < b.period ? -1 : 1));
}

/** numerator ÷ denominator × scale; a count when there is no denominator; null when it is 0. */
export function indicatorValue(numerator: number | null, denominator: number | null, scale: number): number | null {
  if (numerator === null) return null;
  if (denominator === null) return numerator;
  if (denominator === 0) return null;
  return (numerator / denominator) * scale;
}
