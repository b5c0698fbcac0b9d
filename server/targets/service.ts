// The plan's targets for one unit: value now (or at the deadline), status, forecast at the deadline with
// its intervals and probability (one outlook: outlook.ts, docs/targets.md) and data date, for every screen,
// export and live alert; and the monthly trajectory a screen draws. Flows are judged on trailing
// 12-month totals, stocks on the month's value (series.ts).
import { membersInScope, type Scope } from '../auth/scope.ts';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { TargetTrajectory } from '../contracts/targets.ts';
import type { Pool } from '../db/pool.ts';
import { notFound } from '../errors.ts';
import type { IndicatorDef } from '../registry/index.ts';
import type { Unit } from '../units/directory.ts';
import { indicatorValue, type Filters, type IndicatorService, type RawRow } from '../indicators/service.ts';
import { Lru } from '../indicators/lru.ts';
import { INDEX766_TARGET_INDICATOR } from '../index766/rules.ts';
import { targetOutlook, type OutlookMethod, type TargetOutlook } from './outlook.ts';
import { judgedCells, judgedSeries, previousPoint, publishedTrajectory, type Previous } from './series.ts';
import type { Comparator, TargetStatus } from './status.ts';
import { triageOf, type Triage } from './triage.ts';

export interface TargetDef {
  target_id: string;
  target_group: string;
  indicator: string;
  title_vi: string;
  title_en: string;
  level: 'all' | 'district' | 'commune';
  comparator: Comparator;
  target: number;
  unit: string;
  deadline: string;
  source_clause: string;
}

export interface TargetAnswer extends Omit<TargetOutlook, 'status' | 'method'> {
  target_id: string;
  group: string;
  indicator: string;
  title_vi: string;
  title_en: string;
  level: TargetDef['level'];
  comparator: Comparator;
  target: number;
  unit: string;
  deadline: string;
  source_clause: string;
  status: TargetStatus | 'suppressed';
  method: OutlookMethod | 'suppressed';
  suppressed: boolean;
  data_date: string | null;
  window: 'month' | '12_months' | null;
  /** the Overview's group: deadline ahead and at risk, on track, not measured, or passed (triage.ts) */
  triage: Triage;
  /** the month before value_month and the value then, as published (a withheld month: null) */
  previous_month: string | null;
  previous_value: number | null;
}

export async function loadTargets(conn: DuckDBConnection): Promise<TargetDef[]> {
  const reader = await conn.runAndReadAll(
    `SELECT target_id, target_group, indicator, title_vi, title_en, level, comparator, target,
            unit, deadline::VARCHAR AS deadline, source_clause FROM targets ORDER BY target_id`,
  );
  return reader.getRowObjectsJson() as unknown as TargetDef[];
}

/** A district-level target applies to districts and above; a commune target also rolls up. */
/** The indicator domain of the Decision 766 index (its data date is the dossiers'). */
const INDEX766_DOMAIN = 'index766';

export function applies(t: TargetDef, unit: Unit): boolean {
  return t.level !== 'district' || unit.level !== 'commune';
}

/** The monthly scores of a unit on the Decision 766 index (server/index766), oldest first. */
export type ScoreSeries = (unitId: string, scope: Scope) => Promise<{ month: string; score: number | null }[]>;

export class TargetService {
  private cache: Lru<Promise<TargetAnswer[]>>;
  /** set by the context: what a target on the Decision 766 score (INDEX766_TARGET_INDICATOR) is judged on */
  scores: ScoreSeries | null = null;
  constructor(
    private readonly pool: Pool,
    private readonly indicators: IndicatorService,
    private readonly dataDate: (domain: string) => string,
    cacheEntries: number,
  ) {
    this.cache = new Lru(cacheEntries);
  }

  /** Forget cached answers (after new data or targets were stored). */
  invalidate(): void {
    this.cache.clear();
  }

