// The period of a screen (components/PeriodPicker.tsx): a month, a quarter, a year or a range of months, read
// from and written to the view's from / to / grain (state/view-state.ts), within the months the server has
// (its first month to the data date's month); and the periods a KPI tile compares with. Pure;
// tests/unit/web-analyst-period.test.ts.
import { addMonths, monthIndex } from '../../../server/contracts/months.ts';
import type { Grain } from '../state/view-state.ts';
import { periodEnd, periodOf } from '../views/index766/index766-format.ts';

export type PeriodMode = Grain | 'range';
export const PERIOD_MODES: readonly PeriodMode[] = ['month', 'quarter', 'year', 'range'];

/** Months from..to, both included (YYYY-MM). */
export interface Span {
  from: string;
  to: string;
}

/** The months the server answers for: its first month and the data date's month. */
export type Bounds = Span;

export interface PeriodView extends Span {
  mode: PeriodMode;
  /** the period's name for formatPeriod: 2026-05, 2026-Q2, 2026, or from..to */
  period: string;
}

/** What a choice writes into the view (and so into the URL). */
export interface PeriodChoice extends Span {
  grain: Grain;
}

/** Months a range shows when the URL names none: the last twelve. */
export const DEFAULT_MONTHS = 12;

const clamp = (m: string, b: Bounds) => (m < b.from ? b.from : m > b.to ? b.to : m);

/** The first month of a period (YYYY-MM, YYYY-Qn, YYYY). */
export function periodStart(period: string): string {
  if (/^\d{4}$/.test(period)) return `${period}-01`;
  return /-Q[1-4]$/.test(period) ? addMonths(periodEnd(period), -2) : period;
}

/** Number of months in a span. */
export const spanMonths = (s: Span): number => monthIndex(s.to) - monthIndex(s.from) + 1;

/** A period's months within the server's: a quarter or a year still running ends at the data month. */
export function spanOf(period: string, b: Bounds): Span {
  return { from: clamp(periodStart(period), b), to: clamp(periodEnd(period), b) };
}

/**
 * The period a view shows. grain quarter / year: the one holding `to` (the 766 index writes only `to`);
 * grain month: the month `from` = `to`, else the range from..to (the last twelve months when the URL says nothing).
 */
export function readPeriod(view: { from?: string; to?: string; grain: Grain }, b: Bounds): PeriodView {
  const to = clamp(view.to ?? b.to, b);
  if (view.grain !== 'month') {
    const period = periodOf(view.grain, to);
    return { mode: view.grain, period, ...spanOf(period, b) };
  }
  const from = view.from ? clamp(view.from, b) : clamp(addMonths(to, 1 - DEFAULT_MONTHS), b);
  const span = from <= to ? { from, to } : { from: to, to: from };
  if (view.from && span.from === span.to) return { mode: 'month', period: span.to, ...span };
  return { mode: 'range', period: `${span.from}..${span.to}`, ...span };
}

/** The periods of a kind one may choose, newest first: from the data month back to the server's first month. */
export function periodOptions(grain: Grain, b: Bounds): string[] {
  const out: string[] = [];
  for (let m = b.to; m >= b.from; m = addMonths(periodStart(periodOf(grain, m)), -1)) out.push(periodOf(grain, m));
  return out;
}

/** The months one may choose, newest first. */
export function monthOptions(b: Bounds): string[] {
  return periodOptions('month', b);
}

/** A chosen period as the view's from / to / grain (a quarter or year still running ends at the data month). */
export function choosePeriod(grain: Grain, period: string, b: Bounds): PeriodChoice {
  return { grain, ...spanOf(period, b) };
}

/** A range from..to (turned around when the wrong way). */
export function chooseRange(from: string, to: string): PeriodChoice {
  return from <= to ? { grain: 'month', from, to } : { grain: 'month', from: to, to: from };
}

/** A switch of kind: the period of the new kind that holds the shown period's last month; a range keeps the span. */
export function switchMode(mode: PeriodMode, shown: Span, b: Bounds): PeriodChoice {
  if (mode === 'range') return chooseRange(shown.from, shown.to);
  return choosePeriod(mode, periodOf(mode, shown.to), b);
}

/**
 * The months a screen's trend charts load: the URL's from..to, at least the twelve months up to its end (a month
 * or a quarter alone is no trend); the whole range when the URL names no start.
 */
export function chartSpan(view: { from?: string; to?: string }): { from?: string; to?: string } {
  if (!view.from) return { to: view.to };
  const to = view.to ?? view.from;
  const back = addMonths(to, 1 - DEFAULT_MONTHS);
  return { from: view.from < back ? view.from : back, to };
}

export interface Comparisons {
  /** the period before, as long (a quarter so far: the same months of the quarter before) */
  previous: Span;
  /** the same months a year before */
  lastYear: Span;
  /** the two are the same months (a year, twelve months): one comparison says it */
  same: boolean;
}

/** The periods a KPI tile compares its value with. */
export function comparisons(view: Pick<PeriodView, 'mode' | 'from' | 'to'>): Comparisons {
  const step = view.mode === 'quarter' ? 3 : view.mode === 'year' ? 12 : spanMonths(view);
  const previous = { from: addMonths(view.from, -step), to: addMonths(view.to, -step) };
  const lastYear = { from: addMonths(view.from, -12), to: addMonths(view.to, -12) };
  return { previous, lastYear, same: previous.from === lastYear.from && previous.to === lastYear.to };
}
