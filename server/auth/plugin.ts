// Who is asking, and may they: reads the signed session cookie, sets request.user and request.scope
// (computed on the server from the account's unit), checks the route's permission (config.access),
// checks the CSRF token on every state-changing request, and writes each read of data, each refusal
// and each export to the audit log once the answer is sent. A machine client sends an API key instead
// (`Authorization: Bearer ioc06_…`, server/auth/keys.ts): request.apiKey, its units as the scope, and only
// GET routes whose config names `keys` (server/contracts/open-data.ts), within its domains, addresses and rate.
import fp from 'fastify-plugin';
import cookie from '@fastify/cookie';
import { timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Context } from '../context.ts';
import { HttpError } from '../errors.ts';
import { auditFromRequest } from '../audit/hook.ts';
import { can, type Access } from './roles.ts';
import { makeScope, scopeOfUnit, type Scope } from './scope.ts';
import type { Account, Session } from './store.ts';
import { KeyRateLimiter, type KeyFailure } from './keys.ts';
import type { ApiKey } from '../contracts/open-data.ts';

export const SESSION_COOKIE = 'ioc06_sid';
export const CSRF_HEADER = 'x-csrf-token';

export interface CallerInfo extends Account {
  session: Session;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** the signed-in account, or null */
    user: CallerInfo | null;
    /** the base units (and totals) this request may read */
    scope: Scope;
    /** what a data route returned, for the audit log (set by routes; see audit/hook.ts) */
    auditNote: { units?: string[]; rows?: number; detail?: string } | null;
    /** set when the route wrote its own audit record (exports, snapshots) */
    audited: boolean;
  }
  interface FastifyContextConfig {
    /** who may call the route; /api and /s routes without it need 'read' */
    access?: Access;
  }
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Data routes (the API and share links), by the pattern a route was registered with. */
const DATA_ROUTE = /^\/(api|s)(\/|$)/;

/** A route's permission: its own config.access, else 'read' for a data route, else public (the web app's files). */
export const routeAccess = (url: string, own: Access | undefined): Access =>
  own ?? (DATA_ROUTE.test(url) ? 'read' : 'public');

/**
 * The permission a request needs, from the route the router matched (its registered pattern and
 * config), never from the URL as sent: "/%61pi/units" reaches the handler of "/api/units" and gets its
 * check. A request that matched no route reaches no handler (the 404 answer) and needs nothing.
 */
export function accessOf(request: FastifyRequest): Access {
  const route = request.routeOptions.url;
  return route === undefined ? 'public' : routeAccess(route, request.routeOptions.config?.access);
}

/** Whether the answer to a request is written to the audit log: every data route but health, by the matched route. */
export function auditedRoute(request: FastifyRequest): boolean {
  const route = request.routeOptions.url;
  return route !== undefined && DATA_ROUTE.test(route) && route !== '/api/health';
}

/** The token of an `Authorization: Bearer …` header ('' when the header names Bearer without one), or null. */
export function bearerToken(header: string | undefined): string | null {
  const m = header === undefined ? null : /^Bearer(?:\s+(.*))?$/i.exec(header.trim());
  return m ? (m[1] ?? '').trim() : null;
}

const KEY_401: Record<KeyFailure, [string, string, string]> = {
  wrong: ['key_invalid', 'Khóa API sai hoặc không tồn tại.', 'Wrong or unknown API key.'],
  expired: ['key_expired', 'Khóa API đã hết hạn.', 'The API key has expired.'],
  revoked: ['key_revoked', 'Khóa API đã bị thu hồi.', 'The API key has been revoked.'],
};
const keyForbidden = (vi: string, en: string) => new HttpError(403, 'key_forbidden', vi, en);

export const unauthorized = () =>
  new HttpError(401, 'unauthorized', 'Vui lòng đăng nhập để xem số liệu.', 'Please sign in to see the data.');

