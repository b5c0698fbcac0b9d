// vi-VN (and en) formats for numbers, percents, dates and period names; accent-free search keys.
// Pure; tested in tests/unit/web-format.test.ts.
import type { Lang } from '../state/view-state.ts';

const locale = (lang: Lang) => (lang === 'vi' ? 'vi-VN' : 'en-GB');

/** 1.234,5 in Vietnamese, 1,234.5 in English; `digits` fraction digits at most. */
export function formatNumber(value: number, lang: Lang, digits = 1): string {
  return new Intl.NumberFormat(locale(lang), { maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(value);
}

/** A value in its indicator's unit: percent → "97,3 %", persons → "5.984", days → "3,2 ngày". */
export function formatValue(value: number, unit: string, lang: Lang): string {
  switch (unit) {
    case 'percent':
      return `${formatNumber(value, lang, 1)} %`;
    case 'count':
    case 'persons':
      return formatNumber(value, lang, 0);
    case 'days':
      return `${formatNumber(value, lang, 1)} ${lang === 'vi' ? 'ngày' : 'days'}`;
    case 'points':
      return `${formatNumber(value, lang, 2)} ${lang === 'vi' ? 'điểm' : 'points'}`;
    case 'persons_per_km2':
      return `${formatNumber(value, lang, 0)} ${lang === 'vi' ? 'người/km²' : 'per km²'}`;
    default:
      return formatNumber(value, lang, 1);
  }
}

/** dd/mm/yyyy (both languages use day-first dates here). */
export function formatDate(iso: string, lang: Lang): string {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  return new Intl.DateTimeFormat(locale(lang), {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(y, m - 1, d)));
}

/**
 * hh:mm:ss (24 h) of an instant, in Vietnam time (UTC+7): the data and their events are dated in
 * Vietnam time, so a screen read elsewhere says the same time as the commune's.
 */
export function formatTime(iso: string, lang: Lang): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return '';
  return new Intl.DateTimeFormat(locale(lang), {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    timeZone: 'Asia/Ho_Chi_Minh',
  }).format(at);
}

/**
 * dd/mm/yyyy hh:mm:ss (24 h) of an instant, in Vietnam time (the audit log's times); both languages
 * write day-first dates here (formatDate), in one fixed shape whatever the ICU data.
 */
export function formatDateTime(iso: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return '';
  const parts = new Intl.DateTimeFormat('en-GB', {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    timeZone: 'Asia/Ho_Chi_Minh',
  }).formatToParts(at);
  const p = (type: string) => parts.find((x) => x.type === type)?.value ?? '';
  return `${p('day')}/${p('month')}/${p('year')} ${p('hour')}:${p('minute')}:${p('second')}`;
}

/** A size in bytes: "512 B", "12,3 kB", "4,1 MB" (decimal units, vi-VN or en digits). */
export function formatBytes(n: number, lang: Lang): string {
  if (n < 1000) return `${formatNumber(n, lang, 0)} B`;
  if (n < 1_000_000) return `${formatNumber(n / 1000, lang, 1)} kB`;
  return `${formatNumber(n / 1_000_000, lang, 1)} MB`;
}

/** "2024-03" → "Tháng 3/2024"; "2024-Q1" → "Quý 1/2024"; "2024" → "Năm 2024"; ranges "a..b" → "a – b". */
export function formatPeriod(period: string, lang: Lang): string {
  if (period.includes('..'))
    return period
      .split('..')
      .map((p) => formatPeriod(p, lang))
      .join(' – ');
  let m = /^(\d{4})-(\d{2})$/.exec(period);
  if (m)
    return lang === 'vi'
      ? `Tháng ${Number(m[2])}/${m[1]}`
      : `${new Intl.DateTimeFormat('en-GB', { month: 'short', timeZone: 'UTC' }).format(
          new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1)),
        )} ${m[1]}`;
  m = /^(\d{4})-Q([1-4])$/.exec(period);
  if (m) return lang === 'vi' ? `Quý ${m[2]}/${m[1]}` : `Q${m[2]} ${m[1]}`;
  m = /^(\d{4})$/.exec(period);
  if (m) return lang === 'vi' ? `Năm ${m[1]}` : m[1];
  return period;
}

/** Lower case without diacritics, đ → d: "Xã Nam Trung" and "nam trung" meet. */
export function searchKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'd')
    .toLowerCase()
    .trim();
}
