// Live events through the API: posted events change the indicators by exactly what the test posted,
// a repeated event_id changes nothing, a batch with one bad event changes nothing and names it, the
// dossier cubes kept incrementally equal a rebuild from the dossiers, and the live stream pushes the
// change (with resume by Last-Event-ID).
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { mkdirSync, writeFileSync } from 'node:fs';
import { importEventFiles } from '../../data/pipeline/events/files.ts';
import { rebuildBundleMonth, rebuildDossierMonth } from '../../data/pipeline/import/load-dossiers.ts';
import { buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { openContext, type Context } from '../../server/context.ts';
import { buildDemoStore } from '../helpers/demo-store.ts';
import { makeScope } from '../../server/auth/scope.ts';
import { actAs, type Signed } from '../helpers/auth.ts';
import { readLive, type LiveMessage } from '../helpers/live-stream.ts';

let session: Signed;

let app: FastifyInstance;
let ctx: Context;
let base: string;
const NAM_TRUNG = '10633';
const DISTRICT = '291';
let seq = 0;
const id = (p: string) => `${p}-${process.pid}-${++seq}`;

const post = async (events: unknown, headers: Record<string, string> = {}) => {
  const res = await app.inject({
    method: 'POST',
    url: '/api/events',
    payload: typeof events === 'string' ? events : JSON.stringify(events),
    headers: { 'content-type': 'application/json', ...headers },
  });
  return { status: res.statusCode, body: res.json() };
};
const rows = async (indicator: string, unit: string, from: string, to: string, by = 'month') => {
  const res = await app.inject({
    method: 'GET',
    url: `/api/indicators/${indicator}?unit=${unit}&by=${by}&from=${from}&to=${to}`,
  });
  expect(res.statusCode).toBe(200);
  return res.json().rows as {
    unit: string;
    period: string;
    value: number | null;
    numerator: number | null;
    suppressed: boolean;
  }[];
};
const sql = async (text: string) => (await ctx.pool.use((c) => c.runAndReadAll(text))).getRowObjectsJson();
const person = (type: string, day: string, extra: Record<string, unknown> = {}) => ({
  event_id: id(type),
  type,
  occurred_at: `${day}T09:30:00+07:00`,
  unit: NAM_TRUNG,
  sex: 'F',
  birth_date: '1980-03-15',
  residence: 'permanent',
  ...extra,
});

beforeAll(async () => {
  const { db } = await buildDemoStore(join('tests', '.tmp', 'api-events'));
  // suppression: events must move the served counts by exactly what they add (the keys they carry under the
  // cell-key method: tests/unit/cell-keys.test.ts; the live stream of perturbed values: disclosure-cellkey.test.ts)
  ctx = await openContext(
    loadConfig({ IOC_DB: db, IOC_DEMO: 'false', LOG_LEVEL: 'silent', IOC_DISCLOSURE: 'suppress' }),
  );
  app = await buildApp(ctx, { logger: false });
  session = await actAs(app, ctx);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
}, 180_000);

afterAll(async () => {
  await app?.close();
  await ctx?.close();
});

describe('population events', () => {
  it('births add to the births of their month and to the population of every month after', async () => {
    const births = Array.from({ length: 7 }, (_, i) =>
      person('birth', '2022-10-15', { birth_date: '2022-10-15', sex: i < 4 ? 'F' : 'M' }),
    );
    const bBefore = await rows('births', DISTRICT, '2022-09', '2022-12');
    const pBefore = await rows('population', DISTRICT, '2022-09', '2022-12');
    const cellBefore = await sql(
      `SELECT coalesce(sum(population), 0)::INTEGER AS n FROM pop_month WHERE unit_id = '${NAM_TRUNG}' AND month = '2022-12-01' AND sex = 'F' AND age_group = 0 AND residence = 'permanent'`,
    );
    const r = await post(births);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ accepted: 7, duplicates: 0 });
    const bAfter = await rows('births', DISTRICT, '2022-09', '2022-12');
    const pAfter = await rows('population', DISTRICT, '2022-09', '2022-12');
    expect(bAfter.map((x) => x.value! - bBefore.find((y) => y.period === x.period)!.value!)).toEqual([0, 7, 0, 0]);
    expect(pAfter.map((x) => x.value! - pBefore.find((y) => y.period === x.period)!.value!)).toEqual([0, 7, 7, 7]);
    // aged 0, in the 0–4 group, four girls
    const cellAfter = await sql(
      `SELECT sum(population)::INTEGER AS n FROM pop_month WHERE unit_id = '${NAM_TRUNG}' AND month = '2022-12-01' AND sex = 'F' AND age_group = 0 AND residence = 'permanent'`,
    );
    expect(Number(cellAfter[0].n) - Number(cellBefore[0].n)).toBe(4);
  });

  it('a death at 14 leaves the 10–14 group and the card-age stock; a move-out with a chip card and VNeID level 2 takes them along', async () => {
    const q = `SELECT sum(population)::INTEGER AS p, sum(card_age)::INTEGER AS card, sum(with_chip_card)::INTEGER AS chip, sum(vneid_level1)::INTEGER AS v1, sum(vneid_level2)::INTEGER AS v2, sum(deaths)::INTEGER AS d, sum(moves_out)::INTEGER AS mo
      FROM pop_month WHERE unit_id = '${NAM_TRUNG}' AND month = '2022-11-01'`;
    const before = (await sql(q))[0];
    const r = await post([
      person('death', '2022-11-03', { birth_date: '2008-01-20' }), // 14 at the death and at month end
      person('move_out', '2022-11-04', { birth_date: '1990-06-01', chip_card: true, vneid_level: 2 }),
    ]);
    expect(r.status).toBe(200);
    const after = (await sql(q))[0];
    const diff = Object.fromEntries(Object.keys(before).map((k) => [k, Number(after[k]) - Number(before[k])]));
    expect(diff).toEqual({ p: -2, card: -2, chip: -1, v1: -1, v2: -1, d: 1, mo: 1 });
  });

  it('VNeID activations raise the level-2 count from their month on', async () => {
    const before = await rows('count_vneid_accounts', DISTRICT, '2022-11', '2022-12');
    const r = await post([
      person('vneid_activated', '2022-11-20', { level: 2 }),
      person('vneid_activated', '2022-11-21', { level: 2, vneid_level: 1 }),
      person('vneid_activated', '2022-12-02', { level: 1 }),
    ]);
    expect(r.status).toBe(200);
    const after = await rows('count_vneid_accounts', DISTRICT, '2022-11', '2022-12');
    const meta = (await app.inject({ method: 'GET', url: '/api/indicators' }))
      .json()
      .indicators.find((m: { id: string }) => m.id === 'count_vneid_accounts');
    expect(meta).toBeTruthy();
    // accounts = level 1 or 2: +1 (first, from none) in November, and +1 more (the third) in December
    expect(after.map((x, i) => x.value! - before[i].value!)).toEqual([1, 2]);
  });
});

