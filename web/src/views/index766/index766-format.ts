// Pure helpers of the Decision 766 screen: the period of a month / quarter / year choice, the month still in
// progress, the order of indicators, units and portal rows, and the words of points and ratios. No rule of the
// index is decided here: points, grades, ranks and flags are the server's. Tests: tests/unit/web-index766-*.test.ts.
import { addMonths } from '../../../../server/contracts/months.ts';
import { monthInProgress } from '../../charts/partial-month.ts';
import type { I18n } from '../../i18n/index.ts';
import type { Grain, Lang } from '../../state/view-state.ts';
import type {
  Index766Forecast,
  Index766IndicatorDef,
  Index766IndicatorValue,
  Index766Portal,
  Index766Row,
} from './index766-api.ts';

/** The period holding a month: 2026-05 as a month, 2026-Q2 as a quarter, 2026 as a year. */
export function periodOf(grain: Grain, month: string): string {
  const year = month.slice(0, 4);
  if (grain === 'year') return year;
  if (grain === 'quarter') return `${year}-Q${Math.ceil(Number(month.slice(5, 7)) / 3)}`;
  return month;
}

/** The last month of a period (YYYY-MM, YYYY-Qn, YYYY). */
export function periodEnd(period: string): string {
  const q = /^(\d{4})-Q([1-4])$/.exec(period);
  if (q) return `${q[1]}-${String(Number(q[2]) * 3).padStart(2, '0')}`;
  return /^\d{4}$/.test(period) ? `${period}-12` : period;
}

export interface PeriodChoice {
  period: string;
  /** the month a choice stands for in the URL (`to`): the period's last month, or the data month within it */
  month: string;
}

/** The periods one may choose, newest first: `count` of them ending with the one that holds the data month. */
export function periodChoices(grain: Grain, dataMonth: string, count: number): PeriodChoice[] {
  const out: PeriodChoice[] = [];
  let month = dataMonth;
  while (out.length < count) {
    const period = periodOf(grain, month);
    const end = periodEnd(period);
    out.push({ period, month: end < dataMonth ? end : dataMonth });
    const first = grain === 'year' ? `${period}-01` : grain === 'quarter' ? addMonths(end, -2) : month;
    month = addMonths(first, -1);
  }
  return out;
}

/**
 * The month the index's data reach: the dossiers' data date (the index's own, server/context.ts), else the latest
 * data date of any dataset, else `today`'s month.
 */
export function dataMonthOf(datasets: { kind: string; data_date: string | null }[], today: string): string {
  const dossiers = datasets.find((d) => d.kind === 'dossiers')?.data_date;
  const latest = datasets
    .map((d) => d.data_date)
    .filter((d): d is string => !!d)
    .sort()
    .at(-1);
  return (dossiers ?? latest ?? today).slice(0, 7);
}

/**
 * The period month a screen opens on: the data month when it is complete, else the month before it (a month of a
 * few days is not a score to lead with; it stays one choice away).
 */
export function defaultMonthOf(datasets: { kind: string; data_date: string | null }[], today: string): string {
  const month = dataMonthOf(datasets, today);
  const day = datasets.find((d) => d.kind === 'dossiers')?.data_date ?? null;
  return day && monthInProgress(day) === month ? addMonths(month, -1) : month;
}

/** YYYY-MM-DD → YYYY-MM. */
export const monthOfDay = (day: string): string => day.slice(0, 7);

/** The month of the data date when that day is not its month's last (one rule, in the charts). */
export { monthInProgress };

/** Whether a period is still in progress: it ends after the data date's month, or in it before its last day. */
export function periodInProgress(period: string, dataDate: string): boolean {
  const end = periodEnd(period);
  const dataMonth = dataDate.slice(0, 7);
  return end > dataMonth || (end === dataMonth && monthInProgress(dataDate) === dataMonth);
}

/** 1.1 < 1.2 < 2.1 < 3.5 < 3.5b < 4.2 < 4.2b < 4.5a: numbers compared as numbers, then letters. */
export function compareIds(a: string, b: string): number {
  const parts = (id: string) => id.split(/(\d+)/).filter(Boolean);
  const pa = parts(a);
  const pb = parts(b);
  for (let k = 0; k < Math.max(pa.length, pb.length); k++) {
    const x = pa[k] ?? '';
    const y = pb[k] ?? '';
    if (x === y) continue;
    const nx = Number(x);
    const ny = Number(y);
    if (x !== '' && y !== '' && Number.isFinite(nx) && Number.isFinite(ny)) return nx - ny;
    return x < y ? -1 : 1;
  }
  return 0;
}

