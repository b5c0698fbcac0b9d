// Every screen in a real Chromium, as a person opens it: it loads with no console error and no
// request off the host, speaks Vietnamese (or English when asked), passes axe, and Tab + Enter
// in the menu open a screen. The admin screens (signed in as an administrator) and the sign-in
// screen (not signed in) too. Screenshots land in tests/.tmp/shots/.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ROOT, settle, shotPath } from './harness.ts';
import { e2eSuite } from './suite.ts';

const SCREENS = [
  '/',
  '/map',
  '/targets',
  '/procedures',
  '/index766',
  '/population',
  '/forecast',
  '/tasks',
  '/briefs',
  '/catalog',
  '/wall',
  '/admin/accounts',
  '/admin/keys',
  '/admin/audit',
  '/admin/imports',
];
const EN_SCREENS = [
  '/?lang=en',
  '/map?lang=en',
  '/targets?lang=en',
  '/index766?lang=en',
  '/forecast?lang=en',
  '/tasks?lang=en',
  '/admin/audit?lang=en',
  '/admin/keys?lang=en',
];
const AXE = readFileSync(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/** The menu entry marked current on each screen (the wall has no menu). */
const CURRENT: Record<string, { vi: string; en: string } | null> = {
  '/': { vi: 'Tổng quan', en: 'Overview' },
  '/map': { vi: 'Bản đồ', en: 'Map' },
  '/targets': { vi: 'Chỉ tiêu', en: 'Targets' },
  '/procedures': { vi: 'Thủ tục hành chính', en: 'Procedures' },
  '/index766': { vi: 'Chỉ số 766', en: 'Decision 766 index' },
  '/population': { vi: 'Dân cư', en: 'Population' },
  '/forecast': { vi: 'Dự báo', en: 'Forecast' },
  '/tasks': { vi: 'Nhiệm vụ', en: 'Tasks' },
  '/briefs': { vi: 'Báo cáo', en: 'Briefs' },
  '/catalog': { vi: 'Dữ liệu', en: 'Data' },
  '/wall': null,
  '/admin/accounts': { vi: 'Tài khoản', en: 'Accounts' },
  // "Khóa API" is a tab of the menu entry "Tài khoản"
  '/admin/keys': { vi: 'Tài khoản', en: 'Accounts' },
  '/admin/audit': { vi: 'Nhật ký truy cập', en: 'Access log' },
  '/admin/imports': { vi: 'Nhập dữ liệu', en: 'Data import' },
};

/** axe-core injected into the page; serious and critical violations only. */
async function axeViolations(page: Page): Promise<AxeViolation[]> {
  try {
    await page.addScriptTag({ content: AXE });
  } catch {
    await page.evaluate(AXE); // a CSP that refuses inline scripts does not bind the DevTools protocol
  }
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: AxeViolation[] }> } }
    ).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 3).map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

