// What an import replaces, kept so that it can be taken back (undo) or shown before it is written (preview).
// For each store table an import writes, the "touched" rows are named by a key set computed from the staged files
// before anything is written: every row of the small tables (units, catalogue, datasets, portal points), the
// dossiers of the file's dossier_ids (petitions: petition_ids), and the cube rows of the units whose cubes are
// rebuilt (all of service_month when dossiers load). Their before-image is copied (for a
// commit into schema import_undo, for a preview into TEMP tables); undo deletes the touched rows as they are now
// and puts the before-image back, in one transaction. Used by the server's import jobs (server/imports).
import type { DuckDBConnection } from '@duckdb/node-api';
import { cellText } from '../cells.ts';
import { serviceUnitsSql } from './load-service.ts';
import type { StagedFile } from './stage.ts';

/**
 * One table an import writes: `key` names the rows it may touch (null: every row of the table); a composite key is
 * its columns joined by commas ("unit_id,task_id"), its values lists ([unit_id, task_id]).
 */
export interface Touched {
  table: string;
  key: string | null;
  /** SELECT of the key values, run against the staged tables before the load. */
  keys: string | null;
}

/** Kinds whose rows rebuild the population cube of their units. */
const POPULATION_KINDS = new Set(['people', 'population_counts', 'identity_counts']);

const union = (parts: string[]) => parts.join(' UNION ');

/** The tables a load of these staged files writes, and the rows of each it may touch. */
export function touchedTables(staged: StagedFile[]): Touched[] {
  const tables = (kind: string) => staged.filter((s) => s.src.kind === kind && s.table).map((s) => s.table!);
  const out: Touched[] = [];
  const all = (table: string) => out.push({ table, key: null, keys: null });
  if (tables('units').length || tables('lineage').length) ['units', 'unit_lineage', 'unit_members'].forEach(all);
  if (tables('procedures').length) all('procedures');
  if (tables('targets').length) all('targets');
  if (tables('milestones').length) all('milestones');
  const pop = staged.filter((s) => POPULATION_KINDS.has(s.src.kind) && s.table).map((s) => s.table!);
  if (pop.length) {
    out.push({ table: 'pop_month', key: 'unit_id', keys: union(pop.map((t) => `SELECT DISTINCT unit_id FROM ${t}`)) });
  }
  const dossiers = tables('dossiers');
  if (dossiers.length) {
    const ids = union(dossiers.map((t) => `SELECT DISTINCT dossier_id FROM ${t}`));
    out.push({ table: 'dossiers', key: 'dossier_id', keys: ids });
    // a re-loaded dossier may have moved: the unit it was stored under is rebuilt too (load-dossiers.ts)
    const units = union([
      ...dossiers.map((t) => `SELECT DISTINCT unit_id FROM ${t}`),
      `SELECT DISTINCT unit_id FROM dossiers WHERE dossier_id IN (${ids})`,
    ]);
    out.push({ table: 'dossier_month', key: 'unit_id', keys: units });
  }
  if (dossiers.length || tables('procedures').length) all('bundle_month');
  const petitions = tables('petitions');
  if (petitions.length) {
    const ids = union(petitions.map((t) => `SELECT DISTINCT petition_id FROM ${t}`));
    out.push({ table: 'petitions', key: 'petition_id', keys: ids });
  }
  // service_month: every row when dossiers load (the dossiers' data date, which dates the stocks of every unit, may
  // move); for petitions alone, the units of the dossiers they name (load-service.ts)
  if (dossiers.length) all('service_month');
  else if (petitions.length) out.push({ table: 'service_month', key: 'unit_id', keys: serviceUnitsSql([], petitions) });
  if (tables('portal_scores').length) all('portal_scores');
  // offices and their accounts (few rows: all of them); tasks and their offices by (unit_id, task_id), so that an
  // undo leaves the other tasks (and an admin's edits of them) as they are
  if (tables('offices').length) ['offices', 'office_accounts'].forEach(all);
  const tasks = tables('tasks');
  if (tasks.length) {
    const keys = union(tasks.map((t) => `SELECT DISTINCT [unit_id, task_id] FROM ${t}`));
    for (const table of ['tasks', 'task_offices']) out.push({ table, key: TASK_KEY, keys });
  }
  all('datasets');
  return out;
}

const ident = (s: string) => `"${s.replaceAll('"', '""')}"`;

const TASK_KEY = 'unit_id,task_id';

/** The SQL value of a key: its column, or the list of its columns. */
function keySql(key: string): string {
  const cols = key.split(',');
  return cols.length === 1 ? ident(key) : `[${cols.map(ident).join(', ')}]`;
}

/** Where the before-image of one table is kept. */
export function imageNames(prefix: string, table: string): { rows: string; keys: string } {
  return { rows: `${prefix}_${table}`, keys: `${prefix}_${table}__keys` };
}

