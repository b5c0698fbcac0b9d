// The Decision 766 cube service_month (schema.sql): base unit × month × procedure, rebuilt from the dossiers table (and
// the petitions naming a dossier) for some units, from some month on. Called by the importer (index.ts) for the units
// whose dossiers or petitions a load changed, by live dossier events (events/apply.ts) for the units a batch touched,
// and by openStore for a store with dossiers and no service_month yet. Each count's cell key (cell-key.ts) is the sum
// of the record keys of the dossiers it counts, as in dossier_month (load-dossiers.ts).
import type { DuckDBConnection } from '@duckdb/node-api';
import { cellText } from '../cells.ts';
import { keyModSql, readCellKeySecret, recordKeySql } from '../cell-key.ts';

/**
 * When a dossier is due: due_at moved on by the days it waited on the applicant for supplements (not reported = 0).
 * Those days do not count against the office (Decision 766, 2.1).
 */
const DUE = 'due_at + to_microseconds(round(coalesce(supplement_days, 0) * 86400000000)::BIGINT)';

/** Two or more supplement requests make a dossier late whatever its dates (Decision 766, 2.1). */
const SUPPLEMENTS_OK = 'coalesce(supplement_count, 0) <= 1';

/** Which dossiers each count counts (a condition on the dossier), by the month the dossier was received. */
const RECEIVED: Record<string, string> = {
  received: 'true',
  received_online: "channel = 'online'",
  received_online_eresult: "channel = 'online' AND result_electronic",
  synced: 'synced_portal',
  synced_known: 'synced_portal IS NOT NULL',
  reused: 'reused_digitised',
  reused_known: 'reused_digitised IS NOT NULL',
  shared: 'from_data_store OR result_to_data_store',
  shared_known: 'from_data_store IS NOT NULL',
  population_data: 'eid_authenticated OR coalesce(from_data_store, false) OR population_data_reused',
  paid_online: 'paid_online',
  fee_zero: 'fee_amount = 0',
};

/** By the month finished, of the dossiers with resolved_at (resolved or rejected). */
const FINISHED: Record<string, string> = {
  finished: 'true',
  finished_on_time: `resolved_at <= ${DUE} AND ${SUPPLEMENTS_OK}`,
  finished_eresult: 'result_electronic',
  finished_eresult_known: 'result_electronic IS NOT NULL',
  finished_digitised: 'components_digitised AND result_electronic',
  finished_digitised_known: 'components_digitised IS NOT NULL AND result_electronic IS NOT NULL',
  // petitioned: a petition of the dossier's unit names it (petitions.dossier_id; another unit's petition cannot mark
  // it: a commune never changes another's counts, issue 12); a "dislike" is a satisfaction of 1 or 2
  finished_complained: 'petitioned OR satisfaction <= 2',
};

/** In process at the month's end `as_of` (or the data date's, when earlier), of the dossiers not withdrawn. */
const OPEN = 'received_at <= as_of AND (resolved_at IS NULL OR resolved_at > as_of)';
const STOCKS: Record<string, string> = {
  open_end: OPEN,
  open_not_due_end: `${OPEN} AND ${DUE} > as_of AND ${SUPPLEMENTS_OK}`,
};

/** The counts of service_month (schema.sql), each with its cell key X_key beside it; resolution_days_sum has none. */
export const SERVICE_MONTH_COUNTS: readonly string[] = [
  ...Object.keys(RECEIVED),
  ...Object.keys(FINISHED),
  ...Object.keys(STOCKS),
];

/** Each count and its key: the sum of the record keys k (DOUBLE, exact here) of the dossiers it counts. */
const counted = (counts: Record<string, string>) =>
  Object.entries(counts)
    .map(([c, when]) => `count_if(${when}) AS ${c}, coalesce(sum(k) FILTER (${when}), 0) AS ${c}_key`)
    .join(',\n        ');

/** The units to rebuild, filled by rebuildServiceMonth from its unitsSql. */
const UNITS = 'service_units';

/**
 * The dossiers' data date the stocks are taken at: datasets.data_date of kind 'dossiers', or (a store without that
 * row) the last day a dossier was received or finished; null without dossiers.
 */
