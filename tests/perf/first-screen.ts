// `npm run perf`: how fast the first screen is on the built app and the demo store, for the README.
// Over PERF_LOADS (default 7) cold loads in headless Chromium: when the coloured map is first on
// screen (window.__iocMapFirstPaint: the SVG first paint), when MapLibre has drawn it
// (window.__iocMapReady), and the JavaScript a first visit downloads (entry chunk and its static
// imports, gzip).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ensureWebBuild, launchBrowser, openPage, startServer } from '../e2e/harness.ts';

const LOADS = Number(process.env.PERF_LOADS ?? 7);
/** Records when the map says it is drawn (window.__iocMapReady = true) as window.__readyAt. */
const RECORD_READY = `(() => {
  let ready = false;
  Object.defineProperty(window, '__iocMapReady', {
    configurable: true,
    get: () => ready,
    set: (v) => { ready = v; if (v && window.__readyAt === undefined) window.__readyAt = performance.now(); },
  });
})();`;
const PATH = process.argv[2] ?? '/';

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const gz = (dir: string, file: string) => gzipSync(readFileSync(join(dir, file)), { level: 9 }).length;

/** Entry chunk + its static imports (what the browser must fetch before the app runs). */
function initialFromManifest(dir: string): { js: number; css: number; files: string[]; lazy: number } {
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
  const files = [...seen].map((k) => manifest[k].file);
  const css = [...new Set([...seen].flatMap((k) => manifest[k].css ?? []))];
  const allJs = new Set(
    Object.values(manifest)
      .map((c) => c.file)
      .filter((f) => f.endsWith('.js')),
  );
  for (const f of files) allJs.delete(f);
  return {
    js: files.filter((f) => f.endsWith('.js')).reduce((s, f) => s + gz(dir, f), 0),
    css: css.reduce((s, f) => s + gz(dir, f), 0),
    files,
    lazy: [...allJs].reduce((s, f) => s + gz(dir, f), 0),
  };
}

async function main(): Promise<void> {
  const web = await ensureWebBuild();
  if (!existsSync(join(web, '.vite', 'manifest.json'))) throw new Error(`${web} has no .vite/manifest.json`);
  const server = await startServer(web);
  const browser = await launchBrowser();
  const times: { ready: number; paint: number; fcp: number; jsBeforeReady: number }[] = [];
  try {
    for (let i = 0; i < LOADS; i++) {
      // A new context each time: empty HTTP cache and storage, as on a first visit.
      const t = await openPage(
        browser,
        { viewport: { width: 1920, height: 1080 } },
        { baseUrl: server.baseUrl, signed: server.session },
      );
      // A string, not a function: tsx (esbuild keepNames) would wrap a function in __name(), unknown in the page.
      await t.page.addInitScript(RECORD_READY);
      const js: { url: string; bytes: number }[] = [];
      let drawn = false;
      t.page.on('response', async (r) => {
        if (drawn || r.request().resourceType() !== 'script') return;
        const body = await r.body().catch(() => null);
        if (body) js.push({ url: r.url(), bytes: gzipSync(body, { level: 9 }).length });
      });
      await t.page.goto(server.baseUrl + PATH);
      await t.page.waitForFunction(
        () => (window as unknown as { __readyAt?: number }).__readyAt !== undefined,
        undefined,
        { timeout: 180_000 },
      );
      drawn = true;
      const m = await t.page.evaluate(() => ({
        ready: (window as unknown as { __readyAt: number }).__readyAt,
        paint: (window as unknown as { __iocMapFirstPaint?: number }).__iocMapFirstPaint ?? NaN,
        fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
      }));
      times.push({ ...m, jsBeforeReady: js.reduce((s, x) => s + x.bytes, 0) });
      t.assertClean(`load ${i + 1}`);
      await t.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
  const initial = initialFromManifest(web);
  const round = (x: number) => Math.round(x);
  console.log(
    `First screen ${PATH} on the demo store, headless Chromium (SwiftShader WebGL), 1920×1080, ${LOADS} cold loads:`,
  );
  console.log(
    `  map on screen, coloured (SVG first paint): median ${round(median(times.map((t) => t.paint)))} ms  [${times.map((t) => round(t.paint)).join(', ')}]`,
  );
  console.log(
    `  map drawn by MapLibre (interactive):       median ${round(median(times.map((t) => t.ready)))} ms  [${times.map((t) => round(t.ready)).join(', ')}]`,
  );
  console.log(`  first contentful paint:                    median ${round(median(times.map((t) => t.fcp)))} ms`);
  console.log(
    `  initial JS (entry + static imports, gzip -9): ${kb(initial.js)} in ${initial.files.length} files; CSS ${kb(initial.css)}`,
  );
  console.log(`  JS fetched until the map was drawn (gzip -9): ${kb(median(times.map((t) => t.jsBeforeReady)))}`);
  console.log(`  lazy chunks not in the first load (gzip -9):  ${kb(initial.lazy)}`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exit(1);
});
