// Schema of one target's forecast for a unit (for GET /api/forecast/targets?unit=): the status, forecast
// at the deadline with 80 % and 95 % intervals, probability and pace of /api/targets' answer (one outlook,
// server/targets/outlook.ts), keyed by the unit code. See docs/forecast-targets.md.
import { Type, type Static } from '@sinclair/typebox';
import { Nullable } from '../contracts/common.ts';
import { ForecastMethodSchema, OutlookSchema, TargetStatusSchema } from '../contracts/targets.ts';

export { ForecastMethodSchema };

export const TargetForecastSchema = Type.Composite([
  Type.Object({
    target_id: Type.String(),
    indicator: Type.String(),
    unit: Type.String({ description: 'unit code' }),
    comparator: Type.String(),
    target: Type.Number(),
    deadline: Type.String(),
    status: TargetStatusSchema,
    value: Nullable(Type.Number({ description: 'latest value (or at the deadline once passed)' })),
    value_month: Nullable(Type.String()),
    met_on: Nullable(Type.String({ description: 'first month the target was met' })),
    window: Type.Union([Type.Literal('month'), Type.Literal('12_months'), Type.Null()]),
  }),
  OutlookSchema,
]);
export type TargetForecast = Static<typeof TargetForecastSchema>;

export const TargetForecastsAnswerSchema = Type.Object({
  unit: Type.String(),
  targets: Type.Array(TargetForecastSchema),
});
