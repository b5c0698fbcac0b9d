// `npm run perf`: the first screen on the built app and the demo store, for the README, as a person meets
// it: the sign-in page opens, the user name and password are typed, and the time runs from the click on
// "Đăng nhập" to (a) a coloured, labelled map and every target tile on screen and (b) MapLibre interactive
// (window.__iocMapReady). Bytes are those on the wire (Chrome DevTools Protocol: the sum of
// Network.loadingFinished.encodedDataLength, headers included, by resource type), not estimates.
// Each profile (unthrottled; 10 Mbit/s down and up with 40 ms latency, CDP Network.emulateNetworkConditions)
// runs PERF_LOADS (default 7) cold loads, each in a new browser context (empty cache, no cookie), and prints
// medians; a third profile asks for no compression (Accept-Encoding: identity), throttled: the bytes and times
// without compression, side by side in the same run. PERF_PROFILES=unthrottled,throttled,identity picks some. PERF_TYPING_MS (default 2000): how long the sign-in page stays open with its fields filled before
// the click (the time a person takes to type a password, while the map's chunk may preload).
// Usage: npm run perf [-- /path]   (PERF_LOADS=3 PERF_PROFILES=throttled npm run perf; PERF_MAX_LAG_MS below)
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Browser, CDPSession } from 'playwright-core';
import { TEST_PASSWORD } from '../helpers/auth.ts';
import { ensureWebBuild, launchBrowser, startServer, type Server } from '../e2e/harness.ts';

const LOADS = Number(process.env.PERF_LOADS ?? 7);
const TYPING_MS = Number(process.env.PERF_TYPING_MS ?? 2000);
const PATH = process.argv[2] ?? '/';

interface Profile {
  name: string;
  /** CDP Network.emulateNetworkConditions; none: unthrottled */
  net?: { latency: number; downloadThroughput: number; uploadThroughput: number };
  /** asks for no compression (Accept-Encoding: identity): the same build and server, bytes as before compression */
  identity?: boolean;
}
const MBIT = 1_000_000 / 8;
const THROTTLED = { latency: 40, downloadThroughput: 10 * MBIT, uploadThroughput: 10 * MBIT };
const PROFILES: Profile[] = [
  { name: 'unthrottled' },
  { name: 'throttled (10 Mbit/s down/up, 40 ms)', net: THROTTLED },
  { name: 'identity, throttled (Accept-Encoding: identity; 10 Mbit/s, 40 ms)', net: THROTTLED, identity: true },
].filter((p) => !process.env.PERF_PROFILES || process.env.PERF_PROFILES.split(',').some((n) => p.name.startsWith(n)));

/**
 * In the page (a string: tsx would wrap a function in __name(), unknown in the page): when MapLibre says it has
 * drawn (__readyAt), when the submit button is clicked (__clickAt), and, after the click, the first frame with the
 * map's SVG labels (__labelsAt) and with the Overview's target tiles (__tilesSeenAt, used when the app does not
 * set window.__iocTilesAt itself).
 */
const RECORD = `(() => {
  let ready = false;
  Object.defineProperty(window, '__iocMapReady', {
    configurable: true,
    get: () => ready,
    set: (v) => { ready = v; if (v && window.__readyAt === undefined) window.__readyAt = performance.now(); },
  });
  addEventListener('click', (e) => {
    const b = e.target && e.target.closest ? e.target.closest('button[type=submit]') : null;
    if (b && window.__clickAt === undefined) window.__clickAt = performance.now();
  }, true);
  const tick = () => {
    if (window.__clickAt !== undefined) {
      if (window.__labelsAt === undefined && document.querySelector('.panel--map svg text'))
        window.__labelsAt = performance.now();
      const tiles = document.querySelectorAll('.overview__targets .kpi-tile');
      const loading = document.querySelector('.overview__targets [aria-busy="true"], .overview__targets .skeleton');
      if (window.__tilesSeenAt === undefined && tiles.length > 0 && !loading) window.__tilesSeenAt = performance.now();
    }
    if (window.__tilesSeenAt === undefined || window.__labelsAt === undefined) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();`;

interface Marks {
  clickAt: number;
  paint: number;
  labels: number;
  tiles: number;
  tilesFromApp: boolean;
  ready: number;
}

interface Bytes {
  /** bytes on the wire by CDP resource type (Script, Stylesheet, Fetch, Document, Font, Image, ...) */
  byType: Record<string, number>;
  /** scripts and API answers (Fetch, XHR): url → bytes on the wire and the content-encoding they came with */
  files: Map<string, { type: string; wire: number; encoding: string }>;
  beforeClick: number;
  beforeClickJs: number;
}

interface Load {
  marks: Marks;
  bytes: Bytes;
  acceptEncoding: string;
}

