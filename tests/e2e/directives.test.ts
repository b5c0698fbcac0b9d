// Direction and follow-up from the panels (issue 21) in a real Chromium: the commune's leader issues a directive to
// the commune police from a target tile of the Overview (the form refuses a past due date first, in words), the
// police officer acknowledges it and reports it done on the screen "Nhiệm vụ", and the leader sees it move on the
// Overview's follow-up (live, without reloading) and accepts it. A comment on a view keeps its text as text, mentions
// an office, and becomes a directive. The Overview, the form and the discussion fit 1920×1080, 1366×768 and 390×844
// with no sideways scroll and no serious axe violation. Screenshots land in tests/.tmp/shots/.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { signIn, type Signed } from '../helpers/auth.ts';
import { ROOT, settle, shotPath } from './harness.ts';
import { e2eSuite } from './suite.ts';

const NAM_TRUNG = '10633';
const POLICE = '10633.cong-an';
const SIZES = [
  { name: 'screen', width: 1920, height: 1080 },
  { name: 'laptop', width: 1366, height: 768 },
  { name: 'phone', width: 390, height: 844 },
] as const;
const AXE = readFileSync(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

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

/** A day in Vietnam (UTC+7) `days` after today, as dd/mm/yyyy and as ISO: computed here from the clock. */
function vnDay(days: number): { text: string; iso: string } {
  const d = new Date(Date.now() + 7 * 3_600_000 + days * 86_400_000);
  const [y, m, day] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
  const pad = (n: number) => String(n).padStart(2, '0');
  return { text: `${pad(day)}/${pad(m)}/${y}`, iso: `${y}-${pad(m)}-${pad(day)}` };
}

interface Directive {
  id: number;
  status: string;
  office_id: string;
  source: string;
  target_id: string | null;
  indicator: string | null;
  view: string | null;
  due: string;
  title: string;
  comment_id: number | null;
}

e2eSuite('Giao việc, thảo luận và theo dõi (issue 21)', (e2e) => {
  let leader: Signed;
  let police: Signed;
  let issued: Directive;
  let target: string;
  const as = async (who: 'leader' | 'police', size: (typeof SIZES)[number] = SIZES[1]) => {
    leader ??= await signIn(e2e.server.app, e2e.server.ctx, {
      username: 'lanhdao.namtrung',
      role: 'leader',
      unit: NAM_TRUNG,
    });
    police ??= await signIn(e2e.server.app, e2e.server.ctx, {
      username: 'congan.namtrung',
      role: 'staff',
      unit: NAM_TRUNG,
    });
    return e2e.open({ viewport: { width: size.width, height: size.height } }, who === 'leader' ? leader : police);
  };
  const api = async <T>(who: Signed, method: 'GET' | 'POST', url: string, payload?: unknown) => {
    const res = await e2e.server.app.inject({ method, url, headers: who.headers, payload: payload as object });
    expect(res.statusCode, `${method} ${url}: ${res.body.slice(0, 300)}`).toBeLessThan(300);
    return res.json<T>();
  };

  it('the leader issues a directive to the commune police from a target tile; a past due date is refused first', async () => {
    const t = await as('leader');
    const { page } = t;
    await page.goto(`${e2e.baseUrl}/`);
    await settle(page);
    const tile = page
      .locator('.overview__targets .kpi-tile')
      .filter({ has: page.locator('.work-give') })
      .first();
    target = (await tile.getAttribute('data-target'))!;
    await tile.getByRole('button', { name: new RegExp(`^Giao việc: Chỉ tiêu ${target} · `) }).click();
    const dialog = page.getByRole('dialog', { name: 'Giao việc cho cơ quan' });
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain(`Về: Chỉ tiêu ${target} · `);
    await dialog.getByLabel('Cơ quan thực hiện').selectOption(POLICE);
    await dialog.getByLabel('Việc cần làm').fill('Rà soát, hướng dẫn công dân kích hoạt tài khoản định danh mức 2');
    const yesterday = vnDay(-1);
    await dialog.getByLabel('Hạn hoàn thành').fill(yesterday.text);
    let posted = 0;
    page.on('request', (r) => void (r.url().endsWith('/api/directives') && r.method() === 'POST' && posted++));
    await dialog.getByRole('button', { name: 'Giao việc', exact: true }).click();
    expect(await dialog.getByRole('alert').innerText()).toBe(
      `Hạn hoàn thành không được trước hôm nay (${vnDay(0).text}).`,
    );
    expect(posted).toBe(0);

    const due = vnDay(30);
    await dialog.getByLabel('Hạn hoàn thành').fill(due.text);
    await dialog.getByLabel('Kết quả mong đợi').fill('Tỷ lệ tăng ít nhất 5 điểm %');
    const answer = page.waitForResponse((r) => r.url().endsWith('/api/directives') && r.request().method() === 'POST');
    await dialog.getByRole('button', { name: 'Giao việc', exact: true }).click();
    const res = await answer;
    expect(res.status()).toBe(201);
    issued = (await res.json()) as Directive;
    const done = dialog.getByRole('status');
    expect(await done.innerText()).toContain(`Đã giao việc số ${issued.id} cho Công an xã, hạn ${due.text}.`);
    expect(await done.getByRole('link', { name: 'Xem ở màn hình Nhiệm vụ' }).getAttribute('href')).toBe(
      `/tasks?directive=${issued.id}`,
    );
    // what the server kept: the tile's target, the office chosen, the view it came from
    expect(issued).toMatchObject({
      office_id: POLICE,
      source: 'target',
      target_id: target,
      due: due.iso,
      status: 'issued',
      view: `screen=overview&unit=${NAM_TRUNG}`,
    });
    await page.screenshot({ path: shotPath('directive-issued') });
    await dialog.getByRole('button', { name: 'Đóng' }).click();
    expect(await axe(page)).toEqual([]);
    t.assertClean();
    await t.close();
  });

  it('the police officer sees no "Giao việc", acknowledges the directive and reports it done on "Nhiệm vụ"', async () => {
    const t = await as('police');
    const { page } = t;
    await page.goto(`${e2e.baseUrl}/`);
    await settle(page);
    expect(await page.locator('.kpi-tile').count()).toBeGreaterThan(0);
    expect(await page.locator('.work-give').count()).toBe(0);

    await page.goto(`${e2e.baseUrl}/tasks?directive=${issued.id}`);
    await settle(page);
    const form = page.getByRole('form', { name: `Xử lý chỉ đạo số ${issued.id}` });
    await form.getByRole('button', { name: 'Tiếp nhận' }).click();
    await form.getByRole('button', { name: 'Báo cáo hoàn thành' }).waitFor();
    await form.getByRole('button', { name: 'Báo cáo hoàn thành' }).click();
    await expect
      .poll(
        async () =>
          (await api<{ directives: Directive[] }>(leader, 'GET', '/api/directives')).directives.find(
            (d) => d.id === issued.id,
          )?.status,
      )
      .toBe('done');
    t.assertClean();
    await t.close();
  });

  it('the leader sees it move on the Overview, live, and accepts it', async () => {
    const t = await as('leader');
    const { page } = t;
    // a second directive, so that one moves while the leader looks
    const second = await api<Directive>(leader, 'POST', '/api/directives', {
      office_id: POLICE,
      unit_id: NAM_TRUNG,
      source: 'target',
      target_id: target,
      title: 'Báo cáo số tài khoản kích hoạt mới',
      due: vnDay(7).iso,
    });
    await page.goto(`${e2e.baseUrl}/`);
    await settle(page);
    const follow = page.getByRole('region', { name: 'Chỉ đạo và nhiệm vụ quá hạn' });
    const first = follow.locator(`[data-directive="${issued.id}"]`);
    expect(await first.innerText()).toContain('Đã xong');
    expect(await first.getByRole('link').getAttribute('href')).toBe(`/tasks?directive=${issued.id}`);
    const row = follow.locator(`[data-directive="${second.id}"]`);
    expect(await row.innerText()).toContain('Mới giao');

    // the police acknowledges the second one: the live feed says so and the follow-up shows it, no reload
    await api(police, 'POST', `/api/directives/${second.id}/updates`, { action: 'acknowledge' });
    const item = page.locator(`.live-work[data-work="directive:${second.id}"]`);
    await item.waitFor({ timeout: 30_000 });
    expect(await item.innerText()).toContain('Mới giao → Đã nhận');
    await expect.poll(() => row.innerText(), { timeout: 30_000 }).toContain('Đã nhận');

    await api(leader, 'POST', `/api/directives/${issued.id}/updates`, { action: 'accept' });
    await page.reload();
    await settle(page);
    expect(await follow.locator(`[data-directive="${issued.id}"]`).innerText()).toContain('Đã nghiệm thu');
    await page.screenshot({ path: shotPath('directive-followup'), fullPage: true });
    t.assertClean();
    await t.close();
  });

  it('a comment keeps its text as text, mentions an office, and becomes a directive', async () => {
    const t = await as('leader');
    const { page } = t;
    await page.goto(`${e2e.baseUrl}/targets?target=${target}`);
    await settle(page);
    const toggle = page.getByRole('button', { name: /^Thảo luận \(\d+\)$/ });
    await toggle.click();
    const panel = page.getByRole('complementary', { name: 'Thảo luận về màn hình này' });
    await panel.waitFor();
    const before = Number(/\((\d+)\)/.exec(await toggle.innerText())![1]);
    const box = panel.getByLabel('Ý kiến của bạn');

    // markup is refused before it leaves the page
    await box.fill('<img src=x onerror=alert(1)>');
    await panel.getByRole('button', { name: 'Gửi ý kiến' }).click();
    expect(await panel.getByRole('alert').innerText()).toBe(
      '“Ý kiến của bạn” chỉ nhận văn bản thường, không nhận thẻ như <…>.',
    );
    // text that only looks like markup is kept and shown exactly as written
    const text = 'Số xã có tỷ lệ < 50 % & <3 điểm: &lt;b&gt;cần rà soát&lt;/b&gt; "ngay" ';
    await box.fill(text);
    await box.pressSequentially('@cong an x');
    await panel
      .getByRole('list', { name: 'Gợi ý nhắc đến' })
      .getByRole('button', { name: /^Công an xã/ })
      .click();
    const answer = page.waitForResponse((r) => r.url().endsWith('/api/comments') && r.request().method() === 'POST');
    await panel.getByRole('button', { name: 'Gửi ý kiến' }).click();
    const res = await answer;
    expect(res.status()).toBe(201);
    const made = (await res.json()) as { id: number; view: string; mentions: { id: string }[] };
    expect(made.view).toBe(`screen=targets&unit=${NAM_TRUNG}&target=${target}`);
    expect(made.mentions.map((m) => m.id)).toEqual([POLICE]);
    const comment = panel.locator(`[data-comment="${made.id}"]`);
    await comment.waitFor();
    expect(await comment.locator('.comment__text').innerText()).toBe(`${text}@Công an xã (Xã Nam Trung)`);
    expect(await comment.locator('.comment__text *').count()).toBe(0);
    expect(await comment.innerText()).toContain('Nhắc đến: Công an xã');
    expect(await toggle.innerText()).toBe(`Thảo luận (${before + 1})`);

    await comment.getByRole('button', { name: 'Chuyển thành chỉ đạo' }).click();
    const dialog = page.getByRole('dialog', { name: 'Giao việc cho cơ quan' });
    await dialog.waitFor();
    await dialog.getByLabel('Cơ quan thực hiện').selectOption(POLICE);
    await dialog.getByLabel('Việc cần làm').fill('Rà soát các xã có tỷ lệ dưới 50 %');
    await dialog.getByLabel('Hạn hoàn thành').fill(vnDay(14).text);
    const made2 = page.waitForResponse((r) => r.url().endsWith('/api/directives') && r.request().method() === 'POST');
    await dialog.getByRole('button', { name: 'Giao việc', exact: true }).click();
    const directive = (await (await made2).json()) as Directive;
    expect(directive).toMatchObject({ source: 'comment', comment_id: made.id });
    await dialog.getByRole('button', { name: 'Đóng' }).click();
    await expect.poll(() => comment.innerText()).toContain(`Đã thành chỉ đạo số ${directive.id}`);

    // the author withdraws a comment of their own, with a reason: it stays, struck out, with the reason
    await box.fill('Ý kiến nhầm màn hình');
    await panel.getByRole('button', { name: 'Gửi ý kiến' }).click();
    const wrong = panel.locator('.comment', { hasText: 'Ý kiến nhầm màn hình' });
    await wrong.waitFor();
    expect(await toggle.innerText()).toBe(`Thảo luận (${before + 2})`);
    await wrong.getByRole('button', { name: 'Rút lại' }).click();
    await wrong.getByLabel('Lý do rút lại').fill('Gửi nhầm');
    await wrong.getByRole('button', { name: 'Rút ý kiến' }).click();
    await expect
      .poll(() => wrong.innerText())
      .toMatch(/Đã rút lại lúc \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2}, lý do: Gửi nhầm/);
    expect(await toggle.innerText()).toBe(`Thảo luận (${before + 1})`);
    expect(await wrong.getByRole('button', { name: 'Rút lại' }).count()).toBe(0);
    t.assertClean();
    await t.close();
  });

  it('the map, a chart and the 766 index offer "Giao việc" about what they show; a snapshot and the wall carry the follow-up', async () => {
    const t = await as('leader');
    const { page } = t;
    const shown = new Map<string, string>();
    const open = async (path: string, button: RegExp, about: string, source: string) => {
      await page.goto(e2e.baseUrl + path);
      await settle(page);
      await page.getByRole('button', { name: button }).first().click();
      const dialog = page.getByRole('dialog', { name: 'Giao việc cho cơ quan' });
      await dialog.waitFor();
      // the offices (and the indicator's name) are in once the office can be chosen
      await dialog.getByLabel('Cơ quan thực hiện').selectOption(POLICE);
      const text = await dialog.innerText();
      expect(text, path).toContain(about);
      shown.set(source, text);
      await dialog.getByLabel('Việc cần làm').fill(`Việc từ ${source}`);
      await dialog.getByLabel('Hạn hoàn thành').fill(vnDay(10).text);
      const answer = page.waitForResponse(
        (r) => r.url().endsWith('/api/directives') && r.request().method() === 'POST',
      );
      await dialog.getByRole('button', { name: 'Giao việc', exact: true }).click();
      const made = (await (await answer).json()) as Directive;
      await dialog.getByRole('button', { name: 'Đóng' }).click();
      return made;
    };
    // the map: the unit clicked, the map's indicator
    const map = await open(
      `/map?unit=${NAM_TRUNG}&indicator=pct_vneid_level2`,
      /^Giao việc: Xã Nam Trung trên bản đồ$/,
      'Về: Xã Nam Trung trên bản đồ',
      'map',
    );
    expect(map).toMatchObject({ source: 'map', indicator: 'pct_vneid_level2', target_id: null });
    const catalogue = await api<{ indicators: { id: string; name_vi: string }[] }>(leader, 'GET', '/api/indicators');
    const named = catalogue.indicators.find((m) => m.id === 'pct_vneid_level2')!.name_vi;
    expect(shown.get('map')).toContain(`Chỉ số: ${named}`);
    expect(map.view).toBe(`screen=map&unit=${NAM_TRUNG}&indicator=pct_vneid_level2`);
    // a chart panel of the procedures screen
    const chart = await open(`/procedures`, /^Giao việc: /, 'Về: ', 'chart');
    expect(chart.source).toBe('chart');
    expect(chart.view).toMatch(new RegExp(`^screen=procedures&unit=${NAM_TRUNG}`));
    // the 766 index
    const index = await open(
      '/index766',
      /^Giao việc: Chỉ số 766 của Xã Nam Trung$/,
      'Chỉ số 766 của Xã Nam Trung',
      'i766',
    );
    expect(index.source).toBe('index766');

    // the wall's tile counts what the API says is overdue
    const directives = await api<{ directives: { overdue: boolean }[] }>(leader, 'GET', '/api/directives');
    const tasks = await api<{ tasks: { status: string }[] }>(leader, 'GET', '/api/tasks?status=overdue');
    const late = directives.directives.filter((d) => d.overdue).length;
    const lateTasks = tasks.tasks.filter((x) => x.status === 'overdue').length;
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.goto(`${e2e.baseUrl}/wall?screens=overview`);
    await settle(page);
    const tile = page.locator('.wall-follow');
    await tile.waitFor();
    expect(await tile.innerText()).toBe(
      late + lateTasks === 0
        ? 'Không có chỉ đạo hay nhiệm vụ nào quá hạn.'
        : `Quá hạn: ${late} chỉ đạo, ${lateTasks} nhiệm vụ`,
    );
    expect(await page.locator('.work-give').count()).toBe(0);

    // in English
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(`${e2e.baseUrl}/?lang=en`);
    await settle(page);
    expect(await page.getByRole('region', { name: 'Overdue directives and tasks' }).isVisible()).toBe(true);
    expect(await page.locator('.kpi-tile .work-give').first().innerText()).toBe('Assign');
    t.assertClean();
    await t.close();

    // a snapshot of the Overview (an administrator's: leaders do not export) freezes its follow-up panel
    const admin = await e2e.open();
    await admin.page.goto(`${e2e.baseUrl}/?unit=${NAM_TRUNG}`);
    await settle(admin.page);
    await admin.page
      .getByRole('region', { name: 'Chỉ đạo và nhiệm vụ quá hạn' })
      .locator('.follow-up__counts')
      .waitFor();
    const request = admin.page.waitForRequest((r) => r.url().includes('/api/snapshots') && r.method() === 'POST');
    await admin.page.getByRole('button', { name: 'Chụp nhanh' }).click();
    const body = (await request).postDataJSON() as {
      panels: { id: string; kind: string; request: { unit: string } }[];
    };
    expect(body.panels).toContainEqual(
      expect.objectContaining({ id: 'overview:followup', kind: 'followup', request: { unit: NAM_TRUNG } }),
    );
    const link = admin.page.locator('.view-actions a[href^="/s/"]');
    await link.waitFor({ timeout: 20_000 });
    const id = (await link.getAttribute('href'))!.slice(3);
    const snap = await e2e.api<{ panels: { kind: string; followup?: { unit: string } }[] }>(`/api/snapshots/${id}`);
    expect(snap.panels.find((p) => p.kind === 'followup')?.followup?.unit).toBe(NAM_TRUNG);
    admin.assertClean('snapshot');
    await admin.close();
  });

  it('the Overview, the form and the discussion fit three sizes with no sideways scroll, axe clean', async () => {
    for (const size of SIZES) {
      const t = await as('leader', size);
      const { page } = t;
      await page.goto(`${e2e.baseUrl}/`);
      await settle(page);
      await page.getByRole('region', { name: 'Chỉ đạo và nhiệm vụ quá hạn' }).waitFor();
      const wide = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(await wide(), `${size.name}: Overview`).toBeLessThanOrEqual(0);
      expect(await axe(page), `${size.name}: Overview`).toEqual([]);
      await page.screenshot({ path: shotPath(`directives-overview-${size.name}`) });

      await page.locator('.kpi-tile .work-give').first().click();
      const dialog = page.getByRole('dialog', { name: 'Giao việc cho cơ quan' });
      await dialog.waitFor();
      await dialog.getByLabel('Cơ quan thực hiện').selectOption(POLICE);
      expect(await wide(), `${size.name}: form`).toBeLessThanOrEqual(0);
      expect(await axe(page), `${size.name}: form`).toEqual([]);
      await page.screenshot({ path: shotPath(`directives-form-${size.name}`) });
      await dialog.getByRole('button', { name: 'Hủy' }).click();

      await page.getByRole('button', { name: /^Thảo luận \(\d+\)$/ }).click();
      await page.getByRole('complementary', { name: 'Thảo luận về màn hình này' }).waitFor();
      expect(await wide(), `${size.name}: discussion`).toBeLessThanOrEqual(0);
      expect(await axe(page), `${size.name}: discussion`).toEqual([]);
      await page.screenshot({ path: shotPath(`directives-discussion-${size.name}`) });
      t.assertClean(size.name);
      await t.close();
    }
  });
});
