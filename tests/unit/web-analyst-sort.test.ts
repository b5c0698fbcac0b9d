// The order of sortable tables (components/sort.ts): numbers as numbers (not "10" < "9"), Vietnamese names in
// the Vietnamese alphabet (a ă â b c d đ e ê …), withheld / missing values last in both directions, ties stable.
import { describe, expect, it } from 'vitest';
import { compareSortValues, nextSort, sortRows, type SortValue } from '../../web/src/components/sort.ts';

const ids = <T extends { id: string }>(rows: T[]) => rows.map((r) => r.id);

describe('sortRows', () => {
  const rows: { id: string; v: SortValue }[] = [
    { id: 'a', v: 9 },
    { id: 'b', v: null },
    { id: 'c', v: 10 },
    { id: 'd', v: -2.5 },
    { id: 'e', v: undefined },
    { id: 'f', v: 9 },
  ];
  it('numbers ascending, withheld last, ties in their order', () =>
    expect(ids(sortRows(rows, (r) => r.v, 'asc'))).toEqual(['d', 'a', 'f', 'c', 'b', 'e']));
  it('numbers descending, withheld still last', () =>
    expect(ids(sortRows(rows, (r) => r.v, 'desc'))).toEqual(['c', 'a', 'f', 'd', 'b', 'e']));
  it('leaves its input alone', () => {
    const copy = [...rows];
    sortRows(rows, (r) => r.v, 'asc');
    expect(rows).toEqual(copy);
  });

  // The Vietnamese alphabet: A Ă Â B C D Đ E Ê G H I K L M N O Ô Ơ P Q R S T U Ư V X Y
  const names = ['Xã Đồng Lạc', 'Xã Ân Thi', 'Xã An Bình', 'Xã Dân Chủ', 'Xã Ơn Lâm', 'Xã Ô Môn', 'Xã Ăn Khê', 'Xã Ư'];
  const people = names.map((n) => ({ id: n, n }));
  it('Vietnamese names in the Vietnamese alphabet', () =>
    expect(ids(sortRows(people, (r) => r.n, 'asc'))).toEqual([
      'Xã An Bình',
      'Xã Ăn Khê',
      'Xã Ân Thi',
      'Xã Dân Chủ',
      'Xã Đồng Lạc',
      'Xã Ô Môn',
      'Xã Ơn Lâm',
      'Xã Ư',
    ]));
  it('numbers inside names by their value', () =>
    expect(
      ids(
        sortRows(
          ['Tổ 10', 'Tổ 2', 'Tổ 1'].map((n) => ({ id: n })),
          (r) => r.id,
          'asc',
        ),
      ),
    ).toEqual(['Tổ 1', 'Tổ 2', 'Tổ 10']));
  it('an empty text counts as missing', () =>
    expect(
      ids(
        sortRows(
          ['b', '', 'a'].map((n) => ({ id: n })),
          (r) => r.id,
          'desc',
        ),
      ),
    ).toEqual(['b', 'a', '']));
});

describe('compareSortValues', () => {
  it.each([
    [1, 2, 'asc', -1],
    [1, 2, 'desc', 1],
    [null, 2, 'asc', 1],
    [null, 2, 'desc', 1],
    [2, null, 'desc', -1],
    [null, null, 'asc', 0],
    [Number.NaN, 0, 'asc', 1],
  ] as const)('%s vs %s (%s) → sign %d', (a, b, dir, sign) =>
    expect(Math.sign(compareSortValues(a, b, dir))).toBe(sign),
  );
});

describe('nextSort', () => {
  it('a new column starts ascending, or with its own first direction', () => {
    expect(nextSort(null, 'name')).toEqual({ key: 'name', dir: 'asc' });
    expect(nextSort({ key: 'name', dir: 'asc' }, 'value', 'desc')).toEqual({ key: 'value', dir: 'desc' });
  });
  it('the same column turns around', () => {
    expect(nextSort({ key: 'name', dir: 'asc' }, 'name')).toEqual({ key: 'name', dir: 'desc' });
    expect(nextSort({ key: 'name', dir: 'desc' }, 'name', 'desc')).toEqual({ key: 'name', dir: 'asc' });
  });
});
