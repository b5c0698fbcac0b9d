// Office-hours arithmetic for dossier timestamps (minutes since 1970-01-01, local time): one-stop
// shops work Monday to Friday 7:30–17:00, and results are handed over only in those hours.
import { isWorkDay } from './calendar.ts';

export const OPEN = 450; // 7:30
export const CLOSE = 1020; // 17:00
export const SATURDAY_CLOSE = 690; // 11:30, the few Saturday mornings a shop is open

export function nextWorkDay(day: number): number {
  let d = day + 1;
  while (!isWorkDay(d)) d++;
  return d;
}

/** The first working day on or after `day`. */
export function workDayFrom(day: number): number {
  return isWorkDay(day) ? day : nextWorkDay(day);
}

/** Office minutes between two timestamps (0 when t1 ≤ t0). */
export function workMinutesBetween(t0: number, t1: number): number {
  if (t1 <= t0) return 0;
  let total = 0;
  const last = Math.floor(t1 / 1440);
  for (let d = Math.floor(t0 / 1440); d <= last; d++) {
    if (!isWorkDay(d)) continue;
    const lo = Math.max(t0, d * 1440 + OPEN);
    const hi = Math.min(t1, d * 1440 + CLOSE);
    if (hi > lo) total += hi - lo;
  }
  return total;
}

/** The timestamp `minutes` office minutes after t0 (from the next opening when t0 is outside hours). */
export function addWorkMinutes(t0: number, minutes: number): number {
  let day = Math.floor(t0 / 1440);
  let minute = t0 - day * 1440;
  if (!isWorkDay(day) || minute >= CLOSE) {
    day = nextWorkDay(day);
    minute = OPEN;
  } else if (minute < OPEN) minute = OPEN;
  let left = minutes;
  for (;;) {
    const available = CLOSE - minute;
    if (left <= available) return day * 1440 + minute + left;
    left -= available;
    day = nextWorkDay(day);
    minute = OPEN;
  }
}
