// The Decision 766 service index of a unit for a month, quarter or year: each indicator's published numerator and
// denominator (the very cells /api/indicators gives for its query ids), points, groups, score, grade and rank among
// sibling units; which procedures cost the points; the portal's own scores beside them; and a year-end forecast of
// the monthly score. The rules are in rules.ts; answers are cached per data version, unit, period, grain and scope.
import { LIST, VARCHAR, listValue } from '@duckdb/node-api';
import { canSee, membersInScope, type Scope } from '../auth/scope.ts';
import type { Context } from '../context.ts';
import { domainDataDate } from '../context.ts';
import type { Index766Answer, Index766Loss, Index766Portal, Index766Row } from '../contracts/index766.ts';
import { addMonths, monthIndex } from '../contracts/months.ts';
import { publishCell, type KeyedCell } from '../disclosure/cellkey.ts';
import { suppressCells } from '../disclosure/suppress.ts';
import { badRequest } from '../errors.ts';
import { predict } from '../forecast/damped.ts';
import { composeProcedureSql, hasMinusPair, type Grain } from '../indicators/compose.ts';
import { Lru } from '../indicators/lru.ts';
import { periodRows, type RawRow } from '../indicators/service.ts';
import { bindParams, type IndicatorDef } from '../registry/index.ts';
import { MIN_MONTHS } from '../targets/outlook.ts';
import {
  GROUPS,
  INDICATORS,
  PORTAL_FLAG_POINTS,
  QUERY_IDS,
  fullAt,
  indicatorPoints,
  pointsAt,
  round2,
  ruleText,
  unitScore,
  type IndicatorRule,
} from './rules.ts';

export type Lang = 'vi' | 'en';

export interface Index766Request {
  unit: string;
  period: string;
  by: 'unit' | 'month';
  scope: Scope;
  lang: Lang;
}

/** The answer without the route's metadata (data version, k, disclosure method: added per request). */
export type Index766Result = Omit<Index766Answer, 'meta'>;

/** A published cell of one query for one unit and period. */
interface Cell {
  numerator: number | null;
  denominator: number | null;
  /** suppressed (IOC_DISCLOSURE=suppress): no numbers leave the server */
  hidden: boolean;
  /** a perturbed rate on a published base below k: numbers given, no value (as /api/indicators) */
  smallBase: boolean;
  perturbed: boolean;
}

const EMPTY: Cell = { numerator: null, denominator: null, hidden: false, smallBase: false, perturbed: false };
const DOMAIN = 'index766';
/** Months of monthly scores the year-end forecast is fitted on (at most). */
const HISTORY_MONTHS = 36;
const TOP_CAUSES = 10;
/** No forecast further than this many months past the last monthly score. */
const MAX_HORIZON = 24;

/** The months of a period: YYYY-MM, YYYY-Qn or YYYY. */
export function parsePeriod(period: string): { from: string; to: string; year: string } {
  const m = /^(\d{4})(?:-(0[1-9]|1[0-2])|-Q([1-4]))?$/.exec(period);
  if (!m)
    throw badRequest(
      `Kỳ phải có dạng YYYY-MM, YYYY-Qn hoặc YYYY (nhận "${period}").`,
      `The period must be YYYY-MM, YYYY-Qn or YYYY (got "${period}").`,
    );
  const [, year, month, quarter] = m;
  if (month) return { from: `${year}-${month}`, to: `${year}-${month}`, year };
  if (quarter) {
    const first = (Number(quarter) - 1) * 3 + 1;
    const pad = (n: number) => String(n).padStart(2, '0');
    return { from: `${year}-${pad(first)}`, to: `${year}-${pad(first + 2)}`, year };
  }
  return { from: `${year}-01`, to: `${year}-12`, year };
}

/** The months from..to (YYYY-MM), inclusive. */
export function monthsOf(from: string, to: string): string[] {
  const out: string[] = [];
  for (let i = monthIndex(from); i <= monthIndex(to); i++) out.push(addMonths(from, i - monthIndex(from)));
  return out;
}

