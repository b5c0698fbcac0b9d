// Snapshot routes (issue 6): freeze a view's panels, list, open (JSON, Arrow, offline HTML), delete, and the
// share link /s/<id> (the same offline page, served here). A snapshot keeps its numbers after new data arrive. One
// that holds a unit outside the caller's scope does not open (403) and, for deleting, does not exist (404).
import { canSee, inDetail } from '../auth/scope.ts';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { ErrorSchema } from '../contracts/common.ts';
import {
  SnapshotAnswerSchema,
  SnapshotCreatedSchema,
  SnapshotCreateSchema,
  SnapshotListSchema,
  SnapshotParamsSchema,
} from '../contracts/snapshots.ts';
import type { Context } from '../context.ts';
import { audit } from '../audit/hook.ts';
import { forbidden, notFound } from '../errors.ts';
import { ARROW_TYPE } from '../indicators/arrow.ts';
import { captureSnapshot } from '../snapshots/capture.ts';
import { decodePanels, type PanelData } from '../snapshots/data.ts';
import { snapshotHtml } from '../snapshots/html.ts';
import { SnapshotStore } from '../snapshots/store.ts';

/** Who is asking (routes here need a signed-in account). */
export function caller(request: FastifyRequest): { name: string; admin: boolean } {
  return { name: request.user?.username ?? 'anonymous', admin: request.user?.role === 'admin' };
}

/**
 * The units of a snapshot the caller may not see now: it opens only for someone with none (their own scope,
 * not the creator's).
 */
function outsideScope(ctx: Context, request: FastifyRequest, units: string[]): string[] {
  return units.filter((u) => !canSee(ctx.units, request.scope, u));
}

function checkScope(ctx: Context, request: FastifyRequest, units: string[]): void {
  const outside = outsideScope(ctx, request, units);
  if (outside.length > 0) {
    const names = outside.map((u) => ctx.units.get(u)?.name ?? u).join(', ');
    throw forbidden(
      `Bản chụp có số liệu của đơn vị ngoài phạm vi của bạn (${names}).`,
      `The snapshot holds data of units outside your scope (${names}).`,
    );
  }
}

/**
 * Every unit a snapshot shows: its panels' units and each row's unit. A ranking (by=unit) of a unit
 * seen as a total holds the rows of its parts, as the creator's scope let them see them.
 */
function shownUnits(spec: { panels: { unit: string }[] }, panels: Map<string, PanelData>): string[] {
  const units = new Set(spec.panels.map((p) => p.unit));
  for (const p of panels.values()) for (const r of p.rows ?? []) units.add(r.unit);
  return [...units];
}

const missing = (id: string) => notFound(`Không có bản chụp ${id}.`, `No snapshot ${id}.`);

