// Issue 17's analyst basics and Vietnamese inputs in Chromium: numbers typed the Vietnamese way ("1,8" is 1.8,
// "1.800" is never 1.8 nor 18), dd/mm/yyyy dates in an English browser too, the period picker in the URL (never
// after the data month), a KPI tile's change against the previous period as the difference of the values the
// screen shows for the two periods (the test store holds one year: "same period last year" compares with nothing;
// its months are unit-tested in web-analyst-period.test.ts), sortable tables (the order checked against the API's
// rows), the unit picker's groups, and no sideways scroll at 390 px; axe clean.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { ROOT, settle, shotPath } from './harness.ts';
import { e2eSuite } from './suite.ts';

const AXE = readFileSync(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
const NAM_TRUNG = '10633';

/** Serious and critical axe violations of the page as it is now. */
async function axe(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    const w = window as unknown as {
      axe: { run(d: Document): Promise<{ violations: { id: string; impact: string | null; nodes: unknown[] }[] }> };
    };
    const r = await w.axe.run(document);
    return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
  });
}

/** "96,3 %" → 96.3; "3.925" → 3925 (vi-VN, read by hand). */
const viNumber = (text: string) => Number(text.replace(/[^\d,-]/g, '').replace(',', '.'));
/** A difference as the tile writes it: vi-VN, one decimal at most. */
const viDiff = (x: number) => new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 }).format(x);