/** Runs tasks at most `n` at a time (a request never fills the pool's wait queue alone). */
export async function limited<T>(tasks: readonly (() => Promise<T>)[], n: number): Promise<T[]> {
  const out = new Array<T>(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      out[i] = await tasks[i]();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(n, tasks.length)) }, worker));
  return out;
}

/** Ranks of each score among the others (1 + how many are strictly higher); null for null. */
export function rankScores(scores: readonly (number | null)[]): (number | null)[] {
  const known = scores.filter((s): s is number => s !== null);
  return scores.map((s) => (s === null ? null : 1 + known.filter((x) => x > s).length));
}

const fmtVi = (x: number, digits = 2) => new Intl.NumberFormat('vi-VN', { maximumFractionDigits: digits }).format(x);
const fmtEn = (x: number, digits = 2) => new Intl.NumberFormat('en-GB', { maximumFractionDigits: digits }).format(x);

/** The two sentences of a loss (Vietnamese number formats in Vietnamese). */
export function lossText(
  rule: IndicatorRule,
  loss: Pick<Index766Loss, 'lost' | 'ratio' | 'needed' | 'causes'>,
): { vi: string; en: string } {
  const item = {
    dossier: ['hồ sơ', 'dossiers'],
    procedure: ['thủ tục', 'procedures'],
    petition: ['phản ánh', 'petitions'],
  };
  const [itemVi, itemEn] = item[rule.item];
  if (loss.ratio === null)
    return {
      vi: `${rule.id}: không có ${itemVi} trong kỳ, mất ${fmtVi(loss.lost)} điểm`,
      en: `${rule.id}: no ${itemEn} in the period, ${fmtEn(loss.lost)} points lost`,
    };
  const vi = [`${rule.id}: ${fmtVi(loss.ratio * 100, 1)} % ${rule.noun_vi}, mất ${fmtVi(loss.lost)} điểm`];
  const en = [`${rule.id}: ${fmtEn(loss.ratio * 100, 1)} % ${rule.noun_en}, ${fmtEn(loss.lost)} points lost`];
  if (loss.causes.length > 0) {
    const k = loss.causes.length;
    // published procedure cells need not add up to the unit's published cell: never more than the points lost
    const sum = Math.min(loss.lost, round2(loss.causes.reduce((s, c) => s + c.lost, 0)));
    vi.push(`${fmtVi(k, 0)} thủ tục chưa đạt làm mất ${fmtVi(sum)} điểm`);
    en.push(`${fmtEn(k, 0)} procedure${k === 1 ? '' : 's'} below the mark cost ${fmtEn(sum)} points`);
  }
  if (loss.needed !== null && loss.needed > 0) {
    vi.push(`thêm ${fmtVi(loss.needed, 0)} ${rule.noun_vi} trong kỳ sẽ đạt đủ điểm`);
    en.push(`${fmtEn(loss.needed, 0)} more ${rule.noun_en} in the period would give full points`);
  }
  return { vi: vi.join('; '), en: en.join('; ') };
}

interface Plan {
  unit: string;
  /** the children shown (by=unit), in the directory's order */
  kids: string[];
  /** whether the children can be ranked (all of them are seen) */
  kidsRanked: boolean;
  /** the unit's siblings (itself included) when all are seen, else [] */
  siblings: string[];
}

type Counts = { numerator: number; denominator: number };

interface ProcedureName {
  procedure_code: string;
  name: string;
  name_en: string | null;
}

export class Index766Service {
  private cache: Lru<Promise<Index766Result>>;
  constructor(
    private readonly ctx: Pick<Context, 'pool' | 'indicators' | 'units' | 'info'>,
    cacheEntries: number,
  ) {
    this.cache = new Lru(cacheEntries);
  }

