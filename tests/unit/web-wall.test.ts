// The wall screen's URL settings and rotation.
import { describe, expect, it } from 'vitest';
import { msToNext, parseWall, wallIndex, wallUrl, WALL_DEFAULT } from '../../web/src/app/wall.ts';
import type { Screen } from '../../web/src/state/view-state.ts';

const ALL: Screen[] = ['overview', 'map', 'targets', 'procedures', 'population'];

describe('wall', () => {
  it.each([
    ['?screens=overview,map&every=30', ALL, { screens: ['overview', 'map'], every: 30 }],
    ['?screens=targets,overview,targets&every=12', ALL, { screens: ['targets', 'overview'], every: 12 }],
    ['?screens=nothing,population', ALL, { screens: ['population'], every: 30 }],
    ['', ALL, WALL_DEFAULT],
    ['?every=1', ALL, { screens: ['overview', 'map'], every: 5 }],
    ['?every=99999', ALL, { screens: ['overview', 'map'], every: 3600 }],
    ['?every=abc', ALL, { screens: ['overview', 'map'], every: 30 }],
    ['?screens=map', ['overview', 'targets'], { screens: ['overview'], every: 30 }],
    ['?screens=', ['targets'], { screens: ['targets'], every: 30 }],
  ] as [string, Screen[], object][])('parseWall(%s)', (search, available, expected) => {
    expect(parseWall(search, available)).toEqual(expected);
  });

  it.each([
    [0, 30, 2, 0],
    [29_999, 30, 2, 0],
    [30_000, 30, 2, 1],
    [60_000, 30, 2, 0],
    [95_000, 30, 3, 0],
    [65_000, 30, 3, 2],
    [-5, 30, 2, 0],
    [10_000, 30, 0, 0],
    [10_000, 5, 1, 0],
  ])('wallIndex(%i ms, every %i s, %i screens) = %i', (elapsed, every, count, index) => {
    expect(wallIndex(elapsed, every, count)).toBe(index);
  });

  it.each([
    [0, 30, 30_000],
    [1_000, 30, 29_000],
    [30_000, 30, 30_000],
    [44_500, 15, 500],
  ])('msToNext(%i, %i) = %i', (elapsed, every, ms) => expect(msToNext(elapsed, every)).toBe(ms));

  it('writes a link that reads back the same', () => {
    const url = wallUrl({ screens: ['overview', 'map'], every: 30 });
    expect(url).toBe('/wall?screens=overview,map&every=30');
    expect(parseWall(url.slice(url.indexOf('?')), ALL)).toEqual({ screens: ['overview', 'map'], every: 30 });
  });
});