export const snapshotRoutes: FastifyPluginAsyncTypebox<{ ctx: Context }> = async (app, { ctx }) => {
  const store = new SnapshotStore(ctx.pool);
  /** A stored snapshot with its panels and every unit it shows (404 when there is none). */
  const find = async (id: string) => {
    const found = await store.get(id);
    if (!found) throw missing(id);
    const panels = decodePanels(found.data);
    return { ...found, panels, units: shownUnits(found.spec, panels) };
  };
  /** A snapshot to open: 403 when it holds units outside the caller's scope. */
  const load = async (id: string, request: FastifyRequest) => {
    const snapshot = await find(id);
    checkScope(ctx, request, snapshot.units);
    return snapshot;
  };
  const tags = ['snapshots'];

  app.post(
    '/api/snapshots',
    {
      config: { access: 'export' },
      schema: {
        summary: 'Freeze a view: evaluate its panels now and keep their numbers',
        tags,
        body: SnapshotCreateSchema,
        response: { 201: SnapshotCreatedSchema, 400: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema },
      },
    },
    async (request, reply) => {
      const { spec, data } = await captureSnapshot(ctx, request.body, request.scope, caller(request).name);
      await store.insert(spec, data);
      audit(request, {
        action: 'snapshot_create',
        format: 'arrow',
        subject: spec.view,
        units: [...new Set(spec.panels.map((p) => p.unit))],
        bytes: data.byteLength,
        sha256: spec.sha256,
      });
      return reply.code(201).send({
        id: spec.id,
        link: `/s/${spec.id}`,
        sha256: spec.sha256,
        created_at: spec.created_at,
        data_version: spec.data_version,
      });
    },
  );

  app.get(
    '/api/snapshots',
    {
      schema: {
        summary: 'Snapshots whose units you may see, newest first',
        tags,
        response: { 200: SnapshotListSchema },
      },
    },
    async (request) => {
      const seen = (units: string[]) => units.every((u) => canSee(ctx.units, request.scope, u));
      const all = await store.list();
      const snapshots: typeof all = [];
      for (const s of all) {
        if (!seen(s.units)) continue;
        // a panel of a unit seen only as a total may hold rows of its parts: those must be in scope too
        const stored = s.units.some((u) => request.scope.aggregates.has(u)) ? await store.get(s.id) : null;
        if (stored && !seen(shownUnits(stored.spec, decodePanels(stored.data)))) continue;
        snapshots.push(s);
      }
      request.auditNote = { units: [...new Set(snapshots.flatMap((s) => s.units))], rows: snapshots.length };
      return { snapshots: snapshots.map(({ units: _, ...s }) => s) };
    },
  );

  app.get(
    '/api/snapshots/:id',
    {
      schema: {
        summary: 'A snapshot: its spec and the rows of its panels, exactly as stored',
        tags,
        params: SnapshotParamsSchema,
        response: { 200: SnapshotAnswerSchema, 404: ErrorSchema },
      },
    },
    async (request) => {
      const { spec, panels: byPanel, units } = await load(request.params.id, request);
      const { panels, ...head } = spec;
      audit(request, { action: 'snapshot_open', format: 'json', subject: spec.id, units, sha256: spec.sha256 });
      return { frozen: true as const, spec: head, panels: panels.map((p) => ({ ...p, ...byPanel.get(p.id) })) };
    },
  );

  app.get(
    '/api/snapshots/:id/data.arrow',
    {
      schema: {
        summary:
          'The stored data of a snapshot (Arrow IPC stream; targets panels as JSON in the schema metadata "targets")',
        tags,
        params: SnapshotParamsSchema,
        response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }), 404: ErrorSchema },
      },
    },
    async (request, reply) => {
      const { spec, data, units } = await load(request.params.id, request);
      audit(request, {
        action: 'snapshot_open',
        format: 'arrow',
        subject: spec.id,
        units,
        bytes: data.byteLength,
        sha256: spec.sha256,
      });
      reply.header('x-ioc-sha256', spec.sha256);
      return reply.type(ARROW_TYPE).send(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
    },
  );

  app.get(
    '/api/snapshots/:id.html',
    {
      schema: {
        summary: 'A snapshot as one self-contained HTML file that opens offline',
        tags,
        params: SnapshotParamsSchema,
        response: { 200: Type.String({ description: 'text/html' }), 404: ErrorSchema },
      },
    },
    async (request, reply) => {
      const { spec, panels, units } = await load(request.params.id, request);
      const html = snapshotHtml(spec, panels);
      audit(request, {
        action: 'export',
        format: 'html',
        subject: `snapshot ${spec.id}`,
        units,
        bytes: Buffer.byteLength(html),
        sha256: spec.sha256,
      });
      return reply
        .type('text/html; charset=utf-8')
        .header('content-disposition', `attachment; filename="snapshot-${spec.id}.html"`)
        .send(html);
    },
  );

  // A snapshot's own link: the same offline page, shown in the browser (with a link to download it).
  app.get(
    '/s/:id',
    {
      schema: {
        summary: "A snapshot's share link: its page, frozen numbers",
        tags,
        params: SnapshotParamsSchema,
        response: { 200: Type.String({ description: 'text/html' }), 404: ErrorSchema },
      },
    },
    async (request, reply) => {
      const { spec, panels, units } = await load(request.params.id, request);
      const html = snapshotHtml(spec, panels);
      audit(request, { action: 'snapshot_open', format: 'html', subject: `snapshot ${spec.id}`, units });
      return reply.type('text/html; charset=utf-8').send(html);
    },
  );

  app.delete(
    '/api/snapshots/:id',
    {
      config: { access: 'export' },
      schema: {
        summary: 'Delete a snapshot you may open (its owner, or an admin of every unit in it)',
        tags,
        params: SnapshotParamsSchema,
        response: { 204: Type.Unsafe<undefined>({ description: 'Deleted' }), 403: ErrorSchema, 404: ErrorSchema },
      },
    },
    async (request, reply) => {
      const id = request.params.id;
      const { spec, units } = await find(id);
      // what one may not open, one may not delete, and is not told it exists: the same answer as a missing one
      if (outsideScope(ctx, request, units).length > 0) throw missing(id);
      const who = caller(request);
      // an admin deletes others' snapshots of its own units only (not of the totals above them)
      const administers = who.admin && units.every((u) => inDetail(ctx.units, request.scope, u));
      if (spec.owner !== who.name && !administers)
        throw forbidden(
          'Chỉ người tạo hoặc quản trị viên của các đơn vị trong bản chụp được xoá bản chụp này.',
          'Only its owner or an admin of every unit in it may delete this snapshot.',
        );
      await store.delete(id);
      audit(request, { action: 'snapshot_delete', subject: id, units });
      return reply.code(204).send();
    },
  );
};
