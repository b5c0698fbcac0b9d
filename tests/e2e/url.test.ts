// A copied link reopens the same view: change the unit and indicator through the interface, copy
// location.href, open it in a fresh page and compare what a person sees.
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { settle } from './harness.ts';
import { e2eSuite } from './suite.ts';

/** What a person sees of the view: headings, chosen options, pressed buttons and the map's fills. */
async function visibleState(page: Page) {
  return page.evaluate(() => {
    const texts = (sel: string) =>
      [...document.querySelectorAll<HTMLElement>(sel)].map((e) => e.innerText.trim()).filter(Boolean);
    return {
      path: location.pathname + location.search,
      headings: texts('h1, h2, h3'),
      selects: [...document.querySelectorAll('select')].map((s) => s.value),
      pressed: texts('[aria-pressed="true"], [aria-selected="true"], [aria-current="page"], [aria-current="true"]'),
      fills: document.querySelector('[data-testid="map"]')?.getAttribute('data-fills') ?? null,
    };
  });
}

e2eSuite('a copied URL reopens the same view', (e2e) => {
  it('map: indicator and unit chosen in the interface survive a copied link', async () => {
    const a = await e2e.open();
    await a.page.goto(`${e2e.baseUrl}/map`);
    await settle(a.page);

    // Choose another indicator in the first select that lists indicators.
    const select = a.page
      .locator('select')
      .filter({ has: a.page.locator('option[value="births"]') })
      .first();
    expect(await select.count(), 'no indicator select on /map').toBe(1);
    const current = await select.inputValue();
    const chosen = current === 'births' ? 'pct_vneid_level2' : 'births';
    await select.selectOption(chosen);
    await a.page.waitForURL((u) => u.searchParams.get('indicator') === chosen, { timeout: 10_000 });
    await a.page.waitForFunction(
      (ind) => document.querySelector('[data-testid="map"]')?.getAttribute('data-indicator') === ind,
      chosen,
    );
    await settle(a.page);

    // Choose Nam Trung.
    await a.page
      .getByRole('button', { name: /Xã Nam Trung/ })
      .first()
      .click();
    await a.page.waitForURL((u) => u.searchParams.get('unit') === '10633', { timeout: 10_000 });
    await settle(a.page);
    const href = await a.page.evaluate(() => location.href);
    const seen = await visibleState(a.page);

    const b = await e2e.open();
    await b.page.goto(href);
    await settle(b.page);
    expect(await visibleState(b.page)).toEqual(seen);
    a.assertClean('first page');
    b.assertClean('reopened page');
    await a.close();
    await b.close();
  });

  it('targets in English with a period: the link is the view', async () => {
    const url = `${e2e.baseUrl}/targets?unit=10633&from=2022-01&to=2022-06&lang=en`;
    const a = await e2e.open();
    await a.page.goto(url);
    await settle(a.page);
    const seen = await visibleState(a.page);
    expect(new URL(a.page.url()).searchParams.get('lang')).toBe('en');
    const b = await e2e.open();
    await b.page.goto(a.page.url());
    await settle(b.page);
    expect(await visibleState(b.page)).toEqual(seen);
    a.assertClean('targets');
    await a.close();
    await b.close();
  });
});
