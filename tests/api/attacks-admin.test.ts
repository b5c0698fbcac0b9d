// Issue 12, attacks on the admin powers and on passwords: an admin of a commune stays inside its
// commune (accounts, audit rows, snapshots of other units are invisible and untouchable: 404 as if
// missing), a password is not guessed by spreading the guesses over addresses or through the
// password change, and an admin lifts a lock-out within their own units.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { openContext, type Context } from '../../server/context.ts';
import { parseCsv } from '../../data/pipeline/generate/csv-read.ts';
import type { AuditRow } from '../../server/audit/log.ts';
import { verifyPassword } from '../../server/auth/passwords.ts';
import { buildDemoStore } from '../helpers/demo-store.ts';
import { ensureAccount, signIn, TEST_PASSWORD, type Signed } from '../helpers/auth.ts';
import { snapshotBody } from '../helpers/route-samples.ts';

const DISTRICT = '291'; // Huyện Nam Sách
const NAM_TRUNG = '10633'; // Xã Nam Trung
const OTHER = '10627'; // another commune of the district
const THIRD = '10606'; // and a third one
/** The units an admin of Nam Trung may see: its commune, and the district as a total. */
const NAM_TRUNG_SEES = new Set([NAM_TRUNG, DISTRICT]);

let app: FastifyInstance;
let ctx: Context;
let communeAdmin: Signed;
let districtAdmin: Signed;
let districtStaff: Signed;
let otherLeader: Signed;
let ownLeader: Signed;

const get = (url: string, s: Signed) => app.inject({ method: 'GET', url, headers: s.headers });
const send = (method: 'POST' | 'PATCH' | 'DELETE', url: string, s: Signed, payload?: object, remoteAddress?: string) =>
  app.inject({
    method,
    url,
    headers: s.headers,
    ...(payload ? { payload } : {}),
    ...(remoteAddress ? { remoteAddress } : {}),
  });
const login = (username: string, password: string, remoteAddress: string) =>
  app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress });
const auditRows = async (s: Signed, query = '') => {
  await ctx.audit.drain();
  const res = await get(`/api/admin/audit?limit=1000${query}`, s);
  expect(res.statusCode).toBe(200);
  return res.json<{ total: number; rows: AuditRow[] }>();
};

beforeAll(async () => {
  const { db } = await buildDemoStore(join('tests', '.tmp', 'api-attacks-admin'));
  ctx = await openContext(loadConfig({ IOC_DB: db, IOC_DEMO: 'false', LOG_LEVEL: 'silent' }));
  app = await buildApp(ctx, { logger: false });
  communeAdmin = await signIn(app, ctx, { role: 'admin', unit: NAM_TRUNG, username: 'admin.namtrung' });
  districtAdmin = await signIn(app, ctx, { role: 'admin', unit: DISTRICT, username: 'admin.namsach' });
  districtStaff = await signIn(app, ctx, { role: 'staff', unit: DISTRICT, username: 'staff.namsach' });
  otherLeader = await signIn(app, ctx, { role: 'leader', unit: OTHER, username: 'leader.other' });
  ownLeader = await signIn(app, ctx, { role: 'leader', unit: NAM_TRUNG, username: 'leader.namtrung' });
  await ensureAccount(ctx, 'planner.other', 'planner', OTHER);
  await ensureAccount(ctx, 'planner.third', 'planner', THIRD);
  await ensureAccount(ctx, 'planner.namtrung', 'planner', NAM_TRUNG);
  // audit rows of several units and accounts: reads in and out of scope, an anonymous refusal
  expect((await get(`/api/targets?unit=${OTHER}`, otherLeader)).statusCode).toBe(200);
  expect((await get(`/api/targets?unit=${NAM_TRUNG}`, ownLeader)).statusCode).toBe(200);
  expect((await get(`/api/targets?unit=${DISTRICT}`, ownLeader)).statusCode).toBe(200);
  expect((await get(`/api/targets?unit=${OTHER}`, ownLeader)).statusCode).toBe(403);
  expect((await app.inject({ method: 'GET', url: `/api/targets?unit=${NAM_TRUNG}` })).statusCode).toBe(401);
  expect((await login('no.such.user', 'wrong-password-1', '10.9.9.9')).statusCode).toBe(401);
}, 180_000);

