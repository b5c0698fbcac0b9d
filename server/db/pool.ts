// A small pool of DuckDB connections over one instance: never one connection shared by concurrent
// requests (TOOLCHAIN.md); a bounded wait queue answers "busy" instead of waiting without end.
import type {
  DuckDBConnection,
  DuckDBInstance,
  DuckDBResultReader,
  DuckDBPreparedStatement,
  DuckDBType,
  DuckDBValue,
} from '@duckdb/node-api';

export class PoolBusyError extends Error {
  readonly statusCode = 503;
  constructor() {
    super('The server is busy; try again in a moment.');
  }
}

export interface Pool {
  use<T>(fn: (conn: DuckDBConnection) => Promise<T>): Promise<T>;
  /** Runs a named query's statement, prepared once per connection (saves about a millisecond a call). */
  query(
    sql: string,
    values: Record<string, DuckDBValue>,
    types: Record<string, DuckDBType>,
  ): Promise<DuckDBResultReader>;
  close(): Promise<void>;
  readonly size: number;
}

/** Errors of a prepared statement that went stale when the catalog changed. */
const STALE = /bind parameter index|Parameter\/argument count mismatch|needs to be re-?bound|rebind/i;

export async function createPool(instance: DuckDBInstance, size: number, queueLimit: number): Promise<Pool> {
  const idle: DuckDBConnection[] = [];
  const all: DuckDBConnection[] = [];
  for (let i = 0; i < size; i++) {
    const c = await instance.connect();
    idle.push(c);
    all.push(c);
  }
  const waiting: ((c: DuckDBConnection) => void)[] = [];

  const acquire = (): Promise<DuckDBConnection> => {
    const c = idle.pop();
    if (c) return Promise.resolve(c);
    if (waiting.length >= queueLimit) return Promise.reject(new PoolBusyError());
    return new Promise((resolve) => waiting.push(resolve));
  };
  const release = (c: DuckDBConnection): void => {
    const next = waiting.shift();
    if (next) next(c);
    else idle.push(c);
  };

  const prepared = new Map<DuckDBConnection, Map<string, DuckDBPreparedStatement>>(all.map((c) => [c, new Map()]));
  const use = async <T>(fn: (conn: DuckDBConnection) => Promise<T>): Promise<T> => {
    const c = await acquire();
    try {
      return await fn(c);
    } finally {
      release(c);
    }
  };

  return {
    size,
    use,
    query: (sql, values, types) =>
      use(async (c) => {
        const statements = prepared.get(c)!;
        const run = async (fresh: boolean) => {
          let statement = fresh ? undefined : statements.get(sql);
          if (!statement) {
            statements.get(sql)?.destroySync();
            statement = await c.prepare(sql);
            statements.set(sql, statement);
          }
          statement.bind(values, types);
          return statement.runAndReadAll();
        };
        try {
          return await run(false);
        } catch (err) {
          // A statement prepared before the catalog changed (an import through the server creates and drops
          // tables) may have lost its parameters ("Failed to retrieve bind parameter index"): prepared again, once.
          if (!STALE.test(err instanceof Error ? err.message : '')) throw err;
          return run(true);
        }
      }),
    async close() {
      for (const statements of prepared.values()) for (const st of statements.values()) st.destroySync();
      for (const c of all) c.closeSync();
    },
  };
}
