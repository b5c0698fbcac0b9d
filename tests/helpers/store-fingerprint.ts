// What an import changes in a store, as order-free fingerprints: the dossiers (count and bit_xor of the hash of
// every row), the cubes an import of dossiers rebuilds (dossier_month, bundle_month), import_log (without the time of
// the import, which differs between two stores loaded alike) and the data version. Two stores with equal fingerprints
// hold the same version of these tables. Used by the kill -9 test of imports and the import bench.
import type { DuckDBConnection } from '@duckdb/node-api';
import { openStore } from '../../data/pipeline/store.ts';

export interface StoreFingerprint {
  dossiers: number;
  dossiers_hash: string;
  dossier_month: string;
  bundle_month: string;
  import_log: string;
  data_version: string | null;
}

/** Rows and order-free hash of a table (or of the row expression `row` of alias t). */
const part = (table: string, row = 't') =>
  `(SELECT count(*)::VARCHAR || ':' || coalesce(bit_xor(hash(${row}))::VARCHAR, '0') FROM ${table} t)`;

/** A row of import_log without its time. */
const LOG_ROW = 'struct_pack(t.batch_id, t.file_name, t.sha256, t.kind, t.rows, t.generated)';

export async function fingerprint(conn: DuckDBConnection): Promise<StoreFingerprint> {
  const r = await conn.runAndReadAll(`SELECT
      (SELECT count(*)::INTEGER FROM dossiers) AS dossiers,
      (SELECT coalesce(bit_xor(hash(d))::VARCHAR, '0') FROM dossiers d) AS dossiers_hash,
      ${part('dossier_month')} AS dossier_month,
      ${part('bundle_month')} AS bundle_month,
      ${part('import_log', LOG_ROW)} AS import_log,
      (SELECT value FROM store_meta WHERE key = 'data_version') AS data_version`);
  const row = r.getRowObjectsJson()[0];
  return {
    dossiers: Number(row.dossiers),
    dossiers_hash: String(row.dossiers_hash),
    dossier_month: String(row.dossier_month),
    bundle_month: String(row.bundle_month),
    import_log: String(row.import_log),
    data_version: row.data_version === null ? null : String(row.data_version),
  };
}

/** Opens the store file read-only (a write-ahead log left by a killed server is replayed), fingerprints, closes. */
export async function fingerprintFile(path: string): Promise<StoreFingerprint> {
  const { instance, connection } = await openStore(path, { readOnly: true });
  try {
    return await fingerprint(connection);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
