// POST /api/events: a batch of live events (JSON array or NDJSON, up to 10,000), applied whole or not
// at all. 200 means committed; a repeated event_id is acknowledged and not applied again; 422 lists
// every bad event (position, id, field, reason) and nothing of the batch is stored; each 422 is audited
// with how many events were refused.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { EventsRejected } from '../../data/pipeline/events/apply.ts';
import { auditRefused } from '../audit/hook.ts';
import { ErrorSchema } from '../contracts/common.ts';
import { EventsAcceptedSchema, EventsRejectedSchema, MAX_EVENTS } from '../contracts/events.ts';
import { HttpError, forbidden } from '../errors.ts';
import { inDetail } from '../auth/scope.ts';
import type { Live } from '../live/index.ts';
import { prefersEnglish } from '../plugins/errors.ts';

/** Generous for 10,000 events of a few hundred bytes each. */
const BODY_LIMIT = 16 * 1024 * 1024;

/** NDJSON: one JSON value a line; blank lines are skipped; a bad line is named. */
export function parseNdjson(text: string): unknown[] {
  const out: unknown[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (!line) continue;
    try {
      out.push(JSON.parse(line));
    } catch (err) {
      throw new HttpError(
        400,
        'bad_ndjson',
        `Dòng ${i + 1} không phải JSON hợp lệ: ${(err as Error).message}`,
        `Line ${i + 1} is not valid JSON: ${(err as Error).message}`,
      );
    }
  }
  return out;
}

export const eventRoutes: FastifyPluginAsyncTypebox<{ live: Live }> = async (app, { live }) => {
  for (const type of ['application/x-ndjson', 'application/ndjson', 'application/jsonl', 'application/jsonlines']) {
    app.addContentTypeParser(type, { parseAs: 'string', bodyLimit: BODY_LIMIT }, (_req, body, done) => {
      try {
        done(null, parseNdjson(body as string));
      } catch (err) {
        done(err as Error, undefined);
      }
    });
  }

  app.post(
    '/api/events',
    {
      config: { access: 'ingest' },
      bodyLimit: BODY_LIMIT,
      schema: {
        summary:
          'Live events: population (birth, death, moves, ID card, VNeID) and dossiers (received, resolved, supplement)',
        description:
          'A JSON array, or NDJSON (Content-Type: application/x-ndjson), of up to 10,000 events. ' +
          'All or nothing: any invalid event rejects the batch (422, every problem listed). ' +
          'A 200 means the events are committed. ' +
          'An event_id seen before is acknowledged (counted in `duplicates`) and not applied again, ' +
          'so retrying a batch is safe. No name or ID number is accepted or kept.',
        tags: ['live'],
        body: Type.Array(Type.Unknown(), { description: `events (see EventSchema), at most ${MAX_EVENTS}` }),
        response: {
          200: EventsAcceptedSchema,
          400: ErrorSchema,
          413: ErrorSchema,
          422: EventsRejectedSchema,
          503: ErrorSchema,
        },
      },
    },
    async (request, reply) => {
      const values = request.body;
      if (values.length > MAX_EVENTS) {
        throw new HttpError(
          413,
          'too_many_events',
          `Tối đa ${MAX_EVENTS} sự kiện một lần (nhận ${values.length}).`,
          `At most ${MAX_EVENTS} events a batch (got ${values.length}).`,
        );
      }
      // An account posts events of its own units only (an admin of a commune cannot write for the neighbour).
      const units = request.server.ctx.units;
      const named = [
        ...new Set(
          values
            .map((e) => (e !== null && typeof e === 'object' ? (e as { unit?: unknown }).unit : undefined))
            .filter((u): u is string => typeof u === 'string' && units.get(u) !== undefined),
        ),
      ];
      const outside = named.filter((u) => !inDetail(units, request.scope, u));
      if (outside.length > 0) {
        const names = outside.map((u) => units.get(u)?.name ?? u).join(', ');
        throw forbidden(
          `Không được ghi sự kiện của đơn vị ngoài phạm vi của bạn: ${names}.`,
          `You may not post events of units outside your scope: ${names}.`,
        );
      }
      try {
        const r = await live.ingestor.ingest(values);
        request.auditNote = {
          units: [
            ...new Set(
              values
                .map((e) => (e as { unit?: unknown }).unit)
                .filter((u): u is string => typeof u === 'string' && u !== ''),
            ),
          ],
          rows: r.accepted,
          detail: `batch ${r.batchId}: ${r.accepted} accepted, ${r.duplicates} duplicates`,
        };
        return {
          accepted: r.accepted,
          duplicates: r.duplicates,
          batch_id: r.batchId,
          data_version: r.dataVersion,
          data_date: r.dataDate,
        };
      } catch (err) {
        if (!(err instanceof EventsRejected)) throw err;
        const en = prefersEnglish(request);
        const n = err.problems.length;
        auditRefused(request, {
          status: 422,
          units: named,
          detail: `422: ${n} of ${values.length} events refused, nothing applied`,
        });
        return reply.code(422).send({
          statusCode: 422,
          error: 'invalid_events',
          message: en
            ? `${n} invalid event(s); nothing of the batch was applied.`
            : `${n} sự kiện không hợp lệ; không sự kiện nào của lô được ghi.`,
          problems: err.problems,
        });
      }
    },
  );
};
