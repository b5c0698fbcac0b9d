// GET /api/geo/tiles/:layer/:z/:x/:y: the national layers as vector tiles, decoded with @mapbox/vector-tile (MapLibre's
// own decoder) and checked against the source files read here on their own: Hà Nội is where it should be, the 34
// provinces of 2025 are all there and Hồ Chí Minh City covers the former Bà Rịa – Vũng Tàu (77) and Bình Dương
// (74), ranges are refused with a clear 400, and no tile carries anything but codes and names.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import Fastify, { type FastifyInstance } from 'fastify';
import Pbf from 'pbf';
import { VectorTile } from '@mapbox/vector-tile';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import errorsPlugin from '../../server/plugins/errors.ts';
import { geoTileRoutes } from '../../server/routes/geo-tiles.ts';
import { dissolveProvinces, loadProvinces, UNITS_2025_FILE, readProvinceMapping } from '../../server/geo/layers.ts';

let app: FastifyInstance;

beforeAll(async () => {
  app = Fastify({ logger: false });
  await app.register(errorsPlugin);
  await app.register(geoTileRoutes, { warm: false, thread: false });
});
afterAll(() => app.close());

/** The tile x, y of a point at zoom z (slippy-map formulas, written out here). */
function tileOf(lon: number, lat: number, z: number): [number, number] {
  const n = 2 ** z;
  const r = (lat * Math.PI) / 180;
  return [Math.floor(((lon + 180) / 360) * n), Math.floor(((1 - Math.asinh(Math.tan(r)) / Math.PI) / 2) * n)];
}

interface Decoded {
  status: number;
  units: Record<string, unknown>[];
  labels: Record<string, unknown>[];
  headers: Record<string, unknown>;
  tile?: VectorTile;
}

async function tile(layer: string, z: number, x: number, y: number, headers = {}): Promise<Decoded> {
  const res = await app.inject({ method: 'GET', url: `/api/geo/tiles/${layer}/${z}/${x}/${y}.pbf`, headers });
  if (res.statusCode !== 200) return { status: res.statusCode, units: [], labels: [], headers: res.headers };
  const bytes = res.headers['content-encoding'] === 'gzip' ? gunzipSync(res.rawPayload) : res.rawPayload;
  const vt = new VectorTile(new Pbf(bytes));
  const props = (name: string) => {
    const l = vt.layers[name];
    return l ? Array.from({ length: l.length }, (_, i) => l.feature(i).properties) : [];
  };
  return { status: 200, units: props('units'), labels: props('labels'), headers: res.headers, tile: vt };
}

