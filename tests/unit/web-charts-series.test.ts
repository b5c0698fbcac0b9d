// Series helpers of the charts: ranges, suppressed → null, month arithmetic (a target's 12-month values come
// from the server: tests/unit/target-status.test.ts, tests/api/targets-agree.test.ts).
import { describe, expect, it } from 'vitest';
import { addMonths } from '../../server/contracts/months.ts';
import { monthsBetween, monthlyValues, rangeValue } from '../../web/src/charts/series.ts';
import { rankingWindow, targetFilters } from '../../web/src/charts/trajectory/target-series.ts';

const months = monthsBetween('2024-01', '2025-03'); // 15 months
const flow = (num: number[], den: number[], hidden: number[] = []) => ({
  period: months.slice(0, num.length),
  numerator: num.map((n, k) => (hidden.includes(k) ? null : n)),
  denominator: den.map((d, k) => (hidden.includes(k) ? null : d)),
  value: num.map((n, k) => (hidden.includes(k) ? null : (n / den[k]) * 100)),
  suppressed: num.map((_, k) => hidden.includes(k)),
});

describe('month arithmetic', () => {
  it.each([
    ['2024-01', -1, '2023-12'],
    ['2024-12', 1, '2025-01'],
    ['2025-03', -11, '2024-04'],
  ])('%s %+d → %s', (m, n, want) => expect(addMonths(m, n)).toBe(want));
  it('lists months inclusively', () =>
    expect(monthsBetween('2024-11', '2025-02')).toEqual(['2024-11', '2024-12', '2025-01', '2025-02']));
});

describe('monthlyValues and rangeValue', () => {
  const c = flow([5, 6, 7], [10, 10, 10], [2]);
  it('turns suppressed months into null', () => expect(monthlyValues(c)).toEqual([50, 60, null]));
  it.each([
    ['2024-01', '2024-02', 'sum', { value: 55, suppressed: false }],
    ['2024-01', '2024-03', 'sum', { value: null, suppressed: true }],
    ['2024-01', '2024-02', 'last', { value: 60, suppressed: false }],
    ['2024-03', '2024-03', 'last', { value: null, suppressed: true }],
    ['2030-01', '2030-02', 'sum', { value: null, suppressed: false }],
  ])('%s..%s (%s)', (from, to, time, want) => {
    const got = rangeValue(c, from, to, time, 100);
    expect({ ...got, value: got.value === null ? null : Math.round(got.value * 1e9) / 1e9 }).toEqual(want);
  });
});

describe('target helpers', () => {
  it('ranks flows over the 12 months up to the judged month, stocks on the month', () => {
    expect(rankingWindow({ time: 'sum' }, '2025-12')).toEqual({ from: '2025-01', to: '2025-12' });
    expect(rankingWindow({ time: 'last' }, '2025-12')).toEqual({ from: '2025-12', to: '2025-12' });
  });
  it('judges level-specific targets on their procedure level', () => {
    expect(targetFilters({ level: 'commune' }, { filters: ['procedure_level', 'field'] })).toEqual({
      procedure_level: 'commune',
    });
    expect(targetFilters({ level: 'all' }, { filters: ['procedure_level'] })).toEqual({});
    expect(targetFilters({ level: 'district' }, { filters: ['sex'] })).toEqual({});
  });
});
