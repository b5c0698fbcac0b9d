// The plan's offices and tasks as imported data (issue 21): the file kinds `offices` and `tasks` load the plan's
// tasks.csv for a unit, every lead and partner resolved to an office of the unit or above it (or kept as a generic
// phrase), checked here against a reading of the CSV done by the test itself and against the counts TASKS.md
// states; bad files are refused with file:line: column: reason and change nothing; a re-import replaces only its own
// rows; an undo puts the rows back; the demo generator's offices and tasks import cleanly.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeOffices, writeTasks } from '../../data/pipeline/generate/offices.ts';
import { writeUnits } from '../../data/pipeline/generate/units-files.ts';
import { buildUniverse } from '../../data/pipeline/generate/universe.ts';
import { listFolder, readManifest } from '../../data/pipeline/import/files.ts';
import {
  checkImport,
  importFolder,
  loadChecked,
  releaseChecked,
  type ImportError,
  type ImportOptions,
} from '../../data/pipeline/import/index.ts';
import { restoreImages, saveImages, touchedTables } from '../../data/pipeline/import/undo.ts';
import type { Store } from '../../data/pipeline/store.ts';
import { parseArgs } from '../../data/pipeline/import-cli.ts';
import { memoryStore, NOW, rows } from '../fixtures/import/helpers.ts';
import { readCsv } from '../helpers/csv.ts';

const TASKS_CSV = join('data', 'reference', 'tasks.csv');
const TARGETS_CSV = join('data', 'reference', 'targets.csv');
const tmp = mkdtempSync(join(tmpdir(), 'ioc06-import-work-'));
let n = 0;

/** A folder holding the given files (name → text, or a path to copy). */
function folder(files: Record<string, string | { copy: string }>): string {
  const dir = join(tmp, String(++n));
  mkdirSync(dir, { recursive: true });
  for (const [name, body] of Object.entries(files)) {
    if (typeof body === 'string') writeFileSync(join(dir, name), body);
    else copyFileSync(body.copy, join(dir, name));
  }
  return dir;
}

const csv = (lines: string[]) => lines.join('\n') + '\n';
const q = (s: string) => (/[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);

const UNITS = csv([
  'unit_id,code,name,name_en,level,parent_id,valid_from,valid_to,area_km2,is_base',
  '30,30,Tỉnh Hải Dương,Hai Duong,province,,2008-01-01,2025-06-30,1668.2,',
  '291,291,Huyện Nam Sách,Nam Sach,district,30,2008-01-01,2025-06-30,109.5,',
  '10627,10627,Xã Nam Chính,Nam Chinh,commune,291,2008-01-01,2024-12-31,6.1,',
  '10633,10633,Xã Nam Trung,Nam Trung,commune,291,2008-01-01,2024-12-31,5.6,',
]);

/** The standard offices of a commune, as the contract of issue 21 names them (written here, not by the generator). */
const STANDARD: [string, string][] = [
  ['van-phong', 'Văn phòng HĐND-UBND xã'],
  ['cong-an', 'Công an xã'],
  ['mot-cua', 'Bộ phận một cửa'],
  ['tu-phap', 'Bộ phận Tư pháp'],
  ['ke-toan', 'Bộ phận Kế toán - Ngân sách'],
  ['quan-su', 'Ban Chỉ huy Quân sự xã'],
  ['ldtbxh', 'Bộ phận Lao động - Thương binh và Xã hội'],
  ['noi-vu', 'Văn phòng Nội vụ'],
  ['truong-hoc', 'Các trường học'],
  ['nong-nghiep', 'Bộ phận Nông nghiệp và Phát triển nông thôn'],
  ['dia-chinh', 'Bộ phận Địa chính - Xây dựng'],
  ['y-te', 'Trạm Y tế'],
  ['van-hoa', 'Bộ phận Văn hóa thông tin'],
];
/** Office name → id for Nam Trung (10633), with the district's two. */
const NAM_TRUNG = new Map([
  ...STANDARD.map(([slug, name]): [string, string] => [name, `10633.${slug}`]),
  ['Công an huyện', '291.cong-an'],
  ['Văn phòng HĐND-UBND huyện', '291.van-phong'],
]);

/** offices.csv with Mã cơ quan … headers (Vietnamese), the two demo accounts of Nam Trung. */
const OFFICES = csv([
  'Mã cơ quan,Mã đơn vị,Tên cơ quan,Tên tiếng Anh,Tài khoản',
  '291.cong-an,291,Công an huyện,District Police,',
  '291.van-phong,291,Văn phòng HĐND-UBND huyện,District Office,',
  ...['10627', '10633'].flatMap((u) =>
    STANDARD.map(([slug, name]) => {
      const account = u === '10633' && slug === 'mot-cua' ? 'canbo.namtrung' : '';
      return `${u}.${slug},${u},${name},,${u === '10633' && slug === 'cong-an' ? 'congan.namtrung' : account}`;
    }),
  ),
]);

/** The CSV as the test reads it: lead and partner names split on ";", trimmed. */
interface PlanRow {
  id: string;
  lead: string[];
  partners: string[];
  targets: string[];
  raw: Record<string, string>;
}
const split = (s: string) =>
  s
    .split(';')
    .map((x) => x.trim())
    .filter(Boolean);
const plan: PlanRow[] = readCsv(TASKS_CSV).map((r) => ({
  id: r.id,
  lead: split(r.lead),
  partners: split(r.partners),
  targets: split(r.targets),
  raw: r,
}));
const isLower = (name: string) => name[0] !== name[0].toUpperCase();

/** Rows of the four tables as sorted text, to compare a store before and after. */
async function workTables(store: Store): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const t of ['offices', 'office_accounts', 'tasks', 'task_offices']) {
    const r = await rows(store.connection, `SELECT * FROM ${t}`);
    out[t] = r.map((x) => JSON.stringify(x)).sort();
  }
  return out;
}

