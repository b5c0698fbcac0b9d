// API keys' administration (role admin, issue 20): GET /api/admin/keys (the keys of the admin's units),
// POST /api/admin/keys (a new key: its token is in this answer only) and POST /api/admin/keys/:id/revoke.
// An admin gives a key only units within its own scope, and sees or revokes only such keys; another key
// answers as missing (404). The admin screen's tab "Khóa API" (web/src/views/admin/Keys.tsx) calls these.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { auditEvent } from '../audit/hook.ts';
import { inDetail } from '../auth/scope.ts';
import { expiryInstant, parseAllowed, vnToday } from '../auth/keys.ts';
import { ErrorSchema } from '../contracts/common.ts';
import type { ApiKey } from '../contracts/open-data.ts';
import { ApiKeySchema, KeyCreateSchema } from '../contracts/keys.ts';
import type { Context } from '../context.ts';
import { HttpError, badRequest, forbidden, notFound } from '../errors.ts';

/** The longest a key may live: three years from today. */
const MAX_YEARS = 3;
const KeyParamsSchema = Type.Object({ id: Type.String({ pattern: '^[0-9a-f]{12}$' }) });

export const keyRoutes: FastifyPluginAsyncTypebox<{ ctx: Context }> = async (app, { ctx }) => {
  const tags = ['admin'];
  const config = { access: 'admin' as const };
  const manages = (request: FastifyRequest, k: ApiKey) => k.units.every((u) => inDetail(ctx.units, request.scope, u));
  const listed = (k: ApiKey) => ({
    ...k,
    unit_names: k.units.map((u) => ctx.units.get(u)?.name ?? u),
    state: k.revoked_at
      ? ('revoked' as const)
      : Date.now() >= expiryInstant(k.expires)
        ? ('expired' as const)
        : ('active' as const),
  });
  /** A key of the admin's units; another answers as if there were none (404, not 403). */
  const managed = (request: FastifyRequest, id: string): ApiKey => {
    const k = ctx.keys.get(id);
    if (!k || !manages(request, k)) throw notFound(`Không có khóa API "${id}".`, `No API key "${id}".`);
    return k;
  };

  app.get(
    '/api/admin/keys',
    {
      config,
      schema: {
        summary: 'The API keys of your units, newest first (never their secrets)',
        tags,
        response: { 200: Type.Object({ keys: Type.Array(ApiKeySchema) }) },
      },
    },
    async (request) => {
      const keys = ctx.keys
        .list()
        .filter((k) => manages(request, k))
        .map(listed);
      request.auditNote = {
        units: [...new Set(keys.flatMap((k) => k.units))],
        rows: keys.length,
        detail: 'keys listed',
      };
      return { keys };
    },
  );

  app.post(
    '/api/admin/keys',
    {
      config,
      schema: {
        summary: "Create an API key for another agency's system; its token is returned in this answer only",
        description:
          'The client sends the token as `Authorization: Bearer <token>`. Only its SHA-256 is stored: a lost token ' +
          'cannot be shown again (revoke the key and make another).',
        tags,
        body: KeyCreateSchema,
        response: {
          201: Type.Object({ key: ApiKeySchema, token: Type.String() }),
          400: ErrorSchema,
          403: ErrorSchema,
          409: ErrorSchema,
        },
      },
    },
    async (request, reply) => {
      const b = request.body;
      const name = b.name.trim();
      const agency = b.agency.trim();
      if (!name || !agency)
        throw badRequest('Tên khóa và cơ quan không được để trống.', 'The key needs a name and an agency.');
      if (ctx.keys.hasName(name))
        throw new HttpError(
          409,
          'conflict',
          `Đã có khóa API tên "${name}". Hãy đặt tên khác (ví dụ thêm năm).`,
          `There is already an API key named "${name}". Choose another name (add the year, for example).`,
        );
      for (const u of b.units) {
        const unit = ctx.units.get(u);
        if (!unit) throw badRequest(`Không có đơn vị "${u}".`, `No unit "${u}".`);
        if (!inDetail(ctx.units, request.scope, u))
          throw forbidden(
            `Đơn vị "${unit.name}" nằm ngoài phạm vi quản trị của bạn.`,
            `Unit "${unit.name}" is outside the units you administer.`,
          );
      }
      const day = new Date(`${b.expires}T00:00:00Z`);
      if (Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== b.expires)
        throw badRequest(`Hạn dùng: không có ngày ${b.expires}.`, `Expiry: there is no day ${b.expires}.`);
      const today = vnToday();
      const last = `${Number(today.slice(0, 4)) + MAX_YEARS}${today.slice(4)}`;
      if (b.expires < today || b.expires > last)
        throw badRequest(
          `Hạn dùng phải từ hôm nay (${today}) đến ${last}.`,
          `The expiry must be between today (${today}) and ${last}.`,
        );
      const allowed = (b.allowed ?? []).map((a) => a.trim()).filter((a) => a !== '');
      const bad = allowed.filter((a) => parseAllowed(a) === null);
      if (bad.length > 0)
        throw badRequest(
          `Địa chỉ được phép không hợp lệ: ${bad.join(', ')} (cần địa chỉ IPv4/IPv6 hoặc dải CIDR như 10.0.0.0/24).`,
          `Not an allowed address: ${bad.join(', ')} (an IPv4/IPv6 address or a CIDR range like 10.0.0.0/24).`,
        );
      const { key, token } = await ctx.keys.create(
        { name, agency, units: b.units, domains: b.domains, expires: b.expires, allowed },
        request.user!.username,
      );
      await auditEvent(
        request,
        'key_create',
        `${key.name} (${key.id}) for ${key.agency}: ${key.domains.join(', ')} until ${key.expires}` +
          (key.allowed.length ? ` from ${key.allowed.join(', ')}` : ''),
        undefined,
        key.units,
      );
      return reply.code(201).send({ key: listed(key), token });
    },
  );

  app.post(
    '/api/admin/keys/:id/revoke',
    {
      config,
      schema: {
        summary: 'Revoke an API key at once: its next request gets 401',
        tags,
        params: KeyParamsSchema,
        response: { 200: ApiKeySchema, 404: ErrorSchema, 409: ErrorSchema },
      },
    },
    async (request) => {
      const k = managed(request, request.params.id);
      if (!(await ctx.keys.revoke(k.id, request.user!.username)))
        throw new HttpError(
          409,
          'conflict',
          `Khóa API "${k.name}" đã bị thu hồi trước đó.`,
          `API key "${k.name}" was already revoked.`,
        );
      await auditEvent(request, 'key_revoke', `${k.name} (${k.id})`, undefined, k.units);
      return listed(ctx.keys.get(k.id)!);
    },
  );
};
