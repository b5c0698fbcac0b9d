// Classification of map values into class breaks (quantile, equal interval, natural breaks / Jenks)
// and of each unit into a class, "no data" or "suppressed". Pure; tested in tests/unit/web-classify.test.ts.

export type ClassMethod = 'quantile' | 'equal' | 'jenks';
export const CLASS_METHODS: readonly ClassMethod[] = ['quantile', 'equal', 'jenks'];
const DEFAULT_CLASSES = 5;

/** A unit's class: an index into the breaks (0 = lowest), or why it has none. */
export type UnitClass = number | 'no_data' | 'suppressed';

/**
 * Breaks are k + 1 ascending numbers [min, b1, …, max]: class i holds values in (breaks[i], breaks[i+1]],
 * the first class also holds min. Fewer classes come back when there are fewer distinct values.
 */
export type Breaks = number[];

const sortedFinite = (values: readonly (number | null | undefined)[]) =>
  values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v)).sort((a, b) => a - b);

/** Linear-interpolated quantile of sorted values (R's type 7, Excel's PERCENTILE). */
export function quantile(sorted: readonly number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  return lo + 1 < sorted.length ? sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]) : sorted[lo];
}

const dedupe = (breaks: number[]) => breaks.filter((b, i) => i === 0 || b > breaks[i - 1]);

export function quantileBreaks(values: readonly (number | null | undefined)[], k = DEFAULT_CLASSES): Breaks {
  const s = sortedFinite(values);
  if (s.length === 0) return [];
  return dedupe(Array.from({ length: k + 1 }, (_, i) => quantile(s, i / k)));
}

export function equalIntervalBreaks(values: readonly (number | null | undefined)[], k = DEFAULT_CLASSES): Breaks {
  const s = sortedFinite(values);
  if (s.length === 0) return [];
  const [min, max] = [s[0], s[s.length - 1]];
  if (min === max) return [min];
  return Array.from({ length: k + 1 }, (_, i) => (i === k ? max : min + ((max - min) * i) / k));
}

/**
 * Natural breaks (Jenks 1977): the split of sorted values into k classes with the least sum of squared
 * deviations from class means, by dynamic programming (O(k·n²), fine for the few hundred units of a map).
 */
export function jenksBreaks(values: readonly (number | null | undefined)[], k = DEFAULT_CLASSES): Breaks {
  const s = sortedFinite(values);
  const n = s.length;
  if (n === 0) return [];
  const distinct = new Set(s).size;
  k = Math.max(1, Math.min(k, distinct));
  const sum = [0],
    sq = [0];
  for (const v of s) {
    sum.push(sum[sum.length - 1] + v);
    sq.push(sq[sq.length - 1] + v * v);
  }
  // sum of squared deviations of s[i..j] (inclusive)
  const ssd = (i: number, j: number) => {
    const m = j - i + 1,
      t = sum[j + 1] - sum[i];
    return Math.max(0, sq[j + 1] - sq[i] - (t * t) / m);
  };
  // cost[c][j]: best cost of s[0..j] in c+1 classes; from[c][j]: first index of the last class
  const cost = [Array.from({ length: n }, (_, j) => ssd(0, j))];
  const from = [new Array<number>(n).fill(0)];
  for (let c = 1; c < k; c++) {
    cost.push(new Array<number>(n).fill(Infinity));
    from.push(new Array<number>(n).fill(0));
    for (let j = c; j < n; j++) {
      for (let i = c; i <= j; i++) {
        const candidate = cost[c - 1][i - 1] + ssd(i, j);
        if (candidate < cost[c][j]) [cost[c][j], from[c][j]] = [candidate, i];
      }
    }
  }
  const uppers: number[] = [];
  for (let c = k - 1, j = n - 1; c >= 0; c--) {
    uppers.unshift(s[j]);
    j = from[c][j] - 1;
  }
  return dedupe([s[0], ...uppers]);
}

export function classBreaks(
  values: readonly (number | null | undefined)[],
  method: ClassMethod = 'quantile',
  k = DEFAULT_CLASSES,
): Breaks {
  if (method === 'equal') return equalIntervalBreaks(values, k);
  if (method === 'jenks') return jenksBreaks(values, k);
  return quantileBreaks(values, k);
}

/** The class of one value: i where breaks[i] < v ≤ breaks[i+1] (the first class from min inclusive). */
export function classIndex(value: number, breaks: Breaks): number {
  const last = Math.max(0, breaks.length - 2);
  for (let i = 0; i < last; i++) if (value <= breaks[i + 1]) return i;
  return last;
}

/** Suppressed first (a hidden small count is not missing data), then missing values, then the class. */
export function unitClass(value: number | null | undefined, suppressed: boolean, breaks: Breaks): UnitClass {
  if (suppressed) return 'suppressed';
  if (value === null || value === undefined || !Number.isFinite(value) || breaks.length === 0) return 'no_data';
  return classIndex(value, breaks);
}

/** Number of classes the breaks make (a single distinct value makes one). */
export const classCount = (breaks: Breaks) => Math.max(0, breaks.length - 1) || (breaks.length ? 1 : 0);
