// Targets route: every target of the plan for a unit, with value now, status, forecast at the deadline,
// probability of meeting it and data date (one outlook for every screen), and on request the monthly
// trajectory of one target, as a screen draws it.
import { noteRead } from '../audit/hook.ts';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorSchema } from '../contracts/common.ts';
import { TargetsAnswerQuerySchema, TargetsAnswerSchema } from '../contracts/targets.ts';
import type { Context } from '../context.ts';
import { answerMeta } from './meta.ts';

export const targetRoutes: FastifyPluginAsyncTypebox<{ ctx: Context }> = async (app, { ctx }) => {
  app.get(
    '/api/targets',
    {
      config: { keys: 'targets' },
      schema: {
        summary:
          "The plan's targets for a unit: value now (or at the deadline), status, forecast at the deadline, " +
          'probability, data date',
        description:
          'Status: met / missed once the deadline has passed; before it, from the damped-trend forecast at the ' +
          'deadline: met (already met and at least 50 % likely to be met at the deadline), on_track (at least ' +
          '50 % likely) or at_risk (less). Flows are judged on trailing 12-month totals. The rule: docs/targets.md. ' +
          'trajectory=<target id> adds the monthly values its chart draws.',
        tags: ['targets'],
        querystring: TargetsAnswerQuerySchema,
        response: { 200: TargetsAnswerSchema, 403: ErrorSchema, 404: ErrorSchema },
      },
    },
    async (request) => {
      const { unit, trajectory: id } = request.query;
      const targets = await ctx.targets.forUnit(unit, request.scope);
      const trajectory = id === undefined ? undefined : await ctx.targets.trajectory(unit, id, request.scope);
      noteRead(request, [unit], targets.length);
      return {
        unit,
        unit_name: ctx.units.get(unit)?.name ?? unit,
        meta: answerMeta(ctx, null),
        targets,
        ...(trajectory ? { trajectory } : {}),
      };
    },
  );
};
