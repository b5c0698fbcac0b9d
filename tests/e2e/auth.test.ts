// Sign-in, scope and roles in Chromium, as people meet them: an anonymous page shows the sign-in
// form and opens the asked view after signing in; a commune leader asking for another commune sees
// the server's refusal and none of its figures; a wrong password and too many attempts say so; a
// leader has no export buttons, staff have them; an administrator creates an account (its password
// shown once) and finds the leader's refused request in the access log.
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { UnitNode } from '../../server/contracts/units.ts';
import { DISTRICT, ensureAccount, signIn, TEST_PASSWORD, type Signed } from '../helpers/auth.ts';
import { settle, shotPath } from './harness.ts';
import { e2eSuite } from './suite.ts';

const NAM_TRUNG = '10633';
const LEADER = 'lanhdao.namtrung';

async function fillSignIn(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
}

e2eSuite('sign-in, scope and roles in Chromium', (e2e) => {
  let leader: Signed;
  /** a commune of the district other than Nam Trung, from the unit list */
  let other: { unit_id: string; name: string };

  const leaderSession = async () =>
    (leader ??= await signIn(e2e.server.app, e2e.server.ctx, { role: 'leader', unit: NAM_TRUNG, username: LEADER }));

  it('an anonymous page shows the sign-in form; signing in as the Nam Trung leader opens the asked view', async () => {
    await ensureAccount(e2e.server.ctx, LEADER, 'leader', NAM_TRUNG);
    const t = await e2e.open({}, null);
    await t.page.goto(`${e2e.baseUrl}/targets?unit=${NAM_TRUNG}`);
    await settle(t.page);
    expect(await t.page.locator('h1').innerText()).toBe('Đăng nhập');
    expect(await t.page.getByLabel('Tên đăng nhập').getAttribute('autocomplete')).toBe('username');
    expect(await t.page.getByLabel('Mật khẩu').getAttribute('autocomplete')).toBe('current-password');
    const text = await t.page.locator('body').innerText();
    expect(text).toContain('Dữ liệu mô phỏng');
    // Nothing but the form: no menu, no figures.
    expect(await t.page.locator('nav').count()).toBe(0);
    expect(text).not.toMatch(/\d+[,.]\d+ %/);
    await t.page.screenshot({ path: shotPath('auth_sign_in') });

    await fillSignIn(t.page, LEADER, TEST_PASSWORD);
    await t.page.locator('main h1', { hasText: 'Nam Trung' }).waitFor({ timeout: 30_000 });
    await settle(t.page);
    expect(new URL(t.page.url()).pathname + new URL(t.page.url()).search).toBe(`/targets?unit=${NAM_TRUNG}`);
    expect(await t.page.locator('main h1').innerText()).toMatch(/Chỉ tiêu.*Nam Trung/);
    const header = await t.page.locator('header').innerText();
    expect(header).toContain('Lãnh đạo');
    expect(header).toContain('Đăng xuất');
    t.assertClean('sign-in');
    await t.close();
  });

  it('a URL without a unit opens the account’s own unit', async () => {
    const t = await e2e.open({}, await leaderSession());
    await t.page.goto(`${e2e.baseUrl}/targets`);
    await settle(t.page);
    expect(await t.page.locator('main h1').innerText()).toMatch(/Nam Trung/);
    t.assertClean('own unit');
    await t.close();
  });

  it('the leader asking for another commune sees the refusal and none of its figures', async () => {
    const { units } = await e2e.api<{ units: UnitNode[] }>('/api/units');
    const find = (nodes: UnitNode[]): UnitNode | undefined =>
      nodes.map((n) => (n.unit_id === DISTRICT ? n : find(n.children))).find(Boolean);
    const district = find(units)!;
    other = district.children.find((c) => c.level === 'commune' && c.is_base && c.unit_id !== NAM_TRUNG)!;
    expect(other, 'no other commune in the district').toBeTruthy();

    const t = await e2e.open({}, await leaderSession());
    t.allowConsole(new RegExp(`status of 403 \\(Forbidden\\) @ .*unit=${other.unit_id}`));
    await t.page.goto(`${e2e.baseUrl}/targets?unit=${other.unit_id}`);
    await settle(t.page);
    const main = t.page.locator('main');
    expect(await main.locator('h1').innerText()).toBe('Ngoài phạm vi');
    const text = await main.innerText();
    expect(text).toContain(`Đơn vị "${other.name}" nằm ngoài phạm vi của bạn.`);
    expect(text, 'a figure of the refused commune').not.toMatch(/\d/);
    expect(await main.locator('table, .kpi-tile, .ioc-kpi, canvas').count()).toBe(0);
    await t.page.screenshot({ path: shotPath('auth_out_of_scope') });
    // The way back: the account's own unit.
    await main.getByRole('link', { name: /Xã Nam Trung/ }).click();
    await t.page.locator('main h1', { hasText: 'Nam Trung' }).waitFor({ timeout: 30_000 });
    await settle(t.page);
    t.assertClean('out of scope');
    await t.close();
  });

  it('a wrong password says so; too many attempts say how long to wait', async () => {
    const t = await e2e.open({}, null);
    t.allowConsole(/status of (401|429) .* @ .*\/api\/auth\/login$/);
    await t.page.goto(`${e2e.baseUrl}/`);
    await settle(t.page);
    await fillSignIn(t.page, LEADER, 'not-the-password');
    const alert = t.page.locator('main [role="alert"]');
    await expect.poll(() => alert.innerText()).toBe('Sai tên đăng nhập hoặc mật khẩu.');
    expect(await t.page.locator('nav').count()).toBe(0);

    // After five failures for one name from one address, the sixth attempt is refused for a while
    // (a throwaway name: the leader's own sign-ins keep working).
    await ensureAccount(e2e.server.ctx, 'bi.khoa', 'leader', NAM_TRUNG);
    for (let i = 0; i < 6; i++) {
      await Promise.all([
        t.page.waitForResponse((r) => r.url().endsWith('/api/auth/login')),
        fillSignIn(t.page, 'bi.khoa', `wrong-${i}`),
      ]);
    }
    await expect.poll(() => alert.innerText()).toMatch(/thử lại sau \d+ phút/);
    await t.page.screenshot({ path: shotPath('auth_too_many') });
    t.assertClean('wrong password');
    await t.close();
  });

  it('when the session ends, the page goes back to the sign-in screen and reopens the same view after', async () => {
    const planner = await signIn(e2e.server.app, e2e.server.ctx, {
      role: 'planner',
      unit: DISTRICT,
      username: 't.het-phien',
    });
    const t = await e2e.open({}, planner);
    await t.page.goto(`${e2e.baseUrl}/population?unit=${NAM_TRUNG}`);
    await settle(t.page);
    // Signed out elsewhere (or expired): the next data request answers 401, which Chromium logs.
    const out = await e2e.server.app.inject({ method: 'POST', url: '/api/auth/logout', headers: planner.headers });
    expect(out.statusCode).toBe(204);
    t.allowConsole(/status of 401 \(Unauthorized\) @ .*\/api\//);
    await t.page.getByRole('link', { name: 'Chỉ tiêu', exact: true }).click();
    await t.page.locator('h1', { hasText: 'Đăng nhập' }).waitFor({ timeout: 20_000 });
    expect(await t.page.locator('main [role="alert"]').first().innerText()).toContain('Phiên làm việc đã kết thúc');
    const asked = new URL(t.page.url());
    expect(asked.pathname + asked.search).toBe(`/targets?unit=${NAM_TRUNG}`);
    await fillSignIn(t.page, 't.het-phien', TEST_PASSWORD);
    await t.page.locator('main h1', { hasText: 'Nam Trung' }).waitFor({ timeout: 30_000 });
    await settle(t.page);
    expect(new URL(t.page.url()).pathname).toBe('/targets');
    expect(await t.page.locator('nav [aria-current="page"]').innerText()).toBe('Chỉ tiêu');
    t.assertClean('session ended');
    await t.close();
  });

  // Pins a bug: the map's cleanup of the selected commune ran on a map already removed, and the
  // thrown error blanked the page when a commune account signed out on /map.
  it('signing out (on the map, the own commune selected) shows the sign-in screen and ends the session', async () => {
    const staff = await signIn(e2e.server.app, e2e.server.ctx, {
      role: 'staff',
      unit: NAM_TRUNG,
      username: 't.dang-xuat',
    });
    const t = await e2e.open({}, staff);
    await t.page.goto(`${e2e.baseUrl}/map`);
    await settle(t.page);
    await t.page.getByRole('button', { name: 'Đăng xuất' }).click();
    await t.page.locator('h1', { hasText: 'Đăng nhập' }).waitFor({ timeout: 20_000 });
    expect(await t.page.locator('main [role="alert"]').first().innerText()).toBe('Bạn đã đăng xuất.');
    expect(new URL(t.page.url()).pathname).toBe('/map');
    const me = await e2e.server.app.inject({ method: 'GET', url: '/api/auth/me', headers: staff.headers });
    expect(me.statusCode).toBe(401);
    t.assertClean('sign out');
    await t.close();
  });

  it('a share link opened without a session asks to sign in, then opens', async () => {
    const admin = e2e.server.session;
    const made = await e2e.server.app.inject({
      method: 'POST',
      url: '/api/snapshots',
      headers: admin.headers,
      payload: {
        title: 'Chỉ tiêu Đề án 06',
        view: `/targets?unit=${DISTRICT}`,
        panels: [{ id: 'targets', title: 'Chỉ tiêu Đề án 06', kind: 'targets', request: { unit: DISTRICT } }],
      },
    });
    expect(made.statusCode, made.body).toBe(201);
    const link = made.json<{ link: string }>().link;
    const t = await e2e.open({}, null);
    await t.page.goto(`${e2e.baseUrl}${link}`);
    await settle(t.page);
    expect(await t.page.locator('h1').innerText()).toBe('Đăng nhập');
    expect(new URL(t.page.url()).searchParams.get('next')).toBe(link);
    await fillSignIn(t.page, admin.username, TEST_PASSWORD);
    await t.page.waitForURL((u) => u.pathname === link, { timeout: 20_000 });
    expect(await t.page.locator('h1').innerText()).toContain('Chỉ tiêu');
    t.assertClean('share link');
    await t.close();
  });

  it('a leader sees no export buttons; staff do; both may copy the link', async () => {
    const staff = await signIn(e2e.server.app, e2e.server.ctx, { role: 'staff', unit: NAM_TRUNG });
    for (const [who, session, exports] of [
      ['leader', await leaderSession(), false],
      ['staff', staff, true],
    ] as const) {
      const t = await e2e.open({}, session);
      await t.page.goto(`${e2e.baseUrl}/targets?unit=${NAM_TRUNG}`);
      await settle(t.page);
      expect(await t.page.getByRole('button', { name: 'Sao chép liên kết' }).count(), who).toBe(1);
      for (const name of ['PNG', 'Chụp nhanh'])
        expect(await t.page.getByRole('button', { name, exact: true }).count(), `${who}: ${name}`).toBe(
          exports ? 1 : 0,
        );
      // the PDF is a menu (the typeface: the app's or Times New Roman)
      expect(await t.page.locator('summary[aria-label="Xuất PDF: chọn phông chữ"]').count(), `${who}: PDF`).toBe(
        exports ? 1 : 0,
      );
      expect((await t.page.getByRole('link', { name: 'CSV', exact: true }).count()) > 0, `${who}: CSV`).toBe(exports);
      t.assertClean(who);
      await t.close();
    }
  });

  it('an administrator creates an account (its password shown once) and finds the refused request in the log', async () => {
    const t = await e2e.open({ acceptDownloads: true });
    await t.page.goto(`${e2e.baseUrl}/admin/accounts`);
    await settle(t.page);
    expect(await t.page.locator('main h1').innerText()).toBe('Tài khoản người dùng');
    expect(await t.page.locator(`tr[data-username="${LEADER}"]`).innerText()).toContain('Lãnh đạo');
    await t.page.getByRole('button', { name: 'Tạo tài khoản mới' }).click();
    await t.page.waitForURL((u) => u.searchParams.get('new') === '1');
    await t.page.getByLabel('Tên đăng nhập').fill('canbo.moi');
    await t.page.getByLabel('Họ tên').fill('Cán bộ mới xã Nam Trung');
    await t.page.getByLabel('Vai trò').selectOption('staff');
    await t.page.getByLabel('Đơn vị').selectOption(NAM_TRUNG);
    await t.page.getByRole('button', { name: 'Tạo tài khoản', exact: true }).click();
    const secret = t.page.getByTestId('one-time-password');
    await secret.waitFor({ timeout: 20_000 });
    const password = await secret.locator('code').innerText();
    expect(password.length).toBeGreaterThanOrEqual(10);
    expect(await secret.innerText()).toContain('chỉ hiện một lần');
    await t.page.locator('tr[data-username="canbo.moi"]').waitFor();
    // The password works, once: the new account signs in with it.
    const res = await e2e.server.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'canbo.moi', password },
    });
    expect(res.statusCode).toBe(200);
    await t.page.screenshot({ path: shotPath('auth_accounts'), fullPage: true });

    await t.page.getByRole('link', { name: 'Nhật ký truy cập' }).click();
    await t.page.waitForURL((u) => u.pathname === '/admin/audit');
    await settle(t.page);
    await t.page.getByLabel('Hành động').selectOption('denied');
    await t.page.getByLabel('Tài khoản', { exact: true }).fill(LEADER);
    await t.page.getByRole('button', { name: 'Lọc', exact: true }).click();
    await t.page.waitForURL(
      (u) => u.searchParams.get('action') === 'denied' && u.searchParams.get('account') === LEADER,
    );
    await settle(t.page);
    const row = t.page.locator('tr.audit-row--denied').first();
    await row.waitFor();
    const line = await row.innerText();
    expect(line).toContain(LEADER);
    expect(line).toContain('Bị từ chối');
    expect(line).toContain(other.name);
    expect(line).toMatch(/\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2}/);
    expect(await t.page.getByTestId('audit-chain').innerText()).toMatch(/^Chuỗi băm toàn vẹn: [\d.]+ bản ghi$/);
    await t.page.screenshot({ path: shotPath('auth_audit'), fullPage: true });

    const csv = t.page.getByRole('link', { name: 'Xuất CSV' });
    expect(await csv.getAttribute('href')).toBe(`/api/admin/audit.csv?account=${LEADER}&action=denied`);
    const [download] = await Promise.all([t.page.waitForEvent('download'), csv.click()]);
    const text = readFileSync(await download.path(), 'utf8');
    expect(text.split('\r\n')[0]).toContain('seq,at,account');
    expect(text).toContain(`${LEADER},leader`);
    t.assertClean('admin');
    await t.close();
  });
});
