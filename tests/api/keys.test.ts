// API keys for other agencies' systems (issue 20): an admin makes a key within its own units (its token shown
// once, only the secret's SHA-256 stored); a wrong, expired or revoked key is 401; a key is 403 on every route
// that is not open to keys (admin, events, imports, exports), on a domain it lacks, with a method other than GET
// and from an address not allowed; it reads exactly its units (compared with a signed-in leader of the same
// commune, and nothing above it); its rate limit answers 429 with the Retry-After a hand count gives; its
// requests are in the audit log under its name, and neither the table nor the log ever holds its secret.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { openContext, type Context } from '../../server/context.ts';
import { buildDemoStore } from '../helpers/demo-store.ts';
import { signIn, type Signed } from '../helpers/auth.ts';

const NAM_TRUNG = '10633';
const OTHER = '10606';
const DISTRICT = '291';
/** requests per key per minute in this test's server */
const RATE = 12;

let app: FastifyInstance;
let ctx: Context;
let districtAdmin: Signed;
let communeAdmin: Signed;
let leader: Signed;
let serial = 0;

interface KeyBody {
  name?: string;
  agency?: string;
  units?: string[];
  domains?: string[];
  expires?: string;
  allowed?: string[];
}

/** Vietnam's day `days` from today, by hand (UTC+7, no daylight saving). */
const vnDay = (days = 0) => new Date(Date.now() + 7 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);

const sql = async (text: string) => (await ctx.pool.use((c) => c.runAndReadAll(text))).getRowObjectsJson();

async function createKey(body: KeyBody, admin: Signed = districtAdmin) {
  const res = await app.inject({
    method: 'POST',
    url: '/api/admin/keys',
    headers: admin.headers,
    payload: {
      name: `Hệ thống thử ${process.pid}-${++serial}`,
      agency: 'Sở Thông tin và Truyền thông',
      units: [NAM_TRUNG],
      domains: ['population'],
      expires: vnDay(30),
      ...body,
    },
  });
  return res;
}

async function newKey(body: KeyBody = {}): Promise<{ id: string; name: string; token: string; units: string[] }> {
  const res = await createKey(body);
  expect(res.statusCode, res.body).toBe(201);
  const { key, token } = res.json();
  return { id: key.id, name: key.name, token, units: key.units };
}

const withKey = (token: string, url: string, extra: Partial<InjectOptions> = {}) =>
  app.inject({
    method: 'GET',
    url,
    ...extra,
    headers: { authorization: `Bearer ${token}`, ...(extra.headers ?? {}) },
  });

const population = (unit: string) => `/api/indicators/population?unit=${unit}&by=month&from=2022-10&to=2022-12`;

/** The audit rows after `seq`, once the writes after the answers are in. */
async function auditSince(seq: number) {
  await new Promise((r) => setTimeout(r, 20));
  await ctx.audit.drain();
  return (await ctx.audit.query({ limit: 200 })).rows.filter((r) => r.seq > seq);
}
async function lastSeq(): Promise<number> {
  await ctx.audit.drain();
  return (await ctx.audit.query({ limit: 1 })).rows[0]?.seq ?? 0;
}

beforeAll(async () => {
  const { db } = await buildDemoStore(join('tests', '.tmp', 'api-keys'));
  ctx = await openContext(
    loadConfig({
      IOC_DB: db,
      IOC_DEMO: 'false',
      LOG_LEVEL: 'silent',
      IOC_KEY_RATE: String(RATE),
      IOC_SESSION_HOURS: '720',
    }),
  );
  app = await buildApp(ctx, { logger: false });
  districtAdmin = await signIn(app, ctx, { role: 'admin', unit: DISTRICT, username: 'keys.district.admin' });
  communeAdmin = await signIn(app, ctx, { role: 'admin', unit: NAM_TRUNG, username: 'keys.commune.admin' });
  leader = await signIn(app, ctx, { role: 'leader', unit: NAM_TRUNG, username: 'keys.leader' });
}, 180_000);

afterAll(async () => {
  vi.useRealTimers();
  await app?.close();
  await ctx?.close();
});

