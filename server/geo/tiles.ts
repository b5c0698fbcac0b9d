// Vector tiles of the national layers (server/geo/layers.ts), cut with geojson-vt and encoded with vt-pbf: each tile
// has two layers, `units` (polygons: code, name…) and `labels` (one point a unit). A layer's index is built on its
// first request (or by warm() in the background at start) and kept; encoded tiles are kept in a bounded cache with
// their gzip form and an ETag (the tile's hash). No value ever goes into a tile: the browser joins values by code.
import { createHash } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { gzipSync } from 'node:zlib';
import GeoJSONVT, { type LegacyTile } from 'geojson-vt';
import { fromGeojsonVt } from '@maplibre/vt-pbf';
import { buildLayer, GEO_LAYERS, type GeoLayer } from './layers.ts';

/** the deepest zoom a tile is cut at; deeper, the map overzooms these (the sources' maxzoom says so) */
export const TILE_MAX_ZOOM = 12;
/** the source-layer names inside every tile */
export const UNITS_LAYER = 'units';
export const LABELS_LAYER = 'labels';
const EXTENT = 4096;

export interface EncodedTile {
  /** the PBF bytes */
  raw: Buffer;
  gzip: Buffer;
  etag: string;
}

interface LayerIndex {
  units: GeoJSONVT;
  labels: GeoJSONVT;
}

/** How long building each layer's index took and what it held (for the report and GET /api/health-like logs). */
export interface BuildStat {
  layer: GeoLayer;
  ms: number;
  features: number;
  /** heap growth while it was built (MB, a rough measure: other requests allocate too) */
  heapMb: number;
}

export class TileStore implements TileSource {
  private readonly indexes = new Map<GeoLayer, Promise<LayerIndex>>();
  private readonly cache = new Map<string, EncodedTile | null>();
  private cachedBytes = 0;
  readonly stats: BuildStat[] = [];

  constructor(private readonly maxBytes = 64 * 1024 * 1024) {}

  private index(layer: GeoLayer): Promise<LayerIndex> {
    let p = this.indexes.get(layer);
    if (!p) {
      // Deferred by a turn so that a first request does not hold the event loop before its own answer is queued.
      p = new Promise<LayerIndex>((resolve, reject) =>
        setImmediate(() => {
          try {
            const heap = process.memoryUsage().heapUsed;
            const t = performance.now();
            const data = buildLayer(layer);
            const options = { maxZoom: TILE_MAX_ZOOM, indexMaxZoom: 5, extent: EXTENT, buffer: 64 };
            const units = new GeoJSONVT(data.units, { ...options, tolerance: 3 });
            const labels = new GeoJSONVT(data.labels, { ...options, tolerance: 0 });
            this.stats.push({
              layer,
              ms: Math.round(performance.now() - t),
              features: data.units.features.length,
              heapMb: Math.round((process.memoryUsage().heapUsed - heap) / 1e6),
            });
            resolve({ units, labels });
          } catch (err) {
            this.indexes.delete(layer);
            reject(err instanceof Error ? err : new Error(String(err)));
          }
        }),
      );
      this.indexes.set(layer, p);
    }
    return p;
  }

  /** Builds every layer's index, one after the other (at start, in the background). */
  async warm(layers: readonly GeoLayer[] = GEO_LAYERS): Promise<BuildStat[]> {
    for (const layer of layers) await this.index(layer);
    return this.stats;
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  /** The encoded tile, or null when it holds no feature (the route answers 204). */
  async tile(layer: GeoLayer, z: number, x: number, y: number): Promise<EncodedTile | null> {
    const key = `${layer}/${z}/${x}/${y}`;
    const hit = this.cache.get(key);
    if (hit !== undefined) {
      // most recently used last
      this.cache.delete(key);
      this.cache.set(key, hit);
      return hit;
    }
    const index = await this.index(layer);
    const units = index.units.getTile(z, x, y);
    const labels = index.labels.getTile(z, x, y);
    let out: EncodedTile | null = null;
    if (units?.features.length || labels?.features.length) {
      const empty: LegacyTile = { features: [] };
      const layers = { [UNITS_LAYER]: units ?? empty, [LABELS_LAYER]: labels ?? empty };
      const raw = Buffer.from(
        fromGeojsonVt(layers as unknown as Parameters<typeof fromGeojsonVt>[0], { version: 2, extent: EXTENT }),
      );
      const etag = `"${createHash('sha1').update(raw).digest('base64url').slice(0, 20)}"`;
      out = { raw, gzip: gzipSync(raw, { level: 6 }), etag };
    }
    this.cache.set(key, out);
    this.cachedBytes += out ? out.raw.length + out.gzip.length : 0;
    while (this.cachedBytes > this.maxBytes && this.cache.size > 1) {
      const [oldest, tile] = this.cache.entries().next().value!;
      this.cache.delete(oldest);
      this.cachedBytes -= tile ? tile.raw.length + tile.gzip.length : 0;
    }
    return out;
  }
}

/** What the tile route asks of: a TileStore in this thread, or TileWorker in its own. */
export interface TileSource {
  tile(layer: GeoLayer, z: number, x: number, y: number): Promise<EncodedTile | null>;
  warm(): Promise<BuildStat[]>;
  close(): Promise<void>;
}

/** A TileStore in a worker thread (server/geo/tile-worker.ts); tiles answered are cached here as well. */
export class TileWorker implements TileSource {
  /** started on the first request (tests build many apps that never ask for a tile) */
  private worker: Worker | undefined;
  private next = 0;
  private readonly waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private readonly cache = new Map<string, Promise<EncodedTile | null>>();

  private start(): Worker {
    if (this.worker) return this.worker;
    // TypeScript in the worker as in this thread: the server runs under tsx, whose loader the worker registers
    const entry = JSON.stringify(new URL('./tile-worker.ts', import.meta.url).href);
    const worker = new Worker(
      `import('tsx/esm/api').then(({ register }) => { register(); return import(${entry}); });`,
      { eval: true },
    );
    worker.unref();
    worker.on('message', (m: { id: number; error?: string }) => {
      const w = this.waiting.get(m.id);
      this.waiting.delete(m.id);
      if (m.error) w?.reject(new Error(m.error));
      else w?.resolve(m);
    });
    worker.on('error', (err) => {
      for (const w of this.waiting.values()) w.reject(err);
      this.waiting.clear();
      this.worker = undefined;
    });
    return (this.worker = worker);
  }

  private ask<T>(message: object): Promise<T> {
    const id = this.next++;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.start().postMessage({ id, ...message });
    });
  }

  tile(layer: GeoLayer, z: number, x: number, y: number): Promise<EncodedTile | null> {
    const key = `${layer}/${z}/${x}/${y}`;
    let p = this.cache.get(key);
    if (!p) {
      p = this.ask<{ tile: { raw: Uint8Array; gzip: Uint8Array; etag: string } | null }>({ layer, z, x, y }).then(
        ({ tile }) => tile && { raw: Buffer.from(tile.raw), gzip: Buffer.from(tile.gzip), etag: tile.etag },
      );
      p.catch(() => this.cache.delete(key));
      this.cache.set(key, p);
      // the worker keeps its own bounded cache: this one only avoids a message a request
      if (this.cache.size > 500) this.cache.delete(this.cache.keys().next().value!);
    }
    return p;
  }

  async warm(): Promise<BuildStat[]> {
    return (await this.ask<{ stats: BuildStat[] }>({ warm: true })).stats;
  }

  async close(): Promise<void> {
    await this.worker?.terminate();
    this.worker = undefined;
  }
}
