// The web plugin through inject, on a tiny fake dist folder: assets, SPA fallback, caching, 404s.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import errorsPlugin from '../../server/plugins/errors.ts';
import webPlugin from '../../server/plugins/web.ts';

const root = join('tests', '.tmp', 'web-dist');
let app: FastifyInstance;

async function appOn(dir: string): Promise<FastifyInstance> {
  const a = Fastify({ logger: false });
  await a.register(errorsPlugin);
  a.get('/api/health', async () => ({ status: 'ok' }));
  await a.register(webPlugin, { root: dir });
  await a.ready();
  return a;
}

beforeAll(async () => {
  await rm(root, { recursive: true, force: true });
  await mkdir(join(root, 'assets'), { recursive: true });
  await writeFile(join(root, 'index.html'), '<!doctype html><title>IOC</title><div id="root"></div>');
  await writeFile(join(root, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  await writeFile(join(root, 'assets', 'index-AbC123xy.js'), 'console.log(1)');
  app = await appOn(root);
});
afterAll(async () => app?.close());

describe('web plugin', () => {
  it.each([
    ['/', 200, /<title>IOC/, 'no-cache'],
    ['/map?unit=10633', 200, /<title>IOC/, 'no-cache'],
    ['/wall?screens=overview,map&every=30', 200, /<title>IOC/, 'no-cache'],
    ['/targets/deep/link', 200, /<title>IOC/, 'no-cache'],
    ['/assets/index-AbC123xy.js', 200, /console/, 'immutable'],
    ['/favicon.svg', 200, /svg/, 'no-cache'],
  ])('GET %s answers %i', async (url, status, body, cache) => {
    const res = await app.inject({ method: 'GET', url });
    expect(res.statusCode).toBe(status);
    expect(res.body).toMatch(body);
    expect(String(res.headers['cache-control'])).toContain(cache);
  });

  it.each(['/api/nothing', '/api', '/docs/nothing', '/fonts/x.pbf', '/assets/missing-12345678.js'])(
    'GET %s is a 404, not the page',
    async (url) => {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(404);
      expect(res.body).not.toMatch(/<title>IOC/);
    },
  );

  it.each(['/..%2f..%2fpackage.json', '/assets/..%2f..%2f..%2fpackage.json'])(
    'GET %s never leaves the folder',
    async (url) => {
      const res = await app.inject({ method: 'GET', url });
      expect([403, 404]).toContain(res.statusCode);
      expect(res.body).not.toMatch(/"scripts"/);
    },
  );

  it('leaves API routes to the API', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/health' });
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('redirects / to /docs when the app is not built', async () => {
    const bare = await appOn(join(root, 'no-such-folder'));
    const res = await bare.inject({ method: 'GET', url: '/' });
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/docs');
    await bare.close();
  });
});
