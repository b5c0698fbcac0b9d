// Attacks through input (security review, issue 12): live events must not tell another commune's
// dossiers or event ids from ones that do not exist, and every refused batch is audited; a name that a
// spreadsheet would run as a formula leaves every CSV as text; the view export prints the app's own
// screens only and refuses anything else at once (400), without holding a Chromium slot.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { parseString } from '@fast-csv/parse';
import { openStore } from '../../data/pipeline/store.ts';
import { buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { openContext, type Context } from '../../server/context.ts';
import { csvCell } from '../../server/exports/csv.ts';
import { buildDemoStore } from '../helpers/demo-store.ts';
import { signIn, type Signed } from '../helpers/auth.ts';

const DISTRICT = '291';
const NAM_TRUNG = '10633';
const OTHER = '10627';
/** Written into the store of this test: the importer now refuses such names (tests/unit/import-formula.test.ts). */
const UNIT_NAME = '=HYPERLINK("http://x","y")';
const MINUS_NAME = "-2+3+cmd|' /C calc'!A0";
const TARGET_TITLE = '@SUM(A1:A9)';

let app: FastifyInstance;
let ctx: Context;
let namTrung: Signed;
let other: Signed;
let district: Signed;
let chromiumPath: string | undefined;
/** a third commune, named MINUS_NAME here */
let third = '';
let seq = 0;
const id = (p: string) => `atk-${p}-${process.pid}-${++seq}`;
const sql = async (text: string) => (await ctx.pool.use((c) => c.runAndReadAll(text))).getRowObjectsJson();

const post = async (who: Signed, events: unknown[]) => {
  const res = await app.inject({
    method: 'POST',
    url: '/api/events',
    payload: JSON.stringify(events),
    headers: { ...who.headers, 'content-type': 'application/json' },
  });
  return { status: res.statusCode, body: res.json() };
};
const dossierEvent = (type: string, unit: string, dossier: Record<string, unknown>, day = '2022-12-20') => ({
  event_id: id(type),
  type,
  occurred_at: `${day}T09:30:00+07:00`,
  unit,
  dossier,
});
const birth = (unit: string, eventId: string) => ({
  event_id: eventId,
  type: 'birth',
  occurred_at: '2022-12-10T08:00:00+07:00',
  unit,
  sex: 'M',
  birth_date: '2022-12-10',
  residence: 'permanent',
});
const csvRows = (text: string) =>
  new Promise<string[][]>((resolve, reject) => {
    const rows: string[][] = [];
    parseString(text.replace(/^\uFEFF/, ''), { headers: false })
      .on('data', (r: string[]) => rows.push(r))
      .on('error', reject)
      .on('end', () => resolve(rows));
  });

beforeAll(async () => {
  const { db } = await buildDemoStore(join('tests', '.tmp', 'api-attacks-input'));
  // Names an old import (or a hand edit) left in the store: the exports must keep them as text.
  const store = await openStore(db);
  try {
    const sibling = await store.connection.runAndReadAll(
      `SELECT min(unit_id) AS u FROM units WHERE parent_id = '${DISTRICT}' AND unit_id NOT IN ('${NAM_TRUNG}', '${OTHER}')`,
    );
    third = String(sibling.getRowObjectsJson()[0].u);
    await store.connection.run(
      `UPDATE units SET name = '${UNIT_NAME.replaceAll("'", "''")}' WHERE unit_id = '${OTHER}'`,
    );
    await store.connection.run(
      `UPDATE units SET name = '${MINUS_NAME.replaceAll("'", "''")}' WHERE unit_id = '${third}'`,
    );
    await store.connection.run(
      `UPDATE targets SET title_vi = '${TARGET_TITLE}', title_en = '${TARGET_TITLE}' WHERE target_id = (SELECT min(target_id) FROM targets)`,
    );
  } finally {
    store.connection.closeSync();
    store.instance.closeSync();
  }
  // No Chromium here: a screen path passes every check and then answers 503; anything else is 400 before.
  chromiumPath = process.env.CHROMIUM_PATH;
  process.env.CHROMIUM_PATH = join('tests', '.tmp', 'no-chromium-here');
  ctx = await openContext(loadConfig({ IOC_DB: db, IOC_DEMO: 'false', LOG_LEVEL: 'silent', IOC_CACHE: '0' }));
  app = await buildApp(ctx, { logger: false });
  namTrung = await signIn(app, ctx, { role: 'admin', unit: NAM_TRUNG });
  other = await signIn(app, ctx, { role: 'admin', unit: OTHER });
  district = await signIn(app, ctx, { role: 'admin', unit: DISTRICT });
}, 180_000);

afterAll(async () => {
  await app?.close();
  await ctx?.close();
  if (chromiumPath === undefined) delete process.env.CHROMIUM_PATH;
  else process.env.CHROMIUM_PATH = chromiumPath;
});

describe('POST /api/events does not reveal another unit’s dossiers (issue 12)', () => {
  it('answers a dossier of another commune exactly as a dossier that does not exist', async () => {
    const theirs = (
      await sql(
        `SELECT dossier_id FROM dossiers WHERE unit_id = '${OTHER}' AND status IN ('received', 'processing', 'supplement') ORDER BY dossier_id LIMIT 2`,
      )
    ).map((r) => String(r.dossier_id));
    expect(theirs).toHaveLength(2);
    const missing = [`${OTHER}-209912-00001`, `${OTHER}-209912-00002`];
    const events = [
      dossierEvent('dossier_resolved', NAM_TRUNG, { dossier_id: theirs[0], result_digitised: true }),
      dossierEvent('dossier_resolved', NAM_TRUNG, { dossier_id: missing[0], result_digitised: true }),
      dossierEvent('dossier_supplement', NAM_TRUNG, { dossier_id: theirs[1] }),
      dossierEvent('dossier_supplement', NAM_TRUNG, { dossier_id: missing[1] }),
    ];
    const r = await post(namTrung, events);
    expect(r.status).toBe(422);
    const problems = r.body.problems as { index: number; field: string; message: string }[];
    expect(problems.map((p) => p.index)).toEqual([0, 1, 2, 3]);
    const ids = [theirs[0], missing[0], theirs[1], missing[1]];
    // the same field and the same words, the id aside; the other commune is never named
    const shapes = problems.map((p, i) => ({ field: p.field, message: p.message.replaceAll(ids[i], '<id>') }));
    expect(new Set(shapes.map((s) => JSON.stringify(s))).size).toBe(1);
    expect(shapes[0]).toEqual({
      field: 'dossier.dossier_id',
      message: `không có hồ sơ "<id>" của đơn vị ${NAM_TRUNG} / no dossier "<id>" in unit ${NAM_TRUNG} (it must be received first)`,
    });
    for (const p of problems) expect(p.message).not.toContain(`đơn vị ${OTHER}`);
  });

  it('receives an id that another commune’s dossier holds as a fresh one, and leaves that dossier alone', async () => {
    const [theirs] = await sql(
      `SELECT dossier_id, status, strftime(received_at, '%Y-%m-%d %H:%M:%S') AS received_at FROM dossiers WHERE unit_id = '${OTHER}' ORDER BY dossier_id LIMIT 1`,
    );
    const [proc] = await sql(
      `SELECT procedure_code FROM procedures WHERE level = 'commune' ORDER BY procedure_code LIMIT 1`,
    );
    const cube = `SELECT coalesce(sum(received), 0)::INTEGER AS received, coalesce(sum(resolved), 0)::INTEGER AS resolved FROM dossier_month WHERE unit_id = '${OTHER}'`;
    const before = await sql(cube);
    const receive = (dossierId: string) =>
      dossierEvent(
        'dossier_received',
        NAM_TRUNG,
        { dossier_id: dossierId, procedure_code: proc.procedure_code, channel: 'online' },
        '2022-12-01',
      );
    const resolve = (dossierId: string) =>
      dossierEvent('dossier_resolved', NAM_TRUNG, { dossier_id: dossierId, result_digitised: true }, '2022-12-02');
    const fresh = id('fresh-dossier');
    for (const dossierId of [String(theirs.dossier_id), fresh]) {
      expect(await post(namTrung, [receive(dossierId)]), dossierId).toMatchObject({
        status: 200,
        body: { accepted: 1, duplicates: 0 },
      });
      expect(await post(namTrung, [resolve(dossierId)]), dossierId).toMatchObject({
        status: 200,
        body: { accepted: 1, duplicates: 0 },
      });
      // received again by the same commune: its own dossier, so it may say so
      const again = await post(namTrung, [receive(dossierId)]);
      expect(again.status).toBe(422);
      expect(again.body.problems[0].message).toContain('already received');
    }
    const [after] = await sql(
      `SELECT unit_id, status, strftime(received_at, '%Y-%m-%d %H:%M:%S') AS received_at FROM dossiers WHERE dossier_id = '${theirs.dossier_id}'`,
    );
    expect(after).toEqual({ unit_id: OTHER, status: theirs.status, received_at: theirs.received_at });
    expect(await sql(cube)).toEqual(before);
  });

  it('keeps a commune out of another commune’s linked bundle: naming its bundle_ref neither joins, moves nor reveals it', async () => {
    const steps = await sql(`SELECT procedure_code FROM procedures WHERE bundle = 'birth' ORDER BY bundle_step`);
    const ref = id('LT');
    const bundles = async (unit: string) =>
      sql(
        `SELECT month::VARCHAR AS month, bundles_started, bundles_completed FROM bundle_month WHERE unit_id = '${unit}' AND bundle = 'birth' AND (bundles_started <> 0 OR bundles_completed <> 0) ORDER BY month`,
      );
    // the other commune starts a bundle on 20 December
    const theirs = id('their-bundle');
    expect(
      (
        await post(other, [
          dossierEvent(
            'dossier_received',
            OTHER,
            { dossier_id: theirs, procedure_code: steps[0].procedure_code, channel: 'counter', bundle_ref: ref },
            '2022-12-20',
          ),
        ])
      ).status,
    ).toBe(200);
    const before = { theirs: await bundles(OTHER), mine: await bundles(NAM_TRUNG) };
    // Nam Trung names the same ref, earlier (the bundle's unit is that of its first dossier): its own bundle, the other's unchanged
    const mine = id('my-bundle');
    expect(
      (
        await post(namTrung, [
          dossierEvent(
            'dossier_received',
            NAM_TRUNG,
            { dossier_id: mine, procedure_code: steps[1].procedure_code, channel: 'counter', bundle_ref: ref },
            '2022-11-05',
          ),
        ])
      ).status,
    ).toBe(200);
    expect(await bundles(OTHER)).toEqual(before.theirs);
    const started = (rows: Record<string, unknown>[], month: string) =>
      Number(rows.find((r) => r.month === month)?.bundles_started ?? 0);
    expect(started(await bundles(NAM_TRUNG), '2022-11-01')).toBe(started(before.mine, '2022-11-01') + 1);
    const refs = await sql(
      `SELECT unit_id, bundle_ref FROM dossiers WHERE dossier_id IN ('${theirs}', '${mine}') ORDER BY unit_id`,
    );
    expect(refs).toEqual(
      [
        { unit_id: NAM_TRUNG, bundle_ref: `${ref}|${NAM_TRUNG}` },
        { unit_id: OTHER, bundle_ref: ref },
      ].sort((a, b) => a.unit_id.localeCompare(b.unit_id)),
    );
  });

  it('treats an event_id another commune used as a fresh one: applied, not a duplicate, and named when it is wrong', async () => {
    const used = id('used-by-other');
    expect(await post(other, [birth(OTHER, used)])).toMatchObject({
      status: 200,
      body: { accepted: 1, duplicates: 0 },
    });
    // a probe that the batch's problems would answer: ids seen before used to be left out of the list
    const probe = [
      { ...dossierEvent('dossier_resolved', NAM_TRUNG, { dossier_id: 'atk-none-1' }), event_id: used },
      { ...dossierEvent('dossier_resolved', NAM_TRUNG, { dossier_id: 'atk-none-2' }), event_id: id('never-used') },
    ];
    const refused = await post(namTrung, probe);
    expect(refused.status).toBe(422);
    expect(refused.body.problems.map((p: { index: number }) => p.index)).toEqual([0, 1]);
    expect(await post(namTrung, [birth(NAM_TRUNG, used)])).toMatchObject({
      status: 200,
      body: { accepted: 1, duplicates: 0 },
    });
    // idempotency still holds for each unit's own events
    expect(await post(namTrung, [birth(NAM_TRUNG, used)])).toMatchObject({
      status: 200,
      body: { accepted: 0, duplicates: 1 },
    });
    expect(await post(other, [birth(OTHER, used)])).toMatchObject({
      status: 200,
      body: { accepted: 0, duplicates: 1 },
    });
    const units = await sql(
      `SELECT unit_id FROM events WHERE split_part(event_id, '|', 1) = '${used}' ORDER BY unit_id`,
    );
    expect(units.map((r) => r.unit_id)).toEqual([OTHER, NAM_TRUNG]);
  });

  it('writes one audit record for each refused batch, with how many events were refused', async () => {
    const route = { route: '/api/events', account: namTrung.username };
    const before = (await ctx.audit.query({ ...route, limit: 1000 })).rows.map((r) => r.seq);
    const events = [
      dossierEvent('dossier_resolved', NAM_TRUNG, { dossier_id: 'atk-audit-1' }),
      dossierEvent('dossier_resolved', NAM_TRUNG, { dossier_id: 'atk-audit-2' }),
      birth(NAM_TRUNG, id('audit-birth')),
    ];
    expect((await post(namTrung, events)).status).toBe(422);
    let rows: Awaited<ReturnType<Context['audit']['query']>>['rows'] = [];
    for (let i = 0; i < 40 && rows.length === 0; i++) {
      await new Promise((r) => setTimeout(r, i === 0 ? 0 : 10));
      rows = (await ctx.audit.query({ ...route, limit: 1000 })).rows.filter((r) => !before.includes(r.seq));
    }
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      action: 'refused',
      status: 422,
      account: namTrung.username,
      route: '/api/events',
      method: 'POST',
      units: [NAM_TRUNG],
    });
    expect(rows[0].detail).toBe('422: 2 of 3 events refused, nothing applied');
  });
});

