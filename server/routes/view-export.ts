// Whole-view export: GET /api/export/view.pdf and /api/export/view.png render an app path (its URL
// state) in headless Chromium on the server. At most 2 renders at a time; a short queue, then 503.
// Only the app's own screens are printed (web/src/app/screen-paths.ts); any other path is 400 at once.
// The PDF's issuer is the unit of the view (its `unit`, else the caller's own unit, which the app opens).
import { canSee } from '../auth/scope.ts';
import { SESSION_COOKIE } from '../auth/plugin.ts';
import { createHash } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { Context } from '../context.ts';
import { audit } from '../audit/hook.ts';
import { badRequest, forbidden, HttpError } from '../errors.ts';
import { prefersEnglish } from '../plugins/errors.ts';
import { acquireRenderer, ChromiumMissingError, RenderTimeoutError } from '../export/render.ts';
import {
  describeFilters,
  issuerOf,
  placeName,
  type Lang,
  type PdfFont,
  type ViewHeader,
} from '../export/view-header.ts';
import { SCREEN_PATHS } from '../../web/src/app/screen-paths.ts';

const PathParam = Type.String({
  minLength: 1,
  maxLength: 2000,
  description: 'an app path with its query, e.g. /targets?unit=291',
});
const PdfQuery = Type.Object({
  path: PathParam,
  orientation: Type.Optional(Type.Union([Type.Literal('portrait'), Type.Literal('landscape')])),
  font: Type.Optional(
    Type.Union([Type.Literal('app'), Type.Literal('times')], {
      description:
        "the type: the app's own (Noto Sans, default) or 'times': Times New Roman (Liberation Serif, the same " +
        'metrics), the administrative format of Decree 30/2020/NĐ-CP',
    }),
  ),
});
const PngQuery = Type.Object({
  path: PathParam,
  width: Type.Optional(Type.Integer({ minimum: 320, maximum: 3840, default: 1600 })),
});

export type ScreenPath = { path: string } | { refused: { vi: string; en: string } };

const shown = (text: string) => JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text);

/**
 * The screen `path` (an app path with its query, as the `path` parameter holds it) asks for, as Chromium
 * will open it, or why it is refused. The pathname is decoded once, strictly (a broken escape is refused),
 * and must then be exactly one of SCREEN_PATHS: no other route of this server (/api, /docs, /s/…, /fonts,
 * /assets), no other host (//…), no '..', no double or encoded slash.
 */
export function screenOf(path: string): ScreenPath {
  const no = (vi: string, en: string): ScreenPath => ({
    refused: {
      vi: `Không xuất được đường dẫn ${shown(path)}: ${vi}`,
      en: `Cannot export the path ${shown(path)}: ${en}`,
    },
  });
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  if (/[\u0000-\u001f\u007f\\]/.test(path))
    return no('có ký tự điều khiển hoặc dấu "\\".', 'it holds a control character or a backslash.');
  if (path.includes('#')) return no('không được có "#".', 'it may not hold "#".');
  const cut = path.indexOf('?');
  const [pathname, query] = cut < 0 ? [path, ''] : [path.slice(0, cut), path.slice(cut)];
  if (/%2f|%5c/i.test(pathname))
    return no('có dấu "/" hoặc "\\" được mã hoá (%2F, %5C).', 'it holds an encoded slash or backslash (%2F, %5C).');
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
    decodeURIComponent(query.replace(/\+/g, ' '));
  } catch {
    return no('có mã "%" hỏng (URL-encoding sai).', 'it holds a broken "%" escape (bad URL encoding).');
  }
  const list = SCREEN_PATHS.join(', ');
  if (!SCREEN_PATHS.includes(decoded))
    return no(
      `không phải màn hình của ứng dụng. Các màn hình: ${list}.`,
      `it is not a screen of this app. The screens: ${list}.`,
    );
  return { path: `${decoded}${query}` };
}

/** This server's own address, as Chromium will reach it. */
export function ownBaseUrl(request: FastifyRequest, ctx: Context): string {
  const addr = request.server.server.address();
  const port = addr && typeof addr === 'object' ? addr.port : ctx.config.port;
  // Listening on every interface: loopback; on one address: that one.
  const bound = addr && typeof addr === 'object' ? addr.address : '0.0.0.0';
  const host = bound === '0.0.0.0' || bound === '::' ? '127.0.0.1' : bound.includes(':') ? `[${bound}]` : bound;
  return `http://${host}:${port}`;
}

/** The place of a unit's documents: its name without its level ("Xã Nam Trung" → "Nam Trung"). */

const slug = (path: string) =>
  path
    .replace(/^\/+/, '')
    .split('?')[0]
    .replace(/[^a-z0-9]+/gi, '-')
    .replace(/^-|-$/g, '') || 'tong-quan';