describe('making keys', () => {
  it('shows the token once, in the shape ioc06_<id>_<secret>; the list never holds it', async () => {
    const res = await createKey({ domains: ['population', 'targets'], allowed: ['10.0.0.0/8', '::1'] });
    expect(res.statusCode).toBe(201);
    const { key, token } = res.json();
    expect(token).toMatch(new RegExp(`^ioc06_${key.id}_[0-9a-f]{64}$`));
    expect(key).toMatchObject({
      units: [NAM_TRUNG],
      domains: ['population', 'targets'],
      allowed: ['10.0.0.0/8', '::1'],
      created_by: 'keys.district.admin',
      revoked_at: null,
      state: 'active',
    });
    const list = await app.inject({ method: 'GET', url: '/api/admin/keys', headers: districtAdmin.headers });
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(key.id);
    expect(list.body).not.toContain(token.split('_')[2]);
  });

  it("stores only the secret's SHA-256: the secret is in no column of api_keys and in no audit row", async () => {
    const k = await newKey();
    const secret = k.token.split('_')[2];
    expect((await withKey(k.token, population(NAM_TRUNG))).statusCode).toBe(200);
    // the token with its last digit changed
    const other = `${k.token.slice(0, -1)}${k.token.endsWith('0') ? '1' : '0'}`;
    expect((await withKey(other, population(NAM_TRUNG))).statusCode).toBe(401);
    await ctx.audit.drain();
    const rows = await sql(`SELECT * FROM api_keys WHERE id = '${k.id}'`);
    expect(rows).toHaveLength(1);
    const text = JSON.stringify(rows);
    expect(text).not.toContain(secret);
    expect(text).not.toContain(secret.slice(0, 16));
    expect(rows[0].secret_hash).toBe(createHash('sha256').update(secret).digest('hex'));
    const log = JSON.stringify(await sql('SELECT * FROM audit_log'));
    expect(log).not.toContain(secret.slice(0, 16));
    expect(log).toContain(`key:${k.name}`);
  });

  it("gives only units within the admin's own scope; refuses unknown units, bad addresses, days and fields", async () => {
    // a commune admin: its own commune yes, the sibling and the district above no
    expect((await createKey({ units: [NAM_TRUNG] }, communeAdmin)).statusCode).toBe(201);
    expect((await createKey({ units: [OTHER] }, communeAdmin)).statusCode).toBe(403);
    expect((await createKey({ units: [DISTRICT] }, communeAdmin)).statusCode).toBe(403);
    expect((await createKey({ units: [NAM_TRUNG, OTHER] }, communeAdmin)).statusCode).toBe(403);
    // the district admin: the district and any commune in it
    expect((await createKey({ units: [DISTRICT] })).statusCode).toBe(201);
    for (const body of [
      { units: ['99999'] },
      { units: [] },
      { domains: [] },
      { domains: ['accounts'] },
      { expires: vnDay(-1) },
      { expires: '2026-02-30' },
      { expires: vnDay(4 * 366) },
      { allowed: ['10.0.0.0/33'] },
      { allowed: ['example.org'] },
      { allowed: ['10.0.0.1/8/1'] },
      { name: '   ' },
      { secret: 'chosen' } as KeyBody,
    ])
      expect((await createKey(body)).statusCode, JSON.stringify(body)).toBe(400);
    const named = await newKey();
    expect((await createKey({ name: named.name })).statusCode).toBe(409);
    expect((await createKey({ name: named.name.toUpperCase() })).statusCode).toBe(409);
    // a leader is no admin; a key is no admin either
    expect((await createKey({}, leader)).statusCode).toBe(403);
  });

  it("lists and revokes only the keys of the admin's units (another one answers as missing)", async () => {
    const district = await newKey({ units: [DISTRICT] });
    const mine = await newKey({ units: [NAM_TRUNG] });
    const listed = async (s: Signed) =>
      (await app.inject({ method: 'GET', url: '/api/admin/keys', headers: s.headers }))
        .json()
        .keys.map((k: { id: string }) => k.id);
    expect(await listed(communeAdmin)).toContain(mine.id);
    expect(await listed(communeAdmin)).not.toContain(district.id);
    expect(await listed(districtAdmin)).toEqual(expect.arrayContaining([mine.id, district.id]));
    const revoke = (s: Signed, id: string) =>
      app.inject({ method: 'POST', url: `/api/admin/keys/${id}/revoke`, headers: s.headers });
    expect((await revoke(communeAdmin, district.id)).statusCode).toBe(404);
    expect((await revoke(communeAdmin, 'ffffffffffff')).statusCode).toBe(404);
    expect((await withKey(district.token, population(DISTRICT))).statusCode).toBe(200);
    const done = await revoke(communeAdmin, mine.id);
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ state: 'revoked', revoked_by: 'keys.commune.admin' });
    expect((await revoke(communeAdmin, mine.id)).statusCode).toBe(409);
    // without the CSRF token a revoke is refused
    const noCsrf = await app.inject({
      method: 'POST',
      url: `/api/admin/keys/${district.id}/revoke`,
      headers: { cookie: districtAdmin.cookie },
    });
    expect(noCsrf.statusCode).toBe(403);
    expect((await withKey(district.token, population(DISTRICT))).statusCode).toBe(200);
  });
});

