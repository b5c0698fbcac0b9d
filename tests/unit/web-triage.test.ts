// Issue 17: the Overview's tiles in triage order (the groups come from the server's `triage` field), their sort and
// filters, the summary of the passed group and the change since the previous month, on hand-made targets whose
// expected orders are written out here.
import { describe, expect, it } from 'vitest';
import {
  deadlineYears,
  effectiveChoice,
  groupsOf,
  statusParts,
  triageSections,
  type TileFields,
} from '../../web/src/views/overview/overview-data.ts';
import { changeText, tileChange } from '../../web/src/components/target-text.ts';
import { formatValue } from '../../web/src/i18n/format.ts';
import { makeI18n } from '../../web/src/i18n/index.ts';

const t = (
  target_id: string,
  group: string,
  status: string,
  deadline: string,
  triage: TileFields['triage'],
  probability: number | null = null,
) => ({ target_id, group, status, deadline, triage, probability }) as TileFields;

// a commune in December 2026: three live targets at risk, one on track, one met early, one not measured, and
// decided ones of 2022 and 2025
const TARGETS = [
  t('A02', 'tthc', 'met', '2022-03-31', 'passed'),
  t('A04', 'tthc', 'missed', '2022-12-31', 'passed'),
  t('A08', 'tthc', 'missed', '2025-12-31', 'passed'),
  t('A12', 'tthc', 'met', '2025-12-31', 'passed'),
  t('A18', 'tthc', 'at_risk', '2030-12-31', 'attention', 0.45),
  t('A20', 'tthc', 'at_risk', '2030-12-31', 'attention', 0.27),
  t('A21', 'tthc', 'on_track', '2028-06-30', 'on_track', 0.62),
  t('C03', 'cong_dan_so', 'no_data', '2025-12-31', 'passed'),
  t('C04', 'cong_dan_so', 'at_risk', '2027-12-31', 'attention', 0),
  t('C05', 'cong_dan_so', 'met', '2027-12-31', 'on_track', 0.9),
  t('D01', 'du_lieu', 'missed', '2022-12-31', 'passed'),
  t('D04', 'du_lieu', 'no_data', '2030-12-31', 'unknown'),
  t('L09', 'new_group', 'at_risk', '2030-12-31', 'attention', null),
];
const ids = (sections: { triage: string; targets: TileFields[] }[]) =>
  Object.fromEntries(sections.map((s) => [s.triage, s.targets.map((x) => x.target_id)]));

describe('triage sections', () => {
  it('by default: live targets at risk first (soonest deadline, then least likely), decided last, latest first', () => {
    expect(ids(triageSections(TARGETS, {}))).toEqual({
      // C04 (2027) before the 2030 ones; among 2030: the milestone without a probability, then 27 %, then 45 %
      attention: ['C04', 'L09', 'A20', 'A18'],
      on_track: ['C05', 'A21'],
      unknown: ['D04'],
      // 2025 before 2022; inside a deadline missed before met before no data
      passed: ['A08', 'A12', 'C03', 'A04', 'D01', 'A02'],
    });
  });

  it('sorted by deadline: soonest first in every group', () => {
    expect(ids(triageSections(TARGETS, { sort: 'deadline' }))).toEqual({
      attention: ['C04', 'A18', 'A20', 'L09'],
      on_track: ['C05', 'A21'],
      unknown: ['D04'],
      passed: ['A02', 'A04', 'D01', 'A08', 'A12', 'C03'],
    });
  });

  it('sorted by status and by group', () => {
    expect(ids(triageSections(TARGETS, { sort: 'status' })).passed).toEqual(['A04', 'A08', 'D01', 'A02', 'A12', 'C03']);
    expect(ids(triageSections(TARGETS, { sort: 'group' })).attention).toEqual(['A18', 'A20', 'C04', 'L09']);
    expect(ids(triageSections(TARGETS, { sort: 'group' })).passed).toEqual(['A02', 'A04', 'A08', 'A12', 'C03', 'D01']);
  });

  it('filters by status, group and deadline year, together', () => {
    expect(ids(triageSections(TARGETS, { status: 'missed' }))).toEqual({
      attention: [],
      on_track: [],
      unknown: [],
      passed: ['A08', 'A04', 'D01'],
    });
    expect(ids(triageSections(TARGETS, { group: 'cong_dan_so' }))).toEqual({
      attention: ['C04'],
      on_track: ['C05'],
      unknown: [],
      passed: ['C03'],
    });
    expect(ids(triageSections(TARGETS, { due: '2030', group: 'tthc' }))).toEqual({
      attention: ['A20', 'A18'],
      on_track: [],
      unknown: [],
      passed: [],
    });
  });

  it('drops a group or a year no target has (the whole list, not an empty one); keeps a status', () => {
    expect(effectiveChoice(TARGETS, { group: 'moon', due: '2040', status: 'on_track', sort: 'status' })).toEqual({
      group: undefined,
      due: undefined,
      status: 'on_track',
      sort: 'status',
    });
    expect(effectiveChoice(TARGETS, { group: 'du_lieu', due: '2027' })).toMatchObject({
      group: 'du_lieu',
      due: '2027',
    });
  });

  it('lists the groups in the plan’s order and the deadline years', () => {
    expect(groupsOf(TARGETS)).toEqual(['tthc', 'cong_dan_so', 'du_lieu', 'new_group']);
    expect(deadlineYears(TARGETS)).toEqual(['2022', '2025', '2027', '2028', '2030']);
  });

  it('summarises the passed group by status', () => {
    const passed = TARGETS.filter((x) => x.triage === 'passed');
    expect(statusParts(passed)).toEqual([
      { status: 'met', n: 2 },
      { status: 'missed', n: 3 },
      { status: 'no_data', n: 1 },
    ]);
  });
});

