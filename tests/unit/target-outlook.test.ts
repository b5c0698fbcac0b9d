// The one rule of a target's outlook (server/targets/outlook.ts): status, forecast at the deadline and
// probability together. Pins issue 13: the old status (a straight line through the last 12 months, or
// "met" whenever the latest value met the target) contradicted the forecast and probability shown beside it.
import { describe, expect, it } from 'vitest';
import { liveStatus, reportedProbability, targetOutlook, type OutlookInput } from '../../server/targets/outlook.ts';

const months = (start: string, values: (number | null)[]) => {
  const [y, m] = start.split('-').map(Number);
  return values.map((value, i) => {
    const t = y * 12 + (m - 1) + i;
    return { month: `${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}`, value };
  });
};
/** A small fixed wiggle, so the fits have residuals (σ > 0). */
const wiggle = (i: number) => [0.3, -0.2, 0.1, -0.3, 0.2, -0.1][i % 6];

/** The old rule's straight line, computed here: least squares through (0, y0) … (n−1, yn−1), at x. */
function line(ys: number[], x: number): number {
  const n = ys.length;
  const mx = (n - 1) / 2;
  const my = ys.reduce((s, v) => s + v, 0) / n;
  const sxy = ys.reduce((s, v, i) => s + (i - mx) * (v - my), 0);
  const sxx = ys.reduce((s, _, i) => s + (i - mx) ** 2, 0);
  return my + (sxy / sxx) * (x - mx);
}

describe('the rule, table-driven', () => {
  it.each([
    [false, 0.5, 'on_track'],
    [false, 0.49, 'at_risk'],
    [false, 0, 'at_risk'],
    [true, 0.99, 'met'],
    [true, 0.5, 'met'],
    [true, 0.3, 'at_risk'], // met today, but more likely than not to fall short at the deadline
  ] as const)('met now %s, probability %d → %s', (metNow, p, status) => expect(liveStatus(metNow, p)).toBe(status));

  it.each([
    [0.448, 0.45],
    [0.4996, 0.49], // never rounded up across the threshold: an at-risk target never reads 50 %
    [0.5, 0.5],
    [0.504, 0.5],
    [0.996, 1],
    [1e-12, 0],
    [1, 1],
  ])('probability %d is shown as %d', (p, shown) => expect(reportedProbability(p)).toBe(shown));
});

describe('series where the old rules disagreed with the forecast', () => {
  const live = { deadline: '2029-12-31', today: '2025-12-31' };

  it('a step 6 months ago: the old 12-month line said on track, the forecast says at risk', () => {
    // 18 months near 50 %, then a step to 61 % held for 6 months (2024-01 … 2025-12); target 70 % by 2029-12
    const ys = Array.from({ length: 24 }, (_, i) => (i < 18 ? 50 : 61) + wiggle(i));
    expect(line(ys.slice(-12), 11 + 48)).toBeGreaterThan(70); // old: on_track (the line climbs at 1.1 a month)
    const r = targetOutlook({ ...live, series: months('2024-01', ys), comparator: '>=', target: 70, share: true });
    expect(r).toMatchObject({ status: 'at_risk', method: 'damped_logit', months_left: 48 });
    expect(r.forecast_at_deadline!).toBeLessThan(70);
    expect(r.probability!).toBeLessThan(0.5);
  });

  it('already meeting a "≤" target but rising through it: the old rule said met, the forecast says at risk', () => {
    // a count rising 2 a month to 95.9 against "at most 100" by 2028-12, 36 months on
    const ys = Array.from({ length: 24 }, (_, i) => 50 + 2 * i + wiggle(i));
    const r = targetOutlook({
      ...live,
      deadline: '2028-12-31',
      series: months('2024-01', ys),
      comparator: '<=',
      target: 100,
      share: false,
    });
    expect(ys[23]).toBeLessThanOrEqual(100); // old: met
    expect(r.status).toBe('at_risk');
    expect(r.forecast_at_deadline!).toBeGreaterThan(100);
    expect(r.probability!).toBeLessThan(0.5);
  });

  it('five months rising: the old line said on track; with no forecast the new rule cannot, so at risk', () => {
    const ys = [40, 45, 50, 55, 60];
    expect(line(ys, 4 + 60)).toBeGreaterThan(80);
    const r = targetOutlook({
      ...live,
      deadline: '2030-12-31',
      series: months('2025-08', ys),
      comparator: '>=',
      target: 80,
      share: true,
    });
    expect(r).toMatchObject({ status: 'at_risk', method: 'too_short', forecast_at_deadline: null, probability: null });
    expect(r.pace_needed).toBeCloseTo((80 - 60) / 60, 9);
  });

  it('a rising count that the forecast carries past its target is on track, as forecast and probability say', () => {
    const ys = Array.from({ length: 24 }, (_, i) => 20 + 2 * i + wiggle(i));
    const r = targetOutlook({ ...live, series: months('2024-01', ys), comparator: '>=', target: 70, share: false });
    expect(r.status).toBe('on_track');
    expect(r.forecast_at_deadline!).toBeGreaterThanOrEqual(70);
    expect(r.probability!).toBeGreaterThanOrEqual(0.5);
  });
});