describe('idempotency and all-or-nothing', () => {
  it('a repeated batch is acknowledged and changes nothing; a repeated id inside a batch is applied once', async () => {
    const batch = [person('id_card_issued', '2022-12-05'), person('id_card_issued', '2022-12-06')];
    const q = `SELECT sum(with_chip_card)::INTEGER AS n FROM pop_month WHERE month = '2022-12-01'`;
    const n0 = Number((await sql(q))[0].n);
    expect((await post(batch)).body).toMatchObject({ accepted: 2, duplicates: 0 });
    expect((await post(batch)).body).toMatchObject({ accepted: 0, duplicates: 2 });
    const twice = person('id_card_issued', '2022-12-07');
    expect((await post([twice, twice])).body).toMatchObject({ accepted: 1, duplicates: 1 });
    expect(Number((await sql(q))[0].n) - n0).toBe(3);
  });

  it('one bad event rejects the whole batch (422), names it, and stores nothing', async () => {
    const q = `SELECT (SELECT count(*) FROM events)::INTEGER AS e, (SELECT sum(population) FROM pop_month)::BIGINT AS p, (SELECT count(*) FROM dossiers)::INTEGER AS d`;
    const before = (await sql(q))[0];
    const good = [person('birth', '2022-12-01', { birth_date: '2022-12-01' }), person('move_in', '2022-12-01')];
    const bad = { ...person('move_in', '2022-12-02'), unit: '99999' };
    const r = await post([...good, bad]);
    expect(r.status).toBe(422);
    expect(r.body.problems).toEqual([
      { index: 2, event_id: bad.event_id, field: 'unit', message: expect.stringContaining('99999') },
    ]);
    expect((await sql(q))[0]).toEqual(before);
  });

  const bad: [string, Record<string, unknown>, string][] = [
    ['an unknown sex', { sex: 'X' }, 'sex'],
    ['a date in the future', { occurred_at: '2099-01-01' }, 'occurred_at'],
    ['a date that does not exist', { occurred_at: '2022-02-30' }, 'occurred_at'],
    ['a date before the data start', { occurred_at: '2021-12-31' }, 'occurred_at'],
    ['a birth whose birth date is not its day', { type: 'birth', birth_date: '2022-01-01' }, 'birth_date'],
    ['a chip card for a 10-year-old', { type: 'id_card_issued', birth_date: '2012-05-05' }, 'birth_date'],
    ['VNeID without a level', { type: 'vneid_activated' }, 'level'],
    ['a population event in the district', { unit: DISTRICT }, 'unit'],
    ['a name (no personal data accepted)', { full_name: 'Nguyễn Văn A' }, 'full_name'],
    ['an event id with spaces', { event_id: 'a b' }, 'event_id'],
  ];
  it.each(bad)('rejects %s, naming the field', async (_, change, field) => {
    const r = await post([person('move_in', '2022-12-03', change)]);
    expect(r.status).toBe(422);
    expect(r.body.problems).toHaveLength(1);
    expect(r.body.problems[0]).toMatchObject({ index: 0, field });
  });

  it('refuses more than 10,000 events (413), a body that is not an array (400) and names a bad NDJSON line (400)', async () => {
    const many = Array.from({ length: 10_001 }, () => person('move_in', '2022-12-03'));
    expect((await post(many)).status).toBe(413);
    expect((await post({ event_id: 'x' })).status).toBe(400);
    const nd = `${JSON.stringify(person('move_in', '2022-12-03'))}\n{oops\n`;
    const r = await post(nd, { 'content-type': 'application/x-ndjson' });
    expect(r.status).toBe(400);
    expect(r.body.message).toMatch(/Dòng 2/);
    expect((await post([])).body).toMatchObject({ accepted: 0, duplicates: 0 });
  });

  it('takes NDJSON', async () => {
    const lines = [person('move_in', '2022-12-08'), person('move_in', '2022-12-09')]
      .map((e) => JSON.stringify(e))
      .join('\n');
    expect((await post(lines, { 'content-type': 'application/x-ndjson' })).body).toMatchObject({ accepted: 2 });
  });
});

