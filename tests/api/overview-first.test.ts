// GET /api/overview: the Overview's first screen in one answer. Its targets are /api/targets' for the same caller,
// its map, ranking and changes values are /api/indicators' for the same indicator, period and unit (under both
// disclosure methods), its TopoJSON decodes to the boundaries /api/units/geo and /api/geo/neighbours send, a unit
// outside the scope is refused, the read is audited, and a new data version (a posted event) makes a new answer.
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { openContext, type Context } from '../../server/context.ts';
import { buildDemoStore } from '../helpers/demo-store.ts';
import { DISTRICT, signIn, type Signed } from '../helpers/auth.ts';

const NAM_TRUNG = '10633';
const DIR = join('tests', '.tmp', 'api-overview-first');

interface Values {
  indicator: string;
  unit: string;
  from: string;
  to: string;
  meta: Record<string, unknown>;
  rows: { unit: string; value: number | null; suppressed: boolean }[];
}
interface Answer {
  unit: string;
  unit_name: string;
  meta: { data_version: number; data_date: string };
  targets: { indicator: string; unit: string; status: string }[];
  month: string;
  indicators: { id: string }[];
  map: { indicator: string; values: Values; extra: Values[] } | null;
  changes: { indicator: string; previous: Values; last: Values }[];
  boundaries: Topology | null;
}
type Geo = {
  features: { properties: Record<string, unknown>; geometry: { type: string; coordinates: unknown } }[];
};

interface Server {
  ctx: Context;
  app: FastifyInstance;
  district: Signed;
  commune: Signed;
}

async function open(db: string, disclosure: 'cellkey' | 'suppress', tag: string): Promise<Server> {
  const ctx = await openContext(
    loadConfig({ IOC_DB: db, IOC_DEMO: 'false', LOG_LEVEL: 'silent', IOC_DISCLOSURE: disclosure }),
  );
  const app = await buildApp(ctx, { logger: false });
  const district = await signIn(app, ctx, { role: 'leader', unit: DISTRICT, username: `ov.district.${tag}` });
  const commune = await signIn(app, ctx, { role: 'leader', unit: NAM_TRUNG, username: `ov.commune.${tag}` });
  return { ctx, app, district, commune };
}

const servers: Record<'cellkey' | 'suppress', Server> = {} as never;

beforeAll(async () => {
  const { db } = await buildDemoStore(DIR);
  const copy = join(DIR, 'suppress.duckdb');
  copyFileSync(db, copy);
  servers.cellkey = await open(db, 'cellkey', 'ck');
  servers.suppress = await open(copy, 'suppress', 'sp');
}, 240_000);

afterAll(async () => {
  for (const s of Object.values(servers)) {
    await s.app?.close();
    await s.ctx?.close();
  }
});

const get = (s: Server, url: string, who: Signed) => s.app.inject({ method: 'GET', url, headers: who.headers });
const json = async <T>(s: Server, url: string, who: Signed): Promise<T> => {
  const res = await get(s, url, who);
  expect(res.statusCode, `${url}: ${res.body.slice(0, 300)}`).toBe(200);
  return res.json<T>();
};

/** /api/indicators/:id?by=unit for one month, as the Overview's panels asked for it before. */
const indicator = (s: Server, who: Signed, id: string, unit: string, month: string, at?: string) =>
  json<Values & { indicator: { id: string } }>(
    s,
    `/api/indicators/${id}?unit=${unit}&by=unit&from=${month}&to=${month}${at ? `&at=${at}` : ''}`,
    who,
  );

/** The answer's values against the separate request's: the same rows and metadata. */
async function sameValues(s: Server, who: Signed, v: Values, at?: string) {
  const alone = await indicator(s, who, v.indicator, v.unit, v.from, at);
  expect(v.to).toBe(alone.to);
  expect(v.rows).toEqual(alone.rows);
  expect(v.meta).toEqual(alone.meta);
  expect(v.rows.length).toBeGreaterThan(0);
}

