// Offices and tasks through the running server's import (issue 21): the demo store holds the demo's offices and
// Nam Trung's plan; a tasks file without unit_id holds the tasks of the importing administrator's unit (the same
// file names no office of the district); an offices file may only put in offices accounts of the administrator's
// units; a commit and its undo. Expected values come from the files the test writes and the demo's own reference
// files, read here, never from the importer's answers.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { openContext, type Context } from '../../server/context.ts';
import type { ImportJob } from '../../server/contracts/imports.ts';
import { buildDemoStore } from '../helpers/demo-store.ts';
import { signIn, type Signed } from '../helpers/auth.ts';
import { files, multipart } from '../helpers/multipart.ts';
import { readCsv } from '../helpers/csv.ts';

const DIR = join('tests', '.tmp', 'import-work-server');
const NAM_TRUNG = '10633';

let app: FastifyInstance;
let ctx: Context;
let districtAdmin: Signed;
let communeAdmin: Signed;
let demoFiles: string;

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
const settled = async (s: Signed, id: string): Promise<ImportJob> => {
  await app.imports.settled(id);
  return (await app.inject({ method: 'GET', url: `/api/admin/imports/${id}`, headers: s.headers })).json<ImportJob>();
};
const all = async (sql: string) => {
  const c = await ctx.instance.connect();
  try {
    return (await c.runAndReadAll(sql)).getRowObjectsJson();
  } finally {
    c.closeSync();
  }
};

beforeAll(async () => {
  const built = await buildDemoStore(DIR);
  demoFiles = built.files;
  ctx = await openContext(
    loadConfig({ IOC_DB: built.db, IOC_DEMO: 'false', LOG_LEVEL: 'silent', IOC_IMPORT_DIR: join(DIR, 'jobs') }),
  );
  app = await buildApp(ctx, { logger: false });
  districtAdmin = await signIn(app, ctx, { role: 'admin', unit: '291', username: 'admin.work.291' });
  communeAdmin = await signIn(app, ctx, { role: 'admin', unit: NAM_TRUNG, username: 'admin.work.nt' });
  await signIn(app, ctx, { role: 'staff', unit: NAM_TRUNG, username: 'staff.work.nt' });
}, 240_000);

afterAll(async () => {
  await app?.close();
  await ctx?.close();
});

describe('the demo store', () => {
  it("holds the demo's offices, their two accounts, and Nam Trung's 96 tasks", async () => {
    const offices = readCsv(join(demoFiles, 'offices.csv'));
    const communes = new Set(offices.map((o) => o.unit_id));
    expect(communes.size).toBe(20); // 19 base communes and the district
    expect(await all('SELECT count(*)::INTEGER AS n FROM offices')).toEqual([{ n: offices.length }]);
    expect(await all('SELECT * FROM office_accounts ORDER BY username')).toEqual([
      { username: 'canbo.namtrung', office_id: '10633.mot-cua' },
      { username: 'congan.namtrung', office_id: '10633.cong-an' },
    ]);
    const plan = readCsv(join('data', 'reference', 'tasks.csv'));
    const tasks = await all(`SELECT task_id FROM tasks WHERE unit_id = '${NAM_TRUNG}' ORDER BY task_id`);
    expect(tasks.map((t) => t.task_id)).toEqual(plan.map((p) => p.id).sort());
    expect(await all('SELECT DISTINCT unit_id FROM tasks')).toEqual([{ unit_id: NAM_TRUNG }]);
  });
});

describe("a tasks file without unit_id: the administrator's unit", () => {
  const TASKS =
    'id,section,title_vi,title_en,lead,partners,timeframe,targets,notes\nW01,VII.1,Việc mới,,Công an xã,,,A01,\n';

  it('a commune admin loads it as its own tasks, and the undo takes them back', async () => {
    const res = await upload(communeAdmin, files(['tasks_moi.csv', TASKS]));
    expect(res.statusCode).toBe(202);
    const job = await settled(communeAdmin, res.json<ImportJob>().id);
    expect(job.errors).toEqual([]);
    expect(job.preview!.files[0]).toMatchObject({ kind: 'tasks', rows: 1, units: [NAM_TRUNG] });
    expect(job.preview!.files[0].changes).toEqual({ added: 1, replaced: 0, unchanged: 0 });
    expect((await post(communeAdmin, `/api/admin/imports/${job.id}/commit`)).statusCode).toBe(202);
    expect((await settled(communeAdmin, job.id)).status).toBe('done');
    expect(await all(`SELECT unit_id, task_id, targets FROM tasks WHERE task_id = 'W01'`)).toEqual([
      { unit_id: NAM_TRUNG, task_id: 'W01', targets: ['A01'] },
    ]);
    expect(await all(`SELECT office_id FROM task_offices WHERE task_id = 'W01'`)).toEqual([
      { office_id: '10633.cong-an' },
    ]);
    expect((await post(communeAdmin, `/api/admin/imports/${job.id}/undo`)).statusCode).toBe(200);
    expect(await all(`SELECT * FROM tasks WHERE task_id = 'W01'`)).toEqual([]);
    expect(await all(`SELECT * FROM task_offices WHERE task_id = 'W01'`)).toEqual([]);
    expect(await all(`SELECT count(*)::INTEGER AS n FROM tasks WHERE unit_id = '${NAM_TRUNG}'`)).toEqual([{ n: 96 }]);
  });

  it("the district's admin loads it as the district's: Công an xã is no office of the district", async () => {
    const res = await upload(districtAdmin, files(['tasks_huyen.csv', TASKS]));
    const job = await settled(districtAdmin, res.json<ImportJob>().id);
    expect(job.status).toBe('failed');
    expect(job.errors).toEqual([
      {
        file: 'tasks_huyen.csv',
        line: 2,
        column: 'lead',
        reason: '"Công an xã" is not an office of unit 291 or above it',
      },
    ]);
  });
});

describe('an offices file through the server', () => {
  it('may put in an office only existing accounts of the units the administrator administers', async () => {
    const text =
      'office_id,unit_id,name,accounts\n' +
      '10633.to-cong-nghe,10633,Tổ công nghệ số,staff.work.nt; admin.work.291; khong.co.ai\n';
    const res = await upload(communeAdmin, files(['offices_to.csv', text]));
    const job = await settled(communeAdmin, res.json<ImportJob>().id);
    expect(job.status).toBe('failed');
    expect(job.errors.map((e) => e.reason)).toEqual([
      'account "admin.work.291" belongs to a unit outside the units you administer',
      'no account "khong.co.ai": create it first (Quản trị → Tài khoản)',
    ]);
    const ok = await upload(
      communeAdmin,
      files(['offices_to2.csv', text.replace('; admin.work.291; khong.co.ai', '')]),
    );
    const good = await settled(communeAdmin, ok.json<ImportJob>().id);
    expect(good.errors).toEqual([]);
    expect((await post(communeAdmin, `/api/admin/imports/${good.id}/commit`)).statusCode).toBe(202);
    expect((await settled(communeAdmin, good.id)).status).toBe('done');
    expect(await all(`SELECT * FROM office_accounts WHERE username = 'staff.work.nt'`)).toEqual([
      { username: 'staff.work.nt', office_id: '10633.to-cong-nghe' },
    ]);
    expect(readFileSync(join(demoFiles, 'offices.csv'), 'utf8')).toContain('10633.cong-an,10633,Công an xã');
  });
});
