// Damped-trend forecasts of targets on synthetic series with known answers; the forecast variance
// is checked against a Monte-Carlo simulation of the model and the book's closed form.
import { describe, expect, it } from 'vitest';
import {
  fitDamped,
  forecastMean,
  forecastVariance,
  paceNeeded,
  predict,
  probabilityMeeting,
} from '../../server/forecast/damped.ts';
import { forecastTarget } from '../../server/forecast/targets-forecast.ts';

/** mulberry32 + Box–Muller: seeded standard normal draws, independent of the code under test */
function normals(seed: number): () => number {
  let a = seed >>> 0;
  const uniform = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
}

const months = (start: string, values: number[]) => {
  const [y, m] = start.split('-').map(Number);
  return values.map((value, i) => {
    const t = y * 12 + (m - 1) + i;
    return { month: `${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}`, value };
  });
};

describe('damped trend on known series', () => {
  it('a constant plus noise forecasts the constant, with intervals widening with h', () => {
    const z = normals(1);
    const y = Array.from({ length: 60 }, () => 50 + z());
    const widths: number[] = [];
    for (let h = 1; h <= 12; h++) {
      const { at } = predict(y, 'raw', h);
      expect(at.median).toBeGreaterThan(49);
      expect(at.median).toBeLessThan(51);
      widths.push(at.hi95 - at.lo95);
    }
    widths.slice(1).forEach((w, i) => expect(w).toBeGreaterThan(widths[i]));
    expect(widths[0]).toBeGreaterThan(2 * 1.96 * 0.7); // about 2 × 1.96 × σ, σ = 1
    expect(widths[0]).toBeLessThan(2 * 1.96 * 1.4);
  });

  it('a straight line: the trend is the slope, and with φ = 1 the forecast continues the line', () => {
    const y = Array.from({ length: 24 }, (_, t) => 10 + 2 * t);
    expect(fitDamped(y).trend).toBeCloseTo(2, 3);
    const holt = fitDamped(y, { phi: [1, 1] });
    for (const h of [1, 6, 24]) expect(forecastMean(holt, h)).toBeCloseTo(10 + 2 * (23 + h), 6);
  });

  it('a logistic share stays inside 0–100, with asymmetric intervals inside too', () => {
    const z = normals(2);
    const y = Array.from({ length: 48 }, (_, t) => 100 / (1 + Math.exp(-(t - 24) / 6)) + 0.5 * z());
    for (const h of [1, 12, 36, 120]) {
      const { at } = predict(
        y.map((v) => Math.min(100, Math.max(0, v))),
        'logit',
        h,
      );
      const q = [at.lo95, at.lo80, at.median, at.hi80, at.hi95];
      q.forEach((v) => expect(v).toBeGreaterThanOrEqual(0));
      q.forEach((v) => expect(v).toBeLessThanOrEqual(100));
      q.slice(1).forEach((v, i) => expect(v).toBeGreaterThanOrEqual(q[i]));
      if (at.hi95 < 100) expect(at.hi95 - at.median).toBeLessThan(at.median - at.lo95); // squeezed towards 100
    }
  });

  it('a noise-free series has zero-width intervals and probability 0 or 1', () => {
    const { at } = predict(Array(20).fill(40), 'raw', 6);
    expect([at.lo95, at.lo80, at.median, at.hi80, at.hi95]).toEqual([40, 40, 40, 40, 40]);
    expect(probabilityMeeting(at, 'raw', '>=', 50)).toBe(0);
    expect(probabilityMeeting(at, 'raw', '>=', 30)).toBe(1);
    expect(probabilityMeeting(at, 'raw', '<=', 50)).toBe(1);
    expect(probabilityMeeting(at, 'raw', '>=', 40)).toBe(1);
  });

  it('the h-step variance matches a Monte-Carlo simulation of ETS(A,Ad,N) and the closed form', () => {
    const fit = { alpha: 0.4, beta: 0.1, phi: 0.9, sigma: 2, level: 10, trend: 1, n: 50 };
    const H = 12;
    const N = 40000;
    const z = normals(3);
    const sums = Array.from({ length: H }, () => ({ s: 0, ss: 0 }));
    for (let k = 0; k < N; k++) {
      let l = fit.level;
      let b = fit.trend;
      for (let h = 0; h < H; h++) {
        const e = fit.sigma * z();
        const y = l + fit.phi * b + e;
        l = l + fit.phi * b + fit.alpha * e;
        b = fit.phi * b + fit.beta * e;
        sums[h].s += y;
        sums[h].ss += y * y;
      }
    }
    const { alpha: a, beta: b, phi } = fit;
    sums.forEach(({ s, ss }, i) => {
      const h = i + 1;
      const mean = s / N;
      const variance = ss / N - mean * mean;
      expect(mean).toBeCloseTo(forecastMean(fit, h), 1);
      expect(Math.abs(variance / forecastVariance(fit, h) - 1)).toBeLessThan(0.04);
      // Hyndman et al. (2008), Table 6.1, class 1, ETS(A,Ad,N)
      const closed =
        fit.sigma ** 2 *
        (1 +
          a * a * (h - 1) +
          ((b * phi * h) / (1 - phi) ** 2) * (2 * a * (1 - phi) + b * phi) -
          ((b * phi * (1 - phi ** h)) / ((1 - phi) ** 2 * (1 - phi * phi))) *
            (2 * a * (1 - phi * phi) + b * phi * (1 + 2 * phi - phi ** h)));
      expect(forecastVariance(fit, h)).toBeCloseTo(closed, 8);
    });
  });

  it('the probability of meeting falls as the target rises (and rises for lower-is-better)', () => {
    const z = normals(4);
    const { at } = predict(
      Array.from({ length: 36 }, (_, t) => 40 + 0.5 * t + 2 * z()),
      'logit',
      12,
    );
    let prevUp = 1;
    let prevDown = 0;
    for (let target = 30; target <= 90; target += 2) {
      const up = probabilityMeeting(at, 'logit', '>=', target);
      const down = probabilityMeeting(at, 'logit', '<=', target);
      expect(up).toBeLessThanOrEqual(prevUp);
      expect(down).toBeGreaterThanOrEqual(prevDown);
      expect(up + down).toBeCloseTo(1, 9);
      prevUp = up;
      prevDown = down;
    }
    expect(probabilityMeeting(at, 'logit', '>=', 30)).toBeGreaterThan(0.99);
    expect(probabilityMeeting(at, 'logit', '>=', 90)).toBeLessThan(0.01);
  });
});

