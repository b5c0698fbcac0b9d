// Rolls an indicator's base rows (base unit × month) up to the asked units and periods, in SQL.
// The indicator's own statement (queries/) stays the only definition; this wraps it.
import { keyModSql } from '../../data/pipeline/cell-key.ts';
import type { IndicatorDef } from '../registry/index.ts';

export type Grain = 'month' | 'quarter' | 'year' | 'unit' | 'total';

/**
 * The sum of a part over rows, NULL when any of them is NULL: a count that is not known in some cell (an aggregate
 * table without it, docs/data-formats.md) makes the total unknown, rather than the sum of the cells that are known.
 */
const knownSum = (x: string) => `CASE WHEN count(${x}) = count(*) THEN sum(${x}) END`;

const PERIOD_SQL: Record<Grain, string> = {
  month: 'month',
  quarter: "date_trunc('quarter', month)::DATE",
  year: "date_trunc('year', month)::DATE",
  unit: '$from',
  total: '$from',
};

/**
 * The composed statement: the indicator's SQL as `base`, rolled up to each unit of `$groups`
 * through `unit_members` (summed, or the max for catalogue-like indicators), then to periods
 * (flows summed over months, stocks taken at the period's last month).
 * Columns: unit, period (DATE), last_month (DATE), months, numerator, denominator.
 */
export function composeIndicatorSql(def: IndicatorDef, grain: Grain): string {
  const base = def.sql.trim().replace(/;\s*$/, '');
  const unitAgg = (x: string) => (def.meta.units === 'max' ? `max(${x})` : knownSum(x));
  // a stock is its period's last month, also when that month's value is not known (arg_max would skip it)
  const timeAgg =
    def.meta.time === 'sum'
      ? `(${knownSum('numerator')})::DOUBLE AS numerator, (${knownSum('denominator')})::DOUBLE AS denominator`
      : 'arg_max_null(numerator, month)::DOUBLE AS numerator, arg_max_null(denominator, month)::DOUBLE AS denominator';
  return `WITH base AS (
${base}
), rolled AS (
  SELECT um.group_id AS unit, b.month AS month,
         ${unitAgg('b.numerator')} AS numerator, ${unitAgg('b.denominator')} AS denominator
  FROM base b JOIN unit_members um ON um.member_id = b.unit_id
  WHERE um.group_id IN (SELECT unnest($groups))
  GROUP BY um.group_id, b.month
)
SELECT unit, ${PERIOD_SQL[grain]} AS period, max(month) AS last_month, count(*)::INTEGER AS months, ${timeAgg}
FROM rolled
GROUP BY unit, period
ORDER BY unit, period`;
}

/** Whether an indicator's statement returns the difference pair (numerator_minus, numerator_minus_key). */
export const hasMinusPair = (def: IndicatorDef): boolean => /\bnumerator_minus_key\b/.test(def.sql);

/**
 * The statement the cell-key method reads (docs/disclosure.md): the indicator's base rows rolled up to each unit of
 * `$groups` month by month (never over periods: the server sums published months), with each count's cell key, the
 * sum of its members' keys modulo 2^24. With `ageGroups`, one row per month and 5-year age group, each group read by
 * the statement with the age filters bound to that group alone, so that an age range is published as the sum of its
 * published groups; with `sexes` too, one row per month, sex and age group. Columns: unit, month (DATE), [sex,]
 * [age_group,] numerator, denominator, numerator_key, denominator_key[, numerator_minus, numerator_minus_key].
 */
