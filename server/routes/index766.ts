// GET /api/index766: the Decision 766 service index of a unit for a month, quarter or year (server/index766), as
// JSON or, when the request accepts it, an Arrow IPC stream of one flat row per unit, period and indicator. Scope,
// disclosure and audit as every indicator route: the numbers are the cells /api/indicators publishes.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Float64, Table, Utf8, tableToIPC, vectorFromArray } from 'apache-arrow';
import { noteRead } from '../audit/hook.ts';
import { ErrorSchema } from '../contracts/common.ts';
import { Index766AnswerSchema, Index766QuerySchema } from '../contracts/index766.ts';
import type { Context } from '../context.ts';
import { ARROW_TYPE, jsonOrArrow, wantsArrow } from '../indicators/arrow.ts';
import type { Index766Result } from '../index766/service.ts';
import { prefersEnglish } from '../plugins/errors.ts';
import { answerMeta } from './meta.ts';

/** The answer's rows as one flat table: unit, period, indicator, its parts, ratio, points, maximum, lost, status. */
export function index766Arrow(answer: Index766Result, metadata: Record<string, string>): Uint8Array {
  const flat = answer.rows.flatMap((r) => r.indicators.map((i) => ({ unit: r.unit, period: r.period, ...i })));
  const col = <K extends keyof (typeof flat)[number]>(k: K) => flat.map((r) => r[k]);
  const table = new Table({
    unit: vectorFromArray(col('unit'), new Utf8()),
    period: vectorFromArray(col('period'), new Utf8()),
    indicator: vectorFromArray(col('id'), new Utf8()),
    numerator: vectorFromArray(col('numerator'), new Float64()),
    denominator: vectorFromArray(col('denominator'), new Float64()),
    ratio: vectorFromArray(col('ratio'), new Float64()),
    points: vectorFromArray(col('points'), new Float64()),
    max: vectorFromArray(col('max'), new Float64()),
    lost: vectorFromArray(col('lost'), new Float64()),
    status: vectorFromArray(col('status'), new Utf8()),
  });
  for (const [k, v] of Object.entries(metadata)) table.schema.metadata.set(k, v);
  return tableToIPC(table, 'stream');
}

export const index766Routes: FastifyPluginAsyncTypebox<{ ctx: Context }> = async (app, { ctx }) => {
  const service = ctx.index766;
  app.get(
    '/api/index766',
    {
      config: { keys: 'index' },
      schema: {
        summary: 'Decision 766 service index of a unit: points by indicator and group, score, grade, rank',
        description:
          'The 100-point index of Decision 766/QĐ-TTg as the national portal scores it, computed from the ' +
          "unit's own dossiers, procedures and petitions, with why points are lost, the portal's imported " +
          `scores beside the local ones and a year-end forecast. JSON by default; Arrow IPC stream (one row per ` +
          `unit, period and indicator) when the request accepts ${ARROW_TYPE}.`,
        tags: ['indicators'],
        querystring: Index766QuerySchema,
        response: {
          200: jsonOrArrow('The index of the unit (and its children, or its months)', Index766AnswerSchema),
          400: ErrorSchema,
          403: ErrorSchema,
          404: ErrorSchema,
        },
      },
    },
    async (request, reply) => {
      const q = request.query;
      const lang = q.lang ?? (prefersEnglish(request) ? 'en' : 'vi');
      const answer = await service.answer({ unit: q.unit, period: q.period, by: q.by, scope: request.scope, lang });
      // the unit asked is read even when no row has a score yet (a period after the data date)
      noteRead(request, [...new Set([answer.unit, ...answer.rows.map((r) => r.unit)])], answer.rows.length);
      const meta = answerMeta(ctx, 'index766');
      if (wantsArrow(request.headers.accept)) {
        const body = index766Arrow(answer, {
          unit: answer.unit,
          period: answer.period,
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
      return { ...answer, meta };
    },
  );
};
