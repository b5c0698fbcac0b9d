// Option builder of the Decision 766 screen's score by month over the grade bands (a month still in progress drawn
// hollow and labelled, December's forecast as a dashed line with its interval), and the grades' colours and bands
// its other charts share (bars-option.ts). Pure; tests/unit/web-index766-charts.test.ts.
import type { EChartsCoreOption } from 'echarts/core';
import type { I18n } from '../../i18n/index.ts';
import { fontSizes, type ChartOptions } from '../chart-style.ts';
import { dayMonth } from '../partial-month.ts';
import { escapeHtml } from '../withheld.ts';

export type GradeId = 'excellent' | 'good' | 'fair' | 'average' | 'weak';

/** One colour per grade, with its word always beside it (never colour alone). */
export const GRADE_COLORS: Record<GradeId, string> = {
  excellent: '#1a7f37',
  good: '#2f6fd6',
  fair: '#00838f',
  average: '#d08700',
  weak: '#c62828',
};
export const NO_SCORE_COLOR = '#8a8f98';
const FORECAST_COLOR = '#5b3cc4';
export const gradeColor = (g: string | null | undefined) =>
  g ? (GRADE_COLORS[g as GradeId] ?? NO_SCORE_COLOR) : NO_SCORE_COLOR;

/** A grade's band of scores, [from, to). */
export interface GradeBand {
  grade: GradeId;
  from: number;
  to: number;
}

export interface ScoreMonth {
  /** YYYY-MM */
  period: string;
  score: number | null;
  grade: string | null;
}

export interface ScoreMonthsInput {
  /** every month of the year, in order */
  months: string[];
  rows: ScoreMonth[];
  /** the month whose figures are partial (the data date falls inside it), or null */
  inProgress: string | null;
  /** the data date, said in the tooltip of the month in progress */
  dataDate: string;
  /** December's score as forecast by the server, with its 80 % interval; null when there is none to draw */
  forecast: { score: number; low: number | null; high: number | null } | null;
  bands: GradeBand[];
  /** where the score axis starts (0, or a round value below every score) */
  axisMin: number;
}

/** Grade bands from the lowest score of each grade, best first (server/index766/rules.ts GRADES). */
export function gradeBands(grades: readonly { grade: GradeId; from: number }[]): GradeBand[] {
  return grades.map((g, k) => ({ grade: g.grade, from: Math.max(0, g.from), to: k === 0 ? 100 : grades[k - 1].from }));
}

const pts = (i: I18n, v: number) => i.number(v, 2);

/** The last month before the month in progress that has a score: where the forecast's dashed line starts. */
function lastComplete(input: ScoreMonthsInput): number {
  const scored = new Set(input.rows.filter((r) => r.score !== null).map((r) => r.period));
  for (let k = input.months.length - 1; k >= 0; k--) {
    const m = input.months[k];
    if (m !== input.inProgress && scored.has(m)) return k;
  }
  return -1;
}

