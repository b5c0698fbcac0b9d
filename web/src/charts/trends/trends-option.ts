// Option builder of monthly trends: one or more indicator series on one time axis, as an ECharts dataset. At most
// MAX_SERIES lines are drawn (the picker in TrendsChart chooses which), each keeping its colour, under a full legend
// (never paged) that moves the plot down as it wraps. Published values make one continuous line; a withheld month is
// null in the data (never 0), crossed by a dashed bridge with a hollow marker, and its tooltip says why
// (charts/withheld.ts); a month with no row at all stays a gap; the month in progress is drawn lighter, dashed and
// hollow, labelled with the data date (charts/partial-month.ts). Tests: tests/unit/web-charts-trends.test.ts.
import type { EChartsCoreOption } from 'echarts/core';
import type { Suppression } from '../../api/client.ts';
import type { I18n } from '../../i18n/index.ts';
import { fontSizes, legendLayout, SERIES_COLORS, type ChartOptions } from '../chart-style.ts';
import {
  latestDate,
  partialBand,
  partialLabel,
  partialLine,
  partialMonth,
  partialValue,
  PARTIAL_OPACITY,
} from '../partial-month.ts';
import { suppressedMarks } from '../trajectory/trajectory-option.ts';
import { axisTooltip, bridgeSeries, bridgeWithheld, withheldLabel, type DisclosureInfo } from '../withheld.ts';

export interface TrendSeries {
  name: string;
  /** YYYY-MM of each value */
  periods: string[];
  values: (number | null)[];
  /** withheld by the server (value null) */
  suppressed: boolean[];
  /** the server's reason for each withheld value (primary, complementary, small_base), when it sent one */
  suppression?: Suppression[];
  /** the answer's data date (YYYY-MM-DD): its month, unless that day is its last, is still in progress */
  dataDate?: string;
  /** the kinds of import file that feed the indicator (the chart's source) */
  sources?: string[];
}
export interface TrendsInput {
  series: TrendSeries[];
  /** the values' unit (one axis): percent, count, persons, days */
  unit: string;
  kind?: 'line' | 'bar';
  /** the server's disclosure method and k: the words for a withheld month */
  disclosure?: DisclosureInfo;
  /** the data date, when the series do not say it */
  dataDate?: string;
  /** indices of the series drawn (the picker's choice); default: all up to MAX_SERIES, else the first DEFAULT_SERIES */
  shown?: number[];
}

/** The most lines one chart draws: more cannot be told apart (their colours, their crossings). */
export const MAX_SERIES = 5;
/** The lines drawn at first when there are more than MAX_SERIES. */
export const DEFAULT_SERIES = 4;

/** The series drawn, in order: the chosen ones (at most MAX_SERIES), or the default. */
export function shownSeries(count: number, chosen?: readonly number[]): number[] {
  const valid = [...new Set(chosen ?? [])]
    .filter((k) => Number.isInteger(k) && k >= 0 && k < count)
    .sort((a, b) => a - b);
  if (chosen && valid.length > 0) return valid.slice(0, MAX_SERIES);
  const n = count <= MAX_SERIES ? count : DEFAULT_SERIES;
  return Array.from({ length: n }, (_, k) => k);
}

/** The data date of a chart: the one given, else the latest its series say. */
export const trendsDataDate = (input: TrendsInput): string | null =>
  input.dataDate ?? latestDate(input.series.map((s) => s.dataDate));