  /**
   * The unit's monthly scores of the data's year and the year before (what a target on the score is judged on), as
   * the screen's months show them.
   */
  async monthlyScores(unit: string, scope: Scope): Promise<{ month: string; score: number | null }[]> {
    const dataMonth = this.ctx.indicators.range(this.def(QUERY_IDS[0])).to;
    const year = Number(dataMonth.slice(0, 4));
    const answers = await Promise.all(
      [year - 1, year].map((y) => this.answer({ unit, period: String(y), by: 'month', scope, lang: 'vi' })),
    );
    return answers.flatMap((a) => a.rows.map((r) => ({ month: r.period, score: r.score })));
  }

  /** The answer for a unit and period, in the caller's scope (404 for an unknown unit, 403 outside the scope). */
  answer(req: Index766Request): Promise<Index766Result> {
    const period = parsePeriod(req.period);
    const plan = this.plan(req);
    const key = JSON.stringify([
      this.ctx.info.dataVersion,
      req.unit,
      req.period,
      req.by,
      req.lang,
      [...req.scope].sort(),
      [...req.scope.aggregates].sort(),
    ]);
    const hit = this.cache.get(key);
    if (hit) return hit;
    const answer = this.compute(req, period, plan);
    this.cache.set(key, answer);
    answer.catch(() => this.cache.clear());
    return answer;
  }

  private plan(req: Index766Request): Plan {
    const { units, indicators } = this.ctx;
    // 404 for an unknown unit, 403 for one the caller may not see
    indicators.resolveGroups(req.unit, 'month', req.scope);
    const seen = (id: string) => canSee(units, req.scope, id);
    const children = req.by === 'unit' ? units.reportChildren(req.unit).map((u) => u.unit_id) : [];
    const kids = children.filter(seen);
    const parent = units.get(req.unit)?.parent_id;
    const sibs = parent && req.by === 'unit' ? units.reportChildren(parent).map((u) => u.unit_id) : [];
    // a rank says how the others did: given only when every sibling is seen
    const siblings = sibs.includes(req.unit) && sibs.every(seen) ? sibs : [];
    return { unit: req.unit, kids, kidsRanked: kids.length > 0 && kids.length === children.length, siblings };
  }

  private def(id: string): IndicatorDef {
    const def = this.ctx.indicators.registry.indicators.get(id);
    if (!def) throw new Error(`The Decision 766 index needs the indicator ${id} (queries/index766).`);
    return def;
  }