describe('401: a key that does not work', () => {
  it('a wrong secret, an unknown id, a malformed or empty token', async () => {
    const k = await newKey();
    const [, id, secret] = k.token.split('_');
    const wrong = [
      `ioc06_${id}_${'0'.repeat(64)}`,
      `ioc06_${'0'.repeat(12)}_${secret}`,
      `ioc06_${id}_${secret.slice(1)}`,
      `ioc06_${id}_${secret.toUpperCase()}`,
      secret,
      '',
    ];
    for (const t of wrong) {
      const res = await withKey(t, population(NAM_TRUNG));
      expect(res.statusCode, t).toBe(401);
      expect(res.json().error).toBe('key_invalid');
      expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
    }
    expect((await withKey(k.token, population(NAM_TRUNG))).statusCode).toBe(200);
  });

  it('a wrong key is 401 even beside a valid session cookie (the key decides, not the cookie)', async () => {
    const res = await app.inject({
      method: 'GET',
      url: population(NAM_TRUNG),
      headers: { ...leader.headers, authorization: 'Bearer ioc06_000000000000_' + '0'.repeat(64) },
    });
    expect(res.statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: population(NAM_TRUNG), headers: leader.headers })).statusCode).toBe(
      200,
    );
  });

  it('a key works through the last second of its expiry day in Vietnam and is 401 from midnight', async () => {
    const day = vnDay(2);
    const k = await newKey({ expires: day });
    // midnight after `day` in Vietnam is 17:00 UTC on `day`
    const midnight = Date.parse(`${day}T17:00:00Z`);
    vi.useFakeTimers({ toFake: ['Date'], now: midnight - 1000 });
    try {
      expect((await withKey(k.token, population(NAM_TRUNG))).statusCode).toBe(200);
      vi.setSystemTime(midnight);
      const res = await withKey(k.token, population(NAM_TRUNG));
      expect(res.statusCode).toBe(401);
      expect(res.json().error).toBe('key_expired');
      const listed = await app.inject({ method: 'GET', url: '/api/admin/keys', headers: districtAdmin.headers });
      expect(listed.json().keys.find((x: { id: string }) => x.id === k.id).state).toBe('expired');
    } finally {
      vi.useRealTimers();
    }
  });

  it('a revoked key is 401 from the next request on, and the table says who revoked it', async () => {
    const k = await newKey();
    expect((await withKey(k.token, population(NAM_TRUNG))).statusCode).toBe(200);
    const res = await app.inject({
      method: 'POST',
      url: `/api/admin/keys/${k.id}/revoke`,
      headers: districtAdmin.headers,
    });
    expect(res.statusCode).toBe(200);
    const after = await withKey(k.token, population(NAM_TRUNG));
    expect(after.statusCode).toBe(401);
    expect(after.json().error).toBe('key_revoked');
    const [row] = await sql(`SELECT revoked_at IS NOT NULL AS revoked, revoked_by FROM api_keys WHERE id = '${k.id}'`);
    expect(row).toEqual({ revoked: true, revoked_by: 'keys.district.admin' });
  });
});

