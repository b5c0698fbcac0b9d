// Live tracking in a real Chromium: events posted to /api/events change the Overview's tile in place
// (to the value the API now gives, highlighted, with no loading state on the way) and the header
// says when; a target that crosses into "at risk" or "missed" shows as an alert in the feed (and on
// the wall); a cut link shows as down, comes back by itself and catches up with what it missed.
// Screenshots land in tests/.tmp/shots/live_*.png.
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { TargetAnswer, TargetsAnswer } from '../../web/src/api/client.ts';
import { targetValueText } from '../../web/src/components/target-text.ts';
import { makeI18n } from '../../web/src/i18n/index.ts';
import { settle, shotPath } from './harness.ts';
import { e2eSuite } from './suite.ts';

const NAM_TRUNG = '10633';
const vi = makeI18n('vi');
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ').trim();
const shown = (x: TargetAnswer) =>
  x.suppressed || x.value === null ? null : plain(targetValueText(x.value, x.unit, vi));
const vnDay = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(d);

let n = 0;
/** A population event in Nam Trung at `at`, with its own id. */
const person = (type: string, at: string, extra: Record<string, unknown> = {}) => ({
  event_id: `e2e-live-${process.pid}-${Date.now()}-${++n}`,
  type,
  occurred_at: at,
  unit: NAM_TRUNG,
  sex: n % 2 ? 'F' : 'M',
  birth_date: '1985-06-15',
  residence: 'permanent',
  ...extra,
});
const activation = (at: string) => person('vneid_activated', at, { level: 2 });

declare global {
  interface Window {
    __loadingSeen?: number;
  }
}

