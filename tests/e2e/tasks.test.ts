// The screen "Nhiệm vụ" (issue 21) in a real Chromium. The commune's leader sees the plan's 96 tasks grouped by
// lead office, each group holding exactly the tasks GET /api/tasks names that office as lead for (counted here,
// not by the app's code); the commune police's officer ticks "Việc của tôi" and sees only the tasks where Công an
// xã leads or partners; a directive the leader issues (through the API here) is acknowledged and reported done by
// the police on this screen, then accepted by the leader; and the screen fits 1920×1080, 1366×768 and 390×844
// with no sideways scroll, nothing cut off and no axe violation. Screenshots land in tests/.tmp/shots/.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { signIn, type Signed } from '../helpers/auth.ts';
import type { Directive, Task, TasksAnswer } from '../../server/contracts/work.ts';
import { ROOT, settle, shotPath, type TrackedPage } from './harness.ts';
import { formatProblems, layoutProblems } from './layout-probe.ts';
import { e2eSuite } from './suite.ts';

const NAM_TRUNG = '10633';
const POLICE = '10633.cong-an';
const SIZES = [
  { name: 'screen', width: 1920, height: 1080 },
  { name: 'laptop', width: 1366, height: 768 },
  { name: 'phone', width: 390, height: 844 },
] as const;
const AXE = readFileSync(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
/** The plan's rows in ../shared/product/tasks.csv (TASKS.md: T001–T096). */
const PLAN_TASKS = 96;

/** Serious and critical axe violations of the page as drawn now. */
async function axe(page: Page): Promise<{ id: string; nodes: string[] }[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
  return page.evaluate(async () => {
    type Result = { violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[] };
    const run = (window as unknown as { axe: { run(d: Document): Promise<Result> } }).axe.run(document);
    return (await run).violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  });
}

/** YYYY-MM-DD in Hà Nội (UTC+7, no summer time), `days` after today. */
function vnDay(days: number): string {
  return new Date(Date.now() + 7 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

/** The task ids under each lead office of an answer (a task with two leads under both), counted by hand. */
function byLead(tasks: readonly Task[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const t of tasks)
    for (const o of t.lead) {
      const key = o.office_id ?? `phrase:${t.unit_id}:${o.name}`;
      if (!out.has(key)) out.set(key, new Set());
      out.get(key)!.add(t.id);
    }
  return out;
}

e2eSuite('Nhiệm vụ: the plan grouped by office, my tasks, a directive acknowledged, done and accepted', (e2e) => {
  const who: Record<'leader' | 'police', Signed | undefined> = { leader: undefined, police: undefined };
  const session = async (as: 'leader' | 'police') =>
    (who[as] ??= await signIn(e2e.server.app, e2e.server.ctx, {
      role: as === 'leader' ? 'leader' : 'staff',
      unit: NAM_TRUNG,
      username: as === 'leader' ? 'lanhdao.namtrung' : 'congan.namtrung',
    }));
  const pages = new Map<string, TrackedPage>();
  /** One page per size and account, on `path` (loaded again each time). */
  const open = async (size: (typeof SIZES)[number], as: 'leader' | 'police', path = '/tasks') => {
    const key = `${size.name}|${as}`;
    let t = pages.get(key);
    if (!t) {
      t = await e2e.open({ viewport: { width: size.width, height: size.height } }, await session(as));
      pages.set(key, t);
    }
    t.errors.length = 0;
    t.outside.length = 0;
    await t.page.goto(e2e.baseUrl + path);
    await settle(t.page);
    return t;
  };
  /** GET on the API as the page's account. */
  const api = <T>(page: Page, path: string) =>
    page.evaluate(
      async (p) => (await fetch(p, { headers: { accept: 'application/json' } })).json(),
      path,
    ) as Promise<T>;

  it("the leader sees the plan's 96 tasks, grouped by lead office as GET /api/tasks names them", async () => {
    const t = await open(SIZES[1], 'leader');
    const { page } = t;
    expect(await page.locator('h1').innerText()).toBe('Nhiệm vụ và chỉ đạo');
    expect(await page.locator('.app-nav [aria-current="page"]').innerText()).toBe('Nhiệm vụ');
    const answer = await api<TasksAnswer>(page, '/api/tasks');
    expect(answer.tasks.filter((x) => x.unit_id === NAM_TRUNG)).toHaveLength(PLAN_TASKS);
    expect(await page.locator('#tasks-plan-title').innerText()).toBe(`Nhiệm vụ của kế hoạch (${answer.tasks.length})`);
    // every task of the answer is on the page, and no other
    const shown = await page.locator('article[data-task]').evaluateAll((els) => els.map((e) => e.dataset.task));
    expect(new Set(shown)).toEqual(new Set(answer.tasks.map((x) => x.id)));
    // each group: exactly the tasks that name its office as lead, and its heading says how many
    const expected = byLead(answer.tasks);
    const groups = await page.locator('details.tasks-group').evaluateAll((els) =>
      els.map((g) => ({
        key: g.getAttribute('data-group') ?? '',
        tasks: [...g.querySelectorAll('article[data-task]')].map((a) => a.getAttribute('data-task')),
        heading: g.querySelector('summary h3')?.textContent ?? '',
      })),
    );
    const led = groups.filter((g) => g.key !== '');
    expect(led.map((g) => g.key).sort()).toEqual([...expected.keys()].sort());
    for (const g of led) {
      expect(new Set(g.tasks), g.key).toEqual(expected.get(g.key));
      expect(g.heading, g.key).toContain(`(${expected.get(g.key)!.size} nhiệm vụ)`);
    }
    // the office that leads the most comes first (the plan: Công an xã)
    expect(led[0].key).toBe(POLICE);
    // the counts by status are the server's
    for (const [status, word] of [
      ['not_started', 'Chưa bắt đầu'],
      ['in_progress', 'Đang làm'],
      ['done', 'Đã xong'],
      ['overdue', 'Quá hạn'],
    ] as const) {
      const button = page.locator(`.tasks-count--${status}`);
      expect(await button.locator('.tasks-count__n').innerText()).toBe(String(answer.counts[status]));
      expect(await button.innerText()).toContain(word);
    }
    // by section: each task once, in the plan's parts
    await page.getByLabel('Mục của kế hoạch').check();
    await page.waitForFunction(() => location.search.includes('by=section'));
    expect(await page.locator('article[data-task]').count()).toBe(answer.tasks.length);
    expect(await page.locator('details.tasks-group summary h3').first().innerText()).toMatch(/^Mục III\.1 /);
    t.assertClean('grouped');
  });

  it("the police officer's “Việc của tôi” shows only the tasks Công an xã leads or supports", async () => {
    const leader = await open(SIZES[1], 'leader');
    const all = (await api<TasksAnswer>(leader.page, '/api/tasks')).tasks;
    const ours = all.filter((x) => [...x.lead, ...x.partners].some((o) => o.office_id === POLICE)).map((x) => x.id);
    expect(ours.length).toBeGreaterThan(40);
    const t = await open(SIZES[1], 'police');
    const { page } = t;
    const mine = page.getByLabel(/^Việc của tôi/);
    expect(await mine.isChecked()).toBe(false);
    const answered = page.waitForResponse((r) => r.url().includes('/api/tasks?') && r.url().includes('mine=true'));
    await mine.check();
    await answered;
    await settle(page);
    expect(new URL(page.url()).searchParams.get('mine')).toBe('1');
    const shown = await page.locator('article[data-task]').evaluateAll((els) => els.map((e) => e.dataset.task));
    expect(new Set(shown)).toEqual(new Set(ours));
    // (textContent: the groups of 80 tasks start folded, and a folded group's text is not drawn)
    const facts = await page
      .locator('article[data-task] .task-card__facts')
      .evaluateAll((els) => els.map((e) => e.textContent ?? ''));
    // a task led by two offices is under both
    const cards = all.filter((x) => ours.includes(x.id)).reduce((n, x) => n + Math.max(1, x.lead.length), 0);
    expect(facts).toHaveLength(cards);
    for (const text of facts) expect(text).toContain('Công an xã');
    t.assertClean('my tasks');
  });

  it('a directive: the police acknowledge it and report it done, the leader accepts it', async () => {
    const leader = await session('leader');
    const res = await e2e.server.app.inject({
      method: 'POST',
      url: '/api/directives',
      headers: leader.headers,
      payload: {
        office_id: POLICE,
        unit_id: NAM_TRUNG,
        indicator: 'pct_online_dossiers',
        source: 'tasks',
        title: 'Rà soát hồ sơ trực tuyến <b>không</b> đạt',
        due: vnDay(14),
        expected: 'Nâng tỷ lệ hồ sơ trực tuyến',
      },
    });
    // markup is refused: the title above holds a tag
    expect(res.statusCode).toBe(400);
    const made = await e2e.server.app.inject({
      method: 'POST',
      url: '/api/directives',
      headers: leader.headers,
      payload: {
        office_id: POLICE,
        unit_id: NAM_TRUNG,
        indicator: 'pct_online_dossiers',
        source: 'tasks',
        title: 'Rà soát hồ sơ trực tuyến chưa đạt',
        due: vnDay(14),
        expected: 'Nâng tỷ lệ hồ sơ trực tuyến',
      },
    });
    expect(made.statusCode, made.body).toBe(201);
    const d = made.json<Directive>();
    expect(d.status).toBe('issued');

    const t = await open(SIZES[1], 'police');
    const { page } = t;
    const card = page.locator(`article[data-directive="${d.id}"]`);
    await card.waitFor();
    const text = await card.innerText();
    expect(text).toContain('Rà soát hồ sơ trực tuyến chưa đạt');
    expect(text).toContain('Công an xã · Xã Nam Trung');
    const [y, m, day] = vnDay(14).split('-');
    expect(text).toContain(`${day}/${m}/${y}`);
    // the value at issue: withheld says so, never 0
    if (d.value_at_issue?.suppressed) expect(text).toContain('đã ẩn');
    expect(await card.locator('.work-badge').first().innerText()).toContain('Mới giao');

    const act = async (name: string, status: string) => {
      const answered = page.waitForResponse(
        (r) => r.url().endsWith(`/api/directives/${d.id}/updates`) && r.request().method() === 'POST',
      );
      await card.getByRole('button', { name, exact: true }).click();
      expect((await answered).status()).toBe(200);
      await expect.poll(() => card.locator('.work-badge').first().innerText()).toContain(status);
    };
    await card.getByRole('button', { name: `Xem chi tiết và xử lý chỉ đạo số ${d.id}` }).click();
    await act('Tiếp nhận', 'Đã nhận');
    await card.getByLabel('Ghi chú').fill('Đã rà soát 120 hồ sơ, hướng dẫn người dân nộp trực tuyến.');
    await act('Báo cáo hoàn thành', 'Đã xong');
    expect(await card.locator('.work-updates').innerText()).toContain('Đã rà soát 120 hồ sơ');
    // the police may not accept their own work
    expect(await card.getByRole('button', { name: 'Nghiệm thu', exact: true }).count()).toBe(0);
    t.assertClean('police');

    const l = await open(SIZES[1], 'leader', `/tasks?directive=${d.id}`);
    const lcard = l.page.locator(`article[data-directive="${d.id}"]`);
    expect(await lcard.locator('.work-badge').first().innerText()).toContain('Đã xong');
    const accepted = l.page.waitForResponse((r) => r.url().endsWith(`/api/directives/${d.id}/updates`));
    await lcard.getByRole('button', { name: 'Nghiệm thu', exact: true }).click();
    expect((await accepted).status()).toBe(200);
    await expect
      .poll(() => l.page.locator('.tasks-directives .admin-note').innerText())
      .toBe(`Chỉ đạo số ${d.id}: Đã nghiệm thu.`);
    const after = await api<{ directives: Directive[] }>(l.page, '/api/directives');
    expect(after.directives.find((x) => x.id === d.id)?.status).toBe('accepted');
    // closed: out of the open list (the one it was opened from: the page moves to "Tất cả", where it is)
    await l.page.waitForFunction(() => new URLSearchParams(location.search).get('d') === 'all');
    await settle(l.page);
    expect(await lcard.locator('.work-badge').first().innerText()).toContain('Đã nghiệm thu');
    await l.page.getByLabel('Đang mở').check();
    await settle(l.page);
    expect(await lcard.count()).toBe(0);
    // a link to it (as the Overview's follow-up and the directive form give) finds it among all, closed as it is
    await open(SIZES[1], 'leader', `/tasks?directive=${d.id}`);
    await l.page.waitForFunction(() => new URLSearchParams(location.search).get('d') === 'all');
    await settle(l.page);
    expect(await lcard.locator('.task-card__toggle').getAttribute('aria-expanded')).toBe('true');
    expect(await lcard.locator('.work-updates').innerText()).toMatch(
      /Tiếp nhận[\s\S]*Báo cáo hoàn thành[\s\S]*Nghiệm thu/,
    );
    l.assertClean('leader accepts');
  });

  for (const size of SIZES)
    it(`${size.name} ${size.width}×${size.height}: nothing scrolls sideways, nothing is cut off, axe clean`, async () => {
      const t = await open(size, 'leader', '/tasks?d=all');
      // 96 tasks start folded by office; every group opened, and a task's detail too
      expect(await t.page.locator('details.tasks-group[open]').count()).toBe(0);
      await t.page.getByRole('button', { name: 'Mở tất cả nhóm' }).click();
      expect(await t.page.locator('details.tasks-group:not([open])').count()).toBe(0);
      const first = t.page.locator('article[data-task]').first();
      await first.locator('.task-card__toggle').click();
      await settle(t.page);
      await t.page.screenshot({ path: shotPath(`tasks_${size.width}`), fullPage: true });
      const problems = await layoutProblems(t.page);
      expect(problems, formatProblems(problems)).toEqual([]);
      expect(await axe(t.page)).toEqual([]);
      t.assertClean(`/tasks at ${size.width}`);
      const p = await open(size, 'police', '/tasks?mine=1&d=all');
      const directive = p.page.locator('article[data-directive]').first();
      if ((await directive.count()) > 0) await directive.locator('.task-card__toggle').click();
      await p.page.locator('details.tasks-group summary').first().click();
      const task = p.page.locator('article[data-task]').first();
      await task.locator('.task-card__toggle').click();
      await settle(p.page);
      await p.page.screenshot({ path: shotPath(`tasks_mine_${size.width}`), fullPage: true });
      const mine = await layoutProblems(p.page);
      expect(mine, formatProblems(mine)).toEqual([]);
      expect(await axe(p.page)).toEqual([]);
      p.assertClean(`/tasks?mine=1 at ${size.width}`);
    });
});
