// The leader's brief (issue 19): briefs kept and made by hand (GET/POST /api/briefs, GET /api/briefs/:id and its
// PDF), the subscriptions (/api/briefs/schedules) and, for administrators, the e-mail deliveries. A brief is about
// one unit and holds that unit's figures and its children's only, so whoever may read the unit in detail may read
// the brief (inDetail, from the account's scope); anyone else gets 403, and a brief of a unit outside the scope is
// never listed. A subscriber subscribes themselves; an administrator may subscribe an account of their units.
// Everything made, opened, subscribed or sent is audited (server/briefs/service.ts writes the scheduler's records).
import { createHash } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { Context } from '../context.ts';
import { inDetail, scopeOfUnit } from '../auth/scope.ts';
import { audit, auditEvent, noteRead } from '../audit/hook.ts';
import { badRequest, forbidden, HttpError, notFound } from '../errors.ts';
import { prefersEnglish } from '../plugins/errors.ts';
import { ErrorSchema } from '../contracts/common.ts';
import {
  BriefAnswerSchema,
  BriefCreateSchema,
  BriefListSchema,
  BriefParamsSchema,
  BriefSummarySchema,
  DeliveryListSchema,
  DeliverySchema,
  ScheduleCreateSchema,
  ScheduleListSchema,
  ScheduleSchema,
  ScheduleUpdateSchema,
} from '../contracts/briefs.ts';
import { ChromiumMissingError, RenderTimeoutError } from '../export/render.ts';
import { BriefBusyError, type BriefService } from '../briefs/service.ts';
import { checkSpec, parsePeriodId, reportedPeriod } from '../briefs/slots.ts';
import type { StoredSchedule } from '../briefs/store.ts';

/** At most this many subscriptions per account (a form cannot fill the scheduler). */
export const MAX_SCHEDULES_PER_ACCOUNT = 20;
/** A plain e-mail address: one @, no spaces, no markup, no header breaks. */
const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]+$/;

const unitName = (ctx: Context, id: string) => ctx.units.get(id)?.name ?? id;

function mayRead(ctx: Context, request: FastifyRequest, unit: string): void {
  if (!ctx.units.get(unit))
    throw notFound(`Không có đơn vị hành chính mã "${unit}".`, `No administrative unit "${unit}".`);
  if (!inDetail(ctx.units, request.scope, unit))
    throw forbidden(
      `Đơn vị "${unitName(ctx, unit)}" nằm ngoài phạm vi của bạn.`,
      `Unit "${unitName(ctx, unit)}" is outside your scope.`,
    );
}

function renderFailure(err: unknown): never {
  if (err instanceof BriefBusyError)
    throw new HttpError(
      503,
      'busy',
      'Đang tạo nhiều báo cáo, vui lòng thử lại sau ít giây.',
      'Too many reports in progress, please try again in a few seconds.',
    );
  if (err instanceof ChromiumMissingError)
    throw new HttpError(
      503,
      'chromium_missing',
      'Không tạo được PDF: thiếu Chromium. Cài Chromium: apt-get install chromium (hoặc đặt CHROMIUM_PATH).',
      'Cannot make the PDF: Chromium is missing. Install Chromium: apt-get install chromium (or set CHROMIUM_PATH).',
    );
  if (err instanceof RenderTimeoutError)
    throw new HttpError(504, 'render_timeout', 'Tạo PDF quá lâu, vui lòng thử lại.', 'The PDF took too long.');
  throw err;
}

