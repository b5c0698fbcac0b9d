// Snapshot routes (issue 6): freeze a view's panels, list, open (JSON, Arrow, offline HTML), delete, and the
// share link /s/<id> (the same offline page, served here). A snapshot keeps its numbers after new data arrive. One
// that holds a unit outside the caller's scope does not open (403) and, for deleting, does not exist (404).
// Asked with ?picture=true, the freeze also takes a picture of the view (headless Chromium, as its creator, in the
// background): the page shows it above the frozen tables to readers whose scope covers the creator's. Someone not
// signed in is sent to sign in (server/auth/plugin.ts); /api/snapshots/:id/about tells that page what opens next
// (title, units, dates: never a number).
import { canSee, inDetail, scopeOfUnit, type Scope } from '../auth/scope.ts';
import { SESSION_COOKIE } from '../auth/plugin.ts';
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
import { snapshotHtml, snapshotUnits, type SnapshotPageOptions } from '../snapshots/html.ts';
import { SnapshotStore, type SnapshotPicture } from '../snapshots/store.ts';
import { acquireRenderer } from '../export/render.ts';
import { ownBaseUrl, screenOf } from './view-export.ts';
import type { SnapshotSpec } from '../contracts/snapshots.ts';

/** The picture's width in CSS pixels: a laptop's view, as leaders see it in a meeting. */
export const PICTURE_WIDTH = 1366;
/** A picture still pending after this long will not come (the server restarted during its render). */
const PICTURE_PATIENCE_MS = 5 * 60_000;

/**
 * Whether `reader` may see everything `creator` could: every unit of the creator's detail in the reader's,
 * every total the creator saw visible to the reader. A picture shows what its creator's scope showed, so only
 * such a reader sees it (the numbers below it are checked one by one, as always).
 */
export function covers(units: Context['units'], reader: Scope, creator: Scope): boolean {
  for (const id of creator) if (!reader.has(id)) return false;
  for (const id of creator.aggregates) if (!canSee(units, reader, id)) return false;
  return true;
}

const PictureQuery = Type.Object({
  picture: Type.Optional(
    Type.Boolean({ description: 'also take a picture of the view (rendered in the background, shown on /s/<id>)' }),
  ),
});

const AboutSchema = Type.Object({
  title: Type.String(),
  units: Type.Array(Type.String(), { description: 'the names of the units of its panels' }),
  created_at: Type.String(),
  data_date: Type.Union([Type.String(), Type.Null()]),
});

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
  for (const p of panels.values()) {
    for (const r of p.rows ?? []) units.add(r.unit);
    // a follow-up panel lists directives and tasks of the units below its own
    for (const d of p.followup?.overdue_directives ?? []) units.add(d.unit_id);
    for (const t of p.followup?.overdue_tasks ?? []) units.add(t.unit_id);
  }
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
  const renderer = acquireRenderer(process.env.CHROMIUM_PATH || '/usr/bin/chromium');
  app.addHook('onClose', () => renderer.release());

  /** Renders the view of a new snapshot as its creator (a read-only session) and stores the picture. */
  async function takePicture(request: FastifyRequest, spec: SnapshotSpec, path: string): Promise<void> {
    const baseUrl = ownBaseUrl(request, ctx);
    let session: { idHash: string } | null = null;
    try {
      const started = await ctx.auth.startSession(spec.owner, 180_000, 'render');
      session = started.session;
      const png = await renderer.render({
        baseUrl,
        path,
        format: 'png',
        width: PICTURE_WIDTH,
        decorate: false,
        lang: /[?&]lang=en\b/.test(path) ? 'en' : 'vi',
        cookies: [{ name: SESSION_COOKIE, value: app.signCookie(started.id) }],
      });
      await store.pictureDone(spec.id, png ? { png, width: PICTURE_WIDTH, dataVersion: ctx.info.dataVersion } : null);
    } catch (err) {
      request.log.warn({ err, snapshot: spec.id }, 'snapshot picture failed');
      await store.pictureDone(spec.id, null).catch(() => undefined);
    } finally {
      if (session) await ctx.auth.endSession(session.idHash).catch(() => undefined);
    }
  }

  /** What the page shows of a snapshot's picture to this reader. */
  async function pictureFor(
    request: FastifyRequest,
    spec: SnapshotSpec,
    picture: SnapshotPicture | null,
  ): Promise<SnapshotPageOptions['picture']> {
    if (!picture || picture.state === 'failed') return null;
    if (!covers(ctx.units, request.scope, scopeOfUnit(ctx.units, picture.scope_unit))) return 'hidden';
    if (picture.state === 'pending')
      return Date.now() - Date.parse(picture.requested_at) < PICTURE_PATIENCE_MS ? 'pending' : null;
    if (!picture.png) return null;
    return {
      src: `data:image/png;base64,${Buffer.from(picture.png).toString('base64')}`,
      width: picture.width ?? PICTURE_WIDTH,
      newerData: picture.data_version !== spec.data_version,
    };
  }

  /** The live view of a snapshot (its path, when it is one of the app's screens), or null. */
  const liveView = (spec: SnapshotSpec): string | null => {
    const screen = screenOf(spec.view);
    return 'path' in screen ? screen.path : null;
  };

  app.post(
    '/api/snapshots',
    {
      config: { access: 'export' },
      schema: {
        summary: 'Freeze a view: evaluate its panels now and keep their numbers',
        tags,
        querystring: PictureQuery,
        body: SnapshotCreateSchema,
        response: { 201: SnapshotCreatedSchema, 400: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema },
      },
    },
    async (request, reply) => {
      const { spec, data } = await captureSnapshot(ctx, request.body, request.scope, caller(request).name);
      await store.insert(spec, data);
      const view = liveView(spec);
      if (request.query.picture && view && request.user) {
        await store.pictureRequested(spec.id, request.user.unit_id, new Date());
        void takePicture(request, spec, view);
      }
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
      const live = liveView(spec);
      const origin = `${request.protocol}://${request.host}`;
      const html = snapshotHtml(spec, panels, {
        live: live && `${origin}${live}`,
        picture: await pictureFor(request, spec, await store.picture(spec.id)).then((p) =>
          p === 'pending' ? null : p,
        ),
        offline: true,
      });
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
      const html = snapshotHtml(spec, panels, {
        live: liveView(spec),
        picture: await pictureFor(request, spec, await store.picture(spec.id)),
      });
      audit(request, { action: 'snapshot_open', format: 'html', subject: `snapshot ${spec.id}`, units });
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
    },
  );

  // What a share link opens, for its sign-in page: the title, the units and the dates, never a number. The
  // link's id (9 random bytes) is what the visitor holds; the snapshot itself opens only after sign-in, in scope.
  app.get(
    '/api/snapshots/:id/about',
    {
      config: { access: 'public' },
      schema: {
        summary: 'What a share link opens (title, units, dates), for the sign-in page of a visitor not signed in',
        tags,
        params: SnapshotParamsSchema,
        response: { 200: AboutSchema, 404: ErrorSchema },
      },
    },
    async (request, reply) => {
      const found = await store.get(request.params.id);
      if (!found) throw missing(request.params.id);
      const { spec } = found;
      reply.header('cache-control', 'no-store');
      return { title: spec.title, units: snapshotUnits(spec), created_at: spec.created_at, data_date: spec.data_date };
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
