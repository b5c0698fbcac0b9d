// Option builder of the trajectory chart: a target's monthly values (trailing 12 months for flows, as the
// server sent them), the target as a horizontal line, the deadline as a vertical line, and the forecast
// at the deadline with its 80 % range (the same outlook as the target's status and probability). A withheld
// month is null (never 0), crossed by a dashed bridge with a hollow marker; its tooltip says why. The month in
// progress is drawn lighter, dashed and hollow (charts/partial-month.ts). The target's label sits in the right margin
// and the deadline's above the plot, so that neither crosses the values, the ticks or the other line.
import type { EChartsCoreOption } from 'echarts/core';
import type { I18n } from '../../i18n/index.ts';
import { fontSizes, legendLayout, SUPPRESSED_LINE, type ChartOptions } from '../chart-style.ts';
import { partialBand, partialLabel, partialLine, partialMonth, partialValue } from '../partial-month.ts';
import { monthsBetween } from '../series.ts';
import { statusColor } from '../status-colors.ts';
import { axisTooltip, bridgeSeries, bridgeWithheld, withheldLabel, type DisclosureInfo } from '../withheld.ts';

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
  /** the server's disclosure method and k: the words for a withheld month */
  disclosure?: DisclosureInfo;
  /** the target's data date (YYYY-MM-DD): its month, unless that day is its last, is still in progress */
  dataDate?: string | null;
  /** the target's indicator (the chart's source) */
  indicator?: string;
}

/** The right margin that holds the target's label ("Chỉ tiêu" over its value). */
const targetMargin = (text: string, font: number) =>
  Math.max(56, Math.ceil(Math.max(...text.split('\n').map((l) => l.length)) * font * 0.62) + 14);

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
  const withheld = months.map((m) => {
    const k = byMonth.get(m);
    return k !== undefined && !!input.suppressed[k];
  });
  const bridge = bridgeWithheld(values, withheld);
  const hiddenText = withheldLabel(i, null, input.disclosure);
  const partial = months.map((m) => {
    const k = byMonth.get(m);
    return k !== undefined && !!input.partial?.[k];
  });
  // exact values on the solid line; estimates dashed, joined to their exact neighbours
  const pm = partialMonth(months, input.dataDate);
  const exact = values.map((v, k) => (partial[k] || k === pm?.index ? null : v));
  const estimated = values.map((v, k) => (partial[k] || partial[k - 1] || partial[k + 1] ? v : null));
  const fmt = (v: number) => i.value(v, input.unit);
  const color = statusColor(input.status);
  const targetText = i.t('charts.target_line', { value: fmt(input.target) });
  const inProgress = (month: string) => pm?.month === month;
  const series: Record<string, unknown>[] = [
    {
      id: 'value',
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
            // in the right margin, beside the line's end: clear of the values, the ticks and the deadline line
            label: { formatter: targetText, position: 'end', distance: 6, lineHeight: fs.label + 3 },
          },
          {
            name: i.t('chart.deadline'),
            xAxis: i.period(deadlineMonth),
            lineStyle: { type: 'solid', color: '#999' },
            // above the plot, ending at the line (the deadline is often the axis' last month), one row above the
            // label of the month in progress (the two may be a few pixels apart on a phone)
            label: {
              formatter: `${i.t('chart.deadline')}: ${i.date(input.deadline)}`,
              position: 'end',
              align: 'right',
              distance: pm ? fs.label + 10 : 4,
            },
          },
          ...suppressedMarks(months, labels, bridge.unplaced, () => hiddenText),
        ],
      },
      markPoint: input.judged
        ? {
            symbol: inProgress(input.judged.month) ? 'emptyCircle' : 'circle',
            symbolSize: opts.wall ? 16 : 10,
            itemStyle: { color, borderWidth: 2 },
            // on the side away from the target line, so that the line does not run through it
            label: {
              show: true,
              position: input.judged.value < input.target ? 'bottom' : 'top',
              fontSize: fs.label,
              formatter: fmt(input.judged.value),
            },
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
      id: 'estimate',
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
        id: 'forecast',
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
  // last, so that the value and forecast series keep their places
  if (bridge.marked.some(Boolean)) series.push({ id: 'bridge', ...bridgeSeries(input.name, bridge, color, opts.wall) });
  const partialValues = pm ? partialLine(input.name, values, pm, color, opts.wall) : null;
  if (pm && partialValues)
    series.push({
      id: 'partial',
      ...partialValues,
      markArea: partialBand(labels, pm, partialLabel(i, pm), fs.label, opts.wall),
    });
  const names = [input.name, ...series.filter((s) => s.id === 'estimate' || s.id === 'forecast').map((s) => s.name)];
  // the legend, then the deadline's label above the plot
  const legend = legendLayout(names as string[], fs.legend, (pm ? 2 : 1) * (fs.label + 8) + 8);
  const low = Math.min(input.target, forecast?.lo80 ?? Infinity);
  const high = Math.max(input.target, forecast?.hi80 ?? -Infinity);
  return {
    aria: { enabled: true },
    animation: false,
    grid: { left: opts.wall ? 110 : 64, right: targetMargin(targetText, fs.label), top: legend.top, bottom: 40 },
    media: legend.media,
    tooltip: {
      trigger: 'axis',
      // the value line says "withheld" at a withheld month; the estimate only where it is one; bridges say nothing
      formatter: axisTooltip(labels, (s, r) => {
        const raw = (series[s]?.data as unknown[] | undefined)?.[r];
        const text = typeof raw === 'number' ? fmt(raw) : null;
        if (series[s]?.id === 'value') {
          if (pm?.index === r && values[r] !== null) return partialValue(i, pm, fmt(values[r]));
          return withheld[r] ? hiddenText : text;
        }
        if (series[s]?.id === 'estimate') return partial[r] ? text : null;
        return series[s]?.id === 'forecast' && months[r] === deadlineMonth ? text : null;
      }),
    },
    legend: { type: 'plain', top: 0, data: names, textStyle: { fontSize: fs.legend } },
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
 * Withheld months as thin grey vertical lines, named so that their tooltip says why there is no point (a band would
 * have no width on a category axis for a single month); only where no bridge can place them.
 */
export function suppressedMarks(months: string[], labels: string[], hidden: boolean[], text: (k: number) => string) {
  return months.flatMap((_, k) =>
    hidden[k]
      ? [
          {
            name: text(k),
            xAxis: labels[k],
            lineStyle: SUPPRESSED_LINE,
            label: { show: false },
            tooltip: { formatter: `${labels[k]}: ${text(k)}` },
          },
        ]
      : [],
  );
}
