// Whole-view PDF and PNG: one shared headless Chromium (playwright-core, Debian's /usr/bin/chromium)
// opens the view's URL on this server and prints or screenshots it. Used by server/routes/view-export.ts.
import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import {
  exportCss,
  headerHtml,
  pageFooterTemplate,
  pageHeaderTemplate,
  type Lang,
  type PdfFont,
  type ViewHeader,
} from './view-header.ts';

/** The flags that work here (as tests/e2e/harness.ts): WebGL on SwiftShader, no sandbox, nothing online. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--enable-unsafe-swiftshader',
];

export class ChromiumMissingError extends Error {}
export class RenderTimeoutError extends Error {}

export interface RenderRequest {
  /** this server, e.g. http://127.0.0.1:3000 */
  baseUrl: string;
  /** an app path with its query, e.g. /targets?unit=291 */
  path: string;
  format: 'pdf' | 'png';
  orientation?: 'portrait' | 'landscape';
  lang?: Lang;
  /** PNG width in CSS pixels */
  width?: number;
  header?: ViewHeader;
  /**
   * false: the view exactly as it looks (a snapshot's picture), without the export's header, styles and
   * opened groups; the app's print=1 still leaves out its navigation
   */
  decorate?: boolean;
  /** the PDF's type: the app's (default) or Times New Roman (Decree 30/2020's administrative format) */
  font?: PdfFont;
  timeoutMs?: number;
  /** cookies the page is opened with: the caller's short-lived session, so it sees what they may see */
  cookies?: { name: string; value: string }[];
}

/** A whole HTML document printed as it is (no app, nothing fetched): the leader's brief (server/briefs). */
export interface DocumentRequest {
  html: string;
  /** page margins, CSS lengths (Decree 30/2020: top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm) */
  margin: { top: string; bottom: string; left: string; right: string };
  /** Chromium's footer template on every page, or none */
  footerTemplate?: string;
  lang?: Lang;
  timeoutMs?: number;
}

export interface Renderer {
  render(req: RenderRequest): Promise<Buffer>;
  /** an A4 PDF of a document given as HTML */
  renderDocument(req: DocumentRequest): Promise<Buffer>;
  close(): Promise<void>;
}

/**
 * The PDF is printed at 70 %: the screen is laid out ~1000 px wide in portrait (as on a small
 * laptop: tables keep readable columns) and text prints at ~8.5 pt. The viewport is that layout
 * width (A4 at 96 dpi less the margins, divided by the scale) so charts size themselves to fit.
 */
const PDF_SCALE = 0.7;
const MM = 96 / 25.4;
const MARGIN_MM = { top: 14, bottom: 14, side: 12 };
const MARGIN = {
  top: `${MARGIN_MM.top}mm`,
  bottom: `${MARGIN_MM.bottom}mm`,
  left: `${MARGIN_MM.side}mm`,
  right: `${MARGIN_MM.side}mm`,
};
/** The printable area of an A4 page in layout pixels. */
function pdfArea(orientation: 'portrait' | 'landscape'): { width: number; height: number } {
  const [w, h] = orientation === 'portrait' ? [210, 297] : [297, 210];
  return {
    width: Math.floor(((w - 2 * MARGIN_MM.side) * MM) / PDF_SCALE),
    height: Math.floor(((h - MARGIN_MM.top - MARGIN_MM.bottom) * MM) / PDF_SCALE),
  };
}

/** True when the app has mounted and no loading state is left (the live status is not one). */
const rendered = () =>
  (document.querySelector('#root')?.childElementCount ?? 0) > 0 &&
  !document.querySelector('[role="status"]:not([data-live-status])');

/**
 * Waits until the page is settled: the app mounted, the network idle, no loading state left, the map
 * drawn when the screen has one, fonts loaded. Network idle alone is not enough on a busy machine:
 * the app may still be parsing its code when the network falls quiet. Also the e2e tests' wait.
 */
export async function settle(page: Page, timeout = 30_000): Promise<void> {
  await page.waitForLoadState('load', { timeout });
  await page.waitForFunction(rendered, undefined, { timeout, polling: 100 });
  await page.waitForLoadState('networkidle', { timeout });
  await page.waitForFunction(rendered, undefined, { timeout, polling: 100 });
  if ((await page.locator('[data-testid="map"]').count()) > 0) {
    await page.waitForFunction(
      () =>
        (window as { __iocMapReady?: boolean }).__iocMapReady === true &&
        !!document.querySelector('[data-testid="map"]')?.getAttribute('data-fills'),
      undefined,
      { timeout, polling: 100 },
    );
  }
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
}

/** The URL Chromium opens: the path with print=1 (and lang=en when asked). */
export function printUrl(baseUrl: string, path: string, lang?: Lang): string {
  const url = new URL(path, baseUrl);
  url.searchParams.set('print', '1');
  if (lang === 'en' && !url.searchParams.has('lang')) url.searchParams.set('lang', 'en');
  return url.toString();
}

