// A valid request for every route of the app, keyed "METHOD /pattern" as in app.routeTable: the
// authorization matrix (tests/api/authz) and the fuzzing (tests/api/fuzz) start from these. A route
// registered without a sample here fails both tests, so that they keep covering every route.
import type { InjectOptions } from 'fastify';
import { TEST_PASSWORD } from './auth.ts';

/** What a sample may ask of the test that uses it. */
export interface SampleEnv {
  /** the unit the request is about */
  unit: string;
  /** a snapshot whose only unit is `unit` */
  snapshotOf(unit: string): string;
  /** a new snapshot the caller may delete (their own when they may make one) */
  ownSnapshot(): Promise<string>;
  /** the cookie and CSRF headers of a new session of the caller's account (none for anonymous) */
  freshSession(): Promise<Record<string, string>>;
  /** an account the admin routes may change */
  spareAccount: string;
  /** an account whose password is TEST_PASSWORD, for sign-in */
  loginAccount: string;
  /** a unique text (user names, event ids) */
  unique(prefix: string): string;
  /**
   * An import job the caller may act on (its own when it is an admin, else a district admin's), waiting in
   * preview or committed; no other import is waiting when it returns.
   */
  importJob(state: 'preview' | 'done'): Promise<string>;
  /** Waits until no import is in progress (a waiting preview is discarded). */
  importsIdle(): Promise<void>;
  /** a kept brief whose unit is `unit` */
  briefOf(unit: string): string;
  /** a new brief subscription of the caller (of another account for anonymous callers) */
  ownSchedule(): Promise<string>;
  /** ends every brief subscription of the caller (an account may hold only so many) */
  noSchedules(): Promise<void>;
  /** a brief's e-mail delivery waiting to be sent, of a brief about the caller's unit */
  waitingDelivery(): Promise<string>;
  /** the id of a new, working API key of `unit` (which an admin of that unit may revoke) */
  apiKey(): Promise<string>;
  /** an office of `unit` (default: its Văn phòng, `<unit>.van-phong`, which the demo makes) */
  officeOf?(unit: string): string;
  /** a task of `unit` ("<unit>.<task>"; default: the demo plan's first task of the unit) */
  taskOf?(unit: string): Promise<string>;
  /** a new directive about `unit` to one of its offices, open (default: an id no directive has) */
  directiveOf?(unit: string): Promise<string>;
  /** a new comment on a view of `unit`, written by the caller when it reads the unit (default: no such comment) */
  commentOf?(unit: string): Promise<string>;
}

/** Vietnam's day `days` from today (YYYY-MM-DD). */
const vnDay = (days: number) => new Date(Date.now() + 7 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);

/** A one-dossier CSV of `unit` with a new dossier id: a harmless import for samples. */
export function sampleDossierCsv(unit: string, id: string): string {
  return (
    'dossier_id,procedure_code,unit_id,received_at,due_at,resolved_at,channel,status\n' +
    `${id},CC-01,${unit},2022-12-20 08:00,2022-12-21 08:00,2022-12-20 10:00,online,resolved\n`
  );
}

