// Record keys of the cell-key method (docs/disclosure.md): every counted record gets a pseudo-random key fixed by
// the store's secret and the record's id, and each cube count keeps the sum of its records' keys modulo
// CELL_KEY_MODULUS beside it. The same records always give the same cell key, so the server's perturbation of a
// count never changes between requests, and cannot be averaged away. Used by the importers and live events.
import { createHash, randomBytes } from 'node:crypto';
import type { DuckDBConnection } from '@duckdb/node-api';
import { cellText } from './cells.ts';

/** Cell keys are sums of record keys modulo 2^24 (the 24 bits a record key is made of). */
export const CELL_KEY_MODULUS = 2 ** 24;

/** store_meta row of the store's secret (32 hex chars); it never leaves the server. */
export const CELL_KEY_SECRET = 'cell_key_secret';

/**
 * store_meta row written ('1') when every cube row of the store was built with its keys; a store whose cubes
 * predate the keys lacks it (its keys are 0) and must be rebuilt from its files.
 */
export const CELL_KEYS_MARKER = 'cell_keys';

/**
 * p: a person (person_key); d: a dossier (dossier_id); b: a bundle (bundle_ref:bundle); e: a live population event;
 * a: a count of an aggregate population table, which has no records (import/load-counts.ts aggregateKeyId).
 */
export type RecordKind = 'p' | 'd' | 'b' | 'e' | 'a';

/** The secret as SQL, read from the store where it is evaluated (so that it never appears in the statement). */
export const CELL_KEY_SECRET_SQL = `(SELECT value FROM store_meta WHERE key = '${CELL_KEY_SECRET}')`;

/** A fresh store secret: 128 random bits as 32 hex chars. */
export function newCellKeySecret(): string {
  return randomBytes(16).toString('hex');
}

/** The record key of `id` of `kind`: the first 24 bits of md5(secret:kind:id), in [0, CELL_KEY_MODULUS). */
export function recordKey(secret: string, kind: RecordKind, id: string): number {
  return parseInt(createHash('md5').update(`${secret}:${kind}:${id}`).digest('hex').slice(0, 6), 16);
}

/**
 * recordKey in SQL (a BIGINT) for the text expression `idExpr`, with the secret of the store it runs on. The cube
 * builds pass `secret` = a bound parameter holding readCellKeySecret's value instead: DuckDB joins a scalar
 * subquery to every row it keys, a cross product that cost more than the md5s themselves (618,566 dossiers).
 */
export function recordKeySql(kind: RecordKind, idExpr: string, secret = CELL_KEY_SECRET_SQL): string {
  return `('0x' || left(md5(${secret} || ':${kind}:' || (${idExpr})), 6))::BIGINT`;
}

/** `expr` (an integer, maybe negative: DuckDB's % keeps the dividend's sign) reduced into [0, CELL_KEY_MODULUS). */
export function keyModSql(expr: string): string {
  return `(((${expr}) % ${CELL_KEY_MODULUS} + ${CELL_KEY_MODULUS}) % ${CELL_KEY_MODULUS})`;
}

/** a + b modulo CELL_KEY_MODULUS, in [0, CELL_KEY_MODULUS) whatever the signs (for key deltas of -1 × key). */
export function addKey(a: number, b: number): number {
  return (((a + b) % CELL_KEY_MODULUS) + CELL_KEY_MODULUS) % CELL_KEY_MODULUS;
}

/** The store's secret; a store opened for writing always has one (openStore creates it). */
export async function readCellKeySecret(conn: DuckDBConnection): Promise<string> {
  const r = await conn.runAndReadAll(`SELECT ${CELL_KEY_SECRET_SQL} AS s`);
  const s = r.getRowObjectsJson()[0]?.s;
  if (s === null || s === undefined) throw new Error('the store has no cell key secret: open it for writing once');
  return cellText(s);
}

/**
 * True when no cube row of the store predates the keys: the store carries the marker, or its cubes are empty.
 * Asked before an import loads anything; a store whose old cubes were only partly rebuilt stays unmarked.
 */
export async function cubesKeyed(conn: DuckDBConnection): Promise<boolean> {
  const r = await conn.runAndReadAll(`SELECT EXISTS (SELECT 1 FROM store_meta WHERE key = '${CELL_KEYS_MARKER}')
    OR NOT (EXISTS (SELECT 1 FROM pop_month) OR EXISTS (SELECT 1 FROM dossier_month)
      OR EXISTS (SELECT 1 FROM bundle_month)) AS keyed`);
  return Boolean(r.getRowObjectsJson()[0]?.keyed);
}

/** Writes the marker: every cube row of the store was built with its keys. */
export async function markCubesKeyed(conn: DuckDBConnection): Promise<void> {
  await conn.run(`INSERT OR REPLACE INTO store_meta VALUES ('${CELL_KEYS_MARKER}', '1')`);
}
