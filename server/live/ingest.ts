// The server's one writer of live events: a dedicated DuckDB connection, batches applied one at a
// time, then the in-memory state that depends on the data (data version, data dates, answer caches)
// brought up to date and the live hub told what changed. Used by POST /api/events and --live-demo.
import type { DuckDBConnection } from '@duckdb/node-api';
import { applyEvents, loadStoreFacts, type IngestResult, type StoreFacts } from '../../data/pipeline/events/apply.ts';
import type { Context } from '../context.ts';

export interface IngestListener {
  (result: IngestResult): void;
}

export class Ingestor {
  private queue: Promise<unknown> = Promise.resolve();
  private facts: StoreFacts | undefined;
  private conn: DuckDBConnection | undefined;
  private listeners: IngestListener[] = [];
  private closed = false;

  constructor(private readonly ctx: Context) {}

  onIngest(listener: IngestListener): void {
    this.listeners.push(listener);
  }

  /** Applies one batch (parsed JSON values); resolves once it is committed. Throws EventsRejected (422). */
  ingest(values: unknown[]): Promise<IngestResult> {
    const run = this.queue.then(async () => {
      if (this.closed) throw new Error('The server is shutting down.');
      this.conn ??= await this.ctx.instance.connect();
      this.facts ??= await loadStoreFacts(this.conn);
      const result = await applyEvents(this.conn, values, this.facts);
      if (result.accepted > 0) this.applied(result);
      return result;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Runs `work` between batches, alone: no batch is applied while it runs (an import's trial load and its
   * commit write the tables events write). The store's facts are read again afterwards.
   */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(async () => {
      if (this.closed) throw new Error('The server is shutting down.');
      try {
        return await work();
      } finally {
        this.facts = undefined;
      }
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private applied(result: IngestResult): void {
    const info = this.ctx.info;
    info.dataVersion = result.dataVersion;
    const newest = (kind: 'people' | 'dossiers') => {
      const day = result.newest[kind];
      if (!day) return;
      if (!info.dataDates[kind] || info.dataDates[kind] < day) info.dataDates[kind] = day;
      const ds = info.datasets.find((d) => d.kind === kind);
      if (ds && (!ds.data_date || ds.data_date < day)) ds.data_date = day;
    };
    newest('people');
    newest('dossiers');
    this.ctx.indicators.invalidate();
    this.ctx.targets.invalidate();
    for (const l of this.listeners) l(result);
  }

  /** Waits for the batch in progress, refuses new ones, and closes the connection. */
  async close(): Promise<void> {
    this.closed = true;
    await this.queue;
    this.conn?.closeSync();
    this.conn = undefined;
  }
}
