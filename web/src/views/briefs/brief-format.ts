// Pure helpers of the screen "Báo cáo định kỳ" (views/Briefs.tsx and views/briefs/*): an instant read in
// Vietnam's time (Asia/Ho_Chi_Minh, whatever the browser's zone), the periods a brief can be made for now, the
// state of a brief's e-mails in one word, and a schedule time typed by hand made HH:MM.
import type { BriefPeriod } from '../../../../server/contracts/briefs.ts';
import { previousPeriod, reportedPeriod, vnParts as vnWallTime } from '../../../../server/briefs/slots.ts';
import type { I18n } from '../../i18n/index.ts';
import type { Delivery, PeriodKind } from './briefs-api.ts';

/** How many periods of each kind "Tạo báo cáo ngay" offers: a quarter of weeks, a year of months, two of quarters. */
const OFFERED: Record<PeriodKind, number> = { week: 13, month: 12, quarter: 8 };

/**
 * The periods a brief can be made for, newest first: the last one ended before today in Vietnam (the server's
 * default, server/briefs/slots.ts) and those before it, leaving out any that starts after the data's last day
 * (the server refuses them).
 */
export function offeredPeriods(kind: PeriodKind, now: Date, dataDate: string | null): BriefPeriod[] {
  let p = reportedPeriod(kind, now);
  for (let guard = 0; dataDate && p.from > dataDate && guard < 400; guard++) p = previousPeriod(p);
  const out = [p];
  while (out.length < OFFERED[kind]) out.push(previousPeriod(out[out.length - 1]));
  return out;
}

const two = (n: number) => String(n).padStart(2, '0');

/** An instant in Vietnam's time (server/briefs/slots.ts, as the scheduler reads it): weekday, "07/12/2026", "07:00". */
export function vnParts(iso: string): { weekday: number; date: string; time: string } | null {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return null;
  const p = vnWallTime(at);
  return { weekday: p.weekday, date: `${two(p.d)}/${two(p.m)}/${p.y}`, time: `${two(p.hh)}:${two(p.mm)}` };
}

/** "07/12/2026 07:00" in Vietnam's time, or '' for a missing or broken instant. */
export function vnDateTime(iso: string | null): string {
  const v = iso ? vnParts(iso) : null;
  return v ? `${v.date} ${v.time}` : '';
}

/** "Thứ Hai 07:00, 07/12/2026 (giờ Việt Nam)": a slot in Vietnam's time with its weekday, or '' for none. */
export function slotText(iso: string | null, i: Pick<I18n, 't'>): string {
  const p = iso ? vnParts(iso) : null;
  if (!p) return '';
  const at = i.t('briefs.slot', { weekday: i.t(`briefs.weekday.${p.weekday}`), time: p.time, date: p.date });
  return `${at} ${i.t('briefs.vn_time')}`;
}

/**
 * The e-mails of one brief in one word: none sent for it (kept only), all sent, waiting for the first try,
 * waiting to try again after a failure, or failed for good (the worst one wins).
 */
export type DeliveryState = 'none' | 'sent' | 'waiting' | 'retrying' | 'failed';

export function deliveryState(deliveries: readonly Pick<Delivery, 'state' | 'attempts'>[]): DeliveryState {
  if (deliveries.length === 0) return 'none';
  if (deliveries.some((d) => d.state === 'failed')) return 'failed';
  const pending = deliveries.filter((d) => d.state === 'pending');
  if (pending.some((d) => d.attempts > 0)) return 'retrying';
  return pending.length > 0 ? 'waiting' : 'sent';
}

/** "7:00", "07:00", " 7h05" → "07:00", "07:05"; null when it is not a time of day (24 h). */
export function normalTime(text: string): string | null {
  const m = /^\s*(\d{1,2})\s*[:hH.]\s*(\d{2})\s*$/.exec(text);
  if (!m) return null;
  const [h, min] = [Number(m[1]), Number(m[2])];
  if (h > 23 || min > 59) return null;
  return `${String(h).padStart(2, '0')}:${m[2]}`;
}
