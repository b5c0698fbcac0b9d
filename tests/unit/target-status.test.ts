// Target status from a monthly series: deadlines passed, trends, milestones, rolling windows.
import { describe, expect, it } from 'vitest';
import { evaluateTarget, linearProjection, rolling12 } from '../../server/targets/status.ts';

const months = (start: string, values: (number | null)[]) => {
  const [y, m] = start.split('-').map(Number);
  return values.map((value, i) => {
    const t = y * 12 + (m - 1) + i;
    return { month: `${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}`, value };
  });
};

describe('evaluateTarget', () => {
  const rule = { comparator: '>=' as const, target: 100, deadline: '2022-12-31' };

  it('a passed deadline is judged on the value of the deadline month: missed', () => {
    const series = months('2022-01', [90, 95, 97, 98, 98, 99, 99, 99, 99, 99, 99, 99.5, 100, 100]);
    const r = evaluateTarget(rule, series, '2023-02-28');
    expect(r).toMatchObject({ status: 'missed', value: 99.5, value_month: '2022-12', met_on: '2023-01' });
  });

  it('a passed deadline met in time gives the month first met', () => {
    const series = months('2022-01', [90, 100, 99, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100]);
    expect(evaluateTarget(rule, series, '2023-02-01')).toMatchObject({ status: 'met', met_on: '2022-02', value: 100 });
  });

  it('a future deadline reached by the 12-month trend is on track', () => {
    // +1 point a month from 60: by 2025-12 (35 months after 2023-01) the line reaches ≥ 80
    const series = months('2022-01', Array.from({ length: 24 }, (_, i) => 50 + i));
    const r = evaluateTarget({ comparator: '>=', target: 80, deadline: '2025-12-31' }, series, '2023-12-31');
    expect(r.status).toBe('on_track');
    expect(r.projected).toBeCloseTo(50 + 47, 6);
  });

  it('a flat series below target is at risk', () => {
    const series = months('2024-01', Array(12).fill(40));
    expect(evaluateTarget({ comparator: '>=', target: 80, deadline: '2030-12-31' }, series, '2024-12-31').status).toBe('at_risk');
  });

  it('a lower-is-better target is met below it', () => {
    const series = months('2024-01', [5, 4, 3]);
    expect(evaluateTarget({ comparator: '<=', target: 3, deadline: '2030-12-31' }, series, '2024-03-31').status).toBe('met');
  });

  it('a milestone reached after its deadline is missed', () => {
    const series = months('2022-01', [0, 0, 0, 0, 0, 0, 0, 1, 1]);
    expect(evaluateTarget({ comparator: 'done', target: 1, deadline: '2022-06-30' }, series, '2022-09-30')).toMatchObject({
      status: 'missed',
      met_on: '2022-08',
    });
  });

  it('no values at all is no data', () => {
    expect(evaluateTarget(rule, months('2022-01', [null, null]), '2022-03-01').status).toBe('no_data');
  });
});

describe('linearProjection and rolling12', () => {
  it('projects an exact line', () => {
    expect(linearProjection([1, 3, 5, 7], 10)).toBeCloseTo(21, 9);
  });
  it('needs three points', () => {
    expect(linearProjection([1, 2], 5)).toBeNull();
  });
  it('sums the trailing 12 months', () => {
    const rows = Array.from({ length: 14 }, (_, i) => ({ numerator: i + 1, denominator: 10 }));
    const r = rolling12(rows);
    expect(r[0]).toMatchObject({ numerator: 1, denominator: 10 });
    expect(r[11]).toMatchObject({ numerator: 78, denominator: 120 }); // 1+…+12
    expect(r[13]).toMatchObject({ numerator: 3 + 4 + 5 + 6 + 7 + 8 + 9 + 10 + 11 + 12 + 13 + 14, denominator: 120 });
  });
});
