// Units routes: GET /api/units, the tree of units the caller may see with validity and successors, and
// GET /api/units/geo, their boundaries as GeoJSON.
import { noteRead } from '../audit/hook.ts';
import { canSee, type Scope } from '../auth/scope.ts';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ErrorSchema } from '../contracts/common.ts';
import { GeoQuerySchema, UnitsAnswerSchema, type UnitNode } from '../contracts/units.ts';
import type { Context } from '../context.ts';
import type { Unit } from '../units/directory.ts';

interface Successor {
  from_unit_id: string;
  unit_id: string;
  effective_on: string;
  kind: string;
  share: number;
}

export const unitRoutes: FastifyPluginAsyncTypebox<{ ctx: Context }> = async (app, { ctx }) => {
  const inScope = (u: Unit, scope: Scope) => canSee(ctx.units, scope, u.unit_id);

  app.get(
    '/api/units',
    {
      config: { keys: 'any' },
      schema: {
        summary: 'Administrative units as a tree, with validity periods and successors',
        tags: ['units'],
        response: { 200: UnitsAnswerSchema },
      },
    },
    async (request) => {
      const lineage = (
        await ctx.pool.use((c) =>
          c.runAndReadAll(
            `SELECT from_unit_id, to_unit_id AS unit_id, effective_on::VARCHAR AS effective_on, kind, share
           FROM unit_lineage ORDER BY from_unit_id, to_unit_id`,
          ),
        )
      ).getRowObjectsJson() as unknown as Successor[];
      const visible = ctx.units.units.filter((u) => inScope(u, request.scope));
      const ids = new Set(visible.map((u) => u.unit_id));
      noteRead(request, ids, visible.length);
      const node = (u: Unit): UnitNode => ({
        ...u,
        successors: lineage.filter((l) => l.from_unit_id === u.unit_id).map(({ from_unit_id: _, ...s }) => s),
        children: ctx.units
          .children(u.unit_id)
          .filter((c) => ids.has(c.unit_id))
          .map(node),
      });
      const roots = visible.filter((u) => !u.parent_id || !ids.has(u.parent_id));
      return { units: roots.map(node) };
    },
  );

  app.get(
    '/api/units/geo',
    {
      schema: {
        summary: 'Boundaries as GeoJSON (property `code` = unit_id, the key of indicator rows)',
        description:
          'Without `at`: the base units the data are recorded against ' +
          '(the 19 communes of 2008–2024, their district). ' +
          "With `at`: the units valid that day, e.g. 2025-08-01 for today's communes.",
        tags: ['units'],
        querystring: GeoQuerySchema,
        response: {
          200: {
            description: 'GeoJSON FeatureCollection',
            content: {
              'application/geo+json': {
                schema: Type.Unsafe<string>({ type: 'object', description: 'FeatureCollection' }),
              },
            },
          },
          400: ErrorSchema,
        },
      },
    },
    async (request, reply) => {
      const { level, at } = request.query;
      const chosen = (
        at
          ? ctx.units.validAt(at, level)
          : ctx.units.units.filter(
              (u) => u.level === level && (u.is_base || level === 'province') && u.valid_from < '2025-01-01',
            )
      ).filter((u) => inScope(u, request.scope));
      const geometries = new Map(
        (
          (
            await ctx.pool.use((c) => c.runAndReadAll('SELECT unit_id, geometry FROM units WHERE geometry IS NOT NULL'))
          ).getRowObjectsJson() as { unit_id: string; geometry: string }[]
        ).map((r) => [r.unit_id, r.geometry]),
      );
      noteRead(
        request,
        chosen.map((u) => u.unit_id),
        chosen.length,
      );
      const features = chosen
        .filter((u) => geometries.has(u.unit_id))
        .map((u) => {
          const properties = {
            code: u.unit_id,
            gso_code: u.code,
            name: u.name,
            name_en: u.name_en,
            level: u.level,
            parent_id: u.parent_id,
            area_km2: u.area_km2,
            valid_from: u.valid_from,
            valid_to: u.valid_to,
          };
          return (
            `{"type":"Feature","properties":${JSON.stringify(properties)},` + `"geometry":${geometries.get(u.unit_id)}}`
          );
        });
      return reply
        .type('application/geo+json; charset=utf-8')
        .send(`{"type":"FeatureCollection","features":[${features.join(',')}]}`);
    },
  );
};