describe('CSV cells that a spreadsheet would run as formulas (issue 12)', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+1', "'+1"],
    ['-2+3+cmd', "'-2+3+cmd"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['\r=1', `"'\r=1"`],
    [UNIT_NAME, `"'=HYPERLINK(""http://x"",""y"")"`],
    ['Xã Nam Trung', 'Xã Nam Trung'],
    ['a, b', '"a, b"'],
    ['1 = 1', '1 = 1'],
    [-3, '-3'],
    [0.25, '0.25'],
    [null, ''],
    [['10633', '=x'], '10633 =x'],
  ] as [unknown, string][])('csvCell(%j) is %j', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it('/api/admin/audit.csv writes a user name tried at sign-in that starts like a formula as text', async () => {
    const name = '=hyperlink("http://x","y")';
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: name, password: 'not-the-password' },
        })
      ).statusCode,
    ).toBe(401);
    await ctx.audit.drain();
    const res = await app.inject({
      method: 'GET',
      url: '/api/admin/audit.csv?action=login_failed',
      headers: district.headers,
    });
    expect(res.statusCode).toBe(200);
    const rows = await csvRows(res.body);
    const account = rows[0].indexOf('account');
    expect(rows.slice(1).map((r) => r[account])).toContain(`'${name}`);
    expect(rows.flat().filter((cell) => /^[=+\-@\t\r]/.test(cell))).toEqual([]);
  });

  it('/api/export/indicator.csv writes a unit name starting with = or - as text', async () => {
    for (const lang of ['vi', 'en']) {
      const res = await app.inject({
        method: 'GET',
        url: `/api/export/indicator.csv?indicator=births&unit=${DISTRICT}&by=unit&from=2022-01&to=2022-12&lang=${lang}`,
        headers: district.headers,
      });
      expect(res.statusCode).toBe(200);
      const rows = await csvRows(res.body);
      expect(rows.find((r) => r[1] === OTHER)?.[0], lang).toBe(`'${UNIT_NAME}`);
      expect(rows.find((r) => r[1] === third)?.[0], lang).toBe(`'${MINUS_NAME}`);
      // and no cell of the file starts like a formula
      for (const r of rows)
        for (const cell of r) if (!/^-?\d/.test(cell)) expect(cell, `${lang}: ${cell}`).not.toMatch(/^[=+\-@\t\r]/);
    }
  });

  it('/api/export/targets.csv writes a target title starting with @ as text', async () => {
    const res = await app.inject({
      method: 'GET',
      url: `/api/export/targets.csv?unit=${DISTRICT}`,
      headers: district.headers,
    });
    expect(res.statusCode).toBe(200);
    const rows = await csvRows(res.body);
    expect(rows.filter((r) => r[1].includes(TARGET_TITLE)).map((r) => r[1])).toEqual([`'${TARGET_TITLE}`]);
    for (const r of rows) for (const cell of r) if (!/^-?\d/.test(cell)) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });
});

