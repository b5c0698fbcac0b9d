// Whole-view PDF and PNG (issue 6) rendered by the server's own headless Chromium: the PDF text
// (pdftotext) holds the administrative header, the screen's title, every panel title and page
// numbers; the PNG has the width asked for; a missing Chromium is a 503 that says how to install it.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify, { type FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { openContext, type Context } from '../../server/context.ts';
import errorsPlugin from '../../server/plugins/errors.ts';
import authPlugin from '../../server/auth/plugin.ts';
import { viewExportRoutes } from '../../server/routes/view-export.ts';
import { ensureDemoStore, ensureWebBuild, hasChromium, launchBrowser, openPage, ROOT, settle } from './harness.ts';
import { signIn, type Signed } from '../helpers/auth.ts';

const OUT = join(ROOT, 'tests', '.tmp', 'export-view');
const hasPdftotext = (() => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/** Width and height from the IHDR chunk of a PNG (bytes 16–23). */
function pngSize(buf: Buffer): { width: number; height: number } {
  expect(buf.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  expect(buf.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

const pdfText = (file: string) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
const pdfPages = (file: string) =>
  Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1] ?? 0);

describe.skipIf(!hasChromium() || (!hasPdftotext && !process.env.CI))('whole-view export (PDF, PNG)', () => {
  let ctx: Context;
  let app: FastifyInstance;
  let baseUrl = '';
  let db = '';
  let session: Signed;

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    db = join(OUT, `run-${process.pid}.duckdb`);
    copyFileSync(await ensureDemoStore(), db);
    ctx = await openContext(loadConfig({ IOC_DB: db, IOC_DEMO: 'false', LOG_LEVEL: 'silent' }));
    app = await buildApp(ctx, { logger: false, webRoot: await ensureWebBuild() });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const addr = app.server.address();
    if (!addr || typeof addr === 'string') throw new Error('no TCP address');
    baseUrl = `http://127.0.0.1:${addr.port}`;
    session = await signIn(app, ctx, { role: 'staff' });
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    await ctx?.close();
    rmSync(db, { force: true });
    rmSync(`${db}.wal`, { force: true });
  });

  /** The h2 texts of a screen as a person sees it. */
  async function panelTitles(path: string): Promise<{ h1: string; h2: string[] }> {
    const browser = await launchBrowser();
    try {
      const t = await openPage(browser, {}, { baseUrl, signed: session });
      await t.page.goto(baseUrl + path);
      await settle(t.page);
      const h1 = (await t.page.locator('main h1').first().innerText()).trim();
      const h2 = (await t.page.locator('main h2').allInnerTexts()).map((s) => s.trim()).filter(Boolean);
      return { h1, h2 };
    } finally {
      await browser.close();
    }
  }

  const squash = (s: string) => s.replace(/\s+/g, ' ');

  for (const [path, name, orientation] of [
    ['/targets?unit=291', 'targets', 'portrait'],
    ['/', 'overview', 'landscape'],
  ] as const) {
    it(
      `${path}: the PDF has the administrative header, the title, every panel title and page numbers`,
      { timeout: 180_000 },
      async () => {
        const res = await fetch(
          `${baseUrl}/api/export/view.pdf?path=${encodeURIComponent(path)}&orientation=${orientation}`,
          { headers: session.headers },
        );
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toBe('application/pdf');
        expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="ioc06-.*\.pdf"$/);
        const ms = Number(res.headers.get('x-render-ms'));
        expect(ms).toBeGreaterThan(0);
        const file = join(OUT, `${name}.pdf`);
        writeFileSync(file, Buffer.from(await res.arrayBuffer()));
        const text = pdfText(file);
        const flat = squash(text);
        expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
        expect(text).toContain('Độc lập - Tự do - Hạnh phúc');
        expect(flat).toMatch(/(^|\s)Nam Sách, ngày \d{2} tháng \d{2} năm \d{4}/);
        expect(flat).toContain('UBND Huyện Nam Sách'.toLocaleUpperCase('vi'));
        expect(text).toContain('Trang 1/');
        const { h1, h2 } = await panelTitles(path);
        if (name === 'targets') expect(h1.startsWith('Chỉ tiêu Đề án 06')).toBe(true); // targets.title, then the unit
        expect(text).toContain(h1);
        expect(h2.length).toBeGreaterThan(0);
        for (const title of h2) expect(flat, `panel "${title}"`).toContain(squash(title));
        const pages = pdfPages(file);
        if (name === 'targets') expect(pages).toBeGreaterThan(1);
        console.info(`[export-view] ${path} ${orientation}: ${pages} pages, ${ms} ms`);
      },
    );
  }

  it('the PNG has the width asked for', { timeout: 120_000 }, async () => {
    const res = await fetch(
      `${baseUrl}/api/export/view.png?path=${encodeURIComponent('/targets?unit=291')}&width=1200`,
      { headers: session.headers },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    const buf = Buffer.from(await res.arrayBuffer());
    writeFileSync(join(OUT, 'targets.png'), buf);
    const { width, height } = pngSize(buf);
    expect(width).toBe(1200);
    expect(height).toBeGreaterThan(600);
    console.info(`[export-view] PNG 1200 wide: ${width}×${height}, ${res.headers.get('x-render-ms')} ms`);
  });

  it('refuses paths that are not screens of the app (400)', async () => {
    for (const path of ['//evil.example/x', '/api/x', 'http://evil.example/', '/docs', '/\\evil.example']) {
      const res = await app.inject({
        method: 'GET',
        url: `/api/export/view.pdf?path=${encodeURIComponent(path)}`,
        headers: session.headers,
      });
      expect(res.statusCode, path).toBe(400);
    }
  });

  it('answers 503 with the install hint when Chromium is missing', async () => {
    const bare = Fastify({ logger: false });
    await bare.register(errorsPlugin);
    // the route renders as the caller: it needs the signed-in session the auth plugin reads
    await bare.register(authPlugin, { ctx });
    await bare.register(viewExportRoutes, { ctx, chromiumPath: '/nonexistent' });
    try {
      const res = await bare.inject({
        method: 'GET',
        url: `/api/export/view.pdf?path=${encodeURIComponent('/targets')}`,
        headers: session.headers,
      });
      expect(res.statusCode).toBe(503);
      expect(res.json().message).toContain('apt-get install chromium');
      expect(res.json().message).toContain('CHROMIUM_PATH');
    } finally {
      await bare.close();
    }
  });
});
