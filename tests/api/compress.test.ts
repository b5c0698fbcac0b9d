// Compressed transfer (docs/transfer.md): API answers of 1 KB and more in brotli or gzip as the request asks,
// each decompressed here with node:zlib and compared byte for byte with the identity answer; small answers,
// the live stream, XLSX and the sign-in routes (CSRF token) as they are; `Vary: Accept-Encoding` on every
// negotiated answer; the web app's files as the build compressed them (the .br / .gz beside each file).
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { tableFromIPC } from 'apache-arrow';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { openContext, type Context } from '../../server/context.ts';
import { precompressDir } from '../../web/build/precompress.ts';
import { actAs, DISTRICT, type Signed } from '../helpers/auth.ts';
import { buildDemoStore } from '../helpers/demo-store.ts';

const TMP = join('tests', '.tmp', 'api-compress');
const WEB = join('tests', '.tmp', 'api-compress-web');
const ARROW = 'application/vnd.apache.arrow.stream';
/** A content-hashed asset of about 40 KB of varied JavaScript, and one under 1 KB. */
const BIG_JS = 'assets/app-AbC123xy.js';
const TINY_JS = 'assets/tiny-ZyX987ab.js';
const INDICATOR = `/api/indicators/population?unit=${DISTRICT}&by=unit&from=2022-01&to=2022-12`;

let app: FastifyInstance;
let ctx: Context;
let session: Signed;

const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });
const encoding = (res: LightMyRequestResponse) => res.headers['content-encoding'];
const vary = (res: LightMyRequestResponse) => String(res.headers.vary ?? '').toLowerCase();
const decode = (res: LightMyRequestResponse): Buffer => {
  const enc = encoding(res);
  if (enc === 'br') return brotliDecompressSync(res.rawPayload);
  if (enc === 'gzip') return gunzipSync(res.rawPayload);
  if (enc === undefined) return res.rawPayload;
  throw new Error(`unexpected content-encoding ${String(enc)}`);
};

beforeAll(async () => {
  await rm(WEB, { recursive: true, force: true });
  await mkdir(join(WEB, 'assets'), { recursive: true });
  const lines = Array.from(
    { length: 600 },
    (_, i) => `export const v${i} = ${(i * 7919) % 10007} + "${i.toString(36)}";`,
  );
  await writeFile(join(WEB, BIG_JS), lines.join('\n'));
  await writeFile(join(WEB, TINY_JS), 'console.log(1)');
  const filler = Array.from({ length: 60 }, (_, i) => `<meta name="x-${i}" content="trang ${i}" />`).join('\n');
  await writeFile(join(WEB, 'index.html'), `<!doctype html><title>IOC</title>\n${filler}\n<div id="root"></div>`);
  await precompressDir(WEB);
  const { db } = await buildDemoStore(TMP);
  ctx = await openContext(loadConfig({ IOC_DB: db, IOC_DEMO: 'false', LOG_LEVEL: 'silent' }));
  app = await buildApp(ctx, { logger: false, webRoot: WEB });
  session = await actAs(app, ctx);
}, 180_000);

afterAll(async () => {
  await app?.close();
  await ctx?.close();
});

