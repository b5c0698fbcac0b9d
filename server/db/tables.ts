// Tables made by people and the server rather than by imports (snapshots, briefs, their deliveries) are created on
// first use, not in the pipeline's schema: withTables gives a store class its `use`, which runs the DDL once (again
// after a failure) before the first query. Used by server/snapshots/store.ts, server/briefs/store.ts and deliveries.ts.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Pool } from './pool.ts';

/** A connection of `pool` for `fn`, once `ddl` (CREATE TABLE IF NOT EXISTS …) has run. */
export function withTables(pool: Pool, ddl: string): <T>(fn: (conn: DuckDBConnection) => Promise<T>) => Promise<T> {
  let ready: Promise<void> | null = null;
  return (fn) => {
    ready ??= pool
      .use(async (c) => void (await c.run(ddl)))
      .catch((err: unknown) => {
        ready = null;
        throw err;
      });
    return ready.then(() => pool.use(fn));
  };
}
