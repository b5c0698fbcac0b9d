// Upserts dossiers by dossier_id and rebuilds dossier_month for the units touched, and bundle_month whole.
// Used by index.ts inside the import transaction. Each count's cell key (cell-key.ts) is the sum of the keys of the
// dossiers (or bundles) it counts.
import type { DuckDBConnection } from '@duckdb/node-api';
import { keyModSql, readCellKeySecret, recordKeySql } from '../cell-key.ts';
import { DOSSIER_766_COLUMNS } from './columns.ts';

/** The columns of the dossiers table that imports and live events write (schema.sql), in its order. */
export const DOSSIER_COLUMNS = [
  'dossier_id',
  'procedure_code',
  'unit_id',
  'received_at',
  'due_at',
  'resolved_at',
  'channel',
  'status',
  'eid_authenticated',
  'population_data_reused',
  'result_digitised',
  'paid_online',
  'processed_online',
  'applicant_had_eid',
  'eid_enrolled_on_site',
  'satisfaction',
  'bundle_ref',
  ...DOSSIER_766_COLUMNS,
] as const;

const COLS = DOSSIER_COLUMNS.join(', ');

/** The counts of dossier_month (schema.sql), each with its cell key X_key beside it. */
export const DOSSIER_MONTH_COUNTS = [
  'received',
  'received_eid_authenticated',
  'received_population_reused',
  'received_paid_online',
  'received_processed_online',
  'received_without_eid',
  'received_eid_enrolled',
  'received_in_bundle',
  'returned_for_supplement',
  'resolved',
  'resolved_on_time',
  'resolved_late',
  'resolved_digitised',
  'rated',
  'satisfied',
] as const;

/** Units whose dossier cube must be rebuilt; filled by loadDossiers, read by rebuildDossierMonth. */
const AFFECTED = 'dossier_units_touched';

/** True when the store's dossiers table has its primary key (schema.sql); an upsert then needs INSERT OR REPLACE. */
async function hasPrimaryKey(conn: DuckDBConnection): Promise<boolean> {
  const r = await conn.runAndReadAll(`SELECT count(*)::INTEGER AS n FROM duckdb_constraints()
    WHERE table_name = 'dossiers' AND constraint_type = 'PRIMARY KEY' AND database_name = current_database()`);
  return Number(r.getRowObjectsJson()[0].n) > 0;
}

export async function loadDossiers(conn: DuckDBConnection, table: string): Promise<void> {
  await conn.run(`CREATE TEMP TABLE IF NOT EXISTS ${AFFECTED} (unit_id VARCHAR)`);
  const stored = await conn.runAndReadAll('SELECT EXISTS (SELECT 1 FROM dossiers) AS any');
  const replacing = Boolean(stored.getRowObjectsJson()[0].any);
  if (replacing) {
    // A re-loaded dossier may have moved: the unit it was stored under changes too.
    await conn.run(
      `INSERT INTO ${AFFECTED} SELECT DISTINCT d.unit_id FROM dossiers d JOIN ${table} s USING (dossier_id)`,
    );
  }
  await conn.run(`INSERT INTO ${AFFECTED} SELECT DISTINCT unit_id FROM ${table}`);
  const pk = await hasPrimaryKey(conn);
  // Without a primary key (faster loads), replacing is delete-then-insert; dossier_id stays unique either way.
  if (replacing && !pk) await conn.run(`DELETE FROM dossiers WHERE dossier_id IN (SELECT dossier_id FROM ${table})`);
  await conn.run(`INSERT ${pk ? 'OR REPLACE ' : ''}INTO dossiers (${COLS})
    SELECT dossier_id, procedure_code, unit_id, received_at, due_at, resolved_at, channel, status,
      coalesce(eid_authenticated, false), coalesce(population_data_reused, false), coalesce(result_digitised, false),
      coalesce(paid_online, false), coalesce(processed_online, false), coalesce(applicant_had_eid, true),
      coalesce(eid_enrolled_on_site, false), satisfaction, bundle_ref,
      -- Decision 766's fields as given: NULL when the file does not report them (never taken as false)
      ${DOSSIER_766_COLUMNS.join(', ')}
    FROM ${table}`);
}

/** Which dossiers of a cell each count counts (a condition on dossiers d); received_* by the month received. */
const RECEIVED: Record<string, string> = {
  received: 'true',
  received_eid_authenticated: 'eid_authenticated',
  received_population_reused: 'population_data_reused',
  received_paid_online: 'paid_online',
  received_processed_online: 'processed_online',
  received_without_eid: 'NOT applicant_had_eid',
  received_eid_enrolled: 'NOT applicant_had_eid AND eid_enrolled_on_site',
  received_in_bundle: 'bundle_ref IS NOT NULL',
  returned_for_supplement: "status = 'supplement'",
};
/** resolved_* by the month resolved, of the dossiers with resolved_at. */
const RESOLVED: Record<string, string> = {
  resolved: 'true',
  resolved_on_time: 'resolved_at <= due_at',
  resolved_late: 'resolved_at > due_at',
  resolved_digitised: 'result_digitised',
  rated: 'satisfaction IS NOT NULL',
  satisfied: 'satisfaction >= 4',
};
/** Each count and its key: the sum of the record keys k (DOUBLE, exact here) of the dossiers it counts. */
const counted = (counts: Record<string, string>) =>
  Object.entries(counts)
    .map(([c, when]) => `count_if(${when}) AS ${c}, coalesce(sum(k) FILTER (${when}), 0) AS ${c}_key`)
    .join(',\n        ');

