// The screen "Nhiệm vụ"'s pure helpers (web/src/views/tasks/tasks-view.ts): its choices in the URL, the plan's
// tasks grouped by lead office and by section, the latest note, a directive's value (withheld is never 0), the link
// back to the view a directive came from and the office × target table. The grouping of the real plan is checked
// against the counts TASKS.md states, written here by hand.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../data/pipeline/generate/csv-read.ts';
import type { OfficeBehind, Task, WorkUpdate } from '../../web/src/work/api.ts';
import {
  behindMatrix,
  groupByOffice,
  groupBySection,
  groupOpen,
  latestNote,
  parseTasksView,
  sectionPart,
  valueShown,
  viewPath,
  writeTasksView,
} from '../../web/src/views/tasks/tasks-view.ts';

const ref = (name: string, office_id: string | null = null) => ({ office_id, name });

function task(id: string, lead: ReturnType<typeof ref>[], extra: Partial<Task> = {}): Task {
  return {
    id: `10633.${id}`,
    task_id: id,
    unit_id: '10633',
    unit_name: 'Xã Nam Trung',
    section: 'III.1.a',
    title_vi: id,
    title_en: null,
    lead,
    partners: [],
    timeframe: null,
    deadline: null,
    deadline_from: null,
    targets: [],
    notes: null,
    can_note: false,
    status: 'not_started',
    progress: null,
    can_update: false,
    can_edit: false,
    updates: [],
    ...extra,
  };
}

const CA = ref('Công an xã', '10633.cong-an');
const VP = ref('Văn phòng HĐND-UBND xã', '10633.van-phong');
const KT = ref('Bộ phận Kế toán - Ngân sách', '10633.ke-toan');

describe('the screen’s choices in the URL', () => {
  it('reads the defaults from an empty query', () => {
    expect(parseTasksView('')).toEqual({
      by: 'office',
      status: undefined,
      office: undefined,
      mine: false,
      directives: 'open',
      task: undefined,
      directive: undefined,
    });
  });

  it('reads every choice, and leaves out what it does not know', () => {
    const q = '?by=section&status=overdue&office=10633.cong-an&mine=1&d=all&task=10633.T036&directive=12';
    expect(parseTasksView(q)).toEqual({
      by: 'section',
      status: 'overdue',
      office: '10633.cong-an',
      mine: true,
      directives: 'all',
      task: '10633.T036',
      directive: 12,
    });
    const bad = '?by=unit&status=late&office=<x>&mine=yes&d=closed&task=a/b&directive=-1';
    expect(parseTasksView(bad)).toEqual(parseTasksView(''));
  });

  it('writes only what differs from the defaults and keeps the other keys (unit, lang)', () => {
    const v = parseTasksView('');
    expect(writeTasksView('?unit=291&lang=en', v)).toBe('?unit=291&lang=en');
    expect(writeTasksView('?unit=291&by=section', { ...v, mine: true, directives: 'overdue', directive: 3 })).toBe(
      '?unit=291&mine=1&d=overdue&directive=3',
    );
    const full = '?by=section&status=done&office=10633.mot-cua&mine=1&d=all&task=10633.T001&directive=7';
    expect(parseTasksView(writeTasksView('', parseTasksView(full)))).toEqual(parseTasksView(full));
  });
});