export function scoreMonthsOption(input: ScoreMonthsInput, i: I18n, opts: ChartOptions = {}): EChartsCoreOption {
  const fs = fontSizes(opts.wall);
  const byMonth = new Map(input.rows.map((r) => [r.period, r]));
  const labels = input.months.map((m) => i.period(m));
  const data = input.months.map((m) => {
    const r = byMonth.get(m);
    if (!r || r.score === null) return { value: null };
    const color = gradeColor(r.grade);
    const partial = m === input.inProgress;
    return {
      value: r.score,
      itemStyle: partial
        ? { color: 'rgba(255,255,255,0)', borderColor: color, borderWidth: 2, borderType: 'dashed' as const }
        : { color },
      // written up the hollow bar, clear of the grade names in the right margin
      label: partial
        ? {
            show: true,
            position: 'insideBottom',
            rotate: 90,
            align: 'left',
            verticalAlign: 'middle',
            fontSize: fs.label,
            color: opts.wall ? undefined : '#17202a',
            formatter: i.t('charts.partial_label', { date: dayMonth(input.dataDate) }),
          }
        : undefined,
    };
  });
  const lo = input.axisMin;
  const clip = (v: number) => Math.max(lo, Math.min(100, v));
  const bands = input.bands
    .filter((b) => b.to > lo)
    .map((b) => [
      {
        yAxis: clip(b.from),
        name: i.t(`index766.grade.${b.grade}`),
        itemStyle: { color: gradeColor(b.grade), opacity: 0.08 },
        label: { position: 'right', fontSize: fs.label, color: opts.wall ? undefined : '#4a5663' },
      },
      { yAxis: clip(b.to) },
    ]);
  const f = input.forecast;
  const last = input.months.length - 1;
  const from = lastComplete(input);
  const fc = f
    ? input.months.map((m, k) =>
        k === last ? f.score : k === from && from < last ? (byMonth.get(m)?.score ?? null) : null,
      )
    : [];
  const interval = f && f.low !== null && f.high !== null ? { low: clip(f.low), high: clip(f.high) } : null;
  const forecastName = i.t('index766.forecast_series');
  return {
    aria: { enabled: true },
    animation: false,
    // the grade bands are named in the right margin
    grid: { left: opts.wall ? 90 : 44, right: opts.wall ? 150 : 76, top: f ? 40 : 20, bottom: 32 },
    legend: f ? { top: 0, data: [forecastName], textStyle: { fontSize: fs.legend } } : { show: false },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (raw: unknown) => {
        const p = (Array.isArray(raw) ? raw[0] : raw) as { dataIndex?: number } | undefined;
        const k = p?.dataIndex ?? -1;
        const m = input.months[k];
        const r = m ? byMonth.get(m) : undefined;
        const lines = [escapeHtml(labels[k] ?? '')];
        if (r && r.score !== null) {
          const grade = r.grade ? ` · ${i.t(`index766.grade.${r.grade}`)}` : '';
          lines.push(`<b>${escapeHtml(i.t('index766.points_value', { v: pts(i, r.score) }))}</b>${escapeHtml(grade)}`);
        } else if (!(f && k === last)) lines.push(escapeHtml(i.t('index766.no_score')));
        if (m && m === input.inProgress)
          lines.push(escapeHtml(i.t('index766.month_partial', { date: i.date(input.dataDate) })));
        if (f && k === last) {
          const range = interval ? ` (${pts(i, f.low!)}–${pts(i, f.high!)})` : '';
          lines.push(escapeHtml(`${forecastName}: ${pts(i, f.score)}${range}`));
        }
        return lines.join('<br/>');
      },
    },
    xAxis: { type: 'category', data: labels, axisLabel: { fontSize: fs.axis, hideOverlap: true } },
    yAxis: {
      type: 'value',
      min: lo,
      max: 100,
      axisLabel: { fontSize: fs.axis, formatter: (v: number) => i.number(v, 0) },
    },
    series: [
      {
        type: 'bar',
        name: i.t('index766.score_series'),
        data,
        barMaxWidth: 36,
        markArea: { silent: true, data: bands },
      },
      ...(f
        ? [
            {
              type: 'line',
              name: forecastName,
              data: fc,
              connectNulls: true,
              symbol: 'emptyCircle',
              symbolSize: opts.wall ? 14 : 9,
              showSymbol: true,
              z: 5,
              itemStyle: { color: FORECAST_COLOR },
              lineStyle: { type: 'dashed', color: FORECAST_COLOR, width: opts.wall ? 3 : 2 },
              markLine: interval
                ? {
                    symbol: ['none', 'none'],
                    silent: true,
                    lineStyle: { type: 'solid', color: FORECAST_COLOR, width: opts.wall ? 14 : 9, opacity: 0.25 },
                    label: { show: false },
                    data: [[{ coord: [labels[last], interval.low] }, { coord: [labels[last], interval.high] }]],
                  }
                : undefined,
            },
          ]
        : []),
    ],
  };
}