const importAs = (store: Store, dir: string, opts: ImportOptions = {}) =>
  importFolder(store.connection, dir, { now: NOW, ...opts });

let store: Store;
let base: string;

beforeAll(async () => {
  store = await memoryStore();
  base = folder({ 'units.csv': UNITS, 'targets.csv': { copy: TARGETS_CSV } });
  expect((await importAs(store, base)).ok).toBe(true);
});
afterAll(() => {
  store.instance.closeSync();
  rmSync(tmp, { recursive: true, force: true });
});

describe("the plan's tasks, imported for Nam Trung", () => {
  let report: Awaited<ReturnType<typeof importFolder>>;
  beforeAll(async () => {
    // tasks.csv as shipped: no unit_id column, so the import's unit (--unit / the administrator's) holds them
    const dir = folder({ 'offices.csv': OFFICES, 'tasks.csv': { copy: TASKS_CSV } });
    report = await importAs(store, dir, { unit: '10633' });
  });

  it('loads offices before the tasks that name them, and every task of the CSV', async () => {
    expect(report.errors).toEqual([]);
    expect(report.files.map((f) => [f.file, f.kind, f.rows, f.status])).toEqual([
      ['offices.csv', 'offices', 28, 'loaded'],
      ['tasks.csv', 'tasks', plan.length, 'loaded'],
    ]);
    expect(plan).toHaveLength(96);
    const stored = await rows(store.connection, `SELECT task_id FROM tasks WHERE unit_id = '10633' ORDER BY 1`);
    expect(stored.map((r) => r.task_id)).toEqual(plan.map((p) => p.id).sort());
  });

  it('keeps each column as the file writes it, the targets as a list', async () => {
    const stored = new Map(
      (await rows(store.connection, `SELECT * FROM tasks WHERE unit_id = '10633'`)).map((r) => [r.task_id, r]),
    );
    for (const p of plan) {
      const t = stored.get(p.id)!;
      const or = (s: string) => (s.trim() === '' ? null : s.trim());
      expect(
        [t.section, t.title_vi, t.title_en, t.lead, t.partners, t.timeframe, t.notes, t.targets, t.deadline],
        p.id,
      ).toEqual([
        p.raw.section,
        p.raw.title_vi,
        p.raw.title_en,
        or(p.raw.lead),
        or(p.raw.partners),
        null,
        or(p.raw.notes),
        p.targets,
        null,
      ]);
    }
    expect(plan.filter((p) => p.targets.length > 0)).toHaveLength(25);
  });

  it('resolves every lead and partner, in order, to the office of that name (Công an huyện: the district)', async () => {
    const refs = await rows(
      store.connection,
      `SELECT task_id, role, position, office_id, name FROM task_offices WHERE unit_id = '10633'
        ORDER BY task_id, role, position`,
    );
    const expected = plan.flatMap((p) =>
      (
        [
          ['lead', p.lead],
          ['partner', p.partners],
        ] as const
      ).flatMap(([role, names]) =>
        names.map((name, i) => ({
          task_id: p.id,
          role,
          position: i + 1,
          office_id: isLower(name) ? null : NAM_TRUNG.get(name)!,
          name,
        })),
      ),
    );
    expect(expected.every((e) => e.office_id !== undefined)).toBe(true);
    const order = (a: (typeof expected)[0], b: (typeof expected)[0]) =>
      a.task_id.localeCompare(b.task_id) || a.role.localeCompare(b.role) || a.position - b.position;
    expect(refs).toEqual(expected.sort(order));
    expect(refs.find((r) => r.name === 'Công an huyện')).toMatchObject({ task_id: 'T017', office_id: '291.cong-an' });
  });

  it('counts the rows naming each office as lead as TASKS.md states (all, sole)', async () => {
    const counts = await rows(
      store.connection,
      `WITH l AS (SELECT task_id, office_id, name, count(*) OVER (PARTITION BY task_id) AS leads
        FROM task_offices WHERE unit_id = '10633' AND role = 'lead')
      SELECT coalesce(o.name, l.name) AS name, count(*)::INTEGER AS n, count(*) FILTER (WHERE leads = 1)::INTEGER AS sole
      FROM l LEFT JOIN offices o USING (office_id) GROUP BY 1 ORDER BY n DESC, name`,
    );
    const got = Object.fromEntries(counts.map((r) => [r.name, [r.n, r.sole]]));
    expect(got).toEqual({
      'Công an xã': [57, 45],
      'Văn phòng HĐND-UBND xã': [15, 9],
      'Bộ phận Kế toán - Ngân sách': [10, 6],
      'Bộ phận Tư pháp': [8, 5],
      'Bộ phận một cửa': [4, 3],
      'Ban Chỉ huy Quân sự xã': [4, 3],
      'Bộ phận Lao động - Thương binh và Xã hội': [4, 2],
      'Văn phòng Nội vụ': [2, 2],
      'Các trường học': [2, 1],
      'Bộ phận Nông nghiệp và Phát triển nông thôn': [2, 1],
      'Bộ phận Địa chính - Xây dựng': [1, 1],
      'Trạm Y tế': [1, 0],
      'Công an huyện': [1, 1],
      'các cơ quan, ban, ngành': [1, 1],
    });
    // 15 rows have more than one lead
    const joint = await rows(
      store.connection,
      `SELECT count(DISTINCT task_id)::INTEGER AS n FROM task_offices WHERE role = 'lead' AND position > 1`,
    );
    expect(joint[0].n).toBe(15);
    expect(plan.filter((p) => p.lead.length > 1)).toHaveLength(15);
  });

  it('keeps generic phrases with no office, and says so in the report; T039 names no office', async () => {
    const generic = await rows(
      store.connection,
      `SELECT role, name, count(*)::INTEGER AS n FROM task_offices WHERE office_id IS NULL GROUP BY ALL`,
    );
    const expected = new Map<string, number>();
    for (const p of plan) {
      for (const name of p.lead.filter(isLower)) expected.set(`lead|${name}`, (expected.get(`lead|${name}`) ?? 0) + 1);
      for (const name of p.partners.filter(isLower))
        expected.set(`partner|${name}`, (expected.get(`partner|${name}`) ?? 0) + 1);
    }
    expect(new Map(generic.map((g) => [`${g.role}|${g.name}`, g.n]))).toEqual(expected);
    expect(expected.get('partner|các đơn vị liên quan')).toBe(17);
    const notes = report.files.find((f) => f.file === 'tasks.csv')!.notes!;
    expect(notes).toContain(
      'lead "các cơ quan, ban, ngành" (1 row) names no office: kept as written (a generic phrase)',
    );
    expect(notes.some((x) => x.startsWith('partners "các đơn vị liên quan" (17 rows)'))).toBe(true);
    expect(notes).toHaveLength(expected.size);
    expect(await rows(store.connection, `SELECT * FROM task_offices WHERE task_id = 'T039'`)).toEqual([]);
    const t039 = await rows(store.connection, `SELECT lead, partners, targets FROM tasks WHERE task_id = 'T039'`);
    expect(t039).toEqual([{ lead: null, partners: null, targets: ['D03'] }]);
  });

  it('puts each account in its office', async () => {
    expect(await rows(store.connection, 'SELECT * FROM office_accounts ORDER BY username')).toEqual([
      { username: 'canbo.namtrung', office_id: '10633.mot-cua' },
      { username: 'congan.namtrung', office_id: '10633.cong-an' },
    ]);
    const o = await rows(store.connection, `SELECT * FROM offices WHERE office_id = '291.cong-an'`);
    expect(o).toEqual([
      { office_id: '291.cong-an', unit_id: '291', name: 'Công an huyện', name_en: 'District Police' },
    ]);
  });

  it('the same file for another unit is another load: Nam Chính gets its own 96 tasks', async () => {
    const again = await importAs(store, folder({ 'tasks.csv': { copy: TASKS_CSV } }), { unit: '10627' });
    expect(again.errors).toEqual([]);
    expect(again.files.map((f) => f.status)).toEqual(['loaded']);
    const r = await rows(store.connection, `SELECT unit_id, count(*)::INTEGER AS n FROM tasks GROUP BY 1 ORDER BY 1`);
    expect(r).toEqual([
      { unit_id: '10627', n: 96 },
      { unit_id: '10633', n: 96 },
    ]);
    const office = await rows(
      store.connection,
      `SELECT office_id FROM task_offices WHERE unit_id = '10627' AND task_id = 'T001'`,
    );
    expect(office).toEqual([{ office_id: '10627.cong-an' }]);
  });
});

