// The vector tile worker (server/geo/tiles.ts TileWorker): holds the layers' indexes and cuts and encodes tiles
// off the main thread, so that building the communes' index (seconds) and cutting deep tiles never stall the
// server's other answers. One message a tile: { id, layer, z, x, y } → { id, tile | null | error }.
import { parentPort } from 'node:worker_threads';
import { TileStore } from './tiles.ts';
import type { GeoLayer } from './layers.ts';

const store = new TileStore();
parentPort!.on('message', (m: { id: number; layer?: GeoLayer; z?: number; x?: number; y?: number; warm?: boolean }) => {
  const answer = m.warm
    ? store.warm().then(() => ({ id: m.id, stats: store.stats }))
    : store.tile(m.layer!, m.z!, m.x!, m.y!).then((tile) => ({ id: m.id, tile }));
  void answer.then(
    (a) => parentPort!.postMessage(a),
    (err: unknown) => parentPort!.postMessage({ id: m.id, error: String(err) }),
  );
});
