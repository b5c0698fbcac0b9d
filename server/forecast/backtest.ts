// Back-test of the target forecasts: hold back the last months of a series, forecast them from the
// rest with the damped trend, and compare with the values held back, next to two benchmarks (the
// last value carried forward, and the status screen's 12-month straight line). Pure; run on a store
// by scripts/backtest.ts, results in docs/forecast-targets.md.
import { linearProjection } from '../targets/status.ts';
import { fitDamped, predictAt, toScale, type FitScale } from './damped.ts';
import { MIN_MONTHS } from './targets-forecast.ts';

export interface HoldoutPoint {
  h: number; // months ahead of the last fitted value
  actual: number;
  forecast: number; // damped trend, median
  naive: number; // last fitted value
  linear: number; // least-squares line through the last 12 fitted values
  in80: boolean;
  in95: boolean;
}

/** Forecasts the last `holdout` values from the ones before; [] when too short to fit. */
export function backtestSeries(values: number[], scale: FitScale, holdout = 6): HoldoutPoint[] {
  const train = values.slice(0, -holdout);
  if (train.length < MIN_MONTHS || values.length <= holdout) return [];
  const last = train[train.length - 1];
  const recent = train.slice(-12);
  const fit = fitDamped(train.map((v) => toScale(scale, v)));
  // the straight line is clamped to 0–100 for shares, to be a fair benchmark
  const bound = (v: number) => (scale === 'logit' ? Math.min(100, Math.max(0, v)) : v);
  return values.slice(-holdout).map((actual, i) => {
    const h = i + 1;
    const at = predictAt(fit, scale, h);
    return {
      h,
      actual,
      forecast: at.median,
      naive: last,
      linear: bound(linearProjection(recent, recent.length - 1 + h) ?? last),
      in80: actual >= at.lo80 - 1e-9 && actual <= at.hi80 + 1e-9,
      in95: actual >= at.lo95 - 1e-9 && actual <= at.hi95 + 1e-9,
    };
  });
}

export interface BacktestSummary {
  series: number;
  points: number;
  mae: number;
  mape: number | null; // % over points with a non-zero actual; null when there are none
  mae_naive: number;
  mae_linear: number;
  coverage80: number;
  coverage95: number;
}

/** Mean absolute (percentage) errors and interval coverage over many series' hold-out points. */
export function summarise(bySeries: HoldoutPoint[][]): BacktestSummary {
  const pts = bySeries.flat();
  const mean = (f: (p: HoldoutPoint) => number, xs = pts) =>
    xs.length ? xs.reduce((s, p) => s + f(p), 0) / xs.length : NaN;
  const nonZero = pts.filter((p) => p.actual !== 0);
  return {
    series: bySeries.filter((s) => s.length > 0).length,
    points: pts.length,
    mae: mean((p) => Math.abs(p.forecast - p.actual)),
    mape: nonZero.length ? 100 * mean((p) => Math.abs((p.forecast - p.actual) / p.actual), nonZero) : null,
    mae_naive: mean((p) => Math.abs(p.naive - p.actual)),
    mae_linear: mean((p) => Math.abs(p.linear - p.actual)),
    coverage80: mean((p) => (p.in80 ? 1 : 0)),
    coverage95: mean((p) => (p.in95 ? 1 : 0)),
  };
}
