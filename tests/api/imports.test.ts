// Issue 15: imports through the running server. Upload → preview (nothing written) → commit (one transaction,
// a new data version, open streams told to reload) → undo (the store exactly as before). Files that may not be
// read (a zip that climbs out, a zip bomb, too big), rows outside the admin's units, two imports at once, and the
// inbox folder. Expected values are computed here from the files the test writes and from the store read
// directly, never from the import code's own answers.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import JSZip from 'jszip';
import ExcelJS from 'exceljs';
import { buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { openContext, type Context } from '../../server/context.ts';
import type { ImportJob } from '../../server/contracts/imports.ts';
import type { AuditRow } from '../../server/audit/log.ts';
import { buildDemoStore } from '../helpers/demo-store.ts';
import { signIn, type Signed } from '../helpers/auth.ts';
import { files, multipart } from '../helpers/multipart.ts';
import { readLive } from '../helpers/live-stream.ts';

const DIR = join('tests', '.tmp', 'api-imports');
const INBOX = join(DIR, 'inbox');
const NAM_TRUNG = '10633';
const OTHER = '10627';

let app: FastifyInstance;
let ctx: Context;
let admin: Signed;
let communeAdmin: Signed;
let leader: Signed;
let header: string[];
let rows: string[][];

const csv = (head: string[], body: string[][]) => [head, ...body].map((r) => r.join(',')).join('\n') + '\n';
const col = (name: string) => header.indexOf(name);

const upload = (s: Signed, parts: Parameters<typeof multipart>[0]) => {
  const body = multipart(parts);
  return app.inject({
    method: 'POST',
    url: '/api/admin/imports',
    headers: { ...s.headers, ...body.headers },
    payload: body.payload,
  });
};
const post = (s: Signed, url: string) => app.inject({ method: 'POST', url, headers: s.headers });
const settled = async (id: string): Promise<ImportJob> => {
  await app.imports.settled(id);
  const res = await app.inject({ method: 'GET', url: `/api/admin/imports/${id}`, headers: admin.headers });
  expect(res.statusCode).toBe(200);
  return res.json<ImportJob>();
};
const one = async (sql: string) => {
  const c = await ctx.instance.connect();
  try {
    return (await c.runAndReadAll(sql)).getRowObjectsJson()[0];
  } finally {
    c.closeSync();
  }
};
/** A fingerprint of whole tables: row count and an order-free hash of every row. */
const fingerprint = async () =>
  JSON.stringify(
    await one(`SELECT
      (SELECT count(*) FROM dossiers)::VARCHAR AS n, (SELECT bit_xor(hash(d)) FROM dossiers d)::VARCHAR AS d,
      (SELECT bit_xor(hash(m)) FROM dossier_month m)::VARCHAR AS m,
      (SELECT bit_xor(hash(b)) FROM bundle_month b)::VARCHAR AS b,
      (SELECT bit_xor(hash(x)) FROM datasets x)::VARCHAR AS x,
      (SELECT count(*) FROM import_log)::VARCHAR AS logged`),
  );
const dataVersion = async () => Number((await one(`SELECT value FROM store_meta WHERE key = 'data_version'`)).value);

/** Ten dossiers of Nam Trung from the demo: 5 as they are, 2 changed (satisfaction), 3 new ids. */
function dossierFile(): { text: string; changed: string[]; added: string[]; months: string[] } {
  const ours = rows.filter((r) => r[col('unit_id')] === NAM_TRUNG && r[col('status')] === 'resolved').slice(0, 7);
  const changed = ours.slice(5, 7).map((r) => {
    const copy = [...r];
    copy[col('satisfaction')] = copy[col('satisfaction')] === '1' ? '2' : '1';
    return copy;
  });
  const added = ours.slice(0, 3).map((r, i) => {
    const copy = [...r];
    copy[col('dossier_id')] = `${NAM_TRUNG}-IMPORT-${i + 1}`;
    return copy;
  });
  // the cube cells they touch: received in a month, resolved (and rated) in a month
  const months = [...changed, ...added].flatMap((r) => [r[col('received_at')], r[col('resolved_at')]]);
  return {
    months: [...new Set(months.map((m) => m.slice(0, 7)))].sort(),
    text: csv(header, [...ours.slice(0, 5), ...changed, ...added]),
    changed: changed.map((r) => r[col('dossier_id')]),
    added: added.map((r) => r[col('dossier_id')]),
  };
}

beforeAll(async () => {
  const { db, files: demo } = await buildDemoStore(DIR);
  // the generator's dossiers hold no quoted field: a line is its fields
  const lines = readFileSync(join(demo, 'dossiers.csv'), 'utf8').trim().split('\n');
  header = lines[0].split(',');
  rows = lines.slice(1).map((l) => l.split(','));
  expect(rows.every((r) => r.length === header.length)).toBe(true);
  rmSync(INBOX, { recursive: true, force: true });
  ctx = await openContext(
    loadConfig({
      IOC_DB: db,
      IOC_DEMO: 'false',
      LOG_LEVEL: 'silent',
      IOC_UPLOAD_MB: '2',
      IOC_IMPORT_DIR: join(DIR, 'jobs'),
      IOC_INBOX: INBOX,
      IOC_INBOX_POLL_MS: '3600000',
    }),
  );
  app = await buildApp(ctx, { logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  admin = await signIn(app, ctx, { role: 'admin', unit: '291', username: 'admin.imports' });
  communeAdmin = await signIn(app, ctx, { role: 'admin', unit: NAM_TRUNG, username: 'admin.imports.nt' });
  leader = await signIn(app, ctx, { role: 'leader', unit: NAM_TRUNG, username: 'leader.imports' });
}, 240_000);

afterAll(async () => {
  await app?.close();
  await ctx?.close();
});

describe('upload, preview, commit, undo (issue 15)', () => {
  it('previews what would change without writing, commits as one new data version, and takes it back', async () => {
    const before = await fingerprint();
    const version = await dataVersion();
    const file = dossierFile();
    const res = await upload(admin, files(['dossiers-2022-12.csv', file.text]));
    expect(res.statusCode).toBe(202);
    const id = res.json<ImportJob>().id;

    const preview = await settled(id);
    expect(preview.message).toBe(null);
    expect(preview.errors).toEqual([]);
    expect(preview.status).toBe('preview');
    for (const url of [`/api/targets?unit=${NAM_TRUNG}`, `/api/indicators/dossiers_received?unit=${NAM_TRUNG}`])
      expect((await app.inject({ method: 'GET', url, headers: leader.headers })).statusCode).toBe(200);
    expect(preview.errors).toEqual([]);
    expect(preview.can_commit).toBe(true);
    const f = preview.preview!.files[0];
    expect(f).toMatchObject({ file: 'dossiers-2022-12.csv', kind: 'dossiers', format: 'csv', rows: 10 });
    expect(f.changes).toEqual({ added: 3, replaced: 2, unchanged: 5 });
    expect(f.units).toEqual([NAM_TRUNG]);
    expect(f.columns).toContainEqual({ column: 'dossier_id', header: 'dossier_id' });
    expect(preview.preview!.indicators).toContain('dossiers_received');
    expect(preview.preview!.indicators).not.toContain('population');
    // the months whose cube rows change: exactly those of the changed and the new dossiers
    const cube = preview.preview!.tables.find((t) => t.table === 'dossier_month')!;
    expect(cube.months).toEqual(file.months);
    // Decision 766's cube changes in those months too, and in the month of the dossiers' data date: a file without a
    // manifest dates the dossiers to their last day (2022-12-30, the demo's manifest said 2022-12-31), and the
    // stocks of service_month are taken at that date
    const service = preview.preview!.tables.find((t) => t.table === 'service_month')!;
    expect(service.months).toEqual([...file.months, '2022-12']);
    expect(preview.preview!.months).toEqual({ from: file.months[0], to: '2022-12' });
    // nothing written yet
    expect(await fingerprint()).toBe(before);
    expect(await dataVersion()).toBe(version);

    // a leader may not commit; the admin may
    expect((await post(leader, `/api/admin/imports/${id}/commit`)).statusCode).toBe(403);
    const live = readLive(`http://127.0.0.1:${(app.server.address() as { port: number }).port}`, leader.headers, (m) =>
      m.some((x) => x.event === 'reset'),
    );
    await new Promise((r) => setTimeout(r, 200));
    const commit = await post(admin, `/api/admin/imports/${id}/commit`);
    expect(commit.statusCode).toBe(202);
    const done = await settled(id);
    expect(done.status).toBe('done');
    expect(done.data_version).toBe(version + 1);
    expect(await dataVersion()).toBe(version + 1);
    expect(done.can_undo).toBe(true);
    // readers go on: the same questions as before the commit are answered on the new version
    for (const url of [`/api/targets?unit=${NAM_TRUNG}`, `/api/indicators/dossiers_received?unit=${NAM_TRUNG}`]) {
      const r = await app.inject({ method: 'GET', url, headers: leader.headers });
      expect(r.statusCode, `${url}: ${r.body.slice(0, 200)}`).toBe(200);
    }
    const reset = (await live).find((m) => m.event === 'reset')!;
    expect(JSON.parse(reset.data)).toMatchObject({ reason: 'import', data_version: version + 1 });

    // the store holds the file's values; the cube agrees with a recount of the dossiers
    const stored = await one(
      `SELECT count(*)::INTEGER AS n FROM dossiers WHERE dossier_id IN ('${file.added.join("','")}')`,
    );
    expect(stored.n).toBe(3);
    const recount = await one(`SELECT
      (SELECT sum(received) FROM dossier_month WHERE unit_id = '${NAM_TRUNG}')::INTEGER AS cube,
      (SELECT count(*) FROM dossiers WHERE unit_id = '${NAM_TRUNG}')::INTEGER AS recount`);
    expect(recount.cube).toBe(recount.recount);

    // the same file again: nothing new
    const again = await upload(admin, files(['dossiers-2022-12.csv', file.text]));
    const seen = await settled(again.json<ImportJob>().id);
    expect(seen.files[0].status).toBe('seen');
    expect(seen.can_commit).toBe(false);

    // undo: only the last committed import; the store is exactly as before, under a new version
    const undo = await post(admin, `/api/admin/imports/${id}/undo`);
    expect(undo.statusCode).toBe(200);
    expect(undo.json<ImportJob>().status).toBe('undone');
    expect(await fingerprint()).toBe(before);
    expect(await dataVersion()).toBe(version + 2);
    expect((await post(admin, `/api/admin/imports/${id}/undo`)).statusCode).toBe(409);

    // and the file may be loaded again (its hash left import_log)
    const third = await upload(admin, files(['dossiers-2022-12.csv', file.text]));
    const p3 = await settled(third.json<ImportJob>().id);
    expect(p3.files[0].status).toBe('new');
    expect(p3.can_commit).toBe(true);
    expect(
      (await app.inject({ method: 'DELETE', url: `/api/admin/imports/${p3.id}`, headers: admin.headers })).statusCode,
    ).toBe(200);
    expect(await fingerprint()).toBe(before);

    await ctx.audit.drain();
    const audit = await app.inject({ method: 'GET', url: '/api/admin/audit?limit=200', headers: admin.headers });
    const actions = audit.json<{ rows: AuditRow[] }>().rows.map((r) => r.action);
    for (const a of ['import_upload', 'import_commit', 'import_undo', 'import_discard']) expect(actions).toContain(a);
  }, 120_000);

  it('lists every bad row as file:line:column and cannot be committed; errors download as CSV', async () => {
    const before = await fingerprint();
    const file = dossierFile();
    const lines = file.text.split('\n');
    const bad = lines[3].split(',');
    bad[col('channel')] = 'fax';
    lines[3] = bad.join(',');
    const res = await upload(admin, files(['dossiers-bad.csv', lines.join('\n')]));
    const job = await settled(res.json<ImportJob>().id);
    expect(job.status).toBe('failed');
    expect(job.can_commit).toBe(false);
    expect(job.error_count).toBe(1);
    expect(job.errors[0]).toMatchObject({ file: 'dossiers-bad.csv', line: 4, column: 'channel' });
    expect((await post(admin, `/api/admin/imports/${job.id}/commit`)).statusCode).toBe(409);
    const errors = await app.inject({
      method: 'GET',
      url: `/api/admin/imports/${job.id}/errors.csv`,
      headers: admin.headers,
    });
    expect(errors.body.startsWith('\uFEFFfile,sheet,line,column,reason\r\ndossiers-bad.csv,,4,channel,')).toBe(true);
    expect(await fingerprint()).toBe(before);
  });
});

describe('an Excel workbook with Vietnamese headers (issue 15)', () => {
  it('is read from its sheet, with its columns mapped, its totals row skipped and noted, and commits', async () => {
    const ours = rows.filter((r) => r[col('unit_id')] === NAM_TRUNG && r[col('status')] === 'resolved').slice(0, 4);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Hồ sơ');
    ws.addRow([
      'Mã hồ sơ',
      'Mã thủ tục',
      'Mã đơn vị',
      'Ngày tiếp nhận',
      'Ngày hẹn trả',
      'Ngày kết thúc xử lý',
      'Kênh',
      'Trạng thái',
    ]);
    const day = (t: string) => `${t.slice(8, 10)}/${t.slice(5, 7)}/${t.slice(0, 4)} ${t.slice(11)}`;
    ours.forEach((r, i) =>
      ws.addRow([
        `${NAM_TRUNG}-XLSX-${i}`,
        r[col('procedure_code')],
        NAM_TRUNG,
        day(r[col('received_at')]),
        day(r[col('due_at')]),
        day(r[col('resolved_at')]),
        'Trực tuyến',
        'Đã trả kết quả',
      ]),
    );
    ws.addRow(['Tổng cộng', '', '', '', '', '', '', '']);
    const book = Buffer.from(await wb.xlsx.writeBuffer());
    const res = await upload(admin, files(['dossiers-thang-12.xlsx', book]));
    const job = await settled(res.json<ImportJob>().id);
    expect(job.errors).toEqual([]);
    const f = job.preview!.files[0];
    expect(f).toMatchObject({ format: 'xlsx', sheet: 'Hồ sơ', rows: 4, skipped_rows: 1 });
    expect(f.changes).toEqual({ added: 4, replaced: 0, unchanged: 0 });
    expect(f.columns).toContainEqual({ column: 'received_at', header: 'Ngày tiếp nhận' });
    expect(f.notes.join(' ')).toContain('Tổng cộng');
    await post(admin, `/api/admin/imports/${job.id}/commit`);
    expect((await settled(job.id)).status).toBe('done');
    const stored = await one(`SELECT count(*)::INTEGER AS n, min(channel) AS c, min(strftime(received_at,
      '%Y-%m-%d %H:%M')) AS r FROM dossiers WHERE dossier_id LIKE '${NAM_TRUNG}-XLSX-%'`);
    expect(stored).toEqual({ n: 4, c: 'online', r: ours.map((r) => r[col('received_at')]).sort()[0] });
    expect((await post(admin, `/api/admin/imports/${job.id}/undo`)).statusCode).toBe(200);
  }, 60_000);
});

describe('units changed through the server (issue 15)', () => {
  it('a renamed commune is shown at once (the directory is read again) and comes back with undo', async () => {
    const unitsPrint = async () =>
      JSON.stringify(await one('SELECT count(*)::VARCHAR AS n, bit_xor(hash(u))::VARCHAR AS h FROM units u'));
    const before = await unitsPrint();
    const u = await one(`SELECT unit_id, code, name, name_en, level, parent_id, valid_from::VARCHAR AS valid_from,
      is_base FROM units WHERE unit_id = '${NAM_TRUNG}'`);
    const text =
      'unit_id,code,name,name_en,level,parent_id,valid_from,is_base\n' +
      `${u.unit_id},${u.code},Xã Nam Trung Mới,${u.name_en},${u.level},${u.parent_id},${u.valid_from},${u.is_base}\n`;
    const res = await upload(admin, files(['units-rename.csv', text]));
    const job = await settled(res.json<ImportJob>().id);
    expect(job.preview!.files[0].changes).toEqual({ added: 0, replaced: 1, unchanged: 0 });
    await post(admin, `/api/admin/imports/${job.id}/commit`);
    expect((await settled(job.id)).status).toBe('done');
    const named = async () => (await app.inject({ method: 'GET', url: '/api/units', headers: leader.headers })).body;
    expect(await named()).toContain('Xã Nam Trung Mới');
    expect(ctx.units.get(NAM_TRUNG)?.name).toBe('Xã Nam Trung Mới');
    expect((await post(admin, `/api/admin/imports/${job.id}/undo`)).statusCode).toBe(200);
    expect(ctx.units.get(NAM_TRUNG)?.name).toBe(u.name);
    expect(await unitsPrint()).toBe(before);
  }, 60_000);
});

describe('files that are refused (issue 15, bad input)', () => {
  const zipOf = async (entries: Record<string, Buffer | string>) => {
    const zip = new JSZip();
    for (const [name, content] of Object.entries(entries)) zip.file(name, content);
    return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
  };

  it('refuses a zip whose paths climb out, writing nothing outside the job', async () => {
    const zip = await zipOf({ '../../escaped.csv': 'x\n', 'dossiers.csv': csv(header, [rows[0]]) });
    const res = await upload(admin, files(['data.zip', zip]));
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(/^data\.zip: mục "\.\.\/.*" trỏ ra ngoài thư mục nhập/);
    expect(existsSync(join(DIR, 'escaped.csv'))).toBe(false);
    expect(existsSync(join(DIR, 'jobs', 'escaped.csv'))).toBe(false);
  });

  it('stops a zip bomb at the upload limit and a file over the limit (413), then takes the next import', async () => {
    const zeros = Buffer.alloc(20 * 1048576); // 20 MB of zeros: about 20 KB compressed, 10 × the 2 MB limit
    const bomb = await zipOf({ 'dossiers.csv': zeros });
    expect(bomb.length).toBeLessThan(100_000);
    const res = await upload(admin, files(['bomb.zip', bomb]));
    expect(res.statusCode).toBe(413);
    expect(res.json().message).toContain('giới hạn 2 MB');
    const big = await upload(admin, files(['dossiers-big.csv', Buffer.alloc(3 * 1048576, 0x41)]));
    expect(big.statusCode).toBe(413);
    expect(app.imports.running).toBe(null);
    const ok = await upload(admin, files(['dossiers-small.csv', dossierFile().text]));
    expect(ok.statusCode).toBe(202);
    await settled(ok.json<ImportJob>().id);
    await app.inject({
      method: 'DELETE',
      url: `/api/admin/imports/${ok.json<ImportJob>().id}`,
      headers: admin.headers,
    });
  });

  it('a second import while one waits for its commit is refused with a message naming it (409)', async () => {
    const first = await upload(admin, files(['dossiers-one.csv', dossierFile().text]));
    const id = first.json<ImportJob>().id;
    const second = await upload(admin, files(['dossiers-two.csv', dossierFile().text]));
    expect(second.statusCode).toBe(409);
    expect(second.json().message).toContain(id);
    await settled(id);
    await app.inject({ method: 'DELETE', url: `/api/admin/imports/${id}`, headers: admin.headers });
  });

  it('a file the importer does not read, and no file at all', async () => {
    const res = await upload(admin, files(['notes.txt', 'hello']));
    const job = await settled(res.json<ImportJob>().id);
    expect(job.status).toBe('failed');
    expect(job.files[0].status).toBe('ignored');
    expect(job.message).toContain('notes.txt');
    const none = await upload(admin, [{ name: 'data_date', content: '2022-12-31' }]);
    expect(none.statusCode).toBe(400);
  });

  it("an admin of a commune may not import another commune's rows nor the shared catalogue", async () => {
    const theirs = rows.filter((r) => r[col('unit_id')] === OTHER).slice(0, 2);
    const res = await upload(communeAdmin, files(['dossiers-other.csv', csv(header, theirs)]));
    const job = await settled(res.json<ImportJob>().id);
    expect(job.can_commit).toBe(false);
    expect(job.errors[0].reason).toContain(OTHER);
    const proc = await upload(
      communeAdmin,
      files(['procedures.csv', 'procedure_code,name,field,level,due_days\nX-1,Thủ tục thử,other,commune,3\n']),
    );
    const p = await settled(proc.json<ImportJob>().id);
    expect(p.errors[0].reason).toContain('only an administrator of every unit');
    // and sees only its own imports in the list
    const list = await app.inject({ method: 'GET', url: '/api/admin/imports', headers: communeAdmin.headers });
    const ids = list.json<{ imports: ImportJob[] }>().imports.map((j) => j.created_by);
    expect(new Set(ids)).toEqual(new Set(['admin.imports.nt']));
  });
});

describe('the command line while the server holds the store (issue 15)', () => {
  it('says the store is held, by which process, and what to do instead; loads nothing', async () => {
    const folder = join(DIR, 'cli');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'dossiers-cli.csv'), dossierFile().text);
    const before = await fingerprint();
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'data/pipeline/import-cli.ts', folder, '--db', join(DIR, 'ioc.duckdb')],
      { encoding: 'utf8' },
    );
    expect(r.status).toBe(3);
    expect(r.stderr).toContain(`held by a running ioc06 server (process ${process.pid})`);
    expect(r.stderr).toContain('/admin/imports');
    expect(r.stderr).toContain('IOC_INBOX');
    expect(await fingerprint()).toBe(before);
  }, 60_000);
});