describe('what is not forecast', () => {
  it('short windows at the start of a flow are judged, not fitted: 7 complete months are too short, 8 not', () => {
    const short = months(
      '2024-01',
      Array.from({ length: 11 }, (_, i) => 40 + i),
    ).map((p) => ({ ...p, short_window: true }));
    const input = (n: number): OutlookInput => ({
      series: [
        ...short,
        ...months(
          '2024-12',
          Array.from({ length: n }, (_, i) => 51 + i + wiggle(i)),
        ),
      ],
      comparator: '>=',
      target: 90,
      deadline: '2030-12-31',
      today: '2026-12-31',
      share: true,
    });
    expect(targetOutlook(input(7)).method).toBe('too_short');
    expect(targetOutlook(input(8)).method).toBe('damped_logit');
    expect(targetOutlook(input(7)).met_on).toBeNull();
  });

  it('a deadline in the data month gives the known value, probability 1 or 0', () => {
    const series = months(
      '2025-01',
      Array.from({ length: 12 }, (_, i) => 90 + i / 2 + wiggle(i)),
    );
    const r = targetOutlook({
      series,
      comparator: '>=',
      target: 95,
      deadline: '2025-12-31',
      today: '2025-12-31',
      share: true,
    });
    expect(r).toMatchObject({ status: 'met', months_left: 0, probability: 1, forecast_at_deadline: series[11].value });
    const missed = targetOutlook({
      series,
      comparator: '>=',
      target: 99,
      deadline: '2025-12-31',
      today: '2025-12-31',
      share: true,
    });
    expect(missed).toMatchObject({ status: 'at_risk', probability: 0 });
  });
});

describe('status never contradicts the forecast and probability beside it', () => {
  // 60 pseudo-random walks (a fixed linear congruential generator), shares and counts, both comparators
  let seed = 20220330;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const cases = Array.from({ length: 60 }, (_, k) => {
    const share = k % 2 === 0;
    const drift = (rand() - 0.4) * (share ? 1.5 : 20);
    let v = share ? 20 + 60 * rand() : 500 + 1000 * rand();
    const ys = Array.from(
      { length: 12 + Math.floor(rand() * 36) },
      () =>
        (v = Math.max(share ? 1 : 0, Math.min(share ? 99 : Infinity, v + drift + (rand() - 0.5) * (share ? 3 : 40)))),
    );
    const last = ys[ys.length - 1];
    const target = share ? Math.min(99, last + (rand() - 0.3) * 30) : last * (0.7 + rand());
    const comparator: '<=' | '>=' = k % 3 === 0 ? '<=' : '>=';
    return { share, ys, target, comparator };
  });
  it.each(cases.map((c, k) => [k, c] as const))('walk %i', (_k, c) => {
    const r = targetOutlook({
      series: months('2023-01', c.ys),
      comparator: c.comparator,
      target: c.target,
      deadline: '2030-12-31',
      today: '2026-12-31',
      share: c.share,
    });
    expect(r.forecast_at_deadline).not.toBeNull();
    const reaches =
      c.comparator === '>=' ? r.forecast_at_deadline! >= c.target - 1e-6 : r.forecast_at_deadline! <= c.target + 1e-6;
    const misses =
      c.comparator === '>=' ? r.forecast_at_deadline! <= c.target + 1e-6 : r.forecast_at_deadline! >= c.target - 1e-6;
    if (r.status === 'at_risk') {
      expect(r.probability!).toBeLessThan(0.5);
      expect(misses).toBe(true);
    } else {
      expect(['met', 'on_track']).toContain(r.status);
      expect(r.probability!).toBeGreaterThanOrEqual(0.5);
      expect(reaches).toBe(true);
    }
  });
});
