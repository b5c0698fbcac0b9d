// Trends option builder: a dataset from columns, one series per indicator; a withheld month null (never 0) with a
// dashed bridge and a hollow marker, its tooltip saying why; a cellkey series without withheld rows has no gap; at
// most five lines under a legend that is never paged; the month in progress lighter, dashed, hollow and labelled.
import { describe, expect, it } from 'vitest';
import { makeI18n } from '../../web/src/i18n/index.ts';
import { MAX_SERIES, shownSeries, trendsOption, type TrendsInput } from '../../web/src/charts/trends/trends-option.ts';

const vi = makeI18n('vi');
const en = makeI18n('en');
type Opt = {
  dataset: { source: unknown[][] };
  series: any[];
  legend: { show: boolean };
  yAxis: { axisLabel: { formatter: (v: number) => string } };
  tooltip: { formatter: (p: unknown) => string };
};
const build = (input: TrendsInput, i = vi) => trendsOption(input, i) as unknown as Opt;
/** The values a series draws at each month of the axis (its dataset column, or its own data). */
const drawn = (o: Opt, k: number): unknown[] => {
  const s = o.series[k];
  if (s.data) return s.data.map((d: unknown) => (d !== null && typeof d === 'object' ? (d as any).value : d));
  const col = o.dataset.source[0].indexOf(s.encode.y);
  return o.dataset.source.slice(1).map((row) => row[col]);
};

describe('trendsOption', () => {
  const o = build({
    unit: 'count',
    series: [
      { name: 'Sinh', periods: ['2025-01', '2025-02'], values: [12, 7], suppressed: [false, false] },
      { name: 'Chết', periods: ['2025-02', '2025-03'], values: [3, 9], suppressed: [true, false] },
    ],
  });
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
  it('marks a withheld month at the start of its series (nothing to bridge from) with a vertical line', () => {
    expect(o.series[0].markLine.data).toEqual([]);
    expect(o.series[1].markLine.data.map((m: { xAxis: string }) => m.xAxis)).toEqual(['Tháng 2/2025']);
    expect(o.series[1].markLine.data[0].tooltip.formatter).toContain('bảo vệ thông tin cá nhân');
  });
  it('shows a legend for several series and formats counts in vi-VN', () => {
    expect(o.legend.show).toBe(true);
    expect(o.yAxis.axisLabel.formatter(12345)).toBe('12.345');
  });
});

describe('withheld months and the cell-key method', () => {
  const months = ['2025-01', '2025-02', '2025-03', '2025-04', '2025-05'];
  const rate = (values: (number | null)[], withheld: number[]) => ({
    name: 'Đúng hạn',
    periods: months,
    values: values.map((v, k) => (withheld.includes(k) ? null : v)),
    suppressed: months.map((_, k) => withheld.includes(k)),
    suppression: months.map((_, k) => (withheld.includes(k) ? ('small_base' as const) : null)),
  });
  const cellkey = { method: 'cellkey' as const, minCell: 5 };

  it('draws a cellkey series with no withheld row as one line without a gap', () => {
    const o = build({ unit: 'percent', disclosure: cellkey, series: [rate([90, 92, 91, 95, 97], [])] });
    expect(drawn(o, 0)).toEqual([90, 92, 91, 95, 97]);
    expect(drawn(o, 0)).not.toContain(null);
    expect(o.series).toHaveLength(1);
    expect(o.series[0].markLine.data).toEqual([]);
  });

  it('never draws a withheld point as 0: null on the line, between its neighbours on the dashed bridge', () => {
    const o = build({ unit: 'percent', disclosure: cellkey, series: [rate([90, 0, 0, 96, 97], [1, 2])] });
    expect(drawn(o, 0)).toEqual([90, null, null, 96, 97]);
    const bridge = drawn(o, 1);
    expect(bridge).toEqual([90, 92, 94, 96, null]);
    expect(bridge).not.toContain(0);
    expect(o.series[1].name).toBe('Đúng hạn');
    expect(o.series[1].lineStyle).toMatchObject({ type: 'dashed', color: o.series[0].lineStyle.color });
    expect(o.series[1].data[1]).toEqual({ value: 92, symbol: 'emptyCircle', symbolSize: 8 });
    expect(o.series[1].data[0]).toBe(90);
    expect(o.series[0].markLine.data).toEqual([]);
  });

  it('says "withheld: base below k" in the tooltip, in the language, and the value elsewhere', () => {
    const input = { unit: 'percent', disclosure: cellkey, series: [rate([90, null, 92, 96, 97], [1])] };
    const at = (o: Opt, row: number) =>
      o.tooltip.formatter([{ seriesIndex: 0, seriesName: 'Đúng hạn', dataIndex: row, marker: '' }]);
    expect(at(build(input), 1)).toBe('Tháng 2/2025<br/>Đúng hạn: <b>Ẩn: mẫu số dưới 5</b>');
    expect(at(build(input, en), 1)).toContain('Withheld: base below 5');
    expect(at(build(input), 2)).toBe('Tháng 3/2025<br/>Đúng hạn: <b>92 %</b>');
  });

  it("keeps the suppression words in suppress mode (the server's reason)", () => {
    const s = { ...rate([90, null, 92, 96, 97], [1]), suppression: months.map(() => 'primary' as const) };
    const o = build({ unit: 'count', disclosure: { method: 'suppress', minCell: 5 }, series: [s] });
    const text = o.tooltip.formatter([{ seriesIndex: 0, seriesName: 'x', dataIndex: 1, marker: '' }]);
    expect(text).toContain('bảo vệ thông tin cá nhân');
    expect(drawn(o, 0)[1]).toBeNull();
  });

  it('leaves a month with no row at all as a gap (no data, not withheld)', () => {
    const o = build({
      unit: 'count',
      series: [
        { name: 'a', periods: ['2025-01', '2025-02', '2025-03'], values: [4, 5, 6], suppressed: [false, false, false] },
        { name: 'b', periods: ['2025-01', '2025-03'], values: [1, 3], suppressed: [false, false] },
      ],
    });
    expect(o.dataset.source.map((r) => r[2])).toEqual(['b', 1, null, 3]);
    expect(o.series).toHaveLength(2);
    expect(o.tooltip.formatter([{ seriesIndex: 1, seriesName: 'b', dataIndex: 1, marker: '' }])).toContain(
      'không có số liệu',
    );
  });
});