export async function serviceDataDate(conn: DuckDBConnection): Promise<string | null> {
  const r = await conn.runAndReadAll(`SELECT coalesce(
      (SELECT data_date FROM datasets WHERE kind = 'dossiers'),
      (SELECT max(greatest(received_at, resolved_at))::DATE FROM dossiers))::VARCHAR AS d`);
  const d = r.getRowObjectsJson()[0]?.d;
  return d === null || d === undefined ? null : cellText(d);
}

/** The first day of the month of a date or timestamp text (YYYY-MM-DD…). */
export const monthOf = (day: string): string => `${day.slice(0, 7)}-01`;

/**
 * Rebuilds service_month for the units `unitsSql` names (a query whose first column is unit_id, or 'ALL'), for the
 * months from `from` (a month's first day; default: every month). Flows count by the month received or finished;
 * stocks are at as_of = the month's last moment, or the end of the dossiers' data date (serviceDataDate) when
 * earlier. A (unit, procedure) has a row for every month from its first dossier received to the data date's month,
 * and for any month with a flow. Rows of months from `from` on are deleted, then written again. Runs in the caller's
 * transaction. Returns the rows written.
 */
export async function rebuildServiceMonth(
  conn: DuckDBConnection,
  unitsSql: string,
  opts: { from?: string } = {},
): Promise<number> {
  const all = unitsSql.trim().toUpperCase() === 'ALL';
  if (!all) await conn.run(`CREATE OR REPLACE TEMP TABLE ${UNITS} AS SELECT DISTINCT * FROM (${unitsSql}) u(unit_id)`);
  const inUnits = all ? 'true' : `unit_id IN (SELECT unit_id FROM ${UNITS})`;
  const from = opts.from ?? '1900-01-01';
  await conn.run(`DELETE FROM service_month WHERE ${inUnits} AND month >= $from::DATE`, { from });
  const dataDate = await serviceDataDate(conn);
  let written = 0;
  if (dataDate !== null) {
    const secret = await readCellKeySecret(conn);
    const r = await conn.runAndReadAll(
      `INSERT INTO service_month BY NAME
      WITH d AS (
        SELECT unit_id, procedure_code, received_at, due_at, resolved_at, channel, status, eid_authenticated,
          population_data_reused, paid_online, satisfaction, result_electronic, components_digitised, reused_digitised,
          from_data_store, result_to_data_store, supplement_count, supplement_days, fee_amount, synced_portal,
          ${recordKeySql('d', 'dossier_id', '$secret')}::DOUBLE AS k,
          EXISTS (SELECT 1 FROM petitions p WHERE p.dossier_id = x.dossier_id AND p.unit_id = x.unit_id) AS petitioned
        FROM dossiers x
        -- only dossiers that can count in a month from $from on: received then, or finished then, or still open
        WHERE ${inUnits} AND (received_at >= $from::DATE OR resolved_at IS NULL OR resolved_at >= $from::DATE)),
      rec AS (
        SELECT unit_id, date_trunc('month', received_at)::DATE AS month, procedure_code,
        ${counted(RECEIVED)}
        FROM d WHERE received_at >= $from::DATE GROUP BY ALL),
      fin AS (
        SELECT unit_id, date_trunc('month', resolved_at)::DATE AS month, procedure_code,
        ${counted(FINISHED)},
        sum(epoch(resolved_at - received_at) / 86400.0 - coalesce(supplement_days, 0)) AS resolution_days_sum
        FROM d WHERE resolved_at >= $from::DATE GROUP BY ALL),
      -- each dossier not withdrawn, once per month from the one received to the one finished (or the data date's);
      -- one finished before the end of the month it was received in (most) is in no stock
      spans AS (
        SELECT * FROM (
          SELECT *, unnest(generate_series(date_trunc('month', received_at)::DATE,
            least(coalesce(date_trunc('month', resolved_at)::DATE, $dm::DATE), $dm::DATE), INTERVAL 1 MONTH))::DATE
            AS month
          FROM d WHERE status <> 'withdrawn' AND (resolved_at IS NULL
            OR resolved_at >= least(date_trunc('month', received_at) + INTERVAL 1 MONTH, $dd::DATE + INTERVAL 1 DAY)))
        WHERE month >= $from::DATE),
      stk AS (
        SELECT unit_id, month, procedure_code,
        ${counted(STOCKS)}
        FROM (SELECT *, least(month + INTERVAL 1 MONTH, $dd::DATE + INTERVAL 1 DAY) - INTERVAL 1 MICROSECOND AS as_of
          FROM spans)
        GROUP BY ALL),
      -- a row per month from a procedure's first dossier in the unit to the data date's month
      grid AS (
        SELECT unit_id, procedure_code,
          unnest(generate_series(greatest(first, $from::DATE), $dm::DATE, INTERVAL 1 MONTH))::DATE AS month
        FROM (SELECT unit_id, procedure_code, date_trunc('month', min(received_at))::DATE AS first
          FROM dossiers WHERE ${inUnits} GROUP BY ALL)),
      cells AS (
        SELECT unit_id, month, procedure_code FROM grid
        UNION SELECT unit_id, month, procedure_code FROM rec
        UNION SELECT unit_id, month, procedure_code FROM fin)
      SELECT unit_id, month, procedure_code,
        ${SERVICE_MONTH_COUNTS.map((c) => `coalesce(${c}, 0)::INTEGER AS ${c}`).join(', ')},
        ${SERVICE_MONTH_COUNTS.map((c) => `coalesce(${keyModSql(`${c}_key`)}, 0)::INTEGER AS ${c}_key`).join(', ')},
        coalesce(resolution_days_sum, 0)::DOUBLE AS resolution_days_sum
      FROM cells LEFT JOIN rec USING (unit_id, month, procedure_code)
        LEFT JOIN fin USING (unit_id, month, procedure_code) LEFT JOIN stk USING (unit_id, month, procedure_code)
      ORDER BY unit_id, month, procedure_code`,
      { secret, from, dd: dataDate, dm: monthOf(dataDate) },
    );
    written = Number(r.getRowObjectsJson()[0]?.Count ?? 0);
  }
  if (!all) await conn.run(`DROP TABLE IF EXISTS ${UNITS}`);
  return written;
}