describe('dossier events', () => {
  it('keep dossier_month and bundle_month equal to a rebuild from the dossiers', async () => {
    const procs = await sql(
      `SELECT procedure_code, level, bundle, bundle_step FROM procedures ORDER BY procedure_code`,
    );
    const commune = procs
      .filter((p) => p.level === 'commune' && p.bundle === null)
      .map((p) => String(p.procedure_code));
    const birthBundle = procs
      .filter((p) => p.bundle === 'birth')
      .sort((a, b) => Number(a.bundle_step) - Number(b.bundle_step));
    expect(commune.length).toBeGreaterThan(2);
    expect(birthBundle.length).toBeGreaterThanOrEqual(3);
    const at = (day: string, hh: string) => `${day}T${hh}:00+07:00`;
    const events: Record<string, unknown>[] = [];
    const dossier = (type: string, occurred: string, fields: Record<string, unknown>) =>
      events.push({ event_id: id(type), type, occurred_at: occurred, unit: NAM_TRUNG, dossier: fields });
    for (let i = 0; i < 12; i++) {
      const d = `T-${process.pid}-${i}`;
      dossier('dossier_received', at('2022-11-1' + (i % 9), '08:15'), {
        dossier_id: d,
        procedure_code: commune[i % commune.length],
        channel: i % 3 === 0 ? 'counter' : 'online',
        eid_authenticated: i % 2 === 0,
        population_data_reused: i % 4 === 0,
        applicant_had_eid: i % 5 !== 0,
        eid_enrolled_on_site: i % 5 === 0,
      });
      if (i % 4 === 1) dossier('dossier_supplement', at('2022-11-20', '10:00'), { dossier_id: d });
      if (i % 3 !== 2)
        dossier('dossier_resolved', at(i % 2 ? '2022-12-02' : '2022-11-25', '15:00'), {
          dossier_id: d,
          result_digitised: i % 2 === 0,
          satisfaction: 1 + (i % 5),
        });
    }
    // A birth bundle: its three steps resolved, in December.
    const ref = `B-${process.pid}`;
    birthBundle.slice(0, 3).forEach((p, k) => {
      const d = `${ref}-${k}`;
      dossier('dossier_received', at('2022-12-01', '09:00'), {
        dossier_id: d,
        procedure_code: p.procedure_code,
        channel: 'online',
        bundle_ref: ref,
      });
      dossier('dossier_resolved', at('2022-12-05', '09:00'), { dossier_id: d });
    });
    const r = await post(events);
    expect(r.status, JSON.stringify(r.body).slice(0, 500)).toBe(200);
    const live = await sql(
      `SELECT unit_id, month::VARCHAR AS month, procedure_code, channel, * EXCLUDE (unit_id, month, procedure_code, channel) FROM dossier_month ORDER BY ALL`,
    );
    const bundlesLive = await sql(
      `SELECT unit_id, month::VARCHAR AS month, bundle, bundles_started, bundles_completed FROM bundle_month WHERE bundles_started <> 0 OR bundles_completed <> 0 ORDER BY ALL`,
    );
    // Rebuild both cubes from the dossiers table, as an import does, and compare.
    await ctx.pool.use(async (c) => {
      await c.run('BEGIN TRANSACTION');
      await c.run('CREATE OR REPLACE TEMP TABLE dossier_units_touched AS SELECT DISTINCT unit_id FROM dossiers');
      await rebuildDossierMonth(c);
      await rebuildBundleMonth(c);
      await c.run('COMMIT');
    });
    const rebuilt = await sql(
      `SELECT unit_id, month::VARCHAR AS month, procedure_code, channel, * EXCLUDE (unit_id, month, procedure_code, channel) FROM dossier_month ORDER BY ALL`,
    );
    const bundlesRebuilt = await sql(
      `SELECT unit_id, month::VARCHAR AS month, bundle, bundles_started, bundles_completed FROM bundle_month ORDER BY ALL`,
    );
    expect(live.length).toBe(rebuilt.length);
    const round = (r: Record<string, unknown>) => ({
      ...r,
      resolution_days_sum: Math.round(Number(r.resolution_days_sum) * 1e6) / 1e6,
    });
    expect(live.map(round)).toEqual(rebuilt.map(round));
    expect(bundlesLive).toEqual(bundlesRebuilt);
    const dec = bundlesRebuilt.filter(
      (b) => b.unit_id === NAM_TRUNG && b.month === '2022-12-01' && b.bundle === 'birth',
    );
    expect(Number(dec[0]?.bundles_completed)).toBeGreaterThanOrEqual(1);
  });

  it('refuses to resolve a dossier that was never received, or one already resolved', async () => {
    const r = await post([
      {
        event_id: id('r'),
        type: 'dossier_resolved',
        occurred_at: '2022-12-01',
        unit: NAM_TRUNG,
        dossier: { dossier_id: 'never-received' },
      },
    ]);
    expect(r.status).toBe(422);
    expect(r.body.problems[0]).toMatchObject({ field: 'dossier.dossier_id' });
    const code = String(
      (await sql(`SELECT procedure_code FROM procedures WHERE level = 'commune' LIMIT 1`))[0].procedure_code,
    );
    const d = `twice-${process.pid}`;
    const rec = {
      event_id: id('r'),
      type: 'dossier_received',
      occurred_at: '2022-12-01',
      unit: NAM_TRUNG,
      dossier: { dossier_id: d, procedure_code: code, channel: 'online' },
    };
    const res = (n: number) => ({
      event_id: id(`res${n}`),
      type: 'dossier_resolved',
      occurred_at: '2022-12-02',
      unit: NAM_TRUNG,
      dossier: { dossier_id: d },
    });
    const twice = await post([rec, res(1), res(2)]);
    expect(twice.status).toBe(422);
    expect(twice.body.problems).toEqual([expect.objectContaining({ index: 2, field: 'dossier.dossier_id' })]);
  });
});

