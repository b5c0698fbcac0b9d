// The caller's scope: the base units whose data a request may read. Until accounts exist
// (issue "Accounts, unit-scoped access") every caller sees every base unit of the store.
import fp from 'fastify-plugin';
import type { FastifyPluginAsync } from 'fastify';
import type { Context } from '../context.ts';

declare module 'fastify' {
  interface FastifyRequest {
    scope: ReadonlySet<string>;
  }
}

const scopePlugin: FastifyPluginAsync<{ ctx: Context }> = async (app, { ctx }) => {
  const all: ReadonlySet<string> = new Set(ctx.units.baseIds());
  app.decorateRequest('scope', null as unknown as ReadonlySet<string>);
  app.addHook('onRequest', async (request) => {
    request.scope = all;
  });
};

export default fp(scopePlugin, { name: 'scope' });
