// Trajectory option builder: withheld months null (never 0) and bridged by a dashed line with a hollow marker, target
// and deadline lines, the forecast at the deadline with its 80 % range; the chart's input from the server's
// trajectory, nothing recomputed.
import { describe, expect, it } from 'vitest';
import { makeI18n } from '../../web/src/i18n/index.ts';
import { trajectoryOption, type TrajectoryInput } from '../../web/src/charts/trajectory/trajectory-option.ts';
import { targetTrajectory } from '../../web/src/charts/trajectory/target-series.ts';
import { STATUS_COLORS } from '../../web/src/charts/status-colors.ts';
import type { TargetAnswer } from '../../web/src/api/client.ts';

const vi = makeI18n('vi');
const en = makeI18n('en');
type Axis = (e: { min: number; max: number }) => number;
type Opt = {
  xAxis: { data: string[]; axisLabel: { fontSize: number } };
  yAxis: { min: Axis; max: Axis; axisLabel: { formatter: (v: number) => string } };
  series: any[];
};

const base: TrajectoryInput = {
  periods: ['2025-10', '2025-11', '2025-12'],
  values: [95.5, 96.25, 97],
  suppressed: [false, true, false],
  target: 100,
  deadline: '2026-02-28',
  unit: 'percent',
  status: 'at_risk',
  forecast: { value: 99.5, lo80: 98, hi80: 100 },
  name: 'Giá trị',
};

describe('trajectoryOption', () => {
  const o = trajectoryOption(base, vi) as unknown as Opt;
  it('spans the data and the deadline month with vi-VN month labels', () =>
    expect(o.xAxis.data).toEqual(['Tháng 10/2025', 'Tháng 11/2025', 'Tháng 12/2025', 'Tháng 1/2026', 'Tháng 2/2026']));
  it('shows suppressed and missing months as null, never 0', () =>
    expect(o.series[0].data).toEqual([95.5, null, 97, null, null]));
  it('draws the target and the deadline as mark lines', () => {
    const [target, deadline, ...rest] = o.series[0].markLine.data;
    expect(rest).toEqual([]);
    expect(target.yAxis).toBe(100);
    expect(target.label.formatter).toBe('Chỉ tiêu\n100 %');
    expect(deadline.xAxis).toBe('Tháng 2/2026');
    expect(deadline.label.formatter).toBe('Hạn: 28/02/2026');
  });
  it('keeps the target line inside the value axis', () => {
    expect(o.yAxis.max({ min: 95.5, max: 97 })).toBe(100);
    expect(o.yAxis.max({ min: 95.5, max: 120 })).toBe(120);
    expect(o.yAxis.min({ min: 95.5, max: 97 })).toBe(95);
    expect(o.yAxis.min({ min: 6.5, max: 60 })).toBe(0);
  });
  it('bridges a withheld month with a dashed line and a hollow marker between its neighbours', () => {
    const bridge = o.series.find((s) => s.id === 'bridge');
    expect(bridge.name).toBe('Giá trị');
    expect(bridge.lineStyle.type).toBe('dashed');
    expect(bridge.data).toEqual([95.5, { value: 96.25, symbol: 'emptyCircle', symbolSize: 8 }, 97, null, null]);
    expect(bridge.tooltip.show).toBe(false);
  });
  it("says why a month is withheld in the tooltip, by the server's method", () => {
    const at = (opt: Opt, row: number) =>
      (opt as unknown as { tooltip: { formatter: (p: unknown) => string } }).tooltip.formatter([
        { seriesIndex: 0, seriesName: 'Giá trị', dataIndex: row, marker: '' },
      ]);
    expect(at(o, 1)).toContain('bảo vệ thông tin cá nhân');
    expect(at(o, 0)).toContain('95,5 %');
    const cellkey = trajectoryOption({ ...base, disclosure: { method: 'cellkey', minCell: 5 } }, en) as unknown as Opt;
    expect(at(cellkey, 1)).toContain('Withheld: base below 5');
  });
  it('marks a withheld month with no published neighbour as a grey vertical line', () => {
    const alone = trajectoryOption(
      { ...base, values: [null, null, null], suppressed: [true, true, true], forecast: null },
      vi,
    ) as unknown as Opt;
    const marks = alone.series[0].markLine.data.slice(2);
    expect(marks.map((m: { xAxis: string }) => m.xAxis)).toEqual(['Tháng 10/2025', 'Tháng 11/2025', 'Tháng 12/2025']);
    expect(marks[0].tooltip.formatter).toContain('bảo vệ thông tin cá nhân');
    expect(alone.series.some((s) => s.id === 'bridge')).toBe(false);
  });
  it('draws the forecast from the last value to the deadline, with its 80 % range there', () => {
    expect(o.series[1].name).toBe('Dự báo tại hạn');
    expect(o.series[1].data).toEqual([null, null, 97, null, 99.5]);
    expect(o.series[1].markLine.data).toEqual([[{ coord: ['Tháng 2/2026', 98] }, { coord: ['Tháng 2/2026', 100] }]]);
    expect(o.series[1].markLine.tooltip.formatter).toBe('Khoảng dự báo 80 %: 98 % – 100 %');
  });
  it('keeps the forecast range inside the value axis', () => {
    const forecast = { value: 64.5, lo80: 12.4, hi80: 95.9 };
    const wide = trajectoryOption({ ...base, forecast, target: 70 }, vi) as unknown as Opt;
    expect(wide.yAxis.min({ min: 40, max: 61 })).toBe(10);
    // the range's top, rounded up on the axis's scale (a label of 95,9 % would crowd the 90 % one)
    expect(wide.yAxis.max({ min: 40, max: 61 })).toBe(100);
  });
  it('colours the line by status', () => expect(o.series[0].lineStyle.color).toBe(STATUS_COLORS.at_risk));
  it.each([
    [vi, 97.25, '97,3 %'],
    [en, 97.25, '97.3 %'],
  ])('formats axis values in the language (%#)', (i, v, want) =>
    expect((trajectoryOption(base, i) as unknown as Opt).yAxis.axisLabel.formatter(v)).toBe(want),
  );
  it('has no forecast series without a forecast, and bigger type on the wall', () => {
    const w = trajectoryOption({ ...base, forecast: null }, vi, { wall: true }) as unknown as Opt;
    expect(w.series.map((s) => s.id)).toEqual(['value', 'bridge']);
    expect(w.xAxis.axisLabel.fontSize).toBeGreaterThan(o.xAxis.axisLabel.fontSize);
  });
  it('extends backwards when the deadline precedes the data', () => {
    const early = trajectoryOption({ ...base, deadline: '2025-08-31', forecast: null }, vi) as unknown as Opt;
    expect(early.xAxis.data[0]).toBe('Tháng 8/2025');
    expect(early.series[0].data).toEqual([null, null, 95.5, null, 97]);
  });
});

