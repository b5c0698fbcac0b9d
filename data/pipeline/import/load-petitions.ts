// Upserts petitions by petition_id (each with its record key) and the portal's Decision 766 points by (unit, period,
// group), from stage tables. Used by index.ts inside the import transaction; service_month of the units whose
// dossiers the petitions name is rebuilt after the load (index.ts, load-service.ts).
import type { DuckDBConnection } from '@duckdb/node-api';
import { readCellKeySecret, recordKeySql } from '../cell-key.ts';

/** The columns of the petitions table that imports write (schema.sql), in its order; k is set here. */
export const PETITION_COLUMNS = [
  'petition_id',
  'unit_id',
  'received_at',
  'kind',
  'procedure_code',
  'dossier_id',
  'handled_at',
  'outcome',
  'disliked',
  'repeated',
  'k',
] as const;

export async function loadPetitions(conn: DuckDBConnection, table: string): Promise<void> {
  // no primary key (as dossiers): replacing is delete-then-insert; petition_id stays unique (rules.ts)
  await conn.run(`DELETE FROM petitions WHERE petition_id IN (SELECT petition_id FROM ${table})`);
  await conn.run(
    `INSERT INTO petitions (${PETITION_COLUMNS.join(', ')})
    SELECT petition_id, unit_id, received_at, kind, procedure_code, dossier_id, handled_at, outcome,
      coalesce(disliked, false), coalesce(repeated, false), ${recordKeySql('p', 'petition_id', '$secret')}::INTEGER
    FROM ${table} ORDER BY petition_id`,
    { secret: await readCellKeySecret(conn) },
  );
}

export async function loadPortalScores(conn: DuckDBConnection, table: string): Promise<void> {
  await conn.run(`INSERT OR REPLACE INTO portal_scores (unit_id, period, group_id, points)
    SELECT unit_id, period, group_id, points FROM ${table} ORDER BY unit_id, period, group_id`);
}
