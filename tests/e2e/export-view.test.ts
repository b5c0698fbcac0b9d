// Whole-view PDF and PNG (issue 6) rendered by the server's own headless Chromium: the PDF text
// (pdftotext) holds the administrative header, the screen's title, every panel title and page
// numbers; the PNG has the width asked for; a missing Chromium is a 503 that says how to install it.
// Issue 17: the issuer is the view's own unit (the account's when the URL names none), the title is
// printed once, controls are left out, folded groups print open, pages are filled, and the PDF may be
// set in Times New Roman (Liberation Serif), Decree 30/2020's administrative typeface (pdffonts).
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
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

const NAM_TRUNG = '10633';

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

// The readers run as child processes without blocking: this process is also the server, whose overload guard
// (event-loop lag) would refuse the next request after a long synchronous call.
const run = async (cmd: string, args: string[]) =>
  (await promisify(execFile)(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })).stdout;
const pdfText = (file: string) => run('pdftotext', ['-layout', file, '-']);
/** The embedded fonts of a PDF by their base name ("LiberationSerif-Bold"), from pdffonts. */
const pdfFonts = async (file: string) =>
  (await run('pdffonts', [file]))
    .split('\n')
    .slice(2)
    .map((l) => l.split(/\s+/)[0].replace(/^[A-Z]{6}\+/, ''))
    .filter(Boolean);
/** Per page: how far down its text reaches (0–1 of the page's height), the page number line left out. */
async function pageLayout(file: string): Promise<{ fill: number; tileColumns: number }[]> {
  const xml = await run('pdftotext', ['-bbox', file, '-']);
  return [...xml.matchAll(/<page width="[\d.]+" height="([\d.]+)">([\s\S]*?)<\/page>/g)].map(([, h, body]) => {
    const words = [...body.matchAll(/xMin="([\d.]+)" yMin="[\d.]+" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</g)].map(
      (w) => ({ x: Number(w[1]), y: Number(w[2]), text: w[3] }),
    );
    // the footer "Trang n/m" sits at the bottom of every page
    const footer = Math.max(...words.filter((w) => w.text === 'Trang').map((w) => w.y), 0);
    const fill = Math.max(...words.filter((w) => w.y < footer - 1).map((w) => w.y), 0) / Number(h);
    // the columns of tiles: the left edges of the targets' ids (A01, C04…) on the page, 10 pt apart or more
    const xs = words
      .filter((w) => /^[ACDL]\d{2}$/.test(w.text))
      .map((w) => w.x)
      .sort((a, b) => a - b);
    const tileColumns = xs.filter((x, i) => i === 0 || x - xs[i - 1] > 10).length;
    return { fill, tileColumns };
  });
}
const pdfPages = async (file: string) => Number(/Pages:\s+(\d+)/.exec(await run('pdfinfo', [file]))?.[1] ?? 0);

