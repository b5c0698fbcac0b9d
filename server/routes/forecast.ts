// Forecast routes. /api/forecast/population: POST runs the cohort-component projection on explicit inputs, GET
// runs it for a unit from the store's latest population with a scenario's default inputs (docs/forecast.md).
// GET /api/forecast/targets: each target's forecast at its deadline for a unit (docs/forecast-targets.md).
import { perturbCount } from '../disclosure/cellkey.ts';
import { noteRead } from '../audit/hook.ts';
import { membersInScope } from '../auth/scope.ts';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { LIST, VARCHAR, listValue } from '@duckdb/node-api';
import { ErrorSchema } from '../contracts/common.ts';
import {
  PopulationForecastAnswerSchema,
  PopulationForecastQuerySchema,
  ProjectionAnswerSchema,
  ProjectionBodySchema,
  type ProjectionBody,
} from '../contracts/forecast.ts';
import type { Context } from '../context.ts';
import { badRequest, notFound } from '../errors.ts';
import { firstNegative, project, type ProjectionInputs, type ProjectionStep } from '../forecast/cohort.ts';
import { AGE_GROUPS, INTERVAL, defaultInputs, scenario } from '../forecast/defaults.ts';
import { interpolateYearly, roundSummary, summarize } from '../forecast/summary.ts';
import { forecastTargets } from '../forecast/targets-forecast.ts';
import { TargetForecastsAnswerSchema } from '../forecast/targets-forecast-schema.ts';
import { TargetsQuerySchema } from '../contracts/targets.ts';
import { answerMeta } from './meta.ts';

/** The last year the GET projection must reach (the plan's horizon in the issue: 2030 and 2035). */
const HORIZON = 2035;

const BASE_SQL = `
WITH last AS (SELECT max(month) AS month FROM pop_month WHERE list_contains($units, unit_id))
SELECT strftime(p.month, '%Y-%m') AS month, p.sex, p.age_group::INTEGER AS age_group,
  sum(p.population)::DOUBLE AS population, sum(p.population_key)::DOUBLE AS population_key
FROM pop_month p JOIN last ON p.month = last.month
WHERE list_contains($units, p.unit_id)
GROUP BY ALL`;

const fail = (field: string, vi: string, en: string) => badRequest(`${field}: ${vi}`, `${field}: ${en}`);

/** Checks across fields that the schema cannot express; throws 400 naming the field. */
export function checkBody(b: ProjectionBody): void {
  const k = b.age_groups.length;
  b.age_groups.forEach((a, i) => {
    if (a !== i * b.interval) {
      throw fail(
        `age_groups[${i}]`,
        `phải bằng ${i * b.interval} (nhóm tuổi cách đều ${b.interval} năm, bắt đầu từ 0).`,
        `must be ${i * b.interval} (groups ${b.interval} years wide from 0).`,
      );
    }
  });
  const vectors: [string, number[] | undefined][] = [
    ['female.population', b.female.population],
    ['female.Lx', b.female.Lx],
    ['female.asfr', b.female.asfr],
    ['male.population', b.male?.population],
    ['male.Lx', b.male?.Lx],
    ['net_migration.female', b.net_migration?.female],
    ['net_migration.male', b.net_migration?.male],
  ];
  for (const [name, v] of vectors) {
    if (v && v.length !== k)
      throw fail(
        name,
        `có ${v.length} giá trị, cần ${k} (bằng số nhóm tuổi).`,
        `has ${v.length} values, needs ${k} (one per age group).`,
      );
  }
  if (b.net_migration?.male && !b.male)
    throw fail('net_migration.male', 'cần có male (dân số nam).', 'needs male (the male population).');
  for (const [sex, Lx] of [
    ['female', b.female.Lx],
    ['male', b.male?.Lx],
  ] as const) {
    if (!Lx) continue;
    if (Lx[0] > b.interval * b.radix) {
      throw fail(
        `${sex}.Lx[0]`,
        `không được lớn hơn interval × radix (tỉ lệ sống > 1).`,
        `cannot exceed interval × radix (survival above 1).`,
      );
    }
    for (let i = 1; i < k - 1; i++) {
      if (Lx[i] > Lx[i - 1])
        throw fail(
          `${sex}.Lx[${i}]`,
          `lớn hơn nhóm trước (tỉ lệ sống > 1).`,
          `exceeds the group before (survival above 1).`,
        );
    }
  }
}

