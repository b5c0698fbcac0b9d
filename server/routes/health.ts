// GET /api/health (public): is the store open, which data it holds, whether they are generated, how many
// indicators and units are loaded, and the uptime.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Context } from '../context.ts';

const HealthSchema = Type.Object({
  status: Type.Literal('ok'),
  generated: Type.Boolean(),
  data_version: Type.Integer(),
  datasets: Type.Array(
    Type.Object({
      kind: Type.String(),
      generated: Type.Boolean(),
      source: Type.String(),
      data_date: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
  indicators: Type.Integer(),
  units: Type.Integer(),
  uptime_s: Type.Number(),
});

export const healthRoutes: FastifyPluginAsyncTypebox<{ ctx: Context }> = async (app, { ctx }) => {
  app.get(
    '/api/health',
    {
      config: { access: 'public' },
      schema: { summary: 'Server and store status', tags: ['health'], response: { 200: HealthSchema } },
    },
    async () => {
      await ctx.pool.use((c) => c.run('SELECT 1'));
      return {
        status: 'ok' as const,
        generated: ctx.info.generated,
        data_version: ctx.info.dataVersion,
        datasets: ctx.info.datasets,
        indicators: ctx.registry.list().length,
        units: ctx.units.units.length,
        uptime_s: Math.round(process.uptime()),
      };
    },
  );
};
