// Target status from a monthly series: deadlines passed, forecasts, milestones; the rolling windows the
// status is judged on and the trajectory the screens draw (both computed on the server).
import { describe, expect, it } from 'vitest';
import { targetOutlook, type OutlookInput } from '../../server/targets/outlook.ts';
import { judgedSeries, publishedTrajectory, trailing12 } from '../../server/targets/series.ts';
import { linearProjection } from '../../server/targets/status.ts';

const months = (start: string, values: (number | null)[]) => {
  const [y, m] = start.split('-').map(Number);
  return values.map((value, i) => {
    const t = y * 12 + (m - 1) + i;
    return { month: `${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}`, value };
  });
};
const evaluate = (
  rule: Pick<OutlookInput, 'comparator' | 'target' | 'deadline'>,
  series: OutlookInput['series'],
  today: string,
) => targetOutlook({ ...rule, series, today, share: true });

describe('target status', () => {
  const rule = { comparator: '>=' as const, target: 100, deadline: '2022-12-31' };

  it('a passed deadline is judged on the value of the deadline month: missed', () => {
    const series = months('2022-01', [90, 95, 97, 98, 98, 99, 99, 99, 99, 99, 99, 99.5, 100, 100]);
    const r = evaluate(rule, series, '2023-02-28');
    expect(r).toMatchObject({
      status: 'missed',
      value: 99.5,
      value_month: '2022-12',
      met_on: '2023-01',
      method: 'deadline_passed',
    });
  });

  it('a passed deadline met in time gives the month first met', () => {
    const series = months('2022-01', [90, 100, 99, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100]);
    expect(evaluate(rule, series, '2023-02-01')).toMatchObject({ status: 'met', met_on: '2022-02', value: 100 });
  });

  it('a future deadline is on track when the forecast at the deadline reaches the target', () => {
    // +1 point a month from 50 to 73 (2022-01 … 2023-12), 24 months before a 2025-12 deadline for ≥ 80
    const series = months(
      '2022-01',
      Array.from({ length: 24 }, (_, i) => 50 + i),
    );
    const r = evaluate({ comparator: '>=', target: 80, deadline: '2025-12-31' }, series, '2023-12-31');
    expect(r).toMatchObject({ status: 'on_track', value: 73, months_left: 24 });
    expect(r.forecast_at_deadline!).toBeGreaterThanOrEqual(80);
    expect(r.probability!).toBeGreaterThanOrEqual(0.5);
    expect(r.pace_needed).toBeCloseTo((80 - 73) / 24, 9);
  });

  it('a flat series below target is at risk: its forecast stays flat, probability 0', () => {
    const series = months('2024-01', Array(12).fill(40));
    const r = evaluate({ comparator: '>=', target: 80, deadline: '2030-12-31' }, series, '2024-12-31');
    expect(r).toMatchObject({ status: 'at_risk', forecast_at_deadline: 40, probability: 0 });
  });

  it('a lower-is-better target is met below it (three months: too short to forecast)', () => {
    const series = months('2024-01', [5, 4, 3]);
    expect(evaluate({ comparator: '<=', target: 3, deadline: '2030-12-31' }, series, '2024-03-31')).toMatchObject({
      status: 'met',
      method: 'too_short',
    });
  });

  it('a milestone reached after its deadline is missed', () => {
    const series = months('2022-01', [0, 0, 0, 0, 0, 0, 0, 1, 1]);
    expect(evaluate({ comparator: 'done', target: 1, deadline: '2022-06-30' }, series, '2022-09-30')).toMatchObject({
      status: 'missed',
      met_on: '2022-08',
    });
  });

  it('a milestone before its deadline is met once done, at risk before, never forecast', () => {
    const done = { comparator: 'done' as const, target: 1, deadline: '2030-12-31' };
    expect(evaluate(done, months('2024-01', [0, 0, 1]), '2024-03-31')).toMatchObject({
      status: 'met',
      method: 'milestone',
      probability: null,
    });
    expect(evaluate(done, months('2024-01', [0, 0, 0]), '2024-03-31')).toMatchObject({
      status: 'at_risk',
      method: 'milestone',
    });
  });

  it('no values at all is no data', () => {
    expect(evaluate(rule, months('2022-01', [null, null]), '2022-03-01')).toMatchObject({
      status: 'no_data',
      method: 'no_data',
    });
  });
});