/** The touched rows of a table as they are now (the key set kept beside the image). */
export function touchedRows(t: Touched, keysTable: string): string {
  return t.key === null
    ? `SELECT * FROM ${t.table}`
    : `SELECT * FROM ${t.table} WHERE ${keySql(t.key)} IN (SELECT k FROM ${keysTable})`;
}

/**
 * Copies the before-image of every touched table: `schema` import_undo (kept, for undo) or temp (a preview).
 * Must run inside the load's transaction, before the load.
 */
export async function saveImages(
  conn: DuckDBConnection,
  touched: Touched[],
  schema: 'import_undo' | 'temp',
  prefix: string,
): Promise<void> {
  if (schema === 'import_undo') await conn.run('CREATE SCHEMA IF NOT EXISTS import_undo');
  // a TEMP table is created by its bare name (and read as temp.<name>)
  const create = schema === 'temp' ? 'CREATE OR REPLACE TEMP TABLE' : 'CREATE OR REPLACE TABLE';
  for (const t of touched) {
    const made = imageNames(schema === 'temp' ? prefix : `${schema}.${prefix}`, t.table);
    const n = imageNames(`${schema}.${prefix}`, t.table);
    if (t.keys !== null) await conn.run(`${create} ${made.keys} AS SELECT DISTINCT k FROM (${t.keys}) AS x(k)`);
    await conn.run(`${create} ${made.rows} AS ${touchedRows(t, n.keys)}`);
  }
}

/** Tables of the undo image of a batch, as saved (read back from the catalogue). */
export async function savedImages(conn: DuckDBConnection, batchId: number): Promise<string[]> {
  const r = await conn.runAndReadAll(
    `SELECT table_name FROM duckdb_tables() WHERE schema_name = 'import_undo' AND database_name = current_database()
      AND starts_with(table_name, $p) ORDER BY table_name`,
    { p: `b${batchId}_` },
  );
  return r.getRowObjectsJson().map((row) => cellText(row.table_name));
}

/** Drops the undo images of every batch but the newest `keep` (and of batches no longer in import_log). */
export async function pruneImages(conn: DuckDBConnection, keep: number): Promise<void> {
  const r = await conn.runAndReadAll(
    `SELECT table_name, TRY_CAST(regexp_extract(table_name, '^b(\\d+)_', 1) AS INTEGER) AS b FROM duckdb_tables()
      WHERE schema_name = 'import_undo' AND database_name = current_database()`,
  );
  const rows = r.getRowObjectsJson().map((row) => ({ name: cellText(row.table_name), batch: Number(row.b) }));
  const batches = [...new Set(rows.map((x) => x.batch))].sort((a, b) => b - a);
  const kept = new Set(batches.slice(0, keep));
  for (const x of rows) if (!kept.has(x.batch)) await conn.run(`DROP TABLE IF EXISTS import_undo.${ident(x.name)}`);
}

/**
 * Takes back a committed batch: for each table it touched, the rows it may have touched (its key set, and rows
 * added under those keys) are replaced by the before-image; its files leave import_log (so they can be loaded
 * again) and the data version moves on. Runs in the caller's transaction.
 */
export async function restoreImages(conn: DuckDBConnection, batchId: number): Promise<string[]> {
  const names = await savedImages(conn, batchId);
  const prefix = `b${batchId}_`;
  const restored: string[] = [];
  for (const name of names) {
    if (name.endsWith('__keys')) continue;
    const table = name.slice(prefix.length);
    const keys = `import_undo.${ident(`${name}__keys`)}`;
    const hasKeys = names.includes(`${name}__keys`);
    const key = hasKeys ? keyOf(table) : null;
    await conn.run(
      key === null ? `DELETE FROM ${table}` : `DELETE FROM ${table} WHERE ${keySql(key)} IN (SELECT k FROM ${keys})`,
    );
    await conn.run(`INSERT INTO ${table} BY NAME SELECT * FROM import_undo.${ident(name)}`);
    restored.push(table);
  }
  await conn.run('DELETE FROM import_log WHERE batch_id = $b', { b: batchId });
  return restored;
}

/** The key column of a keyed table (the ones touchedTables keys). */
function keyOf(table: string): string {
  if (table === 'tasks' || table === 'task_offices') return TASK_KEY;
  return table === 'dossiers' ? 'dossier_id' : table === 'petitions' ? 'petition_id' : 'unit_id';
}

/** Drops the images of one batch (after its undo, or a failed commit). */
export async function dropImages(conn: DuckDBConnection, batchId: number): Promise<void> {
  for (const name of await savedImages(conn, batchId))
    await conn.run(`DROP TABLE IF EXISTS import_undo.${ident(name)}`);
}
