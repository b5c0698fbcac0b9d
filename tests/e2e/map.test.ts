// The map in Chromium: the 19 communes are drawn with fills that follow the API's values (a higher
// value never gets a lighter class; suppressed and no-data communes get their own colours),
// clicking Nam Trung opens its profile, and a commune leader's district layer comes from its unit tree.
// A commune leader's map draws the other communes in grey with their names and no value; no unit is named
// twice at any size; the map and its legend fit the window (1920×1080, 1366×768, 390×844) without sideways
// scrolling, the legend below the map (never over it nor over the attribution), saying the indicator, its
// unit and its month; zoom buttons speak the app's language; the indicator picker filters without diacritics.
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { NO_DATA_COLOR, SUPPRESSED_COLOR } from '../../web/src/map/palette.ts';
import { DISTRICT, signIn } from '../helpers/auth.ts';
import { settle, shotPath } from './harness.ts';
import { e2eSuite } from './suite.ts';

interface Row {
  unit: string;
  unit_name: string;
  value: number | null;
  suppressed: boolean;
}

const NAM_TRUNG = '10633';
const SIZES = [
  [1920, 1080],
  [1366, 768],
  [390, 844],
] as const;

/** The last month the data cover completely, from the server's data date (computed here, not by the app). */
async function lastFullMonth(api: <T>(path: string) => Promise<T>): Promise<string> {
  const { datasets } = await api<{ datasets: { data_date: string }[] }>('/api/health');
  const date = datasets
    .map((d) => d.data_date)
    .sort()
    .at(-1)!;
  const [y, m, d] = date.split('-').map(Number);
  const full = d === new Date(Date.UTC(y, m, 0)).getUTCDate();
  const [yy, mm] = full ? [y, m] : m === 1 ? [y - 1, 12] : [y, m - 1];
  return `${yy}-${String(mm).padStart(2, '0')}`;
}

/** The names MapLibre drew ([layer, code] pairs: 'unit' or 'around'), as the map wrote them for tests. */
async function drawnLabels(page: Page): Promise<[string, string][]> {
  const raw = await page.locator('[data-testid="map"] .map-view__canvas').getAttribute('data-labels');
  expect(raw, 'the map wrote no data-labels').toBeTruthy();
  return JSON.parse(raw!) as [string, string][];
}

/** Whether two boxes overlap (by more than a pixel). */
const overlap = (a: DOMRect | null, b: DOMRect | null) =>
  !!a &&
  !!b &&
  a.x + 1 < b.x + b.width &&
  b.x + 1 < a.x + a.width &&
  a.y + 1 < b.y + b.height &&
  b.y + 1 < a.y + a.height;

/** The fills the map says it drew and the designated grey fills, as rgb() strings the browser normalised. */
async function readFills(
  page: Page,
): Promise<{ fills: Record<string, string>; designated: { suppressed: string; noData: string } }> {
  const raw = await page.locator('[data-testid="map"]').first().getAttribute('data-fills');
  expect(raw, 'the map has no data-fills attribute').toBeTruthy();
  const fills = JSON.parse(raw!) as Record<string, string>;
  const all = await normalise(page, { ...fills, __suppressed: SUPPRESSED_COLOR, __no_data: NO_DATA_COLOR });
  const { __suppressed, __no_data, ...rest } = all;
  return { fills: rest, designated: { suppressed: __suppressed, noData: __no_data } };
}

async function normalise(page: Page, colours: Record<string, string>): Promise<Record<string, string>> {
  return page.evaluate((f) => {
    const el = document.createElement('div');
    document.body.append(el);
    const out: Record<string, string> = {};
    for (const [k, c] of Object.entries(f)) {
      el.style.color = '';
      el.style.color = c;
      out[k] = getComputedStyle(el).color;
    }
    el.remove();
    return out;
  }, colours);
}