describe('GET /api/export/view.pdf|png prints the app’s screens only (issue 12)', () => {
  const view = (format: 'pdf' | 'png', path: string, headers: Record<string, string> = {}) =>
    app.inject({
      method: 'GET',
      url: `/api/export/view.${format}?path=${encodeURIComponent(path)}`,
      headers: { ...district.headers, ...headers },
    });

  it('refuses every path that is not a screen with 400, at once', async () => {
    const bad = [
      '/%61pi/units',
      '/api/units',
      '/api/export/view.pdf?path=/',
      '/%64ocs',
      '/docs',
      '/docs/',
      '/%E0%A4%A',
      '/map%E0%A4%A',
      '/s/abcdefgh',
      '//evil.example/x',
      '/fonts/Noto%20Sans%20Regular/0-255.pbf',
      '/assets/index.js',
      '/admin%2Faudit',
      '/admin%2faudit',
      '/map/../api/units',
      '/map/',
      '/targets//',
      '/%252Fapi',
      'http://evil.example/',
      'map',
      '/\\evil.example',
      '/map#x',
      '/ma\tp',
      '/admin',
      '/overview',
      '/wall/x',
    ];
    for (const format of ['pdf', 'png'] as const) {
      for (const path of bad) {
        const t0 = Date.now();
        const res = await view(format, path, { 'accept-language': 'en' });
        expect(res.statusCode, `${format} ${path}`).toBe(400);
        expect(Date.now() - t0, path).toBeLessThan(2000);
        expect(res.json().message, path).toMatch(
          /^Cannot export the path ".*": (it is not a screen of this app|it holds|it may not hold)/,
        );
      }
    }
  });

  it('says what was wrong: a broken escape, an encoded slash, or not a screen (listing the screens)', async () => {
    const message = async (path: string, lang = 'en') =>
      (await view('pdf', path, { 'accept-language': lang })).json().message as string;
    expect(await message('/%E0%A4%A')).toContain('broken "%" escape');
    expect(await message('/admin%2Faudit')).toContain('encoded slash');
    expect(await message('/%61pi/units')).toBe(
      'Cannot export the path "/%61pi/units": it is not a screen of this app. The screens: /, /map, /targets, /procedures, /index766, /population, /forecast, /tasks, /briefs, /catalog, /wall, /admin/accounts, /admin/keys, /admin/audit, /admin/imports.',
    );
    expect(await message('/docs', 'vi')).toContain('không phải màn hình của ứng dụng');
  });

  it('takes each screen of the app (here: 503, as no Chromium is installed, after every check)', async () => {
    for (const path of [
      '/',
      '/?unit=291',
      '/map',
      '/targets?unit=10633&target=D02',
      '/procedures',
      '/index766?grain=quarter&to=2026-06',
      '/population',
      '/forecast',
      '/wall?screens=overview,map&every=30',
      '/admin/accounts',
      '/admin/audit?action=refused',
      '/catalog?q=d%C3%A2n',
      '/tasks?by=section&mine=1',
      '/admin/keys',
      '/%6Dap',
    ]) {
      const res = await view('png', path);
      expect(res.statusCode, path).toBe(503);
      expect(res.json().error, path).toBe('chromium_missing');
    }
  });
});