describe('403: where a key may not go', () => {
  it('admin, import, events, export, snapshot and brief routes, and every method but GET', async () => {
    const k = await newKey({ domains: ['population', 'procedures', 'targets', 'index'] });
    const closed: [string, string, unknown?][] = [
      ['GET', '/api/admin/accounts'],
      ['GET', '/api/admin/keys'],
      [
        'POST',
        '/api/admin/keys',
        { name: 'x', agency: 'y', units: [NAM_TRUNG], domains: ['index'], expires: vnDay(9) },
      ],
      ['GET', '/api/admin/audit?limit=5'],
      ['GET', '/api/admin/imports'],
      ['POST', '/api/events', []],
      ['GET', `/api/export/indicator.csv?indicator=births&unit=${NAM_TRUNG}&by=month`],
      ['GET', '/api/snapshots'],
      ['GET', `/api/briefs?unit=${NAM_TRUNG}`],
      ['GET', `/api/overview?unit=${NAM_TRUNG}&boundaries=false`],
      ['GET', '/api/indicators'],
      ['POST', '/api/auth/password', { current: 'a', next: 'b' }],
    ];
    for (const [method, url, payload] of closed) {
      const res = await withKey(k.token, url, {
        method: method as 'GET',
        ...(payload === undefined ? {} : { payload: payload as object }),
      });
      expect(res.statusCode, `${method} ${url}`).toBe(403);
      expect(res.json().error, `${method} ${url}`).toBe('key_forbidden');
    }
    // an open route, but not with POST or DELETE
    for (const method of ['POST', 'DELETE', 'PUT'] as const) {
      const res = await withKey(k.token, population(NAM_TRUNG), { method });
      expect([403, 404], method).toContain(res.statusCode);
      expect(res.statusCode === 404 || res.json().error === 'key_forbidden').toBe(true);
    }
  }, 30_000);

  it('from an address outside its list (IPv4 ranges, IPv4 mapped into IPv6, IPv6)', async () => {
    const k = await newKey({ allowed: ['10.1.2.0/24', '2001:db8::/32'] });
    const from = (remoteAddress: string) => withKey(k.token, population(NAM_TRUNG), { remoteAddress });
    expect((await from('10.1.2.7')).statusCode).toBe(200);
    expect((await from('::ffff:10.1.2.200')).statusCode).toBe(200);
    expect((await from('2001:db8:1::5')).statusCode).toBe(200);
    for (const a of ['10.1.3.7', '127.0.0.1', '::1', '2001:db9::1']) {
      const res = await from(a);
      expect(res.statusCode, a).toBe(403);
      expect(res.json().message).toContain(a);
    }
  });
});

