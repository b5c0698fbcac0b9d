// Dates as integer day numbers (days since 1970-01-01) and timestamps as minutes since then, with
// cached string forms, the months of the generation window and Vietnam's working days (public holidays:
// ../holidays.ts, the list the store's work_days table is made from too).
import { HOLIDAYS, SATURDAY_HOLIDAYS } from '../holidays.ts';

const CACHE_FROM = -30_000; // 1887-11-03: older than any birth date generated
const dateCache: (string | undefined)[] = [];

/** Day number of a civil date (proleptic Gregorian; H. Hinnant's days_from_civil), no Date objects. */
export function dayOf(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** [year, month 1–12, day] of a day number (civil_from_days). */
export function civil(day: number): [number, number, number] {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

export function parseDate(text: string): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) throw new Error(`not a YYYY-MM-DD date: ${text}`);
  const [y, m, d] = text.split('-').map(Number);
  const day = dayOf(y, m, d);
  if (dateStr(day) !== text) throw new Error(`not a calendar date: ${text}`);
  return day;
}

/** YYYY-MM-DD of a day number (cached). */
export function dateStr(day: number): string {
  const i = day - CACHE_FROM;
  const hit = dateCache[i];
  if (hit !== undefined) return hit;
  const [y, m, d] = civil(day);
  const s = `${String(y).padStart(4, '0')}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
  if (i >= 0 && i < 80_000) dateCache[i] = s;
  return s;
}

/** Decimal year (2023.5 is about 2 July 2023), for smooth trends over time. */
export function decimalYear(day: number): number {
  return 1970 + day / 365.2425;
}

/** The same calendar day n years later (29 February rolls to 1 March), as for a birthday. */
export function addYears(day: number, years: number): number {
  const [y, m, d] = civil(day);
  return m === 2 && d === 29 ? dayOf(y + years, 3, 1) - (isLeap(y + years) ? 1 : 0) : dayOf(y + years, m, d);
}

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/** 0 = Sunday … 6 = Saturday. */
export function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

const HHMM: string[] = Array.from(
  { length: 1440 },
  (_, m) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`,
);

/** YYYY-MM-DD HH:MM of a timestamp in minutes since 1970-01-01 (local time of Vietnam, no zone). */
export function timestampStr(minutes: number): string {
  const day = Math.floor(minutes / 1440);
  return `${dateStr(day)} ${HHMM[minutes - day * 1440]}`;
}

const holidaySet = new Set([...HOLIDAYS, ...SATURDAY_HOLIDAYS].map(parseDate));

/** A working day of the one-stop shops: Monday to Friday, not a public holiday. */
export function isWorkDay(day: number): boolean {
  const w = weekday(day);
  return w >= 1 && w <= 5 && !holidaySet.has(day);
}

/** A Saturday morning some one-stop shops open: not a holiday, nor next to one (Tết and long weekends). */
export function isOpenSaturday(day: number): boolean {
  return weekday(day) === 6 && !holidaySet.has(day) && !holidaySet.has(day - 1) && !holidaySet.has(day + 2);
}

export interface Month {
  index: number;
  year: number;
  month: number; // 1..12
  first: number; // first day of the month
  last: number; // last day of the month
  daysInWindow: number; // days of the month inside [start, end]
  workDays: number[]; // working days inside the window
  saturdays: number[]; // open Saturdays inside the window
}

/** The months overlapping [start, end], with lookups from day to month index. */
export class Window {
  readonly months: Month[] = [];
  readonly start: number;
  readonly end: number;
  private readonly lookup: Int32Array;

  constructor(start: number, end: number) {
    if (end < start) throw new Error('end is before start');
    this.start = start;
    this.end = end;
    this.lookup = new Int32Array(end - start + 1);
    let [y, m] = civil(start);
    for (let first = dayOf(y, m, 1); first <= end;) {
      const next = dayOf(m === 12 ? y + 1 : y, m === 12 ? 1 : m + 1, 1);
      const lo = Math.max(first, start);
      const hi = Math.min(next - 1, end);
      const workDays: number[] = [];
      const saturdays: number[] = [];
      for (let d = lo; d <= hi; d++) {
        if (isWorkDay(d)) workDays.push(d);
        else if (isOpenSaturday(d)) saturdays.push(d);
      }
      this.months.push({
        index: this.months.length,
        year: y,
        month: m,
        first,
        last: next - 1,
        daysInWindow: hi - lo + 1,
        workDays,
        saturdays,
      });
      for (let d = lo; d <= hi; d++) this.lookup[d - start] = this.months.length - 1;
      first = next;
      y = m === 12 ? y + 1 : y;
      m = m === 12 ? 1 : m + 1;
    }
  }

  /** Index of the month holding day (may be < 0 or ≥ months.length outside the window). */
  monthOf(day: number): number {
    if (day >= this.start && day <= this.end) return this.lookup[day - this.start];
    const [y, m] = civil(day);
    const first = this.months[0];
    return (y - first.year) * 12 + m - first.month;
  }
}
