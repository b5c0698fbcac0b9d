// GET /api/geo/tiles/:layer/:z/:x/:y(.pbf): the national boundary layers as Mapbox vector tiles (server/geo/tiles.ts)
// for the map's country view: `communes` (~11,000 communes, GSO codes), `provinces` (63, 2008 – 30/6/2025),
// `provinces-2025` (34, from 1/7/2025). Outlines, codes and names only (boundaries are public geometry; values are
// joined by code in the browser from the value routes, which keep their scope). Access and audit as
// GET /api/geo/provinces (read, one audit record by the auth plugin). Gzip when the client accepts it, an ETag per
// tile (If-None-Match → 304), a day of caching; an empty tile is a 204. The indexes build in the background at start.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { noteRead } from '../audit/hook.ts';
import { ErrorSchema } from '../contracts/common.ts';
import { badRequest } from '../errors.ts';
import { GEO_LAYERS } from '../geo/layers.ts';
import { TILE_MAX_ZOOM, TileStore, TileWorker, type TileSource } from '../geo/tiles.ts';

export const TILE_TYPE = 'application/vnd.mapbox-vector-tile';

/**
 * `thread`: cut tiles in a worker thread (default; false: in this thread); `warm`: build every layer's index at
 * start (default, but under Vitest: each test builds apps).
 */
export const geoTileRoutes: FastifyPluginAsyncTypebox<{ warm?: boolean; thread?: boolean }> = async (app, opts) => {
  const underTest = Boolean(process.env.VITEST);
  const tiles: TileSource = (opts.thread ?? true) ? new TileWorker() : new TileStore();
  app.decorate('geoTiles', tiles);
  app.addHook('onClose', () => tiles.close());
  if (opts.warm ?? (process.env.IOC_GEO_WARM !== '0' && !underTest))
    app.addHook('onReady', () => {
      // In the background: the server answers meanwhile (a tile asked before its layer is built waits for it).
      const t = performance.now();
      void tiles.warm().then(
        (layers) =>
          app.log.info(
            { ms: Math.round(performance.now() - t), layers, rssMb: Math.round(process.memoryUsage().rss / 1e6) },
            'vector tile indexes built',
          ),
        (err: unknown) => app.log.error({ err }, 'vector tile indexes not built'),
      );
    });

  app.get(
    '/api/geo/tiles/:layer/:z/:x/:y',
    {
      schema: {
        summary: 'National boundaries as a Mapbox vector tile (layers `units` and `labels`; codes and names only)',
        description:
          `Layers: communes (GSO commune code, name, province and district codes), provinces (the 63 of ` +
          `2008 – 30/6/2025), provinces-2025 (the 34 from 1/7/2025). z 0–${TILE_MAX_ZOOM}, x and y 0 – 2^z − 1; ` +
          'y may end in .pbf. 204 when the tile is empty.',
        tags: ['map'],
        params: Type.Object({
          layer: Type.Union(
            GEO_LAYERS.map((l) => Type.Literal(l)),
            { description: GEO_LAYERS.join(', ') },
          ),
          z: Type.String({ pattern: '^\\d{1,3}$' }),
          x: Type.String({ pattern: '^\\d{1,10}$' }),
          y: Type.String({ pattern: '^\\d{1,10}(\\.pbf)?$' }),
        }),
        response: {
          200: {
            description: 'the tile (PBF)',
            content: { [TILE_TYPE]: { schema: Type.Unsafe<string>({ type: 'string', format: 'binary' }) } },
          },
          204: { description: 'no feature in this tile', type: 'null' },
          304: { description: 'not modified (If-None-Match)', type: 'null' },
          400: ErrorSchema,
        },
      },
    },
    async (request, reply) => {
      const { layer } = request.params;
      const z = Number(request.params.z);
      const x = Number(request.params.x);
      const y = Number(request.params.y.replace(/\.pbf$/, ''));
      if (z > TILE_MAX_ZOOM)
        throw badRequest(
          `Mức phóng z=${z} ngoài khoảng 0–${TILE_MAX_ZOOM}.`,
          `Zoom z=${z} is out of range 0–${TILE_MAX_ZOOM}.`,
        );
      const n = 2 ** z;
      if (x >= n || y >= n)
        throw badRequest(
          `Ô x=${x}, y=${y} ngoài khoảng 0–${n - 1} ở mức phóng ${z}.`,
          `Tile x=${x}, y=${y} is out of range 0–${n - 1} at zoom ${z}.`,
        );
      const tile = await tiles.tile(layer, z, x, y);
      noteRead(request, [], tile ? 1 : 0, 'outlines only');
      reply.header('cache-control', 'public, max-age=86400').header('vary', 'accept-encoding');
      if (!tile) return reply.code(204).send(null);
      reply.header('etag', tile.etag);
      if (request.headers['if-none-match'] === tile.etag) return reply.code(304).send(null);
      const gzip = /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
      if (gzip) reply.header('content-encoding', 'gzip');
      return reply.type(TILE_TYPE).send(gzip ? tile.gzip : tile.raw);
    },
  );
};

declare module 'fastify' {
  interface FastifyInstance {
    /** the vector tiles of the national layers (GET /api/geo/tiles) */
    geoTiles: TileSource;
  }
}