/** Records every finished request's bytes on the wire until stop(). */
function recordWire(cdp: CDPSession) {
  const types = new Map<string, string>();
  const urls = new Map<string, string>();
  const encodings = new Map<string, string>();
  const pending = new Set<string>();
  const bytes: Bytes = { byType: {}, files: new Map(), beforeClick: 0, beforeClickJs: 0 };
  let acceptEncoding = '';
  let clicked = false;
  let stopped = false;
  let lastActivity = Date.now();
  cdp.on('Network.requestWillBeSent', (e) => {
    if (stopped) return;
    pending.add(e.requestId);
    urls.set(e.requestId, e.request.url);
    if (e.type) types.set(e.requestId, e.type);
    lastActivity = Date.now();
  });
  cdp.on('Network.requestWillBeSentExtraInfo', (e) => {
    const h = Object.entries(e.headers).find(([k]) => k.toLowerCase() === 'accept-encoding');
    if (h && !acceptEncoding) acceptEncoding = String(h[1]);
  });
  cdp.on('Network.responseReceived', (e) => {
    types.set(e.requestId, e.type);
    const h = Object.entries(e.response.headers).find(([k]) => k.toLowerCase() === 'content-encoding');
    encodings.set(e.requestId, h ? String(h[1]) : 'identity');
    // The live stream never finishes: it is not part of the first screen's bytes.
    if (e.type === 'EventSource') pending.delete(e.requestId);
  });
  cdp.on('Network.loadingFailed', (e) => pending.delete(e.requestId));
  cdp.on('Network.loadingFinished', (e) => {
    pending.delete(e.requestId);
    lastActivity = Date.now();
    if (stopped) return;
    const type = types.get(e.requestId) ?? 'Other';
    bytes.byType[type] = (bytes.byType[type] ?? 0) + e.encodedDataLength;
    if (!clicked) {
      bytes.beforeClick += e.encodedDataLength;
      if (type === 'Script') bytes.beforeClickJs += e.encodedDataLength;
    }
    if (type === 'Script' || type === 'Fetch' || type === 'XHR')
      bytes.files.set(urls.get(e.requestId) ?? e.requestId, {
        type,
        wire: e.encodedDataLength,
        encoding: encodings.get(e.requestId) ?? '?',
      });
  });
  return {
    bytes,
    acceptEncoding: () => acceptEncoding,
    click: () => void (clicked = true),
    /** resolves once no request has been in flight for `quietMs` (at most `maxMs`) */
    async quiet(quietMs = 500, maxMs = 10_000) {
      const t0 = Date.now();
      while (Date.now() - t0 < maxMs && (pending.size > 0 || Date.now() - lastActivity < quietMs))
        await new Promise((r) => setTimeout(r, 50));
      stopped = true;
    },
  };
}

async function coldLoad(browser: Browser, server: Server, profile: Profile, i: number): Promise<Load> {
  // A new context each time: empty HTTP cache, no cookie, as on a first visit. No request interception
  // (Playwright's routing turns the HTTP cache off and sits between Chromium and the network); instead any
  // request to another host than the server fails the run.
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'vi-VN' });
  try {
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('request', (r) => {
      if (!r.url().startsWith(server.baseUrl) && /^https?:/.test(r.url())) problems.push(`left the host: ${r.url()}`);
    });
    await page.addInitScript(RECORD);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    if (profile.net) await cdp.send('Network.emulateNetworkConditions', { offline: false, ...profile.net });
    if (profile.identity) await cdp.send('Network.setExtraHTTPHeaders', { headers: { 'Accept-Encoding': 'identity' } });
    const wire = recordWire(cdp);
    await page.goto(server.baseUrl + PATH);
    await page.getByLabel('Tên đăng nhập').fill(server.session.username);
    await page.getByLabel('Mật khẩu').fill(TEST_PASSWORD);
    await page.waitForTimeout(TYPING_MS);
    wire.click();
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForFunction(
      () => {
        const w = window as unknown as Record<string, number | undefined>;
        return (
          w.__readyAt !== undefined &&
          w.__iocMapFirstPaint !== undefined &&
          w.__labelsAt !== undefined &&
          (w.__iocTilesAt !== undefined || w.__tilesSeenAt !== undefined)
        );
      },
      undefined,
      { timeout: 180_000, polling: 100 },
    );
    await wire.quiet();
    const marks = await page.evaluate(() => {
      const w = window as unknown as Record<string, number | undefined>;
      return {
        clickAt: w.__clickAt ?? NaN,
        paint: w.__iocMapFirstPaint ?? NaN,
        labels: w.__labelsAt ?? NaN,
        tiles: w.__iocTilesAt ?? w.__tilesSeenAt ?? NaN,
        tilesFromApp: w.__iocTilesAt !== undefined,
        ready: w.__readyAt ?? NaN,
      };
    });
    if (problems.length) throw new Error(`load ${i + 1}:\n  ${problems.join('\n  ')}`);
    return { marks, bytes: wire.bytes, acceptEncoding: wire.acceptEncoding() };
  } finally {
    await context.close();
  }
}

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  css?: string[];
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (xs: number[]) => `median ${Math.round(median(xs))} ms  [${xs.map((x) => Math.round(x)).join(', ')}]`;
const gz = (dir: string, file: string) => gzipSync(readFileSync(join(dir, file)), { level: 9 }).length;
const br = (dir: string, file: string) =>
  brotliCompressSync(readFileSync(join(dir, file)), { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

/** Entry chunk + its static imports (what the browser must fetch before the app runs): sizes, not bytes on the wire. */
function initialFromManifest(dir: string) {
  const manifest = JSON.parse(readFileSync(join(dir, '.vite', 'manifest.json'), 'utf8')) as Record<
    string,
    ManifestChunk
  >;
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const i of manifest[key].imports ?? []) visit(i);
  };
  for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry) visit(key);
  const js = [...seen].map((k) => manifest[k].file).filter((f) => f.endsWith('.js'));
  return {
    files: js.length,
    raw: js.reduce((s, f) => s + readFileSync(join(dir, f)).length, 0),
    gzip: js.reduce((s, f) => s + gz(dir, f), 0),
    brotli: js.reduce((s, f) => s + br(dir, f), 0),
  };
}

