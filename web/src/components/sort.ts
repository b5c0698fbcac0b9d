// The order of a sortable table (components/SortableTable.tsx): numbers as numbers, text in Vietnamese
// collation, a withheld or missing value (null) last whichever the direction. Pure;
// tests/unit/web-analyst-sort.test.ts.

/** What a column sorts on: a number, a text, or null for a withheld / missing value. */
export type SortValue = number | string | null | undefined;
export type SortDir = 'asc' | 'desc';
export interface SortState<K extends string = string> {
  key: K;
  dir: SortDir;
}

// Vietnamese alphabet order (a ă â b c d đ e ê …), digits inside names by their value (Xã 2 before Xã 10)
const collator = new Intl.Collator('vi', { numeric: true, sensitivity: 'base' });

const missing = (v: SortValue): v is null | undefined =>
  v === null || v === undefined || v === '' || (typeof v === 'number' && Number.isNaN(v));

/** a before b (< 0), after (> 0) or tied (0); a missing value always after a present one. */
export function compareSortValues(a: SortValue, b: SortValue, dir: SortDir): number {
  const ma = missing(a);
  const mb = missing(b);
  if (ma || mb) return ma === mb ? 0 : ma ? 1 : -1;
  const sign = dir === 'asc' ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return sign * (a - b);
  return sign * collator.compare(String(a), String(b));
}

/** The rows in the order of `sort` (ties keep their order); a copy, the input is left alone. */
export function sortRows<T>(rows: readonly T[], value: (row: T) => SortValue, dir: SortDir): T[] {
  return rows
    .map((row, k) => ({ row, k, v: value(row) }))
    .sort((a, b) => compareSortValues(a.v, b.v, dir) || a.k - b.k)
    .map((x) => x.row);
}

/** A click on a header: the same column turns around, another starts with its first direction (ascending). */
export function nextSort<K extends string>(sort: SortState<K> | null, key: K, first: SortDir = 'asc'): SortState<K> {
  if (sort?.key === key) return { key, dir: sort.dir === 'asc' ? 'desc' : 'asc' };
  return { key, dir: first };
}
