// Frozen snapshots (issue 6): a snapshot reopens with identical numbers after new events are
// ingested, hides exactly the cells the API hides, lists and deletes; its offline HTML opens in
// Chromium with the network blocked and shows the panels and their numbers.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { chromium } from 'playwright-core';
import { buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { openContext, type Context } from '../../server/context.ts';
import { buildDemoStore } from '../helpers/demo-store.ts';
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
      expect(html).not.toMatch(/<script|<link|<img|src=|url\(/i);
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
