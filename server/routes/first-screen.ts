// GET /api/overview: the Overview's first screen in one answer (server/overview/first-screen.ts). Access from the
// matched route ('read'), the unit checked against the caller's scope, the read audited with every unit it holds.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { noteRead } from '../audit/hook.ts';
import { ErrorSchema } from '../contracts/common.ts';
import { OverviewAnswerSchema, OverviewQuerySchema } from '../contracts/overview.ts';
import type { Context } from '../context.ts';
import { encodedBody, FirstScreen } from '../overview/first-screen.ts';

export const firstScreenRoutes: FastifyPluginAsyncTypebox<{ ctx: Context }> = async (app, { ctx }) => {
  const first = new FirstScreen(ctx);
  app.get(
    '/api/overview',
    {
      schema: {
        summary: "The Overview's first screen in one answer: targets, the map's values and boundaries, changes",
        description:
          'The targets as GET /api/targets gives them; the values of the map and of the lagging list (the ' +
          "indicator chosen, if one of the unit's targets ranks on it, else the first at risk, missed or ranked) and " +
          'of the changes panel as GET /api/indicators/:id?by=unit gives them, for the last complete month (and the ' +
          'month before); the boundaries as TopoJSON. Kept in memory per scope, unit and data version.',
        tags: ['targets'],
        querystring: OverviewQuerySchema,
        response: {
          200: { description: 'The first screen', content: { 'application/json': { schema: OverviewAnswerSchema } } },
          403: ErrorSchema,
          404: ErrorSchema,
        },
      },
    },
    async (request, reply) => {
      const q = request.query;
      const unit = q.unit ?? request.user?.unit_id ?? '';
      const answer = await first.get({
        unit,
        indicator: q.indicator,
        boundaries: q.boundaries !== false,
        scope: request.scope,
      });
      noteRead(request, answer.units, answer.rows, 'overview');
      reply.type('application/json; charset=utf-8').header('vary', 'accept-encoding');
      // compressed once per kept answer (the compression plugin leaves an encoded answer alone)
      const encoded = encodedBody(answer, request.headers['accept-encoding']);
      if (!encoded) return reply.send(answer.body as never);
      return reply.header('content-encoding', encoded.encoding).send((await encoded.body) as never);
    },
  );
};