describe('grouped by lead office', () => {
  const tasks = [
    task('T001', [CA], { status: 'overdue' }),
    task('T002', [KT]),
    task('T003', [ref('các cơ quan, ban, ngành')]),
    task('T004', [CA, VP], { status: 'done' }),
    task('T005', [], {}),
    task('T006', [VP], { status: 'in_progress' }),
    task('T007', [CA], { status: 'in_progress' }),
  ];
  const groups = groupByOffice(tasks);

  it('puts a task under each of its leads, the largest group first, the tasks with no lead last', () => {
    expect(groups.map((g) => [g.label, g.tasks.map((t) => t.task_id)])).toEqual([
      ['Công an xã', ['T001', 'T004', 'T007']],
      ['Văn phòng HĐND-UBND xã', ['T004', 'T006']],
      ['Bộ phận Kế toán - Ngân sách', ['T002']],
      ['các cơ quan, ban, ngành', ['T003']],
      ['', ['T005']],
    ]);
    expect(groups.at(-1)?.key).toBe('');
    expect(groups[0].key).toBe('10633.cong-an');
  });

  it('counts each group’s tasks by status', () => {
    expect(groups[0].counts).toEqual({ not_started: 0, in_progress: 1, done: 1, overdue: 1 });
    expect(groups[1].counts).toEqual({ not_started: 0, in_progress: 1, done: 1, overdue: 0 });
  });

  it('names the unit only when the tasks come from more than one unit', () => {
    expect(groups.every((g) => g.unit_name === null)).toBe(true);
    const other = task('T001', [ref('Công an xã', '10640.cong-an')], { id: '10640.T001', unit_id: '10640' });
    const two = groupByOffice([tasks[0], { ...other, unit_name: 'Xã Nam Tân' }]);
    // one name, two units: ordered by the unit's name (Tân before Trung)
    expect(two.map((g) => [g.key, g.unit_name])).toEqual([
      ['10640.cong-an', 'Xã Nam Tân'],
      ['10633.cong-an', 'Xã Nam Trung'],
    ]);
  });

  it('groups the real plan as TASKS.md counts its leads (sole and joint)', () => {
    const rows = parseCsv(readFileSync(join(import.meta.dirname, '../../data/reference/tasks.csv'), 'utf8'));
    expect(rows).toHaveLength(96);
    const plan = rows.map((r) =>
      task(
        r.id,
        r.lead
          .split(';')
          .map((s) => s.trim())
          .filter(Boolean)
          .map((name) => ref(name, /^[A-ZĐ]/.test(name) ? `10633.${name}` : null)),
      ),
    );
    const sizes = Object.fromEntries(groupByOffice(plan).map((g) => [g.label || '(none)', g.tasks.length]));
    // "Rows naming each office as lead (sole + joint)" in TASKS.md (data/reference/tasks.csv: its copy)
    expect(sizes).toEqual({
      'Công an xã': 57,
      'Văn phòng HĐND-UBND xã': 15,
      'Bộ phận Kế toán - Ngân sách': 10,
      'Bộ phận Tư pháp': 8,
      'Bộ phận một cửa': 4,
      'Ban Chỉ huy Quân sự xã': 4,
      'Bộ phận Lao động - Thương binh và Xã hội': 4,
      'Văn phòng Nội vụ': 2,
      'Các trường học': 2,
      'Bộ phận Nông nghiệp và Phát triển nông thôn': 2,
      'Bộ phận Địa chính - Xây dựng': 1,
      'Trạm Y tế': 1,
      'Công an huyện': 1,
      'các cơ quan, ban, ngành': 1,
      '(none)': 1, // III.5.b (T039) names no office
    });
  });
});

describe('which groups are drawn open', () => {
  const g = groupByOffice([task('T001', [CA]), task('T002', [VP])]);
  it.each([
    ['a short list: all open', 30, undefined, null, [true, true]],
    ['a long list: folded', 31, undefined, null, [false, false]],
    ['a long list: the linked task’s group open', 96, '10633.T002', null, [false, true]],
    ['"open all"', 96, undefined, true, [true, true]],
    ['"fold all", even the linked group', 5, '10633.T002', false, [false, false]],
  ] as const)('%s', (_, total, linked, all, expected) => {
    expect(g.map((x) => groupOpen(total, x, linked, all))).toEqual(expected);
  });
});

