// Map classification: quantile, equal interval and natural breaks against answers computed independently
// (R's quantile(type = 7), hand arithmetic, and an exhaustive search for the Jenks optimum).
import { describe, expect, it } from 'vitest';
import {
  classBreaks,
  classCount,
  classIndex,
  equalIntervalBreaks,
  jenksBreaks,
  quantileBreaks,
  unitClass,
} from '../../web/src/map/classify.ts';

const ONE_TO_TEN = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

describe('quantileBreaks', () => {
  it.each([
    // R: quantile(1:10, seq(0, 1, 0.25)) → 1 3.25 5.5 7.75 10
    [ONE_TO_TEN, 4, [1, 3.25, 5.5, 7.75, 10]],
    // R: quantile(c(2, 4, 4, 5, 7, 9, 30), c(0, 1/3, 2/3, 1)) → 2 4 7 30
    [[30, 4, 2, 9, 4, 7, 5], 3, [2, 4, 7, 30]],
    // ties collapse: quantile(c(1, 1, 1, 1, 2), c(0, .5, 1)) → 1 1 2
    [[1, 1, 1, 1, 2], 2, [1, 2]],
    [[7], 5, [7]],
    [[], 5, []],
  ])('%j in %i classes → %j', (values, k, expected) => {
    const got = quantileBreaks(values, k);
    expect(got).toHaveLength(expected.length);
    got.forEach((b, i) => expect(b).toBeCloseTo(expected[i], 10));
  });

  it('ignores nulls, NaN and infinities', () => {
    expect(quantileBreaks([null, 1, undefined, Number.NaN, 3, Infinity], 2)).toEqual([1, 2, 3]);
  });
});

describe('equalIntervalBreaks', () => {
  it.each([
    [ONE_TO_TEN, 3, [1, 4, 7, 10]],
    [[0, 100], 4, [0, 25, 50, 75, 100]],
    [[-5, 5, 0], 2, [-5, 0, 5]],
    [[3, 3, 3], 5, [3]],
  ])('%j in %i classes → %j', (values, k, expected) => {
    expect(equalIntervalBreaks(values, k)).toEqual(expected);
  });
});

/** The least within-class sum of squares over every split of sorted values into k classes (exhaustive). */
function bruteForceJenks(values: number[], k: number): number[] {
  const s = [...values].sort((a, b) => a - b);
  const ssd = (xs: number[]) => {
    const m = xs.reduce((a, b) => a + b, 0) / xs.length;
    return xs.reduce((a, x) => a + (x - m) ** 2, 0);
  };
  let best = { cost: Infinity, uppers: [] as number[] };
  const walk = (start: number, left: number, cost: number, uppers: number[]) => {
    if (left === 1) {
      const total = cost + ssd(s.slice(start));
      if (total < best.cost - 1e-9) best = { cost: total, uppers: [...uppers, s[s.length - 1]] };
      return;
    }
    for (let end = start; end <= s.length - left; end++)
      walk(end + 1, left - 1, cost + ssd(s.slice(start, end + 1)), [...uppers, s[end]]);
  };
  walk(0, k, 0, []);
  // a first class holding only the minimum makes a repeated break, which the classifier drops
  return [s[0], ...best.uppers].filter((b, i, all) => i === 0 || b > all[i - 1]);
}

describe('jenksBreaks', () => {
  it.each([
    // {1,2,4,5} {7,9,10} {20}: within-class sums of squares 10 + 4.67 + 0 = 14.67, the least of all 21 splits
    [[1, 2, 4, 5, 7, 9, 10, 20], 3, [1, 5, 10, 20]],
    // two obvious clusters
    [[1, 1.2, 0.9, 50, 51, 49.5], 2, [0.9, 1.2, 51]],
    // fewer distinct values than classes
    [[4, 4, 8], 5, [4, 8]],
  ])('%j in %i classes → %j', (values, k, expected) => {
    expect(jenksBreaks(values, k)).toEqual(expected);
  });

  it('finds the exhaustive optimum on seeded random data', () => {
    let seed = 42;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let trial = 0; trial < 25; trial++) {
      const n = 6 + (trial % 7);
      const values = Array.from({ length: n }, () => Math.round(rand() * 1000) / 10);
      const k = 2 + (trial % 3);
      expect(jenksBreaks(values, k)).toEqual(bruteForceJenks(values, k));
    }
  });
});

describe('classIndex, unitClass', () => {
  const breaks = [0, 10, 20, 30];
  it.each([
    [0, 0],
    [5, 0],
    [10, 0],
    [10.01, 1],
    [20, 1],
    [25, 2],
    [30, 2],
    [-3, 0],
    [99, 2],
  ])('%d is in class %d of [0, 10, 20, 30]', (v, i) => expect(classIndex(v, breaks)).toBe(i));

  it('marks suppressed and missing values', () => {
    expect(unitClass(12, true, breaks)).toBe('suppressed');
    expect(unitClass(null, true, breaks)).toBe('suppressed');
    expect(unitClass(null, false, breaks)).toBe('no_data');
    expect(unitClass(Number.NaN, false, breaks)).toBe('no_data');
    expect(unitClass(5, false, [])).toBe('no_data');
    expect(unitClass(25, false, breaks)).toBe(2);
  });

  it('puts every value of a one-value map in one class', () => {
    expect(classCount(classBreaks([7, 7], 'jenks'))).toBe(1);
    expect(unitClass(7, false, classBreaks([7, 7], 'equal'))).toBe(0);
    expect(classCount(classBreaks(ONE_TO_TEN, 'quantile', 5))).toBe(5);
  });
});