/**
 * Adds the export CSS and the administrative header (which says the screen's title: the screen's own h1
 * is then hidden, so the title appears once), opens every collapsed group (<details>, or a region its
 * disclosure button hides), and marks the
 * blocks kept whole across pages (`pageHeight` layout px): a tile, a chart, the map, and a panel up to
 * 40 % of a page. A bigger block may break between its tiles or rows (a table repeats its header), so
 * that a page is never left mostly empty because the next group is a little too tall to fit. Returns the
 * screen's title (its h1).
 */
async function decorate(
  page: Page,
  header: ViewHeader | undefined,
  pageHeight: number,
  font: PdfFont,
  timeout: number,
): Promise<string> {
  // The screen's h1; a screen without one (the map) has the document title.
  const h1 = (
    (await page
      .locator('main h1, h1')
      .first()
      .textContent({ timeout: 2_000 })
      .catch(() => null)) ?? ''
  ).trim();
  const title = h1 || (await page.title()).trim();
  const html = header ? headerHtml(header, title) : '';
  // Collapsed groups print open: a <details>, and a region folded by a disclosure button (aria-expanded,
  // aria-controls; not a menu or a list box). One that loads its content when opened has it before printing.
  const opened = await page.evaluate(() => {
    const controls = '.export-menu, .view-actions, .unit-picker, .app-header, .app-nav';
    const closed = [...document.querySelectorAll('details:not([open])')].filter((d) => !d.closest(controls));
    for (const d of closed) (d as HTMLDetailsElement).open = true;
    let n = closed.length;
    for (const b of document.querySelectorAll('main [aria-expanded="false"][aria-controls]')) {
      if (b.closest(controls) || b.hasAttribute('aria-haspopup') || b.getAttribute('role') === 'combobox') continue;
      for (const id of (b.getAttribute('aria-controls') ?? '').split(/\s+/)) {
        const region = id ? document.getElementById(id) : null;
        if (region?.hidden) {
          region.hidden = false;
          n++;
        }
      }
    }
    return n;
  });
  if (opened > 0) await settle(page, timeout);
  await page.evaluate(
    ({ css, html, pageHeight }) => {
      document.documentElement.classList.add('ioc-export');
      const style = document.createElement('style');
      style.textContent = css;
      document.head.append(style);
      if (html) {
        (document.querySelector('main h1') ?? document.querySelector('h1'))?.setAttribute('data-export-title', '');
        (document.querySelector('#main') ?? document.body).insertAdjacentHTML('afterbegin', html);
      }
      if (pageHeight > 0) {
        // On a narrow page the longest-text column of a table (the names) keeps a readable width.
        for (const table of document.querySelectorAll('table')) {
          const rows = [...table.querySelectorAll('tbody tr')].slice(0, 20);
          const sums: number[] = [];
          for (const tr of rows)
            [...tr.children].forEach((td, i) => (sums[i] = (sums[i] ?? 0) + (td.textContent ?? '').length));
          const widest = sums.indexOf(Math.max(...sums));
          const th = table.querySelector('thead tr')?.children[widest] as HTMLElement | undefined;
          if (widest >= 0 && th && (sums[widest] ?? 0) / rows.length > 30) th.style.minWidth = '15em';
        }
        const leaf = '.kpi-tile, figure, [data-testid="map"]';
        for (const el of document.querySelectorAll<HTMLElement>(`.panel, .ioc-panel, section, details, ${leaf}`)) {
          const h = el.getBoundingClientRect().height;
          if (h > 0 && h <= (el.matches(leaf) ? pageHeight : 0.4 * pageHeight)) el.setAttribute('data-export-keep', '');
        }
      }
    },
    { css: exportCss(font), html, pageHeight },
  );
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  return title;
}