describe('grouped by section', () => {
  it.each([
    ['III.2.h', 'III.2'],
    ['III.5.a-3', 'III.5'],
    ['IV.5-1', 'IV.5'],
    ['IV.11-2', 'IV.11'],
    ['IV.12', 'IV.12'],
  ])('%s is in part %s', (section, part) => {
    expect(sectionPart(section)).toBe(part);
  });

  it('orders the parts as the plan does (III before IV, 2 before 10), each task once', () => {
    const list = ['IV.10.a', 'III.2.b', 'IV.2.a', 'III.10', 'III.2.a', 'IV.9'].map((s, i) =>
      task(`T${i}`, [CA, VP], { section: s }),
    );
    expect(groupBySection(list).map((g) => [g.label, g.tasks.length])).toEqual([
      ['III.2', 2],
      ['III.10', 1],
      ['IV.2', 1],
      ['IV.9', 1],
      ['IV.10', 1],
    ]);
  });
});

describe('notes, values and links', () => {
  const update = (id: number, note: string | null): WorkUpdate => ({
    id,
    at: `2026-12-0${id}T02:00:00Z`,
    by: 'congan.namtrung',
    by_name: 'Công an',
    action: 'progress',
    note,
    progress: null,
    status: null,
  });

  it('the latest note is the last update that has one', () => {
    expect(latestNote([])).toBeNull();
    expect(latestNote([update(1, 'a'), update(2, 'b'), update(3, null)])?.note).toBe('b');
  });

  it('a withheld value is withheld, never 0; a missing one is none', () => {
    expect(valueShown({ value: null, month: '2026-10', suppressed: true })).toEqual({
      kind: 'withheld',
      month: '2026-10',
    });
    expect(valueShown({ value: 0, month: '2026-10', suppressed: true })?.kind).toBe('withheld');
    expect(valueShown({ value: 0, month: '2026-10', suppressed: false })).toEqual({
      kind: 'value',
      value: 0,
      month: '2026-10',
    });
    expect(valueShown({ value: null, month: '2026-10', suppressed: false })).toBeNull();
    expect(valueShown(null)).toBeNull();
  });

  it('a directive’s view becomes a path of the app, only for a known screen', () => {
    const screens = ['overview', 'map', 'targets'];
    expect(viewPath('screen=map&unit=10633&indicator=pct_online', screens)).toBe(
      '/map?unit=10633&indicator=pct_online',
    );
    expect(viewPath('screen=overview&unit=291', screens)).toBe('/?unit=291');
    expect(viewPath('screen=admin&unit=291', screens)).toBeNull();
    expect(viewPath('unit=291', screens)).toBeNull();
    expect(viewPath(null, screens)).toBeNull();
  });
});

describe('which office is behind on which target', () => {
  const b = (office_id: string, target_id: string, unit_id = '10633'): OfficeBehind => ({
    office_id,
    office_name: office_id,
    unit_id,
    target_id,
    title_vi: target_id,
    title_en: target_id,
    status: 'at_risk',
    deadline: '2026-12-31',
    tasks: [],
    overdue_tasks: 0,
    open_directives: 0,
  });

  it('rows are offices in the server’s order, columns targets by id, a cell for each pair given', () => {
    const m = behindMatrix([b('ca', 'D03'), b('vp', 'A07'), b('ca', 'A07')]);
    expect(m.offices.map((o) => o.office_id)).toEqual(['ca', 'vp']);
    expect(m.targets.map((t) => t.target_id)).toEqual(['A07', 'D03']);
    expect(m.cell('10633|ca', 'D03')?.target_id).toBe('D03');
    expect(m.cell('10633|vp', 'D03')).toBeUndefined();
    expect(m.offices.every((o) => o.unit_id === null)).toBe(true);
  });

  it('offices of two units are two rows, each naming its unit', () => {
    const m = behindMatrix([b('ca', 'A07', '10633'), b('ca', 'A07', '10640')]);
    expect(m.offices.map((o) => [o.key, o.unit_id])).toEqual([
      ['10633|ca', '10633'],
      ['10640|ca', '10640'],
    ]);
  });
});
