// The plan's targets of a unit as GET /api/forecast/targets gives them: the outlooks of the TargetService
// (status, forecast at the deadline with 80 %/95 % intervals, probability, pace: server/targets/outlook.ts),
// keyed by the unit code, so that the forecast screen and the targets screen show one answer. Also the
// series the forecasts are fitted on, for the back-test (scripts/backtest.ts). See docs/forecast-targets.md.
import type { Scope } from '../auth/scope.ts';
import type { Context } from '../context.ts';
import type { RawRow } from '../indicators/service.ts';
import { judgedSeries } from '../targets/series.ts';
import type { TargetAnswer } from '../targets/service.ts';
import type { SeriesPoint } from '../targets/status.ts';
import { targetOutlook, type OutlookInput, type TargetOutlook } from '../targets/outlook.ts';
import type { TargetForecast } from './targets-forecast-schema.ts';

export type { TargetForecast } from './targets-forecast-schema.ts';
export { MIN_MONTHS } from '../targets/outlook.ts';

/** One target's outlook from its monthly series (the rule of server/targets/outlook.ts). */
export function forecastTarget(input: OutlookInput): TargetOutlook {
  return targetOutlook(input);
}

/**
 * The monthly series a target's forecast is fitted on, for the unit's groups within the caller's scope:
 * flows as trailing 12-month totals from the first complete window, stocks month by month.
 */
export async function targetSeries(
  ctx: Context,
  t: Pick<TargetAnswer, 'indicator' | 'level'>,
  groups: string[],
  scope: Scope,
  memo = new Map<string, Promise<RawRow[]>>(),
): Promise<SeriesPoint[]> {
  const def = ctx.indicators.registry.indicators.get(t.indicator);
  if (!def) return [];
  const filters =
    (def.meta.filters as string[]).includes('procedure_level') && t.level !== 'all' ? { procedure_level: t.level } : {};
  const { from, to } = ctx.indicators.range(def);
  const key = `${def.id}|${JSON.stringify(filters)}|${groups.join(',')}`;
  if (!memo.has(key)) memo.set(key, ctx.indicators.judgedMonths(def, groups, from, to, filters, scope));
  return judgedSeries(await memo.get(key)!, def.meta).filter((p) => !p.short_window);
}

/** A target answer as the forecast route gives it (the same numbers, keyed by the unit code). */
export function asForecast(unitId: string, a: TargetAnswer): TargetForecast {
  return {
    target_id: a.target_id,
    indicator: a.indicator,
    unit: unitId,
    comparator: a.comparator,
    target: a.target,
    deadline: a.deadline,
    status: a.status,
    method: a.method,
    value: a.value,
    value_month: a.value_month,
    months_left: a.months_left,
    forecast_at_deadline: a.forecast_at_deadline,
    lo80: a.lo80,
    hi80: a.hi80,
    lo95: a.lo95,
    hi95: a.hi95,
    probability: a.probability,
    pace_needed: a.pace_needed,
    met_on: a.met_on,
    window: a.window,
  };
}

/** Every target of the unit with its outlook, from the TargetService (cached there). */
export async function forecastTargets(ctx: Context, unitId: string, scope: Scope): Promise<TargetForecast[]> {
  return (await ctx.targets.forUnit(unitId, scope)).map((a) => asForecast(unitId, a));
}