  private async compute(
    req: Index766Request,
    period: ReturnType<typeof parsePeriod>,
    plan: Plan,
  ): Promise<Index766Result> {
    const svc = this.ctx.indicators;
    const first = svc.range(this.def(QUERY_IDS[0])).from;
    const dataMonth = svc.range(this.def(QUERY_IDS[0])).to;
    // months after the data date have no score (the catalogue and the no-petition rules would score them alone); a
    // period wholly after it has no score, only the forecast of its December
    const from = period.from;
    const to = [period.to, dataMonth].sort()[0];
    const histFrom = [addMonths(dataMonth, 1 - HISTORY_MONTHS), first].sort().at(-1)!;
    // the forecast's history is read with the period when December is still ahead of the data
    const ahead = `${period.year}-12` > dataMonth;
    const fetchFrom = ahead ? [from, histFrom].sort()[0] : from;
    const fetchTo = ahead ? [to, dataMonth].sort().at(-1)! : to;
    const groups = [...new Set([plan.unit, ...plan.kids, ...plan.siblings])];
    const monthly = new Map<string, RawRow[]>();
    const tasks = QUERY_IDS.map((id) => async () => {
      const def = this.def(id);
      const rows = svc.perturbs(def)
        ? await svc.publishedMonths(def, groups, fetchFrom, fetchTo, {}, req.scope)
        : await svc.raw(def, groups, fetchFrom, fetchTo, 'month', {}, req.scope);
      monthly.set(id, rows);
    });
    await limited(tasks, this.ctx.pool.size);

    const name = (id: string) => {
      const u = this.ctx.units.get(id);
      return (req.lang === 'en' && u?.name_en) || u?.name || id;
    };
    /** Published cells of every query for some units over from..to at a grain, as /api/indicators gives them. */
    const cells = (unitIds: string[], grain: Grain, f: string, t: string) => {
      const out = new Map<string, Map<string, Cell>>(); // query id → `${unit}|${YYYY-MM of the period}` → cell
      for (const id of QUERY_IDS) out.set(id, this.publish(this.def(id), monthly.get(id)!, unitIds, grain, f, t));
      return out;
    };
    const rowOf = (unitId: string, label: string, c: Map<string, Map<string, Cell>>, at: string): Index766Row => {
      const inds = INDICATORS.map((rule) => {
        const parts = rule.query.map((id) => c.get(id)!.get(`${unitId}|${at}`) ?? EMPTY);
        return this.indicatorCell(rule, parts);
      });
      const s = unitScore(inds);
      return {
        unit: unitId,
        unit_name: name(unitId),
        period: label,
        score: s.score,
        points: s.points,
        max: s.max,
        grade: s.grade,
        rank: null,
        of: null,
        groups: s.groups,
        indicators: inds,
      };
    };

    let rows: Index766Row[];
    const total = cells([plan.unit], 'total', from, to);
    const unitRow = rowOf(plan.unit, req.period, total, from);
    if (req.by === 'unit') {
      const kidCells = cells(plan.kids, 'unit', from, to);
      const kidRows = plan.kids.map((k) => rowOf(k, req.period, kidCells, from));
      if (plan.kidsRanked) rank(kidRows);
      if (plan.siblings.length > 0) {
        // the siblings' cells as /api/indicators by=unit on the parent gives them; the unit's score as shown
        const sibCells = cells(plan.siblings, 'unit', from, to);
        rank(plan.siblings.map((s) => (s === plan.unit ? unitRow : rowOf(s, req.period, sibCells, from))));
      }
      rows = [unitRow, ...kidRows];
    } else {
      const monthCells = cells([plan.unit], 'month', from, to);
      rows = monthsOf(from, to).map((m) => rowOf(plan.unit, m, monthCells, m));
    }

    const [losses, portal] = await Promise.all([this.losses(req, plan.unit, unitRow, from, to), this.portal(rows)]);
    const forecast = this.forecast(period.year, plan.unit, monthly, histFrom, dataMonth);
    return {
      unit: plan.unit,
      unit_name: name(plan.unit),
      period: req.period,
      by: req.by,
      from,
      to,
      data_date: domainDataDate(this.ctx.info, DOMAIN),
      generated: this.ctx.info.generated,
      groups: GROUPS.map((g) => ({ ...g })),
      indicators: INDICATORS.map((r) => {
        const text = ruleText(r);
        return {
          id: r.id,
          group: r.group,
          name_vi: r.name_vi,
          name_en: r.name_en,
          max: r.max,
          rule_vi: text.vi,
          rule_en: text.en,
          scored: r.scored,
          observed: r.observed,
          query: [...r.query],
        };
      }),
      rows,
      losses,
      portal,
      forecast,
    };
  }

  /**
   * The cells /api/indicators publishes for these units over from..to at a grain, from the monthly rows: a perturbed
   * indicator's published months summed to periods (a rate on a published base below k: withheld); any other, its
   * exact months to periods, then disclosure control as the indicator service applies it to that answer.
   */
  private publish(
    def: IndicatorDef,
    monthly: readonly RawRow[],
    unitIds: string[],
    grain: Grain,
    from: string,
    to: string,
  ): Map<string, Cell> {
    const svc = this.ctx.indicators;
    const wanted = new Set(unitIds);
    const inRange = monthly.filter((r) => {
      const m = r.period.slice(0, 7);
      return wanted.has(r.unit) && m >= from && m <= to;
    });
    const periods = periodRows(def, inRange, grain, from);
    const out = new Map<string, Cell>();
    const perturbed = svc.perturbs(def);
    if (perturbed) {
      for (const r of periods) {
        const smallBase = svc.withheld(def, r);
        out.set(`${r.unit}|${r.period.slice(0, 7)}`, { ...pick(r), hidden: false, smallBase, perturbed });
      }
      return out;
    }
    const shown = svc.disclose(def, periods, grain, from, to);
    periods.forEach((r, i) => {
      const hidden = shown[i].suppressed;
      const numbers = hidden ? { numerator: null, denominator: null } : pick(r);
      out.set(`${r.unit}|${r.period.slice(0, 7)}`, { ...numbers, hidden, smallBase: false, perturbed });
    });
    return out;
  }