export function createRenderer(executablePath: string): Renderer {
  let browser: Promise<Browser> | null = null;

  async function getBrowser(): Promise<Browser> {
    if (!existsSync(executablePath)) throw new ChromiumMissingError(`${executablePath} is missing`);
    if (!browser) {
      browser = import('playwright-core')
        .then(({ chromium }) => chromium.launch({ executablePath, args: CHROMIUM_ARGS }))
        .then((b) => {
          b.on('disconnected', () => (browser = null));
          return b;
        });
      browser.catch(() => (browser = null));
    }
    return browser;
  }

  async function render(req: RenderRequest): Promise<Buffer> {
    const timeout = req.timeoutMs ?? 60_000;
    const orientation = req.orientation ?? 'portrait';
    const b = await getBrowser();
    const area = pdfArea(orientation);
    const viewport = req.format === 'pdf' ? area : { width: req.width ?? 1600, height: 900 };
    const context = await b.newContext({
      viewport,
      locale: req.lang === 'en' ? 'en-US' : 'vi-VN',
      deviceScaleFactor: 1,
    });
    try {
      // Air-gapped: the page may reach this server only.
      const origin = new URL(req.baseUrl).origin;
      await context.route(/^https?:/, (route) =>
        new URL(route.request().url()).origin === origin ? route.continue() : route.abort('blockedbyclient'),
      );
      if (req.cookies?.length)
        await context.addCookies(
          req.cookies.map((c) => ({ ...c, url: req.baseUrl, httpOnly: true, sameSite: 'Strict' as const })),
        );
      const page = await context.newPage();
      // Print media from the start, so charts size themselves in the print layout.
      if (req.format === 'pdf') await page.emulateMedia({ media: 'print' });
      try {
        await page.goto(printUrl(req.baseUrl, req.path, req.lang), { timeout, waitUntil: 'load' });
        await settle(page, timeout);
      } catch (err) {
        if (err instanceof Error && err.name === 'TimeoutError')
          throw new RenderTimeoutError(`render of ${req.path} took over ${timeout} ms`);
        throw err;
      }
      const font = req.font ?? 'app';
      const title =
        req.decorate === false && req.format === 'png'
          ? ''
          : await decorate(page, req.header, req.format === 'pdf' ? area.height : 0, font, timeout);
      if (req.format === 'png') {
        // Exactly the width asked for, even when something overflows sideways.
        const height = await page.evaluate(() => document.documentElement.scrollHeight);
        return await page.screenshot({
          fullPage: true,
          type: 'png',
          clip: { x: 0, y: 0, width: viewport.width, height },
        });
      }
      return await page.pdf({
        format: 'A4',
        landscape: orientation === 'landscape',
        printBackground: true,
        displayHeaderFooter: true,
        headerTemplate: pageHeaderTemplate(title, font),
        footerTemplate: pageFooterTemplate(req.lang ?? 'vi', font),
        margin: MARGIN,
        scale: PDF_SCALE,
      });
    } finally {
      await context.close().catch(() => undefined);
    }
  }

  async function renderDocument(req: DocumentRequest): Promise<Buffer> {
    const timeout = req.timeoutMs ?? 60_000;
    const b = await getBrowser();
    const context = await b.newContext({ locale: req.lang === 'en' ? 'en-US' : 'vi-VN', javaScriptEnabled: false });
    try {
      // The document is whole: it may fetch nothing at all.
      await context.route(/.*/, (route) =>
        route.request().url().startsWith('data:') ? route.continue() : route.abort('blockedbyclient'),
      );
      const page = await context.newPage();
      await page.emulateMedia({ media: 'print' });
      await page.setContent(req.html, { timeout, waitUntil: 'load' });
      return await page.pdf({
        format: 'A4',
        printBackground: true,
        displayHeaderFooter: req.footerTemplate !== undefined,
        headerTemplate: '<span></span>',
        footerTemplate: req.footerTemplate ?? '<span></span>',
        margin: req.margin,
        preferCSSPageSize: false,
      });
    } catch (err) {
      if (err instanceof Error && err.name === 'TimeoutError')
        throw new RenderTimeoutError(`the document took over ${timeout} ms`);
      throw err;
    } finally {
      await context.close().catch(() => undefined);
    }
  }

  return {
    render,
    renderDocument,
    async close() {
      const b = browser;
      browser = null;
      if (b) await (await b.catch(() => null))?.close();
    },
  };
}

/** At most `max` jobs at a time, `waiting` more in line; null when the line is full. */
export function limiter(max: number, waiting: number) {
  let active = 0;
  const line: (() => void)[] = [];
  return async <T>(job: () => Promise<T>): Promise<T | null> => {
    if (active >= max) {
      if (line.length >= waiting) return null;
      await new Promise<void>((r) => line.push(r));
    } else active++;
    try {
      return await job();
    } finally {
      const next = line.shift();
      if (next) next();
      else active--;
    }
  };
}

export const MAX_ACTIVE = 2;
export const MAX_WAITING = 4;

export interface SharedRenderer {
  /** the render, or null when MAX_ACTIVE renders run and MAX_WAITING wait already */
  render(req: RenderRequest): Promise<Buffer | null>;
  /** a document's PDF, in the same line as the renders (null when the line is full) */
  renderDocument(req: DocumentRequest): Promise<Buffer | null>;
  /** the caller is done with it; the last one closes Chromium */
  release(): Promise<void>;
}

const shared = new Map<string, { renderer: Renderer; run: ReturnType<typeof limiter>; users: number }>();

/**
 * The process's one renderer of `executablePath` (one Chromium, started on first use) and its limit of
 * renders at a time, shared by the whole-view exports and the pictures of snapshots.
 */
export function acquireRenderer(executablePath: string): SharedRenderer {
  let entry = shared.get(executablePath);
  if (!entry) {
    entry = { renderer: createRenderer(executablePath), run: limiter(MAX_ACTIVE, MAX_WAITING), users: 0 };
    shared.set(executablePath, entry);
  }
  const mine = entry;
  mine.users++;
  let released = false;
  return {
    render: (req) => mine.run(() => mine.renderer.render(req)),
    renderDocument: (req) => mine.run(() => mine.renderer.renderDocument(req)),
    async release() {
      if (released) return;
      released = true;
      if (--mine.users > 0) return;
      if (shared.get(executablePath) === mine) shared.delete(executablePath);
      await mine.renderer.close();
    },
  };
}
