// What a map's legend says above its classes: the indicator, its unit and the months its values stand for, with
// "đến ngày 05/12/2026" when the last of them is still in progress. Pure; tested in tests/unit/web-map-legend.test.ts.
import type { I18n } from '../i18n/index.ts';

/**
 * The months a map's values stand for, from the period the server answered ("2022-01..2026-12"): an indicator read
 * at the end of the period (time 'last': a stock, a share at month end) stands for its last month, one summed over
 * the period (time 'sum') for the whole period. 'YYYY-MM', 'YYYY-MM..YYYY-MM', or '' when the period is unknown.
 */
export function shownPeriod(period: string, time: string | undefined): string {
  const [from, to = from] = period.split('..');
  if (!from) return '';
  return time === 'last' || from === to ? to : `${from}..${to}`;
}

/** Whether the data end inside the last month shown, before its last day: that month is still in progress. */
export function monthInProgress(shown: string, dataDate: string): boolean {
  const last = shown.split('..').at(-1) ?? '';
  if (!/^\d{4}-\d{2}$/.test(last) || dataDate.slice(0, 7) !== last) return false;
  const [y, m, d] = dataDate.slice(0, 10).split('-').map(Number);
  return d < new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** The words for an indicator's unit of measure ("%", "người", …); '' for a unit without words. */
export function unitWords(i: Pick<I18n, 't'>, unit: string): string {
  const key = `map.unit.${unit}`;
  const words = i.t(key);
  return words === key ? '' : words;
}

/**
 * "Tỷ lệ công dân có tài khoản VNeID mức 2 (%) · Tháng 11/2026", with "(đến ngày 05/12/2026)" when the last month
 * is in progress; the name alone while the period is not known.
 */
export function legendTitle(
  i: Pick<I18n, 't' | 'period' | 'date'>,
  o: { name: string; unit: string; period: string; time?: string; dataDate?: string },
): { what: string; when: string } {
  const words = unitWords(i, o.unit);
  const what = words ? `${o.name} (${words})` : o.name;
  const shown = shownPeriod(o.period, o.time);
  if (!shown) return { what, when: '' };
  const partial = o.dataDate && monthInProgress(shown, o.dataDate);
  const when = i.period(shown) + (partial ? ` ${i.t('map.legend.toDate', { date: i.date(o.dataDate!) })}` : '');
  return { what, when };
}