  /** One indicator of a row from the cells of its queries (2.1: parts added). */
  private indicatorCell(rule: IndicatorRule, parts: Cell[]): Index766Row['indicators'][number] {
    const base = { id: rule.id, max: rule.max };
    if (!rule.formula)
      return {
        ...base,
        numerator: null,
        denominator: null,
        ratio: null,
        points: null,
        lost: null,
        status: 'no_formula',
      };
    const cell = parts.length === 1 ? parts[0] : this.combine(rule, parts);
    if (cell.hidden || cell.smallBase)
      return {
        ...base,
        numerator: cell.numerator,
        denominator: cell.denominator,
        ratio: null,
        points: null,
        lost: null,
        status: 'withheld',
      };
    const p = indicatorPoints(rule, cell.numerator, cell.denominator);
    return { ...base, numerator: cell.numerator, denominator: cell.denominator, ...p };
  }

  /** Parts added: a missing part counts 0; a suppressed part hides the whole; a perturbed sum is judged on its base. */
  private combine(rule: IndicatorRule, parts: Cell[]): Cell {
    if (parts.some((p) => p.hidden)) return { ...EMPTY, hidden: true };
    const add = (k: 'numerator' | 'denominator') =>
      parts.every((p) => p[k] === null) ? null : parts.reduce((s, p) => s + (p[k] ?? 0), 0);
    const cell = { numerator: add('numerator'), denominator: add('denominator') };
    const perturbed = parts.some((p) => p.perturbed);
    const smallBase = perturbed && this.ctx.indicators.withheld(this.def(rule.query[0]), cell);
    return { ...cell, hidden: false, smallBase, perturbed };
  }

  /** Why the unit loses points over the whole period, the procedures that cost the most first. */
  private async losses(
    req: Index766Request,
    unit: string,
    row: Index766Row,
    from: string,
    to: string,
  ): Promise<Index766Loss[]> {
    const losing = INDICATORS.flatMap((rule) => {
      const ind = row.indicators.find((i) => i.id === rule.id)!;
      return ind.status === 'scored' && ind.lost !== null && ind.lost > 0 ? [{ rule, ind }] : [];
    });
    if (losing.length === 0) return [];
    const names = await this.procedureNames();
    const tasks = losing.map(({ rule, ind }) => async (): Promise<Index766Loss> => {
      const byProcedure =
        ind.ratio === null ? new Map<string, Counts>() : await this.byProcedure(rule, unit, from, to, req.scope);
      const t = fullAt(rule);
      const N = ind.numerator ?? 0;
      const D = ind.denominator ?? 0;
      const points = ind.points ?? 0;
      const causes: Index766Loss['causes'] = [];
      if (D > 0) {
        for (const [code, c] of byProcedure) {
          if (c.denominator <= 0) continue;
          const lost = round2((rule.max * (t * c.denominator - c.numerator)) / (t * D));
          if (lost <= 0) continue;
          const gain = round2(Math.max(0, pointsAt(rule, (N + c.denominator - c.numerator) / D) - points));
          const n = names.get(code);
          const label = (req.lang === 'en' && n?.name_en) || n?.name || code;
          causes.push({
            procedure_code: code,
            name: label,
            numerator: c.numerator,
            denominator: c.denominator,
            lost,
            gain,
          });
        }
      }
      causes.sort((a, b) => b.lost - a.lost || b.gain - a.gain || (a.procedure_code < b.procedure_code ? -1 : 1));
      const needed = ind.ratio === null ? null : Math.max(0, Math.ceil(t * D - N - 1e-9));
      const loss = { indicator: rule.id, lost: ind.lost!, ratio: ind.ratio, threshold: t, needed, causes };
      const text = lossText(rule, loss);
      return { ...loss, causes: causes.slice(0, TOP_CAUSES), text_vi: text.vi, text_en: text.en };
    });
    const out = await limited(tasks, this.ctx.pool.size);
    return out.sort((a, b) => b.lost - a.lost || (a.indicator < b.indicator ? -1 : 1));
  }

