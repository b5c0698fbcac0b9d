// The app factory: builds the Fastify instance on an opened context, with no listen(), so that
// server/main.ts and the tests (through inject) use the same app.
import Fastify, { type FastifyInstance, type FastifySchema } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Context } from './context.ts';
import type { Access } from './auth/roles.ts';
import type { KeyRule } from './contracts/open-data.ts';
import errorsPlugin from './plugins/errors.ts';
import authPlugin from './auth/plugin.ts';
import securityPlugin from './plugins/security.ts';
import pressurePlugin from './plugins/pressure.ts';
import compressPlugin from './plugins/compress.ts';
import webPlugin from './plugins/web.ts';
import { createLive, type Live } from './live/index.ts';
import { adminRoutes } from './routes/admin.ts';
import { keyRoutes } from './routes/keys.ts';
import { importRoutes } from './routes/imports.ts';
import { ImportManager } from './imports/jobs.ts';
import { startInbox, type Inbox } from './imports/inbox.ts';
import { authRoutes } from './routes/auth.ts';
import { eventRoutes } from './routes/events.ts';
import { fontRoutes } from './routes/fonts.ts';
import { liveRoutes } from './routes/live.ts';
import { healthRoutes } from './routes/health.ts';
import { indicatorRoutes } from './routes/indicators.ts';
import { pyramidRoutes } from './routes/pyramid.ts';
import { panelRoutes } from './routes/panel.ts';
import { index766Routes } from './routes/index766.ts';
import { procedureRoutes } from './routes/procedures.ts';
import { snapshotRoutes } from './routes/snapshots.ts';
import { exportRoutes } from './routes/exports.ts';
import { bulkRoutes } from './routes/bulk.ts';
import { viewExportRoutes } from './routes/view-export.ts';
import { referenceGeoRoutes } from './routes/reference-geo.ts';
import { geoTileRoutes } from './routes/geo-tiles.ts';
import { targetRoutes } from './routes/targets.ts';
import { firstScreenRoutes } from './routes/first-screen.ts';
import { forecastRoutes } from './routes/forecast.ts';
import { unitRoutes } from './routes/units.ts';
import { briefRoutes } from './routes/briefs.ts';
import { workRoutes } from './routes/work.ts';
import { BriefService } from './briefs/service.ts';
import { acquireRenderer } from './export/render.ts';
import { catalogRoutes } from './routes/catalog.ts';
import { SECURITY_SCHEMES, keySecurity } from './catalog/openapi.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** the event writer and the live hub (server/live) */
    live: Live;
    /** import jobs through the server (server/imports) */
    imports: ImportManager;
    /** the inbox folder's watcher, when IOC_INBOX is set */
    inbox: Inbox | null;
    /** the leaders' briefs and their scheduler (server/briefs; main.ts starts the scheduler) */
    briefs: BriefService;
    /** every route as registered, with its permission (tests cover each one: tests/api/authz, fuzz) */
    routeTable: readonly RouteEntry[];
  }
}

export interface RouteEntry {
  method: string;
  url: string;
  /** the route's own config.access; without it, /api and /s routes need 'read' */
  access: Access | undefined;
  /** its TypeBox schemas (params, querystring, body), for tests that build requests from them */
  schema: FastifySchema | undefined;
  /** whether (and for which domain) an API key may call it: config.keys (server/contracts/open-data.ts) */
  keys: KeyRule | undefined;
}

export async function buildApp(
  ctx: Context,
  opts: { logger?: boolean; webRoot?: string } = {},
): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger === false ? false : { level: ctx.config.logLevel },
    ajv: { customOptions: { coerceTypes: true, removeAdditional: false, allErrors: true } },
    // A request (headers and body) must arrive within 60 s; bodies above 1 MB are refused (413) except
    // where a route allows more (POST /api/events: 16 MB).
    requestTimeout: 60_000,
    bodyLimit: 1024 * 1024,
  }).withTypeProvider<TypeBoxTypeProvider>();

  // First, so that it sees every route registered below.
  const routeTable: RouteEntry[] = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat())
      routeTable.push({
        method,
        url: route.url,
        access: route.config?.access,
        schema: route.schema,
        keys: route.config?.keys,
      });
  });
  await app.register(errorsPlugin);
  await app.register(securityPlugin);
  await app.register(pressurePlugin, { maxLagMs: ctx.config.maxLagMs });
  await app.register(compressPlugin); // before the routes: it applies per route (docs/transfer.md)
  // Draining on close: answers still in flight say "Connection: close", so that keep-alive clients
  // do not hold the server open after their last answer.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (_request, reply) => {
    if (closing) reply.header('connection', 'close');
  });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'ioc06 API',
        description:
          'Indicators, targets and units of the Đề án 06 plan. ' +
          'Only aggregates leave the server; small counts are suppressed.',
        version: '0.1.0',
      },
      components: { securitySchemes: SECURITY_SCHEMES },
    },
    transform: keySecurity,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  await app.register(authPlugin, { ctx });
  await app.register(healthRoutes, { ctx });
  await app.register(authRoutes, { ctx });
  await app.register(adminRoutes, { ctx });
  await app.register(keyRoutes, { ctx });
  await app.register(unitRoutes, { ctx });
  await app.register(indicatorRoutes, { ctx });
  await app.register(pyramidRoutes, { ctx });
  await app.register(panelRoutes, { ctx });
  await app.register(index766Routes, { ctx });
  await app.register(targetRoutes, { ctx });
  await app.register(firstScreenRoutes, { ctx });
  await app.register(forecastRoutes, { ctx });
  await app.register(procedureRoutes, { ctx });
  await app.register(catalogRoutes, { ctx });
  await app.register(snapshotRoutes, { ctx });
  await app.register(exportRoutes, { ctx });
  await app.register(bulkRoutes, { ctx });
  await app.register(viewExportRoutes, { ctx });
  const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  const briefRenderer = acquireRenderer(chromiumPath);
  const briefs = new BriefService(ctx, {
    renderer: briefRenderer,
    chromiumPath,
    mail: ctx.config.mail ?? null,
    publicUrl: ctx.config.publicUrl ?? null,
    log: app.log,
    tickMs: ctx.config.briefTickMs,
  });
  app.decorate('briefs', briefs);
  app.addHook('onClose', async () => {
    await briefs.stop();
    await briefRenderer.release();
  });
  await app.register(briefRoutes, { ctx, briefs });
  const live = createLive(ctx);
  app.decorate('live', live);
  app.addHook('onClose', async () => {
    await live.hub.idle();
    await live.ingestor.close();
  });
  const imports = await ImportManager.open(ctx, live, ctx.config.importDir);
  await imports.init();
  const inbox = ctx.config.inbox
    ? startInbox(
        imports,
        ctx.config.inbox,
        { pollMs: ctx.config.inboxPollMs, limitBytes: ctx.config.uploadMb * 1048576 },
        app.log,
      )
    : null;
  app.decorate('inbox', inbox);
  app.decorate('imports', imports);
  app.addHook('onClose', async () => {
    inbox?.stop();
    await imports.close();
  });
  await app.register(importRoutes, { ctx, imports });
  await app.register(workRoutes, { ctx, live });
  await app.register(eventRoutes, { live });
  await app.register(liveRoutes, { live });
  await app.register(fontRoutes);
  await app.register(referenceGeoRoutes);
  await app.register(geoTileRoutes);
  // The built web app, or a redirect from / to /docs when it is not built.
  await app.register(webPlugin, { root: opts.webRoot });
  return app;
}