export const viewExportRoutes: FastifyPluginAsyncTypebox<{ ctx: Context; chromiumPath?: string }> = async (
  app,
  { ctx, chromiumPath },
) => {
  const renderer = acquireRenderer(chromiumPath ?? (process.env.CHROMIUM_PATH || '/usr/bin/chromium'));
  app.addHook('onClose', () => renderer.release());

  /**
   * The header of a view: its issuer is the People's Committee of the view's unit (the `unit` of the path,
   * else `home`, the caller's own unit, which the app opens when the URL names none), dated at that unit's
   * place as Decree 30/2020 asks (a commune's documents at the commune, a district's at the district).
   */
  function header(path: string, lang: Lang, home: string | undefined): ViewHeader {
    const q = new URL(path, 'http://app.invalid').searchParams;
    const unit = ctx.units.get(q.get('unit') || home || '') ?? ctx.units.units.find((u) => u.parent_id === null);
    const name = (u: typeof unit) => (u ? (lang === 'en' && u.name_en ? u.name_en : u.name) : '');
    return {
      unitName: unit ? issuerOf(unit, lang) : '',
      place: placeName(unit?.name ?? 'Nam Sách'),
      date: new Date(),
      dataDate: Object.values(ctx.info.dataDates).sort().at(-1) ?? null,
      generated: ctx.info.generated,
      filters: describeFilters(q, lang, (id) => name(ctx.units.get(id)) || undefined),
      lang,
    };
  }

  async function exportView(
    request: FastifyRequest,
    reply: FastifyReply,
    format: 'pdf' | 'png',
    asked: string,
    opts: { orientation?: 'portrait' | 'landscape'; width?: number; font?: PdfFont },
  ) {
    const screen = screenOf(asked);
    if ('refused' in screen) throw badRequest(screen.refused.vi, screen.refused.en);
    const { path } = screen;
    const lang: Lang = /[?&]lang=en\b/.test(path) || prefersEnglish(request) ? 'en' : 'vi';
    const unit = new URL(path, 'http://app.invalid').searchParams.get('unit');
    if (unit && ctx.units.get(unit) && !canSee(ctx.units, request.scope, unit)) {
      throw forbidden(
        `Đơn vị "${ctx.units.get(unit)!.name}" nằm ngoài phạm vi của bạn.`,
        `Unit "${ctx.units.get(unit)!.name}" is outside your scope.`,
      );
    }
    const t0 = Date.now();
    let bytes: Buffer | null;
    // Chromium opens the view as the caller: a session of their account that may only read, ended
    // when the render is done (or expires in 3 minutes).
    const { id, session } = await ctx.auth.startSession(request.user!.username, 180_000, 'render');
    const cookies = [{ name: SESSION_COOKIE, value: app.signCookie(id) }];
    try {
      bytes = await renderer.render({
        baseUrl: ownBaseUrl(request, ctx),
        path,
        format,
        lang,
        header: header(path, lang, request.user?.unit_id),
        cookies,
        ...opts,
      });
    } catch (err) {
      if (err instanceof ChromiumMissingError)
        throw new HttpError(
          503,
          'chromium_missing',
          `Không xuất được ${format.toUpperCase()}: thiếu Chromium. ` +
            'Cài Chromium: apt-get install chromium (hoặc đặt CHROMIUM_PATH).',
          `Cannot export ${format.toUpperCase()}: Chromium is missing. ` +
            'Install Chromium: apt-get install chromium (or set CHROMIUM_PATH).',
        );
      if (err instanceof RenderTimeoutError)
        throw new HttpError(
          504,
          'render_timeout',
          'Màn hình tải quá lâu, chưa xuất được. Vui lòng thử lại.',
          'The view took too long to load. Please try again.',
        );
      throw err;
    } finally {
      await ctx.auth.endSession(session.idHash);
    }
    if (!bytes) {
      const message = prefersEnglish(request)
        ? 'Too many exports in progress, please try again in a few seconds.'
        : 'Đang xuất nhiều màn hình, vui lòng thử lại sau ít giây.';
      return reply.code(503).header('retry-after', '10').send({ statusCode: 503, error: 'busy', message });
    }
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    audit(request, { action: 'export', format, subject: path, bytes: bytes.length, sha256 });
    const day = new Date().toISOString().slice(0, 10);
    return reply
      .header('content-type', format === 'pdf' ? 'application/pdf' : 'image/png')
      .header('content-disposition', `attachment; filename="ioc06-${slug(path)}-${day}.${format}"`)
      .header('x-render-ms', String(Date.now() - t0))
      .header('cache-control', 'no-store')
      .send(bytes);
  }

  app.get(
    '/api/export/view.pdf',
    {
      config: { access: 'export' },
      schema: {
        summary: 'The view at `path` as an A4 PDF, rendered by headless Chromium',
        tags: ['export'],
        querystring: PdfQuery,
      },
    },
    async (request, reply) =>
      exportView(request, reply, 'pdf', request.query.path, {
        orientation: request.query.orientation,
        font: request.query.font,
      }),
  );
  app.get(
    '/api/export/view.png',
    {
      config: { access: 'export' },
      schema: {
        summary: 'The view at `path` as a full-page PNG of the given width',
        tags: ['export'],
        querystring: PngQuery,
      },
    },
    async (request, reply) => exportView(request, reply, 'png', request.query.path, { width: request.query.width }),
  );
};