describe('estimates and the judged value', () => {
  const o = trajectoryOption(
    {
      ...base,
      values: [95.5, 96.25, 97],
      suppressed: [false, false, false],
      partial: [false, true, false],
      forecast: null,
      judged: { month: '2025-12', value: 97 },
    },
    vi,
  ) as unknown as Opt;
  it('keeps exact values solid and estimates dashed, joined to their neighbours', () => {
    expect(o.series[0].data).toEqual([95.5, null, 97, null, null]);
    expect(o.series[1].name).toBe('Ước tính (thiếu tháng bị ẩn)');
    expect(o.series[1].lineStyle.type).toBe('dashed');
    expect(o.series[1].data).toEqual([95.5, 96.25, 97, null, null]);
  });
  it('labels the value the target is judged on', () => {
    expect(o.series[0].markPoint.data).toEqual([
      { name: 'Giá trị dùng để đánh giá', coord: ['Tháng 12/2025', 97], value: 97 },
    ]);
    expect(o.series[0].markPoint.label.formatter).toBe('97 %');
  });
});

describe('targetTrajectory', () => {
  const target = {
    target: 80,
    deadline: '2030-12-31',
    unit: 'percent',
    status: 'at_risk',
    suppressed: false,
    value: 61,
    value_month: '2025-02',
    forecast_at_deadline: 64.5,
    lo80: 12.4,
    hi80: 95.9,
  } as TargetAnswer;
  const months = ['2025-01', '2025-02'];
  const trajectory = {
    target_id: 'A18',
    months,
    values: [null, 61],
    suppressed: [true, false],
    partial: [false, true],
  };
  it("draws the server's values, hidden months and estimates as they came", () => {
    const t = targetTrajectory(target, trajectory, 'x');
    expect(t).toMatchObject({ periods: months, values: [null, 61], suppressed: [true, false], partial: [false, true] });
  });
  it("takes the judged value and the forecast from the target's outlook", () => {
    const t = targetTrajectory(target, trajectory, 'x');
    expect(t.judged).toEqual({ month: '2025-02', value: 61 });
    expect(t.forecast).toEqual({ value: 64.5, lo80: 12.4, hi80: 95.9 });
    expect(targetTrajectory({ ...target, forecast_at_deadline: null }, trajectory, 'x').forecast).toBeNull();
  });
});