const sameToken = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** The session cookie's options: signed, HttpOnly, SameSite=Strict, for the whole site. */
export function cookieOptions(ctx: Context) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'strict' as const,
    secure: ctx.config.cookieSecure,
    signed: true,
    maxAge: Math.round(ctx.config.sessionHours * 3600),
  };
}

export function setSessionCookie(reply: FastifyReply, ctx: Context, id: string): void {
  reply.setCookie(SESSION_COOKIE, id, cookieOptions(ctx));
}

const authPlugin: FastifyPluginAsync<{ ctx: Context }> = async (app, { ctx }) => {
  await app.register(cookie, { secret: ctx.auth.secret, hook: 'onRequest' });
  const ttl = ctx.config.sessionHours * 3_600_000;
  const none = makeScope([]);
  // One scope object per unit until the units change (an import through the server): no set is built per
  // request, and the live hub serialises a message once per scope.
  const scopes = new Map<string, Scope>();
  ctx.unitListeners.push(() => scopes.clear());
  const scopeOf = (unitId: string): Scope => {
    let s = scopes.get(unitId);
    if (!s) scopes.set(unitId, (s = scopeOfUnit(ctx.units, unitId)));
    return s;
  };
  app.decorateRequest('user', null);
  app.decorateRequest('apiKey', null);
  app.decorateRequest('scope', null as unknown as Scope);
  app.decorateRequest('auditNote', null);
  app.decorateRequest('audited', false);
  app.decorate('ctx', ctx);

  // A key reads its units in detail (and below), never a total above them.
  const keyScopes = new Map<string, Scope>();
  ctx.unitListeners.push(() => keyScopes.clear());
  const keyScope = (key: ApiKey): Scope => {
    let s = keyScopes.get(key.id);
    if (!s) keyScopes.set(key.id, (s = makeScope(key.units.flatMap((u) => ctx.units.members(u)))));
    return s;
  };
  const rate = new KeyRateLimiter(ctx.config.keyRate);

  /** A request with a key, on a route that is not public: who, from where, how often, what. */
  const keyRequest = (request: FastifyRequest, reply: FastifyReply, token: string): void => {
    const found = ctx.keys.verify(token);
    if ('failure' in found) {
      const [code, vi, en] = KEY_401[found.failure];
      reply.header('www-authenticate', `Bearer realm="ioc06", error="invalid_token"`);
      throw new HttpError(401, code, vi, en);
    }
    const key = found.key;
    request.apiKey = key;
    request.scope = keyScope(key);
    if (!ctx.keys.allows(key.id, request.ip)) {
      throw keyForbidden(
        `Khóa API "${key.name}" không được dùng từ địa chỉ ${request.ip}.`,
        `API key "${key.name}" may not be used from address ${request.ip}.`,
      );
    }
    const wait = rate.take(key.id);
    if (wait > 0) {
      // one refusal a minute in the audit log, not one per request of a client past its limit
      if (!rate.logRefusal(key.id)) request.audited = true;
      throw new HttpError(
        429,
        'key_rate_limited',
        `Khóa API "${key.name}" đã gửi quá ${ctx.config.keyRate} yêu cầu trong một phút. Hãy thử lại sau ${wait} giây.`,
        `API key "${key.name}" sent more than ${ctx.config.keyRate} requests in a minute. Try again in ${wait} s.`,
        wait,
      );
    }
    ctx.keys.touch(key.id);
    const route = request.routeOptions.url;
    const rule = request.routeOptions.config?.keys;
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      throw keyForbidden(
        `Khóa API chỉ được đọc (GET), không được ${request.method} ${route}.`,
        `An API key may only read (GET), not ${request.method} ${route}.`,
      );
    }
    if (rule === undefined) {
      throw keyForbidden(
        `Khóa API không được gọi ${route}: chỉ các tuyến đọc dữ liệu dành cho hệ thống khác.`,
        `An API key may not call ${route}: only the data routes open to other systems.`,
      );
    }
    const domain = typeof rule === 'function' ? rule(request) : rule;
    // null: the route itself answers (404 for an unknown indicator or dataset)
    if (domain !== null && domain !== 'any' && !key.domains.includes(domain)) {
      throw keyForbidden(
        `Khóa API "${key.name}" không có quyền đọc lĩnh vực "${domain}" (${route}).`,
        `API key "${key.name}" may not read the domain "${domain}" (${route}).`,
      );
    }
  };

  app.addHook('onRequest', async (request, reply) => {
    request.scope = none;
    // a request with a key is a machine client's: a session cookie beside it is not read
    const token = bearerToken(request.headers.authorization);
    if (token !== null) {
      if (accessOf(request) !== 'public') keyRequest(request, reply, token);
      return;
    }
    const raw = request.cookies[SESSION_COOKIE];
    if (raw) {
      const unsigned = request.unsignCookie(raw);
      const found = unsigned.valid && unsigned.value ? ctx.auth.session(unsigned.value, ttl) : undefined;
      if (found) {
        request.user = { ...found.account, session: found.session };
        request.scope = scopeOf(found.account.unit_id);
        // the cookie lives as long as the session: renewed with the sliding expiry (a wall screen stays signed in)
        if (found.renewed) setSessionCookie(reply, ctx, unsigned.value!);
      }
    }
    const access = accessOf(request);
    if (access === 'public') return;
    if (!request.user) {
      // a share link opened by someone not signed in: the app's sign-in, then back to the link
      const shareId = (request.params as { id?: unknown } | undefined)?.id;
      if (
        request.method === 'GET' &&
        request.routeOptions.url === '/s/:id' &&
        typeof shareId === 'string' &&
        /^[A-Za-z0-9_-]+$/.test(shareId)
      ) {
        return reply.redirect(`/?next=${encodeURIComponent(`/s/${shareId}`)}`, 303);
      }
      throw unauthorized();
    }
    if (!can(request.user.role, access)) {
      throw new HttpError(403, 'forbidden', 'Tài khoản của bạn không có quyền này.', 'Your account may not do this.');
    }
    // A render session (the server's own Chromium printing a view for someone) may only read.
    if (request.user.session.purpose === 'render' && (access !== 'read' || !SAFE.has(request.method))) {
      throw new HttpError(403, 'forbidden', 'Phiên in chỉ được đọc số liệu.', 'A render session may only read.');
    }
    if (!SAFE.has(request.method)) {
      const token = request.headers[CSRF_HEADER];
      if (typeof token !== 'string' || !sameToken(token, request.user.session.csrf)) {
        throw new HttpError(
          403,
          'csrf',
          'Thiếu hoặc sai mã chống giả mạo (CSRF). Hãy tải lại trang.',
          'Missing or wrong CSRF token. Reload the page.',
        );
      }
    }
  });

  // Reads of data, refusals: one audit record each, after the answer is sent.
  app.addHook('onResponse', async (request, reply) => {
    if (request.audited || !auditedRoute(request)) return;
    const status = reply.statusCode;
    const access = accessOf(request);
    if (status === 401 || status === 403) {
      await auditFromRequest(ctx, request, { action: 'denied', status });
      return;
    }
    if (access === 'public' || request.method === 'OPTIONS' || request.method === 'HEAD') return;
    // any other refusal of a signed-in caller (a bad parameter, a unit or snapshot that is not there or
    // not theirs, a rejected batch): probing leaves a trace too
    if (status >= 400 && status < 500) {
      await auditFromRequest(ctx, request, { action: 'refused', status });
      return;
    }
    if (status >= 400) return;
    // admin reads (the account list, the audit log) are reads too: their routes note what they read
    if (access === 'read' || access === 'admin') await auditFromRequest(ctx, request, { action: 'read', status });
    else if (access === 'ingest') await auditFromRequest(ctx, request, { action: 'ingest', status });
  });
};

export default fp(authPlugin, { name: 'auth' });
