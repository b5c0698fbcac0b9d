// Forecast screen option builders: the projected pyramid (bars for the year projected, today's as a
// line, males negative) and the fan of totals by scenario (band from the lowest to the highest).
import { describe, expect, it } from 'vitest';
import { fanOption, projectedPyramidOption } from '../../web/src/charts/forecast/forecast-option.ts';
import { makeI18n } from '../../web/src/i18n/index.ts';

const vi = makeI18n('vi');
type Series = { name: string; type: string; data: (number | null)[]; stack?: string };
const groups = (f: (k: number) => number) => Array.from({ length: 18 }, (_, k) => f(k));

describe('projectedPyramidOption', () => {
  const o = projectedPyramidOption(
    {
      today: { male: groups((k) => 100 + k), female: groups((k) => 200 + k) },
      future: { male: groups((k) => 300 + k), female: groups((k) => 400 + k) },
      todayLabel: '2026',
      futureLabel: '2030',
    },
    vi,
  ) as unknown as { series: Series[]; yAxis: { data: string[] } };
  it('draws the projected year as bars, males to the left', () => {
    const [m, f] = o.series;
    expect([m.type, f.type]).toEqual(['bar', 'bar']);
    expect(m.name).toBe('Nam 2030');
    expect(m.data.slice(0, 2)).toEqual([-300, -301]);
    expect(f.data[17]).toBe(417);
  });
  it("draws today's population as a line on both sides, under one legend entry", () => {
    const [, , lm, lf] = o.series;
    expect([lm.type, lf.type]).toEqual(['line', 'line']);
    expect(lm.data[0]).toBe(-100);
    expect(lf.data[0]).toBe(200);
    expect(lm.name).toBe(lf.name);
  });
  it('labels 18 groups', () => expect(o.yAxis.data).toHaveLength(18));
});

describe('fanOption', () => {
  const o = fanOption(
    [
      { name: 'Thấp', years: [2026, 2027, 2030], totals: [100, 99, 95] },
      { name: 'Trung bình', years: [2026, 2027, 2030], totals: [100, 101, 104] },
      { name: 'Cao', years: [2026, 2027, 2030], totals: [100, 103, 112] },
    ],
    vi,
  ) as unknown as { series: Series[]; xAxis: { data: string[] }; legend: { data: string[] } };
  it('has a year axis and a line per scenario', () => {
    expect(o.xAxis.data).toEqual(['2026', '2027', '2030']);
    expect(o.series.slice(2).map((s) => s.name)).toEqual(['Thấp', 'Trung bình', 'Cao']);
    expect(o.series[4].data).toEqual([100, 103, 112]);
  });
  it('shades the band from the lowest to the highest scenario (stacked base + spread)', () => {
    const [base, spread] = o.series;
    expect(base.data).toEqual([100, 99, 95]);
    expect(spread.data).toEqual([0, 4, 17]);
    expect(base.stack).toBe(spread.stack);
    expect(o.legend.data).toEqual(['Thấp', 'Trung bình', 'Cao']);
  });
});