/**
 * dossier_month of the touched units: received_* by the month received, resolved_* by the month resolved
 * (resolved_at is set for resolved and rejected dossiers), on time when resolved_at ≤ due_at (Decision 766/QĐ-TTg).
 * Ratings are given on the result: rated and satisfied (4 or 5) count resolved dossiers, by the month resolved.
 */
export async function rebuildDossierMonth(conn: DuckDBConnection): Promise<number> {
  const units = `(SELECT DISTINCT unit_id FROM ${AFFECTED})`;
  await conn.run(`DELETE FROM dossier_month WHERE unit_id IN ${units}`);
  const secret = await readCellKeySecret(conn);
  const r = await conn.runAndReadAll(
    `INSERT INTO dossier_month BY NAME
    -- DOUBLE keys: sums of integers exact below 2^53, without the cost of the HUGEINT sums of BIGINT
    WITH d AS (
      SELECT * EXCLUDE (dossier_id), ${recordKeySql('d', 'dossier_id', '$secret')}::DOUBLE AS k
      FROM dossiers WHERE unit_id IN ${units}),
    rec AS (
      SELECT unit_id, date_trunc('month', received_at)::DATE AS month, procedure_code, channel,
        ${counted(RECEIVED)}
      FROM d GROUP BY ALL),
    res AS (
      SELECT unit_id, date_trunc('month', resolved_at)::DATE AS month, procedure_code, channel,
        ${counted(RESOLVED)},
        sum(epoch(resolved_at - received_at)) / 86400.0 AS resolution_days_sum
      FROM d WHERE resolved_at IS NOT NULL GROUP BY ALL)
    -- one row per cell on each side: joined, not grouped again
    SELECT unit_id, month, procedure_code, channel,
      ${DOSSIER_MONTH_COUNTS.map((c) => `coalesce(${c}, 0)::INTEGER AS ${c}`).join(', ')},
      ${DOSSIER_MONTH_COUNTS.map((c) => `coalesce(${keyModSql(`${c}_key`)}, 0)::INTEGER AS ${c}_key`).join(', ')},
      coalesce(resolution_days_sum, 0)::DOUBLE AS resolution_days_sum
    FROM rec FULL JOIN res USING (unit_id, month, procedure_code, channel)
    ORDER BY unit_id, month, procedure_code, channel`,
    { secret },
  );
  await conn.run(`DROP TABLE IF EXISTS ${AFFECTED}`);
  return Number(r.getRowObjectsJson()[0]?.Count ?? 0);
}

/**
 * bundle_month cells (unit_id, month, bundle, bundles_started, bundles_completed) of the bundles whose
 * dossiers match `where` (a condition on dossiers d): a bundle is the dossiers sharing a bundle_ref
 * whose procedures belong to one bundle; it starts in the month (and unit) of its first dossier and is
 * completed when steps 1, 2 and 3 are each resolved. Also used by live events (data/pipeline/events).
 */
export function bundleCellsSql(where = 'true'): string {
  return `WITH b AS (
      SELECT d.bundle_ref, p.bundle, arg_min(d.unit_id, d.received_at) AS unit_id, min(d.received_at) AS first_at,
        count(DISTINCT CASE WHEN d.status = 'resolved' AND p.bundle_step BETWEEN 1 AND 3 THEN p.bundle_step END)
          AS steps_done
      FROM dossiers d JOIN procedures p USING (procedure_code)
      WHERE d.bundle_ref IS NOT NULL AND p.bundle IS NOT NULL AND (${where})
      GROUP BY d.bundle_ref, p.bundle),
    keyed AS (SELECT *, ${recordKeySql('b', "bundle_ref || ':' || bundle")} AS k FROM b)
    SELECT unit_id, date_trunc('month', first_at)::DATE AS month, bundle,
      count(*)::INTEGER AS bundles_started, count_if(steps_done = 3)::INTEGER AS bundles_completed,
      ${keyModSql('sum(k)')}::INTEGER AS bundles_started_key,
      ${keyModSql('coalesce(sum(k) FILTER (steps_done = 3), 0)')}::INTEGER AS bundles_completed_key
    FROM keyed GROUP BY ALL`;
}

/** The counts of bundle_month, each with its cell key beside it. */
export const BUNDLE_MONTH_COUNTS = ['bundles_started', 'bundles_completed'] as const;

/** bundle_month, whole. */
export async function rebuildBundleMonth(conn: DuckDBConnection): Promise<void> {
  await conn.run('DELETE FROM bundle_month');
  await conn.run(`INSERT INTO bundle_month BY NAME
    SELECT * FROM (${bundleCellsSql()}) ORDER BY unit_id, month, bundle`);
}