export const briefRoutes: FastifyPluginAsyncTypebox<{ ctx: Context; briefs: BriefService }> = async (
  app,
  { ctx, briefs },
) => {
  const tags = ['briefs'];
  const errors = { 400: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema };

  /** Units the caller may read in detail, of those given. */
  const readable = (request: FastifyRequest, units: Iterable<string>) =>
    [...new Set(units)].filter((u) => ctx.units.get(u) && inDetail(ctx.units, request.scope, u));

  /** A kept brief the caller may read (404, 403). */
  async function readableBrief(request: FastifyRequest, id: string) {
    const b = await briefs.store.get(id);
    if (!b) throw notFound(`Không có báo cáo ${id}.`, `No report ${id}.`);
    mayRead(ctx, request, b.unit);
    return b;
  }

  /** The deliveries a caller sees: an admin all, another account its own. */
  const visibleDeliveries = async (request: FastifyRequest, ids: string[]) => {
    const all = await briefs.deliveries.listForBriefs(ids);
    return request.user?.role === 'admin' ? all : all.filter((d) => d.account === request.user?.username);
  };

  app.get(
    '/api/briefs',
    {
      schema: {
        summary: 'The briefs the caller may read (about units of their scope), newest first',
        tags,
        querystring: Type.Object({ unit: Type.Optional(Type.String({ minLength: 1, maxLength: 32 })) }),
        response: { 200: BriefListSchema, ...errors },
      },
    },
    async (request) => {
      const { unit } = request.query;
      if (unit) mayRead(ctx, request, unit);
      const units = unit
        ? [unit]
        : readable(
            request,
            ctx.units.units.map((u) => u.unit_id),
          );
      const kept = await briefs.store.list(units);
      const deliveries = await visibleDeliveries(
        request,
        kept.map((b) => b.id),
      );
      noteRead(
        request,
        kept.map((b) => b.unit),
        kept.length,
      );
      return { briefs: kept.map((b) => briefs.summaryOf(b, deliveries)) };
    },
  );

  app.post(
    '/api/briefs',
    {
      schema: {
        summary: 'Make a brief now: a unit, a period (default: the last one ended) and a language',
        tags,
        body: BriefCreateSchema,
        response: { 201: BriefSummarySchema, ...errors, 503: ErrorSchema, 504: ErrorSchema },
      },
    },
    async (request, reply) => {
      const { unit, kind } = request.body;
      mayRead(ctx, request, unit);
      let period;
      try {
        period = request.body.period ? parsePeriodId(request.body.period) : reportedPeriod(kind, briefs.now());
      } catch (err) {
        throw badRequest(
          `Kỳ "${request.body.period}" không hợp lệ: ${(err as Error).message}`,
          `Bad period "${request.body.period}": ${(err as Error).message}`,
        );
      }
      if (period.kind !== kind)
        throw badRequest(
          `Kỳ "${period.id}" không phải kỳ loại ${kind}.`,
          `The period "${period.id}" is not a ${kind}.`,
        );
      const dataDate = Object.values(ctx.info.dataDates).sort().at(-1);
      if (dataDate && period.from > dataDate)
        throw badRequest(
          `Kỳ ${period.label_vi} chưa có số liệu (số liệu đến ngày ${dataDate}).`,
          `The period ${period.label_en} has no data yet (data as of ${dataDate}).`,
        );
      const lang = request.body.lang ?? (prefersEnglish(request) ? 'en' : 'vi');
      const made = await briefs
        .make({ unit, period, lang, account: request.user!.username })
        .catch((err: unknown) => renderFailure(err));
      request.audited = true; // the service wrote brief_create with the PDF's size and hash
      return reply.code(201).send(briefs.summaryOf(made, []));
    },
  );

  app.get(
    '/api/briefs/schedules',
    {
      schema: {
        summary: "The caller's subscriptions; an administrator sees every subscription of their units",
        tags,
        response: { 200: ScheduleListSchema },
      },
    },
    async (request) => {
      const me = request.user!;
      const all = await briefs.store.schedules();
      const mine = all.filter((s) =>
        me.role === 'admin' ? inDetail(ctx.units, request.scope, s.unit) : s.account === me.username,
      );
      noteRead(
        request,
        mine.map((s) => s.unit),
        mine.length,
      );
      const runs = await briefs.store.lastRuns();
      return { schedules: mine.map((s) => briefs.scheduleOf(s, runs.get(s.id))) };
    },
  );

  app.post(
    '/api/briefs/schedules',
    {
      schema: {
        summary:
          'Subscribe to a brief: a unit, a period kind, the weekday or day of the month and a time in Vietnam ' +
          '(Asia/Ho_Chi_Minh); an administrator may subscribe an account of their units',
        tags,
        body: ScheduleCreateSchema,
        response: { 201: ScheduleSchema, ...errors },
      },
    },
    async (request, reply) => {
      const me = request.user!;
      const body = request.body;
      const account = body.account ?? me.username;
      const subscriber = ctx.auth.get(account);
      if (account !== me.username) {
        if (me.role !== 'admin')
          throw forbidden(
            'Chỉ quản trị viên mới đăng ký cho tài khoản khác.',
            'Only an administrator may subscribe another account.',
          );
        if (!subscriber || !inDetail(ctx.units, request.scope, subscriber.unit_id))
          throw notFound(
            `Không có tài khoản "${account}" trong đơn vị của bạn.`,
            `No account "${account}" in your units.`,
          );
      }
      if (!subscriber?.active)
        throw badRequest(`Tài khoản "${account}" đã bị khoá.`, `The account "${account}" is disabled.`);
      if (!ctx.units.get(body.unit))
        throw notFound(`Không có đơn vị hành chính mã "${body.unit}".`, `No administrative unit "${body.unit}".`);
      if (!inDetail(ctx.units, scopeOfUnit(ctx.units, subscriber.unit_id), body.unit))
        throw forbidden(
          `Đơn vị "${unitName(ctx, body.unit)}" nằm ngoài phạm vi của tài khoản "${account}".`,
          `Unit "${unitName(ctx, body.unit)}" is outside the scope of the account "${account}".`,
        );
      const spec = {
        kind: body.kind,
        weekday: body.kind === 'week' ? (body.weekday ?? null) : null,
        day: body.kind === 'week' ? null : (body.day ?? null),
        time: body.time,
      };
      const wrong = checkSpec(spec);
      if (wrong) throw badRequest(wrong, wrong);
      const email = body.email?.trim() || null;
      if (email !== null && !EMAIL.test(email))
        throw badRequest(`Địa chỉ thư "${email}" không hợp lệ.`, `"${email}" is not an e-mail address.`);
      const all = await briefs.store.schedules();
      if (all.filter((s) => s.account === account).length >= MAX_SCHEDULES_PER_ACCOUNT)
        throw badRequest(
          `Tài khoản "${account}" đã có ${MAX_SCHEDULES_PER_ACCOUNT} lịch nhận báo cáo; hãy huỷ bớt trước.`,
          `The account "${account}" has ${MAX_SCHEDULES_PER_ACCOUNT} subscriptions already; cancel one first.`,
        );
      const now = briefs.now().toISOString();
      const schedule: StoredSchedule = {
        id: `s${createHash('sha256').update(`${account}|${now}|${Math.random()}`).digest('hex').slice(0, 16)}`,
        account,
        unit: body.unit,
        ...spec,
        lang: body.lang ?? 'vi',
        email,
        active: true,
        created_by: me.username,
        created_at: now,
        last_slot: null,
      };
      await briefs.store.insertSchedule(schedule);
      await auditEvent(
        request,
        'brief_schedule',
        `${schedule.id} ${account} ${body.kind} ${spec.weekday ?? spec.day} ${body.time}${email ? ` → ${email}` : ''}`,
        me.username,
        [body.unit],
      );
      return reply.code(201).send(briefs.scheduleOf(schedule, undefined));
    },
  );

  /** A subscription the caller may change: their own, or (an admin) one of their units; else 404. */
  async function ownSchedule(request: FastifyRequest, id: string): Promise<StoredSchedule> {
    const s = await briefs.store.schedule(id);
    const me = request.user!;
    const may = s && (s.account === me.username || (me.role === 'admin' && inDetail(ctx.units, request.scope, s.unit)));
    if (!s || !may) throw notFound(`Không có lịch nhận báo cáo ${id}.`, `No subscription ${id}.`);
    return s;
  }

  app.patch(
    '/api/briefs/schedules/:id',
    {
      schema: {
        summary: 'Pause or resume a subscription',
        tags,
        params: BriefParamsSchema,
        body: ScheduleUpdateSchema,
        response: { 200: ScheduleSchema, ...errors },
      },
    },
    async (request) => {
      const s = await ownSchedule(request, request.params.id);
      await briefs.store.setActive(s.id, request.body.active);
      await auditEvent(request, 'brief_schedule_change', `${s.id} active=${request.body.active}`, undefined, [s.unit]);
      // a resumed schedule starts from now: the slots it was paused over are not caught up
      if (request.body.active && !s.active) await briefs.store.setLastSlot(s.id, briefs.now().toISOString());
      return briefs.scheduleOf((await briefs.store.schedule(s.id))!, (await briefs.store.lastRuns()).get(s.id));
    },
  );

  app.delete(
    '/api/briefs/schedules/:id',
    {
      schema: {
        summary: 'Cancel a subscription (kept, ended, for the record)',
        tags,
        params: BriefParamsSchema,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      const s = await ownSchedule(request, request.params.id);
      await briefs.store.end(s.id, briefs.now().toISOString());
      await auditEvent(request, 'brief_schedule_change', `${s.id} cancelled`, undefined, [s.unit]);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/briefs/deliveries',
    {
      config: { access: 'admin' },
      schema: {
        summary: "The e-mail deliveries of briefs of the administrator's units, newest first",
        tags,
        response: { 200: DeliveryListSchema },
      },
    },
    async (request) => {
      const all = await briefs.deliveries.list(500);
      const byId = await briefs.store.byIds([...new Set(all.map((d) => d.brief))]);
      const mine = all.filter((d) => {
        const b = byId.get(d.brief);
        return b && inDetail(ctx.units, request.scope, b.unit);
      });
      noteRead(
        request,
        mine.map((d) => byId.get(d.brief)!.unit),
        mine.length,
      );
      return { deliveries: mine.map((d) => briefs.deliveryOf(d, byId.get(d.brief)!)) };
    },
  );

  app.post(
    '/api/briefs/deliveries/:id/retry',
    {
      config: { access: 'admin' },
      schema: {
        summary: 'Send a delivery again now (after a failure)',
        tags,
        params: BriefParamsSchema,
        response: { 200: DeliverySchema, ...errors },
      },
    },
    async (request) => {
      const d = await briefs.deliveries.get(request.params.id);
      const b = d && (await briefs.store.get(d.brief));
      if (!d || !b || !inDetail(ctx.units, request.scope, b.unit))
        throw notFound(`Không có lần gửi ${request.params.id}.`, `No delivery ${request.params.id}.`);
      const again = await briefs.deliveries.retry(d.id, briefs.now());
      if (!again) throw badRequest(`Thư ${d.id} đã gửi xong, không gửi lại.`, `The delivery ${d.id} was sent already.`);
      await auditEvent(request, 'brief_schedule_change', `delivery ${d.id} retried`, undefined, [b.unit]);
      void briefs.tick().catch((err: unknown) => request.log.error({ err }, 'brief tick failed'));
      return briefs.deliveryOf(again, b);
    },
  );

  app.get(
    '/api/briefs/:id',
    {
      schema: {
        summary: 'A brief with its content (the figures its PDF shows)',
        tags,
        params: BriefParamsSchema,
        response: { 200: BriefAnswerSchema, ...errors },
      },
    },
    async (request) => {
      const b = await readableBrief(request, request.params.id);
      const units = [b.unit, ...b.content.lagging.map((l) => l.unit)];
      noteRead(request, units, b.content.targets.length + b.content.figures.length);
      return { ...briefs.summaryOf(b, await visibleDeliveries(request, [b.id])), content: b.content };
    },
  );

  app.get(
    '/api/briefs/:id.pdf',
    {
      schema: {
        summary: "A brief's PDF (A4, Decree 30/2020's format)",
        tags,
        params: BriefParamsSchema,
        querystring: Type.Object({
          download: Type.Optional(Type.Literal('1', { description: '1: as an attachment (saved), else shown' })),
        }),
      },
    },
    async (request, reply) => {
      const b = await readableBrief(request, request.params.id);
      const pdf = await briefs.store.pdf(b.id);
      if (!pdf) throw notFound(`Không có báo cáo ${b.id}.`, `No report ${b.id}.`);
      const bytes = Buffer.from(pdf);
      audit(request, {
        action: 'brief_open',
        format: 'pdf',
        subject: `${b.id} ${b.number}`,
        units: [b.unit, ...b.content.lagging.map((l) => l.unit)],
        bytes: bytes.length,
        sha256: createHash('sha256').update(bytes).digest('hex'),
      });
      const download = request.query.download === '1';
      return reply
        .header('content-type', 'application/pdf')
        .header(
          'content-disposition',
          `${download ? 'attachment' : 'inline'}; filename="bao-cao-${b.unit}-${b.period}.pdf"`,
        )
        .header('cache-control', 'private, no-store')
        .send(bytes);
    },
  );
};
