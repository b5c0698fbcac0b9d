// Option builder of the trajectory chart: a target's monthly values (trailing 12 months for flows, as the
// server sent them), the target as a horizontal line, the deadline as a vertical line, and the forecast
// at the deadline with its 80 % range (the same outlook as the target's status and probability).
import type { EChartsCoreOption } from 'echarts/core';
import type { I18n } from '../../i18n/index.ts';
import { fontSizes, SUPPRESSED_LINE, type ChartOptions } from '../chart-style.ts';
import { monthsBetween } from '../series.ts';
import { statusColor } from '../status-colors.ts';

export interface TrajectoryInput {
  /** YYYY-MM, ascending */
  periods: string[];
  /** null where suppressed or unknown (a gap, never 0) */
  values: (number | null)[];
  suppressed: boolean[];
  target: number;
  /** YYYY-MM-DD */
  deadline: string;
  /** the value's unit: percent, count, persons, days, milestone */
  unit: string;
  status: string;
  /** the forecast at the deadline (median) and its 80 % range, from the target's outlook */
  forecast?: { value: number; lo80: number | null; hi80: number | null } | null;
  /** series name, e.g. "Giá trị 12 tháng gần nhất" */
  name: string;
  /** values computed without some suppressed months (drawn dashed as estimates) */
  partial?: boolean[];
  /** the value the targets API judged, at its month (a labelled point) */
  judged?: { month: string; value: number } | null;
}

export function trajectoryOption(input: TrajectoryInput, i: I18n, opts: ChartOptions = {}): EChartsCoreOption {
  const fs = fontSizes(opts.wall);
  const deadlineMonth = input.deadline.slice(0, 7);
  const first = input.periods[0] ?? deadlineMonth;
  const last = input.periods[input.periods.length - 1] ?? deadlineMonth;
  const months = monthsBetween(
    first < deadlineMonth ? first : deadlineMonth,
    last > deadlineMonth ? last : deadlineMonth,
  );
  const labels = months.map((m) => i.period(m));
  const byMonth = new Map(input.periods.map((p, k) => [p, k]));
  const values = months.map((m) => {
    const k = byMonth.get(m);
    return k === undefined || input.suppressed[k] ? null : input.values[k];
  });
  const partial = months.map((m) => {
    const k = byMonth.get(m);
    return k !== undefined && !!input.partial?.[k];
  });
  // exact values on the solid line; estimates dashed, joined to their exact neighbours
  const exact = values.map((v, k) => (partial[k] ? null : v));
  const estimated = values.map((v, k) => (partial[k] || partial[k - 1] || partial[k + 1] ? v : null));
  const fmt = (v: number) => i.value(v, input.unit);
  const color = statusColor(input.status);
  const series: Record<string, unknown>[] = [
    {
      type: 'line',
      name: input.name,
      data: exact,
      connectNulls: false,
      showSymbol: false,
      lineStyle: { width: opts.wall ? 4 : 2, color },
      itemStyle: { color },
      markLine: {
        symbol: 'none',
        label: { fontSize: fs.label },
        data: [
          {
            name: i.t('chart.target'),
            yAxis: input.target,
            lineStyle: { type: 'dashed', color: '#555' },
            label: { formatter: `${i.t('chart.target')}: ${fmt(input.target)}`, position: 'insideEndTop' },
          },
          {
            name: i.t('chart.deadline'),
            xAxis: i.period(deadlineMonth),
            lineStyle: { type: 'solid', color: '#999' },
            label: { formatter: `${i.t('chart.deadline')}: ${i.date(input.deadline)}`, position: 'insideEndTop' },
          },
          ...suppressedMarks(months, labels, input, i),
        ],
      },
      markPoint: input.judged
        ? {
            symbol: 'circle',
            symbolSize: opts.wall ? 16 : 10,
            itemStyle: { color },
            label: { show: true, position: 'top', fontSize: fs.label, formatter: fmt(input.judged.value) },
            data: [
              {
                name: i.t('chart.judged'),
                coord: [i.period(input.judged.month), input.judged.value],
                value: input.judged.value,
              },
            ],
          }
        : undefined,
    },
  ];
  if (partial.some(Boolean)) {
    series.push({
      type: 'line',
      name: i.t('chart.estimate'),
      data: estimated,
      connectNulls: false,
      showSymbol: false,
      lineStyle: { width: opts.wall ? 3 : 1.5, type: 'dashed', color },
      itemStyle: { color },
    });
  }
  const forecast = input.forecast;
  if (forecast) {
    const lastIdx = values.reduce<number>((acc, v, k) => (v === null ? acc : k), -1);
    const deadlineIdx = months.indexOf(deadlineMonth);
    if (lastIdx >= 0 && deadlineIdx > lastIdx) {
      const range = forecast.lo80 !== null && forecast.hi80 !== null ? { lo: forecast.lo80, hi: forecast.hi80 } : null;
      series.push({
        type: 'line',
        name: i.t('chart.forecast'),
        data: months.map((_, k) => (k === lastIdx ? values[lastIdx] : k === deadlineIdx ? forecast.value : null)),
        connectNulls: true,
        lineStyle: { type: 'dotted', width: opts.wall ? 3 : 2, color },
        itemStyle: { color },
        symbolSize: opts.wall ? 14 : 8,
        // the 80 % range at the deadline as a vertical bar
        markLine: range
          ? {
              symbol: ['none', 'none'],
              lineStyle: { type: 'solid', width: opts.wall ? 6 : 4, color, opacity: 0.35 },
              label: { show: false },
              tooltip: { formatter: `${i.t('chart.range80')}: ${fmt(range.lo)} – ${fmt(range.hi)}` },
              data: [[{ coord: [labels[deadlineIdx], range.lo] }, { coord: [labels[deadlineIdx], range.hi] }]],
            }
          : undefined,
      });
    }
  }
  const low = Math.min(input.target, forecast?.lo80 ?? Infinity);
  const high = Math.max(input.target, forecast?.hi80 ?? -Infinity);
  return {
    aria: { enabled: true },
    animation: false,
    grid: { left: opts.wall ? 110 : 64, right: 24, top: 36, bottom: 40 },
    tooltip: {
      trigger: 'axis',
      valueFormatter: (v: unknown) => (typeof v === 'number' ? fmt(v) : i.t('suppressed.short')),
    },
    legend: { top: 0, textStyle: { fontSize: fs.legend } },
    xAxis: { type: 'category', data: labels, axisLabel: { fontSize: fs.axis } },
    yAxis: {
      type: 'value',
      scale: true,
      // the target line and the forecast's range must stay in view even when the values are far from them
      min: (e: { min: number; max: number }) => niceFloor(Math.min(e.min, low), Math.max(e.max, high)),
      max: (e: { min: number; max: number }) => (e.max >= high ? e.max : niceCeil(Math.min(e.min, low), high)),
      axisLabel: { fontSize: fs.axis, formatter: fmt },
    },
    series,
  };
}

