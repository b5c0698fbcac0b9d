// GET /api/procedures, the procedure catalogue (public administrative facts, no personal data): what the
// Procedures screen's filters, the simulator and importers of dossier events need to know about each code.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type Static } from '@sinclair/typebox';
import type { Context } from '../context.ts';

export const ProcedureSchema = Type.Object({
  procedure_code: Type.String(),
  name: Type.String(),
  name_en: Type.Union([Type.String(), Type.Null()]),
  field: Type.String(),
  level: Type.String({ description: 'commune | district' }),
  due_days: Type.Integer({ description: 'statutory time, calendar days' }),
  full_online_eligible: Type.Boolean(),
  bundle: Type.Union([Type.String(), Type.Null()], {
    description: 'birth | death: a step of a linked bundle (IV.2.d)',
  }),
  bundle_step: Type.Union([Type.Integer(), Type.Null()]),
});

export const procedureRoutes: FastifyPluginAsyncTypebox<{ ctx: Context }> = async (app, { ctx }) => {
  app.get(
    '/api/procedures',
    {
      schema: {
        summary: 'The procedure catalogue: code, name, field, level, statutory time, online eligibility, bundle step',
        tags: ['catalogue'],
        response: { 200: Type.Object({ procedures: Type.Array(ProcedureSchema) }) },
      },
    },
    async () => {
      const rows = (
        await ctx.pool.use((c) =>
          c.runAndReadAll(`SELECT procedure_code, name, name_en, field, level, due_days, full_online_eligible, bundle,
          bundle_step::INTEGER AS bundle_step
          FROM procedures ORDER BY procedure_code`),
        )
      ).getRowObjectsJson();
      return { procedures: rows as unknown as Static<typeof ProcedureSchema>[] };
    },
  );
};
