// The leader's brief's calendar (issue 19): the slots of a schedule in Vietnam's time (Asia/Ho_Chi_Minh, through
// Intl, whatever the server's zone), which slot is due after a downtime, and the periods a brief reports on.
// Pure functions, used by the scheduler, the brief builder and the routes of server/briefs and their tests.
import type { BriefPeriod, PeriodKind } from '../contracts/briefs.ts';

export const VN_ZONE = 'Asia/Ho_Chi_Minh';
const DAY_MS = 86_400_000;

/** A moment's wall time in Vietnam; weekday 1 = Monday … 7 = Sunday. */
export interface VnParts {
  y: number;
  m: number;
  d: number;
  hh: number;
  mm: number;
  weekday: number;
}

const VN_FORMAT = new Intl.DateTimeFormat('en-US', {
  timeZone: VN_ZONE,
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  hourCycle: 'h23',
});

/** Weekday of a calendar date, 1 = Monday … 7 = Sunday. */
function weekdayOf(y: number, m: number, d: number): number {
  return ((new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7) + 1;
}

/** The wall time in Vietnam of an instant. */
export function vnParts(date: Date): VnParts {
  const parts = Object.fromEntries(VN_FORMAT.formatToParts(date).map((p) => [p.type, p.value]));
  const y = Number(parts.year);
  const m = Number(parts.month);
  const d = Number(parts.day);
  return { y, m, d, hh: Number(parts.hour) % 24, mm: Number(parts.minute), weekday: weekdayOf(y, m, d) };
}

/** The instant of a wall time in Vietnam; days past a month's end roll over as in Date.UTC (d = 0: the day before). */
export function vnDate(y: number, m: number, d: number, hh = 0, mm = 0): Date {
  const wall = Date.UTC(y, m - 1, d, hh, mm);
  // Vietnam is UTC+7 since 1975; the offset is still read from Intl, which knows the zone's history
  const guess = wall - 7 * 3_600_000;
  const p = vnParts(new Date(guess));
  return new Date(guess - (Date.UTC(p.y, p.m - 1, p.d, p.hh, p.mm) - wall));
}

/** When a schedule fires: weekday for a week (1 = Monday … 7 = Sunday), day of the month otherwise; HH:MM. */
export interface SlotSpec {
  kind: PeriodKind;
  weekday: number | null;
  day: number | null;
  time: string;
}

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
const isInt = (v: unknown, lo: number, hi: number) => Number.isInteger(v) && (v as number) >= lo && (v as number) <= hi;

/** Why a schedule's slot cannot be (Vietnamese / English), or null when it is a good one. */
export function checkSpec(spec: SlotSpec): string | null {
  if (!['week', 'month', 'quarter'].includes(spec.kind))
    return 'Kỳ báo cáo phải là tuần, tháng hoặc quý / The period must be week, month or quarter';
  if (typeof spec.time !== 'string' || !TIME.test(spec.time))
    return `Giờ gửi phải có dạng HH:MM, từ 00:00 đến 23:59 / The time must be HH:MM, 00:00 to 23:59`;
  if (spec.kind === 'week' && !isInt(spec.weekday, 1, 7))
    return (
      'Lịch hằng tuần cần ngày trong tuần từ 1 (Thứ Hai) đến 7 (Chủ nhật) / ' +
      'A weekly schedule needs a weekday from 1 (Monday) to 7 (Sunday)'
    );
  if (spec.kind !== 'week' && !isInt(spec.day, 1, 31))
    return (
      'Lịch hằng tháng hoặc hằng quý cần ngày trong tháng từ 1 đến 31 / ' +
      'A monthly or quarterly schedule needs a day of the month from 1 to 31'
    );
  return null;
}

function hhmm(time: string): [number, number] {
  const match = TIME.exec(time);
  if (!match) throw new Error(`Invalid slot time "${time}" (HH:MM)`);
  return [Number(match[1]), Number(match[2])];
}

const daysInMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/**
 * The k-th slot from the cycle that holds `now`'s Vietnam day (k = 0: this week, month or quarter; -1 the one
 * before; 1 the one after). A month's day past its end is its last day.
 */
function slotOfCycle(spec: SlotSpec, p: VnParts, k: number): Date {
  const [hh, mm] = hhmm(spec.time);
  if (spec.kind === 'week') {
    const monday = p.d - (p.weekday - 1);
    return vnDate(p.y, p.m, monday + ((spec.weekday ?? 1) - 1) + 7 * k, hh, mm);
  }
  const first = spec.kind === 'month' ? p.m - 1 : 3 * Math.floor((p.m - 1) / 3);
  const index = p.y * 12 + first + (spec.kind === 'month' ? k : 3 * k);
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return vnDate(y, m, Math.min(spec.day ?? 1, daysInMonth(y, m)), hh, mm);
}

/** The latest slot at or before `now`. */
export function latestSlot(spec: SlotSpec, now: Date): Date {
  const p = vnParts(now);
  const slot = slotOfCycle(spec, p, 0);
  return slot.getTime() <= now.getTime() ? slot : slotOfCycle(spec, p, -1);
}

/** The first slot strictly after `now`. */
export function nextSlot(spec: SlotSpec, now: Date): Date {
  const p = vnParts(now);
  const slot = slotOfCycle(spec, p, 0);
  return slot.getTime() > now.getTime() ? slot : slotOfCycle(spec, p, 1);
}

/**
 * The slot to run now, or null: the latest slot when it comes after the last one run (or, never run, when it is
 * not before the schedule was made). One slot only, however many were missed: a downtime is caught up once.
 */
export function dueSlot(spec: SlotSpec, lastSlot: Date | null, since: Date, now: Date): Date | null {
  const slot = latestSlot(spec, now);
  if (lastSlot) return slot.getTime() > lastSlot.getTime() ? slot : null;
  return slot.getTime() >= since.getTime() ? slot : null;
}

// ---- periods ----

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
const utcDay = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d);
const ROMAN = ['I', 'II', 'III', 'IV'];
const MONTHS_EN = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** The Monday that starts ISO week 1 of an ISO week-year (the week with the year's first Thursday). */
function isoWeekOneMonday(year: number): number {
  const jan4 = utcDay(year, 1, 4);
  return jan4 - (weekdayOf(year, 1, 4) - 1) * DAY_MS;
}

const isoWeeksIn = (year: number) => (isoWeekOneMonday(year + 1) - isoWeekOneMonday(year)) / (7 * DAY_MS);

function weekPeriod(year: number, week: number): BriefPeriod {
  const from = isoWeekOneMonday(year) + (week - 1) * 7 * DAY_MS;
  const to = from + 6 * DAY_MS;
  const [f, t] = [new Date(from), new Date(to)];
  const dm = (d: Date) => `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}`;
  const span =
    f.getUTCFullYear() === t.getUTCFullYear()
      ? `${dm(f)}–${dm(t)}/${t.getUTCFullYear()}`
      : `${dm(f)}/${f.getUTCFullYear()}–${dm(t)}/${t.getUTCFullYear()}`;
  return {
    kind: 'week',
    id: `${year}-W${pad(week)}`,
    from: iso(from),
    to: iso(to),
    label_vi: `tuần ${week}/${year} (${span})`,
    label_en: `week ${week} of ${year} (${span})`,
  };
}

function monthPeriod(y: number, m: number): BriefPeriod {
  return {
    kind: 'month',
    id: `${y}-${pad(m)}`,
    from: iso(utcDay(y, m, 1)),
    to: iso(utcDay(y, m + 1, 0)),
    label_vi: `tháng ${m}/${y}`,
    label_en: `${MONTHS_EN[m - 1]} ${y}`,
  };
}

function quarterPeriod(y: number, q: number): BriefPeriod {
  return {
    kind: 'quarter',
    id: `${y}-Q${q}`,
    from: iso(utcDay(y, 3 * q - 2, 1)),
    to: iso(utcDay(y, 3 * q + 1, 0)),
    label_vi: `quý ${ROMAN[q - 1]}/${y}`,
    label_en: `Q${q} ${y}`,
  };
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The period of a kind that holds a day (YYYY-MM-DD); weeks are ISO weeks, numbered in their ISO week-year. */
export function periodOf(kind: PeriodKind, day: string): BriefPeriod {
  const match = DAY.exec(day);
  const [y, m, d] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [0, 0, 0];
  if (!match || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) throw new Error(`Invalid day "${day}" (YYYY-MM-DD)`);
  if (kind === 'month') return monthPeriod(y, m);
  if (kind === 'quarter') return quarterPeriod(y, Math.floor((m - 1) / 3) + 1);
  // the ISO week-year is the year of the week's Thursday
  const thursday = utcDay(y, m, d) + (4 - weekdayOf(y, m, d)) * DAY_MS;
  const year = new Date(thursday).getUTCFullYear();
  return weekPeriod(year, Math.round((thursday - isoWeekOneMonday(year)) / (7 * DAY_MS)) + 1);
}

/** A period from its id (2026-W47, 2026-11, 2026-Q4); throws on anything else, or a week 53 a year lacks. */
export function parsePeriodId(id: string): BriefPeriod {
  const bad = () =>
    new Error(
      `Kỳ báo cáo không hợp lệ: "${id}" (cần YYYY-Www, YYYY-MM hoặc YYYY-Qn) / ` +
        `Invalid period "${id}" (expected YYYY-Www, YYYY-MM or YYYY-Qn)`,
    );
  const match = /^(\d{4})-(?:W(\d{2})|(\d{2})|Q([1-4]))$/.exec(String(id));
  if (!match) throw bad();
  const y = Number(match[1]);
  if (match[2] !== undefined) {
    const week = Number(match[2]);
    if (week < 1 || week > isoWeeksIn(y)) throw bad();
    return weekPeriod(y, week);
  }
  if (match[3] !== undefined) {
    const m = Number(match[3]);
    if (m < 1 || m > 12) throw bad();
    return monthPeriod(y, m);
  }
  return quarterPeriod(y, Number(match[4]));
}

/** The period just before. */
export function previousPeriod(p: BriefPeriod): BriefPeriod {
  const [y, m, d] = p.from.split('-').map(Number);
  return periodOf(p.kind, iso(utcDay(y, m, d - 1)));
}

/** The Vietnam day (YYYY-MM-DD) of an instant. */
export function vnDay(date: Date): string {
  const p = vnParts(date);
  return `${p.y}-${pad(p.m)}-${pad(p.d)}`;
}

/**
 * The period a slot's brief reports on: the last one that ended before the slot's Vietnam day (a Monday brief:
 * the week before; the 1st or the 15th of a month: the month before).
 */
export function reportedPeriod(kind: PeriodKind, slot: Date): BriefPeriod {
  return previousPeriod(periodOf(kind, vnDay(slot)));
}

// ---- wording ----

const WEEKDAYS_VI = ['Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy', 'Chủ nhật'];
const WEEKDAYS_EN = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** A schedule's slot in words: "Thứ Hai hằng tuần, 07:00", "Ngày 1 hằng tháng, 07:00", "Every Monday, 07:00". */
export function slotLabel(spec: SlotSpec, lang: 'vi' | 'en'): string {
  const vi = lang === 'vi';
  if (spec.kind === 'week') {
    const i = (spec.weekday ?? 1) - 1;
    return vi ? `${WEEKDAYS_VI[i]} hằng tuần, ${spec.time}` : `Every ${WEEKDAYS_EN[i]}, ${spec.time}`;
  }
  if (spec.kind === 'month')
    return vi ? `Ngày ${spec.day} hằng tháng, ${spec.time}` : `Day ${spec.day} of every month, ${spec.time}`;
  return vi
    ? `Ngày ${spec.day} tháng đầu mỗi quý, ${spec.time}`
    : `Day ${spec.day} of each quarter's first month, ${spec.time}`;
}

/** A slot's moment in Vietnam's time: "Thứ Hai 07:00, 07/12/2026" ("Monday 07:00, 07/12/2026"). */
export function slotWhen(date: Date, lang: 'vi' | 'en'): string {
  const p = vnParts(date);
  const day = (lang === 'vi' ? WEEKDAYS_VI : WEEKDAYS_EN)[p.weekday - 1];
  return `${day} ${pad(p.hh)}:${pad(p.mm)}, ${pad(p.d)}/${pad(p.m)}/${p.y}`;
}
