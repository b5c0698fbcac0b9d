// Option builder of monthly trends: one or more indicator series on one time axis, as an ECharts dataset;
// suppressed months are gaps with a dotted grey line (never 0).
import type { EChartsCoreOption } from 'echarts/core';
import type { I18n } from '../../i18n/index.ts';
import { fontSizes, SERIES_COLORS, type ChartOptions } from '../chart-style.ts';
import { suppressedMarks } from '../trajectory/trajectory-option.ts';

export interface TrendSeries {
  name: string;
  /** YYYY-MM of each value */
  periods: string[];
  values: (number | null)[];
  suppressed: boolean[];
}
export interface TrendsInput {
  series: TrendSeries[];
  /** the values' unit (one axis): percent, count, persons, days */
  unit: string;
  kind?: 'line' | 'bar';
}

export function trendsOption(input: TrendsInput, i: I18n, opts: ChartOptions = {}): EChartsCoreOption {
  const fs = fontSizes(opts.wall);
  const months = [...new Set(input.series.flatMap((s) => s.periods))].sort();
  const labels = months.map((m) => i.period(m));
  const lookup = input.series.map((s) => new Map(s.periods.map((p, k) => [p, s.suppressed[k] ? null : s.values[k]])));
  const source: (string | number | null)[][] = [
    ['period', ...input.series.map((s) => s.name)],
    ...months.map((m, r) => [labels[r], ...lookup.map((l) => l.get(m) ?? null)]),
  ];
  const fmt = (v: number) => i.value(v, input.unit);
  return {
    aria: { enabled: true },
    animation: false,
    color: SERIES_COLORS,
    grid: { left: opts.wall ? 110 : 64, right: 24, top: input.series.length > 1 ? 48 : 24, bottom: 40 },
    legend: { show: input.series.length > 1, top: 0, type: 'scroll', textStyle: { fontSize: fs.legend } },
    tooltip: {
      trigger: 'axis',
      valueFormatter: (v: unknown) => (typeof v === 'number' ? fmt(v) : i.t('suppressed.short')),
    },
    dataset: { source },
    xAxis: { type: 'category', axisLabel: { fontSize: fs.axis } },
    yAxis: {
      type: 'value',
      scale: input.unit !== 'count' && input.unit !== 'persons',
      axisLabel: { fontSize: fs.axis, formatter: fmt },
    },
    series: input.series.map((s) => ({
      type: input.kind ?? 'line',
      name: s.name,
      encode: { x: 'period', y: s.name },
      connectNulls: false,
      showSymbol: false,
      lineStyle: { width: opts.wall ? 4 : 2 },
      markLine: { symbol: 'none', silent: false, data: suppressedMarks(months, labels, s, i) },
    })),
  };
}
