// Direction and follow-up (issue 21), through the API: roles (a leader issues; an office's staff steps only its own
// office's directives; a planner reads; an admin edits tasks), scope (a commune never sees another commune's
// directive, task or comment in a list, by id or in the live feed; the district sees its communes'), the value at
// issue against the value now (both checked against /api/indicators, and after POST /api/events moved the value),
// overdue judged on Vietnam's day (a clock set around midnight UTC+7), the 400s of bad input, CSRF, the audit log
// and nothing ever deleted. Offices and tasks are written into the imported tables by tests/helpers/work.ts.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { openContext, type Context } from '../../server/context.ts';
import { scopeOfUnit } from '../../server/auth/scope.ts';
import { followUp, workService } from '../../server/work/service.ts';
import type { Comment, Directive, Task, TasksAnswer } from '../../server/contracts/work.ts';
import { buildDemoStore } from '../helpers/demo-store.ts';
import { signIn, type Signed } from '../helpers/auth.ts';
import { readLive, type LiveMessage } from '../helpers/live-stream.ts';
import { birthEvent } from '../helpers/route-samples.ts';
import { ensureOffices, ensureTask, type TestOffice } from '../helpers/work.ts';

const NT = '10633';
const OTHER = '10606';
const DISTRICT = '291';
const CONG_AN: TestOffice = { office_id: `${NT}.cong-an`, unit_id: NT, name: 'Công an xã' };
const MOT_CUA: TestOffice = { office_id: `${NT}.mot-cua`, unit_id: NT, name: 'Bộ phận một cửa' };
const OTHER_VP: TestOffice = { office_id: `${OTHER}.van-phong`, unit_id: OTHER, name: 'Văn phòng HĐND-UBND thị trấn' };
const DISTRICT_CA: TestOffice = { office_id: `${DISTRICT}.cong-an`, unit_id: DISTRICT, name: 'Công an huyện' };
const INDICATOR = 'births';
const DAY = 86_400_000;

let app: FastifyInstance;
let ctx: Context;
let base = '';
let leader: Signed; // leader of Nam Trung
let leaderOther: Signed; // leader of the sibling commune
let leaderDistrict: Signed;
let congan: Signed; // staff, member of Nam Trung's police
let motcua: Signed; // staff, member of Nam Trung's one-stop shop
let otherStaff: Signed; // staff of the sibling commune's office
let planner: Signed; // the district's planner
let admin: Signed; // the district's admin
let communeAdmin: Signed; // Nam Trung's admin
let serial = 0;

/** Vietnam's day `days` from the real now, by hand (UTC+7). */
const vnDay = (days = 0) => new Date(Date.now() + 7 * 3_600_000 + days * DAY).toISOString().slice(0, 10);

const call = (s: Signed | null, opts: InjectOptions) =>
  app.inject({ ...opts, headers: { ...(s?.headers ?? {}), ...(opts.headers ?? {}) } });
const get = (s: Signed, url: string) => call(s, { method: 'GET', url });
const post = (s: Signed, url: string, payload: object) => call(s, { method: 'POST', url, payload });
const patch = (s: Signed, url: string, payload: object) => call(s, { method: 'PATCH', url, payload });

function directiveBody(extra: Record<string, unknown> = {}) {
  return {
    office_id: CONG_AN.office_id,
    unit_id: NT,
    indicator: INDICATOR,
    source: 'chart',
    title: `Đẩy nhanh đăng ký khai sinh ${++serial}`,
    detail: 'Rà soát các trường hợp sinh chưa đăng ký; a < b là văn bản thường.',
    due: vnDay(30),
    expected: 'Tăng số đăng ký khai sinh',
    expected_value: 50,
    ...extra,
  };
}

