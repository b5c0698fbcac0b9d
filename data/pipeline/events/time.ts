// Event times: an ISO date or date-time (no offset = Vietnam time, UTC+7) to the Vietnam calendar day,
// the local timestamp the store keeps (dossiers are stored in local time) and the cube's month index.
import { monthIndex as monthNumber, monthOfIndex } from '../../../server/contracts/months.ts';
import { CUBE_START } from '../store.ts';

const VN_OFFSET_MS = 7 * 3600_000;

export interface EventTime {
  /** milliseconds since the epoch (UTC) */
  utc: number;
  /** Vietnam calendar day, YYYY-MM-DD */
  day: string;
  /** Vietnam local time, 'YYYY-MM-DD HH:MM:SS' */
  local: string;
  /** months since the cube's first month (0 = CUBE_START's month) */
  month: number;
}

const START = monthNumber(CUBE_START);

/** The cube's month index of a YYYY-MM(-DD) string: months since CUBE_START's month. */
export function monthIndex(day: string): number {
  return monthNumber(day) - START;
}

/** First day (YYYY-MM-01) of a cube month index. */
export function monthStart(index: number): string {
  return `${monthOfIndex(START + index)}-01`;
}

/** Last day (YYYY-MM-DD) of a cube month index. */
export function monthEnd(index: number): string {
  const total = START + index;
  const days = new Date(Date.UTC(Math.floor(total / 12), (total % 12) + 1, 0)).getUTCDate();
  return `${monthOfIndex(total)}-${String(days).padStart(2, '0')}`;
}

/** A real calendar day? (2023-02-29 is not) */
export function isCalendarDay(day: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** Parses an event time; null when it is not a real date or time. */
export function parseEventTime(text: string): EventTime | null {
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/.exec(
    text,
  );
  if (!m || !isCalendarDay(m[1])) return null;
  const [h, min, s] = [Number(m[2] ?? 0), Number(m[3] ?? 0), Number(m[4] ?? 0)];
  if (h > 23 || min > 59 || s > 59) return null;
  const ms = m[5] ? Math.floor(Number(`0.${m[5]}`) * 1000) : 0;
  const [y, mo, d] = m[1].split('-').map(Number);
  let offset = VN_OFFSET_MS;
  if (m[6] === 'Z') offset = 0;
  else if (m[6]) {
    const sign = m[6][0] === '-' ? -1 : 1;
    const digits = m[6].slice(1).replace(':', '');
    const oh = Number(digits.slice(0, 2));
    const om = Number(digits.slice(2, 4));
    if (oh > 14 || om > 59) return null;
    offset = sign * (oh * 60 + om) * 60_000;
  }
  const utc = Date.UTC(y, mo - 1, d, h, min, s, ms) - offset;
  const local = new Date(utc + VN_OFFSET_MS).toISOString();
  const day = local.slice(0, 10);
  return { utc, day, local: `${day} ${local.slice(11, 19)}`, month: monthIndex(day) };
}

/** Age in whole years on `day` of a person born on `birth` (YYYY-MM-DD both). */
export function ageOn(birth: string, day: string): number {
  const years = Number(day.slice(0, 4)) - Number(birth.slice(0, 4));
  return years - (day.slice(5) < birth.slice(5) ? 1 : 0);
}

/** Five-year age group (lower bound 0 … 85) of an age, as the cube keeps it. */
export const ageGroup = (age: number): number => Math.min(17, Math.max(0, Math.floor(age / 5))) * 5;

/** The Vietnam calendar day of an instant. */
export const vietnamDay = (utc: number): string => new Date(utc + VN_OFFSET_MS).toISOString().slice(0, 10);
