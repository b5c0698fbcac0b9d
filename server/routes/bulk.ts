// Bulk downloads for other agencies' systems (issue 20): GET /api/bulk/:dataset streams a dataset of
// server/bulk/datasets.ts for the caller's units (an API key's, an account's, or `unit`) and a period as CSV, Parquet
// or Arrow, with the same disclosure as the screens; GET /api/bulk/:dataset/metadata is the file that describes it.
// ETag / If-None-Match answer 304 before any query; downloads run a few at a time; each is audited once it ends.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { audit, noteRead } from '../audit/hook.ts';
import type { Context } from '../context.ts';
import { ErrorSchema } from '../contracts/common.ts';
import { BULK_FORMATS, type BulkFormat, type DatasetInfo } from '../contracts/open-data.ts';
import { HttpError, notFound } from '../errors.ts';
import { DATA_LICENCE } from '../catalog/licence.ts';
import { datasetDomain, findDataset } from '../bulk/datasets.ts';
import { bulkEtag, matches } from '../bulk/etag.ts';
import { monthRange, openSource } from '../bulk/source.ts';
import { EXTENSIONS, MEDIA_TYPES, bulkBody } from '../bulk/writers.ts';
import { attachment } from './exports.ts';

const DatasetParamsSchema = Type.Object({
  dataset: Type.String({
    pattern: '^[a-z0-9_.]{1,80}$',
    description: "a dataset id of /api/catalog: 'indicator.<id>', population_cube, dossier_cube, targets, index766",
  }),
});
const Month = (what: string) =>
  Type.Optional(Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: `${what} month, YYYY-MM` }));
const RangeSchema = {
  from: Month('first (default: the first with data)'),
  to: Month('last (default: the data date’s)'),
  unit: Type.Optional(
    Type.String({
      pattern: '^[0-9A-Za-z@-]{1,32}$',
      description: "a unit_id within the caller's units (default: the key's units, or the account's unit)",
    }),
  ),
};
export const BulkQuerySchema = Type.Object(
  {
    format: Type.Union(
      BULK_FORMATS.map((f) => Type.Literal(f)),
      { default: 'csv', description: 'csv (UTF-8 with BOM), parquet or arrow (IPC stream)' },
    ),
    ...RangeSchema,
  },
  { additionalProperties: false },
);
export const BulkMetadataQuerySchema = Type.Object(RangeSchema, { additionalProperties: false });

const NOT_MODIFIED = Type.Null({ description: 'Not modified: the If-None-Match ETag is still current' });

/** A download whose client has read nothing for this long is ended. */
const IDLE_MS = 120_000;

/** Seconds a client told "busy" should wait. */
const RETRY_AFTER = 30;

function datasetOf(ctx: Context, id: string): DatasetInfo {
  const found = findDataset(ctx, id);
  if (!found) throw notFound(`Không có bộ dữ liệu "${id}".`, `No dataset "${id}".`);
  if (!found.available) {
    const why = found.unavailable_reason ?? { vi: 'Không có sẵn.', en: 'Not available.' };
    throw new HttpError(409, 'unavailable', `Bộ dữ liệu "${id}": ${why.vi}`, `Dataset "${id}": ${why.en}`);
  }
  return found;
}

/** The units a download is about: `unit` (404 unknown, 403 outside the scope), else the key's or account's units. */
function rootsOf(ctx: Context, request: FastifyRequest, unit: string | undefined): string[] {
  if (unit !== undefined) {
    ctx.indicators.resolveGroups(unit, 'month', request.scope);
    return [unit];
  }
  if (request.apiKey) return [...request.apiKey.units].sort();
  return request.user ? [request.user.unit_id] : [];
}

const keysRule = (request: FastifyRequest) =>
  datasetDomain(request.server.ctx.registry, (request.params as { dataset: string }).dataset);

function describedBy(id: string, q: { from: string; to: string; unit?: string }): string {
  const params = new URLSearchParams({ from: q.from, to: q.to, ...(q.unit ? { unit: q.unit } : {}) });
  return `</api/bulk/${encodeURIComponent(id)}/metadata?${params}>; rel="describedby"; type="application/json"`;
}

/** A counter of downloads in progress: past the limit, 503 with Retry-After. */
function gate(limit: number) {
  let running = 0;
  return {
    enter(): () => void {
      if (running >= limit)
        throw new HttpError(
          503,
          'busy',
          `Đang có ${running} lượt tải dữ liệu; hãy thử lại sau ${RETRY_AFTER} giây.`,
          `${running} downloads are in progress; try again in ${RETRY_AFTER} seconds.`,
          RETRY_AFTER,
        );
      running++;
      let left = false;
      return () => {
        if (!left) running--;
        left = true;
      };
    },
    get running() {
      return running;
    },
  };
}

