// Schemas of the Decision 766 service index route (GET /api/index766): the points of a unit and of its children
// (by=unit) or month by month (by=month), with the definitions of the groups and indicators, why points are lost,
// the portal's own scores beside the local ones, and a year-end forecast of the monthly score. The rules live in
// server/index766/rules.ts; the answer is built in server/index766/service.ts.
import { Type, type Static } from '@sinclair/typebox';
import { MetaSchema, Nullable } from './common.ts';

const NullableInteger = (description: string) => Type.Union([Type.Integer(), Type.Null()], { description });

export const Index766PeriodSchema = Type.String({
  pattern: '^\\d{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$',
  description: 'a month YYYY-MM, a quarter YYYY-Qn or a year YYYY',
});

export const Index766QuerySchema = Type.Object({
  unit: Type.String({ minLength: 1, description: 'unit_id (GSO code), e.g. 291 or 10633' }),
  period: Index766PeriodSchema,
  by: Type.Union([Type.Literal('unit'), Type.Literal('month')], {
    default: 'unit',
    description: 'unit: the unit, then its children, over the period; month: the unit, one row per month',
  }),
  lang: Type.Optional(
    Type.Union([Type.Literal('vi'), Type.Literal('en')], {
      description: 'language of unit and procedure names (default: Accept-Language, else Vietnamese)',
    }),
  ),
});

const GradeSchema = Type.Union(
  [
    Type.Literal('excellent'),
    Type.Literal('good'),
    Type.Literal('fair'),
    Type.Literal('average'),
    Type.Literal('weak'),
    Type.Null(),
  ],
  { description: 'excellent ≥ 90, good ≥ 80, fair ≥ 70, average ≥ 50, weak < 50 (grades of local tools)' },
);

export const Index766StatusSchema = Type.Union(
  [
    Type.Literal('scored'),
    Type.Literal('no_data'),
    Type.Literal('not_scored'),
    Type.Literal('no_formula'),
    Type.Literal('withheld'),
  ],
  {
    description:
      'scored; no_data: a zero denominator (left out of score and maximum); not_scored: tracked (2.2, 5.1); ' +
      'no_formula: no public formula (4.2b); withheld: disclosure control gives no value (as /api/indicators)',
  },
);

export const Index766GroupDefSchema = Type.Object({
  id: Type.String({ description: '1 | 2 | 3 | 3b | 4 | 5' }),
  name_vi: Type.String(),
  name_en: Type.String(),
  max: Type.Number(),
});

export const Index766IndicatorDefSchema = Type.Object({
  id: Type.String({ description: '1.1 … 5.4' }),
  group: Type.String(),
  name_vi: Type.String(),
  name_en: Type.String(),
  max: Type.Number(),
  rule_vi: Type.String(),
  rule_en: Type.String(),
  scored: Type.Boolean(),
  observed: Type.Boolean({ description: 'the rule was reconstructed from portal answers, not read in the Decision' }),
  query: Type.Array(Type.String(), { description: 'the indicator ids of /api/indicators it is computed from' }),
});

export const Index766RowIndicatorSchema = Type.Object({
  id: Type.String(),
  numerator: Nullable(Type.Number()),
  denominator: Nullable(Type.Number()),
  ratio: Nullable(Type.Number({ description: 'numerator ÷ denominator in [0, 1]; days for 2.2' })),
  points: Nullable(Type.Number()),
  max: Type.Number(),
  lost: Nullable(Type.Number({ description: 'max − points when scored' })),
  status: Index766StatusSchema,
});

export const Index766RowSchema = Type.Object({
  unit: Type.String(),
  unit_name: Type.String(),
  period: Type.String({ description: 'the period asked (by=unit) or the month (by=month)' }),
  score: Nullable(Type.Number({ description: '0..100, 2 decimals, rescaled over the indicators with data' })),
  points: Nullable(Type.Number({ description: 'points earned: the sum of the groups' })),
  max: Type.Number({ description: 'maximum of the indicators counted' }),
  grade: GradeSchema,
  rank: NullableInteger('rank among sibling units by score (ties share a rank); null unless all are seen'),
  of: NullableInteger('sibling units with a score'),
  groups: Type.Array(Type.Object({ id: Type.String(), points: Nullable(Type.Number()), max: Type.Number() })),
  indicators: Type.Array(Index766RowIndicatorSchema),
});

export const Index766CauseSchema = Type.Object({
  procedure_code: Type.String(),
  name: Type.String(),
  numerator: Type.Number(),
  denominator: Type.Number(),
  lost: Type.Number({ description: 'points this procedure costs the unit' }),
  gain: Type.Number({ description: 'points gained if this procedure alone were at 100 %' }),
});

export const Index766LossSchema = Type.Object({
  indicator: Type.String(),
  lost: Type.Number(),
  ratio: Nullable(Type.Number()),
  threshold: Nullable(Type.Number({ description: 'the ratio that gives full points (1 for a linear rule)' })),
  needed: NullableInteger('more numerator units (dossiers, procedures, petitions) for full points'),
  causes: Type.Array(Index766CauseSchema, { description: 'top 10 procedures by points lost' }),
  text_vi: Type.String(),
  text_en: Type.String(),
});

export const Index766PortalSchema = Type.Object({
  unit: Type.String(),
  period: Type.String(),
  group: Type.String({ description: '1 | 2 | 3 | 3b | 4 | 5 | total' }),
  local: Nullable(Type.Number({ description: "the group's points, or the score for total" })),
  portal: Type.Number(),
  diff: Nullable(Type.Number({ description: 'local − portal' })),
  flagged: Type.Boolean({ description: '|diff| > 2' }),
});

export const Index766ForecastSchema = Type.Object({
  year: Type.String(),
  score: Nullable(Type.Number({ description: 'the December monthly score: forecast (median), or known once it is' })),
  low: Nullable(Type.Number({ description: '80 % interval' })),
  high: Nullable(Type.Number()),
  method: Type.String({
    description:
      'damped_logit: damped-trend exponential smoothing, ETS(A,Ad,N), of the monthly scores on the logit scale, as ' +
      "the targets' forecasts (server/forecast/damped.ts); known: December is within the data; too_short: fewer " +
      'than 8 monthly scores; too_far: December more than 24 months past the last monthly score; no_data',
  }),
});

export const Index766AnswerSchema = Type.Object({
  unit: Type.String(),
  unit_name: Type.String(),
  period: Type.String(),
  by: Type.Union([Type.Literal('unit'), Type.Literal('month')]),
  from: Type.String({ description: 'YYYY-MM' }),
  to: Type.String({ description: 'YYYY-MM' }),
  data_date: Type.String(),
  generated: Type.Boolean(),
  meta: MetaSchema,
  groups: Type.Array(Index766GroupDefSchema),
  indicators: Type.Array(Index766IndicatorDefSchema),
  rows: Type.Array(Index766RowSchema),
  losses: Type.Array(Index766LossSchema),
  portal: Type.Array(Index766PortalSchema),
  forecast: Type.Union([Index766ForecastSchema, Type.Null()]),
});

export type Index766Query = Static<typeof Index766QuerySchema>;
export type Index766Answer = Static<typeof Index766AnswerSchema>;
export type Index766Row = Static<typeof Index766RowSchema>;
export type Index766Loss = Static<typeof Index766LossSchema>;
export type Index766Portal = Static<typeof Index766PortalSchema>;
export type Index766Forecast = Static<typeof Index766ForecastSchema>;
export type Index766Status = Static<typeof Index766StatusSchema>;
