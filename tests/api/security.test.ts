// Security headers on every answer: a strict Content-Security-Policy (no inline script, MapLibre's
// worker from blob:, nothing from another origin), helmet's other headers, and no CORS.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { openContext, type Context } from '../../server/context.ts';
import { buildDemoStore } from '../helpers/demo-store.ts';

let app: FastifyInstance;
let ctx: Context;

beforeAll(async () => {
  const { db } = await buildDemoStore(join('tests', '.tmp', 'api-security'));
  ctx = await openContext(loadConfig({ IOC_DB: db, IOC_DEMO: 'false', LOG_LEVEL: 'silent' }));
  app = await buildApp(ctx, { logger: false });
}, 180_000);

afterAll(async () => {
  await app?.close();
  await ctx?.close();
});

/** The policy as directive → sources. */
const policy = (header: string) =>
  Object.fromEntries(
    header
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([k, ...v]) => [k, v]),
  );

describe('security headers', () => {
  it.each(['/api/health', '/api/indicators', '/api/targets?unit=291', '/api/nowhere'])(
    '%s carries a strict policy and no CORS',
    async (url) => {
      const res = await app.inject({ method: 'GET', url, headers: { origin: 'http://evil.example' } });
      const csp = policy(String(res.headers['content-security-policy']));
      expect(csp['script-src']).toEqual(["'self'"]);
      expect(csp['default-src']).toEqual(["'self'"]);
      expect(csp['worker-src']).toEqual(["'self'", 'blob:']);
      expect(csp['connect-src']).toEqual(["'self'"]);
      expect(csp['frame-ancestors']).toEqual(["'none'"]);
      expect(
        Object.values(csp)
          .flat()
          .some((s) => s.startsWith('http')),
      ).toBe(false);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
    },
  );
});
