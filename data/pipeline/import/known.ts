// The ids a file may refer to: units, procedures, targets and offices of the store plus those staged from the same
// folder.
// Built by index.ts after every file is staged, read by the reference checks of stage.ts.
import type { DuckDBConnection } from '@duckdb/node-api';
import { IS_BASE_DEFAULT } from './load-units.ts';
import type { StagedFile } from './stage.ts';

function tablesOf(staged: StagedFile[], kind: string): string[] {
  return staged.filter((s) => s.src.kind === kind && s.table).map((s) => s.table!);
}

/** Rows of the folder override the stored row of the same id (the later file wins, as on load). */
async function build(
  conn: DuckDBConnection,
  name: string,
  store: [string, string],
  staged: string[],
  cols: string,
): Promise<void> {
  const parts = [
    `SELECT ${store[1]}, 0 AS src FROM ${store[0]}`,
    ...staged.map((t, i) => `SELECT ${cols}, ${i + 1} AS src FROM ${t}`),
  ];
  await conn.run(`CREATE OR REPLACE TEMP TABLE ${name} AS SELECT DISTINCT ON (id) * EXCLUDE (src)
    FROM (${parts.join(' UNION ALL ')}) WHERE id IS NOT NULL ORDER BY id, src DESC`);
}

export async function buildKnown(conn: DuckDBConnection, staged: StagedFile[]): Promise<void> {
  await build(
    conn,
    'known_units',
    ['units', 'unit_id AS id, level, is_base, parent_id'],
    tablesOf(staged, 'units'),
    `unit_id AS id, level, coalesce(is_base, ${IS_BASE_DEFAULT}) AS is_base, parent_id`,
  );
  await build(
    conn,
    'known_procedures',
    ['procedures', 'procedure_code AS id'],
    tablesOf(staged, 'procedures'),
    'procedure_code AS id',
  );
  await build(conn, 'known_targets', ['targets', 'target_id AS id'], tablesOf(staged, 'targets'), 'target_id AS id');
  await build(
    conn,
    'known_offices',
    ['offices', 'office_id AS id, unit_id, name'],
    tablesOf(staged, 'offices'),
    'office_id AS id, unit_id, name',
  );
}

export const KNOWN_TABLES = ['known_units', 'known_procedures', 'known_targets', 'known_offices'];
