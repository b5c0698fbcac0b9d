// The shipped map glyphs and the province layer through inject(): Vietnamese letters exist with sane
// metrics and SDF bitmaps, so labels draw with diacritics and no font server.
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeGlyphs } from '../../data/fonts/sdf.ts';
import { fontRoutes } from '../../server/routes/fonts.ts';
import { referenceGeoRoutes } from '../../server/routes/reference-geo.ts';

let app: FastifyInstance;
const STACK = encodeURIComponent('Noto Sans Regular');

beforeAll(async () => {
  app = Fastify({ logger: false });
  await app.register(fontRoutes);
  await app.register(referenceGeoRoutes);
});
afterAll(() => app.close());

const glyphs = async (url: string) => {
  const res = await app.inject({ method: 'GET', url });
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toContain('application/x-protobuf');
  return decodeGlyphs(new Uint8Array(res.rawPayload));
};

describe('GET /fonts/:fontstack/:range.pbf', () => {
  it.each([
    ['ệ', 0x1ec7, '7680-7935'],
    ['ạ', 0x1ea1, '7680-7935'],
    ['ỹ', 0x1ef9, '7680-7935'],
    ['ư', 0x01b0, '256-511'],
    ['đ', 0x0111, '256-511'],
    ['Đ', 0x0110, '256-511'],
    ['ơ', 0x01a1, '256-511'],
    ['á', 0x00e1, '0-255'],
    ['combining acute', 0x0301, '768-1023'],
    ['en dash', 0x2013, '8192-8447'],
  ])('has %s (U+%s) with an SDF bitmap and sane metrics', async (_label, id, range) => {
    const set = await glyphs(`/fonts/${STACK}/${range}.pbf`);
    expect(set.name).toBe('Noto Sans Regular');
    expect(set.range).toBe(range);
    const g = set.glyphs.find((x) => x.id === id);
    expect(g).toBeDefined();
    expect(g!.width).toBeGreaterThan(0);
    expect(g!.width).toBeLessThan(30);
    expect(g!.height).toBeLessThan(34);
    expect(g!.advance).toBeLessThan(30);
    expect(g!.bitmap!.length).toBe((g!.width + 6) * (g!.height + 6));
    // inside the outline (≥ 192) somewhere and fully outside at the border
    expect(Math.max(...g!.bitmap!)).toBeGreaterThanOrEqual(192);
    expect(g!.bitmap![0]).toBeLessThan(100);
  });

  it('puts the dot below ệ under the baseline and the circumflex above e', async () => {
    const set = await glyphs(`/fonts/${STACK}/7680-7935.pbf`);
    const [e, eDot] = [0x1eb9, 0x1ec7].map((id) => set.glyphs.find((g) => g.id === id)!);
    const plain = (await glyphs(`/fonts/${STACK}/0-255.pbf`)).glyphs.find((g) => g.id === 0x65)!;
    expect(eDot.top).toBeGreaterThan(plain.top); // taller than e: the circumflex
    expect(eDot.height - eDot.top).toBeGreaterThan(plain.height - plain.top); // deeper: the dot below
    expect(e.advance).toBe(plain.advance);
    expect(set.glyphs.find((g) => g.id === 0x20)).toBeUndefined(); // space lives in 0-255
    const space = (await glyphs(`/fonts/${STACK}/0-255.pbf`)).glyphs.find((g) => g.id === 0x20)!;
    expect([space.width, space.height, space.bitmap]).toEqual([0, 0, undefined]);
    expect(space.advance).toBeGreaterThan(3);
  });

  it('answers a fallback chain with the first shipped stack, an unshipped range with no glyphs', async () => {
    expect(
      (await glyphs(`/fonts/${encodeURIComponent('Noto Sans Regular,Arial Unicode MS Regular')}/0-255.pbf`)).glyphs
        .length,
    ).toBeGreaterThan(150);
    expect((await app.inject({ method: 'GET', url: `/fonts/${STACK}/19968-20223.pbf` })).rawPayload.length).toBe(0);
  });

  it('refuses unknown stacks, bad ranges and paths', async () => {
    expect((await app.inject({ method: 'GET', url: '/fonts/Comic%20Sans/0-255.pbf' })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: `/fonts/${STACK}/1-256.pbf` })).statusCode).toBe(400);
    expect((await app.inject({ method: 'GET', url: `/fonts/${STACK}/..%2F..%2Fpackage.json` })).statusCode).toBe(400);
    expect((await app.inject({ method: 'GET', url: `/fonts/..%2F..%2Fserver/0-255.pbf` })).statusCode).toBe(404);
  });
});

describe('GET /api/geo/provinces', () => {
  it('serves the 63 provinces with code and name', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/geo/provinces' });
    expect(res.statusCode).toBe(200);
    const fc = res.json<{ features: { properties: { code: string; name: string } }[] }>();
    expect(fc.features).toHaveLength(63);
    expect(fc.features.find((f) => f.properties.code === '30')?.properties.name).toBe('Hải Dương');
  });
});
