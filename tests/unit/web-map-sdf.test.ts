// The glyph SDF pieces: the exact Euclidean distance transform against brute force, the rasteriser's
// coverage of a known square, and the protobuf round trip.
import { describe, expect, it } from 'vitest';
import {
  alphaToSdf,
  decodeGlyphs,
  edt,
  encodeGlyphs,
  flatten,
  makeGlyph,
  rasterise,
  type PathCommand,
} from '../../data/fonts/sdf.ts';

describe('edt', () => {
  it('equals the brute-force squared distance to the nearest seed', () => {
    const [w, h] = [9, 7];
    const seeds = [
      [1, 1],
      [7, 2],
      [4, 6],
    ];
    const grid = new Float64Array(w * h).fill(1e20);
    for (const [x, y] of seeds) grid[y * w + x] = 0;
    edt(grid, w, h);
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) {
        expect(grid[y * w + x]).toBe(Math.min(...seeds.map(([sx, sy]) => (sx - x) ** 2 + (sy - y) ** 2)));
      }
  });
});

describe('rasterise and SDF', () => {
  const square: PathCommand[] = [
    { type: 'M', x: 2, y: 2 },
    { type: 'L', x: 6, y: 2 },
    { type: 'L', x: 6, y: 6 },
    { type: 'L', x: 2, y: 6 },
    { type: 'Z' },
  ];

  it('covers a 4 × 4 square exactly', () => {
    const alpha = rasterise(flatten(square), 8, 8, 0, 0);
    const total = alpha.reduce((a, b) => a + b, 0);
    expect(total).toBeCloseTo(16, 6);
    expect(alpha[3 * 8 + 3]).toBeCloseTo(1, 6);
    expect(alpha[0]).toBe(0);
  });

  it('puts the edge at 192 and falls off outside', () => {
    const sdf = alphaToSdf(rasterise(flatten(square), 8, 8, 0, 0), 8, 8);
    expect(sdf[3 * 8 + 3]).toBeGreaterThanOrEqual(192); // inside
    expect(sdf[0]).toBeLessThan(sdf[1 * 8 + 1]); // farther out is lower
    expect(sdf[1 * 8 + 1]).toBeLessThan(192); // outside
  });

  it('round-trips a glyph through the protobuf', () => {
    const g = makeGlyph(0x41, square, 9.4, 26);
    expect([g.width, g.height, g.left, g.top, g.advance]).toEqual([4, 4, 2, -2 - 26, 9]);
    const back = decodeGlyphs(
      encodeGlyphs('Test Regular', '0-255', [g, { id: 32, width: 0, height: 0, left: 0, top: -26, advance: 6 }]),
    );
    expect(back.name).toBe('Test Regular');
    expect(back.glyphs[0]).toEqual({ ...g, bitmap: new Uint8Array(g.bitmap!) });
    expect(back.glyphs[1].bitmap).toBeUndefined();
  });
});
