// GET /api/geo/neighbours: a commune leader's map draws the other communes of the district in grey for context.
// They come as outline and name only (never a value), they are the communes of the shipped boundary files less the
// account's own (every commune touching it among them, computed here from the files' shared vertices), an account
// that sees every commune gets none, and the values routes still refuse every one of them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { openContext, type Context } from '../../server/context.ts';
import { buildDemoStore } from '../helpers/demo-store.ts';
import { DISTRICT, signIn, type Signed } from '../helpers/auth.ts';

const NAM_TRUNG = '10633';
const BOUNDARIES = join(import.meta.dirname, '..', '..', 'data', 'reference', 'boundaries');

interface FileFeature {
  properties: Record<string, string>;
  geometry: { type: string; coordinates: number[][][] | number[][][][] };
}
interface Answer {
  type: string;
  features: { type: string; properties: Record<string, unknown>; geometry: FileFeature['geometry'] }[];
}

const file = (name: string) =>
  (JSON.parse(readFileSync(join(BOUNDARIES, name), 'utf8')) as { features: FileFeature[] }).features;
const BASE = file('nam_sach_communes_2008-2024.geojson');
const JAN_2025 = file('nam_sach_communes_2025-01.geojson');

/** The outer rings' vertices of a polygon or multipolygon, as "lon,lat" keys. */
function vertices(g: FileFeature['geometry']): Set<string> {
  const polys = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as number[][][][];
  return new Set(polys.flatMap((p) => p.flatMap((ring) => ring.map(([x, y]) => `${x.toFixed(6)},${y.toFixed(6)}`))));
}

let app: FastifyInstance;
let ctx: Context;
let leader: Signed;
let districtLeader: Signed;

const get = (url: string, who?: Signed) => app.inject({ method: 'GET', url, headers: who?.headers ?? {} });

beforeAll(async () => {
  const { db } = await buildDemoStore(join('tests', '.tmp', 'api-geo-neighbours'));
  ctx = await openContext(loadConfig({ IOC_DB: db, IOC_DEMO: 'false', LOG_LEVEL: 'silent' }));
  app = await buildApp(ctx, { logger: false });
  leader = await signIn(app, ctx, { role: 'leader', unit: NAM_TRUNG, username: 'geo.leader.namtrung' });
  districtLeader = await signIn(app, ctx, { role: 'leader', unit: DISTRICT, username: 'geo.leader.district' });
}, 180_000);

afterAll(async () => {
  await app?.close();
  await ctx?.close();
});

describe('GET /api/geo/neighbours', () => {
  it('sends a commune leader the other 18 communes of the district: outline and name, no value', async () => {
    const res = await get('/api/geo/neighbours?level=commune', leader);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/geo+json');
    const body = res.json<Answer>();
    expect(body.type).toBe('FeatureCollection');
    const expected = BASE.map((f) => f.properties.commune_code_2019).filter((c) => c !== NAM_TRUNG);
    expect(expected).toHaveLength(18);
    expect(body.features.map((f) => f.properties.code).sort()).toEqual(expected.sort());
    for (const f of body.features) {
      // geometry and names only: no value, numerator, population or any other figure
      expect(Object.keys(f.properties).sort()).toEqual(['code', 'level', 'name', 'name_en']);
      expect(f.properties.level).toBe('commune');
      const source = BASE.find((b) => b.properties.commune_code_2019 === f.properties.code)!;
      expect(f.properties.name).toBe(source.properties.commune_2019);
      expect(f.geometry.type).toMatch(/^(Multi)?Polygon$/);
      // the outline is the shipped one: every vertex of the answer is a vertex of the file
      const shipped = vertices(source.geometry);
      expect([...vertices(f.geometry)].filter((v) => !shipped.has(v))).toEqual([]);
    }
    expect(res.body).not.toMatch(/"(value|numerator|denominator|population|census2019_pop_total)"/);
  });

  it('includes every commune whose boundary touches the account’s commune', async () => {
    const own = vertices(BASE.find((f) => f.properties.commune_code_2019 === NAM_TRUNG)!.geometry);
    const touching = BASE.filter(
      (f) => f.properties.commune_code_2019 !== NAM_TRUNG && [...vertices(f.geometry)].some((v) => own.has(v)),
    ).map((f) => f.properties.commune_code_2019);
    expect(touching.length).toBeGreaterThanOrEqual(3);
    const codes = (await get('/api/geo/neighbours?level=commune', leader))
      .json<Answer>()
      .features.map((f) => f.properties.code);
    expect(codes).toEqual(expect.arrayContaining(touching));
  });

  it('follows the units of the day asked for: in 2025-01 the 15 units, Trần Phú (Nam Trung merged) among them', async () => {
    const res = await get('/api/geo/neighbours?level=commune&at=2025-01-15', leader);
    expect(res.statusCode).toBe(200);
    // Nam Trung merged into Xã Trần Phú with other communes: the account may not see that unit's figures, so its
    // map draws no unit of its own that day and all 15 come as context
    const own = (await get('/api/units/geo?level=commune&at=2025-01-15', leader)).json<Answer>().features;
    expect(own).toEqual([]);
    const expected = JAN_2025.map((f) => `${f.properties.commune_code_2025_01}@2025-01`);
    expect(expected).toHaveLength(15);
    const features = res.json<Answer>().features;
    expect(features.map((f) => f.properties.code).sort()).toEqual(expected.sort());
    for (const f of features) expect(Object.keys(f.properties).sort()).toEqual(['code', 'level', 'name', 'name_en']);
    expect((await get(`/api/indicators/population?unit=${NAM_TRUNG}@2025-01&by=month`, leader)).statusCode).toBe(403);
  });

  it('leaves the unit boundaries and the values routes as they were: the neighbours’ numbers stay refused', async () => {
    expect(
      (await get('/api/units/geo?level=commune', leader)).json<Answer>().features.map((f) => f.properties.code),
    ).toEqual([NAM_TRUNG]);
    const neighbours = (await get('/api/geo/neighbours?level=commune', leader)).json<Answer>().features;
    expect(neighbours).toHaveLength(18);
    for (const f of neighbours) {
      const code = String(f.properties.code);
      const values = await get(`/api/indicators/population?unit=${code}&by=month&from=2022-10&to=2022-12`, leader);
      expect(values.statusCode, code).toBe(403);
      const targets = await get(`/api/targets?unit=${code}`, leader);
      expect(targets.statusCode, code).toBe(403);
    }
    // the district's map values for the commune leader: its own commune only
    const rows = (await get(`/api/indicators/population?unit=${DISTRICT}&by=unit`, leader)).json<{
      rows: { unit: string }[];
    }>().rows;
    expect(rows.map((r) => r.unit)).toEqual([NAM_TRUNG]);
  });

  it('sends nothing to an account that sees every commune, and refuses an anonymous caller', async () => {
    const all = await get('/api/geo/neighbours?level=commune', districtLeader);
    expect(all.statusCode).toBe(200);
    expect(all.json<Answer>().features).toEqual([]);
    expect((await get('/api/units/geo?level=commune', districtLeader)).json<Answer>().features).toHaveLength(19);
    expect((await get('/api/geo/neighbours?level=commune')).statusCode).toBe(401);
    expect((await get('/api/geo/neighbours?level=village', leader)).statusCode).toBe(400);
  });
});