describe('target forecasts', () => {
  const rising = months(
    '2023-01',
    Array.from({ length: 30 }, (_, t) => 20 + 1.4 * t),
  ); // last: 2025-06, 60.6

  it('pace still needed on a hand example: (80 − 60.6) / 6 months', () => {
    const r = forecastTarget({
      series: rising,
      comparator: '>=',
      target: 80,
      deadline: '2025-12-31',
      today: '2025-06-30',
      share: true,
    });
    expect(r.months_left).toBe(6);
    expect(r.pace_needed).toBeCloseTo((80 - 60.6) / 6, 9);
    expect(paceNeeded(10, 20, 5, false)).toBe(-2);
    expect(paceNeeded(80, 90, 5, true)).toBeNull();
    expect(r.method).toBe('damped_logit');
    expect(r.forecast_at_deadline!).toBeGreaterThan(60.6); // keeps rising
    expect(r.lo95!).toBeLessThanOrEqual(r.forecast_at_deadline!);
  });

  it('a passed deadline gives met or missed, with the month first met, and no forecast', () => {
    const series = months('2022-01', [90, 95, 100, 100, 99, 100, 100, 100, 100, 100, 100, 100, 100, 100]);
    const r = forecastTarget({
      series,
      comparator: '>=',
      target: 100,
      deadline: '2022-12-31',
      today: '2023-02-28',
      share: true,
    });
    expect(r).toMatchObject({
      status: 'met',
      method: 'deadline_passed',
      met_on: '2022-03',
      forecast_at_deadline: null,
      probability: null,
    });
  });

  it('a series shorter than 8 months is too short to model', () => {
    const r = forecastTarget({
      series: rising.slice(-7),
      comparator: '>=',
      target: 80,
      deadline: '2025-12-31',
      today: '2025-06-30',
      share: true,
    });
    expect(r).toMatchObject({ method: 'too_short', forecast_at_deadline: null, lo95: null, probability: null });
  });

  it('a count already past its target is met, with no pace needed', () => {
    const series = months(
      '2024-01',
      Array.from({ length: 12 }, (_, t) => 100 + 10 * t),
    );
    const r = forecastTarget({
      series,
      comparator: '>=',
      target: 150,
      deadline: '2026-12-31',
      today: '2024-12-31',
      share: false,
    });
    expect(r).toMatchObject({ status: 'met', method: 'damped', pace_needed: null, months_left: 24 });
    expect(r.probability!).toBeGreaterThan(0.99);
  });
});
