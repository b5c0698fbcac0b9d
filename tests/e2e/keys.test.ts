// The tab "Khóa API" under Tài khoản (issue 20) in a real Chromium, as an administrator would use it: make a key for
// a provincial warehouse (one commune, the population domain), read the token shown once, and use it from outside
// the browser: the catalogue answers with population datasets only, a procedures indicator is refused (403), an
// admin route is refused (403). The token is never shown again after "Tôi đã lưu khóa"; the list shows the key; it
// is revoked after a confirmation, and the same token then gets 401. At 1366×768 and 390×844 nothing scrolls
// sideways while the form and the token are open.
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { settle } from './harness.ts';
import { formatProblems, layoutProblems } from './layout-probe.ts';
import { e2eSuite } from './suite.ts';

const NAM_TRUNG_LABEL = /Nam Trung/;
const EXPIRES = '2028-12-31';

async function noSideways(page: Page): Promise<void> {
  const problems = await layoutProblems(page);
  expect(problems, formatProblems(problems)).toEqual([]);
}

e2eSuite('Khóa API: an administrator makes, uses and revokes a key', (e2e) => {
  const bearer = (token: string, path: string) =>
    fetch(e2e.baseUrl + path, { headers: { authorization: `Bearer ${token}` } });

  it('makes a key whose token works once shown, and revokes it', async () => {
    const t = await e2e.open({ viewport: { width: 1366, height: 768 } });
    const { page } = t;
    await page.goto(`${e2e.baseUrl}/admin/keys`);
    await settle(page);
    await page.getByRole('button', { name: 'Tạo khóa mới' }).click();
    await page.getByLabel('Tên hệ thống').fill('Kho dữ liệu tỉnh (thử e2e)');
    await page.getByLabel('Cơ quan sử dụng').fill('Sở Khoa học và Công nghệ');
    await page.getByLabel('Hết hạn sau ngày').fill(EXPIRES);
    const units = page.locator('fieldset.key-form__units input[type="checkbox"]');
    for (let i = 0; i < (await units.count()); i++) await units.nth(i).uncheck();
    await page.locator('fieldset.key-form__units label', { hasText: NAM_TRUNG_LABEL }).first().locator('input').check();
    await page.getByLabel('Dân cư', { exact: true }).check();
    await noSideways(page);
    await page.getByRole('button', { name: 'Tạo khóa', exact: true }).click();

    const secret = page.getByTestId('key-secret');
    await secret.waitFor();
    const token = (await secret.locator('.key-secret__token').innerText()).trim();
    expect(token).toMatch(/^ioc06_[0-9a-f]{12}_[0-9a-f]{64}$/);
    await noSideways(page);

    // the token from outside the browser: its domain only, never an admin route
    const catalog = await bearer(token, '/api/catalog');
    expect(catalog.status).toBe(200);
    const doc = (await catalog.json()) as { dataset: { identifier: string }[] };
    expect(doc.dataset.length).toBeGreaterThan(5);
    expect(doc.dataset.map((d) => d.identifier)).toContain('population_cube');
    expect(doc.dataset.map((d) => d.identifier)).not.toContain('dossier_cube');
    expect((await bearer(token, '/api/indicators/dossiers_received?unit=10633')).status).toBe(403);
    expect((await bearer(token, '/api/admin/accounts')).status).toBe(403);
    expect((await bearer(token, '/api/indicators/population?unit=10633')).status).toBe(200);

    // shown once: gone after "Tôi đã lưu khóa" and after a reload
    await secret.getByRole('button', { name: 'Tôi đã lưu khóa' }).click();
    expect(await page.getByText(token).count()).toBe(0);
    await page.reload();
    await settle(page);
    const row = page.locator('tr', { hasText: 'Kho dữ liệu tỉnh (thử e2e)' });
    await row.waitFor();
    expect(await page.content()).not.toContain(token.slice(19));

    // revoked after a confirmation: the same token is refused
    await row.getByRole('button', { name: /Thu hồi/ }).click();
    await page.locator('section.confirm button.button--danger').click();
    await row.locator('.key-state--revoked').waitFor();
    expect((await bearer(token, '/api/catalog')).status).toBe(401);
  });

  it('keeps the form on the phone without sideways scroll', async () => {
    const t = await e2e.open({ viewport: { width: 390, height: 844 } });
    await t.page.goto(`${e2e.baseUrl}/admin/keys`);
    await settle(t.page);
    await t.page.getByRole('button', { name: 'Tạo khóa mới' }).click();
    await t.page.getByLabel('Tên hệ thống').waitFor();
    await noSideways(t.page);
  });
});