  /**
   * The unit's targets as of the data date, or as they stood on `asOf` (YYYY-MM-DD, before the data date): each judged
   * on its months up to asOf's month, its deadline read against asOf (the leader's brief compares two periods' ends).
   */
  async forUnit(unitId: string, scope: Scope, asOf?: string): Promise<TargetAnswer[]> {
    const groups = this.indicators.resolveGroups(unitId, 'month', scope);
    const key = JSON.stringify([unitId, membersInScope(this.indicators.units, scope, groups), asOf ?? '']);
    const hit = this.cache.get(key);
    if (hit) return hit;
    const answer = this.compute(unitId, groups, scope, asOf);
    this.cache.set(key, answer);
    answer.catch(() => this.cache.clear());
    return answer;
  }

  /** The day a target is judged on: the domain's data date, or `asOf` when it is earlier. */
  private judgedOn(domain: string, asOf: string | undefined): string {
    const today = this.dataDate(domain);
    return asOf !== undefined && asOf < today ? asOf : today;
  }

  private async compute(unitId: string, groups: string[], scope: Scope, asOf?: string): Promise<TargetAnswer[]> {
    const unit = this.indicators.units.get(unitId);
    const targets = (await this.pool.use(loadTargets)).filter((t) => unit && applies(t, unit));
    const memo = new Map<string, Promise<RawRow[]>>();
    // the pool bounds how many of these run at once
    return Promise.all(
      targets.map((t) => {
        if (t.indicator === INDEX766_TARGET_INDICATOR) return this.evaluateScore(t, unitId, scope, asOf);
        const def = this.indicators.registry.indicators.get(t.indicator);
        if (def) return this.evaluate(t, def, groups, scope, memo, asOf);
        // a target no indicator measures: its deadline is read against the store's latest data date
        return Promise.resolve(blank(t, 'no_data', this.judgedOn('', asOf)));
      }),
    );
  }

  private async evaluate(
    t: TargetDef,
    def: IndicatorDef,
    groups: string[],
    scope: Scope,
    memo: Map<string, Promise<RawRow[]>>,
    asOf?: string,
  ): Promise<TargetAnswer> {
    const filters = targetFilters(t, def);
    const today = this.judgedOn(def.domain, asOf);
    const { from, to } = this.indicators.range(def);
    const key = `${def.id}|${JSON.stringify(filters)}`;
    if (!memo.has(key)) memo.set(key, this.indicators.judgedMonths(def, groups, from, to, filters, scope));
    const month = today.slice(0, 7);
    const monthly = (await memo.get(key)!).filter((r) => r.period.slice(0, 7) <= month);
    const series = judgedSeries(monthly, def.meta);
    const outlook = targetOutlook({
      series,
      comparator: t.comparator,
      target: t.target,
      deadline: t.deadline,
      today,
      share: t.unit === 'percent',
    });
    const cells = judgedCells(monthly, def.meta);
    const withheld = (month: string | null) => {
      const cell = cells.find((c) => c.month === month);
      return cell !== undefined && this.indicators.withheld(def, cell);
    };
    const window = def.meta.time === 'sum' ? '12_months' : 'month';
    // a value that would reveal a small count leaves the server with none of its numbers
    if (withheld(outlook.value_month)) return { ...blank(t, 'suppressed', today), data_date: today, window };
    // the month before, as its own tile showed it: nothing when that month's value was withheld
    const previous = previousPoint(series, outlook.value_month);
    const shown = withheld(previous.previous_month) ? NO_PREVIOUS : previous;
    return { ...blank(t, outlook.status, today), ...outlook, ...shown, data_date: today, window };
  }