describe('bad offices and tasks files: file:line: column: reason, and nothing is loaded', () => {
  const HEADER = 'id,section,title_vi,title_en,lead,partners,timeframe,targets,notes';
  async function refused(files: Record<string, string>, opts: ImportOptions = {}): Promise<ImportError[]> {
    const before = await workTables(store);
    const r = await importAs(store, folder(files), opts);
    expect(r.ok).toBe(false);
    expect(await workTables(store)).toEqual(before);
    expect(
      (await rows(store.connection, `SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE temporary`))[0].n,
    ).toBe(0);
    return r.errors;
  }
  const text = (errors: ImportError[]) => errors.map((e) => `${e.file}:${e.line}: ${e.column}: ${e.reason}`);

  it('a capitalised name that is no office of the unit or above it, on its physical line', async () => {
    const errors = await refused(
      {
        'tasks.csv': csv([
          HEADER,
          // a title over two lines: the bad row is record 3 but line 4
          `X01,III.1,${q('Một nhiệm vụ\nhai dòng')},,Công an xã,,,,`,
          'X02,III.2,Nhiệm vụ khác,,Phòng Tài nguyên và Môi trường; Công an xã,Bộ phận Tuyên giáo,,,',
        ]),
      },
      { unit: '10633' },
    );
    expect(text(errors)).toEqual([
      'tasks.csv:4: lead: "Phòng Tài nguyên và Môi trường" is not an office of unit 10633 or above it',
      'tasks.csv:4: partners: "Bộ phận Tuyên giáo" is not an office of unit 10633 or above it',
    ]);
  });

  it('an office of another commune is not one of this unit', async () => {
    const errors = await refused({
      'tasks.csv': csv(['unit_id,' + HEADER, '10633,X01,III.1,Việc,,Công an xã,Trạm Y tế xã Nam Chính,,,']),
      'offices_extra.csv': csv(['office_id,unit_id,name', '10627.y-te-2,10627,Trạm Y tế xã Nam Chính']),
    });
    expect(text(errors)).toEqual([
      'tasks.csv:2: partners: "Trạm Y tế xã Nam Chính" is not an office of unit 10633 or above it',
    ]);
  });

  it('an unknown target', async () => {
    const errors = await refused(
      { 'tasks.csv': csv([HEADER, 'X01,III.1,Việc,,Công an xã,,,A01; Z99,']) },
      { unit: '10633' },
    );
    expect(text(errors)).toEqual(['tasks.csv:2: targets: unknown target "Z99" (not in the store nor in this folder)']);
  });

  it('no unit: neither a unit_id column nor the import names one', async () => {
    expect(text(await refused({ 'tasks.csv': csv([HEADER, 'X01,III.1,Việc,,Công an xã,,,,']) }))).toEqual([
      'tasks.csv:1: unit_id: the file has no unit_id column and the import names no unit: add the column, or ' +
        "import as the unit's administrator (web) or with --unit <unit_id> (command line)",
    ]);
    const empty = await refused({
      'tasks.csv': csv([
        'unit_id,' + HEADER,
        '10633,X01,III.1,Việc,,Công an xã,,,,',
        ',X02,III.2,Việc,,Công an xã,,,,',
      ]),
    });
    expect(text(empty)).toEqual([
      "tasks.csv:3: unit_id: is required: the row names no unit and the import names none (import as the unit's " +
        'administrator or with --unit <unit_id>)',
    ]);
    const unknown = await refused({ 'tasks.csv': csv([HEADER, 'X01,III.1,Việc,,Công an xã,,,,']) }, { unit: '99999' });
    expect(text(unknown)).toEqual(['tasks.csv:2: unit_id: unknown unit "99999" (not in the store nor in this folder)']);
  });

  it('names a spreadsheet would run as a formula; free-text notes may start so', async () => {
    const errors = await refused(
      {
        'offices.csv': csv(['office_id,unit_id,name', `10633.x,10633,${q('=HYPERLINK("http://x","y")')}`]),
        'tasks.csv': csv([HEADER, 'X01,III.1,@Việc,,Công an xã,,,,- ghi chú gạch đầu dòng']),
      },
      { unit: '10633' },
    );
    const formula = 'starts with =, +, -, @, a tab or a carriage return: a spreadsheet would run it as a formula';
    expect(text(errors)).toEqual([
      `offices.csv:2: name: "=HYPERLINK("http://x","y")" ${formula}`,
      `tasks.csv:2: title_vi: "@Việc" ${formula}`,
    ]);
  });

  it('an account in two offices, in one file or two', async () => {
    const one = await refused({
      'offices.csv': csv([
        'office_id,unit_id,name,name_en,accounts',
        '10633.a,10633,Tổ A,,an.a; chung.x',
        '10633.b,10633,Tổ B,,chung.x',
      ]),
    });
    expect(text(one)).toEqual([
      'offices.csv:3: accounts: account "chung.x" is also in office "10633.a" (line 2); an account belongs to one office',
    ]);
    const two = await refused({
      'offices_1.csv': csv(['office_id,unit_id,name,accounts', '10633.a,10633,Tổ A,chung.x']),
      'offices_2.csv': csv(['office_id,unit_id,name,accounts', '10627.b,10627,Tổ B,chung.x']),
    });
    expect(text(two)).toEqual([
      'offices_2.csv:2: accounts: account "chung.x" is also in office "10633.a" (offices_1.csv:2); ' +
        'an account belongs to one office',
    ]);
  });

  it('bad ids, user names, two offices of one name in a unit, an unknown unit', async () => {
    const errors = await refused({
      'offices.csv': csv([
        'office_id,unit_id,name,accounts',
        '10633 cong an,10633,Tổ C,',
        '10633.d,10633,Tổ D,Bad User; ok.user; ok.user',
        '10633.e,10633,công an XÃ,',
        '10699.a,10699,Tổ A,',
      ]),
    });
    expect(text(errors)).toEqual([
      'offices.csv:2: office_id: "10633 cong an" is not an office id (1 to 64 letters, digits, ".", "_" or "-")',
      'offices.csv:3: accounts: "Bad User" is not a user name (3 to 32 lower-case letters, digits, ".", "_", "-"; ' +
        'accounts are separated by ";")',
      'offices.csv:3: accounts: names an account twice',
      'offices.csv:5: unit_id: unknown unit "10699" (not in the store nor in this folder)',
      'offices.csv:4: name: offices "10633.cong-an", "10633.e" of unit 10633 have one name; ' +
        'a task could not say which it means',
    ]);
    const tasks = await refused(
      { 'tasks.csv': csv([HEADER, 'T 1,III.1,Việc,,Công an xã,,,,', 'T2,III.1,Việc,,Công an xã,,,,', 'T2,x,y,,,,,,']) },
      { unit: '10633' },
    );
    expect(text(tasks)).toEqual([
      'tasks.csv:2: id: "T 1" is not a task id (1 to 32 letters, digits, "_" or "-")',
      'tasks.csv:4: id: duplicate id, unit_id "T2, 10633" (first on line 3)',
    ]);
  });
});

