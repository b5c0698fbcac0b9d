// Schemas of GET /api/panel: several indicators of one unit and period range in one answer (a screen's panels ask
// once instead of once per indicator); each answer is the one /api/indicators/:id gives for the same query.
import { Type } from '@sinclair/typebox';
import { IndicatorFiltersSchema, IndicatorMetaSchema, IndicatorQuerySchema, IndicatorRowSchema } from './indicators.ts';
import { MetaSchema } from './common.ts';

/** The most indicators one panel answer holds. */
export const PANEL_MAX_INDICATORS = 24;

export const PanelQuerySchema = Type.Object({
  ids: Type.String({
    pattern: `^[a-z0-9_]+(,[a-z0-9_]+){0,${PANEL_MAX_INDICATORS - 1}}$`,
    description: `indicator ids, comma-separated (at most ${PANEL_MAX_INDICATORS})`,
  }),
  unit: IndicatorQuerySchema.properties.unit,
  from: IndicatorQuerySchema.properties.from,
  to: IndicatorQuerySchema.properties.to,
  by: IndicatorQuerySchema.properties.by,
  ...IndicatorFiltersSchema.properties,
});

export const PanelAnswerSchema = Type.Object({
  unit: Type.String(),
  by: Type.String(),
  answers: Type.Array(
    Type.Object({
      indicator: IndicatorMetaSchema,
      from: Type.String(),
      to: Type.String(),
      meta: MetaSchema,
      rows: Type.Array(IndicatorRowSchema),
    }),
    {
      description:
        'one per id, in the order asked; each with only the filters its indicator accepts (the others are ignored)',
    },
  ),
});