/** Relative luminance (WCAG) of an rgb()/rgba() string. */
function luminance(rgb: string): number {
  const [r, g, b] = (rgb.match(/[\d.]+/g) ?? [])
    .slice(0, 3)
    .map(Number)
    .map((v) => {
      const c = v / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Checks fills against rows: ordering of classes, and distinct colours for suppressed / no data. */
function checkFills(
  fills: Record<string, string>,
  rows: Row[],
  designated: { suppressed: string; noData: string },
): void {
  expect(Object.keys(fills).sort()).toEqual(rows.map((r) => r.unit).sort());
  const valued = rows.filter((r) => !r.suppressed && r.value !== null).sort((a, b) => a.value! - b.value!);
  const suppressed = rows.filter((r) => r.suppressed);
  const noData = rows.filter((r) => !r.suppressed && r.value === null);
  const classColours = new Set(valued.map((r) => fills[r.unit]));
  // Equal values share a colour; a higher value is never lighter (every ramp runs light → dark).
  const lum = valued.map((r) => luminance(fills[r.unit]));
  const darkerUp = lum.every((l, i) => i === 0 || l <= lum[i - 1] + 1e-9);
  const trace = valued.map((r) => `${r.unit_name} ${r.value} ${fills[r.unit]}`).join('\n');
  expect(darkerUp, `a higher value got a lighter fill:\n${trace}`).toBe(true);
  for (let i = 1; i < valued.length; i++) {
    if (valued[i].value === valued[i - 1].value) expect(fills[valued[i].unit]).toBe(fills[valued[i - 1].unit]);
  }
  if (valued.length >= 5 && valued[0].value !== valued.at(-1)!.value) {
    expect(classColours.size, `one colour for every value:\n${trace}`).toBeGreaterThanOrEqual(3);
  }
  for (const [group, colour] of [
    [suppressed, designated.suppressed],
    [noData, designated.noData],
  ] as const) {
    for (const r of group) expect(fills[r.unit], `${r.unit_name} (suppressed: ${r.suppressed})`).toBe(colour);
    expect(classColours.has(colour), `${colour} is also a class colour`).toBe(false);
  }
}

e2eSuite('the map in Chromium', (e2e) => {
  const cases = [
    { indicator: 'pct_vneid_level2', period: '' },
    // March 2022 deaths: small counts, published perturbed (never withheld under the cell-key method).
    { indicator: 'deaths', period: '&from=2022-03&to=2022-03' },
    // September 2022 share of birth bundles completed: small bases, withheld ('small_base') in some communes.
    { indicator: 'pct_births_linked_flow', period: '&from=2022-09&to=2022-09' },
  ];
  for (const c of cases) {
    it(`draws the 19 communes with fills that follow /api/indicators/${c.indicator}${c.period}`, async () => {
      const t = await e2e.open();
      await t.page.goto(`${e2e.baseUrl}/map?indicator=${c.indicator}${c.period}`);
      await settle(t.page);
      await t.page.screenshot({ path: shotPath(`map_${c.indicator}${c.period}`) });
      // without a period in the link, the map shows the last complete month (as the Overview's map)
      const month = await lastFullMonth((p) => e2e.api(p));
      const period = c.period || `&from=${month}&to=${month}`;
      const { rows } = await e2e.api<{ rows: Row[] }>(`/api/indicators/${c.indicator}?unit=291&by=unit${period}`);
      expect(rows).toHaveLength(19);
      if (c.indicator === 'deaths') expect(rows.some((r) => r.suppressed)).toBe(false);
      if (c.indicator === 'pct_births_linked_flow') expect(rows.some((r) => r.suppressed)).toBe(true);
      const { fills, designated } = await readFills(t.page);
      checkFills(fills, rows, designated);
      // The canvas really has colour on it (WebGL on SwiftShader drew something).
      const canvas = t.page.locator('[data-testid="map"] canvas').first();
      await expect.poll(() => canvas.isVisible()).toBe(true);
      t.assertClean(`/map?indicator=${c.indicator}`);
      await t.close();
    });
  }

  it('draws the same choropleth as SVG first, and keeps it when MapLibre cannot load', async () => {
    const t = await e2e.open();
    const glChunk = /\/assets\/GlMap-[^/]*\.js$/;
    await t.page.route(glChunk, (route) => route.abort('failed'));
    const refused = t.page.waitForEvent('requestfailed', { predicate: (r) => glChunk.test(r.url()), timeout: 30_000 });
    await t.page.goto(`${e2e.baseUrl}/map?indicator=pct_vneid_level2`);
    await t.page.waitForFunction(() => window.__iocMapFirstPaint !== undefined, undefined, { timeout: 30_000 });
    // MapLibre's chunk was asked for and failed; a frame later the map has taken the failure in
    await refused;
    await t.page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve))));
    const paths = t.page.locator('[data-testid="map-svg"] path[data-code]');
    expect(await paths.count()).toBe(19);
    // an account that sees every commune has no neighbour drawn in grey
    expect(await t.page.locator('[data-testid="map-svg"] .map-view__around').count()).toBe(0);
    const drawn = Object.fromEntries(
      await paths.evaluateAll((els) => els.map((e) => [e.getAttribute('data-code'), e.getAttribute('fill')])),
    );
    const { fills } = await readFills(t.page);
    const normalisedDrawn = await normalise(t.page, drawn as Record<string, string>);
    expect(normalisedDrawn).toEqual(fills);
    const { rows } = await e2e.api<{ rows: Row[] }>('/api/indicators/pct_vneid_level2?unit=291&by=unit');
    expect(Object.keys(drawn).sort()).toEqual(rows.map((r) => r.unit).sort());
    // Labels with their diacritics, each name once, and no MapLibre canvas.
    const labels = await t.page.locator('[data-testid="map-svg"] text').allTextContents();
    expect(labels.length).toBeGreaterThanOrEqual(8);
    expect(labels.filter((l, k) => labels.indexOf(l) !== k)).toEqual([]);
    expect(
      labels.some((l) => /[ăâđêôơưáàảãạếềểễệốồổỗộớờởỡợứừửữự]/iu.test(l)),
      labels.join(', '),
    ).toBe(true);
    expect(await t.page.locator('[data-testid="map"] canvas').count()).toBe(0);
    await t.page.screenshot({ path: shotPath('map_svg_without_maplibre') });
    expect(t.errors.filter((e) => e.startsWith('page error'))).toEqual([]);
    await t.close();
  });

  it('clicking Nam Trung opens its profile', async () => {
    const t = await e2e.open();
    await t.page.goto(`${e2e.baseUrl}/map?indicator=population`);
    await settle(t.page);
    // The keyboard-reachable list of units beside the map (the canvas has the same click handler).
    await t.page
      .getByRole('button', { name: /Xã Nam Trung/ })
      .first()
      .click();
    await t.page.waitForURL((u) => u.searchParams.get('unit') === NAM_TRUNG, { timeout: 10_000 });
    await settle(t.page);
    const profile = t.page.getByTestId('unit-profile');
    await expect.poll(() => profile.isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await profile.innerText()).toMatch(/Nam Trung/);
    await t.page.screenshot({ path: shotPath('map_profile_nam_trung') });
    t.assertClean('profile of Nam Trung');
    await t.close();
  });

  // The district and country layers ask for the province the account sees in the unit tree (/api/units), not a code
  // written in the app: a commune leader sees its district as a total and no province, so its district is drawn
  // (with the app's old province code, the map asked for a unit outside its scope and showed a refusal).
  it('a commune leader’s district layer draws its district, taken from the unit tree', async () => {
    const leader = await signIn(e2e.server.app, e2e.server.ctx, { role: 'leader', unit: NAM_TRUNG });
    const t = await e2e.open({}, leader);
    await t.page.goto(`${e2e.baseUrl}/map?layer=district&indicator=population`);
    await settle(t.page);
    expect(await t.page.locator('[data-testid="map"] [role="alert"]').count()).toBe(0);
    const { fills, designated } = await readFills(t.page);
    expect(Object.keys(fills)).toEqual([DISTRICT]);
    expect(fills[DISTRICT]).not.toBe(designated.noData);
    t.assertClean('district layer of a commune leader');
    await t.close();
  });

  // The commune leader's map: their commune with its value, the 18 others of the district in grey with their names
  // (GET /api/geo/neighbours: outline and name only), none of them with a fill or a value, each name drawn once.
  it('a commune leader’s map shows the other communes in grey, named once, with no value', async () => {
    const leader = await signIn(e2e.server.app, e2e.server.ctx, { role: 'leader', unit: NAM_TRUNG });
    const t = await e2e.open({}, leader);
    await t.page.goto(`${e2e.baseUrl}/map?indicator=population`);
    await settle(t.page);
    await t.page.screenshot({ path: shotPath('map_commune_leader_neighbours') });
    const { fills } = await readFills(t.page);
    expect(Object.keys(fills)).toEqual([NAM_TRUNG]);
    const around = (
      await e2e.server.app.inject({ method: 'GET', url: '/api/geo/neighbours?level=commune', headers: leader.headers })
    ).json<{ features: { properties: { code: string; name: string } }[] }>().features;
    expect(around).toHaveLength(18);
    const labels = await drawnLabels(t.page);
    const keys = labels.map((l) => l.join(':'));
    expect(keys.filter((k, n) => keys.indexOf(k) !== n)).toEqual([]);
    expect(keys).toContain(`unit:${NAM_TRUNG}`);
    const named = labels.filter(([layer]) => layer === 'around').map(([, code]) => code);
    expect(named.length).toBeGreaterThanOrEqual(3);
    for (const code of named) expect(around.map((f) => f.properties.code)).toContain(code);
    // the list of units and the legend's classes hold Nam Trung only; the legend counts the neighbours apart
    const units = await t.page
      .getByRole('navigation', { name: 'Danh sách đơn vị' })
      .getByRole('button')
      .allTextContents();
    expect(units).toHaveLength(1);
    expect(units[0]).toMatch(/Nam Trung/);
    expect(await t.page.locator('.map-legend').innerText()).toMatch(/Đơn vị lân cận \(ngoài phạm vi\)\s*\(18\)/);
    t.assertClean('the commune leader’s map');
    await t.close();
  });

  for (const [width, height] of SIZES) {
    it(`at ${width}×${height}: the map and its legend fit the window, nothing named twice, no sideways scroll`, async () => {
      const t = await e2e.open({ viewport: { width, height } });
      await t.page.goto(`${e2e.baseUrl}/map?indicator=pct_vneid_level2`);
      await settle(t.page);
      await t.page.screenshot({ path: shotPath(`map_fit_${width}x${height}`) });
      const box = await t.page.evaluate(() => {
        const rect = (sel: string) => document.querySelector(sel)?.getBoundingClientRect().toJSON() ?? null;
        return {
          scroll: document.documentElement.scrollWidth,
          inner: innerWidth,
          innerHeight,
          map: rect('[data-testid="map"]'),
          stage: rect('[data-testid="map"] .map-view__stage'),
          legend: rect('[data-testid="map"] .map-legend'),
          attribution: rect('[data-testid="map"] .maplibregl-ctrl-attrib'),
        };
      });
      expect(box.scroll, 'the page scrolls sideways').toBeLessThanOrEqual(box.inner);
      // the whole map, legend included, is above the fold
      expect(box.map!.y).toBeGreaterThanOrEqual(0);
      expect(box.map!.y + box.map!.height).toBeLessThanOrEqual(box.innerHeight);
      expect(box.stage!.height).toBeGreaterThanOrEqual(200);
      // the legend is below the map's drawing: it covers neither the map nor the attribution
      expect(overlap(box.legend as DOMRect, box.stage as DOMRect)).toBe(false);
      expect(box.attribution).not.toBeNull();
      expect(overlap(box.legend as DOMRect, box.attribution as DOMRect)).toBe(false);
      const labels = (await drawnLabels(t.page)).map((l) => l.join(':'));
      expect(labels.length).toBeGreaterThanOrEqual(5);
      expect(labels.filter((k, n) => labels.indexOf(k) !== n)).toEqual([]);
      // the legend: a button that folds it (folded on a phone), the indicator, its unit and the month shown
      const toggle = t.page.locator('.map-legend__toggle');
      expect(await toggle.getAttribute('aria-expanded')).toBe(width < 600 ? 'false' : 'true');
      const month = await lastFullMonth((p) => e2e.api(p));
      const [y, m] = month.split('-').map(Number);
      const meta = (
        await e2e.api<{ indicators: { id: string; name_vi: string }[] }>('/api/indicators')
      ).indicators.find((x) => x.id === 'pct_vneid_level2')!;
      expect(await t.page.locator('.map-legend__title').innerText()).toBe(`${meta.name_vi} (%) · Tháng ${m}/${y}`);
      await toggle.click();
      expect(await toggle.getAttribute('aria-expanded')).toBe(width < 600 ? 'true' : 'false');
      expect(await t.page.locator('.map-legend__body').isVisible()).toBe(width < 600);
      t.assertClean(`map at ${width}×${height}`);
      await t.close();
    });
  }

  it('speaks Vietnamese in its controls: zoom buttons, months as "Tháng m/yyyy", English on the switch', async () => {
    const t = await e2e.open();
    await t.page.goto(`${e2e.baseUrl}/map?indicator=population`);
    await settle(t.page);
    expect(await t.page.locator('.maplibregl-ctrl-zoom-in').getAttribute('title')).toBe('Phóng to');
    expect(await t.page.locator('.maplibregl-ctrl-zoom-out').getAttribute('title')).toBe('Thu nhỏ');
    // no native month field (Chromium shows "--------- ----" in one without a value): the period is chosen in lists
    expect(await t.page.locator('input[type="month"]').count()).toBe(0);
    const month = await lastFullMonth((p) => e2e.api(p));
    const [y, m] = month.split('-').map(Number);
    const shown = await t.page.locator('.map-controls .period-picker select').allInnerTexts();
    expect(shown.length).toBeGreaterThanOrEqual(1);
    const chosen = await t.page
      .locator('.map-controls .period-picker select')
      .evaluateAll((els) => els.map((e) => (e as HTMLSelectElement).selectedOptions[0]?.textContent ?? ''));
    expect(chosen).toContain(`Tháng ${m}/${y}`);
    await t.page.goto(`${e2e.baseUrl}/map?indicator=population&lang=en`);
    await settle(t.page);
    expect(await t.page.locator('.maplibregl-ctrl-zoom-in').getAttribute('title')).toBe('Zoom in');
    t.assertClean('map controls');
    await t.close();
  });

  it('the indicator picker: grouped by domain, filtered without diacritics, Enter takes the first match', async () => {
    const t = await e2e.open();
    await t.page.goto(`${e2e.baseUrl}/map?indicator=population`);
    await settle(t.page);
    const list = t.page.getByRole('combobox', { name: 'Chỉ tiêu' });
    const groups = await list.locator('optgroup').evaluateAll((els) => els.map((e) => e.getAttribute('label')));
    expect(groups).toEqual(['Dân cư', 'Thủ tục hành chính']);
    const { indicators } = await e2e.api<{
      indicators: { id: string; domain: string; name_vi: string; name_en: string }[];
    }>('/api/indicators');
    const mapped = indicators.filter((x) => x.domain === 'population' || x.domain === 'procedures');
    expect(await list.locator('option').count()).toBe(mapped.length);
    const search = t.page.getByRole('searchbox', { name: 'Tìm chỉ tiêu theo tên' });
    await search.fill('VNeID mức 2');
    // the matches: every word of the search in a name (either language) or the id, whatever the accents and case;
    // the chosen indicator (Dân số) stays listed
    const fold = (x: string) =>
      x
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .replace(/đ/gi, 'd')
        .toLowerCase();
    const words = fold('vneid muc 2').split(' ');
    const expected = mapped.filter((x) => {
      const text = fold(`${x.name_vi} ${x.name_en} ${x.id.replace(/_/g, ' ')}`);
      return words.every((w) => text.includes(w));
    });
    expect(expected.map((x) => x.id)).toContain('pct_vneid_level2');
    expect(expected.length).toBeLessThan(mapped.length / 4);
    const values = await list.locator('option').evaluateAll((els) => els.map((e) => (e as HTMLOptionElement).value));
    const matches = values.filter((v) => v !== 'population');
    expect([...matches].sort()).toEqual(expected.map((x) => x.id).sort());
    // Enter takes the first match listed
    await search.press('Enter');
    await t.page.waitForURL((u) => u.searchParams.get('indicator') === matches[0], { timeout: 10_000 });
    await settle(t.page);
    expect(await t.page.locator('[data-testid="map"]').getAttribute('data-indicator')).toBe(matches[0]);
    t.assertClean('indicator picker');
    await t.close();
  });
});
