// Signing in for tests: creates an account (role, unit) in the test store, signs in through
// POST /api/auth/login like a browser, and returns the cookie and CSRF headers. actAs() makes every
// later app.inject() of a test carry them, for tests about something else than access control.
import type { FastifyInstance, InjectOptions } from 'fastify';
import type { Context } from '../../server/context.ts';
import type { Role } from '../../server/auth/roles.ts';

export const TEST_PASSWORD = 'test-password-2026';

export interface Signed {
  username: string;
  /** the signed session cookie's value (for a browser context) */
  value: string;
  cookie: string;
  csrf: string;
  /** cookie and x-csrf-token */
  headers: Record<string, string>;
}

/** The district of the demo store (every base unit below it). */
export const DISTRICT = '291';

export async function ensureAccount(ctx: Context, username: string, role: Role, unit: string): Promise<void> {
  if (ctx.auth.get(username)) return;
  await ctx.auth.create({
    username,
    display_name: username,
    role,
    unit_id: unit,
    demo: false,
    password: TEST_PASSWORD,
  });
}

export async function signIn(
  app: FastifyInstance,
  ctx: Context,
  opts: { role?: Role; unit?: string; username?: string } = {},
): Promise<Signed> {
  const role = opts.role ?? 'admin';
  const unit = opts.unit ?? DISTRICT;
  const username = opts.username ?? `t.${role}.${unit}`.toLowerCase().replace(/[^a-z0-9._-]/g, '-');
  await ensureAccount(ctx, username, role, unit);
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password: TEST_PASSWORD },
  });
  if (res.statusCode !== 200) throw new Error(`sign-in of ${username} failed: ${res.statusCode} ${res.body}`);
  const set = res.cookies.find((c) => c.name === 'ioc06_sid');
  if (!set) throw new Error('no session cookie');
  const cookie = `ioc06_sid=${set.value}`;
  const csrf = res.json<{ csrf_token: string }>().csrf_token;
  return { username, value: set.value, cookie, csrf, headers: { cookie, 'x-csrf-token': csrf } };
}

/**
 * Every app.inject() after this carries the session (unless the call sets its own cookie header).
 * Returns the session.
 */
export async function actAs(
  app: FastifyInstance,
  ctx: Context,
  opts: { role?: Role; unit?: string } = {},
): Promise<Signed> {
  const s = await signIn(app, ctx, opts);
  const inject = app.inject.bind(app) as (o: InjectOptions) => ReturnType<FastifyInstance['inject']>;
  (app as unknown as { inject: (o: InjectOptions) => unknown }).inject = (o: InjectOptions) => {
    const headers = { ...(o.headers ?? {}) } as Record<string, string>;
    if (!('cookie' in headers)) Object.assign(headers, s.headers);
    return inject({ ...o, headers });
  };
  return s;
}