describe.each(['cellkey', 'suppress'] as const)('GET /api/overview (%s)', (mode) => {
  it("gives the district leader /api/targets' targets and /api/indicators' values, in one answer", async () => {
    const s = servers[mode];
    const a = await json<Answer>(s, `/api/overview?unit=${DISTRICT}`, s.district);
    const t = await json<Omit<Answer, 'map'>>(s, `/api/targets?unit=${DISTRICT}`, s.district);
    expect(a.unit).toBe(DISTRICT);
    expect(a.unit_name).toBe(t.unit_name);
    expect(a.meta).toEqual(t.meta);
    expect(a.targets).toEqual(t.targets);
    expect(a.targets.length).toBeGreaterThan(5);
    // the demo data end on 2022-12-31: the last complete month is December
    expect(a.month).toBe('2022-12');
    expect(a.map).not.toBeNull();
    // the map's indicator: a rate a target ranks on, the first at risk (else missed, else ranked)
    const rankable = t.targets.filter((x) => x.unit === 'percent' && x.status !== 'no_data');
    const expected =
      rankable.find((x) => x.status === 'at_risk') ?? rankable.find((x) => x.status === 'missed') ?? rankable[0];
    expect(a.map!.indicator).toBe(expected.indicator);
    expect(a.map!.values.from).toBe('2022-12');
    await sameValues(s, s.district, a.map!.values);
    // the district's answer covers all its communes: nothing asked one by one
    expect(a.map!.extra).toEqual([]);
    expect(a.changes.map((c) => c.indicator)).toEqual([
      'pct_online_dossiers',
      'pct_resolved_on_time',
      'pct_online_dossiers_eid_authenticated',
      'pct_dossiers_no_proof_documents',
      'pct_eligible_with_chip_id_card',
      'pct_vneid_level2',
    ]);
    for (const c of a.changes) {
      expect(c.previous.from).toBe('2022-11');
      expect(c.last.from).toBe('2022-12');
      await sameValues(s, s.district, c.previous);
      await sameValues(s, s.district, c.last);
    }
    // the catalogue entries of every indicator it holds, as /api/indicators lists them
    const catalogue = (await json<{ indicators: { id: string }[] }>(s, '/api/indicators', s.district)).indicators;
    const ids = new Set([...a.targets.map((x) => x.indicator), a.map!.indicator, ...a.changes.map((c) => c.indicator)]);
    expect(a.indicators).toEqual(catalogue.filter((m) => ids.has(m.id)));
  });

  it('takes a chosen indicator when a target ranks on it, the default otherwise', async () => {
    const s = servers[mode];
    const a = await json<Answer>(s, `/api/overview?unit=${DISTRICT}`, s.district);
    const known = new Set(a.indicators.map((m) => m.id));
    const other = a.targets.find(
      (x) => x.unit === 'percent' && known.has(x.indicator) && x.indicator !== a.map!.indicator,
    )!;
    const chosen = await json<Answer>(s, `/api/overview?unit=${DISTRICT}&indicator=${other.indicator}`, s.district);
    expect(chosen.map!.indicator).toBe(other.indicator);
    await sameValues(s, s.district, chosen.map!.values);
    const count = a.targets.find((x) => x.unit !== 'percent')!;
    const fallback = await json<Answer>(s, `/api/overview?unit=${DISTRICT}&indicator=${count.indicator}`, s.district);
    expect(fallback.map!.indicator).toBe(a.map!.indicator);
    // a target no indicator of the store measures cannot be mapped: the default
    const unmeasured = a.targets.find((x) => x.unit === 'percent' && !known.has(x.indicator));
    if (unmeasured) {
      const u = await json<Answer>(s, `/api/overview?unit=${DISTRICT}&indicator=${unmeasured.indicator}`, s.district);
      expect(u.map!.indicator).toBe(a.map!.indicator);
    }
  });
});

