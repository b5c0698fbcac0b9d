// Fuzzing every route of the app's route table (as an administrator of the district, so that requests
// get past sign-in and scope) and the importer: malformed JSON, wrong types, huge and negative numbers,
// SQL injection, invalid UTF-8, empty bodies and wrong content types. A request is answered 4xx with
// {statusCode, error, message}, never 5xx; a value its schema refuses is never accepted; SQL text is
// only ever accepted as free text; and nothing of a rejected request or a rejected import is stored.
// Seeded (FUZZ_SEED) so that a failure can be replayed.
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance, InjectOptions } from 'fastify';
import type { DuckDBConnection } from '@duckdb/node-api';
import { Value } from '@sinclair/typebox/value';
import type { TSchema } from '@sinclair/typebox';
import { buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { openContext, type Context } from '../../server/context.ts';
import { importFolder } from '../../data/pipeline/import/index.ts';
import { importEventFiles } from '../../data/pipeline/events/files.ts';
import { COLUMNS, type Kind } from '../../data/pipeline/import/columns.ts';
import { buildDemoStore } from '../helpers/demo-store.ts';
import { ensureAccount, signIn, type Signed } from '../helpers/auth.ts';
import {
  PROJECTION,
  ROUTE_SAMPLES,
  coveredRoutes,
  fillUrl,
  queryString,
  snapshotBody,
  type SampleEnv,
  type SampleRequest,
} from '../helpers/route-samples.ts';

const SEED = Number(process.env.FUZZ_SEED ?? 20260330);
const DIR = join('tests', '.tmp', 'api-fuzz');
const SQL = [
  "' OR 1=1 --",
  '"; DROP TABLE audit_log; --',
  "10633') UNION SELECT username, password_hash FROM accounts --",
  '1; DELETE FROM pop_month; --',
  "%' AND 1=0 UNION ALL SELECT NULL --",
];
const TEXTS = [
  ...SQL,
  '',
  ' ',
  'x'.repeat(5000),
  '1e308',
  '-1',
  '-1e308',
  'NaN',
  'Infinity',
  '9'.repeat(400),
  '0x10',
  '../../../../etc/passwd',
  '<script>alert(1)</script>',
  '\u0000',
  'null',
  'true',
  '[]',
  '{}',
  '2022-13',
  '2022-02-30',
  '291\r\nx-injected: 1',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 Xã Nam Trung',
];
/** Put in URLs as they are: invalid UTF-8 (%C3%28, a lone surrogate), a lone or broken escape, NUL. */
const RAW_URL = ['%C3%28', '%FF%FE', '%ED%A0%80', '%', '%zz', '%00'];
const JSON_VALUES: unknown[] = [
  ...TEXTS,
  1e308,
  -1e308,
  -1,
  0,
  1.5,
  2 ** 53 + 1,
  null,
  true,
  [],
  {},
  [[[]]],
  { $gt: '' },
];
/**
 * Fields where any text is a legitimate value (names, titles, passwords, filters on the audit log, an
 * app path): SQL text there is data, answered 2xx and stored verbatim. Everywhere else it is refused.
 */
const FREE_TEXT = new Set([
  'POST /api/admin/accounts body.display_name',
  // an API key's system and agency: names, stored as given (parameters, never SQL text)
  'POST /api/admin/keys body.name',
  'POST /api/admin/keys body.agency',
  'PATCH /api/admin/accounts/:username body.display_name',
  'POST /api/admin/accounts/:username/password body.password',
  'GET /api/admin/audit query.account',
  'GET /api/admin/audit query.route',
  'GET /api/admin/audit query.unit',
  'GET /api/admin/audit.csv query.account',
  'GET /api/admin/audit.csv query.route',
  'GET /api/admin/audit.csv query.unit',
  'POST /api/auth/password body.next',
  'POST /api/snapshots body.title',
  'POST /api/snapshots body.panels.0.id',
  'POST /api/snapshots body.view',
  'POST /api/snapshots body.panels.0.title',
  // direction and follow-up (issue 21): titles, notes, comments and reasons people write (plain text, markup refused)
  'POST /api/tasks body.title_vi',
  'POST /api/tasks body.title_en',
  'POST /api/tasks body.notes',
  'PATCH /api/tasks/:id body.note',
  'PATCH /api/tasks/:id body.title_vi',
  'PATCH /api/tasks/:id body.title_en',
  'PATCH /api/tasks/:id body.reason',
  'POST /api/directives body.title',
  'POST /api/directives body.detail',
  'POST /api/directives body.expected',
  'POST /api/directives/:id/updates body.note',
  'POST /api/comments body.text',
  'POST /api/comments/:id/withdraw body.reason',
]);
/** Routes that hash or check a password (scrypt, 0.1–0.3 s a request): fewer values a field. */
const SLOW = new Set([
  'POST /api/auth/login',
  'POST /api/auth/password',
  'POST /api/admin/accounts',
  'POST /api/admin/accounts/:username/password',
]);
/** The app's own pages: any path is a page of the web app (index.html), so any text is answered. */
const PAGES = new Set(['GET /*', 'GET /', 'GET /docs', 'HEAD /docs/']);

let app: FastifyInstance;
/** CHROMIUM_PATH as it was: the view exports here run without Chromium (503 after every check) */
let chromiumPath: string | undefined;
let ctx: Context;
let base = '';
let admin: Signed;
/** a session that sign-out cases may end (never the fuzzing admin's own) */
let spare: Signed;
let serial = 0;

/** mulberry32: a small seeded PRNG, so that the chosen cases are the same on every run. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = prng(SEED);
const pick = <T>(xs: readonly T[], n: number): T[] =>
  [...xs]
    .map((x) => [random(), x] as const)
    .sort((a, b) => a[0] - b[0])
    .slice(0, n)
    .map(([, x]) => x);

/** What a rejected request must leave as it was: events, snapshots, accounts (and their passwords), sessions, people, dossiers, imports. */
const FINGERPRINT = [
  'SELECT count(*)::VARCHAR FROM events',
  'SELECT count(*)::VARCHAR FROM snapshots',
  "SELECT string_agg(username || role || unit_id || active || display_name || password_hash, '|' ORDER BY username) FROM accounts",
  'SELECT count(*)::VARCHAR FROM sessions',
  'SELECT sum(population)::VARCHAR FROM pop_month',
  'SELECT count(*)::VARCHAR FROM dossiers',
  'SELECT count(*)::VARCHAR FROM import_log',
  "SELECT value FROM store_meta WHERE key = 'data_version'",
];
const fingerprint = () =>
  ctx.pool.use(async (c) => {
    const parts: unknown[] = [];
    for (const q of FINGERPRINT) parts.push((await c.runAndReadAll(q)).getRows()[0]?.[0]);
    return JSON.stringify(parts);
  });

function env(): SampleEnv {
  return {
    unit: '10633',
    snapshotOf: () => 'AAAAAAAAAAAA',
    ownSnapshot: async () => 'AAAAAAAAAAAA',
    freshSession: async () => spare.headers,
    spareAccount: 'spare.account',
    loginAccount: 'login.account',
    unique: (p) => `${p}.fuzz.${++serial}`,
    importJob: async () => 'i999999',
    importsIdle: async () => undefined,
    briefOf: () => 'bAAAAAAAAAAAA',
    ownSchedule: async () => 'sAAAAAAAAAAAA',
    noSchedules: async () => undefined,
    waitingDelivery: async () => 'dAAAAAAAAAAAA',
    apiKey: async () => 'aaaaaaaaaaaa',
  };
}

/** Whether a schema accepts a value as Fastify's Ajv would (defaults filled, strings coerced). */
function accepts(schema: unknown, value: unknown): boolean {
  if (!schema) return true;
  const s = schema as TSchema;
  try {
    return Value.Check(s, Value.Convert(s, Value.Default(s, structuredClone(value))));
  } catch {
    return false;
  }
}

interface Case {
  label: string;
  key: string;
  field: string;
  opts: InjectOptions;
  invalid: boolean;
  sql: boolean;
}

const failures: string[] = [];
let cases = 0;
let last = '';

/**
 * Sends one case and checks the answer and the store. A read (GET) may never change the store: it is
 * checked once per route (settle()); a write, after each request.
 */
async function run(c: Case): Promise<void> {
  cases++;
  const res = await app.inject({
    ...c.opts,
    headers: { ...admin.headers, ...(c.opts.headers as Record<string, string>) },
  });
  const where = `${c.label} → ${res.statusCode}`;
  const read = c.opts.method === 'GET' || c.opts.method === 'HEAD';
  const now = read ? last : await fingerprint();
  const rendered = res.statusCode === 503 && /"chromium_missing"/.test(res.body);
  if (res.statusCode >= 500 && !rendered) failures.push(`${where}: ${res.body.slice(0, 200)}`);
  else if (res.statusCode >= 400 && !rendered) {
    let body: { statusCode?: unknown; error?: unknown; message?: unknown } = {};
    try {
      body = res.json();
    } catch {
      failures.push(`${where}: not JSON: ${res.body.slice(0, 100)}`);
    }
    if (
      body.statusCode !== res.statusCode ||
      typeof body.error !== 'string' ||
      !body.error ||
      typeof body.message !== 'string' ||
      !body.message.trim()
    ) {
      failures.push(`${where}: error body ${res.body.slice(0, 200)}`);
    }
    if (now !== last) failures.push(`${where}: a rejected request changed the store`);
  } else {
    // without Chromium a valid view export ends in 503 "chromium_missing", after every check of the request
    const page = PAGES.has(c.key);
    if (c.invalid && !page) failures.push(`${where}: accepted a value its schema refuses`);
    if (c.sql && !page && !FREE_TEXT.has(`${c.key} ${c.field}`))
      failures.push(`${where}: accepted SQL text in ${c.field}`);
  }
  last = now;
}

async function settle(key: string): Promise<void> {
  const now = await fingerprint();
  if (now !== last) failures.push(`${key}: reads changed the store`);
  last = now;
}

beforeAll(async () => {
  chromiumPath = process.env.CHROMIUM_PATH;
  process.env.CHROMIUM_PATH = join(DIR, 'no-chromium-here');
  const { db } = await buildDemoStore(DIR);
  ctx = await openContext(loadConfig({ IOC_DB: db, IOC_DEMO: 'false', LOG_LEVEL: 'silent', IOC_MAX_LAG_MS: '60000' }));
  app = await buildApp(ctx, { logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  for (const name of ['spare.account', 'login.account']) await ensureAccount(ctx, name, 'planner', '10633');
  admin = await signIn(app, ctx, { role: 'admin', unit: '291', username: 'fuzz.admin' });
  spare = await signIn(app, ctx, { role: 'planner', unit: '10633', username: 'fuzz.spare' });
  // the snapshots table exists from the first snapshot on
  await app.inject({ method: 'POST', url: '/api/snapshots', headers: admin.headers, payload: snapshotBody('10633') });
  last = await fingerprint();
}, 180_000);

afterAll(async () => {
  if (chromiumPath === undefined) delete process.env.CHROMIUM_PATH;
  else process.env.CHROMIUM_PATH = chromiumPath;
  await app?.close();
  await ctx?.close();
});

/** Every route with a sample, its schema and its method (HEAD twins and the live stream apart). */
const routes = () =>
  coveredRoutes(app.routeTable)
    .filter((k) => ROUTE_SAMPLES[k] && !ROUTE_SAMPLES[k].stream)
    .map((key) => ({
      key,
      method: key.split(' ')[0],
      pattern: key.split(' ')[1],
      sample: ROUTE_SAMPLES[key],
      schema: app.routeTable.find((r) => `${r.method} ${r.url}` === key)?.schema,
    }));

function request(method: string, pattern: string, req: SampleRequest, encode?: (s: string) => string): InjectOptions {
  const opts: InjectOptions = {
    method: method,
    url: fillUrl(pattern, req.params, encode) + queryString(req.query, encode),
    headers: { ...(req.headers ?? {}) },
  };
  if (req.body !== undefined) opts.payload = req.body as InjectOptions['payload'];
  return opts;
}

describe('fuzzing the API', () => {
  beforeEach(() => void (failures.length = 0));
  it('query and path parameters: SQL, huge, negative, NaN, empty, invalid UTF-8', async () => {
    for (const { key, method, pattern, sample, schema } of routes()) {
      const good = await sample.build(env());
      const queryKeys = [
        ...new Set([
          ...Object.keys(good.query ?? {}),
          ...Object.keys((schema?.querystring as { properties?: object })?.properties ?? {}),
        ]),
      ];
      const fields = [
        ...queryKeys.map((k) => ['query', k] as const),
        ...Object.keys(good.params ?? {}).map((k) => ['params', k] as const),
      ];
      for (const [part, name] of fields) {
        // a snapshot's picture is rendered and stored after the answer (tests/api/snapshots.test.ts): a later case
        // would see the store change under it; the field is a plain boolean the schema validates
        if (key === 'POST /api/snapshots' && name === 'picture') continue;
        for (const value of [...TEXTS, ...RAW_URL]) {
          const raw = RAW_URL.includes(value);
          const req = await sample.build(env());
          const next = { ...req, [part]: { ...(req[part] ?? {}), [name]: raw ? `\u0001${value}` : value } };
          // raw escapes go into the URL as they are; everything else is percent-encoded
          const encode = (s: string) => (s.startsWith('\u0001') ? s.slice(1) : encodeURIComponent(s));
          let opts: InjectOptions;
          try {
            opts = request(method, pattern, next, encode);
          } catch {
            continue; // a lone surrogate cannot be percent-encoded: no URL to send
          }
          // Ajv reads a blank as 0; a path parameter over 100 characters (maxParamLength) makes the URL another route's
          const unknown = raw || (value !== '' && value.trim() === '') || (part === 'params' && value.length > 100);
          const invalid = !unknown && !accepts(part === 'query' ? schema?.querystring : schema?.params, next[part]);
          await run({
            label: `${key} ${part}.${name}=${JSON.stringify(value).slice(0, 40)}`,
            key,
            field: `${part}.${name}`,
            opts,
            invalid,
            sql: SQL.includes(value),
          });
        }
      }
      await settle(key);
    }
    expect(failures).toEqual([]);
    expect(cases).toBeGreaterThan(1000);
  }, 120_000);

  it('body fields: wrong types, huge and negative numbers, SQL, nested junk, unknown fields', async () => {
    for (const { key, method, pattern, sample, schema } of routes()) {
      const good = await sample.build(env());
      if (good.body === undefined || method === 'GET') continue;
      for (const path of [
        ...leaves(good.body),
        Array.isArray(good.body) ? [0, 'unexpected_field'] : ['unexpected_field'],
      ]) {
        for (const value of SLOW.has(key)
          ? [...pick(SQL, 2), ...pick(JSON_VALUES, 3)]
          : [...SQL, ...pick(JSON_VALUES, 12)]) {
          const req = await sample.build(env());
          const body = setAt(req.body, path, value);
          // Ajv reads null as "" (or 0, false) where a scalar is expected, and a blank as 0
          const coerced = value === null || (typeof value === 'string' && value !== '' && value.trim() === '');
          const invalid = key === 'POST /api/events' || coerced ? false : !accepts(schema?.body, body);
          await run({
            label: `${key} body.${path.join('.')}=${JSON.stringify(value)?.slice(0, 40)}`,
            key,
            field: `body.${path.join('.')}`,
            opts: request(method, pattern, { ...req, body }),
            invalid,
            sql: SQL.includes(value as string),
          });
        }
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it('whole bodies: malformed JSON, empty, invalid UTF-8, wrong content types, prototype poisoning, too large', async () => {
    const bodies: [string, string | Buffer, string][] = [
      ['malformed', '{"title": "x",', 'application/json'],
      ['malformed', '[1, 2', 'application/json'],
      ['malformed', 'nul', 'application/json'],
      ['malformed', '{"a": 1,, }', 'application/json'],
      ['empty', '', 'application/json'],
      ['whitespace', '   ', 'application/json'],
      ['deep', '['.repeat(20_000) + ']'.repeat(20_000), 'application/json'],
      [
        'invalid UTF-8',
        Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0xff, 0x22, 0x7d]),
        'application/json',
      ],
      ['invalid UTF-8', Buffer.from([0xfe, 0xff, 0x00, 0x7b]), 'application/json'],
      ['proto', '{"__proto__": {"role": "admin"}, "username": "x", "password": "y"}', 'application/json'],
      ['constructor', '{"constructor": {"prototype": {"role": "admin"}}}', 'application/json'],
      ['form', 'username=admin&password=x', 'application/x-www-form-urlencoded'],
      ['xml', '<a>1</a>', 'application/xml'],
      [
        'multipart',
        '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--',
        'multipart/form-data; boundary=x',
      ],
      ['text', 'hello', 'text/plain'],
      ['charset', '{}', 'application/json; charset=latin1'],
      ['too large', `{"a":"${'x'.repeat(17 * 1024 * 1024)}"}`, 'application/json'],
    ];
    for (const { key, method, pattern, sample, schema } of routes()) {
      if (method === 'GET' || method === 'HEAD') continue;
      const req = await sample.build(env());
      for (const [what, payload, type] of bodies) {
        const opts = {
          ...request(method, pattern, { ...req, body: undefined }),
          payload,
          headers: { ...(req.headers ?? {}), 'content-type': type },
        };
        // a route that reads no body may ignore one that parses (sign-out)
        const invalid = schema?.body !== undefined && (what === 'charset' ? !accepts(schema.body, {}) : true);
        await run({ label: `${key} ${what} (${type})`, key, field: 'body', opts, invalid, sql: false });
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it('"Infinity" and 1e400, which Ajv coerces past minimum and maximum, reach no handler (a projection of Infinity steps ran out of memory)', async () => {
    const cases: [string, string, unknown?][] = [
      ['POST', '/api/forecast/population', { ...structuredClone(PROJECTION), steps: 'Infinity' }],
      ['POST', '/api/forecast/population', { ...structuredClone(PROJECTION), radix: '1e400' }],
      ['GET', '/api/admin/audit?offset=Infinity'],
      ['GET', '/api/indicators/population?unit=291&by=month&age_min=1e400'],
      ['GET', '/api/forecast/population?unit=291&tfr=-Infinity'],
    ];
    for (const [method, url, payload] of cases) {
      const res = await app.inject({
        method: method as 'GET',
        url,
        headers: admin.headers,
        ...(payload ? { payload: payload } : {}),
      });
      expect(res.statusCode, `${method} ${url}`).toBe(400);
      expect(res.json().message).toMatch(/finite|hữu hạn/);
    }
  });

  it('text with a lone surrogate, in any string field or key of any body, is a 400 that says where (the schema check, or "malformed Unicode" where any text is allowed; a snapshot title "\\ud800" was a 500)', async () => {
    const got: string[] = [];
    const want: string[] = [];
    for (const { key, method, pattern, sample } of routes()) {
      const good = await sample.build(env());
      if (good.body === undefined || method === 'GET') continue;
      const strings = leaves(good.body).filter(
        (path) =>
          typeof path.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)[k], good.body) === 'string',
      );
      for (const path of strings) {
        for (const bad of ['\ud800', 'Xã \udc00 Nam Trung']) {
          const req = await sample.build(env());
          const res = await app.inject({
            ...request(method, pattern, { ...req, body: setAt(req.body, path, bad) }),
            headers: { ...admin.headers, ...(req.headers ?? {}) },
          });
          const where = `/${path.join('/')}`;
          got.push(
            `${key} ${where}: ${res.statusCode} ${res.statusCode === 400 && res.json().message.includes(`body${where}`) ? 'says where' : res.body.slice(0, 80)}`,
          );
          want.push(`${key} ${where}: 400 says where`);
        }
      }
      // and in a key
      if (!Array.isArray(good.body) && typeof good.body === 'object' && good.body !== null) {
        const req = await sample.build(env());
        const res = await app.inject({
          ...request(method, pattern, { ...req, body: { ...(req.body as object), '\ud800': 1 } }),
          headers: { ...admin.headers, ...(req.headers ?? {}) },
        });
        got.push(`${key} key: ${res.statusCode}`);
        want.push(`${key} key: 400`);
      }
    }
    expect(got).toEqual(want);
    expect(want.length).toBeGreaterThan(20);
  });

  it('a day that does not exist in the audit filter is a 400 (it was a DuckDB error, 500)', async () => {
    for (const url of ['/api/admin/audit?from=2022-02-30', '/api/admin/audit.csv?to=2023-13-01']) {
      const res = await app.inject({ method: 'GET', url, headers: admin.headers });
      expect(res.statusCode, url).toBe(400);
    }
  });

  it('inputs so large that the projection overflows are a 400 (the answer could not be written, 500)', async () => {
    const body = structuredClone(PROJECTION);
    body.female.asfr[1] = 1e308;
    const res = await app.inject({
      method: 'POST',
      url: '/api/forecast/population',
      headers: admin.headers,
      payload: body,
    });
    expect(res.statusCode).toBe(400);
  });

  it('the live stream: a bad Last-Event-ID is a 400 or a reset, never a 5xx', async () => {
    for (const value of [...TEXTS.map(encodeURIComponent), ...RAW_URL]) {
      const status = await new Promise<{ status: number; first: string }>((resolve, reject) => {
        const req = httpRequest(
          `${base}/api/live?last_event_id=${value}`,
          { headers: admin.headers },
          (res: IncomingMessage) => {
            res.once(
              'data',
              (chunk: Buffer) => (
                req.destroy(),
                resolve({ status: res.statusCode ?? 0, first: chunk.toString('utf8') })
              ),
            );
          },
        );
        req.on('error', reject);
        req.end();
      });
      if (status.status >= 500 || (status.status === 200 && !status.first.startsWith('retry:')))
        failures.push(`live ${value.slice(0, 30)}: ${status.status} ${status.first.slice(0, 80)}`);
      if (status.status >= 400 && status.status < 500 && !/"message":"[^"]/.test(status.first))
        failures.push(`live ${value.slice(0, 30)}: ${status.first.slice(0, 80)}`);
    }
    expect(failures).toEqual([]);
  });
});

/** Paths of every value in a JSON body (objects, arrays and their first element, leaves). */
function leaves(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value))
    return [...(path.length ? [path] : []), ...(value.length ? leaves(value[0], [...path, 0]) : [])];
  if (value && typeof value === 'object')
    return [...(path.length ? [path] : []), ...Object.entries(value).flatMap(([k, v]) => leaves(v, [...path, k]))];
  return [path];
}

function setAt(body: unknown, path: (string | number)[], value: unknown): unknown {
  const copy = structuredClone(body) as Record<string | number, unknown>;
  let at = copy;
  for (const k of path.slice(0, -1)) at = at[k] as Record<string | number, unknown>;
  at[path[path.length - 1]] = value;
  return copy;
}

describe('fuzzing the importer', () => {
  let conn: DuckDBConnection;
  const FILES = join(DIR, 'files');
  const CASES = join(DIR, 'import-cases');
  let n = 0;
  /** Every stored table (the audit log and sessions apart, which the server writes): rows and a hash of them. */
  const storeSum = async () => {
    const tables = (
      await conn.runAndReadAll(
        `SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main' AND NOT temporary AND table_name NOT IN ('audit_log', 'sessions') ORDER BY 1`,
      )
    )
      .getRows()
      .map((r) => String(r[0]));
    const parts: string[] = [];
    for (const t of tables)
      parts.push(
        `${t}:${(await conn.runAndReadAll(`SELECT count(*)::VARCHAR || '/' || coalesce(sum(hash(x))::VARCHAR, '') FROM "${t}" x`)).getRows()[0][0]}`,
      );
    return parts.join(' ');
  };
  /** A folder holding the given files (name → bytes). */
  const folder = (files: Record<string, string | Buffer>) => {
    const dir = join(CASES, String(++n));
    mkdirSync(dir, { recursive: true });
    for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, name), bytes);
    return dir;
  };
  /** The first lines of a generated file (header = line 1). */
  const head = (name: string, lines: number) => readFileSync(join(FILES, name), 'utf8').split('\n').slice(0, lines);
  let before = '';

  beforeAll(async () => {
    rmSync(CASES, { recursive: true, force: true });
    conn = await ctx.instance.connect();
    before = await storeSum();
  });
  afterAll(() => conn?.closeSync());

  /** Imports a folder: it must fail, name `file` (and the line and column when given), and leave the store as it was. */
  async function rejects(dir: string, want: { file: string; line?: number; column?: string; reason?: RegExp }) {
    const report = await importFolder(conn, dir);
    expect(report.ok, JSON.stringify(report.errors.slice(0, 3))).toBe(false);
    const hit = report.errors.find(
      (e) =>
        e.file === want.file &&
        (want.line === undefined || e.line === want.line) &&
        (want.column === undefined || e.column === want.column) &&
        (!want.reason || want.reason.test(e.reason)),
    );
    expect(hit, `${JSON.stringify(want)} not in ${JSON.stringify(report.errors.slice(0, 5))}`).toBeTruthy();
    expect(hit!.reason.trim()).not.toBe('');
    expect(await storeSum()).toBe(before);
  }

  it('rejects broken CSV files with the file, line and column, and stores nothing', async () => {
    const proc = head('procedures.csv', 12);
    const header = proc[0].split(',');
    const without = (col: string) =>
      proc
        .map((l, i) =>
          i === 0 || !l.includes('"')
            ? l
                .split(',')
                .filter((_, j) => header[j] !== col)
                .join(',')
            : '',
        )
        .filter(Boolean)
        .join('\n');
    const setCell = (line: number, col: string, value: string) =>
      proc
        .map((l, i) =>
          i === line - 1
            ? l
                .split(',')
                .map((c, j) => (header[j] === col ? value : c))
                .join(',')
            : l,
        )
        .join('\n');
    await rejects(folder({ 'procedures.csv': without('due_days') }), {
      file: 'procedures.csv',
      line: 1,
      column: 'due_days',
      reason: /missing/,
    });
    await rejects(folder({ 'procedures.csv': proc.map((l, i) => (i === 0 ? `${l},level` : l)).join('\n') }), {
      file: 'procedures.csv',
      line: 1,
      reason: /twice/,
    });
    await rejects(folder({ 'procedures.csv': proc.map((l, i) => (i === 4 ? `${l},extra,fields` : l)).join('\n') }), {
      file: 'procedures.csv',
      line: 5,
      reason: /fields/,
    });
    await rejects(
      folder({ 'procedures.csv': proc.map((l, i) => (i === 3 ? l.replace(',', ',"never closed') : l)).join('\n') }),
      { file: 'procedures.csv', line: 4, reason: /quote/ },
    );
    const bad = Buffer.concat([
      Buffer.from(proc.slice(0, 3).join('\n') + '\nHT-99,Th'),
      Buffer.from([0xc3, 0x28, 0xff]),
      Buffer.from(',x,civil_status,commune,1,true,,false,,,,,,\n'),
    ]);
    await rejects(folder({ 'procedures.csv': bad }), { file: 'procedures.csv', line: 4, reason: /UTF-8/ });
    await rejects(folder({ 'procedures.csv': '' }), { file: 'procedures.csv', line: 1 });
    for (const value of ['1e308', '99999999999999999999', '-5', 'NaN', '1.5'])
      await rejects(folder({ 'procedures.csv': setCell(4, 'due_days', value) }), {
        file: 'procedures.csv',
        line: 4,
        column: 'due_days',
      });
    await rejects(folder({ 'procedures.csv': setCell(6, 'level', "commune'); DROP TABLE units; --") }), {
      file: 'procedures.csv',
      line: 6,
      column: 'level',
    });
    await rejects(folder({ 'units.geojson': readFileSync(join(FILES, 'units.geojson'), 'utf8').slice(0, 5000) }), {
      file: 'units.geojson',
    });
    await rejects(folder({ 'manifest.json': '{"generated": tru', 'procedures.csv': proc.join('\n') }), {
      file: 'manifest.json',
      line: 1,
    });
  }, 60_000);

  it('rejects a random bad value in a random line and column of people and dossier files (seeded)', async () => {
    const BAD: Record<string, string[]> = {
      int: ['1e308', '99999999999999999999', 'NaN', "1' OR '1'='1", '1.5'],
      date: ['2022-02-30', '2022-13-01', 'NaN', "2022-01-01' OR 1=1 --", '31/13/2022'],
      timestamp: ['2022-02-30 10:00', 'NaN', '2022-01-01T00:00:00Z', "2022-01-01 10:00'; DROP TABLE dossiers; --"],
      bool: ['maybe', '2', "1' OR 1=1 --"],
      enum: ['"; DROP TABLE audit_log; --', 'xyz', 'NaN'],
      ref: ["10633') UNION SELECT * FROM accounts --", '99999', "'; DROP TABLE units; --"],
    };
    const REFS = new Set(['unit_id', 'procedure_code']);
    const csvCell = (v: string) => (/[",]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
    for (let i = 0; i < 16; i++) {
      const kind = pick(['people', 'dossiers'] as Kind[], 1)[0];
      const lines = head(`${kind}.csv`, 121);
      const header = lines[0].split(',');
      const columns = COLUMNS[kind].filter(
        // a column of a kind BAD has values for (the seeded picks move whenever the route table grows)
        (c) => header.includes(c.name) && (REFS.has(c.name) || (c.value.type !== 'text' && c.value.type in BAD)),
      );
      const col = pick(columns, 1)[0];
      const value = pick(BAD[REFS.has(col.name) ? 'ref' : col.value.type], 1)[0];
      const line = 2 + Math.floor(random() * 119);
      const cells = lines[line - 1].split(',');
      cells[header.indexOf(col.name)] = csvCell(value);
      lines[line - 1] = cells.join(',');
      await rejects(folder({ [`${kind}.csv`]: lines.join('\n') }), { file: `${kind}.csv`, line, column: col.name });
    }
  }, 60_000);

  it('event files: a broken line, a non-array, a bad event are named by file and line; nothing is applied', async () => {
    const good = (i: number) =>
      JSON.stringify({
        event_id: `fuzz-file-${i}`,
        type: 'birth',
        occurred_at: '2022-12-01',
        unit: '10633',
        sex: 'F',
        birth_date: '2022-12-01',
        residence: 'permanent',
      });
    const cases: [Record<string, string>, { file: string; line: number; column?: string }][] = [
      [
        { 'events.ndjson': [good(1), good(2), '{"event_id": "x", ', good(3)].join('\n') },
        { file: 'events.ndjson', line: 3 },
      ],
      [{ 'events.json': '{"event_id": "x"}' }, { file: 'events.json', line: 1 }],
      [
        { 'events.ndjson': [good(4), good(5).replace('"10633"', `"10633' OR 1=1 --"`)].join('\n') },
        { file: 'events.ndjson', line: 2, column: 'unit' },
      ],
      [
        { 'events.jsonl': [good(6), good(7).replace('"2022-12-01"', '"1e308"')].join('\n') },
        { file: 'events.jsonl', line: 2, column: 'occurred_at' },
      ],
    ];
    for (const [files, want] of cases) {
      const { errors } = await importEventFiles(conn, folder(files));
      expect(
        errors.find((e) => e.file === want.file && e.line === want.line && (!want.column || e.column === want.column)),
        JSON.stringify(errors),
      ).toBeTruthy();
      expect(await storeSum()).toBe(before);
    }
  });

  it('SQL in a free-text field is stored as text, verbatim, and runs nowhere', async () => {
    const name = "Thủ tục thử'); DROP TABLE audit_log; --";
    const proc = head('procedures.csv', 2);
    const row = ['ZZ-99', `"${name}"`, ...proc[1].split(',').slice(2)].join(',');
    const report = await importFolder(conn, folder({ 'procedures.csv': [proc[0], row].join('\n') }));
    expect(report.errors).toEqual([]);
    expect(
      ((await conn.runAndReadAll(`SELECT name FROM procedures WHERE procedure_code = 'ZZ-99'`)).getRows()[0] ?? [])[0],
    ).toBe(name);
    expect((await ctx.audit.verify()).ok).toBe(true);
  });
});
