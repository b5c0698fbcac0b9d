// Option builder of a ranking: communes as horizontal bars, best first, the target as a vertical line,
// each bar in its status colour; suppressed communes last, without a bar and marked in their label.
import type { EChartsCoreOption } from 'echarts/core';
import type { I18n } from '../../i18n/index.ts';
import { fontSizes, SERIES_COLORS, type ChartOptions } from '../chart-style.ts';
import { STATUS_COLORS } from '../status-colors.ts';

export interface RankingRow {
  unit: string;
  name: string;
  value: number | null;
  suppressed: boolean;
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
    grid: { left: opts.wall ? 300 : 170, right: 64, top: 24, bottom: 32 },
    tooltip: {
      trigger: 'item',
      valueFormatter: (v: unknown) => (typeof v === 'number' ? fmt(v) : i.t('suppressed.short')),
    },
    xAxis: { type: 'value', axisLabel: { fontSize: fs.axis, formatter: fmt } },
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
      axisLabel: { fontSize: fs.axis },
      axisTick: { show: false },
    },
    series: [
      {
        type: 'bar',
        name: i.t('chart.value'),
        data,
        label: {
          show: true,
          position: 'right',
          fontSize: fs.label,
          formatter: (p: { value: unknown }) => (typeof p.value === 'number' ? fmt(p.value) : ''),
        },
        markLine:
          input.target == null
            ? undefined
            : {
                symbol: 'none',
                lineStyle: { type: 'dashed', color: '#555' },
                label: { formatter: `${i.t('chart.target')}: ${fmt(input.target)}`, fontSize: fs.label },
                data: [{ xAxis: input.target }],
              },
      },
    ],
  };
}
