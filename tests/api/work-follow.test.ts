// Follow-up beyond the screen "Nhiệm vụ" (issue 21): the directives and tasks as CSV/XLSX exports, the follow-up
// panel of a snapshot (its data, its page, who may open it) and the leader's brief. Each is checked against the
// JSON routes (/api/directives, /api/tasks) read separately, and scope is checked with a sibling commune.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import ExcelJS from 'exceljs';
import { buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { openContext, type Context } from '../../server/context.ts';
import { workService } from '../../server/work/service.ts';
import type { Directive, DirectivesAnswer, TasksAnswer } from '../../server/contracts/work.ts';
import { buildDemoStore } from '../helpers/demo-store.ts';
import { signIn, type Signed } from '../helpers/auth.ts';
import { parseCsv } from '../../data/pipeline/generate/csv-read.ts';

const NT = '10633';
const OTHER = '10606';
const DAY = 86_400_000;
const vnDay = (days = 0) => new Date(Date.now() + 7 * 3_600_000 + days * DAY).toISOString().slice(0, 10);

let app: FastifyInstance;
let ctx: Context;
let leader: Signed;
let staff: Signed; // Nam Trung's staff: may export
let otherStaff: Signed; // staff of the sibling commune
let overdue: Directive;
let open: Directive;

const get = (s: Signed, url: string) => app.inject({ method: 'GET', url, headers: s.headers });
const post = (s: Signed, url: string, payload: object) =>
  app.inject({ method: 'POST', url, payload, headers: s.headers });

beforeAll(async () => {
  const { db } = await buildDemoStore(join('tests', '.tmp', 'api-work-follow'));
  ctx = await openContext(loadConfig({ IOC_DB: db, IOC_DEMO: 'false', LOG_LEVEL: 'silent', IOC_MAX_LAG_MS: '60000' }));
  app = await buildApp(ctx, { logger: false });
  leader = await signIn(app, ctx, { role: 'leader', unit: NT, username: 'f.leader' });
  staff = await signIn(app, ctx, { role: 'staff', unit: NT, username: 'f.staff' });
  otherStaff = await signIn(app, ctx, { role: 'staff', unit: OTHER, username: 'f.other' });
  const issue = async (title: string, due: string, indicator?: string) => {
    const body = { office_id: `${NT}.cong-an`, unit_id: NT, source: 'target', title, due, ...{ indicator } };
    const res = await post(leader, '/api/directives', body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json<Directive>();
  };
  await issue('Rà soát hồ sơ a < b, "chậm" & trễ', vnDay(1), 'births');
  await issue('Việc còn hạn', vnDay(60));
  // three days on, the first is overdue in Vietnam; the second is not
  const now = Date.now() + 3 * DAY;
  workService(ctx).now = () => now;
  const list = (await get(leader, `/api/directives?unit=${NT}`)).json<DirectivesAnswer>();
  overdue = list.directives.find((d) => d.title.startsWith('Rà soát'))!;
  open = list.directives.find((d) => d.title === 'Việc còn hạn')!;
}, 240_000);

afterAll(async () => {
  await app?.close();
  await ctx?.close();
});

describe('directives and tasks as CSV and XLSX', () => {
  it('the directives CSV holds the rows of /api/directives, overdue judged the same, value withheld as empty', async () => {
    const res = await get(staff, `/api/export/directives.csv?unit=${NT}&lang=vi`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/csv/);
    expect(res.body.charCodeAt(0)).toBe(0xfeff);
    const rows = parseCsv(res.body.slice(1));
    const answer = (await get(staff, `/api/directives?unit=${NT}`)).json<DirectivesAnswer>();
    expect(rows.map((r) => Number(r['Số']))).toEqual(answer.directives.map((d) => d.id));
    const row = rows.find((r) => Number(r['Số']) === overdue.id)!;
    expect(row['Nội dung chỉ đạo']).toBe('Rà soát hồ sơ a < b, "chậm" & trễ');
    expect(row['Quá hạn']).toBe('Có');
    expect(row['Cơ quan thực hiện']).toBe('Công an xã');
    expect(row['Hạn']).toBe(overdue.due);
    expect(rows.find((r) => Number(r['Số']) === open.id)!['Quá hạn']).toBe('Không');
    const v = overdue.value_at_issue!;
    expect(row['Giá trị khi giao']).toBe(v.suppressed || v.value === null ? '' : String(v.value));
  });

  it('the tasks XLSX has a row per task of /api/tasks, with its status in words', async () => {
    const res = await get(staff, `/api/export/tasks.xlsx?unit=${NT}&lang=en`);
    expect(res.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('Tasks')!;
    const answer = (await get(staff, `/api/tasks?unit=${NT}`)).json<TasksAnswer>();
    expect(answer.tasks.length).toBe(96);
    expect(sheet.rowCount - 1).toBe(answer.tasks.length);
    const words = { not_started: 'Not started', in_progress: 'In progress', done: 'Done', overdue: 'Overdue' };
    for (let i = 0; i < answer.tasks.length; i++) {
      const t = answer.tasks[i];
      const cells = sheet.getRow(i + 2).values as unknown[];
      expect(cells[1]).toBe(t.task_id);
      expect(cells[8]).toBe(words[t.status]);
    }
    expect(book.getWorksheet('Information')).toBeDefined();
  });

  it('a leader may not export; a sibling commune gets 403 for Nam Trung and none of its rows for itself', async () => {
    expect((await get(leader, `/api/export/directives.csv?unit=${NT}`)).statusCode).toBe(403);
    expect((await get(otherStaff, `/api/export/directives.csv?unit=${NT}`)).statusCode).toBe(403);
    expect((await get(otherStaff, `/api/export/tasks.csv?unit=${NT}`)).statusCode).toBe(403);
    const own = await get(otherStaff, `/api/export/directives.csv?unit=${OTHER}&lang=vi`);
    expect(own.statusCode).toBe(200);
    expect(own.body).not.toContain('Rà soát');
    expect(parseCsv(own.body.slice(1))).toHaveLength(0);
  });
});

describe('a snapshot with the follow-up panel', () => {
  let id = '';
  it('freezes the overdue directives as /api/directives?overdue=true listed them', async () => {
    const body = {
      title: 'Tổng quan Nam Trung',
      view: `/?unit=${NT}`,
      panels: [
        { id: 'overview:followup', title: 'Chỉ đạo và nhiệm vụ quá hạn', kind: 'followup', request: { unit: NT } },
      ],
    };
    const res = await post(staff, '/api/snapshots', body);
    expect(res.statusCode, res.body).toBe(201);
    id = res.json().id;
    const snap = (await get(staff, `/api/snapshots/${id}`)).json();
    const f = snap.panels[0].followup;
    const listed = (await get(staff, `/api/directives?unit=${NT}&overdue=true`)).json<DirectivesAnswer>();
    expect(f.overdue_directives.map((d: Directive) => d.id)).toEqual(listed.directives.map((d) => d.id));
    expect(f.overdue_directives.map((d: Directive) => d.id)).toContain(overdue.id);
    expect(f.overdue_directives.map((d: Directive) => d.id)).not.toContain(open.id);
    const tasks = (await get(staff, `/api/tasks?unit=${NT}&status=overdue`)).json<TasksAnswer>();
    expect(f.counts.overdue_tasks).toBe(tasks.tasks.length);
  });

  it('its page shows the directive as text, and the sibling commune may not open it', async () => {
    const page = await get(staff, `/api/snapshots/${id}.html`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Rà soát hồ sơ a &lt; b, &quot;chậm&quot; &amp; trễ');
    expect(page.body).not.toContain('a < b');
    expect(page.body).toContain('Chỉ đạo quá hạn');
    expect((await get(otherStaff, `/api/snapshots/${id}`)).statusCode).toBe(403);
  });
});

describe("the leader's brief", () => {
  it('lists the overdue directives and says so in its summary', async () => {
    const made = await post(leader, '/api/briefs', { unit: NT, kind: 'month', period: '2022-12' });
    expect(made.statusCode, made.body).toBe(201);
    const brief = (await get(leader, `/api/briefs/${made.json().id}`)).json();
    const f = brief.content.followup;
    const listed = (await get(leader, `/api/directives?unit=${NT}&overdue=true`)).json<DirectivesAnswer>();
    expect(f.overdue_directives.map((d: Directive) => d.id)).toEqual(listed.directives.map((d) => d.id));
    expect(f.counts.overdue_directives).toBe(listed.directives.length);
    expect(brief.summary).toContain('chỉ đạo');
  });
});
