// GET /api/live: server-sent events of indicator changes and target alerts, within the caller's
// scope. Each message has an id; a client reconnecting with Last-Event-ID (EventSource does it by
// itself) gets what it missed, or `reset` when that is no longer kept. A comment every 20 s keeps
// proxies from closing an idle stream.
import { auditFromRequest } from '../audit/hook.ts';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Live } from '../live/index.ts';

const HEARTBEAT_MS = 20_000;
/** A client whose unsent data exceed this is dropped (it reconnects and resumes). */
const MAX_BUFFER = 4 * 1024 * 1024;

export const liveRoutes: FastifyPluginAsyncTypebox<{ live: Live }> = async (app, { live }) => {
  app.addHook('preClose', async () => live.hub.closeAll());

  app.get(
    '/api/live',
    {
      schema: {
        summary: 'Server-sent events: indicator values that changed (unit, indicator, period, value) and target alerts',
        description:
          '`event: changes` with a LiveMessage JSON (see the contract in server/contracts/events.ts); ' +
          '`event: reset` when missed messages cannot be replayed. ' +
          'Resume with the Last-Event-ID header (or ?last_event_id=).',
        tags: ['live'],
        querystring: Type.Object({ last_event_id: Type.Optional(Type.String({ maxLength: 40 })) }),
        produces: ['text/event-stream'],
      },
    },
    async (request, reply) => {
      // one record for the stream (the answer never ends, so the usual after-answer record would not be written)
      request.audited = true;
      void auditFromRequest(request.server.ctx, request, { action: 'read', status: 200 });
      const sessionId = request.user!.session.idHash;
      const auth = request.server.ctx.auth;
      const res = reply.raw;
      reply.hijack();
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      res.write(`retry: 3000\n: ioc06 live ${live.hub.lastId}\n\n`);
      let open = true;
      const close = () => {
        if (!open) return;
        open = false;
        clearInterval(beat);
        unsubscribe();
        res.end();
      };
      const subscriber = {
        scope: request.scope,
        send(id: string, event: string, data: string) {
          if (!open) return false;
          // signed out, expired or disabled: the stream ends with the session
          if (!auth.alive(sessionId)) return (close(), false);
          res.write(`id: ${id}\nevent: ${event}\ndata: ${data}\n\n`);
          return res.writableLength < MAX_BUFFER;
        },
        close,
      };
      const header = request.headers['last-event-id'];
      const lastId = (Array.isArray(header) ? header[0] : header) ?? request.query.last_event_id;
      const unsubscribe = live.hub.subscribe(subscriber, lastId);
      const beat = setInterval(() => (auth.alive(sessionId) ? open && res.write(': ping\n\n') : close()), HEARTBEAT_MS);
      beat.unref();
      request.raw.on('close', close);
    },
  );
};
