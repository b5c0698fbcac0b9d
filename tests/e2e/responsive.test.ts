// Every screen where leaders look at it (issue 17): a 1920×1080 screen, a 1366×768 laptop and a 390×844 phone.
// No screen scrolls sideways and no text is cut off (tests/e2e/layout-probe.ts names the element); the header is
// one row on the laptop and folds behind a "Menu" button on the phone (Escape closes it, focus comes back);
// the header names the signed-in account's own unit. Screenshots land in tests/.tmp/shots/.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DISTRICT, signIn, TEST_PASSWORD, type Signed } from '../helpers/auth.ts';
import { ROOT, settle, shotPath, type TrackedPage } from './harness.ts';
import { formatProblems, layoutProblems } from './layout-probe.ts';
import { e2eSuite } from './suite.ts';

const SIZES = [
  { name: 'screen', width: 1920, height: 1080 },
  { name: 'laptop', width: 1366, height: 768 },
  { name: 'phone', width: 390, height: 844 },
] as const;
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
const NAM_TRUNG = '10633';
/** The header and the menu row of a 1366×768 page. */
const header1366 = { x: 0, y: 0, width: 1366, height: 130 };

/** Where the brand, the account and the menu's entries are drawn (px from the top of the page). */
async function headerBoxes(page: Page) {
  return page.evaluate(() => {
    const box = (el: Element | null) => {
      if (!el) return null;
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0 ? { top: r.top, bottom: r.bottom, left: r.left, right: r.right } : null;
    };
    const all = (sel: string) => [...document.querySelectorAll(sel)].map(box).filter((b) => b !== null);
    return {
      brand: box(document.querySelector('header .brand')),
      account: box(document.querySelector('header .account-menu')),
      bar: all('header .app-header__bar > *, header .app-header__account > *'),
      menu: all('header nav li, header nav .live-status, header nav .app-nav__wall'),
      links: all('header nav a'),
    };
  });
}

const middle = (b: { top: number; bottom: number }) => (b.top + b.bottom) / 2;