/**
 * A query of the units whose service_month a load of these staged tables changes; run before the load: the units of
 * the dossiers or petitions in the files and as stored under the same ids (a re-loaded one may have moved). A
 * petition counts only for a dossier of its own unit (finished_complained). Null when there are none of either.
 */
export function serviceUnitsSql(dossierTables: string[], petitionTables: string[]): string | null {
  const parts = [
    ...dossierTables.flatMap((t) => [
      `SELECT unit_id FROM ${t}`,
      `SELECT unit_id FROM dossiers WHERE dossier_id IN (SELECT dossier_id FROM ${t})`,
    ]),
    ...petitionTables.flatMap((t) => [
      `SELECT unit_id FROM ${t}`,
      `SELECT unit_id FROM petitions WHERE petition_id IN (SELECT petition_id FROM ${t})`,
    ]),
  ];
  return parts.length === 0 ? null : parts.join(' UNION ');
}

/**
 * After dossiers (or petitions) changed: rebuilds service_month of the units `unitsSql` names (from the month `from`
 * on, default every month) and, when the dossiers' data date moved from `before` (serviceDataDate before the change),
 * the months from the earlier of the two dates on in every unit, whose stocks are taken at that date. A store that had
 * no dossiers is built whole. Runs in the caller's transaction.
 */
export async function updateServiceMonth(
  conn: DuckDBConnection,
  unitsSql: string,
  before: string | null,
  from?: string,
): Promise<void> {
  const after = await serviceDataDate(conn);
  if (before === null || after === null) {
    await rebuildServiceMonth(conn, 'ALL');
    return;
  }
  await rebuildServiceMonth(conn, unitsSql, { from });
  if (before !== after) await rebuildServiceMonth(conn, 'ALL', { from: monthOf(before < after ? before : after) });
}

/**
 * Builds service_month of a store with dossiers and no service_month yet (made before the cube existed), in its own
 * transaction; called by openStore. True when it did.
 */
export async function buildMissingServiceMonth(conn: DuckDBConnection): Promise<boolean> {
  const r = await conn.runAndReadAll(
    'SELECT EXISTS (SELECT 1 FROM dossiers) AND NOT EXISTS (SELECT 1 FROM service_month) AS missing',
  );
  if (!r.getRowObjectsJson()[0]?.missing) return false;
  await conn.run('BEGIN TRANSACTION');
  try {
    await rebuildServiceMonth(conn, 'ALL');
    await conn.run('COMMIT');
  } catch (e) {
    await conn.run('ROLLBACK').catch(() => undefined);
    throw e;
  }
  return true;
}