describe('the change since the previous month', () => {
  const base = { unit: 'percent', comparator: '>=', suppressed: false, previous_month: '2026-11' };
  const vi = (unit: string) => (v: number) => formatValue(v, unit, 'vi');

  it.each([
    // value, previous, unit, comparator → delta, direction, better
    [61, 58.2, 'percent', '>=', 2.8, 'up', true],
    [58.2, 61, 'percent', '>=', -2.8, 'down', false],
    [3.1, 3.4, 'days', '<=', -0.3, 'down', true],
    [3890, 3765, 'count', '>=', 125, 'up', true],
    // 0.04 points reads "0 %" at one decimal: flat
    [61.04, 61, 'percent', '>=', 0.04, 'flat', null],
    [3890.4, 3890, 'count', '>=', 0.4, 'flat', null],
  ] as const)('%d after %d (%s, %s)', (value, previous, unit, comparator, delta, direction, better) => {
    const c = tileChange({ ...base, unit, comparator, value, previous_value: previous }, vi(unit))!;
    expect(c.delta).toBeCloseTo(delta, 9);
    expect(c.direction).toBe(direction);
    expect(c.better).toBe(better);
    expect(c.month).toBe('2026-11');
  });

  it('is none for a milestone, a withheld value or without the previous month', () => {
    const f = vi('percent');
    expect(tileChange({ ...base, unit: 'milestone', value: 1, previous_value: 0 }, f)).toBeNull();
    expect(tileChange({ ...base, suppressed: true, value: null, previous_value: null }, f)).toBeNull();
    expect(tileChange({ ...base, value: 60, previous_value: null }, f)).toBeNull();
    expect(tileChange({ ...base, value: 60, previous_value: 59, previous_month: null }, f)).toBeNull();
  });
});

describe('the change as a tile writes it', () => {
  const base = { comparator: '>=', suppressed: false, previous_month: '2026-10' };
  it.each([
    [
      'vi',
      61,
      58.2,
      'percent',
      { direction: 'up', tone: 'better', word: 'tăng', text: '2,8 điểm % so với tháng 10/2026' },
    ],
    ['en', 61, 58.2, 'percent', { direction: 'up', tone: 'better', word: 'up', text: '2.8 pp since Oct 2026' }],
    ['vi', 3765, 3890, 'count', { direction: 'down', tone: 'worse', word: 'giảm', text: '125 so với tháng 10/2026' }],
    [
      'vi',
      9800,
      12345,
      'count',
      { direction: 'down', tone: 'worse', word: 'giảm', text: '2.545 so với tháng 10/2026' },
    ],
    ['vi', 61.01, 61, 'percent', { direction: 'flat', tone: 'flat', word: '', text: 'Không đổi so với tháng 10/2026' }],
  ] as const)('%s: %d after %d %s', (lang, value, previous, unit, want) => {
    expect(changeText({ ...base, unit, value, previous_value: previous }, makeI18n(lang))).toEqual(want);
  });
});
