// Forecasts of the plan's targets for a unit: the monthly series the target is judged on (flows as
// complete trailing 12-month totals, stocks month by month) → damped trend (server/forecast/damped.ts)
// → forecast at the deadline with 80 %/95 % intervals, probability of meeting it and the pace still
// needed. Past deadlines give met or missed (server/targets/status.ts). See docs/forecast-targets.md.
import type { Scope } from '../auth/scope.ts';
import type { Context } from '../context.ts';
import type { Filters, RawRow } from '../indicators/service.ts';
import { indicatorValue } from '../indicators/service.ts';
import { evaluateTarget, meets, rolling12, type Comparator, type SeriesPoint } from '../targets/status.ts';
import type { TargetAnswer } from '../targets/service.ts';
import { paceNeeded, predict, probabilityMeeting } from './damped.ts';
import type { TargetForecast } from './targets-forecast-schema.ts';

export type { TargetForecast } from './targets-forecast-schema.ts';

/** Fewer monthly values than this: no model, method 'too_short'. */
export const MIN_MONTHS = 8;

export interface TargetForecastInput {
  series: SeriesPoint[]; // month order, ending at the data month
  comparator: Comparator;
  target: number;
  deadline: string; // YYYY-MM-DD
  today: string; // data date, YYYY-MM-DD
  share: boolean; // a percentage bounded by 0–100 (fitted on the logit)
}

export type TargetForecastResult = Omit<TargetForecast, 'target_id' | 'indicator' | 'unit' | 'comparator' | 'target' | 'deadline' | 'window'>;

export const monthIndex = (ym: string): number => Number(ym.slice(0, 4)) * 12 + Number(ym.slice(5, 7)) - 1;

const NO_FORECAST = { forecast_at_deadline: null, lo80: null, hi80: null, lo95: null, hi95: null, probability: null };

/** Pure: one target's forecast from its monthly series. */
export function forecastTarget(input: TargetForecastInput): TargetForecastResult {
  const rule = { comparator: input.comparator, target: input.target, deadline: input.deadline };
  const ev = evaluateTarget(rule, input.series, input.today);
  const base = { status: ev.status, value: ev.value, value_month: ev.value_month, met_on: ev.met_on };
  if (ev.status === 'no_data' || ev.value === null || ev.value_month === null) {
    return { ...base, method: 'no_data', months_left: null, pace_needed: null, ...NO_FORECAST };
  }
  if (input.deadline < input.today) return { ...base, method: 'deadline_passed', months_left: null, pace_needed: null, ...NO_FORECAST };
  const monthsLeft = monthIndex(input.deadline) - monthIndex(ev.value_month);
  const met = meets(rule, ev.value);
  if (input.comparator === 'done') {
    return { ...base, method: 'milestone', months_left: monthsLeft, pace_needed: null, ...NO_FORECAST };
  }
  const pace = paceNeeded(input.target, ev.value, monthsLeft, met);
  const values = input.series.map((p) => p.value).filter((v): v is number => v !== null && Number.isFinite(v));
  if (values.length < MIN_MONTHS) return { ...base, method: 'too_short', months_left: monthsLeft, pace_needed: pace, ...NO_FORECAST };
  const method = input.share ? 'damped_logit' : 'damped';
  if (monthsLeft <= 0) {
    // the deadline is the data month: the value is known
    const v = ev.value;
    return { ...base, method, months_left: 0, pace_needed: pace, forecast_at_deadline: v, lo80: v, hi80: v, lo95: v, hi95: v, probability: met ? 1 : 0 };
  }
  const scale = input.share ? 'logit' : 'raw';
  const { at } = predict(values, scale, monthsLeft);
  const floor = (v: number) => (!input.share && values.every((x) => x >= 0) ? Math.max(0, v) : v);
  return {
    ...base,
    method,
    months_left: monthsLeft,
    pace_needed: pace,
    forecast_at_deadline: floor(at.median),
    lo80: floor(at.lo80),
    hi80: floor(at.hi80),
    lo95: floor(at.lo95),
    hi95: floor(at.hi95),
    probability: probabilityMeeting(at, scale, input.comparator, input.target),
  };
}

/**
 * The monthly series a target is judged on, for the unit's groups within the caller's scope:
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
  const filters: Filters = (def.meta.filters as string[]).includes('procedure_level') && t.level !== 'all' ? { procedure_level: t.level } : {};
  const { from, to } = ctx.indicators.range(def);
  const key = `${def.id}|${JSON.stringify(filters)}|${groups.join(',')}`;
  if (!memo.has(key)) memo.set(key, ctx.indicators.raw(def, groups, from, to, 'month', filters, scope));
  const monthly = await memo.get(key)!;
  const rows = def.meta.time === 'sum' ? rolling12(monthly).slice(11) : monthly;
  return rows.map((r) => ({ month: r.period.slice(0, 7), value: indicatorValue(r.numerator, r.denominator, def.meta.scale) }));
}

/** Every target of the unit with its forecast; status and suppression come from the TargetService. */
export async function forecastTargets(ctx: Context, unitId: string, scope: Scope): Promise<TargetForecast[]> {
  const answers = await ctx.targets.forUnit(unitId, scope);
  const groups = ctx.indicators.resolveGroups(unitId, 'month', scope);
  const memo = new Map<string, Promise<RawRow[]>>();
  return Promise.all(
    answers.map(async (a): Promise<TargetForecast> => {
      const head = { target_id: a.target_id, indicator: a.indicator, unit: unitId, comparator: a.comparator, target: a.target, deadline: a.deadline, window: a.window };
      const empty = { value: null, value_month: null, months_left: null, pace_needed: null, met_on: null, ...NO_FORECAST };
      if (a.status === 'suppressed') return { ...head, ...empty, status: 'suppressed', method: 'suppressed' };
      if (a.status === 'no_data' || a.data_date === null) return { ...head, ...empty, met_on: a.met_on, status: a.status, method: 'no_data' };
      const series = await targetSeries(ctx, a, groups, scope, memo);
      const result = forecastTarget({ series, comparator: a.comparator, target: a.target, deadline: a.deadline, today: a.data_date, share: a.unit === 'percent' });
      // the status and first month met are the targets screen's (its flows also count early partial windows)
      return { ...head, ...result, status: a.status, met_on: a.met_on };
    }),
  );
}
