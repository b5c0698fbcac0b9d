// The cell-key method (docs/disclosure.md): every count about people or dossiers leaves the server as
// count + p(count, cell key), p read from one fixed perturbation table (the p-table below). A cell's key is the
// sum of its records' keys modulo 2^24, kept beside each count in the cubes (data/pipeline/cell-key.ts) and
// summed by every roll-up, so the same records always give the same published value, whichever route, grain,
// export, snapshot or live message asks for them. Pure; used by the indicator service (one place).
import { CELL_KEY_MODULUS } from '../../data/pipeline/cell-key.ts';

/** Published value → its probability in sixtieths, for one true count. */
type PRow = readonly (readonly [published: number, sixtieths: number])[];

/**
 * The p-table. Rows for the true counts 1 to 4, and one row for every count n ≥ 5 (n−2 … n+2). Each row is
 * unbiased (its mean is the true count: tests/unit/cellkey.test.ts checks it), never publishes 1 or 2, and
 * publishes a true 1 to 4 as itself at most one time in five (never for 1 and 2). Zero is never perturbed:
 * an empty cell has no record, hence no key, and a published 0 is also what a true 1 gives two times in three.
 */
const SMALL: Record<number, PRow> = {
  1: [
    [0, 40],
    [3, 20],
  ],
  2: [
    [0, 20],
    [3, 40],
  ],
  3: [
    [0, 15],
    [3, 12],
    [4, 21],
    [5, 12],
  ],
  4: [
    [0, 9],
    [3, 9],
    [4, 12],
    [5, 15],
    [6, 15],
  ],
};
/** n ≥ 5: offsets −2 … +2 with 9, 12, 18, 12, 9 sixtieths (variance 1.6). */
const LARGE: readonly (readonly [offset: number, sixtieths: number])[] = [
  [-2, 9],
  [-1, 12],
  [0, 18],
  [1, 12],
  [2, 9],
];
/** The largest change the table makes to a count of 5 or more (for docs and the screens' note). */
export const MAX_PERTURBATION = 2;

/** The p-table row of a true count (a non-negative integer). */
export function ptableRow(count: number): PRow {
  if (count >= 5) return LARGE.map(([offset, p]) => [count + offset, p] as const);
  return SMALL[count] ?? [[count, 60]];
}

/** A cell key (sum of record keys, any integer) as a fraction in [0, 1). */
export function cellKeyFraction(keySum: number): number {
  const m = CELL_KEY_MODULUS;
  return (((keySum % m) + m) % m) / m;
}

/** The published value of a count with its cell key (sum of its records' keys). Zero stays zero. */
export function perturbCount(count: number, keySum: number): number {
  const n = Math.round(count);
  if (n <= 0) return 0;
  const u = cellKeyFraction(keySum) * 60;
  let cumulative = 0;
  const row = ptableRow(n);
  for (const [published, p] of row) {
    cumulative += p;
    if (u < cumulative) return published;
  }
  return row[row.length - 1][0];
}

/** One base cell of an answer before publication: exact parts with their keys (null: not a count). */
export interface KeyedCell {
  numerator: number | null;
  denominator: number | null;
  numerator_key: number | null;
  denominator_key: number | null;
  /** a difference numerator (net migration): numerator = plus − minus, numerator_key is the key of plus */
  numerator_minus?: number | null;
  numerator_minus_key?: number | null;
}

export interface PublishedCell {
  numerator: number | null;
  denominator: number | null;
}

/**
 * Publishes one cell: each count part perturbed by its own key; a part that is not a count (an area, a sum of
 * days) is kept, but a sum of days over a perturbed count of dossiers is rescaled so the mean stays exact;
 * a share (numerator counted among the denominator) never passes its denominator.
 */
export function publishCell(cell: KeyedCell, share: boolean): PublishedCell {
  // A part that is not a count (an area, a sum of days) is rounded to a millionth: DuckDB sums doubles in no fixed
  // order, and the same cell must give the same value every time.
  const den =
    cell.denominator === null || cell.denominator_key === null
      ? cell.denominator === null
        ? null
        : Math.round(cell.denominator * 1e6) / 1e6
      : perturbCount(cell.denominator, cell.denominator_key);
  let num: number | null;
  if (cell.numerator === null) num = null;
  else if (cell.numerator_key === null) {
    const rescale = cell.denominator !== null && cell.denominator_key !== null && cell.denominator > 0;
    num = Math.round((rescale ? (cell.numerator * (den ?? 0)) / cell.denominator! : cell.numerator) * 1e6) / 1e6;
  } else if (cell.numerator_minus != null && cell.numerator_minus_key != null) {
    const minus = cell.numerator_minus;
    num = perturbCount(cell.numerator + minus, cell.numerator_key) - perturbCount(minus, cell.numerator_minus_key);
  } else num = perturbCount(cell.numerator, cell.numerator_key);
  if (share && num !== null && den !== null) num = Math.max(0, Math.min(num, den));
  return { numerator: num, denominator: den };
}
