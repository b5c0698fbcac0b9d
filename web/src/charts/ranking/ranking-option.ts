// Option builder of a ranking: communes as horizontal bars, best first, the target as a vertical line labelled above
// the plot, each bar in its status colour; suppressed communes last, without a bar and marked in their label. The
// value axis always holds the target; a share or a score whose values all sit high starts near them, and says so
// under the axis (rankingAxisMin). Tests: tests/unit/web-charts-ranking.test.ts.
import type { EChartsCoreOption } from 'echarts/core';
import type { I18n } from '../../i18n/index.ts';
import { fontSizes, SERIES_COLORS, type ChartOptions } from '../chart-style.ts';
import { STATUS_COLORS } from '../status-colors.ts';
import { niceCeil } from '../trajectory/trajectory-option.ts';

export interface RankingRow {
  unit: string;
  name: string;
  value: number | null;
  suppressed: boolean;
  /** the period the value covers (YYYY-MM or YYYY-MM..YYYY-MM), said under the chart */
  period?: string;
  /** the answer's data date */
  dataDate?: string;
}
export interface RankingInput {
  rows: RankingRow[];
  unit: string;
  /** higher or lower is better; none sorts descending */
  direction: string;
  target?: number | null;
  /** >= or <= (the target's comparator) */
  comparator?: string;
  /** past the deadline a commune below target has missed; before it, it is at risk */
  deadlinePassed?: boolean;
  /** the unit to outline (the one in view) */
  highlight?: string;
  /** the period ranked, when the rows do not say it */
  period?: string;
  /** the indicator ranked (the chart's source) */
  indicator?: string;
}

/** Units whose bars may start above 0 (a share, a score); counts always start at 0. */
const BOUNDED = new Set(['percent', 'points']);
/** Values (and the target) all at least this share of the largest: the axis starts near them. */
const HIGH = 0.6;

/**
 * Where the value axis starts: 0, or, for a share or a score whose values and target all lie within the top 40 % of
 * the largest, a multiple of 5 a quarter of their spread below the lowest (94–100 % → 90 %). The chart says so.
 */
export function rankingAxisMin(values: readonly number[], unit: string, target?: number | null): number {
  if (!BOUNDED.has(unit) || values.length < 2) return 0;
  const all = target == null ? [...values] : [...values, target];
  const lo = Math.min(...all);
  const hi = Math.max(...all);
  if (!(lo > 0) || lo < HIGH * hi) return 0;
  return Math.max(0, Math.floor((lo - (hi - lo) / 4) / 5) * 5);
}

/** Where the value axis ends: the data's own end, or the target when it lies beyond (never outside the axis). */
export function rankingAxisMax(values: readonly number[], unit: string, target?: number | null): number | undefined {
  const hi = Math.max(...values, target ?? -Infinity);
  if (!Number.isFinite(hi)) return undefined;
  if (BOUNDED.has(unit)) return Math.ceil(hi / 5) * 5 || 5;
  return target != null && target >= Math.max(...values, -Infinity) ? niceCeil(0, target) : undefined;
}

/** rows sorted best first; suppressed and unknown values at the end */
export function rankRows(rows: RankingRow[], direction: string): RankingRow[] {
  const known = rows.filter((r) => !r.suppressed && r.value !== null);
  const rest = rows.filter((r) => r.suppressed || r.value === null);
  known.sort((a, b) => (direction === 'lower' ? a.value! - b.value! : b.value! - a.value!));
  return [...known, ...rest];
}

export function rowStatus(
  value: number,
  input: Pick<RankingInput, 'target' | 'comparator' | 'deadlinePassed'>,
): 'met' | 'at_risk' | 'missed' | null {
  if (input.target == null) return null;
  const ok = input.comparator === '<=' ? value <= input.target : value >= input.target;
  return ok ? 'met' : input.deadlinePassed ? 'missed' : 'at_risk';
}

