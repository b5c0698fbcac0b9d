// Disclosure control for every answer that leaves the server: primary suppression of small counts
// (1..k-1) and of rates on small denominators (< k), then complementary suppression so that a
// total the user can also ask for cannot give a hidden cell back. Pure; used by every route.
//
// Limits (documented in docs/disclosure.md): complementary cells are chosen within one answer
// (siblings of a period, months of a flow); patterns are deterministic per request, not
// coordinated across all possible tables.

export type Disclosure = 'count' | 'rate' | 'none';
export type SuppressionReason = 'primary' | 'complementary';

export interface Cell {
  numerator: number | null;
  denominator: number | null;
}

/** The size of a cell as disclosure sees it: the count itself, or a rate's denominator. */
export function cellSize(cell: Cell, disclosure: Disclosure): number {
  if (disclosure === 'rate') return Math.abs(cell.denominator ?? 0);
  return Math.abs(cell.numerator ?? 0);
}

/** A count 1..k-1 (or a rate whose denominator is 1..k-1) must not leave the server. */
export function isPrimarySuppressed(cell: Cell, disclosure: Disclosure, k: number): boolean {
  if (disclosure === 'none') return false;
  const size = cellSize(cell, disclosure);
  return size > 0 && size < k;
}

/**
 * Marks cells to suppress. `groups` lists index sets whose total is known or can be asked for
 * (the communes of one period sum to their district; the months of a flow sum to the year).
 * In each group, suppressed cells must be at least two and together at least k; otherwise the
 * smallest non-zero visible cell of the group is suppressed too, until no group changes.
 */
export function suppressCells(
  cells: readonly Cell[],
  disclosure: Disclosure,
  k: number,
  groups: readonly (readonly number[])[] = [],
): (SuppressionReason | null)[] {
  const status: (SuppressionReason | null)[] = cells.map((c) =>
    isPrimarySuppressed(c, disclosure, k) ? 'primary' : null,
  );
  if (disclosure === 'none') return status;
  let changed = true;
  while (changed) {
    changed = false;
    for (const group of groups) {
      const hidden = group.filter((i) => status[i] !== null);
      if (hidden.length === 0) continue;
      const hiddenSum = hidden.reduce((s, i) => s + cellSize(cells[i], disclosure), 0);
      if (hidden.length >= 2 && hiddenSum >= k) continue;
      const candidates = group
        .filter((i) => status[i] === null && cellSize(cells[i], disclosure) > 0)
        .sort((a, b) => cellSize(cells[a], disclosure) - cellSize(cells[b], disclosure) || a - b);
      if (candidates.length > 0) {
        status[candidates[0]] = 'complementary';
        changed = true;
      }
    }
  }
  return status;
}

/** Groups of indices sharing a key, e.g. all rows of one period, or all months of one unit. */
export function groupBy<T>(rows: readonly T[], key: (row: T) => string): number[][] {
  const map = new Map<string, number[]>();
  rows.forEach((row, i) => {
    const k = key(row);
    const list = map.get(k);
    if (list) list.push(i);
    else map.set(k, [i]);
  });
  return [...map.values()].filter((g) => g.length > 1);
}
