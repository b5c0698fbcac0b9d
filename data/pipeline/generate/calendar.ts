// Dates as integer day numbers (days since 1970-01-01) and timestamps as minutes since then, with
// cached string forms, the months of the generation window and Vietnam's working days.

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

// Weekday closures of public offices (New Year, Tết, Hùng Kings, 30/4–1/5, National Day, with the
// compensating days off), 2021–2026, as announced each year; approximate for the later years.
const HOLIDAYS = [
  '2021-01-01',
  '2021-02-10',
  '2021-02-11',
  '2021-02-12',
  '2021-02-15',
  '2021-02-16',
  '2021-04-21',
  '2021-04-30',
  '2021-05-03',
  '2021-09-02',
  '2021-09-03',
  '2022-01-03',
  '2022-01-31',
  '2022-02-01',
  '2022-02-02',
  '2022-02-03',
  '2022-02-04',
  '2022-04-11',
  '2022-05-02',
  '2022-05-03',
  '2022-09-01',
  '2022-09-02',
  '2023-01-02',
  '2023-01-20',
  '2023-01-23',
  '2023-01-24',
  '2023-01-25',
  '2023-01-26',
  '2023-05-01',
  '2023-05-02',
  '2023-05-03',
  '2023-09-01',
  '2023-09-04',
  '2024-01-01',
  '2024-02-08',
  '2024-02-09',
  '2024-02-12',
  '2024-02-13',
  '2024-02-14',
  '2024-04-18',
  '2024-04-29',
  '2024-04-30',
  '2024-05-01',
  '2024-09-02',
  '2024-09-03',
  '2025-01-01',
  '2025-01-27',
  '2025-01-28',
  '2025-01-29',
  '2025-01-30',
  '2025-01-31',
  '2025-04-07',
  '2025-04-30',
  '2025-05-01',
  '2025-05-02',
  '2025-09-01',
  '2025-09-02',
  '2026-01-01',
  '2026-02-16',
  '2026-02-17',
  '2026-02-18',
  '2026-02-19',
  '2026-02-20',
  '2026-04-27',
  '2026-04-30',
  '2026-05-01',
  '2026-09-01',
  '2026-09-02',
];
// Public holidays that fall on a Saturday: the few shops open on Saturday mornings close then too.
const SATURDAY_HOLIDAYS = [
  '2022-01-01',
  '2022-01-29',
  '2022-04-30',
  '2022-09-03',
  '2023-01-21',
  '2023-04-29',
  '2023-09-02',
  '2024-02-10',
  '2024-04-27',
  '2024-08-31',
  '2025-01-25',
  '2025-05-03',
  '2025-08-30',
  '2026-02-14',
  '2026-05-02',
];
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
