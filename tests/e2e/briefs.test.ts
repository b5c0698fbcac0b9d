// The screen "Báo cáo định kỳ" (issue 19) in a real Chromium, as the commune's leader uses it: subscribing to a
// Monday 07:00 brief shows the schedule with its wording and its next slot (in Vietnam's time, computed here from
// the clock), a brief made now appears at the top of the list with a PDF that opens, and the screen fits a
// 1920×1080 screen, a 1366×768 laptop and a 390×844 phone with no axe violation. An administrator also sees
// the e-mail deliveries; a leader does not. Screenshots land in tests/.tmp/shots/.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { signIn, type Signed } from '../helpers/auth.ts';
import { ROOT, settle, shotPath, type TrackedPage } from './harness.ts';
import { formatProblems, layoutProblems } from './layout-probe.ts';
import { e2eSuite } from './suite.ts';

const NAM_TRUNG = '10633';
const SIZES = [
  { name: 'screen', width: 1920, height: 1080 },
  { name: 'laptop', width: 1366, height: 768 },
  { name: 'phone', width: 390, height: 844 },
] as const;
const AXE = readFileSync(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
const WEEKDAY_VI = ['Chủ nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'];

/** Serious and critical axe violations of the page as drawn now. */
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

/**
 * The next Monday 07:00 in Hà Nội (UTC+7, no summer time) after `now`, written as the screen writes a slot:
 * "Thứ Hai 07:00, dd/mm/yyyy". Computed by hand from the clock, not with the app's code.
 */
function nextMonday7(now: Date): string {
  const vn = new Date(now.getTime() + 7 * 3_600_000); // Vietnam's wall clock read through the UTC getters
  for (let add = 0; add <= 7; add++) {
    const day = new Date(Date.UTC(vn.getUTCFullYear(), vn.getUTCMonth(), vn.getUTCDate() + add, 7, 0));
    if (day.getUTCDay() !== 1 || day.getTime() <= vn.getTime()) continue;
    const dd = String(day.getUTCDate()).padStart(2, '0');
    const mm = String(day.getUTCMonth() + 1).padStart(2, '0');
    return `${WEEKDAY_VI[1]} 07:00, ${dd}/${mm}/${day.getUTCFullYear()}`;
  }
  throw new Error('no Monday in eight days');
}

/** YYYY-MM: the month before `now`'s month in Hà Nội (UTC+7), moved back while it starts after `dataDate`. */
function lastMonthWithData(now: Date, dataDate: string): string {
  const vn = new Date(now.getTime() + 7 * 3_600_000);
  let [y, m] = [vn.getUTCFullYear(), vn.getUTCMonth()]; // getUTCMonth is 0-based: this is already the month before
  if (m === 0) [y, m] = [y - 1, 12];
  const id = () => `${y}-${String(m).padStart(2, '0')}`;
  while (`${id()}-01` > dataDate) [y, m] = m === 1 ? [y - 1, 12] : [y, m - 1];
  return id();
}

e2eSuite('Báo cáo định kỳ: schedules, briefs made now, deliveries', (e2e) => {
  let leader: Signed;
  const opened = new Map<string, TrackedPage>();
  /** One page per size and account, on /briefs (reloaded each time). */
  const open = async (size: (typeof SIZES)[number], as: 'leader' | 'admin', path = '/briefs') => {
    leader ??= await signIn(e2e.server.app, e2e.server.ctx, { role: 'leader', unit: NAM_TRUNG });
    const key = `${size.name}|${as}`;
    let t = opened.get(key);
    if (!t) {
      t = await e2e.open(
        { viewport: { width: size.width, height: size.height } },
        as === 'leader' ? leader : undefined,
      );
      opened.set(key, t);
    }
    t.errors.length = 0;
    t.outside.length = 0;
    await t.page.goto(e2e.baseUrl + path);
    await settle(t.page);
    return t;
  };

  it('the leader subscribes to a Monday 07:00 brief: it is listed with its wording and its next slot', async () => {
    const t = await open(SIZES[1], 'leader');
    const { page } = t;
    expect(await page.locator('h1').innerText()).toBe('Báo cáo định kỳ');
    expect(await page.locator('nav [aria-current="page"]').innerText()).toBe('Báo cáo');
    const form = page.getByRole('form', { name: 'Đăng ký nhận báo cáo' });
    // the form starts on the leader's commune, a week, Monday, 07:00
    expect(await form.getByLabel('Đơn vị').inputValue()).toBe(NAM_TRUNG);
    await form.getByLabel('Loại kỳ').selectOption({ label: 'Tuần' });
    await form.getByLabel('Thứ trong tuần').selectOption({ label: 'Thứ Hai' });
    await form.getByLabel('Giờ gửi (giờ Việt Nam)').fill('7:00');
    const answer = page.waitForResponse(
      (r) => r.url().endsWith('/api/briefs/schedules') && r.request().method() === 'POST',
    );
    await form.getByRole('button', { name: 'Đăng ký' }).click();
    const res = await answer;
    expect(res.status()).toBe(201);
    const made = (await res.json()) as { id: string; weekday: number; time: string; kind: string };
    expect(made).toMatchObject({ weekday: 1, time: '07:00', kind: 'week' });
    const row = page.locator(`tr[data-schedule="${made.id}"]`);
    await row.waitFor();
    const text = await row.innerText();
    expect(text).toContain('Thứ Hai hằng tuần, 07:00');
    expect(text).toContain('Xã Nam Trung');
    expect(text).toContain(`${nextMonday7(new Date())} (giờ Việt Nam)`);
    expect(text).toContain('Đang chạy');
    expect(text).toContain('Chỉ lưu trên hệ thống');
    // the server keeps it for this account
    const listed = await page.evaluate(async () => (await fetch('/api/briefs/schedules')).json());
    expect((listed as { schedules: { id: string }[] }).schedules.map((s) => s.id)).toContain(made.id);
    t.assertClean('subscribe');
  });

  it('the leader pauses and resumes the schedule, then a second one is cancelled after a confirmation', async () => {
    const t = await open(SIZES[1], 'leader');
    const { page } = t;
    const row = page.locator('tr[data-schedule]').first();
    await row.getByRole('button', { name: /^Tạm dừng lịch gửi/ }).click();
    await row.getByRole('button', { name: /^Tiếp tục lịch gửi/ }).waitFor();
    expect(await row.innerText()).toContain('Không (đang tạm dừng)');
    expect(await page.getByRole('region', { name: 'Lịch gửi của tôi' }).locator('.admin-note').innerText()).toBe(
      'Đã tạm dừng lịch gửi Thứ Hai hằng tuần, 07:00.',
    );
    await row.getByRole('button', { name: /^Tiếp tục lịch gửi/ }).click();
    await row.getByRole('button', { name: /^Tạm dừng lịch gửi/ }).waitFor();
    expect(await row.innerText()).toContain('Đang chạy');

    const form = page.getByRole('form', { name: 'Đăng ký nhận báo cáo' });
    await form.getByLabel('Loại kỳ').selectOption({ label: 'Tháng' });
    await form.getByLabel('Ngày trong tháng').fill('31');
    await form.getByLabel('Giờ gửi (giờ Việt Nam)').fill('25:00');
    await form.getByRole('button', { name: 'Đăng ký' }).click();
    expect(await form.getByRole('alert').innerText()).toBe('Giờ gửi phải có dạng HH:MM, 24 giờ (ví dụ 07:00).');
    await form.getByLabel('Giờ gửi (giờ Việt Nam)').fill('16:30');
    const before = await page.locator('tr[data-schedule]').count();
    await form.getByRole('button', { name: 'Đăng ký' }).click();
    await page.waitForFunction((n) => document.querySelectorAll('tr[data-schedule]').length === n + 1, before);
    const monthly = page.locator('tr[data-schedule]', { hasText: '16:30' });
    await monthly.getByRole('button', { name: /^Hủy đăng ký lịch gửi/ }).click();
    const confirm = page.getByRole('region', { name: 'Hủy đăng ký nhận báo cáo?' });
    await confirm.getByRole('button', { name: 'Hủy đăng ký' }).click();
    await page.waitForFunction((n) => document.querySelectorAll('tr[data-schedule]').length === n, before);
    expect(await page.locator('tr[data-schedule]', { hasText: '16:30' }).count()).toBe(0);
    t.assertClean('pause, resume, cancel');
  });

  it('the leader makes a brief now: it comes first in the list, its PDF answers application/pdf', async () => {
    const t = await open(SIZES[1], 'leader');
    const { page } = t;
    const form = page.getByRole('form', { name: 'Tạo báo cáo ngay' });
    await form.getByLabel('Loại kỳ').selectOption({ label: 'Tháng' });
    // offered first: the month before this one in Hà Nội, or the latest that starts by the data's last day
    const { datasets } = await e2e.api<{ datasets: { data_date: string | null }[] }>('/api/health');
    const dataDate = datasets
      .map((d) => d.data_date ?? '')
      .sort()
      .at(-1)!;
    const expected = lastMonthWithData(new Date(), dataDate);
    expect(await form.getByLabel('Kỳ báo cáo').inputValue()).toBe(expected);
    const answer = page.waitForResponse((r) => r.url().endsWith('/api/briefs') && r.request().method() === 'POST', {
      timeout: 90_000,
    });
    await form.getByRole('button', { name: 'Tạo báo cáo' }).click();
    const res = await answer;
    expect(res.status()).toBe(201);
    const brief = (await res.json()) as {
      id: string;
      number: string;
      unit: string;
      period: { kind: string; id: string; label_vi: string };
    };
    expect(brief.unit).toBe(NAM_TRUNG);
    expect(brief.period.kind).toBe('month');
    expect(brief.period.id).toBe(expected);
    expect(brief.period.label_vi).toBe(`tháng ${Number(expected.slice(5))}/${expected.slice(0, 4)}`);
    const first = page.locator('table.briefs-table tbody tr').first();
    await page.waitForFunction(
      (id) => document.querySelector('table.briefs-table tbody tr')?.getAttribute('data-brief') === id,
      brief.id,
      { timeout: 30_000 },
    );
    expect(await page.locator('[role="status"]:not([data-live-status])').count()).toBe(0);
    const text = await first.innerText();
    expect(text).toContain(brief.period.label_vi);
    expect(text).toContain(brief.number);
    expect(text).toContain('Xã Nam Trung');
    expect(text).toContain('Tạo theo yêu cầu');
    const openLink = first.getByRole('link', { name: /^Mở PDF báo cáo số/ });
    const download = first.getByRole('link', { name: /^Tải PDF báo cáo số/ });
    expect(await openLink.getAttribute('target')).toBe('_blank');
    expect(await download.getAttribute('download')).toMatch(/\.pdf$/);
    const href = await openLink.getAttribute('href');
    expect(href).toBe(`/api/briefs/${brief.id}.pdf`);
    const pdf = await page.context().request.get(e2e.baseUrl + href);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toMatch(/^application\/pdf/);
    expect((await pdf.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    t.assertClean('brief made now');
    // the link of the brief's e-mail opens the screen on it: marked, its summary whole
    await open(SIZES[1], 'leader', `/briefs?brief=${brief.id}`);
    const linked = page.locator('table.briefs-table tbody tr[aria-current="true"]');
    expect(await linked.getAttribute('data-brief')).toBe(brief.id);
    const more = linked.locator('.briefs-summary__toggle');
    if ((await more.count()) > 0) expect(await more.getAttribute('aria-expanded')).toBe('true');
    // nothing to freeze on this screen: no "Chụp nhanh" (the leader has no export; see the admin's below)
    expect(await page.getByRole('button', { name: 'Chụp nhanh' }).count()).toBe(0);
  });

  for (const size of SIZES)
    it(`${size.name} ${size.width}×${size.height}: nothing scrolls sideways, nothing is cut off, axe clean`, async () => {
      const t = await open(size, 'leader');
      await t.page.screenshot({ path: shotPath(`briefs_${size.width}`), fullPage: true });
      const problems = await layoutProblems(t.page);
      expect(problems, formatProblems(problems)).toEqual([]);
      expect(await axe(t.page)).toEqual([]);
      // the leader is no administrator: no deliveries
      expect(await t.page.getByRole('heading', { name: 'Tình trạng gửi thư' }).count()).toBe(0);
      t.assertClean(`/briefs at ${size.width}`);
    });

  it('the administrator sees the e-mail deliveries; the header stays one row at 1366 with the longer menu', async () => {
    const t = await open(SIZES[1], 'admin');
    const { page } = t;
    const section = page.getByRole('region', { name: 'Tình trạng gửi thư' });
    expect(await section.count()).toBe(1);
    const { deliveries } = await e2e.api<{ deliveries: { id: string }[] }>('/api/briefs/deliveries');
    if (deliveries.length === 0) expect(await section.innerText()).toContain('Chưa có thư nào.');
    else expect(await section.locator('tr[data-delivery]').count()).toBe(deliveries.length);
    // the admin's form also offers the recipient
    expect(await page.getByRole('form', { name: 'Đăng ký nhận báo cáo' }).getByLabel('Người nhận').count()).toBe(1);
    // the admin may export: PDF and PNG of the screen, but no "Chụp nhanh" (its panels: none to freeze)
    const actions = page.getByRole('group', { name: 'Chia sẻ và xuất' });
    expect(await actions.getByRole('button', { name: 'PNG' }).count()).toBe(1);
    expect(await actions.getByRole('button', { name: 'Chụp nhanh' }).count()).toBe(0);
    // the menu (one entry more): every entry and the wall's link on one line, as in tests/e2e/responsive.test.ts
    const boxes = await page.evaluate(() =>
      [...document.querySelectorAll('header nav li, header nav .live-status, header nav .app-nav__wall')].map((e) => {
        const r = e.getBoundingClientRect();
        return { top: r.top, bottom: r.bottom };
      }),
    );
    expect(boxes.length).toBeGreaterThan(8);
    for (const b of boxes) expect(b.top, 'the menu is one row').toBeLessThan(boxes[0].bottom);
    expect(await page.locator('.menu-button').isVisible()).toBe(false);
    const problems = await layoutProblems(page);
    expect(problems, formatProblems(problems)).toEqual([]);
    expect(await axe(page)).toEqual([]);
    t.assertClean('admin');
  });

  it('in English: the screen speaks English, the slot too', async () => {
    const t = await open(SIZES[0], 'leader', '/briefs?lang=en');
    const { page } = t;
    expect(await page.locator('h1').innerText()).toBe('Scheduled briefs');
    expect(await page.getByRole('heading', { name: 'My schedules' }).count()).toBe(1);
    expect(await page.locator('tr[data-schedule]').first().innerText()).toMatch(/Monday 07:00, \d\d\/\d\d\/\d{4}/);
    t.assertClean('English');
  });
});
