// Issue 17, triage first, in a real Chromium: the Overview shows the targets a leader can still act on first, in
// the groups the server gave (`triage`), the passed ones folded behind a button that opens them; the sort and
// filters change the URL and a bad URL opens the default view; it passes axe and nothing scrolls sideways on a
// phone. The demo store of the tests holds 2022: targets due in early 2022 have passed, the others are ahead.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ROOT, settle, shotPath } from './harness.ts';
import { e2eSuite } from './suite.ts';

const AXE = readFileSync(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
const GROUPS = ['attention', 'on_track', 'unknown', 'passed'];

interface Target {
  target_id: string;
  status: string;
  triage: string;
}

async function serious(page: Page): Promise<unknown[]> {
  // evaluated through the DevTools protocol: the app's CSP refuses inline script tags (and would log it)
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(d: Document): Promise<{ violations: { impact: string }[] }> } }).axe;
    const r = await axe.run(document);
    return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  });
}

/** The tiles as shown, top to bottom: visible ones only (the folded group's are hidden). */
const visibleTiles = (page: Page) =>
  page
    .locator('.overview__targets .kpi-tile')
    .evaluateAll((els) =>
      els.filter((e) => (e as HTMLElement).offsetParent !== null).map((e) => e.getAttribute('data-target')),
    );

e2eSuite('the Overview, triage first', (e2e) => {
  it('shows the groups in order, the passed ones folded, and opens them', async () => {
    const { targets } = await e2e.api<{ targets: Target[] }>('/api/targets?unit=291');
    const t = await e2e.open();
    await t.page.goto(`${e2e.baseUrl}/?unit=291`);
    await settle(t.page);
    const live = targets.filter((x) => x.triage !== 'passed');
    const passed = targets.filter((x) => x.triage === 'passed');
    expect(live.length).toBeGreaterThan(0);
    expect(passed.length).toBeGreaterThan(0);

    // the groups in their order, each holding exactly the server's targets of that group
    const order = await t.page
      .locator('.triage-group')
      .evaluateAll((els) => els.map((e) => /triage-group--(\w+)/.exec(e.className)?.[1]));
    const present = GROUPS.filter((g) => targets.some((x) => x.triage === g));
    expect(order.filter((g) => present.includes(g!))).toEqual(present);
    for (const g of present) {
      const ids = await t.page
        .locator(`.triage-group--${g} .kpi-tile`)
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-target')));
      expect(ids.sort(), g).toEqual(
        targets
          .filter((x) => x.triage === g)
          .map((x) => x.target_id)
          .sort(),
      );
    }
    // folded: only the live tiles are seen, and the summary names the passed ones
    expect((await visibleTiles(t.page)).sort()).toEqual(live.map((x) => x.target_id).sort());
    const toggle = t.page.locator('.triage-group__toggle');
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await t.page.locator('.triage-group--passed h3').innerText()).toContain(
      `${passed.length} chỉ tiêu đã hết hạn`,
    );
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    expect((await visibleTiles(t.page)).length).toBe(targets.length);
    await t.page.screenshot({ path: shotPath('overview-triage-open'), fullPage: true });
    expect(await serious(t.page)).toEqual([]);
    t.assertClean();
    await t.close();
  });

  it('sorts and filters through the URL; a bad URL opens the default view', async () => {
    const { targets } = await e2e.api<{ targets: Target[] }>('/api/targets?unit=291');
    const t = await e2e.open();
    await t.page.goto(`${e2e.baseUrl}/?unit=291`);
    await settle(t.page);
    const first = await visibleTiles(t.page);

    const status = targets.find((x) => x.triage !== 'passed')!.status;
    await t.page.getByLabel('Tình trạng', { exact: true }).selectOption(status);
    await t.page.waitForURL(new RegExp(`status=${status}`));
    const shown = await t.page
      .locator('.overview__targets .kpi-tile')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-target')));
    expect(shown.sort()).toEqual(
      targets
        .filter((x) => x.status === status)
        .map((x) => x.target_id)
        .sort(),
    );
    await t.page.getByLabel('Sắp xếp', { exact: true }).selectOption('group');
    await t.page.waitForURL(/sort=group/);
    expect(await serious(t.page)).toEqual([]);
    await t.page.getByRole('button', { name: 'Bỏ lọc' }).click();
    await t.page.waitForURL((u) => !u.search.includes('status='));

    await t.page.goto(`${e2e.baseUrl}/?unit=291&sort=soon&status=late&group=Nh%C3%B3m&due=20x0`);
    await settle(t.page);
    expect(await visibleTiles(t.page)).toEqual(first);
    expect(await t.page.getByLabel('Sắp xếp', { exact: true }).inputValue()).toBe('triage');
    t.assertClean();
    await t.close();
  });

  it('nothing scrolls sideways on a phone or a laptop, and the wall shows deadlines', async () => {
    for (const viewport of [
      { width: 390, height: 844 },
      { width: 1366, height: 768 },
    ]) {
      const t = await e2e.open({ viewport });
      await t.page.goto(`${e2e.baseUrl}/?unit=291`);
      await settle(t.page);
      await t.page.locator('.triage-group__toggle').click();
      const wide = await t.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(wide, `${viewport.width} px`).toBeLessThanOrEqual(0);
      await t.page.screenshot({ path: shotPath(`overview-triage-${viewport.width}`) });
      await t.close();
    }
    const w = await e2e.open({ viewport: { width: 1920, height: 1080 } });
    await w.page.goto(`${e2e.baseUrl}/wall?unit=291`);
    await settle(w.page);
    const deadline = w.page.locator('.kpi-tile .kpi-tile__fact--deadline').first();
    expect(await deadline.isVisible()).toBe(true);
    expect(await deadline.innerText()).toMatch(/^Hạn \d{2}\/\d{2}\/\d{4}$/);
    // no button on the wall: the passed targets are one summary line
    expect(await w.page.locator('.triage-group__toggle').count()).toBe(0);
    w.assertClean();
    await w.close();
  });
});
