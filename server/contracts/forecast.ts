// TypeBox schemas of the population projection API (POST and GET /api/forecast/population), shared
// by the route, the OpenAPI page and the web client.
import { Type, type Static } from '@sinclair/typebox';
import { MetaSchema } from './common.ts';

const Counts = (description: string) =>
  Type.Array(Type.Number({ minimum: 0 }), { minItems: 3, maxItems: 40, description });
const Positive = (description: string) =>
  Type.Array(Type.Number({ exclusiveMinimum: 0 }), { minItems: 3, maxItems: 40, description });

export const ProjectionBodySchema = Type.Object(
  {
    interval: Type.Integer({ minimum: 1, maximum: 25, description: 'width of the age groups and of a step, years' }),
    steps: Type.Integer({ minimum: 1, maximum: 40 }),
    age_groups: Type.Array(Type.Integer({ minimum: 0 }), {
      minItems: 3,
      maxItems: 40,
      description: 'lower bounds 0, n, 2n, …; the last group is open',
    }),
    radix: Type.Number({ exclusiveMinimum: 0, description: 'births the Lx refer to (l0)' }),
    sex_ratio_at_birth: Type.Number({ exclusiveMinimum: 0, maximum: 3, description: 'boys per girl' }),
    female: Type.Object(
      {
        population: Counts('women by age group at the start'),
        Lx: Positive('person-years lived per radix births in each group; the last is T of the open group'),
        asfr: Counts('births of both sexes per woman per year'),
      },
      { additionalProperties: false },
    ),
    male: Type.Optional(
      Type.Object(
        { population: Counts('men by age group at the start'), Lx: Positive('as female.Lx') },
        { additionalProperties: false },
      ),
    ),
    net_migration: Type.Optional(
      Type.Object(
        {
          female: Type.Optional(
            Type.Array(Type.Number(), {
              maxItems: 40,
              description: 'net female migrants during each step, by age group',
            }),
          ),
          male: Type.Optional(Type.Array(Type.Number(), { maxItems: 40 })),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type ProjectionBody = Static<typeof ProjectionBodySchema>;

const NullableNumber = Type.Union([Type.Number(), Type.Null()]);
const Groups = Type.Array(Type.Number());

export const ProjectionAnswerSchema = Type.Object({
  interval: Type.Integer(),
  age_groups: Type.Array(Type.Integer()),
  steps: Type.Array(
    Type.Object({
      t: Type.Number({ description: 'years since the start' }),
      female: Groups,
      male: Type.Union([Groups, Type.Null()]),
      births: Type.Union([Type.Number(), Type.Null()], {
        description: 'births of both sexes during the step ending at t',
      }),
      births_female: NullableNumber,
      births_male: NullableNumber,
    }),
  ),
});
export type ProjectionAnswer = Static<typeof ProjectionAnswerSchema>;

export const ScenarioSchema = Type.Union([Type.Literal('low'), Type.Literal('medium'), Type.Literal('high')]);

export const PopulationForecastQuerySchema = Type.Object(
  {
    unit: Type.String({ minLength: 1, maxLength: 20 }),
    scenario: Type.Optional(ScenarioSchema),
    tfr: Type.Optional(Type.Number({ minimum: 0.5, maximum: 8, description: 'overrides the scenario TFR' })),
    e0: Type.Optional(
      Type.Number({
        minimum: 40,
        maximum: 95,
        description: "overrides the scenario's life expectancy at birth (both sexes)",
      }),
    ),
    net_migration: Type.Optional(
      Type.Number({ minimum: -50, maximum: 50, description: 'overrides the net migration, per 1000 a year' }),
    ),
  },
  { additionalProperties: false },
);
export type PopulationForecastQuery = Static<typeof PopulationForecastQuerySchema>;

export const PopulationSummarySchema = Type.Object({
  year: Type.Integer(),
  total: Type.Number(),
  female: Type.Number(),
  male: Type.Number(),
  age_0_14: Type.Number(),
  school_6_10: Type.Number(),
  school_11_14: Type.Number(),
  school_15_17: Type.Number(),
  working_15_64: Type.Number(),
  age_60_plus: Type.Number(),
  age_65_plus: Type.Number(),
  dependency_total: NullableNumber,
  dependency_child: NullableNumber,
  dependency_old_age: NullableNumber,
  ageing_index: NullableNumber,
});

export const PopulationForecastAnswerSchema = Type.Object({
  unit: Type.String(),
  unit_name: Type.String(),
  scenario: ScenarioSchema,
  base_month: Type.String({ description: 'YYYY-MM: the stock the projection starts from (month end)' }),
  base_year: Type.Integer(),
  controls: Type.Object({ tfr: Type.Number(), e0: Type.Number(), net_migration: Type.Number() }),
  assumptions: Type.Object({
    sex_ratio_at_birth: Type.Number(),
    mortality_scale: Type.Number({ description: "factor on the generator's hazards that gives e0" }),
    e0_female: Type.Number(),
    e0_male: Type.Number(),
    interval: Type.Integer(),
  }),
  age_groups: Type.Array(Type.Integer()),
  steps: Type.Array(
    Type.Object({
      year: Type.Integer(),
      female: Type.Array(NullableNumber, {
        description: 'persons by age group; null in the starting year = suppressed (1 to k−1)',
      }),
      male: Type.Array(NullableNumber),
      births: NullableNumber,
    }),
  ),
  yearly: Type.Array(PopulationSummarySchema),
  meta: MetaSchema,
});
export type PopulationForecastAnswer = Static<typeof PopulationForecastAnswerSchema>;
