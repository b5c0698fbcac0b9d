// Schemas of GET /api/overview: everything the Overview's first screen draws, in one answer: the targets as
// /api/targets gives them, the map's and the ranking's values and the "changes" panel's two months as
// /api/indicators/:id?by=unit gives them (the same service, the same disclosure control), the catalogue entries of
// those indicators, and the boundaries of the units on the map (and of the units around, outlines only) as TopoJSON.
import { Type, type Static } from '@sinclair/typebox';
import { MetaSchema, MonthSchema } from './common.ts';
import { IndicatorMetaSchema, IndicatorRowSchema } from './indicators.ts';
import { TargetAnswerSchema } from './targets.ts';

export const OverviewQuerySchema = Type.Object({
  unit: Type.Optional(Type.String({ minLength: 1, description: "the unit (default: the account's own)" })),
  indicator: Type.Optional(
    Type.String({
      pattern: '^[a-z0-9_]+$',
      description: "the map's and the ranking's indicator, if one of the unit's targets ranks on it (else the default)",
    }),
  ),
  boundaries: Type.Optional(
    Type.Boolean({ default: true, description: 'false: leave the boundaries out (the client has them already)' }),
  ),
});

/** One indicator's values by unit for a period, as /api/indicators/:id?by=unit answers (its metadata apart). */
export const UnitValuesSchema = Type.Object({
  indicator: Type.String(),
  unit: Type.String(),
  by: Type.String(),
  from: Type.String(),
  to: Type.String(),
  meta: MetaSchema,
  rows: Type.Array(IndicatorRowSchema),
});
export type UnitValues = Static<typeof UnitValuesSchema>;

export const OverviewAnswerSchema = Type.Object({
  unit: Type.String(),
  unit_name: Type.String(),
  meta: MetaSchema,
  targets: Type.Array(TargetAnswerSchema),
  month: MonthSchema,
  indicators: Type.Array(IndicatorMetaSchema, { description: 'the catalogue entries of the indicators below' }),
  map: Type.Union([
    Type.Object({
      indicator: Type.String(),
      values: UnitValuesSchema,
      extra: Type.Array(UnitValuesSchema, {
        description: 'units on the map that values does not cover, each asked for itself (at=2100-01-01)',
      }),
    }),
    Type.Null(),
  ]),
  changes: Type.Array(Type.Object({ indicator: Type.String(), previous: UnitValuesSchema, last: UnitValuesSchema }), {
    description: 'the key rates of the "changes" panel: the month before, the month',
  }),
  boundaries: Type.Union([
    Type.Unsafe<Record<string, unknown>>({
      type: 'object',
      description:
        'TopoJSON Topology (quantized): object `units` as GET /api/units/geo?level=commune, object `around` as ' +
        'GET /api/geo/neighbours?level=commune',
    }),
    Type.Null(),
  ]),
});
export type OverviewAnswer = Static<typeof OverviewAnswerSchema>;
