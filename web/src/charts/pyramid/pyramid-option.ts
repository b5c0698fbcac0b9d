// Option builder of the age pyramid: 5-year groups 0–4 … 85+, males to the left (negative), females to the right.
import type { EChartsCoreOption } from 'echarts/core';
import type { I18n } from '../../i18n/index.ts';
import { fontSizes, type ChartOptions } from '../chart-style.ts';

export const AGE_GROUPS = Array.from({ length: 18 }, (_, k) => k * 5);

export interface PyramidCell {
  value: number | null;
  suppressed: boolean;
}
export interface PyramidInput {
  /** one cell per group of AGE_GROUPS, in order */
  male: PyramidCell[];
  female: PyramidCell[];
  /** the month shown (YYYY-MM) and the answers' data date, said under the chart */
  month?: string;
  dataDate?: string;
}

export const ageGroupLabel = (g: number, i: I18n) =>
  g >= 85 ? i.t('pyramid.group_top', { from: g }) : i.t('pyramid.group', { from: g, to: g + 4 });

export function pyramidOption(input: PyramidInput, i: I18n, opts: ChartOptions = {}): EChartsCoreOption {
  const fs = fontSizes(opts.wall);
  const labels = AGE_GROUPS.map((g) => ageGroupLabel(g, i));
  const cell = (c: PyramidCell | undefined, sign: number) =>
    !c || c.suppressed || c.value === null ? null : sign * c.value;
  const abs = (v: number) => i.number(Math.abs(v), 0);
  return {
    aria: { enabled: true },
    animation: false,
    grid: { left: opts.wall ? 150 : 90, right: 24, top: 36, bottom: 32 },
    legend: { top: 0, textStyle: { fontSize: fs.legend } },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      valueFormatter: (v: unknown) => (typeof v === 'number' ? abs(v) : i.t('suppressed.short')),
    },
    xAxis: { type: 'value', axisLabel: { fontSize: fs.axis, formatter: abs } },
    yAxis: { type: 'category', data: labels, axisTick: { show: false }, axisLabel: { fontSize: fs.axis } },
    series: [
      {
        type: 'bar',
        name: i.t('pyramid.male'),
        stack: 'pop',
        data: AGE_GROUPS.map((_, k) => cell(input.male[k], -1)),
        itemStyle: { color: '#2f6fd6' },
        barCategoryGap: '8%',
      },
      {
        type: 'bar',
        name: i.t('pyramid.female'),
        stack: 'pop',
        data: AGE_GROUPS.map((_, k) => cell(input.female[k], 1)),
        itemStyle: { color: '#d0527a' },
        barCategoryGap: '8%',
      },
    ],
  };
}
