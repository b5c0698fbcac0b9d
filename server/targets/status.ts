// Status of a plan target from an indicator's monthly series: met or missed once the deadline has
// passed (with the month it was first met), otherwise met, on track (linear trend of the last
// 12 months reaches the target by the deadline) or at risk. Pure; tested in tests/unit/target-status.test.ts.

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
}

export interface TargetEvaluation {
  status: TargetStatus;
  value: number | null; // now, or at the deadline once it has passed
  value_month: string | null;
  met_on: string | null; // first month the target was met
  projected: number | null; // linear projection at the deadline (future deadlines)
}

const EPS = 1e-9;

export function meets(rule: TargetRule, value: number): boolean {
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

const monthIndex = (ym: string): number => Number(ym.slice(0, 4)) * 12 + Number(ym.slice(5, 7)) - 1;

/**
 * @param series monthly values in month order, ending at the data month
 * @param today the data date (YYYY-MM-DD): a deadline before it has passed
 */
export function evaluateTarget(rule: TargetRule, series: SeriesPoint[], today: string): TargetEvaluation {
  const points = series.filter((p): p is { month: string; value: number } => p.value !== null && Number.isFinite(p.value));
  const firstMet = points.find((p) => meets(rule, p.value))?.month ?? null;
  const deadlineMonth = rule.deadline.slice(0, 7);
  if (points.length === 0) return { status: 'no_data', value: null, value_month: null, met_on: null, projected: null };
  if (rule.deadline < today) {
    const atDeadline = points.filter((p) => p.month <= deadlineMonth).at(-1);
    if (!atDeadline) return { status: 'no_data', value: null, value_month: null, met_on: firstMet, projected: null };
    const ok = meets(rule, atDeadline.value);
    return {
      status: ok ? 'met' : 'missed',
      value: atDeadline.value,
      value_month: atDeadline.month,
      met_on: firstMet,
      projected: null,
    };
  }
  const last = points[points.length - 1];
  if (meets(rule, last.value)) {
    return { status: 'met', value: last.value, value_month: last.month, met_on: firstMet, projected: null };
  }
  const recent = points.slice(-12);
  const x = monthIndex(deadlineMonth) - monthIndex(recent[0].month);
  const projected = rule.comparator === 'done' ? null : linearProjection(recent.map((p) => p.value), x);
  const status = projected !== null && meets(rule, projected) ? 'on_track' : 'at_risk';
  return { status, value: last.value, value_month: last.month, met_on: firstMet, projected };
}

/** Trailing 12-month sums of a flow's numerator and denominator, month by month. */
export function rolling12<T extends { numerator: number | null; denominator: number | null }>(rows: T[]): T[] {
  return rows.map((row, i) => {
    const window = rows.slice(Math.max(0, i - 11), i + 1);
    const sum = (k: 'numerator' | 'denominator') =>
      window.every((r) => r[k] === null) ? null : window.reduce((s, r) => s + (r[k] ?? 0), 0);
    return { ...row, numerator: sum('numerator'), denominator: sum('denominator') };
  });
}
