// Targets route: every target of the plan for a unit, with value now, status and data date.
import { noteRead } from '../audit/hook.ts';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorSchema } from '../contracts/common.ts';
import { TargetsAnswerSchema, TargetsQuerySchema } from '../contracts/targets.ts';
import type { Context } from '../context.ts';
import { answerMeta } from './meta.ts';

export const targetRoutes: FastifyPluginAsyncTypebox<{ ctx: Context }> = async (app, { ctx }) => {
  app.get(
    '/api/targets',
    {
      schema: {
        summary: "The plan's targets for a unit: value now (or at the deadline), status, data date",
        description:
          'Status: met / missed once the deadline has passed; otherwise met, on_track (the linear trend of the last 12 months reaches the target by the deadline) or at_risk. Flows are judged on trailing 12-month totals.',
        tags: ['targets'],
        querystring: TargetsQuerySchema,
        response: { 200: TargetsAnswerSchema, 403: ErrorSchema, 404: ErrorSchema },
      },
    },
    async (request) => {
      const unit = request.query.unit;
      const targets = await ctx.targets.forUnit(unit, request.scope);
      noteRead(request, [unit], targets.length);
      return { unit, unit_name: ctx.units.get(unit)?.name ?? unit, meta: answerMeta(ctx, null), targets };
    },
  );
};