  /**
   * Published numerator and denominator by procedure of an indicator for the unit over from..to: each procedure cell
   * perturbed by its own cell keys when the indicator is perturbed; with suppression, the small cells (and enough
   * others that the unit's total does not give them back) left out.
   */
  private async byProcedure(
    rule: IndicatorRule,
    unit: string,
    from: string,
    to: string,
    scope: Scope,
  ): Promise<Map<string, { numerator: number; denominator: number }>> {
    const svc = this.ctx.indicators;
    const sum = new Map<string, { numerator: number; denominator: number }>();
    const members = membersInScope(this.ctx.units, scope, [unit]);
    for (const id of rule.query) {
      const def = this.def(id);
      const { values, types } = bindParams(def, { units: members, from: `${from}-01`, to: `${to}-01`, filters: {} });
      const reader = await this.ctx.pool.query(
        composeProcedureSql(def),
        { ...values, groups: listValue([unit]) },
        { ...types, groups: LIST(VARCHAR) },
      );
      const raw = (reader.getRowObjectsJson() as Record<string, unknown>[]).filter((r) => r.procedure_code !== null);
      const minus = hasMinusPair(def);
      let cells = raw.map((r) => ({ code: String(r.procedure_code), ...toKeyed(r, minus) }));
      if (svc.perturbs(def)) {
        cells = cells.map((c) => ({ ...c, ...publishCell(c, def.meta.unit === 'percent') }));
      } else if (svc.method === 'suppress') {
        const marks = suppressCells(cells, def.meta.disclosure, svc.minCell, [cells.map((_, i) => i)]);
        cells = cells.filter((_, i) => marks[i] === null);
      }
      for (const c of cells) {
        const acc = sum.get(c.code) ?? { numerator: 0, denominator: 0 };
        acc.numerator += c.numerator ?? 0;
        acc.denominator += c.denominator ?? 0;
        sum.set(c.code, acc);
      }
    }
    return sum;
  }

  private async procedureNames(): Promise<Map<string, ProcedureName>> {
    const reader = await this.ctx.pool.use((c) =>
      c.runAndReadAll('SELECT procedure_code, name, name_en FROM procedures'),
    );
    const rows = reader.getRowObjectsJson() as unknown as ProcedureName[];
    return new Map(rows.map((r) => [r.procedure_code, r]));
  }