describe('a key reads exactly its units and domains', () => {
  it('one commune, population only: its rows are what a leader of the commune reads; nothing above or beside it', async () => {
    const k = await newKey({ units: [NAM_TRUNG], domains: ['population'] });
    const units = await withKey(k.token, '/api/units');
    expect(units.statusCode).toBe(200);
    const ids: string[] = [];
    const walk = (n: { unit_id: string; children: unknown[] }) => {
      ids.push(n.unit_id);
      for (const c of n.children) walk(c as typeof n);
    };
    for (const n of units.json().units) walk(n);
    expect(ids).toEqual([NAM_TRUNG]);
    const mine = await withKey(k.token, population(NAM_TRUNG));
    const theirs = await app.inject({ method: 'GET', url: population(NAM_TRUNG), headers: leader.headers });
    expect(mine.statusCode).toBe(200);
    expect(mine.json().rows).toEqual(theirs.json().rows);
    expect(mine.json().rows.length).toBe(3);
    // the leader sees the district's total for comparison; the key does not, nor the sibling commune
    expect((await app.inject({ method: 'GET', url: population(DISTRICT), headers: leader.headers })).statusCode).toBe(
      200,
    );
    expect((await withKey(k.token, population(DISTRICT))).statusCode).toBe(403);
    expect((await withKey(k.token, population(OTHER))).statusCode).toBe(403);
    expect((await withKey(k.token, `/api/population/pyramid?unit=${NAM_TRUNG}&month=2022-12`)).statusCode).toBe(200);
    // other domains: procedures (and the catalogue indicators), targets, the 766 index
    for (const url of [
      `/api/indicators/dossiers_received?unit=${NAM_TRUNG}&by=month&from=2022-10&to=2022-12`,
      `/api/indicators/pct_forms_standardized?unit=${NAM_TRUNG}&by=month&from=2022-10&to=2022-12`,
      `/api/indicators/milestone_eid_portal_connected?unit=${NAM_TRUNG}&by=month&from=2022-10&to=2022-12`,
      `/api/indicators/index766_1_1?unit=${NAM_TRUNG}&by=month&from=2022-10&to=2022-12`,
      `/api/targets?unit=${NAM_TRUNG}`,
      `/api/index766?unit=${NAM_TRUNG}&period=2022-Q4&by=unit`,
    ]) {
      const res = await withKey(k.token, url);
      expect(res.statusCode, url).toBe(403);
      expect(res.json().error).toBe('key_forbidden');
    }
    // an indicator that does not exist: the route's own 404
    expect((await withKey(k.token, `/api/indicators/no_such_thing?unit=${NAM_TRUNG}`)).statusCode).toBe(404);
  });

  it('each domain opens its own routes', async () => {
    const q = `unit=${NAM_TRUNG}&by=month&from=2022-10&to=2022-12`;
    const cases: [string, string][] = [
      ['procedures', `/api/indicators/dossiers_received?${q}`],
      ['procedures', `/api/indicators/pct_forms_standardized?${q}`],
      ['targets', `/api/indicators/milestone_eid_portal_connected?${q}`],
      ['targets', `/api/targets?unit=${NAM_TRUNG}`],
      ['index', `/api/indicators/index766_1_1?${q}`],
      ['index', `/api/index766?unit=${NAM_TRUNG}&period=2022-Q4&by=unit`],
    ];
    const keys = new Map<string, string>();
    for (const d of ['procedures', 'targets', 'index']) keys.set(d, (await newKey({ domains: [d] })).token);
    for (const [domain, url] of cases) {
      for (const [d, token] of keys) {
        const res = await withKey(token, url);
        expect(res.statusCode, `${d} key: ${url} ${res.body.slice(0, 120)}`).toBe(d === domain ? 200 : 403);
      }
    }
  });

  it('a key of two communes reads both, and not the district; a key of the district reads it all', async () => {
    const two = await newKey({ units: [NAM_TRUNG, OTHER] });
    expect((await withKey(two.token, population(NAM_TRUNG))).statusCode).toBe(200);
    expect((await withKey(two.token, population(OTHER))).statusCode).toBe(200);
    expect((await withKey(two.token, population(DISTRICT))).statusCode).toBe(403);
    const district = await newKey({ units: [DISTRICT] });
    const all = await withKey(district.token, `/api/indicators/population?unit=${DISTRICT}&by=unit&from=2022-12`);
    expect(all.statusCode).toBe(200);
    const communes = await sql(`SELECT count(*)::INTEGER AS n FROM units WHERE parent_id = '${DISTRICT}' AND is_base`);
    expect(new Set(all.json().rows.map((r: { unit: string }) => r.unit)).size).toBe(communes[0].n);
  });

  it('a public route ignores the key (even a wrong one); sign-in routes treat it as anonymous', async () => {
    expect((await withKey('nonsense', '/api/health')).statusCode).toBe(200);
    expect((await withKey('nonsense', '/api/auth/me')).statusCode).toBe(401);
  });
});

describe('rate limit', () => {
  it(`allows ${RATE} requests a minute per key, then 429 with the Retry-After a hand count gives`, async () => {
    const k = await newKey();
    const other = await newKey();
    const mark = await lastSeq();
    const start = Date.parse('2026-12-01T03:00:00Z');
    vi.useFakeTimers({ toFake: ['Date'], now: start });
    try {
      for (let i = 0; i < RATE; i++) {
        vi.setSystemTime(start + i * 1000); // one a second: the first at 0 s, the last at RATE-1 s
        expect((await withKey(k.token, population(NAM_TRUNG))).statusCode, `request ${i + 1}`).toBe(200);
      }
      vi.setSystemTime(start + 20_000);
      const refused = await withKey(k.token, population(NAM_TRUNG));
      expect(refused.statusCode).toBe(429);
      // the first request (at 0 s) leaves the minute at 60 s: 40 s from 20 s
      expect(refused.headers['retry-after']).toBe('40');
      expect(refused.json().error).toBe('key_rate_limited');
      // another key is not held back
      expect((await withKey(other.token, population(NAM_TRUNG))).statusCode).toBe(200);
      vi.setSystemTime(start + 59_500);
      expect((await withKey(k.token, population(NAM_TRUNG))).headers['retry-after']).toBe('1');
      vi.setSystemTime(start + 60_001);
      expect((await withKey(k.token, population(NAM_TRUNG))).statusCode).toBe(200);
      // the second request (at 1 s) has not left yet: full again
      expect((await withKey(k.token, population(NAM_TRUNG))).statusCode).toBe(429);
    } finally {
      vi.useRealTimers();
    }
    // three refusals within a minute of the first: one audit row, not three (a flood does not fill the log)
    const logged = (await auditSince(mark)).filter((r) => r.account === `key:${k.name}` && r.status === 429);
    expect(logged.map((r) => r.action)).toEqual(['refused']);
  });
});

