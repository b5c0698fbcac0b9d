// Disclosure control: primary and complementary suppression, table-driven.
import { describe, expect, it } from 'vitest';
import { groupBy, isPrimarySuppressed, suppressCells } from '../../server/disclosure/suppress.ts';

const c = (numerator: number | null, denominator: number | null = null) => ({ numerator, denominator });

describe('primary suppression (k = 5)', () => {
  it.each([
    [c(0), 'count', false],
    [c(1), 'count', true],
    [c(4), 'count', true],
    [c(5), 'count', false],
    [c(-3), 'count', true], // a negative net flow of 3 people is as small as +3
    [c(null), 'count', false],
    [c(3, 200), 'rate', false], // a rate is judged on its denominator
    [c(3, 4), 'rate', true],
    [c(0, 0), 'rate', false], // nothing to hide: no value at all
    [c(2, 3), 'none', false],
  ] as const)('%j as %s → %s', (cell, disclosure, expected) => {
    expect(isPrimarySuppressed(cell, disclosure, 5)).toBe(expected);
  });
});

describe('complementary suppression', () => {
  it('hides a second cell when a single hidden cell could be recovered from the total', () => {
    // communes 12, 3, 40, 9: the 3 is primary; the district total 64 would give it back
    const cells = [c(12), c(3), c(40), c(9)];
    expect(suppressCells(cells, 'count', 5, [[0, 1, 2, 3]])).toEqual([null, 'primary', null, 'complementary']);
  });

  it('hides more until the hidden cells together reach k', () => {
    // 1 and 1 are primary; their sum 2 < 5 would still be disclosed: add the smallest visible, 6
    const cells = [c(1), c(1), c(6), c(30)];
    expect(suppressCells(cells, 'count', 5, [[0, 1, 2, 3]])).toEqual(['primary', 'primary', 'complementary', null]);
  });

  it('leaves zeros visible and never picks them as complements', () => {
    const cells = [c(0), c(2), c(0), c(8)];
    expect(suppressCells(cells, 'count', 5, [[0, 1, 2, 3]])).toEqual([null, 'primary', null, 'complementary']);
  });

  it('works on denominators for rates', () => {
    const cells = [c(2, 3), c(50, 60), c(70, 80)];
    expect(suppressCells(cells, 'rate', 5, [[0, 1, 2]])).toEqual(['primary', 'complementary', null]);
  });

  it('propagates across overlapping groups (units of a period, months of a unit)', () => {
    // 2×2 table: unit A months 1,2 and unit B months 1,2; A1 = 2 is primary.
    const cells = [c(2), c(20), c(30), c(40)]; // A1, A2, B1, B2
    const groups = [
      [0, 2],
      [1, 3],
      [0, 1],
      [2, 3],
    ]; // by month, by unit
    const marks = suppressCells(cells, 'count', 5, groups);
    // every row and column with a hidden cell has at least two hidden cells
    for (const g of groups) {
      const hidden = g.filter((i) => marks[i] !== null).length;
      expect(hidden === 0 || hidden >= 2).toBe(true);
    }
    expect(marks[0]).toBe('primary');
  });

  it('changes nothing when no cell is small', () => {
    expect(suppressCells([c(10), c(20)], 'count', 5, [[0, 1]])).toEqual([null, null]);
  });

  it('groups rows by key, keeping only groups with more than one row', () => {
    expect(groupBy(['a', 'b', 'a', 'c'], (x) => x)).toEqual([[0, 2]]);
  });
});
