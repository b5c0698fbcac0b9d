// Compression of the server's own answers (@fastify/compress): the API's JSON, GeoJSON, Arrow, CSV and
// vector tiles, and the map's glyphs, in brotli (quality 4: cheap enough per answer) or gzip, whichever the
// request's Accept-Encoding prefers, from 1 KB up. The rules (docs/transfer.md):
// - only routes under /api/ and /fonts/; the web app's files are compressed once at build and sent as they
//   are (server/plugins/web.ts);
// - never an answer carrying a secret beside text an attacker may influence (BREACH): the sign-in routes
//   and /api/auth/me (the CSRF token), the account routes of /api/admin (one-time passwords), the API key routes
//   (a new key's token beside the name and agency the admin typed);
// - never the live stream (/api/live: server-sent events must reach the browser as they are written);
// - never files that are compressed already (XLSX, PDF, PNG, ZIP: @fastify/compress asks mime-db) nor an
//   answer a route has encoded itself (Content-Encoding set, e.g. a vector tile's stored gzip);
// - every answer of a route where compression may apply says `Vary: Accept-Encoding`, compressed or not.
import fastifyCompress from '@fastify/compress';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { constants } from 'node:zlib';

/** Routes whose answers may be compressed (the route's pattern, as registered). */
const COMPRESSED_ROUTES = /^\/(api|fonts)\//;
/** Never compressed: answers with a secret (CSRF token, one-time password, API key) and the live stream. */
const NEVER = /^\/api\/(auth(\/|$)|admin\/(accounts|keys)(\/|$)|live$)/;
/** Content types compressed (beside what mime-db marks compressible: JSON, CSV, text). */
const APPLICATION_TYPES = 'json|geo\\+json|vnd\\.apache\\.arrow\\.(stream|file)|x-protobuf|vnd\\.mapbox-vector-tile';
export const COMPRESSIBLE_TYPES = new RegExp(`^(application/(${APPLICATION_TYPES})|text/csv)(;|$)`, 'i');
/** Below this an answer goes out as it is. */
export const THRESHOLD = 1024;
/** Brotli quality for answers made per request (11 is for the build's files: ~20× the CPU for ~10% fewer bytes). */
export const BROTLI_QUALITY = 4;

/** Whether answers of the route (its registered pattern) may be compressed. */
export const compressesRoute = (url: string): boolean => COMPRESSED_ROUTES.test(url) && !NEVER.test(url);

function addVary(reply: FastifyReply): void {
  const current = reply.getHeader('vary');
  const value = Array.isArray(current) ? current.join(', ') : current === undefined ? '' : String(current);
  if (/(^|,)\s*(accept-encoding|\*)\s*(,|$)/i.test(value)) return;
  reply.header('vary', value ? `${value}, accept-encoding` : 'accept-encoding');
}

const compressPlugin: FastifyPluginAsync = async (app) => {
  // Before @fastify/compress's own onRoute hook (hooks run in order): routes outside the rule opt out.
  app.addHook('onRoute', (route) => {
    if (!compressesRoute(route.url)) route.compress = false;
  });
  await app.register(fastifyCompress, {
    global: true,
    // requests are not decompressed: no compressed uploads, no decompression bomb to guard against
    globalDecompression: false,
    encodings: ['br', 'gzip'],
    threshold: THRESHOLD,
    customTypes: COMPRESSIBLE_TYPES,
    brotliOptions: {
      params: { [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY },
    },
    zlibOptions: { level: 6 },
  });
  app.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload) => {
    const url = request.routeOptions.url;
    if (url !== undefined && compressesRoute(url)) addVary(reply);
    return payload;
  });
};

export default fp(compressPlugin, { name: 'ioc06-compress' });
