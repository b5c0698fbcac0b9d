// The line under a chart that says what it shows: its unit, its period (and that its last month is not over yet),
// the data date and where the figures come from, and when its value axis does not start at 0. Pure;
// tests/unit/web-charts-info.test.ts. Drawn by charts/ui/ChartInfo.tsx.
import type { I18n } from '../i18n/index.ts';
import type { PartialMonth } from './partial-month.ts';

export interface ChartInfoInput {
  /** the values' unit: percent, count, persons, days, points, milestone */
  unit?: string | null;
  /** a period as i.period() reads it: YYYY-MM, YYYY-MM..YYYY-MM, YYYY..YYYY */
  period?: string | null;
  /** the month in progress on the chart (said instead of the bare data date) */
  partial?: Pick<PartialMonth, 'month' | 'dataDate'> | null;
  dataDate?: string | null;
  /** kinds of import file that feed the figures (sources.kind.*) */
  sources?: readonly string[];
  /** the source in words, when it is not a kind of import file */
  source?: string | null;
  /** said when the value axis does not start at 0 */
  axisNote?: string | null;
}

/** The words of the unit, or null when the unit has none to say. */
export function unitWords(i: I18n, unit: string | null | undefined): string | null {
  if (!unit) return null;
  const key = `charts.unit.${unit}`;
  const text = i.t(key);
  return text === key ? null : text;
}

/** The parts of the line, in order (joined with " · " on screen). */
export function chartInfoParts(i: I18n, input: ChartInfoInput): string[] {
  const parts: string[] = [];
  const unit = unitWords(i, input.unit);
  if (unit) parts.push(i.t('charts.info.unit', { unit }));
  if (input.period) parts.push(i.t('charts.info.period', { period: i.period(input.period) }));
  if (input.partial)
    parts.push(
      i.t('charts.info.partial', { month: i.period(input.partial.month), date: i.date(input.partial.dataDate) }),
    );
  else if (input.dataDate) parts.push(i.t('charts.info.data_date', { date: i.date(input.dataDate) }));
  const source = input.source ?? sourceWords(i, input.sources ?? []);
  if (source) parts.push(i.t('charts.info.source', { list: source }));
  if (input.axisNote) parts.push(input.axisNote);
  return parts;
}

/** The kinds of import file as words ("hồ sơ thủ tục hành chính, …"), or null when there is none. */
export function sourceWords(i: I18n, kinds: readonly string[]): string | null {
  const words = [...new Set(kinds)].map((k) => i.t(`sources.kind.${k}`));
  return words.length ? words.join(', ') : null;
}

/** A period spanning some months (YYYY-MM, in order): "a..b", one month alone, or null when there is none. */
export function monthSpan(months: readonly string[]): string | null {
  if (months.length === 0) return null;
  const first = months[0];
  const last = months[months.length - 1];
  return first === last ? first : `${first}..${last}`;
}
