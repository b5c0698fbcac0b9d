// Frozen snapshots (issue 6): a snapshot reopens with identical numbers after new events are
// ingested, hides exactly the cells the API hides, lists and deletes; its offline HTML opens in
// Chromium with the network blocked and shows the panels and their numbers. Issue 17: the share page
// speaks the app's words with vi-VN dates, links back to the live view, shows the picture of the view
// only to readers whose scope covers its creator's, and a visitor not signed in learns what opens next
// (title, units, dates) while the page itself still needs a session.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { chromium } from 'playwright-core';
import { buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { openContext, type Context } from '../../server/context.ts';
import { buildDemoStore } from '../helpers/demo-store.ts';
import { SnapshotStore } from '../../server/snapshots/store.ts';
import { covers } from '../../server/routes/snapshots.ts';
import { scopeOfUnit } from '../../server/auth/scope.ts';
import { CHROMIUM, CHROMIUM_ARGS, hasChromium } from '../e2e/harness.ts';
import { actAs, signIn, type Signed } from '../helpers/auth.ts';

let owner = '';
let lan: Signed;
let admin: Signed;

let app: FastifyInstance;
let ctx: Context;
const NAM_TRUNG = '10633';
const DISTRICT = '291';
let seq = 0;

type Row = {
  unit: string;
  unit_name: string;
  period: string;
  value: number | null;
  numerator: number | null;
  suppressed: boolean;
};
const get = async (url: string) => {
  const res = await app.inject({ method: 'GET', url });
  return {
    status: res.statusCode,
    body: String(res.headers['content-type'] ?? '').includes('json') ? res.json() : res.body,
    raw: res.rawPayload,
    headers: res.headers,
  };
};
const VNEID = {
  indicator: 'count_vneid_accounts',
  unit: DISTRICT,
  by: 'unit',
  from: '2022-12',
  to: '2022-12',
} as const;
const DEATHS = { indicator: 'deaths', unit: DISTRICT, by: 'unit', from: '2022-03', to: '2022-03' } as const;
const apiUrl = (q: { indicator: string; unit: string; by: string; from: string; to: string }) =>
  `/api/indicators/${q.indicator}?unit=${q.unit}&by=${q.by}&from=${q.from}&to=${q.to}`;
const panels = [
  { id: 'vneid', title: 'Tài khoản VNeID theo xã, tháng 12/2022', kind: 'indicator', request: VNEID },
  { id: 'deaths', title: 'Số người chết theo xã, tháng 3/2022', kind: 'indicator', request: DEATHS },
  { id: 'targets', title: 'Mục tiêu của huyện', kind: 'targets', request: { unit: DISTRICT } },
];
const create = async (body: unknown) => {
  const res = await app.inject({ method: 'POST', url: '/api/snapshots', payload: body as object });
  return { status: res.statusCode, body: res.json() };
};

beforeAll(async () => {
  const { db } = await buildDemoStore(join('tests', '.tmp', 'api-snapshots'));
  // suppression: exact arithmetic of live events against frozen panels; the cell-key method's snapshots:
  // disclosure-cellkey.test.ts
  ctx = await openContext(
    loadConfig({ IOC_DB: db, IOC_DEMO: 'false', LOG_LEVEL: 'silent', IOC_DISCLOSURE: 'suppress' }),
  );
  app = await buildApp(ctx, { logger: false });
  owner = (await actAs(app, ctx, { role: 'staff' })).username;
  lan = await signIn(app, ctx, { role: 'staff', username: 'lan' });
  admin = await signIn(app, ctx, { role: 'admin' });
  await app.ready();
}, 180_000);

afterAll(async () => {
  await app?.close();
  await ctx?.close();
});

describe('snapshots', () => {
  let id = '';
  let before: { vneid: Row[]; deaths: Row[]; targets: unknown[] };

  it('freezes the panels exactly as the API answers them, suppressed cells included', async () => {
    before = {
      vneid: (await get(apiUrl(VNEID))).body.rows,
      deaths: (await get(apiUrl(DEATHS))).body.rows,
      targets: (await get(`/api/targets?unit=${DISTRICT}`)).body.targets,
    };
    expect(before.deaths.some((r) => r.suppressed)).toBe(true); // the rule is exercised
    const r = await create({ title: 'Huyện Nam Sách — bản chụp', view: '/targets?unit=291', panels });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      id: expect.stringMatching(/^[A-Za-z0-9_-]{12}$/),
      link: `/s/${r.body.id}`,
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      data_version: ctx.info.dataVersion,
    });
    id = r.body.id;
    const snap = await get(`/api/snapshots/${id}`);
    expect(snap.status).toBe(200);
    expect(snap.body.frozen).toBe(true);
    expect(snap.body.spec).toMatchObject({
      id,
      owner,
      view: '/targets?unit=291',
      sha256: r.body.sha256,
      data_version: r.body.data_version,
      min_cell: ctx.config.minCell,
    });
    const byId = Object.fromEntries(snap.body.panels.map((p: { id: string }) => [p.id, p]));
    expect(byId.vneid.rows).toEqual(before.vneid);
    expect(byId.deaths.rows).toEqual(before.deaths);
    expect(byId.deaths.rows.map((x: Row) => x.suppressed)).toEqual(before.deaths.map((x) => x.suppressed));
    expect(
      byId.deaths.rows.filter((x: Row) => x.suppressed).every((x: Row) => x.value === null && x.numerator === null),
    ).toBe(true);
    expect(byId.targets.targets).toEqual(before.targets);
  });

  it('reopens with identical numbers after new events are ingested', async () => {
    const events = Array.from({ length: 6 }, (_, i) => ({
      event_id: `snap-${process.pid}-${++seq}`,
      type: 'vneid_activated',
      occurred_at: `2022-12-0${i + 2}T09:30:00+07:00`,
      unit: NAM_TRUNG,
      sex: 'F',
      birth_date: '1980-03-15',
      residence: 'permanent',
      level: 2,
    }));
    const post = await app.inject({ method: 'POST', url: '/api/events', payload: events, headers: admin.headers });
    expect(post.statusCode).toBe(200);
    const live: Row[] = (await get(apiUrl(VNEID))).body.rows;
    const cell = (rows: Row[]) => rows.find((x) => x.unit === NAM_TRUNG)!.value!;
    expect(cell(live) - cell(before.vneid)).toBe(6); // the live API moved
    const snap = await get(`/api/snapshots/${id}`);
    const vneid = snap.body.panels.find((p: { id: string }) => p.id === 'vneid');
    expect(vneid.rows).toEqual(before.vneid); // the snapshot did not
    const arrow = await get(`/api/snapshots/${id}/data.arrow`);
    expect(arrow.headers['content-type']).toContain('application/vnd.apache.arrow.stream');
    expect(createHash('sha256').update(arrow.raw).digest('hex')).toBe(snap.body.spec.sha256);
  });

  it('lists, refuses bad requests, deletes (404 after)', async () => {
    const list = await get('/api/snapshots');
    expect(list.body.snapshots).toContainEqual(
      expect.objectContaining({ id, title: 'Huyện Nam Sách — bản chụp', owner, view: '/targets?unit=291' }),
    );
    expect((await create({ title: 'x', view: '/', panels: [] })).status).toBe(400);
    expect((await create({ title: 'x', view: '/', panels: Array(41).fill(panels[2]) })).status).toBe(400);
    expect(
      (await create({ title: 'x', view: '/', panels: [{ ...panels[0], request: { ...VNEID, indicator: 'no_such' } }] }))
        .status,
    ).toBe(404);
    const other = (await create({ title: 'tạm', view: '/', panels: [panels[2]] })).body.id;
    const del = (who?: Signed) =>
      app.inject({ method: 'DELETE', url: `/api/snapshots/${other}`, headers: who ? who.headers : {} });
    expect((await del(lan)).statusCode).toBe(403); // staff, but not the owner
    expect((await get(`/api/snapshots/${other}`)).status).toBe(200);
    expect((await del(admin)).statusCode).toBe(204);
    expect((await get(`/api/snapshots/${other}`)).status).toBe(404);
    expect((await get(`/api/snapshots/${other}.html`)).status).toBe(404);
    expect((await app.inject({ method: 'DELETE', url: `/api/snapshots/${other}` })).statusCode).toBe(404);
    expect((await get('/api/snapshots')).body.snapshots.map((s: { id: string }) => s.id)).not.toContain(other);
  });

  it.skipIf(!hasChromium() && !process.env.CI)(
    'the offline HTML opens in Chromium with the network blocked and shows the numbers',
    async () => {
      const res = await get(`/api/snapshots/${id}.html`);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toContain('text/html');
      const html = String(res.body);
      // nothing to fetch: no script, no style sheet, no picture but an inline one (data:), no CSS url()
      expect(html).not.toMatch(/<script|url\(/i);
      expect([...html.matchAll(/<link\b[^>]*>/gi)].map((m) => m[0])).toEqual(['<link rel="icon" href="data:,">']);
      expect(html).not.toMatch(/\bsrc="(?!data:)/i);
      const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
      try {
        const context = await browser.newContext();
        const attempted: string[] = [];
        await context.route('**/*', (route) => {
          attempted.push(route.request().url());
          return route.abort();
        });
        const page = await context.newPage();
        page.on('request', (r) => attempted.push(r.url()));
        await page.setContent(html, { waitUntil: 'load' });
        const text = await page.locator('body').innerText();
        for (const p of panels)
          await expect(page.getByRole('heading', { name: p.title }).isVisible()).resolves.toBe(true);
        const fmt = (v: number) => new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 }).format(v);
        const shown = before.vneid.filter((r) => !r.suppressed && r.value !== null);
        expect(shown.length).toBeGreaterThan(0);
        for (const r of shown.slice(0, 5)) expect(text).toContain(fmt(r.value!));
        expect(shown.some((r) => r.value! >= 1000 && fmt(r.value!).includes('.'))).toBe(true); // vi-VN thousands
        const hidden = before.deaths.filter((r) => r.suppressed).length;
        expect(await page.locator('td.hidden').count()).toBeGreaterThanOrEqual(hidden);
        expect(text).toContain('Dữ liệu mô phỏng');
        expect(text).toContain(id);
        expect(attempted).toEqual([]);
      } finally {
        await browser.close();
      }
    },
  );
});

