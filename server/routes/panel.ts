// GET /api/panel: several indicators of one unit and period range in one answer, for a screen's panels (issue 18:
// one request per panel). Each answer is ctx.indicators.run, as /api/indicators/:id gives it (the same cache,
// cell keys and disclosure); a filter an indicator does not accept is left out for it, as the web app did, and a
// filter none of them accepts is a 400.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { noteRead } from '../audit/hook.ts';
import { ErrorSchema } from '../contracts/common.ts';
import { badRequest } from '../errors.ts';
import { PanelAnswerSchema, PanelQuerySchema } from '../contracts/panel.ts';
import { FILTER_NAMES } from '../registry/index.ts';
import type { Context } from '../context.ts';
import { answerMeta } from './meta.ts';
import { indicatorMeta } from './indicators.ts';

export const panelRoutes: FastifyPluginAsyncTypebox<{ ctx: Context }> = async (app, { ctx }) => {
  app.get(
    '/api/panel',
    {
      schema: {
        summary: 'Several indicators of a unit over a period range in one answer (a screen panel)',
        tags: ['indicators'],
        querystring: PanelQuerySchema,
        response: { 200: PanelAnswerSchema, 400: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema },
      },
    },
    async (request) => {
      const q = request.query;
      const ids = [...new Set(q.ids.split(','))];
      const defs = ids.map((id) => ctx.indicators.indicator(id));
      // a filter no indicator of the panel takes is refused, as /api/indicators/:id refuses it for one indicator
      for (const name of FILTER_NAMES) {
        if (q[name] === undefined || defs.some((d) => (d.meta.filters as readonly string[]).includes(name))) continue;
        throw badRequest(
          `Không chỉ tiêu nào trong bảng lọc được theo "${name}" (${ids.join(', ')}).`,
          `No indicator of the panel can be filtered by "${name}" (${ids.join(', ')}).`,
        );
      }
      // the size rule over the whole answer, before any query (each run checks its own part again)
      const groups = ctx.indicators.resolveGroups(q.unit, q.by, request.scope);
      for (const def of defs) {
        const { from, to } = ctx.indicators.range(def, q.from, q.to);
        ctx.indicators.checkCells(groups.length * defs.length, from, to);
      }
      const answers = [];
      for (const def of defs) {
        const accepted = def.meta.filters as readonly string[];
        const filters = Object.fromEntries(
          FILTER_NAMES.filter((k) => q[k] !== undefined && accepted.includes(k)).map((k) => [k, q[k]]),
        );
        const answer = await ctx.indicators.run({
          id: def.id,
          unit: q.unit,
          from: q.from,
          to: q.to,
          by: q.by,
          filters,
          scope: request.scope,
        });
        answers.push({
          indicator: indicatorMeta(def),
          from: answer.from,
          to: answer.to,
          meta: answerMeta(ctx, def.domain),
          rows: answer.rows,
        });
      }
      noteRead(
        request,
        answers.flatMap((a) => a.rows.map((r) => r.unit)),
        answers.reduce((n, a) => n + a.rows.length, 0),
      );
      return { unit: q.unit, by: q.by, answers };
    },
  );
};
