// Aggregates staged people rows into pop_month (unit × month × sex × 5-year age group × residence), replacing
// the cube of the units they hold. Stocks come from +1/−1 deltas on month indexes, summed along the months, so
// the work grows with people, not people × months. No row per person is kept. Used by index.ts.
// Each count's cell key (cell-key.ts) rides along: a person's +1/−1 deltas carry +key/−key of the person, so the
// running sums give the sum of the keys of the people a stock counts, in the same pass. Keys are summed as DOUBLE:
// exact for integers below 2^53 (a cell of 2^29 people) and far cheaper than DuckDB's HUGEINT sums of BIGINT; the
// counts' deltas are cast to INTEGER for the same reason (their running sums were HUGEINT).
import type { DuckDBConnection } from '@duckdb/node-api';
import { keyModSql, readCellKeySecret, recordKeySql } from '../cell-key.ts';
import { cellText } from '../cells.ts';
import { CUBE_START } from '../store.ts';

const S = `DATE '${CUBE_START}'`;
/** Month index: 0 for the cube's first month, negative before it. */
const mi = (d: string) => `date_diff('month', ${S}, ${d})`;
const leap = (y: string) => `((${y}) % 4 = 0 AND ((${y}) % 100 <> 0 OR (${y}) % 400 = 0))`;
/**
 * First month at whose last day the person is `a` years old (a 29 February birthday turns in March of common
 * years).
 */
const reach = (a: string) => `(bm + 12 * (${a}) + CASE WHEN feb29 AND NOT ${leap(`byear + (${a})`)} THEN 1 ELSE 0 END)`;
/** Age at the last day of month `m` (m ≥ bm). */
const ageAt = (m: string) =>
  `((${m} - bm) // 12 - CASE WHEN feb29 AND (${m} - bm) % 12 = 0 AND NOT ${leap(`byear + (${m} - bm) // 12`)}` +
  ' THEN 1 ELSE 0 END)';
const group = (age: string) => `least(17, (${age}) // 5)`;
/** Age on date d of a person born on birth_date. */
const ageOn = (d: string) =>
  `(year(${d}) - year(birth_date) - CASE WHEN month(${d}) * 100 + day(${d})` +
  ' < month(birth_date) * 100 + day(birth_date) THEN 1 ELSE 0 END)';
/** Start month of an attribute within segment [s, e): NULL when it never holds there. */
const from = (...xs: string[]) =>
  `CASE WHEN ${xs.map((x) => `${x} IS NOT NULL`).join(' AND ')} AND greatest(s, ${xs.join(', ')}) < e` +
  ` THEN greatest(s, ${xs.join(', ')}) END`;

const STOCKS = [
  'population',
  'with_personal_id',
  'card_age',
  'with_chip_card',
  'vneid_requested',
  'vneid_level1',
  'vneid_level2',
  'vneid_requested_level2',
  'incomplete_records',
];
const FLOWS = ['births', 'deaths', 'moves_in', 'moves_out'];
/** Month index from which a segment (bounds below) counts in each stock, NULL when never. */
const STARTS: Record<string, string> = {
  population: 's',
  with_personal_id: 'pid_s',
  card_age: 'card_s',
  with_chip_card: 'chip_s',
  vneid_requested: 'req_s',
  vneid_level1: 'lv1_s',
  vneid_level2: 'lv2_s',
  vneid_requested_level2: 'rl2_s',
  incomplete_records: 'inc_s',
};
/** ... and from which it no longer counts (always after the start). */
const ENDS: Record<string, string> = { incomplete_records: 'inc_e' };
/** Every month where a segment's stocks may change. */
const MONTHS = [...new Set([...Object.values(STARTS), 'e', ...Object.values(ENDS)])].join(', ');
/** A segment's change of stock c at month m: 1 as it enters, −1 as it leaves. */
const change = (c: string) =>
  `CASE WHEN ${STARTS[c]} = m THEN 1 WHEN ${STARTS[c]} IS NOT NULL AND ${ENDS[c] ?? 'e'} = m THEN -1 ELSE 0 END`;