/** lo rounded down to a power of ten of the span (6,5 → 0 on a 0–100 span; 95,5 → 95 on 95–100) */
export function niceFloor(lo: number, hi: number): number {
  const span = hi - lo;
  if (!(span > 0)) return lo;
  const step = 10 ** Math.floor(Math.log10(span));
  return Math.floor(lo / step) * step;
}

/** hi rounded up to a power of ten of the span (91,5 → 100 on a 20–91,5 span; 5 000 000 stays) */
export function niceCeil(lo: number, hi: number): number {
  const span = hi - lo;
  if (!(span > 0)) return hi;
  const step = 10 ** Math.floor(Math.log10(span));
  return Math.ceil(hi / step) * step;
}

/**
 * Suppressed months as thin grey vertical lines in the gap of the series, named so that their tooltip
 * says why the line breaks (a band would have no width on a category axis for a single month).
 */
export function suppressedMarks(
  months: string[],
  labels: string[],
  input: { periods: string[]; suppressed: boolean[] },
  i: I18n,
) {
  const hidden = new Set(input.periods.filter((_, k) => input.suppressed[k]));
  return months.flatMap((m, k) =>
    hidden.has(m)
      ? [
          {
            name: i.t('suppressed.tooltip'),
            xAxis: labels[k],
            lineStyle: SUPPRESSED_LINE,
            label: { show: false },
            tooltip: { formatter: `${labels[k]}: ${i.t('suppressed.tooltip')}` },
          },
        ]
      : [],
  );
}