describe('at most five lines, under a full legend', () => {
  const months = ['2026-10', '2026-11'];
  const many = Array.from({ length: 7 }, (_, k) => ({
    name: `Tỷ lệ ${k + 1}`,
    periods: months,
    values: [10 * k, 10 * k + 1],
    suppressed: [false, false],
  }));
  const lines = (o: Opt) => o.series.filter((s) => s.encode).map((s) => s.name);
  const colors = (o: Opt) => o.series.filter((s) => s.encode).map((s) => s.lineStyle.color);

  it('never pages the legend (a paged legend hides lines)', () => {
    const o = build({ unit: 'percent', series: many }) as Opt & { legend: { type: string } };
    expect(o.legend.type).toBe('plain');
    expect(o.legend.type).not.toBe('scroll');
  });
  it('draws the first four of seven by default', () =>
    expect(lines(build({ unit: 'percent', series: many }))).toEqual(['Tỷ lệ 1', 'Tỷ lệ 2', 'Tỷ lệ 3', 'Tỷ lệ 4']));
  it('draws the chosen ones, five at most, each in its own colour whichever are chosen', () => {
    const o = build({ unit: 'percent', series: many, shown: [6, 0, 2, 3, 4, 5] });
    expect(lines(o)).toEqual(['Tỷ lệ 1', 'Tỷ lệ 3', 'Tỷ lệ 4', 'Tỷ lệ 5', 'Tỷ lệ 6']);
    expect(colors(build({ unit: 'percent', series: many, shown: [6] }))).toEqual(['#6d4c41']);
    expect(colors(o)[1]).toBe('#1a7f37');
  });
  it('draws all of five or fewer', () =>
    expect(lines(build({ unit: 'percent', series: many.slice(0, 5) }))).toHaveLength(5));
  it('keeps the axis over every series, drawn or not', () =>
    expect(build({ unit: 'percent', series: many, shown: [0] }).dataset.source).toHaveLength(3));
  it('picks in shownSeries: valid indices only, the default otherwise', () => {
    expect(shownSeries(7)).toEqual([0, 1, 2, 3]);
    expect(shownSeries(3)).toEqual([0, 1, 2]);
    expect(shownSeries(7, [9, -1])).toEqual([0, 1, 2, 3]);
    expect(shownSeries(7, [5, 5, 1])).toEqual([1, 5]);
    expect(MAX_SERIES).toBeLessThanOrEqual(5);
  });
});

describe('the month in progress', () => {
  const months = ['2026-09', '2026-10', '2026-11', '2026-12'];
  const counts = (dataDate?: string) => ({
    name: 'Hồ sơ tiếp nhận',
    periods: months,
    values: [360, 372, 381, 70],
    suppressed: [false, false, false, false],
    dataDate,
  });
  const o = build({ unit: 'count', series: [counts('2026-12-04')] });
  const partial = o.series.find((s) => s.data && s.lineStyle?.opacity !== undefined);

  it('leaves it off the solid line (no cliff)', () => expect(drawn(o, 0)).toEqual([360, 372, 381, null]));
  it('draws it lighter and dashed from the last complete month, with a hollow point', () => {
    expect(partial.name).toBe('Hồ sơ tiếp nhận');
    expect(partial.lineStyle).toMatchObject({ type: 'dashed' });
    expect(partial.lineStyle.opacity).toBeLessThan(1);
    expect(partial.data[2]).toMatchObject({ value: 381 });
    expect(partial.data[3]).toMatchObject({ value: 70, symbol: 'emptyCircle' });
  });
  it('labels it "đến ngày 04/12" and says so after its value in the tooltip', () => {
    expect(o.series[0].markArea.data[0][0].name).toBe('đến ngày 04/12');
    const tip = o.tooltip.formatter([{ seriesIndex: 0, seriesName: 'Hồ sơ tiếp nhận', dataIndex: 3, marker: '' }]);
    expect(tip).toBe('Tháng 12/2026<br/>Hồ sơ tiếp nhận: <b>70 (đến ngày 04/12, chưa hết tháng)</b>');
  });
  it('draws a complete last month as any other', () => {
    const full = build({ unit: 'count', series: [counts('2026-12-31')] });
    expect(drawn(full, 0)).toEqual([360, 372, 381, 70]);
    expect(full.series).toHaveLength(1);
    expect(full.series[0].markArea).toBeUndefined();
  });
  it('takes the data date of the input over the series', () =>
    expect(drawn(build({ unit: 'count', dataDate: '2026-12-04', series: [counts()] }), 0)[3]).toBeNull());
  it('draws a bar of it lighter, dashed', () => {
    const bars = build({ unit: 'count', kind: 'bar', series: [counts('2026-12-04')] });
    expect(bars.series[0].data[3]).toMatchObject({ value: 70, itemStyle: { borderType: 'dashed' } });
    expect(bars.series[0].data[3].itemStyle.opacity).toBeLessThan(1);
    expect(bars.series[0].data[2]).toBe(381);
  });
});
