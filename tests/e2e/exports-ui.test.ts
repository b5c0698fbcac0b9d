// The export buttons in Chromium: a panel's CSV downloads with its BOM and Vietnamese headers, the
// snapshot button freezes the panels on screen and gives a link that opens them, and "copy link"
// says what it did. Issue 17: a snapshot's picture of the view shows on its share page (three sizes,
// axe clean, no sideways scrolling); a visitor not signed in is told what opens, signs in and gets
// there; the PDF menu offers Times New Roman and the PDF is set in it (pdffonts).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ROOT, settle, shotPath } from './harness.ts';
import { e2eSuite } from './suite.ts';
import { TEST_PASSWORD, signIn } from '../helpers/auth.ts';

const NAM_TRUNG = '10633';
const AXE = readFileSync(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

/** Serious and critical axe violations of the page as it is now. */
async function axe(page: Page): Promise<unknown[]> {
  await page.evaluate(AXE); // the page's CSP refuses inline scripts; the DevTools protocol is not bound by it
  const found = await page.evaluate(async () => {
    const w = window as unknown as {
      axe: { run(ctx: Document): Promise<{ violations: { id: string; impact: string | null; nodes: unknown[] }[] }> };
    };
    const r = await w.axe.run(document);
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3) }));
  });
  return found.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

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

  /** A snapshot of the commune's Overview with its picture, as the "Chụp nhanh" button asks for it. */
  async function snapshotWithPicture(): Promise<{ id: string; title: string }> {
    const title = 'Tổng quan Kế hoạch 16/KH-UBND · Xã Nam Trung';
    const res = await e2e.server.app.inject({
      method: 'POST',
      url: '/api/snapshots?picture=true',
      headers: e2e.server.session.headers,
      payload: {
        title,
        view: `/?unit=${NAM_TRUNG}`,
        panels: [
          { id: 'overview:targets', title: 'Chỉ tiêu của kế hoạch', kind: 'targets', request: { unit: NAM_TRUNG } },
          {
            id: 'trend',
            title: 'Tài khoản VNeID theo tháng',
            kind: 'indicator',
            request: {
              indicator: 'count_vneid_accounts',
              unit: NAM_TRUNG,
              by: 'month',
              from: '2022-06',
              to: '2022-12',
            },
          },
        ],
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    return { id: res.json<{ id: string }>().id, title };
  }

  it('a snapshot with its picture: /s/<id> shows the view as it looked above the tables, at three sizes', async () => {
    const { id, title } = await snapshotWithPicture();
    const page = () => e2e.server.app.inject({ method: 'GET', url: `/s/${id}`, headers: e2e.server.session.headers });
    // rendered in the background by the server's Chromium; the page says so meanwhile
    expect((await page()).body).toMatch(/đang được tạo|data:image\/png/);
    await expect
      .poll(async () => (await page()).body.includes('data:image/png'), { timeout: 150_000, interval: 2000 })
      .toBe(true);
    const t = await e2e.open();
    for (const [width, height] of [
      [1920, 1080],
      [1366, 768],
      [390, 844],
    ]) {
      await t.page.setViewportSize({ width, height });
      await t.page.goto(`${e2e.baseUrl}/s/${id}`);
      expect(await t.page.locator('h1').innerText()).toBe(title);
      const img = t.page.locator('figure.view img');
      await img.waitFor();
      expect(await img.evaluate((i: HTMLImageElement) => i.naturalWidth)).toBe(1366);
      expect(await img.evaluate((i: HTMLImageElement) => i.getBoundingClientRect().width <= window.innerWidth)).toBe(
        true,
      );
      // the picture first, then the frozen tables
      expect(await t.page.locator('main > figure.view + section table').count()).toBe(1);
      expect(
        await t.page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth),
      ).toBe(true);
      expect(await axe(t.page), `${width}×${height}`).toEqual([]);
      await t.page.screenshot({ path: shotPath(`share_${width}x${height}`), fullPage: false });
    }
    await t.page.getByRole('link', { name: /Mở màn hình trực tiếp/ }).click();
    await t.page.waitForURL(`${e2e.baseUrl}/?unit=${NAM_TRUNG}`);
    t.assertClean('share page');
    await t.close();
  });

  it('a visitor not signed in is told what opens, signs in, and lands on the snapshot', async () => {
    const { id, title } = await snapshotWithPicture();
    const account = await signIn(e2e.server.app, e2e.server.ctx, { role: 'leader', unit: NAM_TRUNG });
    const t = await e2e.open({}, null);
    await t.page.goto(`${e2e.baseUrl}/s/${id}`);
    await t.page.waitForURL(/\?next=/);
    const notice = t.page.getByTestId('share-notice');
    await notice.waitFor();
    const text = await notice.innerText();
    expect(text).toContain(title);
    expect(text).toContain('Xã Nam Trung');
    expect(text).toMatch(/\d{2}\/\d{2}\/\d{4}/);
    expect(await axe(t.page)).toEqual([]);
    await t.page.getByLabel('Tên đăng nhập').fill(account.username);
    await t.page.getByLabel('Mật khẩu').fill(TEST_PASSWORD);
    await t.page.getByRole('button', { name: 'Đăng nhập' }).click();
    await t.page.waitForURL(`${e2e.baseUrl}/s/${id}`);
    expect(await t.page.locator('h1').innerText()).toBe(title);
    await t.close();
  });

  it('the PDF menu offers Times New Roman (administrative) and the PDF is set in it', async () => {
    const t = await e2e.open({ acceptDownloads: true });
    await t.page.goto(`${e2e.baseUrl}/targets?unit=${NAM_TRUNG}`);
    await settle(t.page);
    await t.page.getByText('PDF', { exact: true }).click();
    await t.page.getByLabel('Times New Roman (hành chính)').check();
    const [download] = await Promise.all([
      t.page.waitForEvent('download', { timeout: 150_000 }),
      t.page.getByRole('button', { name: 'Tải PDF' }).click(),
    ]);
    const fonts = execFileSync('pdffonts', [await download.path()], { encoding: 'utf8' });
    expect(fonts).toContain('LiberationSerif');
    expect(fonts).not.toContain('NotoSans');
    t.assertClean('PDF in Times New Roman');
    await t.close();
  });
});
