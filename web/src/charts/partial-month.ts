// A month still in progress (the data date's month when the data date is not its last day), as every monthly chart
// draws it: its segment from the last complete month lighter and dashed, its point hollow, a shaded band labelled
// "đến ngày 04/12", and "(đến ngày 04/12, chưa hết tháng)" after its value in the tooltip, never a solid drop that
// reads as a collapse. Used by the trends and trajectory builders; pure, tests/unit/web-charts-partial-month.test.ts.
import type { I18n } from '../i18n/index.ts';

/** How much lighter the month in progress is drawn. */
export const PARTIAL_OPACITY = 0.55;
const BAND_COLOR = 'rgba(138,143,152,0.12)';

/** The month of a data date (YYYY-MM-DD) when that day is not its month's last: its figures are partial. */
export function monthInProgress(dataDate: string | null | undefined): string | null {
  const [y, m, d] = (dataDate ?? '').slice(0, 10).split('-').map(Number);
  if (!y || !m || !d) return null;
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d < last ? dataDate!.slice(0, 7) : null;
}

/** dd/mm of a YYYY-MM-DD day: "2026-12-04" → "04/12". */
export function dayMonth(day: string): string {
  return `${day.slice(8, 10)}/${day.slice(5, 7)}`;
}

/** The latest of some data dates (answers of one server: they agree, or one is newer), or null. */
export function latestDate(dates: readonly (string | null | undefined)[]): string | null {
  return dates.reduce<string | null>((a, d) => (d && (!a || d > a) ? d : a), null);
}

export interface PartialMonth {
  /** its place on the chart's month axis */
  index: number;
  month: string;
  dataDate: string;
}

/** The month in progress when it is on the axis (YYYY-MM months, in order), else null. */
export function partialMonth(months: readonly string[], dataDate: string | null | undefined): PartialMonth | null {
  const month = monthInProgress(dataDate);
  const index = month ? months.indexOf(month) : -1;
  return month && index >= 0 ? { index, month, dataDate: dataDate! } : null;
}

/** "đến ngày 04/12": the band's label. */
export const partialLabel = (i: I18n, pm: PartialMonth): string =>
  i.t('charts.partial_label', { date: dayMonth(pm.dataDate) });

/** A value of the month in progress in a tooltip: "70 (đến ngày 04/12, chưa hết tháng)". */
export const partialValue = (i: I18n, pm: PartialMonth, text: string): string =>
  i.t('charts.partial_value', { value: text, date: dayMonth(pm.dataDate) });

/** A line's values with the month in progress left out (it is drawn by partialLine). */
export const withoutPartial = <T>(values: readonly (T | null)[], pm: PartialMonth | null): (T | null)[] =>
  values.map((v, k) => (pm && k === pm.index ? null : v));

/**
 * The month in progress of one line: dashed and lighter from the month before (when it has a value), a hollow point
 * at the month; under the line's name (shown and hidden with it), silent and out of the tooltip (the line's own
 * entry says the value and that the month is not over). Null when the line has no value that month.
 */
export function partialLine(
  name: string,
  values: readonly (number | null)[],
  pm: PartialMonth,
  color: string,
  wall = false,
): Record<string, unknown> | null {
  const v = values[pm.index];
  if (v === null || v === undefined) return null;
  const size = wall ? 14 : 8;
  return {
    type: 'line',
    name,
    data: values.map((x, k) =>
      k === pm.index
        ? { value: v, symbol: 'emptyCircle', symbolSize: size }
        : k === pm.index - 1 && x !== null
          ? { value: x, symbol: 'none' }
          : null,
    ),
    symbol: 'none',
    showSymbol: true,
    showAllSymbol: true,
    connectNulls: false,
    silent: true,
    z: 3,
    tooltip: { show: false },
    lineStyle: { type: 'dashed', width: wall ? 3 : 1.5, color, opacity: PARTIAL_OPACITY },
    itemStyle: { color, borderWidth: wall ? 3 : 2, opacity: 1 },
    emphasis: { disabled: true },
  };
}

/**
 * The shaded band from the last complete month to the month in progress, labelled "đến ngày 04/12" above the plot,
 * ending at the band (so that it never runs off the chart's right edge). A markArea for one series of the chart.
 */
export function partialBand(labels: readonly string[], pm: PartialMonth, text: string, fontSize: number, wall = false) {
  const from = labels[Math.max(0, pm.index - 1)];
  return {
    silent: true,
    itemStyle: { color: BAND_COLOR },
    // the wall's dark theme gives its own text colour
    label: { show: true, position: 'top', align: 'right', distance: 4, fontSize, color: wall ? undefined : '#4b5563' },
    data: [[{ name: text, xAxis: from }, { xAxis: labels[pm.index] }]],
  };
}