export function trendsOption(input: TrendsInput, i: I18n, opts: ChartOptions = {}): EChartsCoreOption {
  const fs = fontSizes(opts.wall);
  const shown = shownSeries(input.series.length, input.shown);
  const drawn = shown.map((k) => input.series[k]);
  // the axis spans every series (picking another one does not move it)
  const months = [...new Set(input.series.flatMap((s) => s.periods))].sort();
  const labels = months.map((m) => i.period(m));
  const pm = partialMonth(months, trendsDataDate(input));
  // per series, per month of the axis: the published value, and the reason when it is withheld
  const cells = drawn.map((s) => {
    const at = new Map(s.periods.map((p, k) => [p, k]));
    return months.map((m) => {
      const k = at.get(m);
      if (k === undefined) return { value: null, withheld: false, reason: null };
      const withheld = !!s.suppressed[k];
      return { value: withheld ? null : (s.values[k] ?? null), withheld, reason: s.suppression?.[k] ?? null };
    });
  });
  const line = input.kind !== 'bar';
  const values = cells.map((c) => c.map((x) => x.value));
  // the month in progress is not on the solid line (partialLine draws it); a bar of it is drawn lighter
  const source: (string | number | null)[][] = [
    ['period', ...drawn.map((s) => s.name)],
    ...months.map((_, r) => [labels[r], ...values.map((v) => (line && pm?.index === r ? null : v[r]))]),
  ];
  const fmt = (v: number) => i.value(v, input.unit);
  const color = (k: number) => SERIES_COLORS[shown[k] % SERIES_COLORS.length];
  const bridges = cells.map((c) =>
    bridgeWithheld(
      c.map((x) => x.value),
      c.map((x) => x.withheld),
    ),
  );
  const n = drawn.length;
  const partials = line && pm ? drawn.map((s, k) => partialLine(s.name, values[k], pm, color(k), opts.wall)) : [];
  const band =
    pm && values.some((v) => v[pm.index] !== null)
      ? partialBand(labels, pm, partialLabel(i, pm), fs.label, opts.wall)
      : null;
  const legend = legendLayout(n > 1 ? drawn.map((s) => s.name) : [], fs.legend, band ? 24 : 12);
  return {
    aria: { enabled: true },
    animation: false,
    color: SERIES_COLORS,
    grid: { left: opts.wall ? 110 : 64, right: 24, top: n > 1 ? legend.top : band ? 30 : 24, bottom: 40 },
    ...(n > 1 ? { media: legend.media } : {}),
    legend: { show: n > 1, type: 'plain', top: 0, textStyle: { fontSize: fs.legend } },
    tooltip: {
      trigger: 'axis',
      formatter: axisTooltip(labels, (s, r) => {
        const cell = s < n ? cells[s][r] : undefined;
        if (!cell) return null;
        if (cell.withheld) return withheldLabel(i, cell.reason, input.disclosure);
        if (cell.value === null) return i.t('chart.no_value');
        return pm?.index === r ? partialValue(i, pm, fmt(cell.value)) : fmt(cell.value);
      }),
    },
    dataset: { source },
    xAxis: { type: 'category', data: labels, axisLabel: { fontSize: fs.axis } },
    yAxis: {
      type: 'value',
      scale: input.unit !== 'count' && input.unit !== 'persons',
      axisLabel: { fontSize: fs.axis, formatter: fmt },
    },
    series: [
      ...drawn.map((s, k) => ({
        type: input.kind ?? 'line',
        name: s.name,
        ...(line
          ? { encode: { x: 'period', y: s.name } }
          : {
              data: values[k].map((v, r) =>
                pm?.index === r && v !== null
                  ? { value: v, itemStyle: { opacity: PARTIAL_OPACITY, borderType: 'dashed', borderColor: color(k) } }
                  : v,
              ),
            }),
        connectNulls: false,
        showSymbol: false,
        lineStyle: { width: opts.wall ? 4 : 2, color: color(k) },
        itemStyle: { color: color(k) },
        // withheld months the bridge cannot place (no published month beside them): a grey vertical line
        markLine: {
          symbol: 'none',
          silent: false,
          data: suppressedMarks(months, labels, line ? bridges[k].unplaced : cells[k].map((x) => x.withheld), (r) =>
            withheldLabel(i, cells[k][r].reason, input.disclosure),
          ),
        },
        ...(k === 0 && band ? { markArea: band } : {}),
      })),
      ...(line
        ? drawn.flatMap((s, k) =>
            bridges[k].marked.some(Boolean) ? [bridgeSeries(s.name, bridges[k], color(k), opts.wall)] : [],
          )
        : []),
      ...partials.filter((p): p is Record<string, unknown> => p !== null),
    ],
  };
}
