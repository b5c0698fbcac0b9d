// The p-table and the publication of one cell (server/disclosure/cellkey.ts), checked by sweeping cell keys over
// the whole key space and looking only at what comes out: means, frequencies and the published values' set,
// not at the table's own numbers.
import { describe, expect, it } from 'vitest';
import { CELL_KEY_MODULUS } from '../../data/pipeline/cell-key.ts';
import { perturbCount, publishCell } from '../../server/disclosure/cellkey.ts';
import { periodRows, type RawRow } from '../../server/indicators/service.ts';
import type { IndicatorDef } from '../../server/registry/index.ts';

/** The published values of a count over `steps` cell keys spread evenly over the key space. */
function sweep(count: number, steps = 6000): number[] {
  return Array.from({ length: steps }, (_, i) =>
    perturbCount(count, Math.floor(((i + 0.5) * CELL_KEY_MODULUS) / steps)),
  );
}
const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const share = (xs: number[], f: (x: number) => boolean) => xs.filter(f).length / xs.length;

describe('perturbCount', () => {
  it('leaves 0 at 0 for every key', () => {
    expect(new Set(sweep(0))).toEqual(new Set([0]));
  });

  it('is unbiased: over all keys the mean published value is the true count', () => {
    for (const n of [1, 2, 3, 4, 5, 6, 9, 17, 250, 12_345]) expect(mean(sweep(n))).toBeCloseTo(n, 6);
  });

  it('never publishes 1 or 2, and moves no count by more than 2 from 5 on (4 from 1 to 4)', () => {
    for (let n = 1; n <= 60; n += 1) {
      const out = sweep(n, 600);
      expect(out.some((x) => x === 1 || x === 2)).toBe(false);
      const far = n >= 5 ? 2 : 4;
      expect(out.every((x) => x === 0 || Math.abs(x - n) <= far)).toBe(true);
    }
  });

  it('publishes a true 1 to 4 as itself at most one time in five, and a true 1 as 0 more often than not', () => {
    for (const n of [1, 2, 3, 4]) expect(share(sweep(n), (x) => x === n)).toBeLessThanOrEqual(0.2 + 1e-9);
    expect(share(sweep(1), (x) => x === 0)).toBeGreaterThan(0.5);
    // from 5 on, exact three times in ten: two independent cells agree (a difference is exact) about 21 % of the time
    const f = [-2, -1, 0, 1, 2].map((d) => share(sweep(40), (x) => x === 40 + d));
    expect(f.reduce((s, p) => s + p * p, 0)).toBeLessThan(0.25);
  });

  it('depends on the key modulo 2^24 only, and a different key can give a different value', () => {
    const k = 123_456;
    expect(perturbCount(37, k)).toBe(perturbCount(37, k + CELL_KEY_MODULUS));
    expect(perturbCount(37, k)).toBe(perturbCount(37, k - 5 * CELL_KEY_MODULUS));
    expect(new Set(sweep(37, 60)).size).toBe(5);
  });
});

describe('publishCell', () => {
  const key = (fraction: number) => Math.floor(fraction * CELL_KEY_MODULUS);

  it('keeps a share within its denominator, and equal parts with equal keys equal', () => {
    // numerator pushed up (+2), denominator down (−2)
    const p = publishCell(
      { numerator: 10, denominator: 10, numerator_key: key(0.99), denominator_key: key(0.01) },
      true,
    );
    expect(p).toEqual({ numerator: 8, denominator: 8 });
    const same = publishCell({ numerator: 30, denominator: 30, numerator_key: 77, denominator_key: 77 }, true);
    expect(same.numerator).toBe(same.denominator);
  });

  it('publishes a difference as the difference of its published parts', () => {
    // moves in 12 (key → +2), moves out 7 (key → −2): net 5 published as 14 − 5 = 9
    const p = publishCell(
      {
        numerator: 5,
        denominator: null,
        numerator_key: key(0.99),
        denominator_key: null,
        numerator_minus: 7,
        numerator_minus_key: key(0.01),
      },
      false,
    );
    expect(p).toEqual({ numerator: 14 - 5, denominator: null });
  });

  it('keeps parts that are not counts, and rescales a sum of days so the mean stays exact', () => {
    const density = publishCell(
      { numerator: 100, denominator: 2.5, numerator_key: key(0.5), denominator_key: null },
      false,
    );
    expect(density.denominator).toBe(2.5);
    const days = publishCell(
      { numerator: 45, denominator: 10, numerator_key: null, denominator_key: key(0.99) },
      false,
    );
    expect(days.denominator).toBe(12);
    expect(days.numerator! / days.denominator!).toBeCloseTo(4.5, 9);
  });
});

describe('periodRows', () => {
  const row = (unit: string, month: string, numerator: number, denominator: number | null = null): RawRow => ({
    unit,
    period: month,
    last_month: month,
    months: 1,
    numerator,
    denominator,
  });
  const def = (time: 'sum' | 'last') => ({ meta: { time } }) as unknown as IndicatorDef;
  const months = [
    row('A', '2024-01-01', 3, 10),
    row('A', '2024-02-01', 0, 4),
    row('A', '2024-04-01', 5, 6),
    row('B', '2024-03-01', 7, 7),
  ];

  it('sums a flow over the published months of each period', () => {
    const q = periodRows(def('sum'), months, 'quarter');
    expect(q.map((r) => [r.unit, r.period, r.numerator, r.denominator, r.months, r.last_month])).toEqual([
      ['A', '2024-01-01', 3, 14, 2, '2024-02-01'],
      ['A', '2024-04-01', 5, 6, 1, '2024-04-01'],
      ['B', '2024-01-01', 7, 7, 1, '2024-03-01'],
    ]);
    const total = periodRows(def('sum'), months, 'total', '2024-01');
    expect(total.map((r) => [r.unit, r.period, r.numerator])).toEqual([
      ['A', '2024-01-01', 8],
      ['B', '2024-01-01', 7],
    ]);
  });

  it("takes a stock's last published month", () => {
    const y = periodRows(def('last'), months, 'year');
    expect(y.map((r) => [r.unit, r.numerator, r.denominator, r.last_month])).toEqual([
      ['A', 5, 6, '2024-04-01'],
      ['B', 7, 7, '2024-03-01'],
    ]);
  });
});
