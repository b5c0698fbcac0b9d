// The live parts of a running server: the one writer of events and the hub that pushes changes.
import type { Context } from '../context.ts';
import { LiveHub } from './hub.ts';
import { Ingestor } from './ingest.ts';

export interface Live {
  ingestor: Ingestor;
  hub: LiveHub;
}

export function createLive(ctx: Context): Live {
  const ingestor = new Ingestor(ctx);
  const hub = new LiveHub(ctx);
  ingestor.onIngest((result) => hub.notify(result));
  return { ingestor, hub };
}