describe('GET /api/overview: boundaries, scope, audit, cache', () => {
  it('sends boundaries as TopoJSON that decodes to /api/units/geo and /api/geo/neighbours', async () => {
    const s = servers.cellkey;
    for (const who of [s.district, s.commune]) {
      const res = await get(s, '/api/overview', who);
      expect(res.statusCode).toBe(200);
      const a = res.json<Answer>();
      const topo = a.boundaries!;
      expect(topo.type).toBe('Topology');
      expect(topo.transform).toBeDefined();
      const geo = await json<Geo>(s, '/api/units/geo?level=commune', who);
      const around = await json<Geo>(s, '/api/geo/neighbours?level=commune', who);
      for (const [name, source] of [
        ['units', geo],
        ['around', around],
      ] as const) {
        const decoded = feature(topo, topo.objects[name] as GeometryCollection) as unknown as Geo;
        expect(decoded.features.map((f) => f.properties)).toEqual(source.features.map((f) => f.properties));
        decoded.features.forEach((f, i) => {
          expect(f.geometry.type).toBe(source.features[i].geometry.type);
          // every ring's box within a few metres of the original's (the grid is 10^5 steps wide)
          const box = (g: { coordinates: unknown }) => {
            const pts = (g.coordinates as number[]).flat(3);
            const xs = pts.filter((_, k) => k % 2 === 0);
            const ys = pts.filter((_, k) => k % 2 === 1);
            return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
          };
          const want = box(source.features[i].geometry);
          box(f.geometry).forEach((v, k) => expect(Math.abs(v - want[k])).toBeLessThan(1e-4));
        });
      }
      // much smaller than the GeoJSON it replaces
      expect(JSON.stringify(topo).length).toBeLessThan(
        0.7 * (geo.features.length ? JSON.stringify(geo).length : 1e9) + JSON.stringify(around).length,
      );
    }
    // the commune leader: its own commune on the map, the other 18 around it as outlines
    const mine = await json<Answer>(s, '/api/overview', s.commune);
    expect(mine.unit).toBe(NAM_TRUNG);
    const topo = mine.boundaries!;
    expect((topo.objects.units as GeometryCollection).geometries).toHaveLength(1);
    expect((topo.objects.around as GeometryCollection).geometries).toHaveLength(18);
    expect(mine.targets).toEqual((await json<Answer>(s, `/api/targets?unit=${NAM_TRUNG}`, s.commune)).targets);
    await sameValues(s, s.commune, mine.map!.values);
    // boundaries=false leaves them out, the rest is the same
    const bare = await json<Answer>(s, '/api/overview?boundaries=false', s.commune);
    expect(bare.boundaries).toBeNull();
    expect({ ...bare, boundaries: topo }).toEqual(mine);
  });

  it('refuses a unit outside the scope (403) and an unknown one (404), and audits the read', async () => {
    const s = servers.cellkey;
    const sibling = s.ctx.units.children(DISTRICT).find((u) => u.unit_id !== NAM_TRUNG)!.unit_id;
    const refused = await get(s, `/api/overview?unit=${sibling}`, s.commune);
    expect(refused.statusCode).toBe(403);
    expect(refused.body).not.toContain('"targets"');
    expect((await get(s, '/api/overview?unit=nope', s.commune)).statusCode).toBe(404);
    expect((await s.app.inject({ method: 'GET', url: '/api/overview' })).statusCode).toBe(401);
    await json<Answer>(s, `/api/overview?unit=${NAM_TRUNG}`, s.commune);
    await s.ctx.audit.drain();
    const rows = (
      await s.ctx.pool.use((c) =>
        c.runAndReadAll(
          `SELECT account, action, status, units FROM audit_log WHERE route = '/api/overview' ORDER BY seq DESC LIMIT 10`,
        ),
      )
    ).getRowObjectsJson() as { account: string; action: string; status: number; units: unknown }[];
    expect(rows[0]).toMatchObject({ account: 'ov.commune.ck', action: 'read', status: 200 });
    expect(JSON.stringify(rows[0].units)).toContain(NAM_TRUNG);
    expect(rows.some((r) => r.action === 'denied' && r.status === 403)).toBe(true);
  });

  it('answers from memory until the data version changes, then anew', async () => {
    const s = servers.suppress;
    const url = `/api/overview?unit=${DISTRICT}&indicator=pct_online_dossiers`;
    const first = await get(s, url, s.district);
    const again = await get(s, url, s.district);
    expect(again.body).toBe(first.body);
    // compressed once and kept: brotli and gzip decode to the same answer
    const { brotliDecompressSync, gunzipSync } = await import('node:zlib');
    for (const [enc, decode] of [
      ['br', brotliDecompressSync],
      ['gzip', gunzipSync],
    ] as const) {
      for (let i = 0; i < 2; i++) {
        const res = await s.app.inject({
          method: 'GET',
          url,
          headers: { ...s.district.headers, 'accept-encoding': `${enc}, identity` },
        });
        expect(res.headers['content-encoding']).toBe(enc);
        expect(String(res.headers.vary)).toMatch(/accept-encoding/i);
        expect(decode(res.rawPayload).toString()).toBe(first.body);
      }
    }
    const none = await s.app.inject({
      method: 'GET',
      url,
      headers: { ...s.district.headers, 'accept-encoding': 'br;q=0' },
    });
    expect(none.headers['content-encoding']).toBeUndefined();
    expect(none.body).toBe(first.body);
    const before = first.json<Answer>();
    const version = before.meta.data_version;
    const procedure = (
      await s.ctx.pool.use((c) =>
        c.runAndReadAll(`SELECT min(procedure_code) AS p FROM procedures WHERE level = 'commune' AND bundle IS NULL`),
      )
    ).getRowObjectsJson()[0].p as string;
    // twelve online dossiers received in the month shown, in Nam Trung
    const events = Array.from({ length: 12 }, (_, i) => ({
      event_id: `ov-${process.pid}-${i}`,
      type: 'dossier_received',
      occurred_at: `2022-12-1${i % 9}T08:15:00+07:00`,
      unit: NAM_TRUNG,
      dossier: { dossier_id: `OV-${process.pid}-${i}`, procedure_code: procedure, channel: 'online' },
    }));
    const admin = await signIn(s.app, s.ctx, { role: 'admin', unit: DISTRICT, username: 'ov.admin.sp' });
    const posted = await s.app.inject({
      method: 'POST',
      url: '/api/events',
      payload: JSON.stringify(events),
      headers: { ...admin.headers, 'content-type': 'application/json' },
    });
    expect(posted.statusCode, posted.body.slice(0, 300)).toBe(200);
    const after = (await get(s, url, s.district)).json<Answer>();
    expect(after.meta.data_version).toBeGreaterThan(version);
    const row = (a: Answer) => a.map!.values.rows.find((r) => r.unit === NAM_TRUNG)!;
    // a new answer (the one kept had the old version), whose values are /api/indicators' of the new version
    expect(row(after)).toBeDefined();
    expect(row(before)).toBeDefined();
    await sameValues(s, s.district, after.map!.values);
  });
});