async function issue(extra: Record<string, unknown> = {}, by: Signed = leader): Promise<Directive> {
  const res = await post(by, '/api/directives', directiveBody(extra));
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

const step = (s: Signed, id: number, body: object) => post(s, `/api/directives/${id}/updates`, body);

/** The last month with a value (or withheld) of an indicator for a unit, from /api/indicators, by hand. */
async function publishedLatest(indicator: string, unit: string) {
  const res = await get(leader, `/api/indicators/${indicator}?unit=${unit}&by=month&from=2022-01&to=2022-12`);
  expect(res.statusCode).toBe(200);
  const rows = res.json().rows as { period: string; value: number | null; suppressed: boolean }[];
  const last = rows.filter((r) => r.value !== null || r.suppressed).at(-1)!;
  return { value: last.suppressed ? null : last.value, month: last.period.slice(0, 7), suppressed: last.suppressed };
}

async function lastSeq(): Promise<number> {
  await ctx.audit.drain();
  return (await ctx.audit.query({ limit: 1 })).rows[0]?.seq ?? 0;
}
async function auditSince(seq: number) {
  await new Promise((r) => setTimeout(r, 20));
  await ctx.audit.drain();
  return (await ctx.audit.query({ limit: 200 })).rows.filter((r) => r.seq > seq);
}
const sql = async (text: string) => (await ctx.pool.use((c) => c.runAndReadAll(text))).getRowObjectsJson();

beforeAll(async () => {
  const { db } = await buildDemoStore(join('tests', '.tmp', 'api-work'));
  ctx = await openContext(loadConfig({ IOC_DB: db, IOC_DEMO: 'false', LOG_LEVEL: 'silent', IOC_MAX_LAG_MS: '60000' }));
  app = await buildApp(ctx, { logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  leader = await signIn(app, ctx, { role: 'leader', unit: NT, username: 'w.leader.nt' });
  leaderOther = await signIn(app, ctx, { role: 'leader', unit: OTHER, username: 'w.leader.other' });
  leaderDistrict = await signIn(app, ctx, { role: 'leader', unit: DISTRICT, username: 'w.leader.district' });
  congan = await signIn(app, ctx, { role: 'staff', unit: NT, username: 'w.congan' });
  motcua = await signIn(app, ctx, { role: 'staff', unit: NT, username: 'w.motcua' });
  otherStaff = await signIn(app, ctx, { role: 'staff', unit: OTHER, username: 'w.other.staff' });
  planner = await signIn(app, ctx, { role: 'planner', unit: DISTRICT, username: 'w.planner' });
  admin = await signIn(app, ctx, { role: 'admin', unit: DISTRICT, username: 'w.admin' });
  communeAdmin = await signIn(app, ctx, { role: 'admin', unit: NT, username: 'w.admin.nt' });
  await ensureOffices(
    ctx,
    [CONG_AN, MOT_CUA, OTHER_VP, DISTRICT_CA],
    [
      ['w.congan', CONG_AN.office_id],
      ['w.motcua', MOT_CUA.office_id],
      ['w.other.staff', OTHER_VP.office_id],
    ],
  );
}, 180_000);

afterAll(async () => {
  await app?.close();
  await ctx?.close();
});

describe('offices', () => {
  it("lists the offices an account may address: a commune's own, the district's for the district", async () => {
    const ids = async (s: Signed, unit?: string) => {
      const res = await get(s, `/api/offices${unit ? `?unit=${unit}` : ''}`);
      expect(res.statusCode, res.body).toBe(200);
      return (res.json().offices as { id: string }[]).map((o) => o.id);
    };
    const mine = await ids(leader);
    expect(mine).toEqual(expect.arrayContaining([CONG_AN.office_id, MOT_CUA.office_id]));
    expect(mine.filter((id) => !id.startsWith(`${NT}.`))).toEqual([]);
    const district = await ids(leaderDistrict, NT);
    expect(district).toEqual(expect.arrayContaining([CONG_AN.office_id, DISTRICT_CA.office_id]));
    expect(district).not.toContain(OTHER_VP.office_id);
    expect(await ids(leaderDistrict, DISTRICT)).toEqual(
      expect.arrayContaining([OTHER_VP.office_id, CONG_AN.office_id]),
    );
    expect((await get(leader, `/api/offices?unit=${OTHER}`)).statusCode).toBe(403);
    expect((await get(leader, `/api/offices?unit=${DISTRICT}`)).statusCode).toBe(403);
    expect((await get(leader, '/api/offices?unit=99999')).statusCode).toBe(404);
    const one = (await get(leader, '/api/offices'))
      .json()
      .offices.find((o: { id: string }) => o.id === CONG_AN.office_id);
    expect(one).toMatchObject({ unit_id: NT, name: 'Công an xã', accounts: expect.arrayContaining(['w.congan']) });
  });
});

describe('directives: roles and steps', () => {
  it('a leader issues; a planner, staff and an admin may not (403 saying why)', async () => {
    const d = await issue();
    expect(d).toMatchObject({
      unit_id: NT,
      office_id: CONG_AN.office_id,
      office_name: 'Công an xã',
      status: 'issued',
      issued_by: 'w.leader.nt',
      overdue: false,
      indicator: INDICATOR,
      source: 'chart',
    });
    expect(d.updates.map((u) => u.action)).toEqual(['issue']);
    expect(d.actions).toEqual(['withdraw']);
    for (const s of [planner, congan, admin, communeAdmin]) {
      const res = await post(s, '/api/directives', directiveBody());
      expect(res.statusCode, s.username).toBe(403);
      expect(res.json().message).toMatch(/lãnh đạo/);
    }
    const en = await call(planner, {
      method: 'POST',
      url: '/api/directives',
      payload: directiveBody(),
      headers: { 'accept-language': 'en' },
    });
    expect(en.json().message).toMatch(/Only a leader/);
  });

  it('the office acknowledges, progresses and marks done; another office gets 403; the leader accepts or reopens', async () => {
    const d = await issue();
    const seen = (await get(congan, `/api/directives?unit=${NT}`))
      .json()
      .directives.find((x: Directive) => x.id === d.id);
    expect(seen.actions).toEqual(['acknowledge', 'progress', 'done']);
    const other = await step(motcua, d.id, { action: 'acknowledge' });
    expect(other.statusCode).toBe(403);
    expect(other.json().message).toContain('Công an xã');
    expect((await step(otherStaff, d.id, { action: 'acknowledge' })).statusCode).toBe(404);
    expect((await step(leader, d.id, { action: 'acknowledge' })).statusCode).toBe(403);
    expect((await step(leader, d.id, { action: 'accept' })).statusCode).toBe(409);
    let r = await step(congan, d.id, { action: 'acknowledge' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().status).toBe('acknowledged');
    expect((await step(congan, d.id, { action: 'acknowledge' })).statusCode).toBe(409);
    expect((await step(congan, d.id, { action: 'progress' })).statusCode).toBe(400);
    r = await step(congan, d.id, { action: 'progress', note: 'Đã rà soát 3 thôn', progress: 40 });
    expect(r.json()).toMatchObject({ status: 'in_progress', progress: 40 });
    r = await step(congan, d.id, { action: 'done', note: 'Xong' });
    expect(r.json()).toMatchObject({ status: 'done', progress: 100, overdue: false });
    expect((await step(planner, d.id, { action: 'accept' })).statusCode).toBe(403);
    expect((await step(leader, d.id, { action: 'reopen' })).statusCode).toBe(400);
    r = await step(leader, d.id, { action: 'reopen', note: 'Còn thiếu thôn Đông' });
    expect(r.json().status).toBe('reopened');
    expect((await step(congan, d.id, { action: 'done' })).json().status).toBe('done');
    r = await step(leader, d.id, { action: 'accept', note: 'Tốt' });
    expect(r.statusCode).toBe(200);
    const final: Directive = r.json();
    expect(final.status).toBe('accepted');
    expect(final.actions).toEqual([]);
    expect(final.updates.map((u) => [u.action, u.by])).toEqual([
      ['issue', 'w.leader.nt'],
      ['acknowledge', 'w.congan'],
      ['progress', 'w.congan'],
      ['done', 'w.congan'],
      ['reopen', 'w.leader.nt'],
      ['done', 'w.congan'],
      ['accept', 'w.leader.nt'],
    ]);
    expect(final.updates[4].note).toBe('Còn thiếu thôn Đông');
    expect((await step(congan, d.id, { action: 'progress', note: 'thêm' })).statusCode).toBe(409);
    expect((await step(leader, d.id, { action: 'withdraw', note: 'x' })).statusCode).toBe(409);
  });

  it('withdraws with a reason and keeps the directive (nothing is deleted)', async () => {
    const d = await issue();
    expect((await step(leader, d.id, { action: 'withdraw' })).statusCode).toBe(400);
    const r = await step(leader, d.id, { action: 'withdraw', note: 'Giao nhầm cơ quan' });
    expect(r.json()).toMatchObject({ status: 'withdrawn', overdue: false });
    const rows = await sql(`SELECT status FROM directives WHERE id = ${d.id}`);
    expect(rows).toEqual([{ status: 'withdrawn' }]);
    const list = (await get(leader, `/api/directives?unit=${NT}`)).json().directives as Directive[];
    expect(list.find((x) => x.id === d.id)?.status).toBe('withdrawn');
    const open = (await get(leader, `/api/directives?unit=${NT}&open=true`)).json().directives as Directive[];
    expect(open.find((x) => x.id === d.id)).toBeUndefined();
    expect((await step(congan, d.id, { action: 'acknowledge' })).statusCode).toBe(409);
  });

  it('writes an audit row for each write, with the unit', async () => {
    const mark = await lastSeq();
    const d = await issue();
    await step(congan, d.id, { action: 'acknowledge' });
    const rows = await auditSince(mark);
    const create = rows.find((r) => r.action === 'directive_create');
    expect(create).toMatchObject({ account: 'w.leader.nt', units: [NT], route: '/api/directives' });
    expect(create?.detail).toContain(String(d.id));
    expect(rows.find((r) => r.action === 'directive_update')).toMatchObject({ account: 'w.congan', units: [NT] });
  });

  it('refuses a write without the CSRF token (403), and an API-less anonymous call (401)', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/directives',
      headers: { cookie: leader.cookie },
      payload: directiveBody(),
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toBeTruthy();
    expect((await app.inject({ method: 'GET', url: '/api/directives' })).statusCode).toBe(401);
    const before = await sql('SELECT count(*)::INTEGER AS n FROM directives');
    await app.inject({ method: 'POST', url: '/api/comments', headers: { cookie: leader.cookie }, payload: {} });
    expect(await sql('SELECT count(*)::INTEGER AS n FROM directives')).toEqual(before);
  });
});

describe('bad input: 400 naming the problem', () => {
  it.each([
    ['unknown office', { office_id: `${NT}.no-such` }, /no-such/],
    ['due in the past', { due: vnDay(-1) }, /đã qua/],
    ['a day that does not exist', { due: '2027-02-30' }, /2027-02-30/],
    ['markup in the title', { title: 'Xem <b>ngay</b>' }, /Tiêu đề.*văn bản thường/],
    ['a closing tag in the detail', { detail: 'abc </script>' }, /Nội dung/],
    ['a comment tag in the expected effect', { expected: '<!-- x -->' }, /Kết quả mong đợi/],
    ['a blank title', { title: '   ' }, /Tiêu đề/],
    ['too long a title', { title: 'x'.repeat(201) }, /200|title/],
    ['too long a detail', { detail: 'đ'.repeat(2001) }, /2000|detail/],
    ['unknown indicator', { indicator: 'no_such_indicator' }, /no_such_indicator/],
    ['unknown target', { target_id: 'Z99' }, /Z99/],
    ['unknown task', { task_id: `${NT}.T999x` }, /T999x/],
    ['unknown comment', { comment_id: 999999 }, /999999/],
    ['unknown unit', { unit_id: '99999' }, /99999/],
    ['a bad view key', { view: 'screen=map&unit=10633&evil=1' }, /evil/],
    ['an office of no related unit', { office_id: OTHER_VP.office_id, unit_id: NT }, /.+/],
    ['an extra field', { secret: 1 }, /.+/],
  ])('%s', async (_, extra, message) => {
    const body = directiveBody(extra);
    const by = (extra as { office_id?: string }).office_id === OTHER_VP.office_id ? leaderDistrict : leader;
    const res = await post(by, '/api/directives', body);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().message).toMatch(message);
  });

  it('403 for a unit or an office outside the scope', async () => {
    expect((await post(leader, '/api/directives', directiveBody({ unit_id: OTHER }))).statusCode).toBe(403);
    expect((await post(leader, '/api/directives', directiveBody({ unit_id: DISTRICT }))).statusCode).toBe(403);
    // the view it was issued from must be one the leader reads too
    const view = await post(leader, '/api/directives', directiveBody({ view: `screen=map&unit=${OTHER}` }));
    expect(view.statusCode).toBe(403);
    const office = await post(leaderOther, '/api/directives', directiveBody({ unit_id: OTHER }));
    expect(office.statusCode).toBe(403);
    expect(office.json().message).toContain('Công an xã');
  });

  it('keeps plain text with "<" that is not markup, as written', async () => {
    const d = await issue({ title: 'Tỷ lệ < 50 % phải tăng', detail: '3 <5 và 4 > 2' });
    expect(d.title).toBe('Tỷ lệ < 50 % phải tăng');
    expect(d.detail).toBe('3 <5 và 4 > 2');
  });
});

describe('scope', () => {
  it("a commune never sees another commune's directive; the district sees both", async () => {
    const mine = await issue();
    const theirs = await issue(
      { office_id: OTHER_VP.office_id, unit_id: OTHER, title: 'Việc riêng của thị trấn' },
      leaderOther,
    );
    const own = await get(leaderOther, '/api/directives');
    expect(own.statusCode).toBe(200);
    expect(own.body).not.toContain(mine.title);
    expect(own.json().directives.map((d: Directive) => d.unit_id)).not.toContain(NT);
    expect(own.body).toContain(theirs.title);
    expect((await get(leaderOther, `/api/directives?unit=${NT}`)).statusCode).toBe(403);
    expect((await get(leaderOther, `/api/directives?unit=${DISTRICT}`)).statusCode).toBe(403);
    expect((await get(leader, `/api/directives?unit=${OTHER}`)).statusCode).toBe(403);
    for (const action of ['accept', 'withdraw', 'acknowledge'])
      expect((await step(leaderOther, mine.id, { action, note: 'x' })).statusCode).toBe(404);
    const ntList = await get(leader, '/api/directives');
    expect(ntList.body).not.toContain(theirs.title);
    const district = (await get(leaderDistrict, `/api/directives?unit=${DISTRICT}`)).json().directives as Directive[];
    expect(district.map((d) => d.id)).toEqual(expect.arrayContaining([mine.id, theirs.id]));
    const dNt = (await get(leaderDistrict, `/api/directives?unit=${NT}`)).json().directives as Directive[];
    expect(dNt.map((d) => d.id)).toContain(mine.id);
    expect(dNt.map((d) => d.id)).not.toContain(theirs.id);
    // the district's leader may accept or withdraw a commune's directive
    expect(district.find((d) => d.id === mine.id)?.actions).toEqual(['withdraw']);
  });

  it('sends a directive to the live streams of those who read its unit, and to no other commune', async () => {
    let opened = 0;
    let ready!: () => void;
    const both = new Promise<void>((r) => (ready = r));
    const onOpen = () => ++opened === 2 && ready();
    const works = (ms: LiveMessage[]) =>
      ms.filter((m) => m.event === 'changes').flatMap((m) => (JSON.parse(m.data).work ?? []) as { id: string }[]);
    const ids = { a: '', b: '', c: '' };
    const ntStream = readLive(base, leader.headers, (ms) => works(ms).some((w) => w.id === ids.b), 15_000, onOpen);
    const otherStream = readLive(
      base,
      leaderOther.headers,
      (ms) => works(ms).some((w) => w.id === ids.c),
      15_000,
      onOpen,
    );
    await Promise.race([both, ntStream, otherStream]);
    const body = { office_id: OTHER_VP.office_id, unit_id: OTHER };
    ids.a = String((await issue(body, leaderOther)).id);
    ids.b = String((await issue()).id);
    ids.c = String((await issue(body, leaderOther)).id);
    const [nt, other] = await Promise.all([ntStream, otherStream]);
    expect(works(nt).map((w) => w.id)).not.toContain(ids.a);
    expect(works(other).map((w) => w.id)).not.toContain(ids.b);
    expect(works(other).map((w) => w.id)).toContain(ids.a);
    const b = works(nt).find((w) => w.id === ids.b);
    expect(b).toMatchObject({
      kind: 'directive',
      unit: NT,
      status: 'issued',
      previous_status: null,
      office_id: CONG_AN.office_id,
    });
    for (const m of other) expect(m.data).not.toContain(`"unit":"${NT}"`);
    // reconnecting after the first message, the sibling commune's stream is replayed its own work only
    const first = other.find((m) => m.event === 'changes' && works([m]).some((w) => w.id === ids.a))!;
    const replay = await readLive(base, { ...leaderOther.headers, 'last-event-id': first.id }, (ms) =>
      works(ms).some((w) => w.id === ids.c),
    );
    expect(works(replay).map((w) => w.id)).not.toContain(ids.b);
    expect(works(replay).map((w) => w.id)).toContain(ids.c);
  });
});

describe('directive lists', () => {
  it('filters by office, status, open, overdue, mine, indicator and target; an unknown filter value is a 400', async () => {
    const [t] = await sql(`SELECT target_id FROM targets WHERE indicator = 'pct_citizens_with_personal_id' LIMIT 1`);
    const a = await issue({ office_id: MOT_CUA.office_id });
    const b = await issue({ indicator: undefined, target_id: t.target_id, source: 'target' });
    await step(motcua, a.id, { action: 'acknowledge' });
    const ids = async (s: Signed, q: string) => {
      const res = await get(s, `/api/directives?unit=${NT}&${q}`);
      expect(res.statusCode, res.body).toBe(200);
      return (res.json().directives as Directive[]).map((d) => d.id);
    };
    const all = (await get(leader, `/api/directives?unit=${NT}`)).json().directives as Directive[];
    const byHand = (f: (d: Directive) => boolean) => all.filter(f).map((d) => d.id);
    expect(await ids(leader, `office=${MOT_CUA.office_id}`)).toEqual(byHand((d) => d.office_id === MOT_CUA.office_id));
    expect(await ids(leader, 'status=acknowledged')).toEqual(byHand((d) => d.status === 'acknowledged'));
    expect(await ids(leader, 'status=acknowledged')).toContain(a.id);
    expect(await ids(leader, 'open=true')).toEqual(byHand((d) => !['accepted', 'withdrawn'].includes(d.status)));
    expect(await ids(leader, 'overdue=false')).toEqual(byHand((d) => !d.overdue));
    expect(await ids(leader, `target=${String(t.target_id)}`)).toEqual(byHand((d) => d.target_id === t.target_id));
    expect(await ids(leader, `target=${String(t.target_id)}`)).toContain(b.id);
    expect(await ids(leader, `indicator=${INDICATOR}`)).toEqual(byHand((d) => d.indicator === INDICATOR));
    // mine: issued by the account, or to its office
    const mine = await ids(motcua, 'mine=true');
    expect(mine).toContain(a.id);
    expect(mine).not.toContain(b.id);
    expect(await ids(leader, 'mine=true')).toEqual(byHand((d) => d.issued_by === 'w.leader.nt'));
    for (const q of ['office=nope', 'indicator=nope', 'target=Z99', 'status=lost', 'colour=red'])
      expect((await get(leader, `/api/directives?unit=${NT}&${q}`)).statusCode, q).toBe(400);
    expect((await get(leader, '/api/directives?unit=99999')).statusCode).toBe(404);
  });
});

describe('value at issue and value now', () => {
  it('keeps the published value when issued, and shows the value now after new events', async () => {
    const expected = await publishedLatest(INDICATOR, NT);
    const d = await issue();
    expect(d.value_at_issue).toEqual(expected);
    expect(d.value_now).toEqual(expected);
    expect(d.measure).toBe(ctx.registry.indicators.get(INDICATOR)!.meta.unit);
    // twenty births in Nam Trung in the data's last month: the published count moves
    const events = Array.from({ length: 20 }, (_, i) => birthEvent(`work-birth-${process.pid}-${i}`, NT));
    const res = await post(admin, '/api/events', events);
    expect(res.statusCode, res.body).toBe(200);
    await app.live.hub.idle();
    const now = await publishedLatest(INDICATOR, NT);
    expect(now.month).toBe(expected.month);
    expect(now.value).not.toBe(expected.value);
    const again = (await get(leader, `/api/directives?unit=${NT}`))
      .json()
      .directives.find((x: Directive) => x.id === d.id);
    expect(again.value_at_issue).toEqual(expected);
    expect(again.value_now).toEqual(now);
    // a directive issued now keeps the new value
    expect((await issue()).value_at_issue).toEqual(now);
  });

  it('takes the indicator of a target when only the target is given; none without either', async () => {
    const [t] = await sql(
      `SELECT target_id, indicator FROM targets WHERE indicator = 'pct_citizens_with_personal_id' LIMIT 1`,
    );
    const d = await issue({ indicator: undefined, target_id: t.target_id, source: 'target' });
    expect(d.indicator).toBe(t.indicator);
    expect(d.value_at_issue).toEqual(await publishedLatest(String(t.indicator), NT));
    const none = await issue({ indicator: undefined, source: 'map' });
    expect(none.indicator).toBeNull();
    expect(none.value_at_issue).toBeNull();
    expect(none.value_now).toBeNull();
  });
});

describe("overdue, on Vietnam's day", () => {
  it('a due date of today is not overdue until midnight in Vietnam (17:00 UTC)', async () => {
    const work = workService(ctx);
    const due = '2027-03-10';
    const at = (iso: string) => () => Date.parse(iso);
    try {
      // 23:30 UTC the day before = 06:30 on the 10th in Vietnam: the 9th is already past there
      work.now = at('2027-03-09T23:30:00Z');
      const past = await post(leader, '/api/directives', directiveBody({ due: '2027-03-09' }));
      expect(past.statusCode).toBe(400);
      expect(past.json().message).toContain('2027-03-10');
      const d = await issue({ due });
      expect(d.overdue).toBe(false);
      // 16:30 UTC on the 9th = 23:30 on the 9th in Vietnam: the 9th may still be chosen
      work.now = at('2027-03-09T16:30:00Z');
      expect((await post(leader, '/api/directives', directiveBody({ due: '2027-03-09' }))).statusCode).toBe(201);
      const overdue = async () =>
        ((await get(leader, `/api/directives?unit=${NT}`)).json().directives as Directive[]).find((x) => x.id === d.id)!
          .overdue;
      work.now = at('2027-03-10T16:59:59Z'); // 23:59:59 on the 10th in Vietnam
      expect(await overdue()).toBe(false);
      work.now = at('2027-03-10T17:00:00Z'); // 00:00 on the 11th in Vietnam
      expect(await overdue()).toBe(true);
      const list = (await get(leader, `/api/directives?unit=${NT}&overdue=true`)).json();
      expect(list.today).toBe('2027-03-11');
      expect(list.directives.map((x: Directive) => x.id)).toContain(d.id);
      // done is not overdue
      await step(congan, d.id, { action: 'done' });
      expect(await overdue()).toBe(false);
    } finally {
      work.now = () => Date.now();
    }
  });

  it("a task is overdue the day after its deadline in Vietnam; without one, its targets' earliest deadline", async () => {
    const work = workService(ctx);
    const [t1, t2] = await sql(
      `SELECT target_id, deadline::VARCHAR AS deadline FROM targets ORDER BY deadline DESC LIMIT 2`,
    );
    await ensureTask(ctx, { unit_id: NT, task_id: 'WOD1', lead: [CONG_AN], deadline: '2027-05-31' });
    await ensureTask(ctx, {
      unit_id: NT,
      task_id: 'WOD2',
      lead: [CONG_AN],
      targets: [String(t1.target_id), String(t2.target_id)],
    });
    const task = async (id: string) =>
      (await get(leader, `/api/tasks?unit=${NT}`)).json<TasksAnswer>().tasks.find((t) => t.id === id)!;
    try {
      work.now = () => Date.parse('2027-05-31T16:59:00Z');
      expect(await task(`${NT}.WOD1`)).toMatchObject({
        deadline: '2027-05-31',
        deadline_from: 'task',
        status: 'not_started',
      });
      work.now = () => Date.parse('2027-05-31T17:00:00Z');
      expect((await task(`${NT}.WOD1`)).status).toBe('overdue');
      const earliest = [String(t1.deadline), String(t2.deadline)].sort()[0];
      const two = await task(`${NT}.WOD2`);
      expect(two).toMatchObject({ deadline: earliest, deadline_from: 'targets' });
      const before = new Date(Date.parse(`${earliest}T16:59:00Z`));
      work.now = () => before.getTime();
      expect((await task(`${NT}.WOD2`)).status).toBe('not_started');
      work.now = () => before.getTime() + 60_000;
      expect((await task(`${NT}.WOD2`)).status).toBe('overdue');
    } finally {
      work.now = () => Date.now();
    }
  });
});

describe('tasks', () => {
  let targetId = '';
  beforeAll(async () => {
    const [t] = await sql(`SELECT target_id FROM targets WHERE indicator = 'pct_citizens_with_personal_id' LIMIT 1`);
    targetId = String(t.target_id);
    await ensureTask(ctx, {
      unit_id: NT,
      task_id: 'WT1',
      lead: [CONG_AN],
      partners: [MOT_CUA, 'các đơn vị liên quan'],
      targets: [targetId],
      deadline: '2099-12-31',
    });
    await ensureTask(ctx, { unit_id: OTHER, task_id: 'WT9', lead: [OTHER_VP], title_vi: 'Nhiệm vụ riêng thị trấn' });
  });

  it('lists tasks with their offices and targets, the targets with their status as /api/targets gives it', async () => {
    const res = await get(leader, `/api/tasks?unit=${NT}`);
    expect(res.statusCode).toBe(200);
    const answer: TasksAnswer = res.json();
    const t = answer.tasks.find((x) => x.id === `${NT}.WT1`)!;
    expect(t.lead).toEqual([{ office_id: CONG_AN.office_id, name: 'Công an xã' }]);
    expect(t.partners).toEqual([
      { office_id: MOT_CUA.office_id, name: 'Bộ phận một cửa' },
      { office_id: null, name: 'các đơn vị liên quan' },
    ]);
    const targets = (await get(leader, `/api/targets?unit=${NT}`)).json().targets as {
      target_id: string;
      status: string;
      value: number | null;
    }[];
    const want = targets.find((x) => x.target_id === targetId)!;
    expect(t.targets[0]).toMatchObject({ target_id: targetId, status: want.status, value: want.value });
    expect(t).toMatchObject({
      status: 'not_started',
      can_update: false,
      can_edit: false,
      can_note: true, // a leader may note
      deadline: '2099-12-31',
    });
    // the flags follow the PATCH rules below: a partner office notes only, a planner nothing
    const asPartner = (await get(motcua, `/api/tasks?unit=${NT}`)).json<TasksAnswer>();
    expect(asPartner.tasks.find((x) => x.id === `${NT}.WT1`)).toMatchObject({ can_update: false, can_note: true });
    const asPlanner = (await get(planner, `/api/tasks?unit=${NT}`)).json<TasksAnswer>();
    expect(asPlanner.tasks.find((x) => x.id === `${NT}.WT1`)).toMatchObject({ can_update: false, can_note: false });
    expect(answer.tasks.some((x) => x.unit_id === OTHER)).toBe(false);
    expect(res.body).not.toContain('Nhiệm vụ riêng thị trấn');
    const counted = { not_started: 0, in_progress: 0, done: 0, overdue: 0 };
    for (const x of answer.tasks) counted[x.status]++;
    expect(answer.counts).toEqual(counted);
    expect(answer.today).toBe(vnDay());
    // "behind": only targets at risk or missed, and only offices that lead a task serving them
    for (const b of answer.behind) {
      expect(['at_risk', 'missed']).toContain(b.status);
      expect(targets.find((x) => x.target_id === b.target_id)?.status).toBe(b.status);
    }
    const mine: TasksAnswer = (await get(congan, `/api/tasks?mine=true`)).json();
    expect(mine.my_office).toBe(CONG_AN.office_id);
    expect(mine.tasks.find((x) => x.id === `${NT}.WT1`)?.can_update).toBe(true);
    expect(mine.tasks.every((x) => [...x.lead, ...x.partners].some((o) => o.office_id === CONG_AN.office_id))).toBe(
      true,
    );
    expect((await get(leaderOther, `/api/tasks?unit=${NT}`)).statusCode).toBe(403);
    const theirs: TasksAnswer = (await get(leaderOther, '/api/tasks')).json();
    expect(theirs.tasks.map((x) => x.id)).toContain(`${OTHER}.WT9`);
    expect(theirs.tasks.some((x) => x.unit_id === NT)).toBe(false);
  });

  it('the lead office sets status and progress; a partner only notes; a planner nothing; an admin edits with a reason', async () => {
    const url = `/api/tasks/${NT}.WT1`;
    let r = await patch(congan, url, { status: 'in_progress', progress: 30, note: 'Đã bắt đầu' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ status: 'in_progress', progress: 30 });
    expect((await patch(motcua, url, { status: 'done' })).statusCode).toBe(403);
    expect((await patch(motcua, url, { note: 'Một cửa đã phối hợp' })).statusCode).toBe(200);
    expect((await patch(leader, url, { note: 'Lãnh đạo lưu ý' })).statusCode).toBe(200);
    expect((await patch(planner, url, { note: 'x' })).statusCode).toBe(403);
    expect((await patch(leader, url, { status: 'done' })).statusCode).toBe(403);
    expect((await patch(congan, url, { title_vi: 'Đổi tên' })).statusCode).toBe(403);
    expect((await patch(leaderOther, url, { note: 'x' })).statusCode).toBe(404);
    expect((await patch(congan, url, {})).statusCode).toBe(400);
    expect((await patch(congan, url, { note: '<img src=x>' })).statusCode).toBe(400);
    expect((await patch(admin, url, { title_vi: 'Tên mới' })).statusCode).toBe(400);
    expect((await patch(admin, url, { lead: ['nope.office'], reason: 'sửa' })).statusCode).toBe(400);
    expect((await patch(admin, url, { deadline: vnDay(-3), reason: 'sửa' })).statusCode).toBe(400);
    const mark = await lastSeq();
    r = await patch(admin, url, {
      title_vi: 'Tên mới của nhiệm vụ',
      lead: [MOT_CUA.office_id, DISTRICT_CA.office_id],
      reason: 'Phân công lại',
    });
    expect(r.statusCode, r.body).toBe(200);
    const t: Task = r.json();
    expect(t.title_vi).toBe('Tên mới của nhiệm vụ');
    expect(t.lead.map((o) => o.office_id)).toEqual([MOT_CUA.office_id, DISTRICT_CA.office_id]);
    expect(t.status).toBe('in_progress'); // progress survives an edit
    expect(t.updates.map((u) => u.action)).toEqual(['status', 'progress', 'progress', 'edit']);
    const [edit] = await sql(
      `SELECT old_values, new_values, note FROM task_updates WHERE task_id = 'WT1' AND action = 'edit'`,
    );
    expect(JSON.parse(String(edit.old_values)).title_vi).toBe('Nhiệm vụ thử WT1');
    expect(JSON.parse(String(edit.new_values)).title_vi).toBe('Tên mới của nhiệm vụ');
    expect(edit.note).toBe('Phân công lại');
    const [row] = await sql(`SELECT title_vi, lead FROM tasks WHERE unit_id = '${NT}' AND task_id = 'WT1'`);
    expect(row).toEqual({ title_vi: 'Tên mới của nhiệm vụ', lead: 'Bộ phận một cửa; Công an huyện' });
    // the lead is now the one-stop shop: the police may no longer set the status
    expect((await patch(congan, url, { status: 'done' })).statusCode).toBe(403);
    r = await patch(motcua, url, { status: 'done' });
    expect(r.json().status).toBe('done');
    const rows = await auditSince(mark);
    const updates = rows.filter((x) => x.action === 'task_update').sort((a, b) => a.seq - b.seq);
    expect(updates.map((x) => x.account)).toEqual(['w.admin', 'w.motcua']);
  });

  it('an admin adds a task to a unit it administers (201), not elsewhere (403), not twice (409)', async () => {
    const body = {
      unit_id: NT,
      task_id: `WN${process.pid % 1000}`,
      section: 'III.7.a',
      title_vi: 'Nhiệm vụ mới',
      lead: [CONG_AN.office_id],
      targets: [targetId],
    };
    const mark = await lastSeq();
    const r = await post(communeAdmin, '/api/tasks', body);
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({
      id: `${NT}.${body.task_id}`,
      // its target (D01) was due on 2022-12-31: the task is overdue from the start
      status: 'overdue',
      deadline_from: 'targets',
      can_edit: true,
      can_update: true,
    });
    expect((await auditSince(mark)).some((x) => x.action === 'task_create' && x.units.includes(NT))).toBe(true);
    expect((await post(communeAdmin, '/api/tasks', body)).statusCode).toBe(409);
    expect(
      (await post(communeAdmin, '/api/tasks', { ...body, unit_id: OTHER, lead: [OTHER_VP.office_id] })).statusCode,
    ).toBe(403);
    expect((await post(leader, '/api/tasks', { ...body, task_id: 'WX1' })).statusCode).toBe(403);
    expect(
      (await post(communeAdmin, '/api/tasks', { ...body, task_id: 'WX2', lead: [OTHER_VP.office_id] })).statusCode,
    ).toBe(400);
    expect((await post(communeAdmin, '/api/tasks', { ...body, task_id: 'WX3', targets: ['Z99'] })).statusCode).toBe(
      400,
    );
    expect(
      (await post(communeAdmin, '/api/tasks', { ...body, task_id: 'WX4', section: "' OR 1=1 --" })).statusCode,
    ).toBe(400);
    expect(
      (await post(communeAdmin, '/api/tasks', { ...body, task_id: 'WX5', title_vi: '<script>x</script>' })).statusCode,
    ).toBe(400);
  });

  it('sends a task status change to the live feed', async () => {
    await ensureTask(ctx, { unit_id: NT, task_id: 'WL1', lead: [CONG_AN] });
    let opened!: () => void;
    const open = new Promise<void>((r) => (opened = r));
    const stream = readLive(
      base,
      leaderDistrict.headers,
      (ms) => ms.some((m) => m.event === 'changes' && m.data.includes(`"${NT}.WL1"`)),
      15_000,
      opened,
    );
    await Promise.race([open, stream]);
    expect((await patch(congan, `/api/tasks/${NT}.WL1`, { status: 'in_progress' })).statusCode).toBe(200);
    const got = await stream;
    const work = got.flatMap((m) => (m.event === 'changes' ? JSON.parse(m.data).work : []));
    expect(work.find((w: { id: string }) => w.id === `${NT}.WL1`)).toMatchObject({
      kind: 'task',
      status: 'in_progress',
      previous_status: 'not_started',
      office_id: CONG_AN.office_id,
    });
  });
});

describe('comments', () => {
  const view = `screen=map&unit=${NT}&indicator=${INDICATOR}&from=2022-01&to=2022-12&sex=F`;

  it('keeps a comment on the canonical view key, found from any spelling of it', async () => {
    const r = await post(leader, '/api/comments', {
      view,
      text: 'Số khai sinh tháng 12 thấp',
      mentions: ['w.congan', MOT_CUA.office_id],
    });
    expect(r.statusCode, r.body).toBe(201);
    const c: Comment = r.json();
    expect(c.view).toBe(
      `screen=map&unit=${NT}&indicator=${INDICATOR}&from=2022-01&to=2022-12&sex=F`.replace(
        'screen=map&unit',
        'screen=map&unit',
      ),
    );
    expect(c).toMatchObject({
      screen: 'map',
      unit_id: NT,
      indicator: INDICATOR,
      period: '2022-01…2022-12',
      author: 'w.leader.nt',
      withdrawn: null,
    });
    expect(c.mentions).toEqual([
      { kind: 'account', id: 'w.congan', name: 'w.congan' },
      { kind: 'office', id: MOT_CUA.office_id, name: 'Bộ phận một cửa' },
    ]);
    const other = `?sex=F&to=2022-12&from=2022-01&indicator=${INDICATOR}&unit=${NT}&screen=map`;
    const list = await get(congan, `/api/comments?view=${encodeURIComponent(other)}`);
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().view).toBe(c.view);
    expect(list.json().comments.map((x: Comment) => x.id)).toContain(c.id);
    const byUnit = (await get(leaderDistrict, `/api/comments?unit=${DISTRICT}`)).json().comments as Comment[];
    expect(byUnit.map((x) => x.id)).toContain(c.id);
  });

  it('refuses markup, blank and long text, unknown mentions and view keys (400), other units (403)', async () => {
    const cases: [object, RegExp][] = [
      [{ view, text: '<a href=x>bấm</a>' }, /Bình luận/],
      [{ view, text: '   ' }, /Bình luận/],
      [{ view, text: 'x'.repeat(2001) }, /2000|text/],
      [{ view, text: 'ok', mentions: ['no.such.account'] }, /no\.such\.account/],
      [{ view, text: 'ok', mentions: [OTHER_VP.office_id] }, new RegExp(OTHER_VP.office_id.replace('.', '\\.'))],
      [{ view, text: 'ok', mentions: ['w.other.staff'] }, /w\.other\.staff/],
      [{ view: `screen=map&unit=${NT}&colour=red`, text: 'ok' }, /colour/],
      [{ view: `screen=map&indicator=births`, text: 'ok' }, /unit/],
      [{ view: `unit=${NT}`, text: 'ok' }, /screen/],
      [{ view: `screen=map&unit=${NT}&sex=X`, text: 'ok' }, /sex/],
      [{ view: `screen=map&unit=${NT}&unit=${OTHER}`, text: 'ok' }, /unit/],
      [{ view: `screen=map&unit=${NT}&indicator=nope`, text: 'ok' }, /nope/],
      [{ view: `screen=map&unit=${NT}&from=2022-13`, text: 'ok' }, /from/],
    ];
    for (const [body, message] of cases) {
      const r = await post(leader, '/api/comments', body);
      expect(r.statusCode, JSON.stringify(body)).toBe(400);
      expect(r.json().message).toMatch(message);
    }
    expect((await post(leader, '/api/comments', { view: `screen=map&unit=${OTHER}`, text: 'ok' })).statusCode).toBe(
      403,
    );
    expect((await get(leader, `/api/comments?view=${encodeURIComponent(`screen=map&unit=${OTHER}`)}`)).statusCode).toBe(
      403,
    );
    expect((await get(leader, `/api/comments?unit=${OTHER}`)).statusCode).toBe(403);
    expect((await get(leader, `/api/comments?view=${encodeURIComponent('screen=map&unit=1&x=2')}`)).statusCode).toBe(
      400,
    );
  });

  it("a commune never reads another's comments; a planner may comment; withdrawing keeps the comment", async () => {
    const secret = `Bình luận riêng ${process.pid}`;
    const c: Comment = (
      await post(leader, '/api/comments', { view: `screen=overview&unit=${NT}`, text: secret })
    ).json();
    const pl: Comment = (
      await post(planner, '/api/comments', { view: `screen=overview&unit=${NT}`, text: 'Ý kiến quy hoạch' })
    ).json();
    expect(pl.author).toBe('w.planner');
    const otherList = await get(leaderOther, '/api/comments');
    expect(otherList.statusCode).toBe(200);
    expect(otherList.body).not.toContain(secret);
    expect((await post(leaderOther, `/api/comments/${c.id}/withdraw`, { reason: 'x' })).statusCode).toBe(404);
    expect((await post(motcua, `/api/comments/${c.id}/withdraw`, { reason: 'x' })).statusCode).toBe(403);
    const mark = await lastSeq();
    const w = await post(leader, `/api/comments/${c.id}/withdraw`, { reason: 'Viết nhầm' });
    expect(w.statusCode, w.body).toBe(200);
    expect(w.json().withdrawn).toMatchObject({ by: 'w.leader.nt', reason: 'Viết nhầm' });
    expect((await post(leader, `/api/comments/${c.id}/withdraw`, { reason: 'lần nữa' })).statusCode).toBe(409);
    const rows = await sql(`SELECT text, withdrawn_reason FROM comments WHERE id = ${c.id}`);
    expect(rows).toEqual([{ text: secret, withdrawn_reason: 'Viết nhầm' }]);
    const audit = await auditSince(mark);
    expect(audit.find((r) => r.action === 'comment_withdraw')).toMatchObject({ account: 'w.leader.nt', units: [NT] });
  });

  it('a comment becomes a directive (once)', async () => {
    const c: Comment = (
      await post(leader, '/api/comments', { view: `screen=targets&unit=${NT}`, text: 'Cần giao việc' })
    ).json();
    const d = await issue({ comment_id: c.id, source: 'comment', view: `unit=${NT}&screen=targets` });
    expect(d.comment_id).toBe(c.id);
    expect(d.view).toBe(`screen=targets&unit=${NT}`);
    const again = (await get(leader, `/api/comments?view=${encodeURIComponent(`screen=targets&unit=${NT}`)}`)).json();
    expect(again.comments.find((x: Comment) => x.id === c.id).directive_id).toBe(d.id);
    expect((await post(leader, '/api/directives', directiveBody({ comment_id: c.id }))).statusCode).toBe(409);
  });
});

describe('followUp (for the brief and snapshots)', () => {
  it('counts what is overdue today and what was issued and done in the period, for the unit only', async () => {
    const work = workService(ctx);
    const today = vnDay();
    const answer = await followUp(ctx, scopeOfUnit(ctx.units, NT), NT, { from: today, to: today });
    const rows = (await sql(`SELECT id, unit_id, status, due, issued_at FROM directives WHERE unit_id = '${NT}'`)) as {
      id: number;
      status: string;
      due: string;
      issued_at: string;
    }[];
    const overdue = rows.filter((d) => !['accepted', 'withdrawn', 'done'].includes(d.status) && d.due < today);
    expect(answer.counts.overdue_directives).toBe(overdue.length);
    expect(answer.overdue_directives.map((d) => d.id).sort()).toEqual(overdue.map((d) => d.id).sort());
    expect(answer.counts.open_directives).toBe(
      rows.filter((d) => !['accepted', 'withdrawn'].includes(d.status)).length,
    );
    const vn = (iso: string) => new Date(Date.parse(iso) + 7 * 3_600_000).toISOString().slice(0, 10);
    expect(answer.counts.issued).toBe(rows.filter((d) => vn(d.issued_at) === today).length);
    const done = (await sql(
      `SELECT u.directive_id, u.made_at AS "at" FROM directive_updates u JOIN directives d ON d.id = u.directive_id
       WHERE d.unit_id = '${NT}' AND u.action IN ('done', 'accept')`,
    )) as { directive_id: number; at: string }[];
    expect(answer.counts.done).toBe(new Set(done.filter((u) => vn(u.at) === today).map((u) => u.directive_id)).size);
    expect(answer.counts.done).toBeGreaterThan(0);
    expect(answer.overdue_tasks.every((t) => t.status === 'overdue' && t.unit_id === NT)).toBe(true);
    expect(answer.overdue_directives.every((d) => d.unit_id === NT && d.actions.length === 0)).toBe(true);
    // the sibling commune's follow-up holds none of Nam Trung's
    const other = await followUp(ctx, scopeOfUnit(ctx.units, OTHER), OTHER, { from: today, to: today });
    expect(JSON.stringify(other)).not.toContain(`"unit_id":"${NT}"`);
    await expect(followUp(ctx, scopeOfUnit(ctx.units, OTHER), NT, { from: today, to: today })).rejects.toThrow();
    expect(work.today()).toBe(today);
  });
});
