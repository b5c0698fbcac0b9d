// Pyramid option builder: males negative on the left, females right, Vietnamese 5-year group labels, suppressed → null.
import { describe, expect, it } from 'vitest';
import { makeI18n } from '../../web/src/i18n/index.ts';
import { AGE_GROUPS, pyramidOption, type PyramidCell } from '../../web/src/charts/pyramid/pyramid-option.ts';

const vi = makeI18n('vi');
type Opt = {
  yAxis: { data: string[] };
  xAxis: { axisLabel: { formatter: (v: number) => string } };
  series: { name: string; data: (number | null)[] }[];
};
const cells = (f: (g: number) => number, hidden: number[] = []): PyramidCell[] =>
  AGE_GROUPS.map((g) => ({ value: hidden.includes(g) ? null : f(g), suppressed: hidden.includes(g) }));

describe('pyramidOption', () => {
  const o = pyramidOption({ male: cells((g) => 1000 + g, [85]), female: cells((g) => 2000 + g) }, vi) as unknown as Opt;
  it('labels the 18 groups in Vietnamese', () => {
    expect(o.yAxis.data).toHaveLength(18);
    expect(o.yAxis.data[0]).toBe('0–4 tuổi');
    expect(o.yAxis.data[1]).toBe('5–9 tuổi');
    expect(o.yAxis.data[17]).toBe('Từ 85 tuổi');
  });
  it('puts males left (negative) and females right', () => {
    expect(o.series[0].name).toBe('Nam');
    expect(o.series[0].data.slice(0, 3)).toEqual([-1000, -1005, -1010]);
    expect(o.series[1].name).toBe('Nữ');
    expect(o.series[1].data.slice(0, 2)).toEqual([2000, 2005]);
  });
  it('shows a suppressed group as null, never 0', () => expect(o.series[0].data[17]).toBeNull());
  it('labels the axis with absolute vi-VN numbers', () => expect(o.xAxis.axisLabel.formatter(-12345)).toBe('12.345'));
});