describe('event files for npm run import', () => {
  it('applies an NDJSON file once, and names the line and field of a bad event', async () => {
    const dir = join('tests', '.tmp', 'api-events', `files-${process.pid}`);
    mkdirSync(dir, { recursive: true });
    const evs = [
      person('move_in', '2022-12-14'),
      person('move_in', '2022-12-14'),
      person('birth', '2022-12-14', { birth_date: '2022-12-14' }),
    ];
    writeFileSync(join(dir, 'events-2022-12.ndjson'), `${evs.map((e) => JSON.stringify(e)).join('\n')}\n`);
    const q = `SELECT sum(population)::INTEGER AS p FROM pop_month WHERE unit_id = '${NAM_TRUNG}' AND month = '2022-12-01'`;
    const p0 = Number((await sql(q))[0].p);
    const first = await ctx.pool.use((c) => importEventFiles(c, dir));
    expect(first).toEqual({
      files: [{ file: 'events-2022-12.ndjson', events: 3, accepted: 3, duplicates: 0 }],
      errors: [],
    });
    const again = await ctx.pool.use((c) => importEventFiles(c, dir));
    expect(again.files[0]).toMatchObject({ accepted: 0, duplicates: 3 });
    expect(Number((await sql(q))[0].p) - p0).toBe(3);

    writeFileSync(
      join(dir, 'events-z-bad.ndjson'),
      `${JSON.stringify(person('move_in', '2022-12-14'))}\n\n${JSON.stringify({ ...person('move_in', '2022-12-14'), sex: 'X' })}\n`,
    );
    const bad = await ctx.pool.use((c) => importEventFiles(c, dir));
    expect(bad.errors).toEqual([{ file: 'events-z-bad.ndjson', line: 3, column: 'sex', reason: expect.any(String) }]);
    expect(Number((await sql(q))[0].p) - p0).toBe(3);
  });
});