describe.skipIf(!hasChromium() || (!hasPdftotext && !process.env.CI))('whole-view export (PDF, PNG)', () => {
  let ctx: Context;
  let app: FastifyInstance;
  let baseUrl = '';
  let db = '';
  let session: Signed;
  /** the commune's staff (leaders may not export: 403) and its leader */
  let commune: Signed;
  let leader: Signed;

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
    commune = await signIn(app, ctx, { role: 'staff', unit: NAM_TRUNG });
    leader = await signIn(app, ctx, { role: 'leader', unit: NAM_TRUNG });
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
      // an empty live panel ("no alert yet") is left out of a print
      const h2 = await t.page.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>('main h2')]
          .filter((h) => !h.closest('.live-feed') || h.closest('.live-feed')!.querySelector('li'))
          .map((h) => h.innerText.trim())
          .filter(Boolean),
      );
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
        const text = await pdfText(file);
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
        const pages = await pdfPages(file);
        if (name === 'targets') expect(pages).toBeGreaterThan(1);
        console.info(`[export-view] ${path} ${orientation}: ${pages} pages, ${ms} ms`);
      },
    );
  }

  const savePdf = async (signed: Signed, query: string, name: string) => {
    const res = await fetch(`${baseUrl}/api/export/view.pdf?${query}`, { headers: signed.headers });
    expect(
      res.status,
      await res
        .clone()
        .text()
        .then((t) => t.slice(0, 200)),
    ).toBe(200);
    const file = join(OUT, `${name}.pdf`);
    writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    return file;
  };

  it(
    "a commune's Overview without a unit in the URL: its own People's Committee, the title once, every target, full pages",
    { timeout: 240_000 },
    async () => {
      // the commune's staff (leaders may not export: 403); the view opens the account's own unit
      expect((await fetch(`${baseUrl}/api/export/view.pdf?path=%2F`, { headers: leader.headers })).status).toBe(403);
      const file = await savePdf(commune, `path=${encodeURIComponent('/')}&orientation=landscape`, 'overview-commune');
      const text = await pdfText(file);
      const flat = squash(text);
      expect(flat).toContain('UBND XÃ NAM TRUNG');
      expect(flat).not.toContain('UBND HUYỆN');
      expect(flat).toMatch(/(^|\s)Nam Trung, ngày \d{2} tháng \d{2} năm \d{4}/);
      const pages = await pdfPages(file);
      // the title: once in the header block, and small at the top of every page, never a second time
      const title = `Tổng quan Kế hoạch 16/KH-UBND · Xã Nam Trung`;
      expect(flat.split(title).length - 1).toBe(pages + 1);
      // every target, those of the group folded on screen (deadline passed) too
      const res = await app.inject({ method: 'GET', url: `/api/targets?unit=${NAM_TRUNG}`, headers: commune.headers });
      const ids = res.json<{ targets: { target_id: string }[] }>().targets.map((t) => t.target_id);
      expect(ids.length).toBeGreaterThan(20);
      for (const id of ids) expect(text, id).toMatch(new RegExp(`(^|\\s)${id}(\\s|$)`, 'm'));
      // no control: the button of the folded group, the zoom buttons, the unit picker's label
      expect(flat).not.toMatch(/Xem \d+ chỉ tiêu đã hết hạn|Thu gọn chỉ tiêu đã hết hạn|Bỏ lọc/);
      // paper is not wasted: every page but the last is filled at least halfway down, and the tiles run in
      // five columns or more beside the map on a landscape A4 (three before)
      const layout = await pageLayout(file);
      expect(layout).toHaveLength(pages);
      layout.slice(0, -1).forEach((p, i) => expect(p.fill, `page ${i + 1}`).toBeGreaterThan(0.5));
      expect(Math.max(...layout.map((p) => p.tileColumns))).toBeGreaterThanOrEqual(5);
      expect(await pdfFonts(file)).toContain('NotoSans-Regular');
      console.info(
        `[export-view] commune Overview: ${pages} pages, filled ${layout.map((p) => p.fill.toFixed(2))}, ` +
          `tile columns ${layout.map((p) => p.tileColumns)}`,
      );
    },
  );

  it(
    "a district account's view without a unit in the URL: UBND HUYỆN NAM SÁCH, at Nam Sách",
    { timeout: 240_000 },
    async () => {
      const file = await savePdf(session, `path=${encodeURIComponent('/targets')}`, 'targets-district');
      const flat = squash(await pdfText(file));
      expect(flat).toContain('UBND HUYỆN NAM SÁCH');
      expect(flat).not.toContain('UBND XÃ');
      expect(flat).toMatch(/(^|\s)Nam Sách, ngày \d{2} tháng \d{2} năm \d{4}/);
    },
  );

  it(
    'font=times sets the PDF in Times New Roman (Liberation Serif), Vietnamese letters included',
    { timeout: 240_000 },
    async () => {
      const file = await savePdf(
        commune,
        `path=${encodeURIComponent(`/targets?unit=${NAM_TRUNG}`)}&orientation=portrait&font=times`,
        'targets-times',
      );
      const fonts = await pdfFonts(file);
      expect(fonts).toContain('LiberationSerif');
      expect(fonts).toContain('LiberationSerif-Bold');
      // every text font is Liberation Serif (Type 3 glyphs are drawn by canvas charts, not fonts of the text)
      const named = fonts.filter((f) => f !== '[none]');
      expect(named.filter((f) => !f.startsWith('LiberationSerif'))).toEqual([]);
      const text = await pdfText(file);
      expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
      expect(squash(text)).toContain('UBND XÃ NAM TRUNG');
      // the query stays validated: an unknown typeface is refused
      const bad = await fetch(`${baseUrl}/api/export/view.pdf?path=%2F&font=comic`, { headers: commune.headers });
      expect(bad.status).toBe(400);
    },
  );

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