describe('a re-import replaces its own rows and keeps every other; an undo puts them back', () => {
  it('replaces T001 and adds T097 for Nam Trung, keeps T002… and Nam Chính, moves one account', async () => {
    const before = await workTables(store);
    const t001 = await rows(store.connection, `SELECT * FROM tasks WHERE unit_id = '10633' AND task_id = 'T001'`);
    const dir = folder({
      'offices_update.csv': csv([
        'office_id,unit_id,name,name_en,accounts',
        '10633.tu-phap,10633,Bộ phận Tư pháp,,canbo.namtrung',
      ]),
      'tasks_update.csv': csv([
        'unit_id,id,section,title_vi,title_en,lead,partners,timeframe,targets,notes,deadline',
        '10633,T001,III.1.a,Tiêu đề mới,,Bộ phận Tư pháp; công an các thôn,Công an xã,,A01,,2027-03-31',
        '10633,T097,IV.13,Nhiệm vụ thêm,,Trạm Y tế,,,,,',
      ]),
    });
    const checked = await checkImport(store.connection, await listFolder(dir), readManifest(dir), { now: NOW });
    const touched = touchedTables(checked.staged);
    expect(touched.map((t) => [t.table, t.key])).toEqual([
      ['offices', null],
      ['office_accounts', null],
      ['tasks', 'unit_id,task_id'],
      ['task_offices', 'unit_id,task_id'],
      ['datasets', null],
    ]);
    const report = await loadChecked(store.connection, checked, {
      before: (c, _s, batch) => saveImages(c, touched, 'import_undo', `b${batch}`),
    });
    await releaseChecked(store.connection, checked);
    expect(report.errors).toEqual([]);
    const after = await workTables(store);
    const t = await rows(
      store.connection,
      `SELECT task_id, title_vi, lead, targets, deadline::VARCHAR AS deadline FROM tasks
        WHERE unit_id = '10633' AND task_id IN ('T001', 'T097') ORDER BY 1`,
    );
    expect(t).toEqual([
      {
        task_id: 'T001',
        title_vi: 'Tiêu đề mới',
        lead: 'Bộ phận Tư pháp; công an các thôn',
        targets: ['A01'],
        deadline: '2027-03-31',
      },
      { task_id: 'T097', title_vi: 'Nhiệm vụ thêm', lead: 'Trạm Y tế', targets: [], deadline: null },
    ]);
    const refs = await rows(
      store.connection,
      `SELECT task_id, role, position, office_id, name FROM task_offices
        WHERE unit_id = '10633' AND task_id IN ('T001', 'T097') ORDER BY 1, 2, 3`,
    );
    expect(refs).toEqual([
      { task_id: 'T001', role: 'lead', position: 1, office_id: '10633.tu-phap', name: 'Bộ phận Tư pháp' },
      { task_id: 'T001', role: 'lead', position: 2, office_id: null, name: 'công an các thôn' },
      { task_id: 'T001', role: 'partner', position: 1, office_id: '10633.cong-an', name: 'Công an xã' },
      { task_id: 'T097', role: 'lead', position: 1, office_id: '10633.y-te', name: 'Trạm Y tế' },
    ]);
    // every other row is as it was: the other 95 tasks of Nam Trung, all of Nam Chính's, the other offices
    const same = (table: string, changed: (row: Record<string, unknown>) => boolean) => {
      const keep = (rs: string[]) => rs.filter((r) => !changed(JSON.parse(r) as Record<string, unknown>));
      expect(keep(after[table]), table).toEqual(keep(before[table]));
    };
    const task = (r: Record<string, unknown>) =>
      r.unit_id === '10633' && ['T001', 'T097'].includes(r.task_id as string);
    same('tasks', task);
    same('task_offices', task);
    same('offices', (r) => r.office_id === '10633.tu-phap');
    same('office_accounts', (r) => r.username === 'canbo.namtrung');
    expect(after.tasks).toHaveLength(before.tasks.length + 1);
    expect(await rows(store.connection, 'SELECT * FROM office_accounts ORDER BY username')).toEqual([
      { username: 'canbo.namtrung', office_id: '10633.tu-phap' },
      { username: 'congan.namtrung', office_id: '10633.cong-an' },
    ]);
    expect(t001[0].title_vi).not.toBe('Tiêu đề mới');

    await store.connection.run('BEGIN TRANSACTION');
    const restored = await restoreImages(store.connection, report.batchId!);
    await store.connection.run('COMMIT');
    expect(restored.sort()).toEqual(['datasets', 'office_accounts', 'offices', 'task_offices', 'tasks']);
    expect(await workTables(store)).toEqual(before);
  });
});

