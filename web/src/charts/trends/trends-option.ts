// Option builder of monthly trends: one or more indicator series on one time axis, as an ECharts dataset. Published
// values make one continuous line; a withheld month is null in the data (never 0), crossed by a dashed bridge with a
// hollow marker, and its tooltip says why (charts/withheld.ts); a month with no row at all stays a gap.
import type { EChartsCoreOption } from 'echarts/core';
import type { Suppression } from '../../api/client.ts';
import type { I18n } from '../../i18n/index.ts';
import { fontSizes, SERIES_COLORS, type ChartOptions } from '../chart-style.ts';
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
}
export interface TrendsInput {
  series: TrendSeries[];
  /** the values' unit (one axis): percent, count, persons, days */
  unit: string;
  kind?: 'line' | 'bar';
  /** the server's disclosure method and k: the words for a withheld month */
  disclosure?: DisclosureInfo;
}

export function trendsOption(input: TrendsInput, i: I18n, opts: ChartOptions = {}): EChartsCoreOption {
  const fs = fontSizes(opts.wall);
  const months = [...new Set(input.series.flatMap((s) => s.periods))].sort();
  const labels = months.map((m) => i.period(m));
  // per series, per month of the axis: the published value, and the reason when it is withheld
  const cells = input.series.map((s) => {
    const at = new Map(s.periods.map((p, k) => [p, k]));
    return months.map((m) => {
      const k = at.get(m);
      if (k === undefined) return { value: null, withheld: false, reason: null };
      const withheld = !!s.suppressed[k];
      return { value: withheld ? null : (s.values[k] ?? null), withheld, reason: s.suppression?.[k] ?? null };
    });
  });
  const source: (string | number | null)[][] = [
    ['period', ...input.series.map((s) => s.name)],
    ...months.map((_, r) => [labels[r], ...cells.map((c) => c[r].value)]),
  ];
  const fmt = (v: number) => i.value(v, input.unit);
  const line = input.kind !== 'bar';
  const color = (k: number) => SERIES_COLORS[k % SERIES_COLORS.length];
  const bridges = cells.map((c) =>
    bridgeWithheld(
      c.map((x) => x.value),
      c.map((x) => x.withheld),
    ),
  );
  const n = input.series.length;
  return {
    aria: { enabled: true },
    animation: false,
    color: SERIES_COLORS,
    grid: { left: opts.wall ? 110 : 64, right: 24, top: n > 1 ? 48 : 24, bottom: 40 },
    legend: { show: n > 1, top: 0, type: 'scroll', textStyle: { fontSize: fs.legend } },
    tooltip: {
      trigger: 'axis',
      formatter: axisTooltip(labels, (s, r) => {
        const cell = s < n ? cells[s][r] : undefined;
        if (!cell) return null;
        if (cell.withheld) return withheldLabel(i, cell.reason, input.disclosure);
        return cell.value === null ? i.t('chart.no_value') : fmt(cell.value);
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
      ...input.series.map((s, k) => ({
        type: input.kind ?? 'line',
        name: s.name,
        encode: { x: 'period', y: s.name },
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
      })),
      ...(line
        ? input.series.flatMap((s, k) =>
            bridges[k].marked.some(Boolean) ? [bridgeSeries(s.name, bridges[k], color(k), opts.wall)] : [],
          )
        : []),
    ],
  };
}