export function rankingOption(input: RankingInput, i: I18n, opts: ChartOptions = {}): EChartsCoreOption {
  const fs = fontSizes(opts.wall);
  const rows = rankRows(input.rows, input.direction);
  const fmt = (v: number) => i.value(v, input.unit);
  const known = rows.flatMap((r) => (r.suppressed || r.value === null ? [] : [r.value]));
  const min = rankingAxisMin(known, input.unit, input.target);
  const max = rankingAxisMax(known, input.unit, input.target);
  const data = rows.map((r) => {
    if (r.suppressed || r.value === null) return { value: null, name: r.name };
    const status = rowStatus(r.value, input);
    const color = status ? STATUS_COLORS[status] : SERIES_COLORS[0];
    return {
      value: r.value,
      name: r.name,
      itemStyle: { color, ...(r.unit === input.highlight ? { borderColor: '#111', borderWidth: 2 } : {}) },
    };
  });
  return {
    aria: { enabled: true },
    animation: false,
    grid: { left: opts.wall ? 300 : 170, right: 64, top: input.target == null ? 16 : 30, bottom: min > 0 ? 52 : 32 },
    tooltip: {
      trigger: 'item',
      valueFormatter: (v: unknown) => (typeof v === 'number' ? fmt(v) : i.t('suppressed.short')),
    },
    xAxis: {
      type: 'value',
      min,
      ...(max === undefined ? {} : { max }),
      // ticks on the round values the axis starts and ends on (85, 90, 95, 100 rather than 85, 87, 90 … 99, 100)
      ...(min > 0 && max !== undefined ? { interval: max - min <= 40 ? 5 : 10 } : {}),
      axisLabel: { fontSize: fs.axis, formatter: fmt, hideOverlap: true },
      // a bar's length is not its value when the axis does not start at 0: said under the axis
      ...(min > 0
        ? {
            name: i.t('charts.axis_from', { min: fmt(min) }),
            nameLocation: 'middle',
            nameGap: fs.axis + 14,
            nameTextStyle: { fontSize: fs.label, color: opts.wall ? undefined : '#4b5563' },
          }
        : {}),
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: rows.map((r) =>
        r.suppressed
          ? `${r.name} (${i.t('suppressed.short')})`
          : r.value === null
            ? `${r.name} (${i.t('chart.no_value')})`
            : r.name,
      ),
      axisLabel: { fontSize: fs.axis, width: opts.wall ? 280 : 160, overflow: 'truncate' },
      axisTick: { show: false },
    },
    // a phone: shorter names, fewer value ticks (a plot of a few pixels cannot hold ten)
    media: [
      {
        option: {
          grid: { left: opts.wall ? 300 : 170 },
          yAxis: { axisLabel: { width: opts.wall ? 280 : 160 } },
          xAxis: { splitNumber: 5 },
        },
      },
      {
        query: { maxWidth: 480 },
        option: { grid: { left: 112 }, yAxis: { axisLabel: { width: 100 } }, xAxis: { splitNumber: 3 } },
      },
    ],
    series: [
      {
        type: 'bar',
        name: i.t('chart.value'),
        data,
        // on a ground of the page's colour: the target's dashed line does not run through the figures
        label: {
          show: true,
          position: 'right',
          fontSize: fs.label,
          backgroundColor: opts.wall ? 'rgba(16,24,32,0.85)' : 'rgba(255,255,255,0.9)',
          padding: [1, 2],
          formatter: (p: { value: unknown }) => (typeof p.value === 'number' ? fmt(p.value) : ''),
        },
        markLine:
          input.target == null
            ? undefined
            : {
                symbol: 'none',
                lineStyle: { type: 'dashed', color: '#555' },
                // above the plot (the line's start: the category axis runs top down), clear of the ticks below
                label: {
                  formatter: `${i.t('chart.target')}: ${fmt(input.target)}`,
                  fontSize: fs.label,
                  position: 'start',
                  distance: 4,
                },
                data: [{ xAxis: input.target }],
              },
      },
    ],
  };
}
