// One connection whose statements run one after another: the writer of accounts, sessions and the
// audit log. It is not the pool's, so writes are never refused as "busy" and never wait behind reads.
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';

export class SerialConnection {
  private tail: Promise<unknown> = Promise.resolve();
  private constructor(private readonly conn: DuckDBConnection) {}

  static async open(instance: DuckDBInstance): Promise<SerialConnection> {
    return new SerialConnection(await instance.connect());
  }

  run<T>(fn: (c: DuckDBConnection) => Promise<T>): Promise<T> {
    const next = this.tail.then(() => fn(this.conn));
    this.tail = next.catch(() => undefined);
    return next;
  }

  /** Waits for what is queued, then closes. */
  async close(): Promise<void> {
    await this.tail;
    this.conn.closeSync();
  }
}
