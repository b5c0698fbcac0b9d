// Issue 17: the Overview's groups (triage) and the month before a target's value (the change a tile shows), on
// hand-made cases whose answers are written out here, not computed by the code under test.
import { describe, expect, it } from 'vitest';
import { previousPoint } from '../../server/targets/series.ts';
import { TRIAGE_ORDER, triageOf } from '../../server/targets/triage.ts';
import { targetOutlook } from '../../server/targets/outlook.ts';

describe('triage group of a target', () => {
  const today = '2026-12-05';
  it.each([
    // deadline ahead
    ['at_risk', '2030-12-31', 'attention'],
    ['on_track', '2030-12-31', 'on_track'],
    ['met', '2030-12-31', 'on_track'],
    ['no_data', '2030-12-31', 'unknown'],
    ['suppressed', '2030-12-31', 'unknown'],
    // the deadline is the data date: not passed yet (the outlook's rule: passed when before the data date)
    ['at_risk', '2026-12-05', 'attention'],
    ['met', '2026-12-05', 'on_track'],
    // deadline passed: decided, whatever the status
    ['met', '2026-12-04', 'passed'],
    ['missed', '2025-12-31', 'passed'],
    ['no_data', '2022-03-31', 'passed'],
    ['suppressed', '2022-12-31', 'passed'],
  ] as const)('%s due %s → %s', (status, deadline, group) => {
    expect(triageOf(status, deadline, today)).toBe(group);
  });

  it('lists the groups in the order a leader reads them', () => {
    expect(TRIAGE_ORDER).toEqual(['attention', 'on_track', 'unknown', 'passed']);
  });

  it('agrees with the outlook on when a deadline has passed', () => {
    const months = ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'].map((m) => `2022-${m}`);
    const series = [...months, '2023-01', '2023-02'].map((month, i) => ({ month, value: 80 + i }));
    const rule = { comparator: '>=' as const, target: 95, series, share: true };
    for (const [deadline, today] of [
      ['2022-12-31', '2023-02-28'],
      ['2023-02-28', '2023-02-28'],
      ['2023-12-31', '2023-02-28'],
    ]) {
      const o = targetOutlook({ ...rule, deadline, today });
      expect(triageOf(o.status, deadline, today) === 'passed', deadline).toBe(o.method === 'deadline_passed');
    }
  });
});

describe('the month before a target value', () => {
  const series = [
    { month: '2026-08', value: 50, short_window: true },
    { month: '2026-09', value: 55 },
    { month: '2026-10', value: null },
    { month: '2026-11', value: 60.5 },
    { month: '2026-12', value: 63.3 },
  ];
  it('is the calendar month before, with its value', () => {
    expect(previousPoint(series, '2026-12')).toEqual({ previous_month: '2026-11', previous_value: 60.5 });
  });
  it('is nothing when that month has no value (never the month before it)', () => {
    expect(previousPoint(series, '2026-11')).toEqual({ previous_month: null, previous_value: null });
  });
  it('is nothing across a short window (fewer than 12 months)', () => {
    expect(previousPoint(series, '2026-09')).toEqual({ previous_month: null, previous_value: null });
  });
  it('is nothing without a value month, or before the series', () => {
    expect(previousPoint(series, null)).toEqual({ previous_month: null, previous_value: null });
    expect(previousPoint(series, '2026-08')).toEqual({ previous_month: null, previous_value: null });
  });
  it('crosses a year', () => {
    const s = [
      { month: '2025-12', value: 3 },
      { month: '2026-01', value: 4 },
    ];
    expect(previousPoint(s, '2026-01')).toEqual({ previous_month: '2025-12', previous_value: 3 });
  });
});
