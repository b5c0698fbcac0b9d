// The tile worker (server/geo/tiles.ts TileWorker): the same tile bytes as the store in this thread, so the route
// may cut tiles off the main thread without changing a byte.
import { afterAll, expect, it } from 'vitest';
import { TileStore, TileWorker } from '../../server/geo/tiles.ts';

const worker = new TileWorker();
afterAll(() => worker.close());

it('answers the tiles of the store in this thread, byte for byte', async () => {
  const here = new TileStore();
  for (const [z, x, y] of [
    [5, 25, 14],
    [3, 0, 0],
  ] as const) {
    const a = await here.tile('provinces-2025', z, x, y);
    const b = await worker.tile('provinces-2025', z, x, y);
    expect(b?.etag).toBe(a?.etag);
    expect(b && Buffer.compare(b.raw, a!.raw)).toBe(a ? 0 : null);
  }
}, 120_000);