describe('the audit log', () => {
  it("records a key's reads and refusals under key:<name>, with its units; a wrong key under no one", async () => {
    const k = await newKey({ units: [NAM_TRUNG], domains: ['population'] });
    const mark = await lastSeq();
    await withKey(k.token, population(NAM_TRUNG));
    await withKey(k.token, `/api/targets?unit=${NAM_TRUNG}`);
    await withKey(k.token, '/api/admin/accounts');
    await withKey('ioc06_000000000000_' + 'f'.repeat(64), population(NAM_TRUNG));
    const rows = await auditSince(mark);
    const own = rows.filter((r) => r.account === `key:${k.name}`);
    expect(own.map((r) => [r.action, r.role, r.route, r.status])).toEqual(
      expect.arrayContaining([
        ['read', 'key', '/api/indicators/:id', 200],
        ['denied', 'key', '/api/targets', 403],
        ['denied', 'key', '/api/admin/accounts', 403],
      ]),
    );
    expect(own.find((r) => r.action === 'read')!.units).toEqual([NAM_TRUNG]);
    expect(rows.some((r) => r.action === 'denied' && r.status === 401 && r.account === null)).toBe(true);
  });

  it('records making and revoking a key (by the admin, with its units), and the admin can filter by the key', async () => {
    const mark = await lastSeq();
    const k = await newKey({ units: [OTHER], domains: ['targets', 'index'] });
    await app.inject({ method: 'POST', url: `/api/admin/keys/${k.id}/revoke`, headers: districtAdmin.headers });
    const rows = await auditSince(mark);
    const made = rows.find((r) => r.action === 'key_create');
    const revoked = rows.find((r) => r.action === 'key_revoke');
    expect(made).toMatchObject({ account: 'keys.district.admin', units: [OTHER] });
    expect(made!.detail).toContain(k.name);
    expect(made!.detail).toContain('targets, index');
    expect(revoked).toMatchObject({ account: 'keys.district.admin', units: [OTHER] });
    expect(JSON.stringify(rows)).not.toContain(k.token.split('_')[2].slice(0, 16));
    // the commune admin of NAM_TRUNG sees its own key's rows in the audit screen, not another commune's key
    const mine = await newKey({ units: [NAM_TRUNG] });
    await withKey(mine.token, population(NAM_TRUNG));
    await ctx.audit.drain();
    const audit = async (account: string) =>
      (
        await app.inject({
          method: 'GET',
          url: `/api/admin/audit?account=${encodeURIComponent(account)}&limit=20`,
          headers: communeAdmin.headers,
        })
      ).json().rows as { account: string }[];
    expect((await audit(`key:${mine.name}`)).length).toBeGreaterThan(0);
    const twoCommunes = await newKey({ units: [NAM_TRUNG, OTHER] });
    await withKey(twoCommunes.token, population(OTHER));
    await ctx.audit.drain();
    expect(await audit(`key:${twoCommunes.name}`)).toEqual([]);
  });

  it("notes the key's last use", async () => {
    const k = await newKey();
    const before = Date.now() - 1000;
    await withKey(k.token, population(NAM_TRUNG));
    const listed = await app.inject({ method: 'GET', url: '/api/admin/keys', headers: districtAdmin.headers });
    const key = listed.json().keys.find((x: { id: string }) => x.id === k.id);
    expect(Date.parse(key.last_used_at)).toBeGreaterThanOrEqual(before);
  });
});