function report(profile: Profile, loads: Load[]): void {
  const m = loads.map((l) => l.marks);
  const screen = m.map((x) => Math.max(x.paint, x.labels, x.tiles) - x.clickAt);
  const total = (l: Load) => Object.values(l.bytes.byType).reduce((s, x) => s + x, 0);
  console.log(`\n${profile.name}, ${loads.length} cold loads:`);
  console.log(`  click → coloured, labelled map and every target tile: ${ms(screen)}`);
  console.log(`    map coloured (SVG first paint):  ${ms(m.map((x) => x.paint - x.clickAt))}`);
  console.log(
    `    target tiles on screen:          ${ms(m.map((x) => x.tiles - x.clickAt))}` +
      `  (${m.every((x) => x.tilesFromApp) ? 'window.__iocTilesAt' : 'seen in the DOM'})`,
  );
  console.log(`  click → MapLibre interactive:     ${ms(m.map((x) => x.ready - x.clickAt))}`);
  const js = loads.map((l) => l.bytes.byType.Script ?? 0);
  console.log(`  JavaScript transferred (first screen, sign-in page included): median ${kb(median(js))}`);
  console.log(
    `  everything transferred (first screen):                        median ${kb(median(loads.map((l) => total(l))))}`,
  );
  console.log(
    `    of which before the click (sign-in page, preloads): ${kb(median(loads.map((l) => l.bytes.beforeClick)))}` +
      ` (JavaScript ${kb(median(loads.map((l) => l.bytes.beforeClickJs)))})`,
  );
  const types = Object.keys(loads[0].bytes.byType).sort();
  console.log(
    `    by type: ${types.map((t) => `${t} ${kb(median(loads.map((l) => l.bytes.byType[t] ?? 0)))}`).join(', ')}`,
  );
}

async function main(): Promise<void> {
  const load0 = loadavg();
  const web = await ensureWebBuild();
  // PERF_MAX_LAG_MS: the overload guard's limit (IOC_MAX_LAG_MS) for a run on a machine loaded by others
  const server = await startServer(
    web,
    process.env.PERF_MAX_LAG_MS ? { IOC_MAX_LAG_MS: process.env.PERF_MAX_LAG_MS } : {},
  );
  const browser = await launchBrowser();
  const results: { profile: Profile; loads: Load[] }[] = [];
  try {
    for (const profile of PROFILES) {
      const loads: Load[] = [];
      for (let i = 0; i < LOADS; i++) loads.push(await coldLoad(browser, server, profile, i));
      results.push({ profile, loads });
    }
  } finally {
    await browser.close();
    await server.close();
  }
  const load1 = loadavg();
  console.log(
    `First screen ${PATH} on the demo store (district admin), headless Chromium (SwiftShader WebGL), 1920×1080, ` +
      `sign-in page open ${TYPING_MS} ms with its fields filled before the click.`,
  );
  for (const r of results) {
    report(r.profile, r.loads);
    console.log(`  Accept-Encoding sent: ${r.loads[0]?.acceptEncoding || '?'}`);
  }
  for (const r of results) {
    console.log(`\n  scripts and API answers of the first screen, first load ${r.profile.name}, bytes on the wire:`);
    for (const [url, f] of [...r.loads[0].bytes.files].sort((a, b) => b[1].wire - a[1].wire).slice(0, 16))
      console.log(
        `    ${kb(f.wire).padStart(9)}  ${f.encoding.padEnd(8)} ${f.type.padEnd(6)} ${url.replace(server.baseUrl, '')}`,
      );
  }
  const initial = initialFromManifest(web);
  console.log(
    `\n  sizes (not bytes on the wire): entry + static imports ${initial.files} files, ${kb(initial.raw)} raw, ` +
      `${kb(initial.gzip)} gzip -9, ${kb(initial.brotli)} brotli 11`,
  );
  console.log(
    `load average (1, 5, 15 min) at the start ${load0.map((x) => x.toFixed(2)).join(', ')}, ` +
      `at the end ${load1.map((x) => x.toFixed(2)).join(', ')}`,
  );
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exit(1);
});
