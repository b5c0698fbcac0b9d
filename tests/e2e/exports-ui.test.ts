// The export buttons in Chromium: a panel's CSV downloads with its BOM and Vietnamese headers, the
// snapshot button freezes the panels on screen and gives a link that opens them, and "copy link"
// says what it did.
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { settle, shotPath } from './harness.ts';
import { e2eSuite } from './suite.ts';

e2eSuite('exports from the screens', (e2e) => {
  it('a panel downloads its data as CSV (UTF-8 BOM, Vietnamese headers)', async () => {
    const t = await e2e.open({ acceptDownloads: true });
    await t.page.goto(`${e2e.baseUrl}/procedures?unit=291`);
    await settle(t.page);
    const panel = t.page
      .locator('section.ioc-panel', { has: t.page.locator('h2', { hasText: 'Thời gian giải quyết' }) })
      .first();
    const [download] = await Promise.all([
      t.page.waitForEvent('download'),
      panel.getByRole('link', { name: 'CSV' }).click(),
    ]);
    const file = readFileSync(await download.path());
    expect([...file.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = file.toString('utf8').slice(1);
    expect(text.split('\n')[0]).toContain('Đơn vị');
    expect(text.split('\n').length).toBeGreaterThan(12);
    t.assertClean('panel CSV');
    await t.close();
  });

  it('"Chụp nhanh" freezes the panels on screen and its link opens them', async () => {
    const t = await e2e.open();
    await t.page.goto(`${e2e.baseUrl}/population?unit=291`);
    await settle(t.page);
    await t.page.getByRole('button', { name: 'Chụp nhanh' }).click();
    const link = t.page.locator('.view-actions a[href^="/s/"]');
    await link.waitFor({ timeout: 20_000 });
    const id = (await link.getAttribute('href'))!.slice(3);
    const snap = await e2e.api<{ frozen: boolean; spec: { view: string }; panels: { title: string; kind: string }[] }>(
      `/api/snapshots/${id}`,
    );
    expect(snap.frozen).toBe(true);
    expect(snap.spec.view).toBe('/population?unit=291');
    expect(snap.panels.length).toBeGreaterThanOrEqual(5);
    expect(snap.panels.some((p) => p.title.includes('Sinh') || p.title.includes('sinh'))).toBe(true);
    const page = await e2e.open();
    await page.page.goto(`${e2e.baseUrl}/s/${id}`);
    expect(await page.page.locator('h1').innerText()).toContain('Dân cư');
    expect(await page.page.locator('body').innerText()).toContain('Dữ liệu mô phỏng');
    await page.page.screenshot({ path: shotPath('snapshot_page'), fullPage: false });
    await page.close();
    t.assertClean('snapshot');
    await t.close();
  });

  it('"Sao chép liên kết" copies the view’s link', async () => {
    const t = await e2e.open();
    await t.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await t.page.goto(`${e2e.baseUrl}/targets?unit=10633`);
    await settle(t.page);
    await t.page.getByRole('button', { name: 'Sao chép liên kết' }).click();
    await expect
      .poll(() => t.page.locator('.view-actions__note').innerText())
      .toMatch(/Đã sao chép|\/targets\?unit=10633/);
    const copied = await t.page.evaluate(() => navigator.clipboard.readText().catch(() => location.href));
    expect(copied).toBe(`${e2e.baseUrl}/targets?unit=10633`);
    t.assertClean('copy link');
    await t.close();
  });
});
