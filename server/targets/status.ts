// The words of a target's judgement: comparators, statuses, the monthly series a target is judged on,
// whether a value meets the target, and month arithmetic. The rule that gives a status lives in
// outlook.ts; linearProjection is only the back-test's benchmark (server/forecast/backtest.ts).
export { monthIndex } from '../contracts/months.ts';

export type Comparator = '>=' | '<=' | 'done';
export type TargetStatus = 'met' | 'on_track' | 'at_risk' | 'missed' | 'no_data';

export interface TargetRule {
  comparator: Comparator;
  target: number;
  deadline: string; // YYYY-MM-DD
}

export interface SeriesPoint {
  month: string; // YYYY-MM
  value: number | null;
  /** a flow's window of fewer than 12 months (the first months of the data): judged, never fitted */
  short_window?: boolean;
}

const EPS = 1e-9;

/** A deadline before the data date has passed: the target is decided (met or missed), never forecast. */
export function deadlinePassed(deadline: string, today: string): boolean {
  return deadline < today;
}

export function meets(rule: Pick<TargetRule, 'comparator' | 'target'>, value: number): boolean {
  if (rule.comparator === '<=') return value <= rule.target + EPS;
  if (rule.comparator === 'done') return value >= 1 - EPS;
  return value >= rule.target - EPS;
}

/** Least-squares line through the points (x = month index), evaluated at x. */
export function linearProjection(values: number[], x: number): number | null {
  const n = values.length;
  if (n < 3) return null;
  const mx = (n - 1) / 2;
  const my = values.reduce((s, v) => s + v, 0) / n;
  let sxy = 0;
  let sxx = 0;
  values.forEach((v, i) => {
    sxy += (i - mx) * (v - my);
    sxx += (i - mx) ** 2;
  });
  return my + (sxy / sxx) * (x - mx);
}
