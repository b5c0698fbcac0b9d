// The month-by-month series of a target's indicator, computed once on the server: flows (time: sum) as
// trailing 12-month totals (numerators and denominators summed over the 12 months up to each month),
// stocks as the month's value. The same windows give the series a target is judged and forecast on
// (every cell, inside the server) and the trajectory the screens draw (published cells only).
import { indicatorValue, type IndicatorRow, type RawRow } from '../indicators/service.ts';
import type { IndicatorDef } from '../registry/index.ts';
import type { TargetTrajectory } from '../contracts/targets.ts';
import { addMonths } from '../contracts/months.ts';
import type { SeriesPoint } from './status.ts';

export interface Cell {
  numerator: number | null;
  denominator: number | null;
}

export interface Window extends Cell {
  /** months the window spans: fewer than 12 at the start of the data */
  months: number;
  /** months of the window left out (hidden cells) */
  left_out: number;
}

/**
 * Trailing 12-month sums of a flow, month by month (rows in consecutive month order). A month for which
 * `leaveOut` is true is not summed, only counted; a sum with no value in it is null.
 */
export function trailing12<T extends Cell>(rows: readonly T[], leaveOut: (row: T) => boolean = () => false): Window[] {
  return rows.map((_, i) => {
    const window = rows.slice(Math.max(0, i - 11), i + 1);
    const kept = window.filter((r) => !leaveOut(r));
    const sum = (k: keyof Cell) =>
      kept.every((r) => r[k] === null) ? null : kept.reduce((s, r) => s + (r[k] ?? 0), 0);
    return {
      numerator: sum('numerator'),
      denominator: sum('denominator'),
      months: window.length,
      left_out: window.length - kept.length,
    };
  });
}

type Meta = Pick<IndicatorDef['meta'], 'time' | 'scale'>;

/** The cells a target is judged on, month by month: a flow's 12-month windows, a stock's months. */
export function judgedCells(
  monthly: readonly RawRow[],
  meta: Meta,
): (Cell & { month: string; short_window: boolean })[] {
  const windows = meta.time === 'sum' ? trailing12(monthly) : monthly.map((r) => ({ ...r, months: 12 }));
  return windows.map((w, i) => ({
    month: monthly[i].period.slice(0, 7),
    numerator: w.numerator,
    denominator: w.denominator,
    short_window: w.months < 12,
  }));
}

/** The series a target is judged and forecast on (every cell, before disclosure control). */
export function judgedSeries(monthly: readonly RawRow[], meta: Meta): SeriesPoint[] {
  return judgedCells(monthly, meta).map((c) => ({
    month: c.month,
    value: indicatorValue(c.numerator, c.denominator, meta.scale),
    ...(c.short_window ? { short_window: true } : {}),
  }));
}

/** The month before a target's value month and the value it had then: the change a tile shows. */
export interface Previous {
  previous_month: string | null;
  previous_value: number | null;
}

/**
 * The calendar month before `month` in the series a target is judged on, with its value: nulls when that month
 * has no value, or when either month is a short window (fewer than 12 months: not comparable with a full one).
 * The caller leaves out a previous month whose own cell is withheld (service.ts).
 */
export function previousPoint(series: readonly SeriesPoint[], month: string | null): Previous {
  const none = { previous_month: null, previous_value: null };
  if (month === null) return none;
  const now = series.find((p) => p.month === month);
  const before = series.find((p) => p.month === addMonths(month, -1));
  if (!now || !before || before.value === null || !Number.isFinite(before.value)) return none;
  if (now.short_window || before.short_window) return none;
  return { previous_month: before.month, previous_value: before.value };
}

/**
 * The trajectory the screens draw, from the published monthly rows of the indicator answer (suppressed
 * cells are null there). Complementary suppression hides many small months of rare flows, so a window
 * is summed over its published months and flagged `partial` when some are hidden; a window with none
 * published, or a hidden stock month, is null and `suppressed`.
 */
export function publishedTrajectory(targetId: string, rows: readonly IndicatorRow[], meta: Meta): TargetTrajectory {
  const months = rows.map((r) => r.period.slice(0, 7));
  if (meta.time !== 'sum') {
    return {
      target_id: targetId,
      months,
      values: rows.map((r) => (r.suppressed ? null : r.value)),
      suppressed: rows.map((r) => r.suppressed),
      partial: rows.map(() => false),
    };
  }
  const windows = trailing12(rows, (r) => r.suppressed);
  const values = windows.map((w) => indicatorValue(w.numerator, w.denominator, meta.scale));
  return {
    target_id: targetId,
    months,
    values,
    suppressed: values.map((v, i) => v === null && rows[i].suppressed),
    partial: values.map((v, i) => v !== null && windows[i].left_out > 0),
  };
}
