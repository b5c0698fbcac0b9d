// Who is asking, and may they: reads the signed session cookie, sets request.user and request.scope
// (computed on the server from the account's unit), checks the route's permission (config.access),
// checks the CSRF token on every state-changing request, and writes each read of data, each refusal
// and each export to the audit log once the answer is sent.
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
  app.decorateRequest('scope', null as unknown as Scope);
  app.decorateRequest('auditNote', null);
  app.decorateRequest('audited', false);
  app.decorate('ctx', ctx);

  app.addHook('onRequest', async (request, reply) => {
    request.scope = none;
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