/** A multipart body of files, as FormData sends it. */
export function multipartBody(list: [string, string][]): { body: Buffer; headers: Record<string, string> } {
  const boundary = '----ioc06sample';
  const parts = list.map(
    ([name, text]) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${name}"\r\n` +
      `Content-Type: text/csv\r\n\r\n${text}\r\n`,
  );
  return {
    body: Buffer.from(parts.join('') + `--${boundary}--\r\n`),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

export interface SampleRequest {
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface RouteSample {
  /** answers outlines and names of units around the caller (no values): they may name units outside its scope */
  outlines?: boolean;
  /** the request names a unit whose data it reads: 2xx in scope, 403 outside */
  unit?: boolean;
  /** success statuses (default 200) */
  ok?: number[];
  /** the answer to anonymous callers when it is not the usual one (public: ok; otherwise 401) */
  anonymous?: number;
  /** why a 2xx of this non-public route leaves no audit record (none: it must leave one) */
  unaudited?: string;
  /** a server-sent events stream: read over HTTP, not inject() */
  stream?: boolean;
  /** the only roles the handler lets succeed (the others get 403 from it), for a route whose access is 'read' */
  roles?: ('admin' | 'leader' | 'planner' | 'staff')[];
  /** the answer outside the scope when it is not 403: 404 for an item of another unit, answered as if absent */
  outside?: number;
  build(env: SampleEnv): SampleRequest | Promise<SampleRequest>;
}

/** Preston et al. style inputs, three 5-year groups: the smallest projection the schema accepts. */
export const PROJECTION = {
  interval: 5,
  steps: 2,
  age_groups: [0, 5, 10],
  radix: 100000,
  sex_ratio_at_birth: 1.05,
  female: { population: [1200, 1100, 2500], Lx: [495000, 494000, 2500000], asfr: [0, 0.05, 0.02] },
  male: { population: [1250, 1150, 2300], Lx: [494000, 492000, 2200000] },
};

export const snapshotBody = (unit: string) => ({
  title: `Bản chụp ${unit}`,
  view: `/targets?unit=${unit}`,
  panels: [
    {
      id: 'pop',
      title: 'Dân số',
      kind: 'indicator',
      request: { indicator: 'population', unit, by: 'month', from: '2022-10', to: '2022-12' },
    },
  ],
});

export const birthEvent = (eventId: string, unit: string) => ({
  event_id: eventId,
  type: 'birth',
  occurred_at: '2022-12-20T09:00:00+07:00',
  unit,
  sex: 'F',
  birth_date: '2022-12-20',
  residence: 'permanent',
});

const none = () => ({});
const officeOf = (s: SampleEnv) => (s.officeOf ? s.officeOf(s.unit) : `${s.unit}.van-phong`);
const briefRead: RouteSample = { unit: true, build: (s) => ({ params: { id: s.briefOf(s.unit) } }) };
export const scheduleBody = (unit: string) => ({ unit, kind: 'week', weekday: 1, time: '07:00' });
const snapshotRead: RouteSample = { unit: true, build: (s) => ({ params: { id: s.snapshotOf(s.unit) } }) };
/** A share link opened without a session goes to the sign-in page, then back (303). */
const shareLink: RouteSample = { ...snapshotRead, anonymous: 303 };
const viewExport: RouteSample = {
  unit: true,
  // The tests run without Chromium (CHROMIUM_PATH points nowhere): 503 "Chromium missing" comes after
  // every check of access and scope, so it stands for success here; tests/e2e/export-view renders.
  ok: [503],
  build: (s) => ({ query: { path: `/targets?unit=${s.unit}` } }),
};

export const ROUTE_SAMPLES: Record<string, RouteSample> = {
  'GET /docs': { ok: [200, 302], build: none },
  'HEAD /docs/': { ok: [200, 302], build: none },
  'GET /docs/static/index.html': { ok: [200, 302], build: none },
  'GET /docs/static/swagger-initializer.js': { build: none },
  'GET /docs/json': { build: none },
  'GET /docs/yaml': { build: none },
  'GET /docs/static/*': { build: () => ({ params: { '*': 'swagger-ui.css' } }) },
  'GET /api/health': { build: none },
  'POST /api/auth/login': { build: (s) => ({ body: { username: s.loginAccount, password: TEST_PASSWORD } }) },
  'POST /api/auth/logout': { ok: [204], build: async (s) => ({ headers: await s.freshSession() }) },
  'GET /api/auth/me': {
    anonymous: 401,
    unaudited: 'asking who one is reads no data (server/routes/auth.ts)',
    build: none,
  },
  'POST /api/auth/password': { ok: [204], build: () => ({ body: { current: TEST_PASSWORD, next: TEST_PASSWORD } }) },
  'GET /api/admin/accounts': { build: none },
  'POST /api/admin/accounts': {
    unit: true,
    ok: [201],
    build: (s) => ({
      body: { username: s.unique('acc'), display_name: 'Tài khoản thử', role: 'planner', unit_id: s.unit },
    }),
  },
  'PATCH /api/admin/accounts/:username': {
    build: (s) => ({ params: { username: s.spareAccount }, body: { display_name: s.unique('Tên') } }),
  },
  'POST /api/admin/accounts/:username/password': {
    build: (s) => ({ params: { username: s.spareAccount }, body: { password: 'spare-password-2026' } }),
  },
  'POST /api/admin/accounts/:username/unlock': { build: (s) => ({ params: { username: s.spareAccount } }) },
  'GET /api/admin/audit': { build: () => ({ query: { limit: '5' } }) },
  'GET /api/admin/keys': { build: none },
  'POST /api/admin/keys': {
    unit: true,
    ok: [201],
    build: (s) => ({
      body: {
        name: s.unique('Kho dữ liệu thử'),
        agency: 'Sở Thông tin và Truyền thông',
        units: [s.unit],
        domains: ['population'],
        expires: vnDay(30),
      },
    }),
  },
  'POST /api/admin/keys/:id/revoke': { build: async (s) => ({ params: { id: await s.apiKey() } }) },
  'POST /api/admin/imports': {
    ok: [202],
    build: async (s) => {
      await s.importsIdle();
      // a file the importer does not read: the job ends at once, holding no slot
      const m = multipartBody([['notes.txt', 'hello']]);
      return { body: m.body, headers: m.headers };
    },
  },
  'GET /api/admin/imports': { build: none },
  'GET /api/admin/imports/:id': { build: async (s) => ({ params: { id: await s.importJob('preview') } }) },
  'GET /api/admin/imports/:id/errors.csv': {
    build: async (s) => ({ params: { id: await s.importJob('preview') } }),
  },
  'POST /api/admin/imports/:id/commit': {
    ok: [202],
    build: async (s) => ({ params: { id: await s.importJob('preview') } }),
  },
  'POST /api/admin/imports/:id/undo': { build: async (s) => ({ params: { id: await s.importJob('done') } }) },
  'DELETE /api/admin/imports/:id': { build: async (s) => ({ params: { id: await s.importJob('preview') } }) },
  'GET /api/admin/audit.csv': { build: () => ({ query: { action: 'login' } }) },
  'GET /api/units': { build: none },
  'GET /api/units/geo': { build: () => ({ query: { level: 'commune' } }) },
  'GET /api/indicators': { build: none },
  'GET /api/indicators/:id': {
    unit: true,
    build: (s) => ({
      params: { id: 'population' },
      query: { unit: s.unit, by: 'month', from: '2022-10', to: '2022-12' },
    }),
  },
  'GET /api/panel': {
    unit: true,
    build: (s) => ({ query: { ids: 'population,births', unit: s.unit, by: 'month', from: '2022-10', to: '2022-12' } }),
  },
  'GET /api/population/pyramid': { unit: true, build: (s) => ({ query: { unit: s.unit, month: '2022-12' } }) },
  'GET /api/index766': { unit: true, build: (s) => ({ query: { unit: s.unit, period: '2022-Q4', by: 'unit' } }) },
  'GET /api/targets': { unit: true, build: (s) => ({ query: { unit: s.unit } }) },
  'GET /api/overview': { unit: true, build: (s) => ({ query: { unit: s.unit, boundaries: 'false' } }) },
  'POST /api/forecast/population': { build: () => ({ body: structuredClone(PROJECTION) }) },
  'GET /api/forecast/population': { unit: true, build: (s) => ({ query: { unit: s.unit, scenario: 'medium' } }) },
  'GET /api/forecast/targets': { unit: true, build: (s) => ({ query: { unit: s.unit } }) },
  'GET /api/procedures': { build: none },
  'GET /api/catalog': { build: none },
  'POST /api/snapshots': { unit: true, ok: [201], build: (s) => ({ body: snapshotBody(s.unit) }) },
  'GET /api/snapshots': { build: none },
  'GET /api/snapshots/:id': snapshotRead,
  'GET /api/snapshots/:id/data.arrow': snapshotRead,
  'GET /api/snapshots/:id.html': snapshotRead,
  // what a share link opens (title, units, dates), for its sign-in page: public
  'GET /api/snapshots/:id/about': { build: (s) => ({ params: { id: s.snapshotOf(s.unit) } }) },
  'GET /s/:id': shareLink,
  'DELETE /api/snapshots/:id': { ok: [204], build: async (s) => ({ params: { id: await s.ownSnapshot() } }) },
  'GET /api/bulk/:dataset': {
    unit: true,
    build: (s) => ({
      params: { dataset: 'indicator.births' },
      query: { format: 'csv', unit: s.unit, from: '2022-01', to: '2022-03' },
    }),
  },
  'GET /api/bulk/:dataset/metadata': {
    unit: true,
    build: (s) => ({ params: { dataset: 'population_cube' }, query: { unit: s.unit } }),
  },
  'GET /api/export/indicator.:format': {
    unit: true,
    build: (s) => ({ params: { format: 'csv' }, query: { indicator: 'births', unit: s.unit, by: 'month' } }),
  },
  'GET /api/export/targets.:format': {
    unit: true,
    build: (s) => ({ params: { format: 'xlsx' }, query: { unit: s.unit } }),
  },
  'GET /api/export/index766.:format': {
    unit: true,
    build: (s) => ({ params: { format: 'csv' }, query: { unit: s.unit, period: '2022-Q4', by: 'unit' } }),
  },
  'GET /api/export/directives.:format': {
    unit: true,
    build: (s) => ({ params: { format: 'csv' }, query: { unit: s.unit } }),
  },
  'GET /api/export/tasks.:format': {
    unit: true,
    build: (s) => ({ params: { format: 'xlsx' }, query: { unit: s.unit } }),
  },
  'GET /api/export/view.pdf': viewExport,
  'GET /api/export/view.png': viewExport,
  'GET /api/briefs': { unit: true, build: (s) => ({ query: { unit: s.unit } }) },
  // The tests run without Chromium: 503 "Chromium missing" comes after every check of access, scope and period.
  'POST /api/briefs': {
    unit: true,
    ok: [503],
    build: (s) => ({ body: { unit: s.unit, kind: 'month', period: '2022-11' } }),
  },
  'GET /api/briefs/:id': briefRead,
  'GET /api/briefs/:id.pdf': briefRead,
  'GET /api/briefs/schedules': { build: none },
  'POST /api/briefs/schedules': {
    unit: true,
    ok: [201],
    build: async (s) => {
      await s.noSchedules();
      return { body: scheduleBody(s.unit) };
    },
  },
  'PATCH /api/briefs/schedules/:id': {
    build: async (s) => ({ params: { id: await s.ownSchedule() }, body: { active: false } }),
  },
  'DELETE /api/briefs/schedules/:id': { ok: [204], build: async (s) => ({ params: { id: await s.ownSchedule() } }) },
  'GET /api/briefs/deliveries': { build: none },
  'POST /api/briefs/deliveries/:id/retry': { build: async (s) => ({ params: { id: await s.waitingDelivery() } }) },
  'POST /api/events': { unit: true, build: (s) => ({ body: [birthEvent(s.unique('authz-birth'), s.unit)] }) },
  // direction and follow-up (issue 21): server/routes/work.ts
  'GET /api/offices': { unit: true, build: (s) => ({ query: { unit: s.unit } }) },
  'GET /api/tasks': { unit: true, build: (s) => ({ query: { unit: s.unit } }) },
  'POST /api/tasks': {
    unit: true,
    ok: [201],
    roles: ['admin'],
    build: (s) => ({
      body: {
        unit_id: s.unit,
        task_id: s.unique('wt').replace(/[^a-z0-9]/g, '-'),
        section: 'III.9.a',
        title_vi: 'Nhiệm vụ mẫu',
        lead: [officeOf(s)],
      },
    }),
  },
  'PATCH /api/tasks/:id': {
    unit: true,
    roles: ['admin', 'leader'],
    outside: 404,
    build: async (s) => ({
      params: { id: s.taskOf ? await s.taskOf(s.unit) : `${s.unit}.T001` },
      body: { note: 'Ghi chú mẫu' },
    }),
  },
  'GET /api/directives': { unit: true, build: (s) => ({ query: { unit: s.unit } }) },
  'POST /api/directives': {
    unit: true,
    ok: [201],
    roles: ['leader'],
    build: (s) => ({
      body: {
        office_id: officeOf(s),
        unit_id: s.unit,
        source: 'chart',
        title: 'Chỉ đạo mẫu',
        due: vnDay(7),
      },
    }),
  },
  'POST /api/directives/:id/updates': {
    unit: true,
    roles: ['leader'],
    outside: 404,
    build: async (s) => ({
      params: { id: s.directiveOf ? await s.directiveOf(s.unit) : '999999' },
      body: { action: 'withdraw', note: 'Thu hồi mẫu' },
    }),
  },
  'GET /api/comments': { unit: true, build: (s) => ({ query: { unit: s.unit } }) },
  'POST /api/comments': {
    unit: true,
    ok: [201],
    build: (s) => ({ body: { view: `screen=overview&unit=${s.unit}`, text: 'Bình luận mẫu' } }),
  },
  'POST /api/comments/:id/withdraw': {
    unit: true,
    outside: 404,
    build: async (s) => ({
      params: { id: s.commentOf ? await s.commentOf(s.unit) : '999999' },
      body: { reason: 'Thu hồi mẫu' },
    }),
  },
  'GET /api/live': { stream: true, build: none },
  'GET /fonts/:fontstack/:range': { build: () => ({ params: { fontstack: 'Noto Sans Regular', range: '0-255.pbf' } }) },
  'GET /api/geo/provinces': { build: none },
  'GET /api/geo/neighbours': { outlines: true, build: () => ({ query: { level: 'commune' } }) },
  'GET /api/geo/tiles/:layer/:z/:x/:y': {
    outlines: true,
    build: () => ({ params: { layer: 'provinces', z: '5', x: '25', y: '14.pbf' } }),
  },
  // Only when the web app is built (dist/web): a missing asset is a plain 404, the app's pages are index.html.
  'GET /assets/*': { ok: [404], build: () => ({ params: { '*': 'no-such-file.js' } }) },
  'GET /': { ok: [200, 302], build: none },
  'GET /*': { build: () => ({ params: { '*': 'targets' } }) },
};

/** The routes a test must cover: every route but the HEAD twin of a GET (same handler and hooks). */
export function coveredRoutes(table: readonly { method: string; url: string }[]): string[] {
  const keys = new Set(table.map((r) => `${r.method} ${r.url}`));
  return [...keys].filter((k) => !(k.startsWith('HEAD ') && keys.has(`GET ${k.slice(5)}`)));
}

/** The URL of a route pattern with its parameters (":name" and a trailing "*") filled in and encoded. */
export function fillUrl(
  pattern: string,
  params: Record<string, string> = {},
  encode: (s: string) => string = encodeURIComponent,
): string {
  return pattern
    .replace(/:([A-Za-z_]+)/g, (_, name: string) => {
      if (!(name in params)) throw new Error(`no value for :${name} of ${pattern}`);
      return encode(params[name]);
    })
    .replace(/\*$/, () => (params['*'] ?? '').split('/').map(encode).join('/'));
}

export function queryString(
  query: Record<string, string> = {},
  encode: (s: string) => string = encodeURIComponent,
): string {
  const parts = Object.entries(query).map(([k, v]) => `${encode(k)}=${encode(v)}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

/** An inject() request for a route and a sample request. */
export function toInject(key: string, req: SampleRequest): InjectOptions {
  const [method, pattern] = key.split(' ');
  const url = fillUrl(pattern, req.params) + queryString(req.query);
  const opts: InjectOptions = { method: method, url, headers: { ...(req.headers ?? {}) } };
  if (req.body !== undefined) opts.payload = req.body as InjectOptions['payload'];
  return opts;
}