e2eSuite('screens in Chromium', (e2e) => {
  for (const path of [...SCREENS, ...EN_SCREENS]) {
    it(`${path}: loads clean (no console error, nothing off the host), is the right screen, passes axe`, async () => {
      const wall = path.startsWith('/wall');
      const t = await e2e.open(wall ? { viewport: { width: 1920, height: 1080 } } : {});
      const res = await t.page.goto(e2e.baseUrl + path);
      expect(res?.status()).toBe(200);
      await settle(t.page);
      await t.page.screenshot({ path: shotPath(`screen${path}`) });
      t.assertClean(path);
      const lang = path.includes('lang=en') ? 'en' : 'vi';
      expect(await t.page.getAttribute('html', 'lang')).toBe(lang);
      const text = await t.page.locator('body').innerText();
      expect(text.length).toBeGreaterThan(40);
      // Precomposed (NFC) text: decomposed marks render badly in some fonts and break search.
      expect(text).toBe(text.normalize('NFC'));
      const current = CURRENT[new URL(path, 'http://x').pathname];
      if (current) {
        // A screen missing from the build falls back to the overview: the menu says which one is shown.
        expect(await t.page.locator('.app-nav [aria-current="page"]').allInnerTexts()).toEqual([current[lang]]);
        if (lang === 'vi') expect(text).toContain('Dữ liệu mô phỏng');
      }
      const bad = await axeViolations(t.page);
      expect(bad, JSON.stringify(bad, null, 1)).toEqual([]);
      await t.close();
    });
  }

  for (const path of ['/targets?unit=10633', '/wall', '/?lang=en']) {
    it(`not signed in, ${path} shows the sign-in screen: clean, labelled, passes axe`, async () => {
      const t = await e2e.open(path === '/wall' ? { viewport: { width: 1920, height: 1080 } } : {}, null);
      await t.page.goto(e2e.baseUrl + path);
      await settle(t.page);
      await t.page.screenshot({ path: shotPath(`sign-in${path}`) });
      t.assertClean(path);
      const en = path.includes('lang=en');
      expect(await t.page.getAttribute('html', 'lang')).toBe(en ? 'en' : 'vi');
      expect(await t.page.locator('h1').innerText()).toBe(en ? 'Sign in' : 'Đăng nhập');
      expect(await t.page.getByLabel(en ? 'User name' : 'Tên đăng nhập').count()).toBe(1);
      expect(await t.page.getByLabel(en ? 'Password' : 'Mật khẩu').count()).toBe(1);
      expect(await t.page.locator('body').innerText()).toContain(en ? 'Simulated data' : 'Dữ liệu mô phỏng');
      const bad = await axeViolations(t.page);
      expect(bad, JSON.stringify(bad, null, 1)).toEqual([]);
      await t.close();
    });
  }

  it('Vietnamese renders with its diacritics, and demo data is labelled as generated', async () => {
    const t = await e2e.open();
    await t.page.goto(`${e2e.baseUrl}/?unit=10633`);
    await settle(t.page);
    const text = await t.page.locator('body').innerText();
    for (const s of ['Tổng quan', 'Chỉ tiêu', 'Bản đồ', 'Nam Trung', 'Dữ liệu mô phỏng']) expect(text, s).toContain(s);
    expect(text).toMatch(/Xã Nam Trung|xã Nam Trung/);
    // The body font has the Vietnamese glyphs: "ổ" is as wide as "o", not a box from another font.
    const widths = await t.page.evaluate(() => {
      const c = document.createElement('canvas').getContext('2d')!;
      c.font = getComputedStyle(document.body).font;
      return { o: c.measureText('ổ').width, plain: c.measureText('o').width };
    });
    expect(Math.abs(widths.o - widths.plain)).toBeLessThan(0.5);
    t.assertClean('diacritics');
    await t.close();
  });

  it('keyboard: Tab reaches the menu and Enter opens a screen', async () => {
    const t = await e2e.open();
    await t.page.goto(`${e2e.baseUrl}/`);
    await settle(t.page);
    let reached = false;
    for (let i = 0; i < 40 && !reached; i++) {
      await t.page.keyboard.press('Tab');
      reached = await t.page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        return (
          !!el &&
          !!el.closest('nav, [role="navigation"]') &&
          /Chỉ tiêu/.test(el.innerText || el.getAttribute('aria-label') || '')
        );
      });
    }
    expect(reached, 'Tab never reached the "Chỉ tiêu" entry of the menu').toBe(true);
    await t.page.keyboard.press('Enter');
    await t.page.waitForURL((u) => u.pathname === '/targets', { timeout: 10_000 });
    await settle(t.page);
    // The new screen says where the reader is: its heading names it.
    await expect
      .poll(() => t.page.locator('h1, h2').allInnerTexts(), { timeout: 10_000 })
      .toEqual(expect.arrayContaining([expect.stringMatching(/Chỉ tiêu/)]));
    t.assertClean('keyboard');
    await t.close();
  });
});