/** dd/mm/yyyy hh:mm of an instant in Vietnam (UTC+7, no daylight saving), by arithmetic. */
function vietnamTime(iso: string): string {
  const d = new Date(Date.parse(iso) + 7 * 3_600_000);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getUTCDate())}/${two(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(
    d.getUTCMinutes(),
  )}`;
}
/** The text of an HTML page, tags out, entities of the page decoded. */
const textOf = (html: string) =>
  html
    .replace(/<style[\s\S]*?<\/style>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

describe('the share page (issue 17)', () => {
  let id = '';
  type Spec = { created_at: string; data_date: string; view: string; title: string };
  let spec: Spec;
  beforeAll(async () => {
    const r = await create({ title: 'Chỉ tiêu của huyện — chia sẻ', view: '/targets?unit=291', panels });
    id = r.body.id;
    spec = (await get(`/api/snapshots/${id}`)).body.spec;
  });

  it('speaks the app\'s words with vi-VN dates: "Chỉ tiêu", "Mục tiêu", "Tháng 12/2022", milestones in words', async () => {
    const res = await get(`/s/${id}`);
    expect(res.status).toBe(200);
    const html = String(res.body);
    const text = textOf(html);
    // the target column and the goal column are named as on the Overview's tiles
    expect(html).toMatch(/<th scope="col">Chỉ tiêu<\/th><th scope="col">Giá trị<\/th><th scope="col">Mục tiêu<\/th>/);
    const targets = (await get(`/api/targets?unit=${DISTRICT}`)).body.targets as {
      target_id: string;
      unit: string;
      value: number | null;
      status: string;
      deadline: string;
    }[];
    const milestones = targets.filter((t) => t.unit === 'milestone' && t.value !== null);
    expect(milestones.length).toBeGreaterThan(0);
    for (const t of milestones) {
      const row = new RegExp(`<tr><th scope="row"><span class="tid">${t.target_id}</span>.*?</tr>`).exec(html)?.[0];
      expect(row, t.target_id).toBeDefined();
      const cells = [...row!.matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((m) => m[1]);
      expect(cells[0]).toBe(t.value! >= 1 ? 'Đã hoàn thành' : 'Chưa hoàn thành'); // Giá trị, never 1 or 0
      expect(cells[1]).toBe('Đã hoàn thành'); // Mục tiêu
    }
    for (const t of targets) {
      const [y, m, d] = t.deadline.split('-');
      expect(text).toContain(`${d}/${m}/${y}`);
    }
    // every date day first; no ISO date or month left in what a person reads
    const [y, m, d] = spec.data_date.split('-');
    expect(text).toContain(`Số liệu đến ngày ${d}/${m}/${y}`);
    expect(text).toContain(`Chụp lúc ${vietnamTime(spec.created_at)} (giờ Việt Nam)`);
    expect(text).toContain('Tháng 12/2022');
    expect(text).toContain('Tháng 3/2022');
    const visible = text.replace(/Mã bản chụp.*$/, ''); // the id and the hash at the end are codes
    expect(visible).not.toMatch(/\b\d{4}-\d{2}\b/);
    // a link back to the live view, the one it was taken from
    expect(html).toContain(`<a class="button" href="/targets?unit=291">Mở màn hình trực tiếp`);
    expect(text).toContain('Đơn vị Huyện Nam Sách');
  });

  it('a ranking panel (by unit) shows its rows as bars, highest first', async () => {
    const html = String((await get(`/s/${id}`)).body);
    const ranking = /<ol class="ranking"[^>]*>(.*?)<\/ol>/.exec(html)?.[1];
    expect(ranking).toBeDefined();
    const frozen = (await get(`/api/snapshots/${id}`)).body.panels.find((p: { id: string }) => p.id === 'vneid');
    const shown = (frozen.rows as Row[]).filter((r) => !r.suppressed && r.value !== null);
    expect(shown.length).toBeGreaterThan(1);
    const names = [...ranking!.matchAll(/<span class="name">(.*?)<\/span>/g)].map((x) => x[1]);
    const expected = [...shown].sort((a, b) => b.value! - a.value!).map((r) => r.unit_name);
    expect(names).toEqual(expected.slice(0, 40));
  });

  it('a visitor not signed in is sent to sign in; /about tells them the title, units and dates, no number', async () => {
    const bare = await app.inject({ method: 'GET', url: `/s/${id}`, headers: { cookie: '' } });
    expect(bare.statusCode).toBe(303);
    expect(bare.headers.location).toBe(`/?next=${encodeURIComponent(`/s/${id}`)}`);
    for (const p of [`/api/snapshots/${id}`, `/api/snapshots/${id}.html`, `/api/snapshots/${id}/data.arrow`])
      expect((await app.inject({ method: 'GET', url: p, headers: { cookie: '' } })).statusCode, p).toBe(401);
    const about = await app.inject({ method: 'GET', url: `/api/snapshots/${id}/about`, headers: { cookie: '' } });
    expect(about.statusCode).toBe(200);
    const body = about.json();
    expect(Object.keys(body).sort()).toEqual(['created_at', 'data_date', 'title', 'units']);
    expect(body).toEqual({
      title: spec.title,
      units: ['Huyện Nam Sách'],
      created_at: spec.created_at,
      data_date: spec.data_date,
    });
    const missing = await app.inject({
      method: 'GET',
      url: '/api/snapshots/AAAAAAAAAAAA/about',
      headers: { cookie: '' },
    });
    expect(missing.statusCode).toBe(404);
    expect(
      (await app.inject({ method: 'GET', url: '/api/snapshots/bad!id/about', headers: { cookie: '' } })).statusCode,
    ).toBe(400);
  });

  it("the picture shows only to readers whose scope covers its creator's; pending, failed and newer data say so", async () => {
    // a picture of a commune's view taken by district staff: the commune's own staff may open the snapshot
    // (its numbers are theirs) but not see the picture (the district's view may show other communes)
    const commune = await signIn(app, ctx, { role: 'staff', unit: NAM_TRUNG });
    const r = await create({
      title: 'Xã Nam Trung',
      view: `/?unit=${NAM_TRUNG}`,
      panels: [{ id: 't', title: 'Chỉ tiêu của xã', kind: 'targets', request: { unit: NAM_TRUNG } }],
    });
    const sid = r.body.id as string;
    const store = new SnapshotStore(ctx.pool);
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const page = async (s?: Signed) =>
      String((await app.inject({ method: 'GET', url: `/s/${sid}`, headers: s?.headers })).body);
    expect(await page()).not.toMatch(/data:image|Ảnh màn hình/); // none asked for
    await store.pictureRequested(sid, DISTRICT, new Date());
    expect(await page()).toContain('Ảnh màn hình lúc chụp đang được tạo');
    expect(await page(commune)).toContain('không hiển thị với tài khoản của bạn');
    await store.pictureDone(sid, { png, width: 1366, dataVersion: ctx.info.dataVersion });
    const district = await page();
    expect(district).toContain(`<img src="data:image/png;base64,${png.toString('base64')}" width="1366"`);
    expect(district).not.toContain('Số liệu mới đến trong lúc chụp ảnh');
    const mine = await page(commune);
    expect(mine).not.toContain('data:image');
    expect(mine).toContain('không hiển thị với tài khoản của bạn');
    // the offline file carries the picture too, with an absolute link back
    const offline = String((await get(`/api/snapshots/${sid}.html`)).body);
    expect(offline).toContain(`data:image/png;base64,${png.toString('base64')}`);
    expect(offline).toMatch(new RegExp(`href="http://[^"]+/\\?unit=${NAM_TRUNG}"`));
    await store.pictureDone(sid, { png, width: 1366, dataVersion: ctx.info.dataVersion + 1 });
    expect(await page()).toContain('Số liệu mới đến trong lúc chụp ảnh');
    await store.pictureDone(sid, null);
    expect(await page()).not.toMatch(/data:image|Ảnh màn hình/);
    await store.pictureRequested(sid, DISTRICT, new Date(Date.now() - 10 * 60_000)); // never came
    expect(await page()).not.toMatch(/data:image|Ảnh màn hình/);
  });

  it("covers: a district scope covers its communes', not the other way; a commune covers itself only", () => {
    const [a, b] = ['10633', DISTRICT];
    const other = ctx.units.units.find((u) => u.level === 'commune' && u.unit_id !== a && u.parent_id === b)!;
    const s = (u: string) => scopeOfUnit(ctx.units, u);
    expect(covers(ctx.units, s(b), s(a))).toBe(true);
    expect(covers(ctx.units, s(a), s(b))).toBe(false);
    expect(covers(ctx.units, s(a), s(a))).toBe(true);
    expect(covers(ctx.units, s(a), s(other.unit_id))).toBe(false);
    expect(covers(ctx.units, s(other.unit_id), s(a))).toBe(false);
  });
});