const AXE = readFileSync(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

/** Serious and critical axe violations of the page as drawn now (the phone's cards, the open menu). */
async function axe(page: Page): Promise<{ id: string; nodes: string[] }[]> {
  // evaluate, not a script tag: the app's CSP refuses inline scripts
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
  return page.evaluate(async () => {
    type Result = { violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[] };
    const run = (window as unknown as { axe: { run(d: Document): Promise<Result> } }).axe.run(document);
    return (await run).violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  });
}

e2eSuite('every screen at 1920×1080, 1366×768 and 390×844', (e2e) => {
  /** One signed-in page per size (the district's administrator: every screen, the longest menu). */
  const pages = new Map<string, TrackedPage>();
  const pageAt = async (size: (typeof SIZES)[number], as?: Signed | null) => {
    const key = `${size.name}|${as === undefined ? 'admin' : (as?.username ?? 'anonymous')}`;
    let t = pages.get(key);
    if (!t) {
      t = await e2e.open({ viewport: { width: size.width, height: size.height } }, as);
      pages.set(key, t);
    }
    return t;
  };
  const open = async (size: (typeof SIZES)[number], path: string, as?: Signed | null) => {
    const t = await pageAt(size, as);
    // what the previous screen of this page logged is that screen's (tests/e2e/screens.test.ts checks each)
    t.errors.length = 0;
    t.outside.length = 0;
    await t.page.goto(e2e.baseUrl + path);
    await settle(t.page);
    return t;
  };

  for (const size of SIZES)
    for (const path of SCREENS)
      it(`${size.name} ${size.width}×${size.height}, ${path}: nothing scrolls sideways, no text is cut off`, async () => {
        const t = await open(size, path);
        await t.page.screenshot({ path: shotPath(`responsive_${size.width}${path}`), fullPage: true });
        const problems = await layoutProblems(t.page);
        expect(problems, `${path} at ${size.width} px:\n${formatProblems(problems)}`).toEqual([]);
      });

  for (const size of SIZES)
    it(`${size.name}: the sign-in screen fits the window`, async () => {
      const t = await open(size, '/targets', null);
      await t.page.locator('input[autocomplete="username"]').waitFor();
      await t.page.screenshot({ path: shotPath(`responsive_${size.width}_sign_in`) });
      const problems = await layoutProblems(t.page);
      expect(problems, formatProblems(problems)).toEqual([]);
      t.assertClean('sign-in');
    });

  /** The district leader, with the name the demo gives the account (the longest in the header). */
  const districtLeader = async () => {
    const username = 't.lanhdao.huyen';
    if (!e2e.server.ctx.auth.get(username))
      await e2e.server.ctx.auth.create({
        username,
        display_name: 'Lãnh đạo UBND huyện Nam Sách',
        role: 'leader',
        unit_id: DISTRICT,
        demo: false,
        password: TEST_PASSWORD,
      });
    return signIn(e2e.server.app, e2e.server.ctx, { username });
  };

  it('the header names the account’s own unit: the district for the district leader, the commune for its leader', async () => {
    const district = await open(SIZES[1], '/', await districtLeader());
    const sub = () => district.page.locator('header .brand__sub').innerText();
    expect(await sub()).toBe('Huyện Nam Sách · tỉnh Hải Dương');
    // a commune opened by the district leader: the header still names the district (the account's unit)
    await district.page.goto(`${e2e.baseUrl}/targets?unit=${NAM_TRUNG}`);
    await settle(district.page);
    expect(await sub()).toBe('Huyện Nam Sách · tỉnh Hải Dương');
    const commune = await signIn(e2e.server.app, e2e.server.ctx, { role: 'leader', unit: NAM_TRUNG });
    const c = await open(SIZES[1], '/', commune);
    expect(await c.page.locator('header .brand__sub').innerText()).toBe('Xã Nam Trung · huyện Nam Sách');
    await c.page.goto(`${e2e.baseUrl}/?lang=en`);
    await settle(c.page);
    expect(await c.page.locator('header .brand__sub').innerText()).toBe('Xã Nam Trung · Huyện Nam Sách');
  });

  for (const [who, path] of [
    ['the administrator', '/admin/audit'],
    ['the administrator', '/?lang=en'],
    ['the district leader', '/targets'],
  ] as const)
    it(`laptop 1366: the header is one row and the menu one row (${who}, ${path})`, async () => {
      const t = await open(SIZES[1], path, who === 'the administrator' ? undefined : await districtLeader());
      await t.page.screenshot({ path: shotPath(`responsive_header_1366_${who}${path}`), clip: header1366 });
      const h = await headerBoxes(t.page);
      expect(h.brand, 'the brand is not drawn').not.toBeNull();
      expect(h.account, 'the account is not drawn').not.toBeNull();
      // one row: the brand and the account side by side, every part of the bar level with the brand
      expect(Math.abs(middle(h.brand!) - middle(h.account!))).toBeLessThanOrEqual(6);
      expect(h.account!.top).toBeLessThan(h.brand!.bottom);
      for (const b of h.bar) expect(b.top, JSON.stringify(b)).toBeLessThan(h.brand!.bottom);
      // the menu: every entry, the live state and the wall's link on one line under the bar
      const first = h.menu[0];
      expect(first.top).toBeGreaterThanOrEqual(h.brand!.bottom);
      for (const b of h.menu) expect(b.top, JSON.stringify(b)).toBeLessThan(first.bottom);
      expect(await t.page.locator('.menu-button').isVisible()).toBe(false);
    });

  it('phone 390: the menu and the account fold behind a "Menu" button; Escape closes it, focus comes back', async () => {
    const t = await open(SIZES[2], '/targets');
    const button = t.page.locator('header button[aria-controls]');
    expect(await button.count()).toBe(1);
    expect(await button.innerText()).toMatch(/Menu/);
    expect(await button.getAttribute('aria-expanded')).toBe('false');
    const controls = (await button.getAttribute('aria-controls'))!.split(/\s+/);
    for (const id of controls) expect(await t.page.locator(`[id="${id}"]`).count(), id).toBe(1);
    const nav = t.page.getByRole('navigation');
    // closed: no menu entry and no account action shows; the demo-data notice does, in the header's first lines
    expect(await nav.count()).toBe(0);
    expect(await t.page.getByRole('button', { name: 'Đăng xuất' }).count()).toBe(0);
    const notice = t.page.locator('header .generated-banner');
    expect(await notice.isVisible()).toBe(true);
    expect(await notice.innerText()).toContain('Dữ liệu mô phỏng');
    const bar = await t.page.locator('header').boundingBox();
    expect(bar!.height, 'the closed header takes at most an eighth of the phone').toBeLessThanOrEqual(844 / 8);
    await t.page.screenshot({ path: shotPath('responsive_menu_390_closed') });
    expect(await axe(t.page), 'axe, menu closed, the targets as cards').toEqual([]);

    await button.click();
    expect(await button.getAttribute('aria-expanded')).toBe('true');
    expect(await nav.getByRole('link', { name: 'Chỉ tiêu', exact: true }).isVisible()).toBe(true);
    expect(await t.page.getByRole('button', { name: 'Đăng xuất' }).isVisible()).toBe(true);
    expect(await t.page.locator('nav [aria-current="page"]').innerText()).toBe('Chỉ tiêu');
    const opened = await layoutProblems(t.page);
    expect(opened, formatProblems(opened)).toEqual([]);
    await t.page.screenshot({ path: shotPath('responsive_menu_390_open'), fullPage: true });
    expect(await axe(t.page), 'axe, menu open').toEqual([]);
    // Tab from the button goes into what it opened
    await t.page.keyboard.press('Tab');
    const inside = await t.page.evaluate(
      (ids) => ids.some((id) => document.getElementById(id)?.contains(document.activeElement)),
      controls,
    );
    expect(inside, 'Tab after the Menu button does not enter the menu').toBe(true);
    await t.page.keyboard.press('Escape');
    expect(await button.getAttribute('aria-expanded')).toBe('false');
    expect(await nav.count()).toBe(0);
    expect(await t.page.evaluate(() => document.activeElement?.getAttribute('aria-controls') ?? null)).toBe(
      controls.join(' '),
    );

    // a screen chosen from the menu opens, and the menu closes
    await button.click();
    await nav.getByRole('link', { name: 'Dân cư', exact: true }).click();
    await t.page.waitForURL((u) => u.pathname === '/population');
    expect(await button.getAttribute('aria-expanded')).toBe('false');
    t.assertClean('phone menu');
  });
});