export function composeKeyedSql(
  def: IndicatorDef,
  ageGroups?: readonly number[],
  sexes?: readonly ('M' | 'F')[],
): string {
  const statement = def.sql.trim().replace(/;\s*$/, '');
  // With `sexes` (the age pyramid: every group of both sexes in one statement), each group is read once per sex,
  // the sex written in as the age group is: the cells are the ones a request with sex=… asks for.
  const variants = (sexes ?? [undefined]).flatMap((sex) => (ageGroups ?? []).map((g) => ({ sex, g })));
  const base =
    ageGroups === undefined
      ? statement
      : variants
          .map(({ sex, g }) => {
            let bound = statement.replace(/\$age_min\b/g, String(g)).replace(/\$age_max\b/g, String(g));
            if (sex) bound = bound.replace(/\$sex\b/g, `'${sex}'`);
            return `SELECT ${sex ? `'${sex}' AS sex, ` : ''}${g} AS age_group, * FROM (\n${bound}\n)`;
          })
          .join('\nUNION ALL\n');
  const agg = (x: string) => (def.meta.units === 'max' ? `max(${x})` : knownSum(x));
  // summed as DOUBLE (exact: far below 2^53), faster than BIGINT's 128-bit sum
  const key = (c: string) => `CAST(${keyModSql(`sum(b.${c}::DOUBLE)`)} AS BIGINT) AS ${c}`;
  const minus = hasMinusPair(def)
    ? `, ${knownSum('b.numerator_minus')} AS numerator_minus, ${key('numerator_minus_key')}`
    : '';
  const sex = sexes === undefined || ageGroups === undefined ? '' : 'b.sex, ';
  const age = ageGroups === undefined ? '' : `${sex}b.age_group, `;
  const order = ageGroups === undefined ? '' : `, ${sex ? 'sex, ' : ''}age_group`;
  return `WITH base AS (
${base}
)
SELECT um.group_id AS unit, b.month AS month, ${age}
  ${agg('b.numerator')} AS numerator, ${agg('b.denominator')} AS denominator,
  ${key('numerator_key')}, ${key('denominator_key')}${minus}
FROM base b JOIN unit_members um ON um.member_id = b.unit_id
WHERE um.group_id IN (SELECT unnest($groups))
GROUP BY ALL
ORDER BY unit, month${order}`;
}

/**
 * The breakdown by procedure of an indicator whose statement returns the trailing `procedure_code` column (the
 * Decision 766 index, queries/index766: "why points are lost"): its base rows rolled up to each unit of `$groups`
 * and each procedure_code (NULL: rows not about one procedure), over the months `$from..$to` of the statement — a
 * flow summed over them, a stock (`time: last`) taken at the unit's last month with rows. Each count's cell key is the
 * sum of its cells' keys modulo 2^24, as composeKeyedSql gives them. Exact values, for server-side computations (the
 * caller publishes what it shows). Columns: unit, procedure_code, numerator, denominator, numerator_key,
 * denominator_key[, numerator_minus, numerator_minus_key].
 */
export function composeProcedureSql(def: IndicatorDef): string {
  const base = def.sql.trim().replace(/;\s*$/, '');
  const agg = (x: string) => (def.meta.units === 'max' ? `max(${x})` : knownSum(x));
  const minus = hasMinusPair(def);
  const rolledMinus = minus
    ? `, ${agg('b.numerator_minus')} AS numerator_minus, sum(b.numerator_minus_key::DOUBLE) AS numerator_minus_key`
    : '';
  const key = (c: string) => `CAST(${keyModSql(`sum(${c})`)} AS BIGINT) AS ${c}`;
  const periodMinus = minus
    ? `, (${knownSum('numerator_minus')})::DOUBLE AS numerator_minus, ${key('numerator_minus_key')}`
    : '';
  // a stock is the unit's last month with rows, as in composeIndicatorSql; a flow, every month
  const last = def.meta.time === 'last' ? 'QUALIFY month = max(month) OVER (PARTITION BY unit)' : '';
  return `WITH base AS (
${base}
), rolled AS (
  SELECT um.group_id AS unit, b.procedure_code AS procedure_code, b.month AS month,
    ${agg('b.numerator')} AS numerator, ${agg('b.denominator')} AS denominator,
    sum(b.numerator_key::DOUBLE) AS numerator_key, sum(b.denominator_key::DOUBLE) AS denominator_key${rolledMinus}
  FROM base b JOIN unit_members um ON um.member_id = b.unit_id
  WHERE um.group_id IN (SELECT unnest($groups))
  GROUP BY ALL
), kept AS (
  SELECT * FROM rolled
  ${last}
)
SELECT unit, procedure_code, (${knownSum('numerator')})::DOUBLE AS numerator,
  (${knownSum('denominator')})::DOUBLE AS denominator, ${key('numerator_key')}, ${key('denominator_key')}${periodMinus}
FROM kept
GROUP BY unit, procedure_code
ORDER BY unit, procedure_code NULLS LAST`;
}

/** Label of a period for the answer: 2024-03, 2024-Q1, 2024, or 2022-01..2024-12 for a whole range. */
export function periodLabel(grain: Grain, periodStart: string, from: string, to: string): string {
  const ym = periodStart.slice(0, 7);
  switch (grain) {
    case 'month':
      return ym;
    case 'quarter':
      return `${periodStart.slice(0, 4)}-Q${Math.floor((Number(periodStart.slice(5, 7)) - 1) / 3) + 1}`;
    case 'year':
      return periodStart.slice(0, 4);
    case 'unit':
    case 'total':
      return `${from.slice(0, 7)}..${to.slice(0, 7)}`;
  }
}