describe('GET /api/geo/tiles', () => {
  it('has Hà Nội (01) in the tile over it at z=6, in every layer', async () => {
    const [x, y] = tileOf(105.85, 21.03, 6);
    for (const layer of ['provinces', 'provinces-2025']) {
      const t = await tile(layer, 6, x, y);
      expect(t.status).toBe(200);
      expect(t.headers['content-type']).toBe('application/vnd.mapbox-vector-tile');
      expect(t.units.map((p) => p.code)).toContain('01');
      expect(t.labels.map((p) => p.code)).toContain('01');
    }
    const communes = await tile('communes', 6, x, y);
    const hanoi = communes.units.filter((p) => p.province === '01');
    // Phúc Xá (00001, Ba Đình) and hundreds more
    expect(hanoi.map((p) => p.code)).toContain('00001');
    expect(hanoi.length).toBeGreaterThan(300);
  }, 60_000);

  it('draws the 34 provinces of 1/7/2025 (and the 63 before), each named once', async () => {
    const codes = async (layer: string) => {
      const seen = new Set<unknown>();
      const labelled: unknown[] = [];
      for (let z = 0; z <= 2; z++)
        for (let x = 0; x < 2 ** z; x++)
          for (let y = 0; y < 2 ** z; y++) {
            const t = await tile(layer, z, x, y);
            for (const p of t.units) seen.add(p.code);
            if (z === 2) labelled.push(...t.labels.map((p) => p.code));
          }
      return { seen, labelled };
    };
    // independent of the dissolve: the province codes of the official 34-province list
    const listed = new Set(
      readFileSync(UNITS_2025_FILE, 'utf8')
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => l.split(',')[0]),
    );
    const p34 = await codes('provinces-2025');
    expect(listed.size).toBe(34);
    expect([...p34.seen].sort()).toEqual([...listed].sort());
    expect(p34.labelled.sort()).toEqual([...listed].sort());
    const p63 = await codes('provinces');
    expect(p63.seen.size).toBe(63);
    expect(p63.labelled).toHaveLength(63);
  }, 60_000);

  it('covers the former 74 and 77 with Hồ Chí Minh City (79) from 1/7/2025', async () => {
    const old = loadProvinces();
    const merged = dissolveProvinces(old, readProvinceMapping());
    const hcm = merged.features.find((f) => f.properties.code === '79')!;
    expect(hcm.properties.name).toBe('Thành phố Hồ Chí Minh');
    // a point inside each old province (the first vertex's neighbourhood is unreliable: use a known inland place)
    const places: [string, number, number][] = [
      ['74', 106.65, 11.1], // Bình Dương, north of Thủ Dầu Một
      ['77', 107.25, 10.6], // Bà Rịa – Vũng Tàu, inland
      ['79', 106.7, 10.78], // Sài Gòn
    ];
    for (const [code, lon, lat] of places) {
      const before = old.features.find((f) => inside(f.geometry, lon, lat));
      expect(before?.properties.code).toBe(code);
      expect(inside(hcm.geometry, lon, lat)).toBe(true);
      const [x, y] = tileOf(lon, lat, 7);
      const t = await tile('provinces-2025', 7, x, y);
      expect(t.units.map((p) => p.code)).toContain('79');
      expect(t.units.map((p) => p.code)).not.toContain(code === '79' ? '74' : code);
    }
    // the area of the merged province is the sum of its parts (shared borders removed, nothing lost)
    const parts = old.features.filter((f) => ['74', '77', '79'].includes(f.properties.code!));
    const sum = parts.reduce((s, f) => s + area(f.geometry), 0);
    expect(area(hcm.geometry) / sum).toBeCloseTo(1, 3);
  }, 60_000);

  it('refuses tiles out of range with a 400 that names the range', async () => {
    const bad = async (url: string) => {
      const res = await app.inject({ method: 'GET', url, headers: { 'accept-language': 'en' } });
      return { status: res.statusCode, text: res.body };
    };
    const z = await bad('/api/geo/tiles/provinces/13/0/0');
    expect(z.status).toBe(400);
    expect(z.text).toMatch(/0.12/);
    const xy = await bad('/api/geo/tiles/provinces/3/8/0.pbf');
    expect(xy.status).toBe(400);
    expect(xy.text).toMatch(/0.7/);
    expect((await bad('/api/geo/tiles/provinces/3/0/9')).status).toBe(400);
    expect((await bad('/api/geo/tiles/districts/3/0/0')).status).toBe(400);
    expect((await bad('/api/geo/tiles/provinces/-1/0/0')).status).toBe(400);
    expect((await bad('/api/geo/tiles/provinces/2/1/1.png')).status).toBe(400);
  });

  it('answers 204 for an empty tile, 304 for a known ETag, gzip when asked', async () => {
    expect((await tile('provinces', 3, 0, 0)).status).toBe(204);
    const [x, y] = tileOf(105.85, 21.03, 5);
    const plain = await tile('provinces', 5, x, y);
    const etag = String(plain.headers.etag);
    expect(plain.headers['cache-control']).toMatch(/max-age=\d+/);
    expect(plain.headers['content-encoding']).toBeUndefined();
    const zipped = await tile('provinces', 5, x, y, { 'accept-encoding': 'gzip, br' });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.units).toEqual(plain.units);
    const again = await app.inject({
      method: 'GET',
      url: `/api/geo/tiles/provinces/5/${x}/${y}`,
      headers: { 'if-none-match': etag },
    });
    expect(again.statusCode).toBe(304);
  });

  it('carries codes and names only: no value in any tile', async () => {
    const [x, y] = tileOf(106.4, 21.0, 8); // Hải Dương, the demo store's province
    for (const layer of ['communes', 'provinces', 'provinces-2025']) {
      const t = await tile(layer, 8, x, y);
      expect(t.units.length).toBeGreaterThan(0);
      for (const p of t.units)
        expect(Object.keys(p).every((k) => ['code', 'name', 'province', 'district'].includes(k))).toBe(true);
      for (const p of t.labels) expect(Object.keys(p).sort()).toEqual(['code', 'label', 'rank']);
      expect(Object.keys(t.tile!.layers).sort()).toEqual(['labels', 'units']);
    }
  }, 60_000);
});

type Ring = number[][];
const polys = (g: { type: string; coordinates: unknown }): Ring[][] =>
  g.type === 'Polygon' ? [g.coordinates as Ring[]] : (g.coordinates as Ring[][]);

function inRing(ring: Ring, x: number, y: number): boolean {
  let hit = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) hit = !hit;
  }
  return hit;
}

function inside(g: { type: string; coordinates: unknown }, x: number, y: number): boolean {
  return polys(g).some(([outer, ...holes]) => inRing(outer, x, y) && !holes.some((h) => inRing(h, x, y)));
}

/** Planar area in degrees² (holes subtracted): enough to compare a union with its parts. */
function area(g: { type: string; coordinates: unknown }): number {
  const ring = (r: Ring) =>
    Math.abs(r.reduce((s, [x, y], i) => s + x * r[(i + 1) % r.length][1] - r[(i + 1) % r.length][0] * y, 0)) / 2;
  return polys(g).reduce((s, [outer, ...holes]) => s + ring(outer) - holes.reduce((h, r) => h + ring(r), 0), 0);
}
