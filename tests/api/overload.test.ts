// Graceful overload: with one DuckDB connection and a wait queue of two, a burst of 40 requests gets
// answers or 503 with Retry-After (never another 5xx, never a hang), and the server answers normally
// afterwards; when the event loop lags past IOC_MAX_LAG_MS, API requests get 503 at once while
// health and the web app's files are still served.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { openContext, type Context } from '../../server/context.ts';
import { buildDemoStore } from '../helpers/demo-store.ts';
import { signIn, type Signed } from '../helpers/auth.ts';

let app: FastifyInstance;
let lagging: FastifyInstance;
let ctx: Context;
let admin: Signed;
let lag = 0;

beforeAll(async () => {
  const { db } = await buildDemoStore(join('tests', '.tmp', 'api-overload'));
  ctx = await openContext(loadConfig({ IOC_DB: db, IOC_DEMO: 'false', LOG_LEVEL: 'silent', IOC_POOL: '1', IOC_QUEUE: '2', IOC_CACHE: '0', IOC_MAX_LAG_MS: '500' }));
  app = await buildApp(ctx, { logger: false });
  lagging = await buildApp(ctx, { logger: false, lag: () => lag });
  admin = await signIn(app, ctx, { role: 'admin' });
}, 180_000);

afterAll(async () => {
  await lagging?.close();
  await app?.close();
  await ctx?.close();
});

describe('overload', () => {
  it('a burst beyond the pool and its queue gets 503 with Retry-After, the rest answers, and the server recovers', async () => {
    const months = ['2022-01', '2022-02', '2022-03', '2022-04', '2022-05', '2022-06', '2022-07', '2022-08', '2022-09', '2022-10'];
    const urls = Array.from({ length: 40 }, (_, i) => `/api/indicators/population?unit=291&by=unit&from=${months[i % 10]}&to=2022-12&sex=${i % 2 ? 'F' : 'M'}`);
    const answers = await Promise.all(urls.map((url) => app.inject({ method: 'GET', url, headers: admin.headers })));
    const codes = answers.map((a) => a.statusCode);
    const busy = answers.filter((a) => a.statusCode === 503);
    expect(codes.every((c) => c === 200 || c === 503), codes.join(',')).toBe(true);
    expect(busy.length).toBeGreaterThan(0);
    expect(codes.filter((c) => c === 200).length).toBeGreaterThanOrEqual(3); // one running + two waiting at least
    for (const b of busy) {
      expect(Number(b.headers['retry-after'])).toBeGreaterThan(0);
      expect(b.json()).toMatchObject({ statusCode: 503, error: 'busy' });
      expect(b.json().message).toMatch(/bận/);
    }
    const after = await app.inject({ method: 'GET', url: urls[0], headers: admin.headers });
    expect(after.statusCode).toBe(200);
  });

  it('with the event loop lagging, API requests get 503 + Retry-After at once; health still answers', async () => {
    lag = 4200;
    const refused = await lagging.inject({ method: 'GET', url: '/api/units', headers: admin.headers });
    expect(refused.statusCode).toBe(503);
    expect(refused.headers['retry-after']).toBe('5');
    expect(refused.json().message).toMatch(/quá tải/);
    expect((await lagging.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
    lag = 10;
    expect((await lagging.inject({ method: 'GET', url: '/api/units', headers: admin.headers })).statusCode).toBe(200);
  });
});
