// GET /api/catalog: the data catalogue as DCAT JSON-LD (server/catalog/dcat.ts) for any signed-in account and any
// API key (a key sees the datasets of its domains only). The page "Danh mục dữ liệu" (web/src/views/Catalog.tsx)
// and other agencies' harvesters read it; an ETag lets a harvester skip an unchanged catalogue.
import { createHash } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { Context } from '../context.ts';
import { ErrorSchema } from '../contracts/common.ts';
import { listDatasets } from '../bulk/datasets.ts';
import { noteRead } from '../audit/hook.ts';
import { buildCatalog } from '../catalog/dcat.ts';
import { DATA_LICENCE } from '../catalog/licence.ts';

export const JSONLD_TYPE = 'application/ld+json';

/** The address readers reach the server at: IOC_PUBLIC_URL, else the request's own scheme and host. */
export function publicBase(ctx: Context, request: FastifyRequest): string {
  return (ctx.config.publicUrl ?? `${request.protocol}://${request.host}`).replace(/\/+$/, '');
}

export const catalogRoutes: FastifyPluginAsyncTypebox<{ ctx: Context }> = async (app, { ctx }) => {
  app.get(
    '/api/catalog',
    {
      config: { access: 'read', keys: 'any' },
      schema: {
        summary: 'The data catalogue: every dataset that can be downloaded, as DCAT JSON-LD',
        description:
          'A dcat:Catalog whose dcat:Dataset entries carry titles and descriptions in Vietnamese and English ' +
          '(@language), definitions (numerator, denominator), unit, coverage (dct:temporal), frequency, data date ' +
          '(dct:modified), the disclosure method, licence, contact, the columns (CSVW) and a dcat:Distribution per ' +
          'format (CSV, Parquet, Arrow) whose dcat:downloadURL is GET /api/bulk/{dataset}?format=…. The @context is ' +
          'inline. An API key sees the datasets of its domains only. Send If-None-Match with the last ETag: 304 when ' +
          'nothing changed.',
        tags: ['open data'],
        response: {
          200: {
            description: 'DCAT JSON-LD (docs/integration.md)',
            content: { [JSONLD_TYPE]: { schema: Type.Unsafe({ type: 'object', additionalProperties: true }) } },
          },
          304: { description: 'unchanged since the ETag sent in If-None-Match', type: 'null' },
          401: ErrorSchema,
          403: ErrorSchema,
        },
      },
    },
    async (request, reply) => {
      const domains = request.apiKey ? new Set(request.apiKey.domains) : null;
      const datasets = listDatasets(ctx).filter((d) => !domains || domains.has(d.domain));
      const contact = { name: ctx.config.contactName, email: ctx.config.contactEmail };
      const body = JSON.stringify(
        buildCatalog(datasets, { base: publicBase(ctx, request), contact, licence: DATA_LICENCE }),
      );
      const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
      noteRead(request, [], datasets.length, 'catalog');
      reply.header('etag', etag).header('cache-control', 'private, no-cache');
      const match = request.headers['if-none-match'];
      if (match && match.split(',').some((m) => m.trim().replace(/^W\//, '') === etag))
        return reply.code(304).send(null);
      return reply.type(JSONLD_TYPE).send(body);
    },
  );
};