/** Server-sent events from /api/live as the test's session, until `until` says stop. */
const stream = (
  headers: Record<string, string>,
  until: (events: LiveMessage[]) => boolean,
  timeout = 15_000,
  onOpen?: () => void,
) => readLive(base, { ...session.headers, ...headers }, until, timeout, onOpen);

describe('the live stream', () => {
  it('pushes the changed values of the posted batch; a reconnect with Last-Event-ID gets what it missed', async () => {
    await app.live.hub.idle();
    const before = (await rows('count_vneid_accounts', NAM_TRUNG, '2022-12', '2022-12'))[0];
    let batch = 0;
    let opened!: () => void;
    const open = new Promise<void>((resolve) => (opened = resolve));
    const hasBatch = (e: LiveMessage) =>
      e.event === 'changes' && (JSON.parse(e.data).batches as number[]).includes(batch);
    const first = stream({}, (ev) => ev.some(hasBatch), 15_000, opened);
    // subscribed once the stream's head has come (or failed: then the race rejects)
    await Promise.race([open, first]);
    const r = await post([
      person('vneid_activated', '2022-12-10', { level: 2 }),
      person('vneid_activated', '2022-12-11', { level: 1 }),
    ]);
    batch = r.body.batch_id;
    const events = await first;
    const msg = JSON.parse(events.find((e) => (JSON.parse(e.data).batches as number[]).includes(batch))!.data);
    const change = msg.changes.find(
      (c: { unit: string; indicator: string }) => c.unit === NAM_TRUNG && c.indicator === 'count_vneid_accounts',
    );
    expect(change).toMatchObject({ period: '2022-12', previous: before.value, value: before.value! + 2 });
    expect(msg.data_version).toBe(r.body.data_version);

    // Disconnected: one more batch; reconnecting with the last id replays it.
    const lastId = events.at(-1)!.id;
    const r2 = await post([person('vneid_activated', '2022-12-12', { level: 1 })]);
    await app.live.hub.idle();
    const replay = await stream({ 'last-event-id': lastId }, (ev) =>
      ev.some((e) => (JSON.parse(e.data).batches as number[] | undefined)?.includes(r2.body.batch_id)),
    );
    expect(replay[0].event).toBe('changes');
    // An id from another server run cannot be replayed: reset.
    const reset = await stream({ 'last-event-id': 'deadbeef.3' }, (ev) => ev.length > 0);
    expect(reset[0].event).toBe('reset');
  });

  it('sends each subscriber only the units of its scope', async () => {
    const got: string[] = [];
    const unsubscribe = app.live.hub.subscribe({
      scope: makeScope([NAM_TRUNG]),
      send: (_i, _e, data) => (got.push(data), true),
      close: () => undefined,
    });
    const r = await post([
      person('vneid_activated', '2022-12-13', { level: 2 }),
      { ...person('vneid_activated', '2022-12-13', { level: 2 }), unit: '10630' },
    ]);
    expect(r.body).toMatchObject({ accepted: 2 });
    await app.live.hub.idle();
    unsubscribe();
    const units = new Set(got.flatMap((d) => (JSON.parse(d).changes as { unit: string }[]).map((c) => c.unit)));
    expect(units.has(NAM_TRUNG)).toBe(true);
    expect(units.has('10630')).toBe(false);
    // the district is an aggregate Nam Trung is part of: it may compare with it
    expect([...units].every((u) => u === NAM_TRUNG || u === DISTRICT)).toBe(true);
  });
});
