// Serves the built web app (dist/web) beside the API: hashed assets with immutable caching, and
// index.html for every other page path (the app routes from the URL), never for /api, /docs, /fonts.
// Every file goes out as the build compressed it (web/build/precompress.ts writes name.br and name.gz
// beside it): @fastify/static's `preCompressed` picks brotli, then gzip, then the file itself from the
// request's Accept-Encoding, and says `Vary: Accept-Encoding` on each of these answers (docs/transfer.md).
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';

export interface WebOptions {
  /** the folder Vite builds into; default dist/web under the working directory */
  root?: string;
}

/** Paths that belong to the server: an unknown one is a 404, never the app's page. */
const SERVER_PATHS = /^\/+(api|docs|fonts)(\/|$)/;
const YEAR = 365 * 24 * 3600;
/** Vite's content-hashed names (index-CNwB11vt.js), also as their compressed copies (index-CNwB11vt.js.br). */
const HASHED = /-[\w-]{8,}\.\w+(\.(br|gz))?$/;

const sendIndex = (reply: FastifyReply, root: string) =>
  reply.header('cache-control', 'no-cache').sendFile('index.html', root);

const webPlugin: FastifyPluginAsync<WebOptions> = async (app, opts) => {
  const root = resolve(opts.root ?? 'dist/web');
  if (!existsSync(resolve(root, 'index.html'))) {
    // No built app (API-only run, e.g. tests): the root opens the API's documentation.
    app.get('/', { schema: { hide: true } }, async (_req, reply) => reply.redirect('/docs'));
    return;
  }
  // Hashed assets: served from the folder as it is now (a rebuild while the server runs is seen).
  await app.register(fastifyStatic, {
    root: resolve(root, 'assets'),
    prefix: '/assets/',
    wildcard: true,
    index: false,
    cacheControl: false,
    // name.br / name.gz when the client accepts them (also for sendFile: index.html, favicon.svg)
    preCompressed: true,
    setHeaders: (reply, path) => {
      // Vite names assets by content hash: they never change under the same name.
      reply.header('cache-control', HASHED.test(path) ? `public, max-age=${YEAR}, immutable` : 'no-cache');
    },
  });
  app.get('/', { schema: { hide: true } }, async (_req, reply) => sendIndex(reply, root));
  app.get('/*', { schema: { hide: true } }, async (req, reply) => {
    // the path as the router decoded it ("/%61pi/x" is "/api/x"), never the raw URL
    const path = `/${(req.params as { '*': string })['*']}`;
    if (SERVER_PATHS.test(path)) return reply.callNotFound();
    // A file of the app's root (favicon.svg); a missing one is a plain 404.
    if (/\.[a-z0-9]+$/i.test(path)) return reply.header('cache-control', 'no-cache').sendFile(path.slice(1), root);
    // Any other page path is the app's: it routes from the URL.
    return sendIndex(reply, root);
  });
};

export default webPlugin;
