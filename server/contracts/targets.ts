// Schemas of the targets route: each target of the plan with value, status, forecast at the deadline,
// probability of meeting it and data date (one outlook, server/targets/outlook.ts), and on request the
// trajectory a screen draws.
import { Type, type Static } from '@sinclair/typebox';
import { MetaSchema, Nullable } from './common.ts';

export const TargetsQuerySchema = Type.Object({ unit: Type.String({ minLength: 1, default: '291' }) });

export const TargetsAnswerQuerySchema = Type.Composite([
  TargetsQuerySchema,
  Type.Object({
    trajectory: Type.Optional(
      Type.String({
        pattern: '^[A-Za-z0-9_]{1,16}$',
        description: 'a target id: the answer also carries its monthly trajectory',
      }),
    ),
  }),
]);

export const TargetStatusSchema = Type.Union([
  Type.Literal('met'),
  Type.Literal('on_track'),
  Type.Literal('at_risk'),
  Type.Literal('missed'),
  Type.Literal('no_data'),
  Type.Literal('suppressed'),
]);

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

/** The forecast part of a target's outlook, as both /api/targets and /api/forecast/targets give it. */
export const OutlookSchema = Type.Object({
  method: ForecastMethodSchema,
  months_left: Nullable(Type.Number({ description: 'months from the data month to the deadline month' })),
  forecast_at_deadline: Nullable(Type.Number({ description: 'median forecast at the deadline month' })),
  lo80: Nullable(Type.Number()),
  hi80: Nullable(Type.Number()),
  lo95: Nullable(Type.Number()),
  hi95: Nullable(Type.Number()),
  probability: Nullable(
    Type.Number({
      minimum: 0,
      maximum: 1,
      description: 'probability of meeting the target at the deadline, to a whole percent',
    }),
  ),
  pace_needed: Nullable(
    Type.Number({ description: "change per month still needed, in the indicator's units; null when met" }),
  ),
});

/** The Overview's group of a target (server/targets/triage.ts; the rule: docs/targets.md). */
export const TriageSchema = Type.Union(
  [Type.Literal('attention'), Type.Literal('on_track'), Type.Literal('unknown'), Type.Literal('passed')],
  {
    description:
      'attention: deadline ahead, at risk; on_track: deadline ahead, on track or met; unknown: deadline ahead, ' +
      'not measured (no data or withheld); passed: deadline before the data date (decided)',
  },
);

/** What a tile's "change since the previous month" reads (optional only for snapshots frozen before issue 17). */
const TriageFieldsSchema = Type.Object({
  triage: TriageSchema,
  previous_month: Nullable(Type.String({ description: 'YYYY-MM: the month before value_month' })),
  previous_value: Nullable(
    Type.Number({
      description:
        'the value of previous_month, from the same series and disclosure control as value (null when that ' +
        'month has no value, its value is withheld, or either month is a window shorter than 12 months)',
    }),
  ),
});

const TargetBaseSchema = Type.Object({
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
  value: Nullable(Type.Number({ description: 'latest value (or at the deadline once passed)' })),
  value_month: Nullable(Type.String()),
  met_on: Nullable(Type.String({ description: 'first month the target was met' })),
  data_date: Nullable(Type.String()),
  window: Type.Union([Type.Literal('month'), Type.Literal('12_months'), Type.Null()]),
});

// The outlook, the triage group and the previous month are optional in the schema only for snapshots frozen
// before they joined the answer (server/contracts/snapshots.ts serves them through this schema): /api/targets
// always sends them.
export const TargetAnswerSchema = Type.Composite([
  TargetBaseSchema,
  Type.Partial(OutlookSchema),
  Type.Partial(TriageFieldsSchema),
]);

export const TargetTrajectorySchema = Type.Object(
  {
    target_id: Type.String(),
    months: Type.Array(Type.String({ description: 'YYYY-MM' })),
    values: Type.Array(Nullable(Type.Number()), {
      description: "flows: trailing 12-month value; stocks: the month's value",
    }),
    suppressed: Type.Array(Type.Boolean(), { description: 'hidden (small counts): null, never 0' }),
    partial: Type.Array(Type.Boolean(), {
      description: 'a 12-month value summed without its hidden months (an estimate)',
    }),
  },
  { description: 'the monthly values the trajectory chart draws, from published cells only' },
);
export type TargetTrajectory = Static<typeof TargetTrajectorySchema>;

export const TargetsAnswerSchema = Type.Object({
  unit: Type.String(),
  unit_name: Type.String(),
  meta: MetaSchema,
  targets: Type.Array(TargetAnswerSchema),
  trajectory: Type.Optional(TargetTrajectorySchema),
});
