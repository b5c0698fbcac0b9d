// The screen "Danh mục dữ liệu" (issue 20) in a real Chromium: every dataset of the store listed once, grouped by
// domain (the count from /api/indicators plus the two cubes, the targets and the index, not from the catalogue
// itself); a search with or without diacritics finds an indicator by its Vietnamese name; an administrator's
// download link gives the CSV file, a leader sees no download link; /catalog?dataset=… marks its dataset; the English
// switch; and at 1920×1080, 1366×768 and 390×844 nothing scrolls sideways and axe finds nothing serious.
// Screenshots land in tests/.tmp/shots/.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { signIn, type Signed } from '../helpers/auth.ts';
import { ROOT, settle, shotPath, type TrackedPage } from './harness.ts';
import { formatProblems, layoutProblems } from './layout-probe.ts';
import { e2eSuite } from './suite.ts';

const NAM_TRUNG = '10633';
const SIZES = [
  { name: 'screen', width: 1920, height: 1080 },
  { name: 'laptop', width: 1366, height: 768 },
  { name: 'phone', width: 390, height: 844 },
] as const;
const AXE = readFileSync(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
/** The datasets besides one per indicator: the two cubes, the targets, the 766 index (issue 20). */
const OTHERS = 4;

async function axe(page: Page): Promise<{ id: string; nodes: string[] }[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
  return page.evaluate(async () => {
    type Result = { violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[] };
    const run = (window as unknown as { axe: { run(d: Document): Promise<Result> } }).axe.run(document);
    return (await run).violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  });
}

interface Indicator {
  id: string;
  name_vi: string;
  name_en: string;
}

e2eSuite('Danh mục dữ liệu: the catalogue page', (e2e) => {
  let leader: Signed;
  let indicators: Indicator[] = [];
  const opened = new Map<string, TrackedPage>();
  const open = async (size: (typeof SIZES)[number], as: 'leader' | 'admin', path = '/catalog') => {
    leader ??= await signIn(e2e.server.app, e2e.server.ctx, { role: 'leader', unit: NAM_TRUNG });
    if (indicators.length === 0)
      indicators = (await e2e.api<{ indicators: Indicator[] }>('/api/indicators')).indicators;
    const key = `${size.name}|${as}`;
    let t = opened.get(key);
    if (!t) {
      t = await e2e.open(
        { viewport: { width: size.width, height: size.height } },
        as === 'leader' ? leader : undefined,
      );
      opened.set(key, t);
    }
    t.errors.length = 0;
    t.outside.length = 0;
    await t.page.goto(e2e.baseUrl + path);
    await settle(t.page);
    await t.page.locator('.catalog-item').first().waitFor();
    return t;
  };
  const card = (page: Page, title: string) =>
    page.locator('article.catalog-item', { has: page.getByRole('heading', { name: title, exact: true }) });

  it('lists every dataset once, grouped by domain, and finds one by its name with or without diacritics', async () => {
    const t = await open(SIZES[1], 'admin');
    const { page } = t;
    expect(await page.locator('h1').innerText()).toBe('Danh mục dữ liệu');
    expect(await page.locator('nav [aria-current="page"]').innerText()).toBe('Dữ liệu');
    const total = indicators.length + OTHERS;
    expect(total).toBeGreaterThan(40);
    expect(await page.locator('article.catalog-item').count()).toBe(total);
    expect(await page.locator('.catalog .panel__note').innerText()).toBe(`Hiện ${total} trên ${total} bộ dữ liệu`);
    expect(await page.locator('section.catalog-group h2').allInnerTexts()).toEqual([
      expect.stringMatching(/^Dân cư/),
      expect.stringMatching(/^Thủ tục hành chính/),
      expect.stringMatching(/^Chỉ tiêu kế hoạch/),
      expect.stringMatching(/^Chỉ số 766/),
    ]);
    for (const i of indicators.slice(0, 5)) expect(await card(page, i.name_vi).count(), i.id).toBe(1);
    const onTime = indicators.find((i) => i.id === 'pct_resolved_on_time')!;
    const search = page.getByLabel('Tìm bộ dữ liệu');
    for (const q of [onTime.name_vi, 'ty le ho so giai quyet dung han']) {
      await search.fill(q);
      await expect.poll(() => card(page, onTime.name_vi).count()).toBe(1);
      const shown = await page.locator('article.catalog-item').count();
      expect(shown).toBeLessThan(total);
      expect(await page.locator('.catalog .panel__note').innerText()).toBe(`Hiện ${shown} trên ${total} bộ dữ liệu`);
    }
    expect(new URL(page.url()).searchParams.get('q')).toBe('ty le ho so giai quyet dung han');
    await search.fill('zzzz không có');
    await expect.poll(() => page.locator('article.catalog-item').count()).toBe(0);
    expect(await page.locator('.catalog').innerText()).toContain('Không có bộ dữ liệu nào khớp với “zzzz không có”.');
    t.assertClean('search');
  });

  it("an administrator's CSV link gives the file; the definitions are the indicator's", async () => {
    const t = await open(SIZES[0], 'admin');
    const { page } = t;
    const births = indicators.find((i) => i.id === 'births')!;
    const item = card(page, births.name_vi);
    const csv = item.getByRole('link', { name: `Tải CSV: ${births.name_vi}` });
    expect(await csv.getAttribute('href')).toBe('/api/bulk/indicator.births?format=csv');
    expect(await item.getByRole('link', { name: `Tải Parquet: ${births.name_vi}` }).getAttribute('href')).toBe(
      '/api/bulk/indicator.births?format=parquet',
    );
    const res = await page.context().request.get(e2e.baseUrl + (await csv.getAttribute('href')));
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toMatch(/^text\/csv/);
    const body = await res.body();
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 BOM
    const sql = readFileSync(join(ROOT, 'queries', 'population', 'births.sql'), 'utf8');
    const numerator = /^-- numerator: (.*)$/m.exec(sql)![1];
    expect(await item.innerText()).toContain(numerator);
    t.assertClean('download');
  });

  it('a leader reads the catalogue without download links; ?dataset= marks one; English on the switch', async () => {
    const t = await open(SIZES[1], 'leader', '/catalog?dataset=indicator.deaths');
    const { page } = t;
    expect(await page.locator('a[download]').count()).toBe(0);
    expect(await page.locator('.catalog-about').innerText()).toContain('tài khoản của bạn chỉ xem danh mục');
    const deaths = indicators.find((i) => i.id === 'deaths')!;
    const marked = page.locator('article.catalog-item--linked');
    expect(await marked.getByRole('heading').innerText()).toBe(deaths.name_vi);
    await page
      .getByRole('group', { name: /Ngôn ngữ|Language/ })
      .getByRole('button', { name: 'EN' })
      .click();
    await expect.poll(() => page.locator('h1').innerText()).toBe('Data catalogue');
    expect(await page.locator('nav [aria-current="page"]').innerText()).toBe('Data');
    expect(await card(page, deaths.name_en).count()).toBe(1);
    expect(await page.locator('section.catalog-group h2').first().innerText()).toMatch(/^Population/);
    t.assertClean('english');
  });

  for (const size of SIZES)
    it(`${size.name} ${size.width}×${size.height}: nothing scrolls sideways, nothing is cut off, axe clean`, async () => {
      for (const as of ['leader', 'admin'] as const) {
        const t = await open(size, as);
        await t.page.screenshot({ path: shotPath(`catalog_${as}_${size.width}`) });
        const problems = await layoutProblems(t.page);
        expect(problems, formatProblems(problems)).toEqual([]);
        expect(await axe(t.page)).toEqual([]);
        t.assertClean(`/catalog at ${size.width} as ${as}`);
      }
    });
});