  /** The portal's imported scores for the rows' units and periods, beside the local ones. */
  private async portal(rows: Index766Row[]): Promise<Index766Portal[]> {
    const unitIds = [...new Set(rows.map((r) => r.unit))];
    const periods = [...new Set(rows.map((r) => r.period))];
    const reader = await this.ctx.pool.query(
      `SELECT unit_id, period, group_id, points FROM portal_scores
       WHERE unit_id IN (SELECT unnest($units)) AND period IN (SELECT unnest($periods))`,
      { units: listValue(unitIds), periods: listValue(periods) },
      { units: LIST(VARCHAR), periods: LIST(VARCHAR) },
    );
    const found = reader.getRowObjectsJson() as unknown as {
      unit_id: string;
      period: string;
      group_id: string;
      points: number;
    }[];
    const order = [...GROUPS.map((g) => g.id as string), 'total'];
    const out: Index766Portal[] = [];
    for (const row of rows) {
      for (const p of found.filter((f) => f.unit_id === row.unit && f.period === row.period)) {
        const local =
          p.group_id === 'total' ? row.score : (row.groups.find((g) => g.id === p.group_id)?.points ?? null);
        const diff = local === null ? null : round2(local - Number(p.points));
        out.push({
          unit: row.unit,
          period: row.period,
          group: p.group_id,
          local,
          portal: Number(p.points),
          diff,
          flagged: diff !== null && Math.abs(diff) > PORTAL_FLAG_POINTS,
        });
      }
    }
    const at = (g: string) => (order.includes(g) ? order.indexOf(g) : order.length);
    return out.sort((a, b) => (a.unit === b.unit && a.period === b.period ? at(a.group) - at(b.group) : 0));
  }

  /**
   * The December score of the period's year, forecast from the unit's monthly scores (the cells a target is judged
   * on: published when perturbed, exact otherwise) by the targets' damped-trend model on the logit scale;
   * null once December is within the data.
   */
  private forecast(
    year: string,
    unit: string,
    monthly: Map<string, RawRow[]>,
    histFrom: string,
    dataMonth: string,
  ): Index766Result['forecast'] {
    const december = `${year}-12`;
    if (december <= dataMonth) return null;
    const byMonth = new Map<string, Map<string, Cell>>();
    for (const id of QUERY_IDS) {
      const def = this.def(id);
      const inRange = monthly.get(id)!.filter((r) => {
        const m = r.period.slice(0, 7);
        return r.unit === unit && m >= histFrom && m <= dataMonth;
      });
      const cells = new Map<string, Cell>();
      for (const r of periodRows(def, inRange, 'month')) {
        cells.set(r.period.slice(0, 7), { ...pick(r), hidden: false, smallBase: false, perturbed: false });
      }
      byMonth.set(id, cells);
    }
    const series: { month: string; score: number }[] = [];
    for (const m of monthsOf(histFrom, dataMonth)) {
      const inds = INDICATORS.map((rule) =>
        this.indicatorCell(
          rule,
          rule.query.map((id) => byMonth.get(id)!.get(m) ?? EMPTY),
        ),
      );
      const s = unitScore(inds).score;
      if (s !== null) series.push({ month: m, score: s });
    }
    if (series.length === 0) return { year, score: null, low: null, high: null, method: 'no_data' };
    if (series.length < MIN_MONTHS) return { year, score: null, low: null, high: null, method: 'too_short' };
    const h = monthIndex(december) - monthIndex(series.at(-1)!.month);
    if (h > MAX_HORIZON) return { year, score: null, low: null, high: null, method: 'too_far' };
    const { at } = predict(
      series.map((p) => p.score),
      'logit',
      h,
    );
    return { year, score: round2(at.median), low: round2(at.lo80), high: round2(at.hi80), method: 'damped_logit' };
  }
}

/** Ranks rows among themselves by score, in place. */
function rank(rows: Index766Row[]): void {
  const r = rankScores(rows.map((x) => x.score));
  const of = rows.filter((x) => x.score !== null).length;
  rows.forEach((x, i) => {
    x.rank = r[i];
    x.of = r[i] === null ? null : of;
  });
}

const pick = (r: RawRow) => ({ numerator: r.numerator, denominator: r.denominator });

function toKeyed(row: Record<string, unknown>, minus: boolean): KeyedCell {
  const num = (k: string) => (row[k] === null || row[k] === undefined ? null : Number(row[k]));
  return {
    numerator: num('numerator'),
    denominator: num('denominator'),
    numerator_key: num('numerator_key'),
    denominator_key: num('denominator_key'),
    ...(minus ? { numerator_minus: num('numerator_minus'), numerator_minus_key: num('numerator_minus_key') } : {}),
  };
}