e2eSuite('live tracking in Chromium', (e2e) => {
  const targets = () => e2e.api<TargetsAnswer>(`/api/targets?unit=${NAM_TRUNG}`);
  const post = async (events: unknown[]) => {
    const res = await fetch(`${e2e.baseUrl}/api/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...e2e.server.session.headers },
      body: JSON.stringify(events),
    });
    expect(res.status, await res.clone().text()).toBe(200);
    return res.json();
  };
  /** The last day of the data, as a time the server accepts (never in the future). */
  const dataDay = (meta: TargetsAnswer['meta']) => {
    const day = meta.data_date ?? vnDay(new Date());
    return day >= vnDay(new Date()) ? new Date(Date.now() - 60_000).toISOString() : `${day}T09:30:00+07:00`;
  };
  /** As the server does at boot: today's values and statuses remembered, so the next batch can alert. */
  const primeHub = async () => {
    await e2e.server.app.live.hub.idle();
    await e2e.server.app.live.hub.prime();
  };
  const status = async (page: Page) => plain(await page.locator('.live-status').innerText());
  const tileValue = async (page: Page, id: string) =>
    plain(await page.locator(`.kpi-tile[data-target="${id}"] .kpi-tile__value`).innerText());

  /** Posts 40 activations; returns a target whose shown value they changed, with its text before and now. */
  async function changeATile(): Promise<{ id: string; from: string; to: string }> {
    const before = await targets();
    await post(Array.from({ length: 40 }, () => activation(dataDay(before.meta))));
    const after = await targets();
    const changed = after.targets.find((x) => {
      const b = before.targets.find((y) => y.target_id === x.target_id)!;
      return shown(x) !== null && shown(b) !== null && shown(x) !== shown(b);
    });
    expect(changed, '40 VNeID activations changed no target of Nam Trung').toBeTruthy();
    return {
      id: changed!.target_id,
      from: shown(before.targets.find((y) => y.target_id === changed!.target_id)!)!,
      to: shown(changed!)!,
    };
  }

  /** Counts, from now on, the loading states that appear: a live update should cause none. */
  const watchLoading = (page: Page) =>
    page.evaluate(() => {
      window.__loadingSeen = 0;
      new MutationObserver((records) => {
        for (const r of records)
          for (const node of r.addedNodes)
            if (node instanceof Element && (node.matches('.state--loading') || node.querySelector('.state--loading')))
              window.__loadingSeen! += 1;
      }).observe(document.body, { childList: true, subtree: true });
    });

  async function open(path: string, wall = false) {
    const t = await e2e.open(wall ? { viewport: { width: 1920, height: 1080 } } : {});
    await t.page.goto(`${e2e.baseUrl}${path}`);
    await settle(t.page);
    await t.page.locator('.live-status[data-state="live"]').waitFor({ timeout: 20_000 });
    return t;
  }

  it('posted events change the tile in place to the value the API gives, highlighted, with the time of the update', async () => {
    await primeHub();
    const t = await open(`/?unit=${NAM_TRUNG}`);
    expect(await status(t.page)).toMatch(/^● Trực tuyến · cập nhật lúc \d{2}:\d{2}:\d{2}$/);
    await watchLoading(t.page);
    const tilesBefore = await t.page.$$eval('.kpi-tile', (tiles) =>
      Object.fromEntries(
        tiles.map((x) => [x.getAttribute('data-target'), x.querySelector('.kpi-tile__value')!.textContent]),
      ),
    );
    const { id, from, to } = await changeATile();
    expect(plain(tilesBefore[id] ?? '')).toBe(from);
    await expect.poll(() => tileValue(t.page, id), { timeout: 20_000 }).toBe(to);
    expect(await t.page.locator(`.kpi-tile[data-target="${id}"]`).getAttribute('class')).toMatch(/\blive-flash\b/);
    expect(await status(t.page)).toMatch(/^● Trực tuyến · cập nhật lúc \d{2}:\d{2}:\d{2}$/);
    expect(await t.page.locator('.live-status [role="status"]').getAttribute('aria-live')).toBe('polite');
    // The feed names the change of the commune's value.
    await expect.poll(() => t.page.locator('.live-feed').innerText(), { timeout: 10_000 }).toMatch(/Nam Trung: .+ → /);
    expect(await t.page.evaluate(() => window.__loadingSeen)).toBe(0);
    await t.page.screenshot({ path: shotPath('live_overview_updated') });
    t.assertClean('live update');
    await t.close();
  });

  it('a cut link shows as down, comes back by itself and catches up with what it missed', async () => {
    const t = await open(`/?unit=${NAM_TRUNG}`);
    // The stream ends (as when the server or the network drops it) and every new attempt fails.
    await t.page.route('**/api/live*', (route) => route.abort('connectionrefused'));
    e2e.server.app.live.hub.disconnectAll();
    await expect
      .poll(() => status(t.page), { timeout: 15_000 })
      .toMatch(/^! Mất kết nối – đang kết nối lại… · cập nhật lần cuối lúc \d{2}:\d{2}:\d{2}$/);
    expect(await t.page.locator('.live-status').getAttribute('data-state')).toBe('down');
    await t.page.screenshot({ path: shotPath('live_down'), clip: { x: 0, y: 0, width: 1366, height: 140 } });
    // Meanwhile the data change; the page cannot know which message it missed.
    const { id, to } = await changeATile();
    await t.page.unroute('**/api/live*');
    await expect
      .poll(() => status(t.page), { timeout: 45_000 })
      .toMatch(/^● Trực tuyến · cập nhật lúc \d{2}:\d{2}:\d{2}$/);
    await expect.poll(() => tileValue(t.page, id), { timeout: 20_000 }).toBe(to);
    await t.close();
  });

  it('the Population screen follows too, in place: its population tile counts the people who moved in', async () => {
    const t = await open(`/population?unit=${NAM_TRUNG}`);
    await watchLoading(t.page);
    const tile = t.page
      .locator('.ioc-kpi')
      .filter({ has: t.page.locator('span', { hasText: /^Dân số$/ }) })
      .locator('strong');
    const count = async () => Number(plain(await tile.innerText()).replace(/\./g, ''));
    const before = await count();
    expect(before).toBeGreaterThan(100);
    // the tile shows the published (perturbed) population, the API's value
    const published = async () =>
      (await e2e.api<{ rows: { value: number }[] }>(`/api/indicators/population?unit=${NAM_TRUNG}&by=total`)).rows[0]
        .value;
    expect(before).toBe(await published());
    const { meta } = await targets();
    // "population" is not a target's indicator: the stream names the targets' indicators these moves change.
    await post(Array.from({ length: 10 }, () => person('move_in', dataDay(meta))));
    const after = await published();
    // ten more people, each published count within 2 of its true value (docs/disclosure.md)
    expect(Math.abs(after - before - 10)).toBeLessThanOrEqual(4);
    await expect.poll(count, { timeout: 20_000 }).toBe(after);
    expect(await t.page.evaluate(() => window.__loadingSeen)).toBe(0);
    t.assertClean('population');
    await t.close();
  });

  it('a target that crosses into at risk or missed shows as an alert in the feed, and on the wall', async () => {
    await primeHub();
    const overview = await open(`/?unit=${NAM_TRUNG}`);
    const wall = await open(`/wall?screens=overview&every=3600&unit=${NAM_TRUNG}`, true);
    const before = await targets();
    // Dated now: the data then reach today, past deadlines of the plan, and targets short of their goal cross.
    await post(Array.from({ length: 40 }, () => activation(new Date(Date.now() - 60_000).toISOString())));
    const after = await targets();
    const crossed = after.targets.filter(
      (x) =>
        (x.status === 'at_risk' || x.status === 'missed') &&
        before.targets.find((y) => y.target_id === x.target_id)!.status !== x.status,
    );
    expect(crossed.length, 'no target of Nam Trung crossed into at risk or missed').toBeGreaterThan(0);
    const target = crossed[0];
    for (const [t, name] of [
      [overview, 'live_overview_alert'],
      [wall, 'live_wall_alert'],
    ] as const) {
      const alert = t.page.locator(`.live-alert[data-alert="${target.target_id}"]`).first();
      await alert.waitFor({ timeout: 20_000 });
      const text = plain(await alert.innerText());
      expect(text).toContain('Cảnh báo:');
      expect(text).toContain('Nam Trung');
      expect(text).toContain(vi.t(`status.${target.status}`));
      expect(text).toMatch(/lúc \d{2}:\d{2}:\d{2}/);
      expect(await t.page.locator('.live-feed [role="log"]').count()).toBe(1);
      // the tiles follow: the target's badge says its new status (a target past its deadline is in the folded
      // group: opened on the Overview; the wall shows that group as its summary line only)
      const passed = target.triage === 'passed';
      if (passed && t === overview) await t.page.locator('.triage-group__toggle[aria-expanded="false"]').click();
      if (!passed || t === overview)
        await expect
          .poll(() => t.page.locator(`.kpi-tile[data-target="${target.target_id}"] .status-badge`).innerText(), {
            timeout: 20_000,
          })
          .toContain(vi.t(`status.${target.status}`));
      await t.page.waitForTimeout(2500); // the highlight fades
      await t.page.screenshot({ path: shotPath(name) });
      await t.page.locator('.live-feed').screenshot({ path: shotPath(`${name}_feed`) });
      t.assertClean(name);
      await t.close();
    }
  });
});
