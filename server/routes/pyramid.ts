// GET /api/population/pyramid: a unit's age pyramid at one month (sex × 5-year age group, optionally one residence)
// in one answer instead of 36 indicator requests. The cells are the indicator service's (the same statement, keys
// and disclosure as /api/indicators/population); scope from the caller's session, the read audited.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Bool, Float64, Int32, Table, Utf8, tableToIPC, vectorFromArray } from 'apache-arrow';
import { noteRead } from '../audit/hook.ts';
import { ErrorSchema } from '../contracts/common.ts';
import { PyramidAnswerSchema, PyramidQuerySchema } from '../contracts/pyramid.ts';
import type { PyramidAnswer } from '../indicators/service.ts';
import { ARROW_TYPE, jsonOrArrow, wantsArrow } from '../indicators/arrow.ts';
import type { Context } from '../context.ts';
import { answerMeta } from './meta.ts';

/** The cells as an Arrow IPC stream (one row per sex and age group), the answer's fields in the schema metadata. */
export function pyramidArrow(answer: PyramidAnswer, metadata: Record<string, string>): Uint8Array {
  const col = <K extends keyof PyramidAnswer['cells'][number]>(k: K) => answer.cells.map((c) => c[k]);
  const table = new Table({
    sex: vectorFromArray(col('sex'), new Utf8()),
    age_group: vectorFromArray(col('age_group'), new Int32()),
    value: vectorFromArray(col('value'), new Float64()),
    numerator: vectorFromArray(col('numerator'), new Float64()),
    suppressed: vectorFromArray(col('suppressed'), new Bool()),
    suppression: vectorFromArray(col('suppression'), new Utf8()),
  });
  for (const [k, v] of Object.entries(metadata)) table.schema.metadata.set(k, v);
  return tableToIPC(table, 'stream');
}

export const pyramidRoutes: FastifyPluginAsyncTypebox<{ ctx: Context }> = async (app, { ctx }) => {
  app.get(
    '/api/population/pyramid',
    {
      config: { keys: 'population' },
      schema: {
        summary: 'Age pyramid of a unit at one month: population by sex × 5-year age group in one answer',
        description:
          'Each cell is the value /api/indicators/population publishes with sex, age_min = age_max = the group ' +
          `(and residence) for that month. JSON by default; Arrow IPC stream when the request accepts ${ARROW_TYPE}.`,
        tags: ['indicators'],
        querystring: PyramidQuerySchema,
        response: {
          200: jsonOrArrow('36 cells: the male groups 0–4 … 85+, then the female groups', PyramidAnswerSchema),
          400: ErrorSchema,
          403: ErrorSchema,
          404: ErrorSchema,
        },
      },
    },
    async (request, reply) => {
      const q = request.query;
      const answer = await ctx.indicators.pyramid({
        unit: q.unit,
        month: q.month,
        residence: q.residence,
        scope: request.scope,
      });
      noteRead(request, [answer.unit], answer.cells.length);
      const meta = answerMeta(ctx, ctx.indicators.indicator(answer.indicator).domain);
      if (wantsArrow(request.headers.accept)) {
        const body = pyramidArrow(answer, {
          indicator: answer.indicator,
          unit: answer.unit,
          unit_name: answer.unit_name,
          month: answer.month,
          residence: answer.residence ?? '',
          generated: String(meta.generated),
          data_date: meta.data_date ?? '',
          min_cell: String(meta.min_cell),
          disclosure: meta.disclosure,
        });
        reply.header('x-ioc-generated', String(meta.generated));
        return reply.type(ARROW_TYPE).send(Buffer.from(body.buffer, body.byteOffset, body.byteLength));
      }
      return { ...answer, meta };
    },
  );
};
