// Schemas of the indicator routes: the catalogue, the query parameters and the answer rows.
import { Type, type Static } from '@sinclair/typebox';
import { MetaSchema, MonthSchema, Nullable } from './common.ts';

export const IndicatorMetaSchema = Type.Object({
  id: Type.String(),
  domain: Type.String(),
  name_vi: Type.String(),
  name_en: Type.String(),
  unit: Type.String(),
  numerator: Type.String(),
  denominator: Type.String(),
  direction: Type.String(),
  targets: Type.Array(Type.String()),
  time: Type.String(),
  units: Type.String(),
  scale: Type.Number(),
  disclosure: Type.String(),
  filters: Type.Array(Type.String()),
  source: Type.Optional(Type.String()),
});

export const IndicatorListSchema = Type.Object({ indicators: Type.Array(IndicatorMetaSchema) });

export const IndicatorParamsSchema = Type.Object({ id: Type.String({ pattern: '^[a-z0-9_]+$' }) });

export const IndicatorQuerySchema = Type.Object({
  unit: Type.String({ minLength: 1, description: 'unit_id (GSO code), e.g. 291 or 10633' }),
  from: Type.Optional(MonthSchema),
  to: Type.Optional(MonthSchema),
  by: Type.Union([Type.Literal('month'), Type.Literal('quarter'), Type.Literal('year'), Type.Literal('unit'), Type.Literal('total')], {
    default: 'month',
    description: 'month, quarter or year: a series for the unit; unit: one value per child unit over the range; total: the unit itself over the range',
  }),
  at: Type.Optional(
    Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: "with by=unit: the children valid on this day (default: the plan's base units)" }),
  ),
  sex: Type.Optional(Type.Union([Type.Literal('M'), Type.Literal('F')])),
  age_min: Type.Optional(Type.Integer({ minimum: 0, maximum: 85 })),
  age_max: Type.Optional(Type.Integer({ minimum: 0, maximum: 85 })),
  residence: Type.Optional(Type.Union([Type.Literal('permanent'), Type.Literal('temporary')])),
  procedure_level: Type.Optional(Type.Union([Type.Literal('commune'), Type.Literal('district')])),
  field: Type.Optional(Type.String({ pattern: '^[a-z_]+$' })),
  procedure: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  channel: Type.Optional(Type.Union([Type.Literal('online'), Type.Literal('counter'), Type.Literal('post')])),
});
export type IndicatorQuery = Static<typeof IndicatorQuerySchema>;

export const IndicatorRowSchema = Type.Object({
  unit: Type.String(),
  unit_name: Type.String(),
  period: Type.String({ description: 'YYYY-MM, YYYY-Qn, YYYY, or YYYY-MM..YYYY-MM for by=unit' }),
  last_month: Type.String({ description: 'last month with data in the period' }),
  value: Nullable(Type.Number()),
  numerator: Nullable(Type.Number()),
  denominator: Nullable(Type.Number()),
  suppressed: Type.Boolean(),
  suppression: Type.Union([Type.Literal('primary'), Type.Literal('complementary'), Type.Null()]),
});

export const IndicatorAnswerSchema = Type.Object({
  indicator: IndicatorMetaSchema,
  unit: Type.String(),
  by: Type.String(),
  from: Type.String(),
  to: Type.String(),
  meta: MetaSchema,
  rows: Type.Array(IndicatorRowSchema),
});