afterAll(async () => {
  await app?.close();
  await ctx?.close();
});

describe('an admin of a commune stays inside its commune (issue 12 A)', () => {
  it('lists the accounts of its commune only; the district admin lists them all', async () => {
    const names = async (s: Signed) =>
      (await get('/api/admin/accounts', s)).json().accounts.map((a: { username: string }) => a.username);
    const commune = await names(communeAdmin);
    expect(commune).toEqual(expect.arrayContaining(['admin.namtrung', 'leader.namtrung', 'planner.namtrung']));
    for (const outside of ['admin.namsach', 'staff.namsach', 'leader.other', 'planner.other', 'planner.third'])
      expect(commune).not.toContain(outside);
    const units = (await get('/api/admin/accounts', communeAdmin))
      .json()
      .accounts.map((a: { unit_id: string }) => a.unit_id);
    expect([...new Set(units)]).toEqual([NAM_TRUNG]);
    expect(await names(districtAdmin)).toEqual(
      expect.arrayContaining(['admin.namtrung', 'admin.namsach', 'leader.other', 'planner.other', 'planner.third']),
    );
  });

  it('cannot change or reset an account of another commune: 404, as for an account that does not exist', async () => {
    const before = { account: ctx.auth.get('planner.other'), hash: ctx.auth.passwordHash('planner.other') };
    const answers = async (username: string) => [
      await send('PATCH', `/api/admin/accounts/${username}`, communeAdmin, { display_name: 'Đổi tên', role: 'admin' }),
      await send('POST', `/api/admin/accounts/${username}/password`, communeAdmin, {
        password: 'attacker-password-2026',
      }),
    ];
    const outside = await answers('planner.other');
    const missing = await answers('no.such.account');
    expect(outside.map((r) => r.statusCode)).toEqual([404, 404]);
    // the same answer but for the name: "exists but not yours" is not told apart from "no such account"
    expect(outside.map((r) => r.body.replaceAll('planner.other', 'X'))).toEqual(
      missing.map((r) => r.body.replaceAll('no.such.account', 'X')),
    );
    expect(ctx.auth.get('planner.other')).toEqual(before.account);
    expect(ctx.auth.passwordHash('planner.other')).toBe(before.hash);
    // its own commune's accounts it still manages
    expect(
      (
        await send('PATCH', '/api/admin/accounts/planner.namtrung', communeAdmin, {
          display_name: 'Cán bộ quy hoạch xã',
        })
      ).statusCode,
    ).toBe(200);
  });

  it("does not read other communes' audit rows, filtered or not, nor anonymous ones; totals agree with the rows", async () => {
    const filtered = await auditRows(communeAdmin, `&unit=${OTHER}`);
    expect(filtered).toMatchObject({ total: 0, rows: [] });
    const all = await auditRows(communeAdmin);
    const mine = new Set(
      (await get('/api/admin/accounts', communeAdmin)).json().accounts.map((a: { username: string }) => a.username),
    );
    const stray = all.rows.filter(
      (r) => r.account === null || !mine.has(r.account) || r.units.some((u) => !NAM_TRUNG_SEES.has(u)),
    );
    expect(stray).toEqual([]);
    expect(all.total).toBe(all.rows.length);
    // the own commune's reads are there, with the district totals an official of it read
    expect(all.rows.some((r) => r.account === 'leader.namtrung' && r.units.includes(NAM_TRUNG))).toBe(true);
    expect(all.rows.some((r) => r.account === 'leader.namtrung' && r.units.includes(DISTRICT))).toBe(true);
    // a page says the same total as the whole list (rows that no request here adds)
    const leaderReads = await auditRows(communeAdmin, '&account=leader.namtrung&action=read');
    const page = await get('/api/admin/audit?limit=1&account=leader.namtrung&action=read', communeAdmin);
    expect(leaderReads.total).toBe(leaderReads.rows.length);
    expect(page.json()).toMatchObject({ total: leaderReads.total, rows: [leaderReads.rows[0]] });
    // the district admin sees the other commune's reads, the refusal of Nam Trung's leader, anonymous rows
    const district = await auditRows(districtAdmin, `&unit=${OTHER}`);
    expect(district.rows.some((r) => r.account === 'leader.other' && r.action === 'read')).toBe(true);
    expect(district.rows.some((r) => r.account === 'leader.namtrung' && r.action === 'denied')).toBe(true);
    const anonymous = (await auditRows(districtAdmin)).rows.filter(
      (r) => r.account === null || r.account === 'no.such.user',
    );
    expect(anonymous.map((r) => r.action).sort()).toEqual(expect.arrayContaining(['denied', 'login_failed']));
  });

  it("does not export other communes' audit rows as CSV", async () => {
    const csv = async (query: string) => {
      await ctx.audit.drain();
      const res = await get(`/api/admin/audit.csv${query}`, communeAdmin);
      expect(res.statusCode).toBe(200);
      return parseCsv(res.body.replace(/^\uFEFF/, '').replaceAll('\r\n', '\n'));
    };
    expect(await csv(`?unit=${OTHER}`)).toEqual([]);
    expect(await csv('?account=leader.other')).toEqual([]);
    const rows = await csv('');
    expect(rows.length).toBeGreaterThan(0);
    const accounts = new Set(rows.map((r) => r.account));
    for (const outside of ['', 'leader.other', 'admin.namsach', 'staff.namsach', 'no.such.user'])
      expect(accounts).not.toContain(outside);
    expect(rows.flatMap((r) => r.units.split(' ').filter(Boolean)).filter((u) => !NAM_TRUNG_SEES.has(u))).toEqual([]);
  });

  it('cannot delete a snapshot it may not open (404, as if missing); deletes its own; the district admin deletes any', async () => {
    const create = async (s: Signed, body: object) => {
      const res = await send('POST', '/api/snapshots', s, body);
      expect(res.statusCode).toBe(201);
      return res.json().id as string;
    };
    const other = await create(districtStaff, snapshotBody(OTHER));
    const ranking = await create(districtStaff, {
      title: 'Xếp hạng các xã',
      view: `/map?unit=${DISTRICT}`,
      panels: [
        {
          id: 'rank',
          title: 'Dân số theo xã',
          kind: 'indicator',
          request: { indicator: 'population', unit: DISTRICT, by: 'unit', from: '2022-12', to: '2022-12' },
        },
      ],
    });
    for (const id of [other, ranking]) {
      expect((await get(`/api/snapshots/${id}`, communeAdmin)).statusCode).toBe(403);
      const del = await send('DELETE', `/api/snapshots/${id}`, communeAdmin);
      const none = await send('DELETE', '/api/snapshots/no-such-snapshot-id', communeAdmin);
      expect(del.statusCode).toBe(404);
      expect(del.json().error).toBe(none.json().error);
      expect((await get(`/api/snapshots/${id}`, districtStaff)).statusCode).toBe(200);
    }
    // a snapshot of district totals opens for the commune admin, but deleting another's is an admin
    // power over the district, not over its commune
    const totals = await create(districtStaff, snapshotBody(DISTRICT));
    expect((await get(`/api/snapshots/${totals}`, communeAdmin)).statusCode).toBe(200);
    expect((await send('DELETE', `/api/snapshots/${totals}`, communeAdmin)).statusCode).toBe(403);
    expect((await get(`/api/snapshots/${totals}`, districtStaff)).statusCode).toBe(200);
    const own = await create(communeAdmin, snapshotBody(NAM_TRUNG));
    expect((await send('DELETE', `/api/snapshots/${own}`, communeAdmin)).statusCode).toBe(204);
    expect((await send('DELETE', `/api/snapshots/${other}`, districtAdmin)).statusCode).toBe(204);
    expect((await get(`/api/snapshots/${other}`, districtStaff)).statusCode).toBe(404);
  });
});