describe('API answers', () => {
  it.each(['/api/geo/provinces', `/api/targets?unit=${DISTRICT}`, INDICATOR])(
    '%s: br and gzip decompress to exactly the identity answer',
    async (url) => {
      const identity = await get(url);
      expect(identity.statusCode).toBe(200);
      expect(encoding(identity)).toBeUndefined();
      expect(identity.rawPayload.length).toBeGreaterThan(1024);
      expect(vary(identity)).toContain('accept-encoding');
      for (const enc of ['br', 'gzip'] as const) {
        const res = await get(url, { 'accept-encoding': enc });
        expect(res.statusCode).toBe(200);
        expect(encoding(res)).toBe(enc);
        expect(vary(res)).toContain('accept-encoding');
        expect(res.rawPayload.length).toBeLessThan(identity.rawPayload.length / 2);
        expect(decode(res).equals(identity.rawPayload)).toBe(true);
      }
    },
  );

  it("prefers brotli when a browser accepts both, and honours the client's q-values", async () => {
    const browser = await get('/api/geo/provinces', { 'accept-encoding': 'gzip, deflate, br, zstd' });
    expect(encoding(browser)).toBe('br');
    const gzipFirst = await get('/api/geo/provinces', { 'accept-encoding': 'br;q=0.5, gzip' });
    expect(encoding(gzipFirst)).toBe('gzip');
    const neither = await get('/api/geo/provinces', { 'accept-encoding': 'deflate' });
    expect(encoding(neither)).toBeUndefined();
  });

  it('leaves answers under 1 KB as they are', async () => {
    const res = await get('/api/health', { 'accept-encoding': 'br, gzip' });
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.length).toBeLessThan(1024);
    expect(encoding(res)).toBeUndefined();
    expect(res.json()).toHaveProperty('status');
  });

  it('compresses Arrow, which still decodes to the JSON answer', async () => {
    const json = await get(INDICATOR);
    const res = await get(INDICATOR, { accept: ARROW, 'accept-encoding': 'br' });
    expect(res.statusCode).toBe(200);
    expect(String(res.headers['content-type'])).toContain(ARROW);
    expect(encoding(res)).toBe('br');
    const table = tableFromIPC(decode(res));
    const rows = json.json<{ rows: { unit: string; value: number | null }[] }>().rows;
    expect(rows.length).toBeGreaterThan(0);
    expect(table.numRows).toBe(rows.length);
    expect(table.getChild('unit')!.toArray()).toEqual(rows.map((r) => r.unit));
    const values = table.getChild('value')!;
    rows.forEach((r, i) => r.value !== null && expect(values.get(i)).toBe(r.value));
  });

  it('compresses a CSV export (a stream) and it decompresses to the identity file', async () => {
    const url = `/api/export/index766.csv?unit=${DISTRICT}&period=2022-Q4&by=unit`;
    const identity = await get(url);
    expect(identity.statusCode).toBe(200);
    expect(identity.rawPayload.length).toBeGreaterThan(1024);
    const res = await get(url, { 'accept-encoding': 'gzip' });
    expect(encoding(res)).toBe('gzip');
    expect(res.headers['content-disposition']).toBe(identity.headers['content-disposition']);
    expect(decode(res).equals(identity.rawPayload)).toBe(true);
  });

  it('never compresses an XLSX export (a zip already)', async () => {
    const res = await get(`/api/export/targets.xlsx?unit=${DISTRICT}`, { 'accept-encoding': 'br, gzip' });
    expect(res.statusCode).toBe(200);
    expect(encoding(res)).toBeUndefined();
    expect(res.rawPayload.subarray(0, 2).toString('latin1')).toBe('PK');
  });

  it('never compresses an answer carrying the CSRF token (BREACH)', async () => {
    const res = await get('/api/auth/me', { 'accept-encoding': 'br, gzip' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toHaveProperty('csrf_token', session.csrf);
    // large enough that the rule, not the threshold, keeps it as it is
    expect(res.rawPayload.length).toBeGreaterThan(1024);
    expect(encoding(res)).toBeUndefined();
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { cookie: '', 'accept-encoding': 'br, gzip' },
      payload: { username: session.username, password: 'test-password-2026' },
    });
    expect(login.statusCode).toBe(200);
    expect(encoding(login)).toBeUndefined();
  });

  it('never compresses the answer of a new API key: its token beside the name and agency the admin typed (BREACH)', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/admin/keys',
      headers: { 'accept-encoding': 'br, gzip', 'content-type': 'application/json' },
      payload: {
        name: 'Kho dữ liệu (nén)',
        agency: 'Sở Khoa học và Công nghệ tỉnh Hải Dương',
        allowed: Array.from({ length: 40 }, (_, i) => `10.20.${i}.0/24`),
        units: [DISTRICT],
        domains: ['population'],
        expires: '2027-12-31',
      },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json<{ token: string }>().token).toMatch(/^ioc06_/);
    expect(res.rawPayload.length).toBeGreaterThan(1024);
    expect(encoding(res)).toBeUndefined();
    const list = await get('/api/admin/keys', { 'accept-encoding': 'br, gzip' });
    expect(list.statusCode).toBe(200);
    expect(encoding(list)).toBeUndefined();
  });

  it('keeps the live stream uncompressed and streaming', async () => {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const addr = app.server.address();
    if (!addr || typeof addr === 'string') throw new Error('no address');
    const first = await new Promise<{ headers: Record<string, unknown>; chunk: string }>((resolve, reject) => {
      const req = httpRequest(
        `http://127.0.0.1:${addr.port}/api/live`,
        { headers: { ...session.headers, 'accept-encoding': 'br, gzip' } },
        (res) => {
          res.once('data', (c: Buffer) => {
            resolve({ headers: res.headers, chunk: c.toString('utf8') });
            req.destroy();
          });
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(String(first.headers['content-type'])).toContain('text/event-stream');
    expect(first.headers['content-encoding']).toBeUndefined();
    // the first bytes arrive at once, as text, before the stream ends
    expect(first.chunk).toMatch(/^retry: \d+\n/);
  });
});

describe('web app files, compressed at build', () => {
  it.each([
    ['br', 'br'],
    ['gzip', 'gz'],
  ] as const)('an asset asked with %s is the file’s .%s copy, immutable', async (enc, ext) => {
    const res = await get(`/${BIG_JS}`, { 'accept-encoding': enc });
    expect(res.statusCode).toBe(200);
    expect(encoding(res)).toBe(enc);
    expect(res.rawPayload.equals(await readFile(join(WEB, `${BIG_JS}.${ext}`)))).toBe(true);
    expect(decode(res).equals(await readFile(join(WEB, BIG_JS)))).toBe(true);
    expect(String(res.headers['content-type'])).toMatch(/javascript/);
    expect(String(res.headers['cache-control'])).toContain('immutable');
    expect(vary(res)).toContain('accept-encoding');
  });

  it('an asset without Accept-Encoding is the file itself, still with Vary', async () => {
    const res = await get(`/${BIG_JS}`);
    expect(encoding(res)).toBeUndefined();
    expect(res.rawPayload.equals(await readFile(join(WEB, BIG_JS)))).toBe(true);
    expect(vary(res)).toContain('accept-encoding');
  });

  it('a file under 1 KB has no compressed copy and goes out as it is', async () => {
    const res = await get(`/${TINY_JS}`, { 'accept-encoding': 'br, gzip' });
    expect(res.statusCode).toBe(200);
    expect(encoding(res)).toBeUndefined();
    expect(res.body).toBe('console.log(1)');
  });

  it.each(['/', '/targets?unit=291', '/map/deep/link'])('%s: index.html negotiated, never cached', async (url) => {
    const html = await readFile(join(WEB, 'index.html'));
    const br = await get(url, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.statusCode).toBe(200);
    expect(encoding(br)).toBe('br');
    expect(br.rawPayload.equals(await readFile(join(WEB, 'index.html.br')))).toBe(true);
    expect(decode(br).equals(html)).toBe(true);
    expect(String(br.headers['content-type'])).toContain('text/html');
    expect(String(br.headers['cache-control'])).toBe('no-cache');
    expect(vary(br)).toContain('accept-encoding');
    const plain = await get(url);
    expect(encoding(plain)).toBeUndefined();
    expect(plain.rawPayload.equals(html)).toBe(true);
  });
});
