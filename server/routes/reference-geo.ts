// Shipped reference boundaries: GET /api/geo/provinces, the 63 provinces of 2008 – 30/6/2025 (Hoàng Sa
// and Trường Sa included in their provinces) for the map's country view. Properties gain `code` and `name`.
// GET /api/geo/neighbours: the outlines and names (never values) of the units of a level around the caller's
// own, drawn in grey on a commune leader's map for context. Boundaries are public; the values routes keep
// refusing these units.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { noteRead } from '../audit/hook.ts';
import { canSee, type Scope } from '../auth/scope.ts';
import { ErrorSchema } from '../contracts/common.ts';
import { GeoQuerySchema } from '../contracts/units.ts';
import type { Unit, UnitDirectory } from '../units/directory.ts';

const PROVINCES_FILE = fileURLToPath(
  new URL('../../data/reference/boundaries/vietnam_provinces_63_2008-2025.geojson', import.meta.url),
);

interface ProvinceFeature {
  type: 'Feature';
  properties: { province_code: string; province: string; province_en: string };
  geometry: unknown;
}

/**
 * The units a map of `level` draws: without `at` the base units the data are recorded against (the 19 communes
 * of 2008–2024, their district), with `at` the units valid that day. The same rule as GET /api/units/geo.
 */
export function mapUnits(units: UnitDirectory, level: Unit['level'], at?: string): Unit[] {
  return at
    ? units.validAt(at, level)
    : units.units.filter(
        (u) => u.level === level && (u.is_base || level === 'province') && u.valid_from < '2025-01-01',
      );
}

/**
 * The neighbours of a scope on a map of `level` (on `at`): the units of that map the scope may not see whose parent
 * is the parent of a unit it sees or overlaps (a commune leader: the other communes of the district; on a day when
 * its commune has merged with others, the merged unit and its siblings). Empty for an account that sees them all.
 */
export function neighbourUnits(units: UnitDirectory, scope: Scope, level: Unit['level'], at?: string): Unit[] {
  const drawn = mapUnits(units, level, at);
  const visible = new Set(drawn.filter((u) => canSee(units, scope, u.unit_id)).map((u) => u.unit_id));
  const anchors = drawn.filter((u) => visible.has(u.unit_id) || units.members(u.unit_id).some((m) => scope.has(m)));
  const parents = new Set(anchors.map((u) => u.parent_id).filter((p) => p !== null));
  return drawn.filter((u) => u.parent_id !== null && parents.has(u.parent_id) && !visible.has(u.unit_id));
}

const geoJsonAnswer = (description: string) => ({
  description,
  content: { 'application/geo+json': { schema: Type.Unsafe<string>({ type: 'object' }) } },
});

export const referenceGeoRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const source = JSON.parse(readFileSync(PROVINCES_FILE, 'utf8')) as { features: ProvinceFeature[] };
  const body = JSON.stringify({
    type: 'FeatureCollection',
    features: source.features.map((f) => ({
      type: 'Feature',
      properties: {
        ...f.properties,
        code: f.properties.province_code,
        name: f.properties.province,
        name_en: f.properties.province_en,
        level: 'province',
      },
      geometry: f.geometry,
    })),
  });
  app.get(
    '/api/geo/provinces',
    {
      schema: {
        summary: 'The 63 provinces (2008 – 30/6/2025) as GeoJSON, property `code` = GSO province code',
        tags: ['units'],
        response: { 200: geoJsonAnswer('GeoJSON FeatureCollection') },
      },
    },
    async (_request, reply) =>
      reply.header('cache-control', 'public, max-age=86400').type('application/geo+json').send(body),
  );

  app.get(
    '/api/geo/neighbours',
    {
      schema: {
        summary: 'Outlines and names of the units around the caller’s own (no values), for context on a map',
        description:
          'The units of the level (on `at`, as GET /api/units/geo chooses them) that the caller may not see and ' +
          'whose parent is the parent of a unit it sees or overlaps: for a commune account, the other communes of ' +
          'its district. Properties: `code`, `name`, `name_en`, `level` only. ' +
          'Empty for an account that sees every unit.',
        tags: ['units'],
        querystring: GeoQuerySchema,
        response: { 200: geoJsonAnswer('GeoJSON FeatureCollection'), 400: ErrorSchema },
      },
    },
    async (request, reply) => {
      const { ctx } = app;
      const { level, at } = request.query;
      const around = neighbourUnits(ctx.units, request.scope, level, at);
      const geometries = new Map(
        around.length === 0
          ? []
          : (
              (
                await ctx.pool.use((c) =>
                  c.runAndReadAll('SELECT unit_id, geometry FROM units WHERE geometry IS NOT NULL'),
                )
              ).getRowObjectsJson() as { unit_id: string; geometry: string }[]
            ).map((r) => [r.unit_id, r.geometry]),
      );
      const features = around
        .filter((u) => geometries.has(u.unit_id))
        .map((u) => {
          const properties = { code: u.unit_id, name: u.name, name_en: u.name_en, level: u.level };
          const geometry = geometries.get(u.unit_id)!;
          return `{"type":"Feature","properties":${JSON.stringify(properties)},"geometry":${geometry}}`;
        });
      noteRead(request, [], features.length, 'outlines only');
      return reply
        .type('application/geo+json; charset=utf-8')
        .send(`{"type":"FeatureCollection","features":[${features.join(',')}]}`);
    },
  );
};
