// Pure pieces of the demo generator: the seeded PRNG and its distributions, day arithmetic,
// office-hours arithmetic and the largest-remainder apportionment.
import { describe, expect, it } from 'vitest';
import {
  Window,
  addYears,
  civil,
  dateStr,
  dayOf,
  isWorkDay,
  parseDate,
  timestampStr,
} from '../../data/pipeline/generate/calendar.ts';
import { apportion } from '../../data/pipeline/generate/model.ts';
import { Rng, mix32 } from '../../data/pipeline/generate/prng.ts';
import { addWorkMinutes, workMinutesBetween } from '../../data/pipeline/generate/worktime.ts';

describe('Rng', () => {
  it('gives the same stream for the same seed and labels, another for others', () => {
    const a = new Rng(1, 'x');
    const b = new Rng(1, 'x');
    const c = new Rng(2, 'x');
    const d = new Rng(1, 'y');
    const sa = Array.from({ length: 5 }, () => a.u32());
    expect(Array.from({ length: 5 }, () => b.u32())).toEqual(sa);
    expect(Array.from({ length: 5 }, () => c.u32())).not.toEqual(sa);
    expect(Array.from({ length: 5 }, () => d.u32())).not.toEqual(sa);
  });

  it.each([
    ['uniform mean', (r: Rng) => r.next(), 0.5, 0.01],
    ['exponential mean 4', (r: Rng) => r.exp(4), 4, 0.1],
    ['poisson mean 3', (r: Rng) => r.poisson(3), 3, 0.05],
    ['poisson mean 120', (r: Rng) => r.poisson(120), 120, 0.5],
    ['stochastic rounding of 2.3', (r: Rng) => r.round(2.3), 2.3, 0.02],
    ['stochastic rounding of -0.4', (r: Rng) => r.round(-0.4), -0.4, 0.02],
  ])('%s', (_name, draw, mean, tolerance) => {
    const rng = new Rng(7, 'moments');
    let s = 0;
    const n = 40_000;
    for (let i = 0; i < n; i++) s += draw(rng);
    expect(Math.abs(s / n - mean)).toBeLessThan(tolerance);
  });

  it('mix32 is a bijection on a sample (person keys cannot collide)', () => {
    const seen = new Set<number>();
    for (let i = 0; i < 200_000; i++) seen.add(mix32(i));
    expect(seen.size).toBe(200_000);
  });
});

describe('day arithmetic', () => {
  it('matches the JavaScript calendar from 1900 to 2040', () => {
    for (let d = dayOf(1900, 1, 1); d < dayOf(2040, 1, 1); d += 13) {
      expect(dateStr(d)).toBe(new Date(d * 86_400_000).toISOString().slice(0, 10));
      const [y, m, dd] = civil(d);
      expect(dayOf(y, m, dd)).toBe(d);
    }
  });

  it.each([
    ['2008-02-29', 14, '2022-03-01'],
    ['2008-02-28', 14, '2022-02-28'],
    ['2010-12-31', 14, '2024-12-31'],
  ])('birthday: %s + %i years = %s', (from, years, to) => {
    expect(dateStr(addYears(parseDate(from), years))).toBe(to);
  });

  it('rejects impossible dates', () => {
    expect(() => parseDate('2022-02-30')).toThrow();
    expect(() => parseDate('22-02-01')).toThrow();
  });

  it('knows weekends and Tết', () => {
    expect(isWorkDay(parseDate('2022-01-31'))).toBe(false); // Tết Nhâm Dần
    expect(isWorkDay(parseDate('2022-03-05'))).toBe(false); // Saturday
    expect(isWorkDay(parseDate('2022-03-07'))).toBe(true);
  });

  it('splits a window into months, the last one partial', () => {
    const w = new Window(parseDate('2022-01-01'), parseDate('2022-03-15'));
    expect(w.months.map((m) => m.daysInWindow)).toEqual([31, 28, 15]);
    expect(w.monthOf(parseDate('2022-03-15'))).toBe(2);
  });
});

describe('office hours', () => {
  const ts = (s: string) => parseDate(s.slice(0, 10)) * 1440 + Number(s.slice(11, 13)) * 60 + Number(s.slice(14, 16));
  it.each([
    ['2022-03-07 16:00', 120, '2022-03-08 08:30'], // Monday afternoon → Tuesday morning
    ['2022-03-11 16:30', 30, '2022-03-11 17:00'], // Friday, exactly at closing
    ['2022-03-11 16:30', 31, '2022-03-14 07:31'], // over the weekend
    ['2022-03-12 09:00', 10, '2022-03-14 07:40'], // received on a Saturday
  ])('%s + %i office minutes = %s', (from, minutes, to) => {
    expect(timestampStr(addWorkMinutes(ts(from), minutes))).toBe(to);
  });

  it('counts office minutes between two times', () => {
    expect(workMinutesBetween(ts('2022-03-07 16:00'), ts('2022-03-08 16:00'))).toBe(60 + 510);
    expect(workMinutesBetween(ts('2022-03-11 16:00'), ts('2022-03-12 16:00'))).toBe(60);
  });
});

describe('apportion', () => {
  it.each([
    [10, [1, 1, 1], [4, 3, 3]],
    [7, [0, 2, 5], [0, 2, 5]],
    [100, [0.333, 0.333, 0.334], [33, 33, 34]],
  ])('%i over %j', (total, weights, expected) => {
    const out = apportion(total, weights);
    expect(out).toEqual(expected);
    expect(out.reduce((s, x) => s + x, 0)).toBe(total);
  });
});
