// Graceful overload: with one DuckDB connection and a wait queue of two, a burst of 40 requests gets
// answers or 503 with Retry-After (never another 5xx, never a hang), and the server answers normally
// afterwards; when the event loop really lags past IOC_MAX_LAG_MS, API requests (by the route matched,
// however the URL is spelled) get 503 at once while health is still served, until the lag is gone.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { openContext, type Context } from '../../server/context.ts';
import { retryAfterSeconds } from '../../server/plugins/pressure.ts';
import { buildDemoStore } from '../helpers/demo-store.ts';
import { signIn, type Signed } from '../helpers/auth.ts';
import { waitFor } from '../helpers/wait.ts';

let app: FastifyInstance;
let ctx: Context;
let admin: Signed;

/** Busy slices of this many ms, back to back: every tick of the loop waits that long (> IOC_MAX_LAG_MS below). */
const SLICE_MS = 700;

/** Holds the event loop in busy slices until `done()` (asked between slices) or the deadline; false at the deadline. */
async function lagUntil(done: () => boolean, timeoutMs = 15_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) return false;
    const end = Date.now() + SLICE_MS;
    while (Date.now() < end) {
      // busy: nothing else runs on the loop
    }
    // between slices the loop's timers run: the delay monitor records the slice, the sampler updates
    await new Promise((resolve) => setImmediate(resolve));
  }
  return true;
}

beforeAll(async () => {
  const { db } = await buildDemoStore(join('tests', '.tmp', 'api-overload'));
  ctx = await openContext(
    loadConfig({
      IOC_DB: db,
      IOC_DEMO: 'false',
      LOG_LEVEL: 'silent',
      IOC_POOL: '1',
      IOC_QUEUE: '2',
      IOC_CACHE: '0',
      IOC_MAX_LAG_MS: '500',
    }),
  );
  app = await buildApp(ctx, { logger: false });
  admin = await signIn(app, ctx, { role: 'admin' });
}, 180_000);

afterAll(async () => {
  await app?.close();
  await ctx?.close();
});

describe('retryAfterSeconds', () => {
  it('rounds the lag up to whole seconds, at least 1 and at most 30', () => {
    expect([1, 700, 1000, 1001, 2500, 29_999, 30_000, 95_000].map(retryAfterSeconds)).toEqual([
      1, 1, 1, 2, 3, 30, 30, 30,
    ]);
  });
});

describe('overload', () => {
  it('a burst beyond the pool and its queue gets 503 with Retry-After, the rest answers, and the server recovers', async () => {
    const months = [
      '2022-01',
      '2022-02',
      '2022-03',
      '2022-04',
      '2022-05',
      '2022-06',
      '2022-07',
      '2022-08',
      '2022-09',
      '2022-10',
    ];
    const urls = Array.from(
      { length: 40 },
      (_, i) =>
        `/api/indicators/population?unit=291&by=unit&from=${months[i % 10]}&to=2022-12&sex=${i % 2 ? 'F' : 'M'}`,
    );
    const answers = await Promise.all(urls.map((url) => app.inject({ method: 'GET', url, headers: admin.headers })));
    const codes = answers.map((a) => a.statusCode);
    const busy = answers.filter((a) => a.statusCode === 503);
    expect(
      codes.every((c) => c === 200 || c === 503),
      codes.join(','),
    ).toBe(true);
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

  it('with the event loop lagging, API requests get 503 + Retry-After at once; health answers; then it recovers', async () => {
    const units = { method: 'GET' as const, url: '/api/units', headers: admin.headers };
    expect(await waitFor(() => !app.isUnderPressure())).toBe(true);
    expect(await lagUntil(() => app.isUnderPressure()), 'the lag was never measured').toBe(true);
    // Under pressure until the next sample (about a second away): ask at once.
    const [refused, spelled, english, health] = await Promise.all([
      app.inject(units),
      app.inject({ ...units, url: '/%61pi/units' }),
      app.inject({ ...units, headers: { ...admin.headers, 'accept-language': 'en' } }),
      app.inject({ method: 'GET', url: '/api/health' }),
    ]);
    expect(refused.statusCode).toBe(503);
    // Retry-After in whole seconds: the measured mean lag (700 ms slices, more on a loaded machine) rounded
    // up, 1…30 (the rounding itself: retryAfterSeconds below); the message names the same number
    const wait = refused.headers['retry-after'];
    expect(String(wait)).toMatch(/^([1-9]|[12][0-9]|30)$/);
    expect(refused.json().message).toContain(`${String(wait)} giây`);
    expect(refused.json()).toMatchObject({ statusCode: 503, error: 'overloaded' });
    expect(refused.json().message).toMatch(/quá tải/);
    expect(spelled.statusCode).toBe(503);
    expect(english.json().message).toMatch(/overloaded/);
    expect(health.statusCode).toBe(200);
    // The loop is free again: the next sample lifts the pressure and the API answers.
    expect(await waitFor(() => !app.isUnderPressure()), 'still under pressure').toBe(true);
    expect((await app.inject(units)).statusCode).toBe(200);
  });
});
