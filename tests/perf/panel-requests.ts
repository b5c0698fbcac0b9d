// Counts the API requests each screen makes when it opens (headless Chromium on the demo store), grouped by
// what they ask: `npx tsx tests/perf/panel-requests.ts [screen…]`. Used to keep "one request per panel" honest.
import { ensureWebBuild, launchBrowser, openPage, startServer } from '../e2e/harness.ts';

const SCREENS = process.argv.slice(2).length
  ? process.argv.slice(2)
  : ['overview', 'map', 'targets', 'procedures', 'index766', 'population', 'forecast'];

async function main(): Promise<void> {
  const web = await ensureWebBuild();
  const server = await startServer(web, { IOC_MAX_LAG_MS: '60000' });
  const browser = await launchBrowser();
  try {
    for (const screen of SCREENS) {
      const tracked = await openPage(browser, {}, { baseUrl: server.baseUrl, signed: server.session });
      const seen: string[] = [];
      let last = Date.now();
      tracked.page.on('request', (r) => {
        const u = new URL(r.url());
        if (u.pathname.startsWith('/api/')) seen.push(`${u.pathname}${u.search}`);
        last = Date.now();
      });
      tracked.page.on('requestfinished', () => void (last = Date.now()));
      await tracked.page.goto(`${server.baseUrl}/${screen === 'overview' ? '' : screen}`);
      // quiet: no request started or finished for 3 s (the live stream stays open: no "network idle")
      const t0 = Date.now();
      while (Date.now() - last < 3000 && Date.now() - t0 < 90_000) await tracked.page.waitForTimeout(250);
      const groups = new Map<string, number>();
      for (const s of seen) {
        const u = new URL(s, 'http://x');
        const q = u.searchParams;
        const key =
          u.pathname.startsWith('/api/indicators/') && q.has('by')
            ? `${u.pathname} by=${q.get('by')}${q.has('age_min') ? ' age' : ''}`
            : u.pathname;
        groups.set(key, (groups.get(key) ?? 0) + 1);
      }
      console.log(`\n## ${screen}: ${seen.length} API requests`);
      for (const [k, n] of [...groups].sort((a, b) => b[1] - a[1])) console.log(`${String(n).padStart(4)}  ${k}`);
      if (process.env.VERBOSE) for (const s of seen) console.log(`      ${s}`);
      await tracked.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
