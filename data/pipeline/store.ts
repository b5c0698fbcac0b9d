// Opens the DuckDB store (creating its tables on a write open); used by the importer, the server and the tests.
// No extension is ever downloaded: json, parquet and icu are built into @duckdb/node-api.
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { CELL_KEY_SECRET, newCellKeySecret } from './cell-key.ts';
import { fillWorkDays } from './holidays.ts';
import { buildMissingServiceMonth } from './import/load-service.ts';

/** First month of every cube (the plan dates from March 2022; the cubes start with that year). */
export const CUBE_START = '2022-01-01';

/** The store's tables, applied on every write open (each statement is idempotent). */
export const SCHEMA_SQL = readFileSync(new URL('./schema.sql', import.meta.url), 'utf8');

export interface StoreOptions {
  /** DuckDB worker threads (default: DuckDB's own, the number of cores). */
  threads?: number;
  /** Open without write access (several processes may read one file). */
  readOnly?: boolean;
}

export interface Store {
  instance: DuckDBInstance;
  connection: DuckDBConnection;
}

/**
 * Opens (or creates) the store at `path`; `:memory:` gives a throw-away store for tests. A write open also fills
 * work_days when empty and builds service_month when the store has dossiers but not that cube.
 */
export async function openStore(path: string, opts: StoreOptions = {}): Promise<Store> {
  const config: Record<string, string> = {
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'true',
    access_mode: opts.readOnly ? 'READ_ONLY' : 'READ_WRITE',
  };
  if (opts.threads !== undefined) config.threads = String(opts.threads);
  if (path !== ':memory:' && !opts.readOnly) mkdirSync(dirname(path), { recursive: true });
  const instance = await DuckDBInstance.create(path, config);
  const connection = await instance.connect();
  if (!opts.readOnly) {
    await connection.run(SCHEMA_SQL);
    // The record keys of every cube depend on it: made once, never replaced (a bound value, so never in a log).
    await connection.run(
      `INSERT INTO store_meta SELECT '${CELL_KEY_SECRET}', $secret
      WHERE NOT EXISTS (SELECT 1 FROM store_meta WHERE key = '${CELL_KEY_SECRET}')`,
      { secret: newCellKeySecret() },
    );
    await fillWorkDays(connection);
    // a store made before the Decision 766 cube gets it from its dossiers (the keys need the secret above)
    await buildMissingServiceMonth(connection);
  }
  return { instance, connection };
}

/** Closes the connection and the instance (flushing the WAL into the file). */
export function closeStore(store: Store): void {
  store.connection.closeSync();
  store.instance.closeSync();
}
