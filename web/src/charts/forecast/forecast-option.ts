// Option builders of the Forecast screen: the projected pyramid over today's (bars for the year
// projected, a line for today), and the fan of total population by scenario (a line per scenario,
// the band between the lowest and the highest shaded). Pure; tests/unit/web-charts-forecast.test.ts.
import type { EChartsCoreOption } from 'echarts/core';
import type { I18n } from '../../i18n/index.ts';
import { fontSizes, type ChartOptions } from '../chart-style.ts';
import { AGE_GROUPS, ageGroupLabel } from '../pyramid/pyramid-option.ts';

export interface PyramidPair {
  /** persons by 5-year group (0–4 … 85+), one array per sex */
  today: { male: number[]; female: number[] };
  future: { male: number[]; female: number[] };
  todayLabel: string;
  futureLabel: string;
}

export function projectedPyramidOption(p: PyramidPair, i: I18n, opts: ChartOptions = {}): EChartsCoreOption {
  const fs = fontSizes(opts.wall);
  const labels = AGE_GROUPS.map((g) => ageGroupLabel(g, i));
  const abs = (v: number) => i.number(Math.abs(v), 0);
  const neg = (xs: number[]) => xs.map((v) => -v);
  const line = (name: string, data: number[]) => ({
    type: 'line',
    name,
    data,
    step: 'middle',
    symbol: 'none',
    lineStyle: { color: '#1f2933', width: opts.wall ? 3 : 2 },
    itemStyle: { color: '#1f2933' },
    z: 5,
  });
  return {
    aria: { enabled: true },
    animation: false,
    grid: { left: opts.wall ? 150 : 90, right: 24, top: 40, bottom: 32 },
    legend: { top: 0, textStyle: { fontSize: fs.legend } },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      valueFormatter: (v: unknown) => (typeof v === 'number' ? abs(v) : ''),
    },
    xAxis: { type: 'value', axisLabel: { fontSize: fs.axis, formatter: abs } },
    yAxis: { type: 'category', data: labels, axisTick: { show: false }, axisLabel: { fontSize: fs.axis } },
    series: [
      {
        type: 'bar',
        name: `${i.t('pyramid.male')} ${p.futureLabel}`,
        stack: 'future',
        data: neg(p.future.male),
        itemStyle: { color: '#2f6fd6', opacity: 0.75 },
        barCategoryGap: '8%',
      },
      {
        type: 'bar',
        name: `${i.t('pyramid.female')} ${p.futureLabel}`,
        stack: 'future',
        data: p.future.female,
        itemStyle: { color: '#d0527a', opacity: 0.75 },
        barCategoryGap: '8%',
      },
      line(p.todayLabel, neg(p.today.male)),
      { ...line(`${p.todayLabel} `, p.today.female), name: p.todayLabel },
    ],
  };
}

export interface FanSeries {
  name: string;
  years: number[];
  totals: number[];
}

/** Total population by year for each scenario; the band covers the lowest to the highest scenario. */
export function fanOption(series: FanSeries[], i: I18n, opts: ChartOptions = {}): EChartsCoreOption {
  const fs = fontSizes(opts.wall);
  const years = [...new Set(series.flatMap((s) => s.years))].sort((a, b) => a - b);
  const at = (s: FanSeries, y: number) => {
    const k = s.years.indexOf(y);
    return k >= 0 ? s.totals[k] : null;
  };
  const lows = years.map((y) => Math.min(...series.map((s) => at(s, y) ?? Infinity)));
  const highs = years.map((y) => Math.max(...series.map((s) => at(s, y) ?? -Infinity)));
  const colors = ['#c62828', '#2f6fd6', '#1a7f37', '#8e44ad', '#d08700'];
  return {
    aria: { enabled: true },
    animation: false,
    grid: { left: opts.wall ? 120 : 72, right: 24, top: 40, bottom: 32 },
    legend: { top: 0, textStyle: { fontSize: fs.legend }, data: series.map((s) => s.name) },
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? i.number(v, 0) : '') },
    xAxis: { type: 'category', data: years.map(String), axisLabel: { fontSize: fs.axis } },
    yAxis: { type: 'value', scale: true, axisLabel: { fontSize: fs.axis, formatter: (v: number) => i.number(v, 0) } },
    series: [
      // the band: the lowest as an invisible base, the spread stacked on it
      {
        type: 'line',
        name: 'band-low',
        data: lows,
        stack: 'band',
        symbol: 'none',
        lineStyle: { opacity: 0 },
        tooltip: { show: false },
        silent: true,
      },
      {
        type: 'line',
        name: 'band',
        data: highs.map((h, k) => h - lows[k]),
        stack: 'band',
        symbol: 'none',
        lineStyle: { opacity: 0 },
        areaStyle: { color: 'rgba(47,111,214,0.12)' },
        tooltip: { show: false },
        silent: true,
      },
      ...series.map((s, k) => ({
        type: 'line',
        name: s.name,
        data: years.map((y) => at(s, y)),
        symbol: 'circle',
        symbolSize: opts.wall ? 8 : 5,
        lineStyle: { width: opts.wall ? 4 : 2, color: colors[k % colors.length] },
        itemStyle: { color: colors[k % colors.length] },
      })),
    ],
  };
}
