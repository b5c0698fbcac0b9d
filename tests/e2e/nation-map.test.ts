// The country view in Chromium (issue 18): /map?layer=country draws the whole country from vector tiles without a
// console error, the provinces of the map's date (34 in the demo's last month), each province named once; the
// units the store has are coloured with the API's values (the Nam Sách communes, compared with GET /api/indicators
// by=unit) and every other unit is left to the "no data" grey; zoomed in on Nam Sách the communes are drawn and
// named once each.
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DISTRICT } from '../helpers/auth.ts';
import { shotPath } from './harness.ts';
import { e2eSuite } from './suite.ts';

const labels = async (page: Page): Promise<string[]> =>
  (
    JSON.parse(
      (await page.locator('[data-testid="map"] .map-view__canvas').getAttribute('data-labels')) ?? '[]',
    ) as string[][]
  ).map((l) => l.join(':'));

const idle = (page: Page) =>
  page.evaluate(
    `new Promise((done) => { const m = window.__iocNationMap; if (m.loaded() && m.areTilesLoaded()) done(); ` +
      `else m.once('idle', done); })`,
  );

e2eSuite('national map', (e2e) => {
  it('draws the country from vector tiles, values where the store has them, names once', async () => {
    const t = await e2e.open({ viewport: { width: 1366, height: 768 } });
    const tiles: string[] = [];
    t.page.on('response', (r) => {
      if (r.url().includes('/api/geo/tiles/')) tiles.push(`${r.status()} ${r.url()}`);
    });
    const step = (what: string) => console.log(`nation-map e2e: ${what} at ${Math.round(performance.now())} ms`);
    step('open');
    await t.page.goto(`${e2e.baseUrl}/map?layer=country&indicator=population`);
    await t.page.waitForFunction(() => window.__iocMapReady === true, null, { timeout: 60_000 });
    step('drawn');
    const map = t.page.getByTestId('map');
    expect(await map.getAttribute('data-level')).toBe('country');
    const layer = await map.getAttribute('data-provinces');
    expect(['provinces', 'provinces-2025']).toContain(layer);
    // tiles, not the 63-province GeoJSON; every one answered 200 or 204
    expect(tiles.length).toBeGreaterThan(0);
    for (const line of tiles) expect(line).toMatch(/^(200|204|304) /);
    expect(tiles.every((l) => l.includes(`/api/geo/tiles/${layer}/`))).toBe(true);
    const names = await labels(t.page);
    expect(names.length).toBeGreaterThan(15);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
    await t.page.screenshot({ path: shotPath('national_map_country_1366') });

    // the fills are the store's units with a value, compared with the API's own answer
    const fills = JSON.parse((await map.getAttribute('data-fills')) ?? '{}') as Record<string, string>;
    const answer = await e2e.api<{ rows: { unit: string; value: number | null }[]; period: string }>(
      `/api/indicators/population?unit=${DISTRICT}&by=unit`,
    );
    const valued = answer.rows.filter((r) => r.value !== null).map((r) => r.unit);
    expect(valued.length).toBeGreaterThan(0);
    for (const code of valued) expect(Object.keys(fills)).toContain(code);

    // zoomed on Nam Sách: the communes, each named once, Nam Trung among them
    await t.page.evaluate(`window.__iocNationMap.jumpTo({ center: [106.4, 21.03], zoom: 10.5 })`);
    step('zoomed');
    await idle(t.page);
    step('idle');
    // names of Nam Sách's communes are drawn (those that fit: MapLibre drops colliding names)
    const namSach = async () =>
      (await labels(t.page)).filter((n) => valued.some((code) => n === `communes:${code}`)).length;
    await expect.poll(namSach, { timeout: 15_000 }).toBeGreaterThanOrEqual(3);
    const communes = await labels(t.page);
    expect(communes.filter((n, i) => communes.indexOf(n) !== i)).toEqual([]);
    expect(await t.page.locator('.map-legend').innerText()).toMatch(/Không có dữ liệu/);
    // and coloured as data-fills says: the fill MapLibre evaluates for each Nam Sách commune on screen
    const drawn = await t.page.evaluate<[string, string][]>(
      `window.__iocNationMap.queryRenderedFeatures({ layers: ['nation-commune-fill'] })` +
        `.map((f) => [String(f.properties.code), f.layer.paint['fill-color'].toString()])`,
    );
    const mine = drawn.filter(([code]) => valued.includes(code));
    expect(mine.length).toBeGreaterThan(0);
    const rgb = (hex: string) => {
      const n = parseInt(hex.slice(1), 16);
      return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
    };
    for (const [code, color] of mine) {
      const parts = color.match(/[\d.]+/g)!.map(Number);
      // MapLibre's Color prints rgba(r,g,b,a) with 0–255 channels
      expect(parts.slice(0, 3).map(Math.round), code).toEqual(rgb(fills[code]));
    }
    await t.page.screenshot({ path: shotPath('national_map_nam_sach_1366') });
    t.assertClean('national map');
    await t.close();
  }, 180_000);
});
