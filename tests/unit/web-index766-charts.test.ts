// The Decision 766 screen's option builders: scores by month over the grade bands (a month in progress hollow and
// labelled, not a drop; December's forecast with its range), groups stacked to their maxima, communes ranked.
import { describe, expect, it } from 'vitest';
import { makeI18n } from '../../web/src/i18n/index.ts';
import { communesOption, groupsOption } from '../../web/src/charts/index766/bars-option.ts';
import {
  GRADE_COLORS,
  gradeBands,
  scoreMonthsOption,
  type ScoreMonthsInput,
} from '../../web/src/charts/index766/index766-options.ts';

const vi = makeI18n('vi');
type Opt = { series: any[]; xAxis: any; yAxis: any; legend: any; tooltip: any };

// the grades as DECISION-766.md cites them, written out here
const grades = [
  { grade: 'excellent', from: 90 },
  { grade: 'good', from: 80 },
  { grade: 'fair', from: 70 },
  { grade: 'average', from: 50 },
  { grade: 'weak', from: -Infinity },
] as const;

describe('gradeBands', () => {
  it('gives each grade its band of scores, best first, the lowest from 0', () =>
    expect(gradeBands(grades)).toEqual([
      { grade: 'excellent', from: 90, to: 100 },
      { grade: 'good', from: 80, to: 90 },
      { grade: 'fair', from: 70, to: 80 },
      { grade: 'average', from: 50, to: 70 },
      { grade: 'weak', from: 0, to: 50 },
    ]));
});

describe('scoreMonthsOption', () => {
  const months = ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06'];
  const input: ScoreMonthsInput = {
    months: [...months, '2026-07', '2026-08', '2026-09', '2026-10', '2026-11', '2026-12'],
    rows: [
      { period: '2026-01', score: 82.5, grade: 'good' },
      { period: '2026-02', score: 91, grade: 'excellent' },
      { period: '2026-03', score: null, grade: null },
      { period: '2026-04', score: 76, grade: 'fair' },
      { period: '2026-05', score: 41.3, grade: 'weak' },
    ],
    inProgress: '2026-05',
    dataDate: '2026-05-15',
    forecast: { score: 84.2, low: 78, high: 90.5 },
    bands: gradeBands(grades),
    axisMin: 40,
  };
  const o = scoreMonthsOption(input, vi) as unknown as Opt;
  const bars = o.series[0].data;

  it('has a bar per month, no bar (never 0) where there is no score', () =>
    expect(bars.map((d: { value: number | null }) => d.value)).toEqual([
      82.5,
      91,
      null,
      76,
      41.3,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
    ]));
  it('colours complete months by grade', () =>
    expect(bars.slice(0, 2).map((d: any) => d.itemStyle.color)).toEqual([GRADE_COLORS.good, GRADE_COLORS.excellent]));
  it('draws the month in progress hollow and dashed, labelled with the data date (dd/mm)', () => {
    expect(bars[4].itemStyle).toMatchObject({ borderType: 'dashed', color: 'rgba(255,255,255,0)' });
    expect(bars[4].label.formatter).toBe('đến ngày 15/05');
  });
  it('says in the tooltip that the month is in progress', () => {
    const tip = o.tooltip.formatter([{ dataIndex: 4 }]) as string;
    expect(tip).toContain('Tháng 5/2026');
    expect(tip).toContain('41,3 điểm');
    expect(tip).toContain('Tháng chưa kết thúc: số liệu đến ngày 15/05/2026');
  });
  it('starts the axis where asked and ends it at 100', () => {
    expect(o.yAxis.min).toBe(40);
    expect(o.yAxis.max).toBe(100);
  });
  it('shades the grade bands above the axis start, clipped to it', () =>
    expect(o.series[0].markArea.data.map((b: any) => [b[0].name, b[0].yAxis, b[1].yAxis])).toEqual([
      ['Xuất sắc', 90, 100],
      ['Tốt', 80, 90],
      ['Khá', 70, 80],
      ['Trung bình', 50, 70],
      ['Yếu', 40, 50],
    ]));
  it('draws the forecast from the last complete month to December, with its range at December', () => {
    const f = o.series[1];
    expect(f.name).toBe('Dự báo tháng 12');
    expect(f.data).toEqual([null, null, null, 76, null, null, null, null, null, null, null, 84.2]);
    expect(f.markLine.data).toEqual([[{ coord: ['Tháng 12/2026', 78] }, { coord: ['Tháng 12/2026', 90.5] }]]);
    expect(o.tooltip.formatter([{ dataIndex: 11 }])).toContain('Dự báo tháng 12: 84,2 (78–90,5)');
  });
  it('has no forecast series nor legend without a forecast', () => {
    const none = scoreMonthsOption({ ...input, forecast: null }, vi) as unknown as Opt;
    expect(none.series).toHaveLength(1);
    expect(none.legend.show).toBe(false);
  });
});

describe('groupsOption', () => {
  const o = groupsOption(
    [
      { name: '1. Công khai, minh bạch', points: 12.5, max: 18, full: 18 },
      { name: '3b. Thanh toán trực tuyến', points: 6, max: 8, full: 10 },
      { name: '5. Mức độ hài lòng', points: null, max: 0, full: 18 },
    ],
    vi,
  ) as unknown as Opt;
  it('stacks earned, lost and not counted up to each group maximum', () => {
    expect(o.series.map((s) => s.data)).toEqual([
      [12.5, 6, 0],
      [5.5, 2, 0],
      [0, 2, 18],
    ]);
    expect(o.series.every((s) => s.stack === 'group')).toBe(true);
  });
  it('labels each bar with points of the maximum counted, or no score', () => {
    const label = o.series[2].label.formatter;
    expect([0, 1, 2].map((k) => label({ dataIndex: k }))).toEqual(['12,5/18', '6/8', 'chưa có điểm']);
  });
  it('scales to the largest group maximum, rounded up to 5', () => expect(o.xAxis.max).toBe(20));
});

describe('communesOption', () => {
  const o = communesOption(
    {
      rows: [
        { unit: 'b', name: 'Xã Nam Trung', score: 91.25, grade: 'excellent' },
        { unit: 'a', name: 'Xã An Lâm', score: 72, grade: 'fair' },
        { unit: 'c', name: 'Xã Hợp Tiến', score: null, grade: null },
      ],
      axisMin: 60,
      highlight: 'a',
    },
    vi,
  ) as unknown as Opt;
  it('keeps the order given, best at the top, and names those without a score', () => {
    expect(o.yAxis.inverse).toBe(true);
    expect(o.yAxis.data).toEqual(['Xã Nam Trung', 'Xã An Lâm', 'Xã Hợp Tiến (chưa có điểm)']);
  });
  it('gives no bar (never 0) to a commune without a score', () =>
    expect(o.series[0].data.map((d: { value: number | null }) => d.value)).toEqual([91.25, 72, null]));
  it('colours by grade and outlines the unit in view', () => {
    expect(o.series[0].data[0].itemStyle.color).toBe(GRADE_COLORS.excellent);
    expect(o.series[0].data[1].itemStyle).toMatchObject({ color: GRADE_COLORS.fair, borderWidth: 2 });
  });
  it('starts the axis at the value given', () => expect(o.xAxis.min).toBe(60));
  it('says under the axis, in the picture too, that it does not start at 0', () => {
    expect((o.xAxis as { name?: string }).name).toBe('Trục bắt đầu từ 60, không từ 0');
    const zero = communesOption({ rows: [], axisMin: 0 }, vi) as unknown as Opt;
    expect((zero.xAxis as { name?: string }).name).toBeUndefined();
  });
});
