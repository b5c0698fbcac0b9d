// Sign-in, sign-out, the session's account (with its CSRF token and units) and changing one's own
// password. Wrong passwords (at sign-in, and the current one of a password change) are limited per
// address, per address and name, and per account from any address (server/auth/limiter.ts); failures
// say the same for an unknown name and a wrong password.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { ErrorSchema } from '../contracts/common.ts';
import { LoginSchema, MeSchema, PasswordChangeSchema } from '../contracts/auth.ts';
import type { Context } from '../context.ts';
import { HttpError, badRequest } from '../errors.ts';
import { auditEvent } from '../audit/hook.ts';
import { DUMMY_HASH, passwordProblem, verifyPassword } from '../auth/passwords.ts';
import { SESSION_COOKIE, cookieOptions, setSessionCookie, unauthorized, type CallerInfo } from '../auth/plugin.ts';
import { can, type Access } from '../auth/roles.ts';
import { canSee, scopeOfUnit } from '../auth/scope.ts';

/** A cross-site form cannot sign anyone in: a browser's Origin, when sent, must be this server. */
function sameOrigin(request: FastifyRequest): boolean {
  const origin = request.headers.origin;
  if (!origin) return true;
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}

/** 429 with Retry-After, in whole minutes for the person reading it. */
function tooMany(vi: string, en: string, retryAfter: number): HttpError {
  const minutes = Math.ceil(retryAfter / 60);
  return new HttpError(
    429,
    'too_many_attempts',
    `${vi} Vui lòng thử lại sau ${minutes} phút.`,
    `${en} Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
    retryAfter,
  );
}

/**
 * A wrong password for `username` counts; the lock-out of the account it may start is audited, once, with
 * the account's unit.
 */
async function wrongPassword(ctx: Context, request: FastifyRequest, username: string): Promise<void> {
  const { lockedUntil } = ctx.auth.limiter.fail(request.ip, username);
  if (lockedUntil === null) return;
  const unit = ctx.auth.get(username)?.unit_id;
  await auditEvent(
    request,
    'account_locked',
    `sign-in locked until ${new Date(lockedUntil).toISOString()}: too many wrong passwords from any address`,
    username,
    unit ? [unit] : [],
  );
}

/** The answer of /api/auth/me and of a sign-in: the account, its CSRF token, permissions and units. */
export function meAnswer(ctx: Context, user: CallerInfo) {
  const unitName = ctx.units.get(user.unit_id)?.name ?? user.unit_id;
  const scope = scopeOfUnit(ctx.units, user.unit_id);
  const visible = ctx.units.units.filter((u) => canSee(ctx.units, scope, u.unit_id));
  const { session: _, ...account } = user;
  return {
    account: { ...account, unit_name: unitName },
    csrf_token: user.session.csrf,
    expires_at: new Date(user.session.expires).toISOString(),
    can: (['read', 'export', 'ingest', 'admin'] as Access[]).filter((a) => can(user.role, a)),
    units: visible.map((u) => ({
      unit_id: u.unit_id,
      name: u.name,
      level: u.level,
      totals_only: scope.aggregates.has(u.unit_id),
    })),
  };
}

export const authRoutes: FastifyPluginAsyncTypebox<{ ctx: Context }> = async (app, { ctx }) => {
  const limiter = ctx.auth.limiter;
  const ttl = ctx.config.sessionHours * 3_600_000;
  const tags = ['auth'];

  app.post(
    '/api/auth/login',
    {
      config: { access: 'public' },
      schema: {
        summary:
          'Sign in: sets the session cookie (HttpOnly, SameSite=Strict) and returns the account with its CSRF token',
        tags,
        body: LoginSchema,
        response: { 200: MeSchema, 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 429: ErrorSchema },
      },
    },
    async (request, reply) => {
      if (!sameOrigin(request))
        throw new HttpError(
          403,
          'csrf',
          'Yêu cầu đăng nhập từ trang khác bị từ chối.',
          'Sign-in from another site is refused.',
        );
      const username = request.body.username.trim().toLowerCase();
      const limit = limiter.check(request.ip, username);
      if (!limit.allowed) {
        await auditEvent(request, 'login_failed', `rate limited (${limit.retryAfter} s)`, username);
        throw tooMany('Đăng nhập sai quá nhiều lần.', 'Too many failed sign-ins.', limit.retryAfter);
      }
      const account = ctx.auth.get(username);
      const hash = ctx.auth.passwordHash(username) ?? (await DUMMY_HASH);
      const ok = (await verifyPassword(request.body.password, hash)) && account !== undefined;
      if (!ok || !account.active) {
        await wrongPassword(ctx, request, username);
        await auditEvent(
          request,
          'login_failed',
          !account ? 'unknown user name' : !ok ? 'wrong password' : 'account disabled',
          username,
        );
        if (ok && !account.active)
          throw new HttpError(
            403,
            'disabled',
            'Tài khoản đã bị khoá. Liên hệ quản trị viên.',
            'This account is disabled. Contact an administrator.',
          );
        throw new HttpError(401, 'bad_credentials', 'Sai tên đăng nhập hoặc mật khẩu.', 'Wrong user name or password.');
      }
      limiter.succeed(request.ip, username);
      const { id, session } = await ctx.auth.startSession(username, ttl);
      setSessionCookie(reply, ctx, id);
      request.user = { ...account, session };
      await auditEvent(request, 'login', 'signed in', username);
      return meAnswer(ctx, request.user);
    },
  );

  app.post(
    '/api/auth/logout',
    {
      config: { access: 'public' },
      schema: {
        summary: 'Sign out: ends the session and clears the cookie',
        tags,
        response: { 204: Type.Unsafe<undefined>({ description: 'Signed out' }), 403: ErrorSchema },
      },
    },
    async (request, reply) => {
      if (request.user) {
        const token = request.headers['x-csrf-token'];
        if (token !== request.user.session.csrf)
          throw new HttpError(
            403,
            'csrf',
            'Thiếu hoặc sai mã chống giả mạo (CSRF). Hãy tải lại trang.',
            'Missing or wrong CSRF token. Reload the page.',
          );
        await ctx.auth.endSession(request.user.session.idHash);
        await auditEvent(request, 'logout', 'signed out');
      }
      reply.clearCookie(SESSION_COOKIE, { ...cookieOptions(ctx), maxAge: undefined });
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/auth/me',
    {
      config: { access: 'public' },
      schema: {
        summary: 'The signed-in account, its CSRF token, permissions and units (401 when not signed in)',
        tags,
        response: { 200: MeSchema, 401: ErrorSchema },
      },
    },
    async (request) => {
      // asking who one is reads no data: not in the audit log, signed in or not
      request.audited = true;
      if (!request.user) throw unauthorized();
      return meAnswer(ctx, request.user);
    },
  );

  app.post(
    '/api/auth/password',
    {
      config: { access: 'read' },
      schema: {
        summary:
          'Change your own password (other sessions of the account end); ' +
          'wrong current passwords are limited as sign-ins are',
        tags,
        body: PasswordChangeSchema,
        response: {
          204: Type.Unsafe<undefined>({ description: 'Changed' }),
          400: ErrorSchema,
          401: ErrorSchema,
          403: ErrorSchema,
          429: ErrorSchema,
        },
      },
    },
    async (request, reply) => {
      const user = request.user!;
      // a session (a borrowed one too) must not become a way to guess the password: counted as sign-ins
      const limit = limiter.check(request.ip, user.username);
      if (!limit.allowed) {
        await auditEvent(request, 'password_change_failed', `rate limited (${limit.retryAfter} s)`);
        throw tooMany('Nhập sai mật khẩu quá nhiều lần.', 'Too many wrong passwords.', limit.retryAfter);
      }
      if (!(await verifyPassword(request.body.current, ctx.auth.passwordHash(user.username) ?? ''))) {
        await wrongPassword(ctx, request, user.username);
        await auditEvent(request, 'password_change_failed', 'wrong current password');
        throw badRequest('Mật khẩu hiện tại không đúng.', 'The current password is wrong.');
      }
      limiter.succeed(request.ip, user.username);
      const problem = passwordProblem(request.body.next, user.username);
      if (problem) throw badRequest(problem.vi, problem.en);
      await ctx.auth.setPassword(user.username, request.body.next, { keepSession: user.session.idHash });
      await auditEvent(request, 'password_change', 'own password changed');
      return reply.code(204).send();
    },
  );
};