describe('linearProjection and trailing12', () => {
  it('projects an exact line', () => {
    expect(linearProjection([1, 3, 5, 7], 10)).toBeCloseTo(21, 9);
  });
  it('needs three points', () => {
    expect(linearProjection([1, 2], 5)).toBeNull();
  });
  it('sums the trailing 12 months', () => {
    const rows = Array.from({ length: 14 }, (_, i) => ({ numerator: i + 1, denominator: 10 }));
    const r = trailing12(rows);
    expect(r[0]).toMatchObject({ numerator: 1, denominator: 10, months: 1 });
    expect(r[11]).toMatchObject({ numerator: 78, denominator: 120, months: 12 }); // 1+…+12
    expect(r[13]).toMatchObject({ numerator: 3 + 4 + 5 + 6 + 7 + 8 + 9 + 10 + 11 + 12 + 13 + 14, denominator: 120 });
  });
  it('leaves hidden months out and counts them; a window with nothing left is null, never 0', () => {
    const rows = [5, 5, 8, 5].map((n, i) => ({
      numerator: i === 1 ? null : n,
      denominator: i === 1 ? null : 10,
      hidden: i === 1,
    }));
    const r = trailing12(rows, (row) => row.hidden);
    expect(r.map((w) => [w.numerator, w.denominator, w.left_out])).toEqual([
      [5, 10, 0],
      [5, 10, 1],
      [13, 20, 1],
      [18, 30, 1],
    ]);
    expect(trailing12([{ numerator: null, denominator: null }])[0]).toMatchObject({
      numerator: null,
      denominator: null,
    });
  });
});

describe('judged series and published trajectory', () => {
  const row = (i: number, numerator: number | null, denominator: number | null, suppressed = false) => ({
    unit: '10633',
    unit_name: 'Xã Nam Trung',
    period: `2024-0${i + 1}`,
    last_month: `2024-0${i + 1}`,
    value: suppressed || numerator === null || !denominator ? null : (100 * numerator) / denominator,
    numerator: suppressed ? null : numerator,
    denominator: suppressed ? null : denominator,
    suppressed,
    suppression: suppressed ? ('primary' as const) : null,
  });
  const flow = { time: 'sum', scale: 100 } as const;

  it('a flow is judged on its 12-month windows; the first months are short windows (judged, not fitted)', () => {
    const raw = [1, 2, 3].map((n, i) => ({
      unit: '10633',
      period: `2024-0${i + 1}-01`,
      last_month: '',
      months: 1,
      numerator: n,
      denominator: 10,
    }));
    expect(judgedSeries(raw, flow)).toEqual([
      { month: '2024-01', value: 10, short_window: true }, // 1/10
      { month: '2024-02', value: 15, short_window: true }, // 3/20
      { month: '2024-03', value: 20, short_window: true }, // 6/30
    ]);
    expect(judgedSeries(raw, { time: 'last', scale: 100 }).map((p) => p.value)).toEqual([10, 20, 30]);
  });

  it('the trajectory sums published months only, flags windows with hidden months, never shows 0 for hidden', () => {
    const rows = [row(0, 5, 10), row(1, 5, 10, true), row(2, 8, 10), row(3, 5, 10)];
    const t = publishedTrajectory('L02', rows, flow);
    // (5)/10, (5)/10 without the hidden month, (5+8)/20, (5+8+5)/30
    expect(t.values.map((v) => (v === null ? null : Math.round(v * 1e9) / 1e9))).toEqual([50, 50, 65, 60]);
    expect(t.partial).toEqual([false, true, true, true]);
    expect(t.suppressed).toEqual([false, false, false, false]);
    const hidden = publishedTrajectory('L02', [row(0, 5, 10, true)], flow);
    expect(hidden).toMatchObject({ values: [null], suppressed: [true], partial: [false] });
  });

  it('a stock draws its published months, hidden ones as null', () => {
    const t = publishedTrajectory('D02', [row(0, 5, 10), row(1, 3, 4, true)], { time: 'last', scale: 100 });
    expect(t).toEqual({
      target_id: 'D02',
      months: ['2024-01', '2024-02'],
      values: [50, null],
      suppressed: [false, true],
      partial: [false, false],
    });
  });
});
