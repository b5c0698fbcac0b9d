// Schemas of the targets route: each target of the plan with value, status and data date.
import { Type } from '@sinclair/typebox';
import { MetaSchema, Nullable } from './common.ts';

export const TargetsQuerySchema = Type.Object({ unit: Type.String({ minLength: 1, default: '291' }) });

export const TargetStatusSchema = Type.Union([
  Type.Literal('met'),
  Type.Literal('on_track'),
  Type.Literal('at_risk'),
  Type.Literal('missed'),
  Type.Literal('no_data'),
  Type.Literal('suppressed'),
]);

export const TargetAnswerSchema = Type.Object({
  target_id: Type.String(),
  group: Type.String(),
  indicator: Type.String(),
  title_vi: Type.String(),
  title_en: Type.String(),
  level: Type.String(),
  comparator: Type.String(),
  target: Type.Number(),
  unit: Type.String(),
  deadline: Type.String(),
  source_clause: Type.String(),
  status: TargetStatusSchema,
  suppressed: Type.Boolean(),
  value: Nullable(Type.Number()),
  value_month: Nullable(Type.String()),
  met_on: Nullable(Type.String()),
  projected: Nullable(Type.Number()),
  data_date: Nullable(Type.String()),
  window: Type.Union([Type.Literal('month'), Type.Literal('12_months'), Type.Null()]),
});

export const TargetsAnswerSchema = Type.Object({
  unit: Type.String(),
  unit_name: Type.String(),
  meta: MetaSchema,
  targets: Type.Array(TargetAnswerSchema),
});