describe('password guessing (issue 12 B)', () => {
  it('the password change is rate-limited: after 5 wrong current passwords, 429 with Retry-After, even for the right one', async () => {
    const s = await signIn(app, ctx, { role: 'planner', unit: NAM_TRUNG, username: 'pw.changer' });
    const change = (current: string) =>
      send('POST', '/api/auth/password', s, { current, next: 'a-new-password-2026' }, '10.1.1.1');
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) statuses.push((await change(`wrong-current-${i}`)).statusCode);
    expect(statuses).toEqual([...Array(5).fill(400), ...Array(20).fill(429)]);
    const right = await change(TEST_PASSWORD);
    expect(right.statusCode).toBe(429);
    const wait = Number(right.headers['retry-after']);
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(15 * 60);
    expect(await verifyPassword(TEST_PASSWORD, ctx.auth.passwordHash('pw.changer')!)).toBe(true);
  });

  it('guesses spread over addresses lock the account after 10; an admin of its commune sees and lifts the lock, once audited each', async () => {
    await ensureAccount(ctx, 'target.leader', 'leader', NAM_TRUNG);
    const addresses = ['10.2.0.1', '10.2.0.2', '10.2.0.3', '10.2.0.4', '10.2.0.5', '10.2.0.6'];
    const statuses: number[] = [];
    for (const ip of addresses)
      for (let i = 0; i < 5; i++) statuses.push((await login('target.leader', `guess-${ip}-${i}`, ip)).statusCode);
    expect(statuses).toEqual([...Array(10).fill(401), ...Array(20).fill(429)]);
    const right = await login('target.leader', TEST_PASSWORD, '10.2.0.7');
    expect(right.statusCode).toBe(429);
    const wait = Number(right.headers['retry-after']);
    expect(wait).toBeGreaterThan(14 * 60);
    expect(wait).toBeLessThanOrEqual(15 * 60);
    expect(right.cookies.find((c) => c.name === 'ioc06_sid')).toBeUndefined();

    const locked = (await auditRows(districtAdmin, '&action=account_locked&account=target.leader')).rows;
    expect(locked).toHaveLength(1);
    expect(locked[0].units).toEqual([NAM_TRUNG]);

    const listed = async (s: Signed) =>
      (await get('/api/admin/accounts', s))
        .json()
        .accounts.find((a: { username: string }) => a.username === 'target.leader');
    const entry = await listed(communeAdmin);
    expect(Date.parse(entry.locked_until) - Date.now()).toBeGreaterThan(14 * 60_000);
    expect((await listed(communeAdmin)).locked_until).toBe(entry.locked_until);
    expect(
      (await get('/api/admin/accounts', communeAdmin))
        .json()
        .accounts.find((a: { username: string }) => a.username === 'leader.namtrung').locked_until,
    ).toBeNull();

    // an admin of another commune does not see it, nor lift it: 404 like a missing account
    const otherAdmin = await signIn(app, ctx, { role: 'admin', unit: OTHER, username: 'admin.other' });
    expect((await send('POST', '/api/admin/accounts/target.leader/unlock', otherAdmin)).statusCode).toBe(404);
    expect((await send('POST', '/api/admin/accounts/no.such.account/unlock', otherAdmin)).statusCode).toBe(404);
    expect((await login('target.leader', TEST_PASSWORD, '10.2.0.8')).statusCode).toBe(429);

    const unlock = await send('POST', '/api/admin/accounts/target.leader/unlock', communeAdmin);
    expect(unlock.statusCode).toBe(200);
    expect(unlock.json()).toMatchObject({ username: 'target.leader', locked_until: null });
    expect((await listed(communeAdmin)).locked_until).toBeNull();
    const lifted = (await auditRows(communeAdmin, '&action=account_unlock')).rows;
    expect(lifted.map((r) => [r.account, r.units])).toEqual([['admin.namtrung', [NAM_TRUNG]]]);
    expect(lifted[0].detail).toContain('target.leader');
    // the right password now signs in, from an address that guessed too
    expect((await login('target.leader', TEST_PASSWORD, addresses[0])).statusCode).toBe(200);
    expect((await auditRows(districtAdmin, '&action=account_locked&account=target.leader')).rows).toHaveLength(1);
  });

  it('wrong current passwords count toward the lock-out of the account', async () => {
    const s = await signIn(app, ctx, { role: 'planner', unit: NAM_TRUNG, username: 'pw.mixed' });
    for (const ip of ['10.3.0.1', '10.3.0.2'])
      for (let i = 0; i < 5; i++)
        expect(
          (await send('POST', '/api/auth/password', s, { current: `wrong-${i}`, next: 'a-new-password-2026' }, ip))
            .statusCode,
        ).toBe(400);
    expect((await login('pw.mixed', TEST_PASSWORD, '10.3.0.3')).statusCode).toBe(429);
    expect((await auditRows(communeAdmin, '&action=account_locked&account=pw.mixed')).rows).toHaveLength(1);
  });
});