describe('the command line and the demo', () => {
  it('--unit names the unit of a tasks file without unit_id', () => {
    expect(parseArgs(['files', '--unit', '10633'])).toEqual({ folder: 'files', db: expect.any(String), unit: '10633' });
    expect(parseArgs(['files', '--unit=10633'])?.unit).toBe('10633');
    expect(parseArgs(['files'])?.unit).toBeUndefined();
    expect(parseArgs(['files', '--unit='])).toBeNull();
  });

  it("the generator's units, offices and tasks import cleanly into an empty store", async () => {
    const universe = buildUniverse('nam-sach', 7);
    const dir = join(tmp, 'demo');
    mkdirSync(dir, { recursive: true });
    writeUnits(join(dir, 'units.geojson'), universe);
    copyFileSync(TARGETS_CSV, join(dir, 'targets.csv'));
    const offices = writeOffices(join(dir, 'offices.csv'), universe);
    const tasks = writeTasks(join(dir, 'tasks.csv'), universe);
    const communes = universe.units.filter((u) => u.level === 'commune' && u.is_base);
    expect(communes).toHaveLength(19);
    expect([offices, tasks]).toEqual([19 * 13 + 2, 96]);
    // the generated tasks.csv is the shipped one with a unit_id column of Nam Trung
    const generated = readCsv(join(dir, 'tasks.csv'));
    expect(generated.map(({ unit_id, ...rest }) => [unit_id, rest])).toEqual(plan.map((p) => ['10633', p.raw]));
    expect(readFileSync(TASKS_CSV, 'utf8').split('\n')[0]).toBe(
      'id,section,title_vi,title_en,lead,partners,timeframe,targets,notes',
    );
    const fresh = await memoryStore();
    try {
      const r = await importFolder(fresh.connection, dir, { now: NOW });
      expect(r.errors).toEqual([]);
      const one = async (sql: string) => (await rows(fresh.connection, sql))[0];
      expect(await one(`SELECT count(*)::INTEGER AS n FROM tasks WHERE unit_id = '10633'`)).toEqual({ n: 96 });
      // every capitalised name of the plan is an office of the demo
      expect(
        await one(
          `SELECT count(*)::INTEGER AS n FROM task_offices WHERE office_id IS NULL AND name[1] <> lower(name[1])`,
        ),
      ).toEqual({ n: 0 });
      expect(await rows(fresh.connection, 'SELECT * FROM office_accounts ORDER BY 1')).toEqual([
        { username: 'canbo.namtrung', office_id: '10633.mot-cua' },
        { username: 'congan.namtrung', office_id: '10633.cong-an' },
      ]);
      // every base commune has the thirteen offices; a thị trấn writes "thị trấn" for "xã"
      const per = await rows(
        fresh.connection,
        `SELECT u.unit_id, count(o.office_id)::INTEGER AS n FROM units u LEFT JOIN offices o USING (unit_id)
          WHERE u.level = 'commune' AND u.is_base GROUP BY 1 HAVING n <> 13`,
      );
      expect(per).toEqual([]);
      expect(await one(`SELECT name FROM offices WHERE office_id = '10606.cong-an'`)).toEqual({
        name: 'Công an thị trấn',
      });
      expect(await one(`SELECT name FROM offices WHERE office_id = '291.cong-an'`)).toEqual({ name: 'Công an huyện' });
    } finally {
      fresh.instance.closeSync();
    }
  });
});
