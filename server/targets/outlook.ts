// The one rule of a target's outlook: from the series it is judged on, its status, the forecast at the
// deadline with 80 %/95 % intervals, the probability of meeting it and the pace still needed, together,
// so that no screen, export or alert can show a status that the forecast beside it contradicts.
// Used by the TargetService (server/targets/service.ts); the rule is in docs/targets.md. Pure.
import { monthIndex } from '../contracts/months.ts';
import { paceNeeded, predict, probabilityMeeting } from '../forecast/damped.ts';
import { deadlinePassed, meets, type Comparator, type SeriesPoint, type TargetStatus } from './status.ts';

/** Fewer complete monthly values than this: no model, method 'too_short'. */
export const MIN_MONTHS = 8;
/** On track (or met before the deadline) needs at least this probability of meeting the target. */
export const ON_TRACK_PROBABILITY = 0.5;

export type OutlookMethod = 'damped_logit' | 'damped' | 'deadline_passed' | 'milestone' | 'too_short' | 'no_data';

export interface OutlookInput {
  series: SeriesPoint[]; // month order, ending at the data month
  comparator: Comparator;
  target: number;
  deadline: string; // YYYY-MM-DD
  today: string; // data date, YYYY-MM-DD: a deadline before it has passed
  share: boolean; // a percentage bounded by 0–100 (fitted on the logit)
}

export interface TargetOutlook {
  status: TargetStatus;
  method: OutlookMethod;
  value: number | null; // now, or at the deadline once it has passed
  value_month: string | null;
  met_on: string | null; // first month the target was met
  months_left: number | null; // from the data month to the deadline month
  forecast_at_deadline: number | null; // median
  lo80: number | null;
  hi80: number | null;
  lo95: number | null;
  hi95: number | null;
  probability: number | null; // of meeting the target at the deadline, whole percent (reportedProbability)
  pace_needed: number | null; // per month, in the indicator's units; null once met
}

const NO_FORECAST = {
  forecast_at_deadline: null,
  lo80: null,
  hi80: null,
  lo95: null,
  hi95: null,
  probability: null,
} as const;

/**
 * The probability as it is shown: to a whole percent, never rounded across the threshold (49.7 % of an
 * at-risk target reads 49 %, not 50 %), so that the status and the number beside it always agree.
 */
export function reportedProbability(p: number): number {
  const pct = Math.round(p * 100);
  return (p < ON_TRACK_PROBABILITY ? Math.min(pct, ON_TRACK_PROBABILITY * 100 - 1) : pct) / 100;
}

/** The status of a live target (deadline ahead) that has a probability of meeting it. */
export function liveStatus(metNow: boolean, probability: number): TargetStatus {
  if (probability < ON_TRACK_PROBABILITY) return 'at_risk';
  return metNow ? 'met' : 'on_track';
}

export function targetOutlook(input: OutlookInput): TargetOutlook {
  const rule = { comparator: input.comparator, target: input.target };
  const points = input.series.filter(
    (p): p is SeriesPoint & { value: number } => p.value !== null && Number.isFinite(p.value),
  );
  const metOn = points.find((p) => meets(rule, p.value))?.month ?? null;
  const none = { met_on: metOn, months_left: null, pace_needed: null, ...NO_FORECAST };
  if (points.length === 0) return { status: 'no_data', method: 'no_data', value: null, value_month: null, ...none };
  const deadlineMonth = input.deadline.slice(0, 7);
  if (deadlinePassed(input.deadline, input.today)) {
    // decided: the value of the deadline month (the last month up to it)
    const at = points.filter((p) => p.month <= deadlineMonth).at(-1);
    if (!at) return { status: 'no_data', method: 'no_data', value: null, value_month: null, ...none };
    return {
      status: meets(rule, at.value) ? 'met' : 'missed',
      method: 'deadline_passed',
      value: at.value,
      value_month: at.month,
      ...none,
    };
  }
  const last = points[points.length - 1];
  const metNow = meets(rule, last.value);
  const now = {
    value: last.value,
    value_month: last.month,
    met_on: metOn,
    months_left: monthIndex(deadlineMonth) - monthIndex(last.month),
  };
  if (input.comparator === 'done') {
    // a milestone is done or not: nothing to forecast
    return { ...now, status: metNow ? 'met' : 'at_risk', method: 'milestone', pace_needed: null, ...NO_FORECAST };
  }
  const pace = paceNeeded(input.target, last.value, now.months_left, metNow);
  const fitted = points.filter((p) => !p.short_window).map((p) => p.value);
  if (fitted.length < MIN_MONTHS) {
    // no forecast: met if the value already meets the target, otherwise nothing shows it will
    return { ...now, status: metNow ? 'met' : 'at_risk', method: 'too_short', pace_needed: pace, ...NO_FORECAST };
  }
  const method = input.share ? 'damped_logit' : 'damped';
  if (now.months_left <= 0) {
    // the deadline is the data month: the value is known
    const v = last.value;
    const known = { forecast_at_deadline: v, lo80: v, hi80: v, lo95: v, hi95: v, probability: metNow ? 1 : 0 };
    return { ...now, status: liveStatus(metNow, known.probability), method, pace_needed: pace, ...known };
  }
  const scale = input.share ? 'logit' : 'raw';
  const { at } = predict(fitted, scale, now.months_left);
  const floor = (v: number) => (!input.share && fitted.every((x) => x >= 0) ? Math.max(0, v) : v);
  const p = probabilityMeeting(at, scale, input.comparator, input.target);
  return {
    ...now,
    status: liveStatus(metNow, p),
    method,
    pace_needed: pace,
    forecast_at_deadline: floor(at.median),
    lo80: floor(at.lo80),
    hi80: floor(at.hi80),
    lo95: floor(at.lo95),
    hi95: floor(at.hi95),
    probability: reportedProbability(p),
  };
}
