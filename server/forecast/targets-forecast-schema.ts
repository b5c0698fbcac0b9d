// Schema of one target's forecast for a unit (for GET /api/forecast/targets?unit=): the damped-trend
// forecast at the deadline with 80 % and 95 % intervals, the probability of meeting the target and
// the monthly pace still needed; past deadlines give met or missed only. See docs/forecast-targets.md.
import { Type, type Static } from '@sinclair/typebox';
import { Nullable } from '../contracts/common.ts';
import { TargetStatusSchema } from '../contracts/targets.ts';

export const ForecastMethodSchema = Type.Union(
  [
    Type.Literal('damped_logit'), // shares: damped trend on logit(p/100)
    Type.Literal('damped'), // counts: damped trend on the raw scale
    Type.Literal('deadline_passed'), // no forecast: met or missed
    Type.Literal('milestone'), // done / not done: no forecast
    Type.Literal('too_short'), // fewer than 8 monthly values
    Type.Literal('no_data'),
    Type.Literal('suppressed'),
  ],
  { description: 'how the forecast was made, or why there is none' },
);

export const TargetForecastSchema = Type.Object({
  target_id: Type.String(),
  indicator: Type.String(),
  unit: Type.String({ description: 'unit code' }),
  comparator: Type.String(),
  target: Type.Number(),
  deadline: Type.String(),
  status: TargetStatusSchema,
  method: ForecastMethodSchema,
  value: Nullable(Type.Number({ description: 'latest value (or at the deadline once passed)' })),
  value_month: Nullable(Type.String()),
  months_left: Nullable(Type.Number({ description: 'months from the data month to the deadline month' })),
  forecast_at_deadline: Nullable(Type.Number({ description: 'median forecast at the deadline month' })),
  lo80: Nullable(Type.Number()),
  hi80: Nullable(Type.Number()),
  lo95: Nullable(Type.Number()),
  hi95: Nullable(Type.Number()),
  probability: Nullable(Type.Number({ minimum: 0, maximum: 1, description: 'predictive probability of meeting the target at the deadline' })),
  pace_needed: Nullable(Type.Number({ description: "change per month still needed, in the indicator's units; null when met" })),
  met_on: Nullable(Type.String({ description: 'first month the target was met' })),
  window: Type.Union([Type.Literal('month'), Type.Literal('12_months'), Type.Null()]),
});
export type TargetForecast = Static<typeof TargetForecastSchema>;

export const TargetForecastsAnswerSchema = Type.Object({
  unit: Type.String(),
  targets: Type.Array(TargetForecastSchema),
});
