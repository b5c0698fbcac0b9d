// Schemas of the units routes: the unit tree with validity and the GeoJSON boundaries.
import { Type, type Static } from '@sinclair/typebox';
import { DateSchema, Nullable } from './common.ts';

export const UnitSchema = Type.Object({
  unit_id: Type.String(),
  code: Type.String({ description: 'official GSO code' }),
  name: Type.String(),
  name_en: Nullable(Type.String()),
  level: Type.Union([Type.Literal('province'), Type.Literal('district'), Type.Literal('commune')]),
  parent_id: Nullable(Type.String()),
  valid_from: Type.String(),
  valid_to: Nullable(Type.String()),
  area_km2: Nullable(Type.Number()),
  is_base: Type.Boolean(),
  successors: Type.Array(
    Type.Object({ unit_id: Type.String(), effective_on: Type.String(), kind: Type.String(), share: Type.Number() }),
  ),
});

export interface UnitNode extends Static<typeof UnitSchema> {
  children: UnitNode[];
}

export const UnitNodeSchema = Type.Recursive(
  (Self) => Type.Composite([UnitSchema, Type.Object({ children: Type.Array(Self) })]),
  { $id: 'UnitNode' },
);

export const UnitsAnswerSchema = Type.Object({
  units: Type.Array(UnitNodeSchema, { description: 'roots (provinces), each with its children' }),
});

export const GeoQuerySchema = Type.Object({
  level: Type.Union([Type.Literal('commune'), Type.Literal('district'), Type.Literal('province')], {
    default: 'commune',
  }),
  at: Type.Optional(DateSchema),
});