  /**
   * A target on the Decision 766 score (e.g. ≥ 80 points by 31/12/2026): judged like a stock on the unit's monthly
   * scores (the month's score, 0–100, fitted on the logit as a share), with the index's data date.
   */
  private async evaluateScore(t: TargetDef, unitId: string, scope: Scope, asOf?: string): Promise<TargetAnswer> {
    const today = this.judgedOn(INDEX766_DOMAIN, asOf);
    if (!this.scores) return blank(t, 'no_data', today);
    const series = (await this.scores(unitId, scope))
      .filter((s) => s.month <= today.slice(0, 7))
      .map((s) => ({ month: s.month, value: s.score }));
    const outlook = targetOutlook({
      series,
      comparator: t.comparator,
      target: t.target,
      deadline: t.deadline,
      today,
      share: true,
    });
    const previous = previousPoint(series, outlook.value_month);
    return { ...blank(t, outlook.status, today), ...outlook, ...previous, data_date: today, window: 'month' };
  }

  /** The monthly values a screen draws for the target, from the indicator's published cells. */
  async trajectory(unitId: string, targetId: string, scope: Scope): Promise<TargetTrajectory> {
    const t = (await this.pool.use(loadTargets)).find((x) => x.target_id === targetId);
    const def = t && this.indicators.registry.indicators.get(t.indicator);
    if (!t) throw notFound(`Không có chỉ tiêu "${targetId}".`, `No target "${targetId}".`);
    if (t.indicator === INDEX766_TARGET_INDICATOR && this.scores) {
      const scores = await this.scores(unitId, scope);
      return {
        target_id: t.target_id,
        months: scores.map((s) => s.month),
        values: scores.map((s) => s.score),
        suppressed: scores.map(() => false),
        partial: scores.map(() => false),
      };
    }
    if (!def) return { target_id: t.target_id, months: [], values: [], suppressed: [], partial: [] };
    if (this.indicators.perturbs(def)) {
      // the windows the target is judged on, from the published months (a withheld window: a rate's base below k)
      const { from, to } = this.indicators.range(def);
      const groups = this.indicators.resolveGroups(unitId, 'total', scope);
      const monthly = await this.indicators.publishedMonths(def, groups, from, to, targetFilters(t, def), scope);
      const cells = judgedCells(monthly, def.meta);
      const hidden = cells.map((c) => this.indicators.withheld(def, c));
      return {
        target_id: t.target_id,
        months: cells.map((c) => c.month),
        values: cells.map((c, i) => (hidden[i] ? null : indicatorValue(c.numerator, c.denominator, def.meta.scale))),
        suppressed: hidden,
        partial: cells.map(() => false),
      };
    }
    const answer = await this.indicators.run({
      id: def.id,
      unit: unitId,
      by: 'month',
      filters: targetFilters(t, def),
      scope,
    });
    return publishedTrajectory(t.target_id, answer.rows, def.meta);
  }
}

/** Level-specific targets of pct_work_dossiers_online count the procedures of their level. */
function targetFilters(t: TargetDef, def: IndicatorDef): Filters {
  return (def.meta.filters as string[]).includes('procedure_level') && t.level !== 'all'
    ? { procedure_level: t.level }
    : {};
}

const NO_PREVIOUS: Previous = { previous_month: null, previous_value: null };

/** A target's answer without numbers; `today`, the data date its deadline is read against, gives its group. */
function blank(t: TargetDef, status: TargetAnswer['status'], today: string): TargetAnswer {
  return {
    target_id: t.target_id,
    group: t.target_group,
    indicator: t.indicator,
    title_vi: t.title_vi,
    title_en: t.title_en,
    level: t.level,
    comparator: t.comparator,
    target: t.target,
    unit: t.unit,
    deadline: t.deadline,
    source_clause: t.source_clause,
    status,
    method: status === 'suppressed' ? 'suppressed' : 'no_data',
    suppressed: status === 'suppressed',
    value: null,
    value_month: null,
    met_on: null,
    months_left: null,
    forecast_at_deadline: null,
    lo80: null,
    hi80: null,
    lo95: null,
    hi95: null,
    probability: null,
    pace_needed: null,
    data_date: null,
    window: null,
    triage: triageOf(status, t.deadline, today),
    ...NO_PREVIOUS,
  };
}