export function inputsOfBody(b: ProjectionBody): ProjectionInputs {
  return {
    interval: b.interval,
    steps: b.steps,
    radix: b.radix,
    sexRatioAtBirth: b.sex_ratio_at_birth,
    female: { population: b.female.population, Lx: b.female.Lx, asfr: b.female.asfr },
    male: b.male,
    netMigration: b.net_migration,
  };
}

function checkNotNegative(steps: ProjectionStep[], ageGroups: number[]): void {
  const neg = firstNegative(steps);
  if (!neg) return;
  const age = ageGroups[neg.group];
  throw fail(
    `net_migration.${neg.sex}`,
    `số di cư thuần âm làm dân số ${neg.sex === 'female' ? 'nữ' : 'nam'} nhóm tuổi ${age} âm sau ${neg.t} năm.`,
    `net emigration drives the ${neg.sex} population aged ${age} below zero after ${neg.t} years.`,
  );
}

/** Inputs so large that the projection overflows (e.g. 1e308 births per woman): a 400, not a broken answer. */
function checkFinite(steps: ProjectionStep[]): void {
  const over = steps.find((s) =>
    [...s.female, ...(s.male ?? []), s.births ?? 0, s.birthsFemale ?? 0, s.birthsMale ?? 0].some(
      (x) => !Number.isFinite(x),
    ),
  );
  if (over)
    throw badRequest(
      `Đầu vào quá lớn: dự báo vượt giới hạn số học sau ${over.t} năm.`,
      `Inputs too large: the projection overflows after ${over.t} years.`,
    );
}

const round = (x: number, digits = 0) => Math.round(x * 10 ** digits) / 10 ** digits;