/** What a status weighs in the table's order after the points lost: scored first, the rest after. */
const STATUS_ORDER: Record<string, number> = { scored: 0, withheld: 1, no_data: 2, not_scored: 3, no_formula: 4 };

/** Indicators by points lost, most first; those without points (no data, not scored, …) last, by id. */
export function byPointsLost<T extends Pick<Index766IndicatorValue, 'id' | 'lost' | 'status'>>(rows: T[]): T[] {
  return [...rows].sort(
    (a, b) =>
      (b.lost ?? -1) - (a.lost ?? -1) ||
      (STATUS_ORDER[a.status] ?? 9) - (STATUS_ORDER[b.status] ?? 9) ||
      compareIds(a.id, b.id),
  );
}

/** The child units of a by=unit answer ranked by score, best first; those without a score last, by name. */
export function rankedUnits(rows: Index766Row[], unit: string): Index766Row[] {
  const children = rows.filter((r) => r.unit !== unit);
  return children.sort(
    (a, b) =>
      (a.score === null ? 1 : 0) - (b.score === null ? 1 : 0) ||
      (b.score ?? 0) - (a.score ?? 0) ||
      a.unit_name.localeCompare(b.unit_name, 'vi'),
  );
}

/**
 * Where a score axis starts: 0, or a round step below the lowest value when every value sits high (the bars then
 * show their differences; the chart says the axis does not start at 0).
 */
export function scoreAxisMin(values: (number | null | undefined)[], step = 10): number {
  const known = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  if (known.length === 0) return 0;
  const low = Math.min(...known);
  const min = Math.floor((low - step / 2) / step) * step;
  return min >= 4 * step ? min : 0;
}

/** Portal rows in the order of the groups (total last), newest period first. */
export function orderPortal(rows: Index766Portal[], groups: { id: string }[]): Index766Portal[] {
  const rank = (g: string) => (g === 'total' ? 1e3 : groups.findIndex((x) => x.id === g) + 1 || 999);
  return [...rows].sort((a, b) => b.period.localeCompare(a.period) || rank(a.group) - rank(b.group));
}

/** A definition's name in the language shown. */
export const nameIn = (lang: Lang, d: { name_vi: string; name_en: string }): string =>
  lang === 'en' ? d.name_en : d.name_vi;

/** Points with two decimals: "12,5" (vi), "12.5" (en). */
export const pointsText = (i: I18n, v: number): string => i.number(v, 2);

/** "12,5/18": points of a maximum; "—/18" when the points are unknown. */
export function pointsOfMax(i: I18n, points: number | null, max: number): string {
  return `${points === null ? '—' : pointsText(i, points)}/${i.number(max, 2)}`;
}

/** A signed difference: "+1,25", "−3,5", "0". */
export function signedText(i: I18n, v: number): string {
  if (v === 0) return i.number(0, 2);
  return `${v > 0 ? '+' : '−'}${i.number(Math.abs(v), 2)}`;
}

/**
 * A ratio as the screen writes it: the server's ratio is a fraction (0..1) for percent indicators and a value
 * in its own unit otherwise (2.2: days).
 */
export function ratioText(i: I18n, ratio: number | null, unit: string | undefined): string {
  if (ratio === null) return '—';
  if (unit && unit !== 'percent') return i.value(ratio, unit);
  return i.value(ratio * 100, 'percent');
}

/** The definitions by id, and the group of each, for the table and the losses. */
export function definitions(defs: Index766IndicatorDef[]): Map<string, Index766IndicatorDef> {
  return new Map(defs.map((d) => [d.id, d]));
}

/**
 * The December forecast of a year in words: its value and 80 % range, or why there is none (the server's method; no
 * forecast at all once December is within the data).
 */
export function forecastText(i: I18n, f: Index766Forecast | null, year: string, dataMonth: string): string {
  if (!f) return i.t(`${year}-12` <= dataMonth ? 'index766.forecast.known' : 'index766.forecast.none', { year });
  if (f.method === 'damped_logit' && f.score !== null) {
    const value =
      f.low !== null && f.high !== null
        ? i.t('index766.forecast.text', {
            year,
            score: pointsText(i, f.score),
            low: pointsText(i, f.low),
            high: pointsText(i, f.high),
          })
        : i.t('index766.forecast.text_point', { year, score: pointsText(i, f.score) });
    return `${value} ${i.t('index766.forecast.method.damped_logit')}`;
  }
  const known = ['too_short', 'too_far', 'no_data'].includes(f.method);
  return i.t(known ? `index766.forecast.method.${f.method}` : 'index766.forecast.none');
}
