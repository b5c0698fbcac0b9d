// A small pool of DuckDB connections over one instance: never one connection shared by concurrent
// requests (TOOLCHAIN.md); a bounded wait queue answers "busy" instead of waiting without end.
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';

export class PoolBusyError extends Error {
  readonly statusCode = 503;
  constructor() {
    super('The server is busy; try again in a moment.');
  }
}

export interface Pool {
  use<T>(fn: (conn: DuckDBConnection) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  readonly size: number;
}

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

  return {
    size,
    async use(fn) {
      const c = await acquire();
      try {
        return await fn(c);
      } finally {
        release(c);
      }
    },
    async close() {
      for (const c of all) c.closeSync();
    },
  };
}
