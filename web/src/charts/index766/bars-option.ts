// Option builders of the Decision 766 screen's bars: the six groups as points earned / lost / without data stacked
// to their maxima, and the communes ranked by score in their grades' colours. Pure; tests in
// tests/unit/web-index766-charts.test.ts.
import type { EChartsCoreOption } from 'echarts/core';
import type { I18n } from '../../i18n/index.ts';
import { fontSizes, type ChartOptions } from '../chart-style.ts';
import { escapeHtml } from '../withheld.ts';
import { gradeColor } from './index766-options.ts';

const pts = (i: I18n, v: number) => i.number(v, 2);

export interface GroupBar {
  name: string;
  /** points earned; null when no indicator of the group has data */
  points: number | null;
  /** maximum of the group's indicators with data */
  max: number;
  /** the group's maximum in the index (18, 20, 12, 10, 22, 18) */
  full: number;
}

/** The six groups: earned, lost and without data stacked up to the group's maximum, one bar each. */
export function groupsOption(groups: GroupBar[], i: I18n, opts: ChartOptions = {}): EChartsCoreOption {
  const fs = fontSizes(opts.wall);
  const earned = groups.map((g) => g.points ?? 0);
  const lost = groups.map((g) => (g.points === null ? 0 : Math.max(0, g.max - g.points)));
  const none = groups.map((g) => Math.max(0, g.full - (g.points === null ? 0 : g.max)));
  const text = groups.map((g) =>
    g.points === null ? i.t('index766.no_score') : `${pts(i, g.points)}/${i.number(g.max, 2)}`,
  );
  // a round axis end (the largest group is 22 points)
  const top = Math.ceil(Math.max(...groups.map((g) => g.full), 1) / 5) * 5;
  const series = (name: string, values: number[], color: string, last = false) => ({
    type: 'bar',
    name,
    stack: 'group',
    data: values,
    barMaxWidth: 26,
    itemStyle: { color },
    label: last
      ? {
          show: true,
          position: 'right',
          fontSize: fs.label,
          color: opts.wall ? undefined : '#17202a',
          formatter: (p: { dataIndex: number }) => text[p.dataIndex],
        }
      : { show: false },
  });
  return {
    aria: { enabled: true },
    animation: false,
    grid: { left: 8, right: opts.wall ? 150 : 86, top: 32, bottom: 24, containLabel: true },
    legend: { top: 0, textStyle: { fontSize: fs.legend } },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      valueFormatter: (v: unknown) => (typeof v === 'number' ? pts(i, v) : ''),
    },
    xAxis: {
      type: 'value',
      min: 0,
      max: top,
      axisLabel: { fontSize: fs.axis, formatter: (v: number) => i.number(v, 0) },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: groups.map((g) => g.name),
      axisTick: { show: false },
      axisLabel: { fontSize: fs.axis, lineHeight: fs.axis + 4, width: opts.wall ? 320 : 150, overflow: 'break' },
    },
    // a phone: shorter names (wrapped), fewer ticks
    media: [
      {
        query: { maxWidth: 480 },
        option: { yAxis: { axisLabel: { width: 92 } }, xAxis: { interval: 10 }, grid: { right: 76 } },
      },
    ],
    series: [
      series(i.t('index766.earned'), earned, '#1a7f37'),
      series(i.t('index766.lost'), lost, '#e8a33d'),
      series(i.t('index766.not_counted'), none, '#d5dae1', true),
    ],
  };
}

export interface CommuneBar {
  unit: string;
  name: string;
  score: number | null;
  grade: string | null;
}

/** Communes ranked by score, best at the top, each bar in its grade's colour; those without a score last. */
export function communesOption(
  input: { rows: CommuneBar[]; axisMin: number; highlight?: string },
  i: I18n,
  opts: ChartOptions = {},
): EChartsCoreOption {
  const fs = fontSizes(opts.wall);
  const names = input.rows.map((r) => (r.score === null ? `${r.name} (${i.t('index766.no_score')})` : r.name));
  return {
    aria: { enabled: true },
    animation: false,
    grid: { left: 8, right: 56, top: 8, bottom: input.axisMin > 0 ? 40 : 28, containLabel: true },
    tooltip: {
      trigger: 'item',
      formatter: (p: { dataIndex: number }) => {
        const r = input.rows[p.dataIndex];
        if (!r) return '';
        const grade = r.grade ? ` · ${i.t(`index766.grade.${r.grade}`)}` : '';
        const score =
          r.score === null ? i.t('index766.no_score') : i.t('index766.points_value', { v: pts(i, r.score) });
        return `${escapeHtml(r.name)}<br/><b>${escapeHtml(score)}</b>${escapeHtml(grade)}`;
      },
    },
    xAxis: {
      type: 'value',
      min: input.axisMin,
      max: 100,
      axisLabel: { fontSize: fs.axis, formatter: (v: number) => i.number(v, 0) },
      // a bar's length is not its score when the axis does not start at 0: said under the axis (and in the picture)
      ...(input.axisMin > 0
        ? {
            name: i.t('charts.axis_from', { min: i.number(input.axisMin, 0) }),
            nameLocation: 'middle',
            nameGap: fs.axis + 12,
            nameTextStyle: { fontSize: fs.label, color: opts.wall ? undefined : '#4b5563' },
          }
        : {}),
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: names,
      axisTick: { show: false },
      axisLabel: { fontSize: fs.axis, width: opts.wall ? 320 : 150, overflow: 'truncate' },
    },
    media: [{ query: { maxWidth: 480 }, option: { yAxis: { axisLabel: { width: 104 } } } }],
    series: [
      {
        type: 'bar',
        name: i.t('index766.score_series'),
        barMaxWidth: 22,
        data: input.rows.map((r) =>
          r.score === null
            ? { value: null }
            : {
                value: r.score,
                itemStyle: {
                  color: gradeColor(r.grade),
                  ...(r.unit === input.highlight ? { borderColor: '#111', borderWidth: 2 } : {}),
                },
              },
        ),
        label: {
          show: true,
          position: 'right',
          fontSize: fs.label,
          formatter: (p: { value: unknown }) => (typeof p.value === 'number' ? pts(i, p.value) : ''),
        },
      },
    ],
  };
}