export const bulkRoutes: FastifyPluginAsyncTypebox<{ ctx: Context }> = async (app, { ctx }) => {
  const downloads = gate(ctx.config.bulkConcurrency ?? 2);

  app.get(
    '/api/bulk/:dataset',
    {
      config: { access: 'export', keys: keysRule },
      schema: {
        summary: 'Download a dataset in bulk (CSV, Parquet, Arrow)',
        description:
          "A dataset of /api/catalog for the caller's units and a range of months, streamed. The same cells " +
          'give the same values as /api/indicators. ETag / If-None-Match: 304 when nothing changed since. ' +
          'A `Link: <…/metadata>; rel="describedby"` header points to its description. Busy: 503 + Retry-After.',
        tags: ['open data'],
        params: DatasetParamsSchema,
        querystring: BulkQuerySchema,
        response: {
          200: {
            description: 'The file: CSV (UTF-8 with BOM), Parquet or an Arrow IPC stream',
            content: Object.fromEntries(
              BULK_FORMATS.map((f) => [
                MEDIA_TYPES[f],
                { schema: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }) },
              ]),
            ),
          },
          304: NOT_MODIFIED,
          400: ErrorSchema,
          401: ErrorSchema,
          403: ErrorSchema,
          404: ErrorSchema,
          409: ErrorSchema,
          503: ErrorSchema,
        },
      },
    },
    async (request, reply) => download(ctx, request, reply, downloads),
  );

  app.get(
    '/api/bulk/:dataset/metadata',
    {
      // a description, no cell: whoever may read the catalogue may read it (the download itself needs export)
      config: { access: 'read', keys: keysRule },
      schema: {
        summary: 'The description of a bulk download: columns, definitions, coverage, disclosure, data version',
        tags: ['open data'],
        params: DatasetParamsSchema,
        querystring: BulkMetadataQuerySchema,
        response: {
          200: Type.Object({}, { additionalProperties: true, description: 'the dataset as /api/catalog describes it' }),
          304: NOT_MODIFIED,
          400: ErrorSchema,
          401: ErrorSchema,
          403: ErrorSchema,
          404: ErrorSchema,
          409: ErrorSchema,
        },
      },
    },
    async (request, reply) => {
      const dataset = datasetOf(ctx, request.params.dataset);
      const q = request.query;
      const { from, to } = monthRange(dataset, q.from, q.to);
      const roots = rootsOf(ctx, request, q.unit);
      noteRead(request, roots, 0);
      const etag = bulkEtag(ctx, { dataset: dataset.id, format: 'metadata', from, to, roots, scope: request.scope });
      reply.header('etag', etag).header('cache-control', 'private, no-cache');
      if (matches(request.headers['if-none-match'], etag)) return reply.code(304).send(null);
      const params = (format: BulkFormat) =>
        new URLSearchParams({ format, from, to, ...(q.unit ? { unit: q.unit } : {}) }).toString();
      return {
        ...dataset,
        units: roots,
        from,
        to,
        data_version: ctx.info.dataVersion,
        generated: ctx.info.generated,
        min_cell: ctx.config.minCell,
        licence: { url: DATA_LICENCE.url, title: DATA_LICENCE.title },
        distributions: BULK_FORMATS.map((format) => ({
          format,
          media_type: MEDIA_TYPES[format].split(';')[0],
          url: `/api/bulk/${dataset.id}?${params(format)}`,
        })),
      };
    },
  );
};

async function download(
  ctx: Context,
  request: FastifyRequest<{
    Params: { dataset: string };
    Querystring: { format: BulkFormat; from?: string; to?: string; unit?: string };
  }>,
  reply: FastifyReply,
  downloads: ReturnType<typeof gate>,
) {
  const dataset = datasetOf(ctx, request.params.dataset);
  const q = request.query;
  const format = q.format;
  const { from, to } = monthRange(dataset, q.from, q.to);
  const roots = rootsOf(ctx, request, q.unit);
  const etag = bulkEtag(ctx, { dataset: dataset.id, format, from, to, roots, scope: request.scope });
  const name = `ioc06-${dataset.id}-${roots.join('_') || 'none'}-${from}_${to}.${EXTENSIONS[format]}`;
  reply
    .header('etag', etag)
    .header('cache-control', 'private, no-cache')
    .header('link', describedBy(dataset.id, { from, to, unit: q.unit }))
    .header('x-ioc-data-version', String(ctx.info.dataVersion))
    .header('x-ioc-generated', String(ctx.info.generated));
  // nothing read yet: a harvester that has this version is answered at once
  if (matches(request.headers['if-none-match'], etag)) return reply.code(304).send(null);
  if (request.method === 'HEAD') return reply.type(MEDIA_TYPES[format]).send();
  const leave = downloads.enter();
  try {
    const source = openSource(ctx, { dataset, from, to, roots, scope: request.scope });
    const body = await bulkBody(format, source);
    const subject = `${request.routeOptions.url} ${dataset.id} ${format} ${from}..${to} ${roots.join(',')}`;
    // the one record of this request, written when the last byte has left (or the stream stopped)
    request.audited = true;
    // a client that reads nothing for IDLE_MS holds a connection and a slot: its download is ended
    const socket = request.raw.socket as { setTimeout?: unknown } | null;
    if (typeof socket?.setTimeout === 'function')
      request.raw.socket.setTimeout(IDLE_MS, () => request.raw.socket.destroy());
    reply.raw.once('close', () => {
      leave();
      body.close();
    });
    body.done.then(
      (w) =>
        audit(request, {
          action: 'export',
          format,
          subject,
          units: roots,
          rows: w.rows,
          bytes: w.bytes,
          sha256: w.sha256,
        }),
      (err: unknown) => {
        request.log.warn({ err }, 'bulk download stopped');
        audit(request, { action: 'export', format, subject: `${subject} (interrupted)`, units: roots });
      },
    );
    return reply.type(MEDIA_TYPES[format]).header('content-disposition', attachment(name)).send(body.stream);
  } catch (err) {
    leave();
    throw err;
  }
}
