// Indicator routes: GET /api/indicators (the catalogue) and GET /api/indicators/:id (one indicator for a unit
// and period range, JSON or Arrow). Its filters and metadata are the registry's (server/contracts/indicators.ts).
import { noteRead } from '../audit/hook.ts';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorSchema } from '../contracts/common.ts';
import {
  IndicatorAnswerSchema,
  IndicatorListSchema,
  IndicatorParamsSchema,
  IndicatorQuerySchema,
} from '../contracts/indicators.ts';
import { FILTER_NAMES, type IndicatorDef } from '../registry/index.ts';
import { sourcesOf } from '../registry/feeds.ts';
import { ARROW_TYPE, jsonOrArrow, rowsToArrow, wantsArrow } from '../indicators/arrow.ts';
import type { Context } from '../context.ts';
import { indicatorKeyDomain } from '../auth/keys.ts';
import { answerMeta } from './meta.ts';

export const indicatorMeta = (def: IndicatorDef) => ({
  id: def.id,
  domain: def.domain,
  ...def.meta,
  sources: sourcesOf(def),
});

export const indicatorRoutes: FastifyPluginAsyncTypebox<{ ctx: Context }> = async (app, { ctx }) => {
  app.get(
    '/api/indicators',
    {
      schema: {
        summary: 'Catalogue of indicators with their metadata',
        tags: ['indicators'],
        response: { 200: IndicatorListSchema },
      },
    },
    async () => ({ indicators: ctx.registry.list().map(indicatorMeta) }),
  );

  app.get(
    '/api/indicators/:id',
    {
      // an API key reads an indicator of its domains only (server/auth/keys.ts)
      config: { keys: (request) => indicatorKeyDomain(ctx.registry, (request.params as { id?: unknown }).id) },
      schema: {
        summary: 'Values of one indicator for a unit: a series (by=month|quarter|year) or its child units (by=unit)',
        description: `JSON by default; Arrow IPC stream when the request accepts ${ARROW_TYPE}.`,
        tags: ['indicators'],
        params: IndicatorParamsSchema,
        querystring: IndicatorQuerySchema,
        response: {
          200: jsonOrArrow('Rows of unit, period, value, numerator, denominator, suppressed', IndicatorAnswerSchema),
          400: ErrorSchema,
          403: ErrorSchema,
          404: ErrorSchema,
        },
      },
    },
    async (request, reply) => {
      const q = request.query;
      const filters = Object.fromEntries(FILTER_NAMES.filter((k) => q[k] !== undefined).map((k) => [k, q[k]]));
      const def = ctx.indicators.indicator(request.params.id);
      const answer = await ctx.indicators.run({
        id: def.id,
        unit: q.unit,
        from: q.from,
        to: q.to,
        by: q.by,
        at: q.at,
        filters,
        scope: request.scope,
      });
      noteRead(
        request,
        answer.rows.map((r) => r.unit),
        answer.rows.length,
      );
      const meta = answerMeta(ctx, def.domain);
      if (wantsArrow(request.headers.accept)) {
        const body = rowsToArrow(answer.rows, {
          indicator: def.id,
          unit: answer.unit,
          by: answer.by,
          from: answer.from,
          to: answer.to,
          generated: String(meta.generated),
          data_date: meta.data_date ?? '',
          min_cell: String(meta.min_cell),
          disclosure: meta.disclosure,
        });
        reply.header('x-ioc-generated', String(meta.generated));
        return reply.type(ARROW_TYPE).send(Buffer.from(body.buffer, body.byteOffset, body.byteLength));
      }
      return { ...answer, indicator: indicatorMeta(def), meta };
    },
  );
};
