// Shipped reference boundaries: GET /api/geo/provinces, the 63 provinces of 2008 – 30/6/2025 (Hoàng Sa
// and Trường Sa included in their provinces) for the map's country view. Properties gain `code` and `name`.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';

const PROVINCES_FILE = fileURLToPath(
  new URL('../../data/reference/boundaries/vietnam_provinces_63_2008-2025.geojson', import.meta.url),
);

interface ProvinceFeature {
  type: 'Feature';
  properties: { province_code: string; province: string; province_en: string };
  geometry: unknown;
}

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
        response: {
          200: {
            description: 'GeoJSON FeatureCollection',
            content: { 'application/geo+json': { schema: Type.Unsafe<string>({ type: 'object' }) } },
          },
        },
      },
    },
    async (_request, reply) =>
      reply.header('cache-control', 'public, max-age=86400').type('application/geo+json').send(body),
  );
};
