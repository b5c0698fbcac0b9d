// Trends option builder: a dataset from columns, one series per indicator, suppressed months null with a band.
import { describe, expect, it } from 'vitest';
import { makeI18n } from '../../web/src/i18n/index.ts';
import { trendsOption } from '../../web/src/charts/trends/trends-option.ts';

const vi = makeI18n('vi');
type Opt = {
  dataset: { source: unknown[][] };
  series: any[];
  legend: { show: boolean };
  yAxis: { axisLabel: { formatter: (v: number) => string } };
};

describe('trendsOption', () => {
  const o = trendsOption(
    {
      unit: 'count',
      series: [
        { name: 'Sinh', periods: ['2025-01', '2025-02'], values: [12, 7], suppressed: [false, false] },
        { name: 'Chết', periods: ['2025-02', '2025-03'], values: [3, 9], suppressed: [true, false] },
      ],
    },
    vi,
  ) as unknown as Opt;
  it('builds the dataset over the union of months, suppressed and missing as null', () =>
    expect(o.dataset.source).toEqual([
      ['period', 'Sinh', 'Chết'],
      ['Tháng 1/2025', 12, null],
      ['Tháng 2/2025', 7, null],
      ['Tháng 3/2025', null, 9],
    ]));
  it('encodes one series per indicator', () =>
    expect(o.series.map((s) => s.encode)).toEqual([
      { x: 'period', y: 'Sinh' },
      { x: 'period', y: 'Chết' },
    ]));
  it('marks the suppressed month of its series only', () => {
    expect(o.series[0].markLine.data).toEqual([]);
    expect(o.series[1].markLine.data.map((m: { xAxis: string }) => m.xAxis)).toEqual(['Tháng 2/2025']);
  });
  it('shows a legend for several series and formats counts in vi-VN', () => {
    expect(o.legend.show).toBe(true);
    expect(o.yAxis.axisLabel.formatter(12345)).toBe('12.345');
  });
});