e2eSuite('analyst basics and Vietnamese inputs', (e2e) => {
  it('Forecast: "1,8" is 1.8, "1.800" and "abc" are errors beside the field and change nothing', async () => {
    const t = await e2e.open();
    await t.page.goto(`${e2e.baseUrl}/forecast?unit=${NAM_TRUNG}`);
    await settle(t.page);
    const tfr = t.page.getByLabel('Mức sinh (con/phụ nữ)');
    await tfr.fill('1,8');
    await tfr.press('Enter');
    await t.page.waitForURL((u) => u.searchParams.get('tfr') === '1.8');
    await settle(t.page);
    expect(await t.page.getByLabel('Mức sinh (con/phụ nữ)').inputValue()).toBe('1,8');

    for (const [typed, message] of [
      ['1.800', 'Nhập số từ 0,5 đến 6.'],
      ['abc', 'Không đọc được “abc” là một số.'],
      ['1,234.5', 'đọc được hai cách'],
    ]) {
      const field = t.page.getByLabel('Mức sinh (con/phụ nữ)');
      await field.fill(typed);
      await field.press('Enter');
      const error = t.page.getByRole('alert').filter({ hasText: message });
      await error.waitFor();
      expect(await field.getAttribute('aria-invalid')).toBe('true');
      expect(await field.getAttribute('aria-describedby')).toBe(await error.getAttribute('id'));
      // not applied: the URL keeps 1.8 (never 1800, 18 or 1.8 read from "1.800")
      expect(new URL(t.page.url()).searchParams.get('tfr')).toBe('1.8');
    }
    expect(await axe(t.page)).toEqual([]);
    await t.page.screenshot({ path: shotPath('analyst_number_error'), fullPage: false });
    t.assertClean('forecast inputs');
    await t.close();
  });

  it('Forecast: the targets sort by probability (largest first, none last), as the API orders them', async () => {
    const t = await e2e.open();
    await t.page.goto(`${e2e.baseUrl}/forecast?unit=${NAM_TRUNG}`);
    await settle(t.page);
    const api = await e2e.api<{ targets: { target_id: string; probability: number | null }[] }>(
      `/api/targets?unit=${NAM_TRUNG}`,
    );
    const header = t.page.locator('th', { has: t.page.getByRole('button', { name: 'Xác suất đạt' }) });
    await header.getByRole('button').click();
    expect(await header.getAttribute('aria-sort')).toBe('descending');
    const shown = (await t.page.locator('table.forecast-targets tbody th').allInnerTexts()).map(
      (s) => s.split(' · ')[0],
    );
    const expected = api.targets
      .map((x, k) => ({ id: x.target_id, p: x.probability, k }))
      .sort((a, b) => (a.p === null ? 1 : 0) - (b.p === null ? 1 : 0) || (b.p ?? 0) - (a.p ?? 0) || a.k - b.k)
      .map((x) => x.id);
    expect(shown).toEqual(expected);
    await header.getByRole('button').click();
    expect(await header.getAttribute('aria-sort')).toBe('ascending');
    const ascending = (await t.page.locator('table.forecast-targets tbody th').allInnerTexts()).map(
      (s) => s.split(' · ')[0],
    );
    // withheld / missing stay last whichever the direction
    const withP = expected.filter((id) => api.targets.find((x) => x.target_id === id)!.probability !== null);
    expect(ascending.slice(0, withP.length).sort()).toEqual([...withP].sort());
    t.assertClean('forecast sort');
    await t.close();
  });

  it('Procedures: the period picker writes from / to / grain, offers nothing after the data month', async () => {
    const t = await e2e.open();
    await t.page.goto(`${e2e.baseUrl}/procedures?unit=${NAM_TRUNG}`);
    await settle(t.page);
    const range = await e2e.api<{ from: string; to: string }>(
      `/api/indicators/dossiers_received?unit=${NAM_TRUNG}&by=total`,
    );
    await t.page.getByLabel('Xem theo').selectOption('month');
    await t.page.waitForURL((u) => u.searchParams.get('from') === range.to && u.searchParams.get('to') === range.to);
    await settle(t.page);
    const months = await t.page
      .getByLabel('Tháng', { exact: true })
      .locator('option')
      .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(months[0]).toBe(range.to);
    expect(months.at(-1)).toBe(range.from);
    expect(months.every((m) => m <= range.to)).toBe(true);
    await t.page.getByLabel('Xem theo').selectOption('quarter');
    await t.page.waitForURL((u) => u.searchParams.get('grain') === 'quarter');
    const q = new URL(t.page.url()).searchParams;
    expect(q.get('to')! <= range.to).toBe(true);
    t.assertClean('period picker');
    await t.close();
  });

  it('Procedures: a tile’s change is the difference of the values the screen shows for the two periods', async () => {
    const t = await e2e.open();
    const range = await e2e.api<{ from: string; to: string }>(`/api/indicators/pct_resolved_on_time?unit=291&by=total`);
    // the last whole quarter of the data, and the one before it (months counted by hand)
    const y = Number(range.to.slice(0, 4));
    const endMonth = Math.floor(Number(range.to.slice(5, 7)) / 3) * 3;
    const [qy, qm] = endMonth === 0 ? [y - 1, 12] : [y, endMonth];
    const month = (yy: number, mm: number) =>
      mm < 1 ? `${yy - 1}-${String(mm + 12).padStart(2, '0')}` : `${yy}-${String(mm).padStart(2, '0')}`;
    const tile = () =>
      t.page.locator('.ioc-kpi').filter({ has: t.page.locator('span', { hasText: /^Giải quyết đúng hạn$/ }) });
    const open = async (from: string, to: string) => {
      await t.page.goto(`${e2e.baseUrl}/procedures?unit=291&grain=quarter&from=${from}&to=${to}`);
      await settle(t.page);
      return viNumber(await tile().locator('strong').innerText());
    };
    const before = await open(month(qy, qm - 5), month(qy, qm - 3));
    const now = await open(month(qy, qm - 2), month(qy, qm));
    await tile().locator('.period-tile__change').first().waitFor({ timeout: 60_000 });
    const d = Math.round(now * 10) - Math.round(before * 10);
    const line = d === 0 ? '= không đổi' : `${d > 0 ? '▲' : '▼'} ${viDiff(Math.abs(d) / 10)} điểm %`;
    const text = (await tile().innerText()).replace(/\s+/g, ' ').replace(/ (tăng|giảm) /g, ' ');
    expect(text).toContain(`${line} so với kỳ trước`);
    // a year before is before the server's first month: compared with nothing
    if (month(qy - 1, qm - 2) < range.from) expect(text).not.toContain('cùng kỳ năm trước');
    t.assertClean('tile changes');
    await t.close();
  });

  it('Audit: dates are dd/mm/yyyy in an English browser too; 31/02/2025 is refused and filters nothing', async () => {
    const t = await e2e.open({ locale: 'en-US' });
    await t.page.goto(`${e2e.baseUrl}/admin/audit`);
    await settle(t.page);
    const from = t.page.getByLabel('Từ ngày');
    expect(await from.getAttribute('placeholder')).toBe('dd/mm/yyyy');
    await from.fill('31/02/2025');
    await t.page.getByRole('button', { name: 'Lọc', exact: true }).click();
    await t.page.getByRole('alert').filter({ hasText: '31/02/2025' }).waitFor();
    expect(await from.getAttribute('aria-invalid')).toBe('true');
    expect(new URL(t.page.url()).searchParams.get('from')).toBeNull();
    expect(await axe(t.page)).toEqual([]);
    await from.fill('1/7/2025');
    await t.page.getByRole('button', { name: 'Lọc', exact: true }).click();
    await t.page.waitForURL((u) => u.searchParams.get('from') === '2025-07-01');
    await settle(t.page);
    expect(await t.page.getByLabel('Từ ngày').inputValue()).toBe('01/07/2025');
    t.assertClean('audit dates');
    await t.close();
  });

  it('the unit picker: today’s units first, old ones under the day they ended, no name twice in a group', async () => {
    const t = await e2e.open();
    await t.page.goto(`${e2e.baseUrl}/forecast?unit=291`);
    await settle(t.page);
    await t.page.getByRole('combobox', { name: 'Đơn vị' }).click();
    const groups = t.page.getByRole('listbox').getByRole('group');
    await groups.first().waitFor();
    const names = await groups.evaluateAll((gs) =>
      gs.map((g) => ({
        heading: document.getElementById(g.getAttribute('aria-labelledby') ?? '')?.textContent ?? '',
        options: [...g.querySelectorAll('[role="option"]')].map((o) => o.textContent ?? ''),
      })),
    );
    expect(names[0].heading).toBe('Đơn vị hiện hành');
    expect(names.map((g) => g.heading)).toContain('Trước 2025');
    for (const g of names) expect(new Set(g.options).size, g.heading).toBe(g.options.length);
    expect(await axe(t.page)).toEqual([]);
    t.assertClean('unit picker');
    await t.close();
  });

  for (const path of ['/procedures', '/population', '/forecast']) {
    it(`${path} at 390×844: nothing scrolls the page sideways; axe clean`, async () => {
      const t = await e2e.open({ viewport: { width: 390, height: 844 } });
      await t.page.goto(`${e2e.baseUrl}${path}?unit=${NAM_TRUNG}`);
      await settle(t.page);
      const wide = await t.page.evaluate(() => document.scrollingElement!.scrollWidth - window.innerWidth);
      expect(wide).toBeLessThanOrEqual(0);
      expect(await axe(t.page)).toEqual([]);
      await t.page.screenshot({ path: shotPath(`analyst${path}_390`), fullPage: true });
      t.assertClean(path);
      await t.close();
    });
  }
});
