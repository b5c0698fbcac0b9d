// Ranking option builder: communes sorted best first, status colours against the target, target line, suppressed last;
// a value axis that fits the data (and says when it does not start at 0) and always holds the target.
import { describe, expect, it } from 'vitest';
import { makeI18n } from '../../web/src/i18n/index.ts';
import {
  rankingAxisMax,
  rankingAxisMin,
  rankingOption,
  rankRows,
  rowStatus,
  type RankingRow,
} from '../../web/src/charts/ranking/ranking-option.ts';
import { STATUS_COLORS } from '../../web/src/charts/status-colors.ts';

const vi = makeI18n('vi');
type Opt = {
  yAxis: { data: string[]; inverse: boolean };
  xAxis: { axisLabel: { formatter: (v: number) => string } };
  series: any[];
};
const rows: RankingRow[] = [
  { unit: 'a', name: 'Xã An Lâm', value: 92.5, suppressed: false },
  { unit: 'b', name: 'Xã Nam Trung', value: 98, suppressed: false },
  { unit: 'c', name: 'Xã Hợp Tiến', value: null, suppressed: true },
  { unit: 'd', name: 'Thị trấn Nam Sách', value: 100, suppressed: false },
];

describe('rankRows', () => {
  it.each([
    ['higher', ['d', 'b', 'a', 'c']],
    ['lower', ['a', 'b', 'd', 'c']],
    ['none', ['d', 'b', 'a', 'c']],
  ])('direction %s', (direction, want) => expect(rankRows(rows, direction).map((r) => r.unit)).toEqual(want));
});

describe('rowStatus', () => {
  it.each([
    [100, '>=', false, 'met'],
    [99, '>=', false, 'at_risk'],
    [99, '>=', true, 'missed'],
    [3, '<=', true, 'met'],
  ])('%d %s target (deadline passed %s) → %s', (v, comparator, deadlinePassed, want) =>
    expect(rowStatus(v, { target: v === 3 ? 5 : 100, comparator, deadlinePassed })).toBe(want),
  );
  it('has no status without a target', () => expect(rowStatus(1, { target: null })).toBeNull());
});

describe('rankingOption', () => {
  const o = rankingOption(
    { rows, unit: 'percent', direction: 'higher', target: 95, comparator: '>=', deadlinePassed: true, highlight: 'b' },
    vi,
  ) as unknown as Opt;
  it('lists communes best first from the top, suppressed last and marked', () => {
    expect(o.yAxis.inverse).toBe(true);
    expect(o.yAxis.data).toEqual(['Thị trấn Nam Sách', 'Xã Nam Trung', 'Xã An Lâm', 'Xã Hợp Tiến (ẩn)']);
  });
  it('gives bar values, null for suppressed (never 0)', () =>
    expect(o.series[0].data.map((d: { value: number | null }) => d.value)).toEqual([100, 98, 92.5, null]));
  it('colours bars by status against the target', () =>
    expect(o.series[0].data.slice(0, 3).map((d: { itemStyle: { color: string } }) => d.itemStyle.color)).toEqual([
      STATUS_COLORS.met,
      STATUS_COLORS.met,
      STATUS_COLORS.missed,
    ]));
  it('outlines the unit in view', () => expect(o.series[0].data[1].itemStyle.borderWidth).toBe(2));
  it('draws the target line', () => {
    expect(o.series[0].markLine.data).toEqual([{ xAxis: 95 }]);
    expect(o.series[0].markLine.label.formatter).toBe('Chỉ tiêu: 95 %');
  });
  it('formats the value axis in vi-VN', () => expect(o.xAxis.axisLabel.formatter(92.25)).toBe('92,3 %'));
  it('has no target line without a target', () =>
    expect(
      (rankingOption({ rows, unit: 'count', direction: 'higher' }, vi) as unknown as Opt).series[0].markLine,
    ).toBeUndefined());
});

describe('the value axis fits the data and holds the target', () => {
  type Axis = {
    xAxis: { min: number; max?: number; name?: string };
    series: { markLine?: { label: { position: string } } }[];
  };
  const row = (unit: string, value: number): RankingRow => ({ unit, name: unit, value, suppressed: false });
  const high = ['a', 'b', 'c', 'd'].map((u, k) => row(u, [94.2, 96, 98.5, 100][k]));
  const axis = (rows: RankingRow[], unit: string, target?: number) =>
    rankingOption({ rows, unit, direction: 'higher', target }, vi) as unknown as Axis;

  it('starts near the values when every commune is between 94 and 100 %, and says so', () => {
    const o = axis(high, 'percent');
    expect(o.xAxis.min).toBe(90);
    expect(o.xAxis.max).toBe(100);
    expect(o.xAxis.name).toBe('Trục bắt đầu từ 90 %, không từ 0');
    // ticks on round values: 90, 95, 100
    expect((o.xAxis as { interval?: number }).interval).toBe(5);
  });
  it('starts at 0 without a note when the values are spread, or are counts', () => {
    const spread = axis([row('a', 20), row('b', 95)], 'percent');
    expect(spread.xAxis.min).toBe(0);
    expect(spread.xAxis.name).toBeUndefined();
    expect(axis([row('a', 940), row('b', 1000)], 'count').xAxis.min).toBe(0);
    // one bar alone: nothing to compare, nothing to zoom on
    expect(axis([row('a', 96)], 'percent').xAxis.min).toBe(0);
  });
  it.each([
    ['a target below every value', 80, 75, 100],
    ['a target above every value', 100, 90, 100],
    ['a target far above', 200, 0, 200],
  ])('keeps %s inside the axis', (_, target, min, max) => {
    const o = axis(high, 'percent', target);
    expect(o.xAxis.min).toBe(min);
    expect(o.xAxis.max).toBe(max);
    expect(o.xAxis.min).toBeLessThanOrEqual(target);
    expect(o.xAxis.max).toBeGreaterThanOrEqual(target);
  });
  it('ends a count axis at the target when the target is beyond every value', () => {
    expect(rankingAxisMax([3890, 3500], 'count', 5000)).toBe(5000);
    expect(rankingAxisMax([3890, 3500], 'count', 3000)).toBeUndefined();
    expect(rankingAxisMin([61, 58], 'percent', 70)).toBe(55);
  });
  it("puts the target's label above the plot, clear of the ticks below it", () =>
    expect(axis(high, 'percent', 95).series[0].markLine!.label.position).toBe('start'));
});