export const forecastRoutes: FastifyPluginAsyncTypebox<{ ctx: Context }> = async (app, { ctx }) => {
  app.post(
    '/api/forecast/population',
    {
      schema: {
        summary: 'Cohort-component population projection from explicit inputs (Preston et al. 2001, ch. 6)',
        description:
          "Migrants: half of each step's net migrants join at the start and are exposed to survival, " +
          'half at the end (Box 6.2).',
        tags: ['forecast'],
        body: ProjectionBodySchema,
        response: { 200: ProjectionAnswerSchema, 400: ErrorSchema },
      },
    },
    async (request) => {
      const b = request.body;
      checkBody(b);
      const steps = project(inputsOfBody(b));
      checkFinite(steps);
      checkNotNegative(steps, b.age_groups);
      return {
        interval: b.interval,
        age_groups: b.age_groups,
        steps: steps.map((s) => ({
          t: s.t,
          female: s.female,
          male: s.male,
          births: s.births,
          births_female: s.birthsFemale,
          births_male: s.birthsMale,
        })),
      };
    },
  );

  app.get(
    '/api/forecast/population',
    {
      schema: {
        summary:
          "Population projection of a unit from its latest population, to 2035, under a scenario's default inputs",
        description:
          'Scenarios low / medium / high set TFR, e0 and net migration; tfr, e0 and net_migration override them. ' +
          'See docs/forecast.md.',
        tags: ['forecast'],
        querystring: PopulationForecastQuerySchema,
        response: { 200: PopulationForecastAnswerSchema, 400: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema },
      },
    },
    async (request) => {
      const q = request.query;
      // The starting step is stored data. With the cell-key method it is the published population of each sex and
      // age group (the same cells, keys and values as the population indicator's), and the projection starts from
      // it; with suppression, counts from 1 to k−1 leave the server as null, as in every other answer.
      const perturbed = ctx.config.disclosure === 'cellkey';
      const disclose = (x: number) => (!perturbed && x >= 1 && x < ctx.config.minCell ? null : round(x));
      const members = membersInScope(
        ctx.units,
        request.scope,
        ctx.indicators.resolveGroups(q.unit, 'total', request.scope),
      );
      const rows = (await ctx.pool.use(async (conn) =>
        (
          await conn.runAndReadAll(BASE_SQL, { units: listValue(members) }, { units: LIST(VARCHAR) })
        ).getRowObjectsJson(),
      )) as { month: string; sex: string; age_group: number; population: number; population_key: number }[];
      if (rows.length === 0)
        throw notFound(`Không có số liệu dân số của đơn vị "${q.unit}".`, `No population data for unit "${q.unit}".`);
      const female = AGE_GROUPS.map(() => 0);
      const male = AGE_GROUPS.map(() => 0);
      for (const r of rows) {
        const count = perturbed ? perturbCount(Number(r.population), Number(r.population_key)) : Number(r.population);
        (r.sex === 'F' ? female : male)[r.age_group / INTERVAL] += count;
      }
      const baseMonth = rows[0].month;
      const baseYear = Number(baseMonth.slice(0, 4));
      const id = q.scenario ?? 'medium';
      const sc = scenario(id);
      const controls = { tfr: q.tfr ?? sc.tfr, e0: q.e0 ?? sc.e0, net_migration: q.net_migration ?? sc.net_migration };
      const stepsNeeded = Math.max(1, Math.ceil((HORIZON - baseYear) / INTERVAL));
      const { inputs, mortality } = defaultInputs({ female, male }, controls, stepsNeeded);
      const steps = project(inputs);
      checkNotNegative(steps, AGE_GROUPS);
      const yearly = interpolateYearly(steps, baseYear).map((y) => roundSummary(summarize(y.year, y.female, y.male)));
      return {
        unit: q.unit,
        unit_name: ctx.units.get(q.unit)?.name ?? q.unit,
        scenario: id,
        base_month: baseMonth,
        base_year: baseYear,
        controls,
        assumptions: {
          sex_ratio_at_birth: inputs.sexRatioAtBirth,
          mortality_scale: round(mortality.scale, 4),
          e0_female: round(mortality.e0_female, 2),
          e0_male: round(mortality.e0_male, 2),
          interval: INTERVAL,
        },
        age_groups: AGE_GROUPS,
        // the starting step as published (see disclose above); the later steps are model output
        steps: steps.map((s) => ({
          year: baseYear + s.t,
          female: s.female.map((x) => (s.t === 0 ? disclose(x) : round(x))),
          male: (s.male ?? []).map((x) => (s.t === 0 ? disclose(x) : round(x))),
          births: s.births === null ? null : round(s.births),
        })),
        yearly,
        meta: answerMeta(ctx, 'population'),
      };
    },
  );

  app.get(
    '/api/forecast/targets',
    {
      schema: {
        summary:
          "Each target's forecast at its deadline: 80% and 95% intervals, probability of meeting it, " +
          'monthly pace still needed',
        description:
          'The outlooks of GET /api/targets (one computation: the same status, forecast and probability), ' +
          'keyed by the unit code: damped-trend exponential smoothing of the monthly series (on the logit for ' +
          'shares), or met / missed with the date met when the deadline has passed. Method and back-test: ' +
          'docs/forecast-targets.md; the status rule: docs/targets.md.',
        tags: ['forecast'],
        querystring: TargetsQuerySchema,
        response: { 200: TargetForecastsAnswerSchema, 403: ErrorSchema, 404: ErrorSchema },
      },
    },
    async (request) => {
      const unit = request.query.unit;
      const targets = await forecastTargets(ctx, unit, request.scope);
      noteRead(request, [unit], targets.length);
      return { unit, targets };
    },
  );
};
