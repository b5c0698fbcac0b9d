// Schemas of GET /api/population/pyramid: a unit's age pyramid (sex × 5-year age group) at one month in one answer,
// each cell the one /api/indicators/population publishes for that sex and group.
import { Type } from '@sinclair/typebox';
import { IndicatorFiltersSchema, IndicatorRowSchema } from './indicators.ts';
import { MetaSchema, MonthSchema, Nullable } from './common.ts';

export const PyramidQuerySchema = Type.Object({
  unit: Type.String({ minLength: 1, description: 'unit_id (GSO code), e.g. 291 or 10633' }),
  month: Type.Optional(MonthSchema),
  residence: IndicatorFiltersSchema.properties.residence,
});

export const PyramidCellSchema = Type.Object({
  sex: Type.Union([Type.Literal('M'), Type.Literal('F')]),
  age_group: Type.Integer({ description: 'first age of the 5-year group; 85: 85 and over' }),
  value: Nullable(Type.Number()),
  numerator: Nullable(Type.Number()),
  suppressed: IndicatorRowSchema.properties.suppressed,
  suppression: IndicatorRowSchema.properties.suppression,
});

export const PyramidAnswerSchema = Type.Object({
  indicator: Type.String({ description: 'the indicator the cells are values of (population)' }),
  unit: Type.String(),
  unit_name: Type.String(),
  month: Type.String({ description: 'YYYY-MM (default: the last month with population data)' }),
  residence: Nullable(Type.String()),
  age_groups: Type.Array(Type.Integer()),
  cells: Type.Array(PyramidCellSchema, { description: 'the male groups in order, then the female groups' }),
  meta: MetaSchema,
});
