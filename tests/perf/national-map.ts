// The whole country on the map (issue 18), in headless Chromium on the built app and the demo store:
// - the time from navigation to /map?layer=country to the national map drawn (MapLibre 'idle' with its vector
//   tiles loaded: window.__iocNationDrawn), median of PERF_LOADS cold loads (new context, empty cache);
// - the bytes on the wire of the tiles that first view needed (Playwright's request sizes: the response body as
//   transferred, gzip, plus its headers), beside the one-GeoJSON alternative (the national commune file, raw and gzip);
// - frame times while panning programmatically (map.panBy each frame for PAN_MS): median fps and p95 frame time,
//   at country zoom and at commune zoom (Nam Sách, z 10). Chromium runs WebGL on SwiftShader (software) here:
//   a real GPU is much faster; the numbers are a floor.
// Usage: npx tsx tests/perf/national-map.ts   (PERF_LOADS=5 PERF_SHOTS=1 for screenshots under tests/.tmp/shots)
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { COMMUNES_FILE } from '../../server/geo/layers.ts';
import { ensureWebBuild, launchBrowser, openPage, shotPath, startServer } from '../e2e/harness.ts';

const LOADS = Number(process.env.PERF_LOADS ?? 5);
const PAN_MS = Number(process.env.PERF_PAN_MS ?? 3000);
const SHOTS = process.env.PERF_SHOTS === '1';
const PATH = '/map?layer=country';

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[(s.length - 1) >> 1] + s[s.length >> 1]) / 2 : NaN;
};
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

/** Pans by `dx` px each animation frame for `ms`; the frame deltas (ms). A string: tsx would wrap a function. */
const PAN = (dx: number, ms: number) => `new Promise((done) => {
  const map = window.__iocNationMap;
  const deltas = [];
  let last = performance.now();
  const end = last + ${ms};
  let dir = 1;
  const step = (now) => {
    deltas.push(now - last);
    last = now;
    if (now > end) return done(deltas.slice(1));
    map.panBy([${dx} * dir, 0], { animate: false });
    if (Math.random() < 0.02) dir = -dir;
    requestAnimationFrame(step);
  };
  requestAnimationFrame((t) => { last = t; requestAnimationFrame(step); });
})`;

async function idle(page: Page): Promise<void> {
  await page.evaluate(
    `new Promise((done) => { const m = window.__iocNationMap; if (m.loaded() && m.areTilesLoaded()) done(); ` +
      `else m.once('idle', done); })`,
  );
}

async function main() {
  const web = await ensureWebBuild();
  const server = await startServer(web);
  const browser = await launchBrowser();
  console.log(`national map perf: ${LOADS} cold loads of ${PATH}; load average ${load()}`);
  const times: number[] = [];
  const tileBytes: number[] = [];
  const tileCounts: number[] = [];
  let last: Awaited<ReturnType<typeof openPage>> | undefined;
  for (let n = 0; n < LOADS; n++) {
    const tracked = await openPage(
      browser,
      { viewport: { width: 1920, height: 1080 } },
      { baseUrl: server.baseUrl, signed: server.session },
    );
    const { page } = tracked;
    // MapLibre fetches tiles in its worker: Playwright reports those requests too (the page's CDP session does not)
    const pending: Promise<void>[] = [];
    let bytes = 0;
    let count = 0;
    page.on('response', (r) => {
      if (r.url().includes('/api/geo/tiles/') && r.status() >= 400) console.log(`  ${r.status()} ${r.url()}`);
    });
    page.on('requestfinished', (r) => {
      if (!r.url().includes('/api/geo/tiles/')) return;
      count++;
      pending.push(
        r.sizes().then((s) => {
          bytes += s.responseBodySize + s.responseHeadersSize;
        }),
      );
    });
    const t0 = Date.now();
    await page.goto(server.baseUrl + PATH);
    await page.waitForFunction(() => window.__iocNationDrawn !== undefined, null, { timeout: 60_000 });
    // navigation start → drawn, in the page's own clock
    times.push(await page.evaluate<number>('window.__iocNationDrawn'));
    await Promise.all(pending);
    tileBytes.push(bytes);
    tileCounts.push(count);
    console.log(
      `  load ${n + 1}: drawn at ${times.at(-1)!.toFixed(0)} ms (wall ${Date.now() - t0} ms), ` +
        `${count} tiles ${kb(bytes)}`,
    );
    if (n < LOADS - 1) await tracked.close();
    else last = tracked;
  }
  const { page } = last!;
  if (SHOTS) await page.screenshot({ path: shotPath('national-map-country-1920') });
  const country = await page.evaluate<number[]>(PAN(6, PAN_MS));
  await page.evaluate(`window.__iocNationMap.jumpTo({ center: [106.4, 21.05], zoom: 10 })`);
  await idle(page);
  if (SHOTS) await page.screenshot({ path: shotPath('national-map-communes-1920') });
  const communes = await page.evaluate<number[]>(PAN(6, PAN_MS));
  const labels = JSON.parse(
    await page.evaluate<string>(`document.querySelector('.map-view__canvas').dataset.labels || '[]'`),
  ) as string[][];
  const names = labels.map((l) => l.join(':'));
  last!.assertClean('national map');
  await last!.close();

  if (SHOTS) {
    const phone = await openPage(
      browser,
      { viewport: { width: 390, height: 844 } },
      { baseUrl: server.baseUrl, signed: server.session },
    );
    await phone.page.goto(server.baseUrl + PATH);
    await phone.page.waitForFunction(() => window.__iocNationDrawn !== undefined, null, { timeout: 60_000 });
    await phone.page.screenshot({ path: shotPath('national-map-country-390'), fullPage: true });
    phone.assertClean('national map on a phone');
    await phone.close();
  }

  const geojson = readFileSync(COMMUNES_FILE);
  const gz = gzipSync(geojson, { level: 6 }).length;
  const fps = (d: number[]) => (1000 / median(d)).toFixed(1);
  console.log(`\nnational map (median of ${LOADS}; load average now ${load()}):`);
  console.log(
    `  drawn (navigation → idle with tiles): ${median(times).toFixed(0)} ms ` +
      `(min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)})`,
  );
  console.log(`  tiles of the first view: ${median(tileCounts)} requests, ${kb(median(tileBytes))} on the wire`);
  console.log(`  one GeoJSON instead (the commune file): ${kb(geojson.length)} raw, ${kb(gz)} gzip`);
  console.log(
    `  panning, country zoom: median ${fps(country)} fps, p95 frame ${pct(country, 95).toFixed(1)} ms ` +
      `(${country.length} frames)`,
  );
  console.log(
    `  panning, commune zoom 10: median ${fps(communes)} fps, p95 frame ${pct(communes, 95).toFixed(1)} ms ` +
      `(${communes.length} frames)`,
  );
  console.log(`  commune labels placed at z 10: ${names.length}, duplicates ${names.length - new Set(names).size}`);
  console.log('  (WebGL on SwiftShader, software: a real GPU is faster)');
  await browser.close();
  await server.close();
}

await main();