describe('the inbox folder (issue 15)', () => {
  it('imports a stable file, moves it to done/ with a report, and audits it as the inbox', async () => {
    const before = await dataVersion();
    const file = dossierFile();
    writeFileSync(join(INBOX, 'dossiers-inbox.csv'), file.text);
    expect(await app.inbox!.poll()).toBe(null); // seen once: it may still be being written
    const job = (await app.inbox!.poll())!;
    expect(job.status).toBe('done');
    expect(job.created_by).toBe('inbox');
    expect(await dataVersion()).toBe(before + 1);
    const done = readdirSync(join(INBOX, 'done'));
    expect(done).toContain('dossiers-inbox.csv');
    expect(done).toContain(`${job.id}.report.txt`);
    expect(readFileSync(join(INBOX, 'done', `${job.id}.report.txt`), 'utf8')).toContain('data version');
    expect(readdirSync(INBOX).filter((n) => n !== 'done' && n !== 'failed')).toEqual([]);

    mkdirSync(INBOX, { recursive: true });
    const lines = file.text.split('\n');
    const broken = lines[2].split(',');
    broken[col('unit_id')] = 'NO-SUCH-UNIT';
    lines[2] = broken.join(',');
    writeFileSync(join(INBOX, 'dossiers-broken.csv'), lines.join('\n'));
    await app.inbox!.poll();
    const failed = (await app.inbox!.poll())!;
    expect(failed.status).toBe('failed');
    expect(readdirSync(join(INBOX, 'failed'))).toContain('dossiers-broken.csv');
    expect(readFileSync(join(INBOX, 'failed', `${failed.id}.report.txt`), 'utf8')).toContain(
      'dossiers-broken.csv:3: unit_id: ',
    );
    await ctx.audit.drain();
    const audit = await app.inject({
      method: 'GET',
      url: '/api/admin/audit?limit=50&action=import_inbox',
      headers: admin.headers,
    });
    const inboxRows = audit.json<{ rows: AuditRow[] }>().rows;
    expect(inboxRows.length).toBeGreaterThanOrEqual(2);
    expect(inboxRows.every((r) => r.account === 'inbox')).toBe(true);
    expect(inboxRows.some((r) => r.detail?.includes('sha256'))).toBe(true);
  }, 60_000);
});
