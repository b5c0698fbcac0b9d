// The follow-up panels' list (web/src/work/follow-up.ts): the server's overdue directives and tasks in one list, the
// most overdue first, with the days late counted by hand here; and the live state's work items (live/live-store.ts):
// kept newest first, counted for the follow-up's refresh, and shown only for the units a screen is about.
import { describe, expect, it } from 'vitest';
import type { LiveMessage } from '../../web/src/live/live-message.ts';
import { reachOf, type ReachNode } from '../../web/src/live/live-reach.ts';
import { applyMessages, feedFor, initialLive } from '../../web/src/live/live-store.ts';
import type { Directive, LiveWork, Task } from '../../web/src/work/api.ts';
import { daysBetween, followItems, followLink } from '../../web/src/work/follow-up.ts';

const directive = (id: number, due: string, patch: Partial<Directive> = {}): Directive =>
  ({
    id,
    unit_id: '10633',
    unit_name: 'Xã Nam Trung',
    office_id: '10633.cong-an',
    office_name: 'Công an xã',
    title: `Chỉ đạo ${id}`,
    due,
    status: 'issued',
    overdue: true,
    ...patch,
  }) as Directive;
const task = (task_id: string, deadline: string | null, patch: Partial<Task> = {}): Task =>
  ({
    id: `10633.${task_id}`,
    task_id,
    unit_id: '10633',
    unit_name: 'Xã Nam Trung',
    title_vi: `Nhiệm vụ ${task_id}`,
    title_en: `Task ${task_id}`,
    lead: [
      { office_id: '10633.van-phong', name: 'Văn phòng HĐND-UBND xã' },
      { office_id: null, name: 'các đơn vị liên quan' },
    ],
    deadline,
    status: 'overdue',
    ...patch,
  }) as Task;

describe('daysBetween', () => {
  it.each([
    ['2026-12-04', '2026-12-05', 1],
    ['2026-11-05', '2026-12-05', 30],
    ['2025-12-31', '2026-03-01', 60], // 2026 is not a leap year: 1 + 28 + 31
    ['2024-02-28', '2024-03-01', 2], // 2024 is
    ['2026-12-05', '2026-12-05', 0],
  ])('%s → %s: %i days', (a, b, n) => expect(daysBetween(a, b)).toBe(n));
});

describe('followItems', () => {
  const today = '2026-12-05';
  const items = followItems(
    [directive(3, '2026-12-01'), directive(12, '2026-11-05'), directive(2, '2026-12-01')],
    [task('T036', '2026-11-05'), task('T001', '2026-12-04'), task('T099', null)],
    today,
  );

  it('the most overdue first; at equal lateness directives first, then by number; tasks without a deadline left out', () => {
    expect(items.map((x) => `${x.kind}:${x.label}:${x.late}`)).toEqual([
      'directive:12:30',
      'task:T036:30',
      'directive:2:4',
      'directive:3:4',
      'task:T001:1',
    ]);
  });

  it("a task names its lead offices as the plan writes them, and its title in the page's language", () => {
    expect(items[1].office).toBe('Văn phòng HĐND-UBND xã, các đơn vị liên quan');
    expect(items[1].title).toBe('Nhiệm vụ T036');
    expect(followItems([], [task('T036', '2026-11-05')], today, 'en')[0].title).toBe('Task T036');
    expect(followItems([], [task('T036', '2026-11-05', { title_en: null })], today, 'en')[0].title).toBe(
      'Nhiệm vụ T036',
    );
  });

  it('links each item to the screen "Nhiệm vụ"', () => {
    expect(followLink(items[0])).toBe('/tasks?directive=12');
    expect(followLink(items[1])).toBe('/tasks?task=10633.T036');
  });
});

describe('work in the live state', () => {
  const node = (unit_id: string, parent_id: string | null, children: ReachNode[] = []): ReachNode => ({
    unit_id,
    parent_id,
    children,
    successors: [],
  });
  const reach = reachOf([node('291', null, [node('10633', '291'), node('10636', '291')])]);
  const work = (id: string, unit: string, status: string, previous: string | null): LiveWork => ({
    kind: 'directive',
    id,
    unit,
    unit_name: unit,
    office_id: `${unit}.cong-an`,
    office_name: 'Công an xã',
    title: `Chỉ đạo ${id}`,
    status,
    previous_status: previous,
    overdue: false,
    by_name: 'Cán bộ',
  });
  const msg = (at: string, items: LiveWork[]): LiveMessage => ({
    at,
    batches: [],
    data_version: 1,
    data_date: '2026-12-05',
    changes: [],
    alerts: [],
    work: items,
  });

  it('keeps work items newest first and bumps the follow-up version only when there are some', () => {
    let s = applyMessages(
      initialLive(),
      [msg('2026-12-05T03:00:00Z', [work('1', '10633', 'acknowledged', 'issued')])],
      reach,
      1,
    );
    expect(s.workSeq).toBe(1);
    s = applyMessages(s, [msg('2026-12-05T03:01:00Z', [])], reach, 2);
    expect(s.workSeq).toBe(1);
    s = applyMessages(s, [msg('2026-12-05T03:02:00Z', [work('1', '10633', 'done', 'acknowledged')])], reach, 3);
    expect(s.workSeq).toBe(2);
    expect(s.work.map((w) => w.status)).toEqual(['done', 'acknowledged']);
    // a message replayed after a reconnection is not listed twice
    s = applyMessages(s, [msg('2026-12-05T03:02:00Z', [work('1', '10633', 'done', 'acknowledged')])], reach, 4);
    expect(s.work).toHaveLength(2);
  });

  it("a commune's screen shows its own work, the district's shows its communes'", () => {
    const s = applyMessages(
      initialLive(),
      [msg('2026-12-05T03:00:00Z', [work('1', '10633', 'done', 'in_progress'), work('2', '10636', 'issued', null)])],
      reach,
      1,
    );
    expect(feedFor(s, reach, '10633', null).work.map((w) => w.id)).toEqual(['1']);
    expect(feedFor(s, reach, '10636', null).work.map((w) => w.id)).toEqual(['2']);
    expect(
      feedFor(s, reach, '291', null)
        .work.map((w) => w.id)
        .sort(),
    ).toEqual(['1', '2']);
  });
});