const COUNTS = [...STOCKS, ...FLOWS];
const KEYS = COUNTS.map((c) => `${c}_key`);

/** Last day the people files cover when nothing says it: their latest date. */
export async function latestPeopleDate(conn: DuckDBConnection, tables: string[]): Promise<string | null> {
  const cols = [
    'birth_date',
    'chip_card_issued_on',
    'vneid_requested_on',
    'vneid_level1_on',
    'vneid_level2_on',
    'moved_in_on',
    'moved_out_on',
    'died_on',
    'completed_on',
  ];
  const parts = tables.map((t) => `SELECT greatest(${cols.map((c) => `max(${c})`).join(', ')}) AS d FROM ${t}`);
  const r = await conn.runAndReadAll(`SELECT strftime(max(d), '%Y-%m-%d') AS d FROM (${parts.join(' UNION ALL ')})`);
  const d = r.getRowObjectsJson()[0]?.d;
  return d ? cellText(d) : null;
}

/** Replaces pop_month of the units found in the people stage tables, months CUBE_START … month of dataDate. */
export async function buildPopMonth(conn: DuckDBConnection, tables: string[], dataDate: string): Promise<number> {
  const people = tables.map((t) => `SELECT * FROM ${t}`).join(' UNION ALL ');
  await conn.run(`DELETE FROM pop_month WHERE unit_id IN (SELECT DISTINCT unit_id FROM (${people}))`);
  const L = `${mi(`DATE '${dataDate}'`)}`;
  const sql = `INSERT INTO pop_month (unit_id, month, sex, age_group, residence, ${[...COUNTS, ...KEYS].join(', ')})
  WITH people AS (SELECT *, ${recordKeySql('p', 'person_key', '$secret')}::DOUBLE AS pk FROM (${people})),
  person AS (
    SELECT unit_id, sex, residence_type AS residence, has_personal_id::INTEGER AS pid, pk,
      ${mi('birth_date')} AS bm, year(birth_date) AS byear, (month(birth_date) = 2 AND day(birth_date) = 29) AS feb29,
      greatest(0, ${mi('coalesce(moved_in_on, birth_date)')}) AS lo,
      least(${L} + 1, coalesce(${mi('least(moved_out_on, died_on)')}, ${L} + 1)) AS hi,
      ${mi('chip_card_issued_on')} AS chip, ${mi('vneid_requested_on')} AS req,
      ${mi('least(vneid_level1_on, vneid_level2_on)')} AS lv1, ${mi('vneid_level2_on')} AS lv2,
      CASE WHEN regexp_matches(coalesce(missing_fields, ''), '[^;\\s]') THEN ${L} + 1
        WHEN completed_on IS NOT NULL THEN ${mi('completed_on')} END AS inc_to
    FROM people),
  span AS (
    SELECT *, ${reach('14')} AS t14, unnest(range(${group(ageAt('lo'))}, ${group(ageAt('hi - 1'))} + 1)) AS k
    FROM person WHERE lo < hi),
  seg AS (
    SELECT *, greatest(lo, ${reach('5 * k')}) AS s,
      CASE WHEN k = 17 THEN hi ELSE least(hi, ${reach('5 * k + 5')}) END AS e
    FROM span),
  bounds AS (
    SELECT unit_id, sex, residence, k, s, e, pk,
      CASE WHEN pid = 1 THEN s END AS pid_s, ${from('t14')} AS card_s, ${from('t14', 'chip')} AS chip_s,
      ${from('req')} AS req_s, ${from('lv1')} AS lv1_s, ${from('lv2')} AS lv2_s, ${from('req', 'lv2')} AS rl2_s,
      CASE WHEN inc_to IS NOT NULL AND s < least(e, inc_to) THEN s END AS inc_s,
      CASE WHEN inc_to IS NOT NULL AND s < least(e, inc_to) THEN least(e, inc_to) END AS inc_e
    FROM seg WHERE s < e),
  -- one row per month where a stock of the segment changes (not one per stock: a quarter of the rows)
  ev AS (
    SELECT *, unnest(list_distinct(list_filter([${MONTHS}],
      m -> m IS NOT NULL AND m <= ${L}))) AS m
    FROM bounds),
  delta AS (
    SELECT unit_id, sex, residence, k, m,
      ${STOCKS.map((c) => `sum(${change(c)})::INTEGER AS ${c}`).join(', ')},
      ${STOCKS.map((c) => `sum(${change(c)} * pk) AS ${c}_key`).join(', ')}
    FROM ev GROUP BY unit_id, sex, residence, k, m),
  cells AS (SELECT DISTINCT unit_id, sex, residence, k FROM delta),
  stock AS (
    SELECT c.unit_id, c.sex, c.residence, c.k, g.m,
      ${STOCKS.map((col) => `sum(coalesce(d.${col}, 0)) OVER w AS ${col}`).join(', ')},
      ${STOCKS.map((col) => `sum(coalesce(d.${col}_key, 0)) OVER w AS ${col}_key`).join(', ')}
    FROM cells c CROSS JOIN range(0, ${L} + 1) g(m)
    LEFT JOIN delta d ON d.unit_id = c.unit_id AND d.sex = c.sex AND d.residence = c.residence AND d.k = c.k
      AND d.m = g.m
    WINDOW w AS (PARTITION BY c.unit_id, c.sex, c.residence, c.k ORDER BY g.m
      ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)),
  -- A birth is the start of residence at birth; a move-in after it is a move; a death or a move-out ends residence.
  event AS (
    SELECT unit_id, sex, residence_type AS residence, birth_date, pk, unnest(list_filter([
        {i: 0, dt: CASE WHEN moved_in_on IS NULL OR moved_in_on = birth_date THEN birth_date END},
        {i: 1, dt: CASE WHEN moved_out_on IS NULL OR died_on <= moved_out_on THEN died_on END},
        {i: 2, dt: CASE WHEN moved_in_on > birth_date THEN moved_in_on END},
        {i: 3, dt: CASE WHEN died_on IS NULL OR moved_out_on < died_on THEN moved_out_on END}
      ], x -> x.dt IS NOT NULL AND x.dt >= ${S} AND ${mi('x.dt')} <= ${L})) AS x
    FROM people),
  flow AS (
    SELECT unit_id, sex, residence, ${group(ageOn('x.dt'))} AS k, ${mi('x.dt')} AS m,
      ${FLOWS.map((f, i) => `count_if(x.i = ${i}) AS ${f}`).join(', ')},
      ${FLOWS.map((f, i) => `sum(CASE WHEN x.i = ${i} THEN pk ELSE 0 END) AS ${f}_key`).join(', ')}
    FROM event GROUP BY ALL),
  -- stock and flow are each one row per cell and month: joined, not grouped (no aggregate of 26 columns)
  cube AS (
    SELECT unit_id, m, sex, k, residence, ${COUNTS.map((c) => `coalesce(${c}, 0)::INTEGER AS ${c}`).join(', ')},
      ${KEYS.map((c) => `coalesce(${keyModSql(c)}, 0)::INTEGER AS ${c}`).join(', ')}
    FROM stock FULL JOIN flow USING (unit_id, sex, residence, k, m))
  SELECT unit_id, (${S} + to_months(m))::DATE, sex, (5 * k)::UTINYINT, residence, ${[...COUNTS, ...KEYS].join(', ')}
  FROM cube WHERE population > 0 OR births + deaths + moves_in + moves_out > 0
  ORDER BY unit_id, m, sex, k, residence`;
  const r = await conn.runAndReadAll(sql, { secret: await readCellKeySecret(conn) });
  return Number(r.getRowObjectsJson()[0]?.Count ?? 0);
}