describe('labels clear of the values and of each other', () => {
  type Full = Opt & { grid: { right: number; top: number }; legend: { type: string } };
  const o = trajectoryOption(base, vi) as unknown as Full;
  const [target, deadline] = o.series[0].markLine.data;
  it("puts the target's label in the right margin, wide enough for it", () => {
    expect(target.label.position).toBe('end');
    // "Chỉ tiêu" (8 letters) at 11 px: about 55 px of text
    expect(o.grid.right).toBeGreaterThanOrEqual(56);
  });
  it("puts the deadline's label above the plot, ending at the line (never past the chart's edge)", () => {
    expect(deadline.label.position).toBe('end');
    expect(deadline.label.align).toBe('right');
    expect(o.grid.top).toBeGreaterThanOrEqual(20 + 11 + 16);
  });
  it('never pages its legend', () => expect(o.legend.type).toBe('plain'));
});

describe('the month in progress of a target', () => {
  const input = {
    ...base,
    periods: ['2026-10', '2026-11', '2026-12'],
    values: [58, 61, 61],
    suppressed: [false, false, false],
    deadline: '2030-12-31',
    target: 70,
    forecast: null,
    judged: { month: '2026-12', value: 61 },
    dataDate: '2026-12-05',
  };
  const o = trajectoryOption(input, vi) as unknown as Opt & { tooltip: { formatter: (p: unknown) => string } };
  const partial = o.series.find((s) => s.id === 'partial');
  it('leaves it off the solid line, drawn dashed, lighter and hollow from November', () => {
    expect(o.series[0].data.slice(0, 3)).toEqual([58, 61, null]);
    expect(partial.lineStyle).toMatchObject({ type: 'dashed' });
    expect(partial.lineStyle.opacity).toBeLessThan(1);
    expect(partial.data.slice(0, 3)).toEqual([
      null,
      { value: 61, symbol: 'none' },
      expect.objectContaining({ value: 61, symbol: 'emptyCircle' }),
    ]);
  });
  it('labels it with the data date and says so in the tooltip; the judged point is hollow', () => {
    expect(partial.markArea.data[0][0].name).toBe('đến ngày 05/12');
    const tip = o.tooltip.formatter([{ seriesIndex: 0, seriesName: 'Giá trị', dataIndex: 2, marker: '' }]);
    expect(tip).toContain('61 % (đến ngày 05/12, chưa hết tháng)');
    expect(o.series[0].markPoint.symbol).toBe('emptyCircle');
  });
  it('draws a complete month as any other', () => {
    const full = trajectoryOption({ ...input, dataDate: '2026-11-30', periods: ['2026-09', '2026-10', '2026-11'] }, vi);
    const s = (full as unknown as Opt).series;
    expect(s.some((x) => x.id === 'partial')).toBe(false);
    expect(s[0].markPoint.symbol).toBe('circle');
  });
  it('keeps the target inside the value axis', () => {
    expect(o.yAxis.max({ min: 58, max: 61 })).toBeGreaterThanOrEqual(70);
    expect(o.yAxis.min({ min: 80, max: 95 })).toBeLessThanOrEqual(70);
  });
  it('takes the data date and the indicator from the target', () => {
    const t = targetTrajectory(
      {
        target: 70,
        deadline: '2030-12-31',
        unit: 'percent',
        status: 'at_risk',
        suppressed: false,
        value: 61,
        value_month: '2026-12',
        forecast_at_deadline: null,
        lo80: null,
        hi80: null,
        data_date: '2026-12-05',
        indicator: 'pct_forms_standardized',
      } as TargetAnswer,
      { target_id: 'A18', months: ['2026-12'], values: [61], suppressed: [false], partial: [false] },
      'x',
    );
    expect(t).toMatchObject({ dataDate: '2026-12-05', indicator: 'pct_forms_standardized' });
  });
});
