// The leader's brief's calendar (issue 19, server/briefs/slots.ts): slots across month ends, leap years, year
// ends and quarters, ISO weeks and week-years at New Year, one catch-up after a Tết-length downtime, and Vietnam's
// time whatever the server's zone (each case runs with TZ set to UTC, Los Angeles and Tokyo). Expectations are
// written by hand as instants with a +07:00 offset.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  checkSpec,
  dueSlot,
  latestSlot,
  nextSlot,
  parsePeriodId,
  periodOf,
  previousPeriod,
  reportedPeriod,
  slotLabel,
  slotWhen,
  vnDate,
  vnParts,
  type SlotSpec,
} from '../../server/briefs/slots.ts';

/** An instant from a Vietnam wall time written by hand: "2026-12-07 07:00". */
const vn = (wall: string) => new Date(`${wall.replace(' ', 'T')}:00+07:00`);
const iso = (d: Date | null) => (d ? d.toISOString() : null);

const week = (weekday: number, time = '07:00'): SlotSpec => ({ kind: 'week', weekday, day: null, time });
const month = (day: number, time = '07:00'): SlotSpec => ({ kind: 'month', weekday: null, day, time });
const quarter = (day: number, time = '07:00'): SlotSpec => ({ kind: 'quarter', weekday: null, day, time });

/** [what, spec, now, latest slot, next slot] */
const SLOTS: [string, SlotSpec, string, string, string][] = [
  ['Monday 07:00, exactly at the slot', week(1), '2026-12-07 07:00', '2026-12-07 07:00', '2026-12-14 07:00'],
  ['Monday 07:00, a minute before', week(1), '2026-12-07 06:59', '2026-11-30 07:00', '2026-12-07 07:00'],
  ['Monday 07:00, on Sunday night', week(1), '2026-12-06 23:00', '2026-11-30 07:00', '2026-12-07 07:00'],
  ['Monday 07:00, across a month end', week(1), '2026-12-02 10:00', '2026-11-30 07:00', '2026-12-07 07:00'],
  ['Sunday 20:00, on the Monday after', week(7, '20:00'), '2026-12-07 09:00', '2026-12-06 20:00', '2026-12-13 20:00'],
  ['Friday 08:00, across the year end', week(5, '08:00'), '2027-01-02 10:00', '2027-01-01 08:00', '2027-01-08 08:00'],
  ['Monday 00:00, midnight in Hà Nội', week(1, '00:00'), '2026-12-07 00:00', '2026-12-07 00:00', '2026-12-14 00:00'],
  ['day 31, in December', month(31), '2026-12-01 00:00', '2026-11-30 07:00', '2026-12-31 07:00'],
  ['day 31, on 30 November at the slot', month(31), '2026-11-30 07:00', '2026-11-30 07:00', '2026-12-31 07:00'],
  ['day 31, February of a common year', month(31), '2027-03-01 00:00', '2027-02-28 07:00', '2027-03-31 07:00'],
  ['day 31, February of a leap year', month(31), '2028-03-01 00:00', '2028-02-29 07:00', '2028-03-31 07:00'],
  ['day 30, on 28 February', month(30), '2027-02-28 12:00', '2027-02-28 07:00', '2027-03-30 07:00'],
  ['day 30, early March', month(30), '2027-03-05 12:00', '2027-02-28 07:00', '2027-03-30 07:00'],
  ['day 31, across the year end', month(31), '2027-01-15 12:00', '2026-12-31 07:00', '2027-01-31 07:00'],
  ['day 1, a minute before New Year', month(1), '2027-01-01 06:59', '2026-12-01 07:00', '2027-01-01 07:00'],
  ['day 1, New Year at the slot', month(1), '2027-01-01 07:00', '2027-01-01 07:00', '2027-02-01 07:00'],
  ['day 15, the 16th', month(15, '17:30'), '2026-11-16 08:00', '2026-11-15 17:30', '2026-12-15 17:30'],
  ['quarter day 1, in November', quarter(1), '2026-11-20 12:00', '2026-10-01 07:00', '2027-01-01 07:00'],
  ['quarter day 1, New Year at the slot', quarter(1), '2027-01-01 07:00', '2027-01-01 07:00', '2027-04-01 07:00'],
  ['quarter day 1, last day of March', quarter(1), '2027-03-31 23:59', '2027-01-01 07:00', '2027-04-01 07:00'],
  ['quarter day 31, April has 30 days', quarter(31), '2026-05-01 00:00', '2026-04-30 07:00', '2026-07-31 07:00'],
  ['quarter day 31, before its first slot', quarter(31), '2026-01-15 00:00', '2025-10-31 07:00', '2026-01-31 07:00'],
];

/** [what, spec, last slot run, schedule made, now, due] */
const DUE: [string, SlotSpec, string | null, string, string, string | null][] = [
  [
    'never run, made before the slot, at the slot',
    week(1),
    null,
    '2026-12-03 10:00',
    '2026-12-07 07:00',
    '2026-12-07 07:00',
  ],
  ['never run, made after that day’s slot', week(1), null, '2026-12-07 07:30', '2026-12-07 08:00', null],
  [
    'never run, made after, at the next slot',
    week(1),
    null,
    '2026-12-07 07:30',
    '2026-12-14 07:00',
    '2026-12-14 07:00',
  ],
  ['never run, made exactly at the slot', week(1), null, '2026-12-07 07:00', '2026-12-07 07:00', '2026-12-07 07:00'],
  ['run, before the next slot', week(1), '2026-12-07 07:00', '2026-12-01 00:00', '2026-12-14 06:59', null],
  ['run, at the next slot', week(1), '2026-12-07 07:00', '2026-12-01 00:00', '2026-12-14 07:00', '2026-12-14 07:00'],
  // Tết 2027 (6 February): the server is down from Friday 5 to Sunday 14 (9 days), missing Monday 8
  [
    'Tết downtime: the missed slot, once',
    week(1),
    '2027-02-01 07:00',
    '2026-12-01 00:00',
    '2027-02-14 12:00',
    '2027-02-08 07:00',
  ],
  ['Tết downtime: after the catch-up', week(1), '2027-02-08 07:00', '2026-12-01 00:00', '2027-02-14 12:05', null],
  ['Tết downtime: still before Monday', week(1), '2027-02-08 07:00', '2026-12-01 00:00', '2027-02-15 06:59', null],
  [
    'Tết downtime: the next Monday',
    week(1),
    '2027-02-08 07:00',
    '2026-12-01 00:00',
    '2027-02-15 07:00',
    '2027-02-15 07:00',
  ],
  [
    'three slots missed: only the latest',
    week(1),
    '2027-01-25 07:00',
    '2026-12-01 00:00',
    '2027-02-17 09:00',
    '2027-02-15 07:00',
  ],
  [
    'two months missed: only the latest',
    month(1),
    '2026-10-01 07:00',
    '2026-01-01 00:00',
    '2026-12-05 09:00',
    '2026-12-01 07:00',
  ],
  ['quarter run, mid-quarter', quarter(1), '2026-10-01 07:00', '2026-01-01 00:00', '2026-12-31 23:59', null],
];

const ZONES: [string, number][] = [
  // the zone and the local hour it shows for 2026-12-07 00:00 UTC (Monday 07:00 in Hà Nội)
  ['UTC', 0],
  ['America/Los_Angeles', 16],
  ['Asia/Tokyo', 9],
];

describe.each(ZONES)('with the server in %s', (zone, localHour) => {
  let saved: string | undefined;
  beforeEach(() => {
    saved = process.env.TZ;
    process.env.TZ = zone;
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  });

  it('the zone is in force (the local clock moved)', () => {
    expect(new Date('2026-12-07T00:00:00Z').getHours()).toBe(localHour);
  });

  it('a Monday 07:00 slot is Monday 00:00 UTC', () => {
    const slot = vnDate(2026, 12, 7, 7, 0);
    expect(slot.toISOString()).toBe('2026-12-07T00:00:00.000Z');
    expect(slot.getUTCDay()).toBe(1);
    expect(iso(latestSlot(week(1), new Date('2026-12-09T03:00:00Z')))).toBe('2026-12-07T00:00:00.000Z');
  });

  it('reads Vietnam wall time', () => {
    expect(vnParts(new Date('2026-12-06T17:00:00Z'))).toEqual({ y: 2026, m: 12, d: 7, hh: 0, mm: 0, weekday: 1 });
    expect(vnParts(new Date('2026-12-31T16:59:00Z'))).toEqual({ y: 2026, m: 12, d: 31, hh: 23, mm: 59, weekday: 4 });
    expect(vnParts(new Date('2026-12-31T17:00:00Z'))).toEqual({ y: 2027, m: 1, d: 1, hh: 0, mm: 0, weekday: 5 });
    expect(vnParts(new Date('2027-02-07T05:30:00Z'))).toEqual({ y: 2027, m: 2, d: 7, hh: 12, mm: 30, weekday: 7 });
    expect(iso(vnDate(2027, 1, 1))).toBe('2026-12-31T17:00:00.000Z');
    expect(iso(vnDate(2028, 2, 29, 23, 59))).toBe('2028-02-29T16:59:00.000Z');
  });

  it.each(SLOTS)('%s', (_what, spec, now, latest, next) => {
    expect(iso(latestSlot(spec, vn(now)))).toBe(iso(vn(latest)));
    expect(iso(nextSlot(spec, vn(now)))).toBe(iso(vn(next)));
  });

  it.each(DUE)('due: %s', (_what, spec, last, since, now, due) => {
    expect(iso(dueSlot(spec, last ? vn(last) : null, vn(since), vn(now)))).toBe(due ? iso(vn(due)) : null);
  });

  it('a brief is for the period before its slot’s Vietnam day', () => {
    const cases: [Parameters<typeof reportedPeriod>[0], string, string][] = [
      ['week', '2026-11-23 07:00', '2026-W47'],
      // 00:30 on Monday in Hà Nội is still Sunday in UTC and in Los Angeles
      ['week', '2026-11-23 00:30', '2026-W47'],
      ['week', '2026-11-22 23:30', '2026-W46'],
      ['week', '2027-01-04 07:00', '2026-W53'],
      ['week', '2026-01-05 07:00', '2026-W01'],
      ['month', '2026-12-01 07:00', '2026-11'],
      ['month', '2026-12-15 07:00', '2026-11'],
      ['month', '2027-01-01 00:00', '2026-12'],
      ['quarter', '2027-01-01 07:00', '2026-Q4'],
      ['quarter', '2026-11-15 07:00', '2026-Q3'],
    ];
    for (const [kind, slot, id] of cases)
      expect([kind, slot, reportedPeriod(kind, vn(slot)).id]).toEqual([kind, slot, id]);
  });

  it('says a slot’s moment in Vietnam’s time', () => {
    expect(slotWhen(vn('2026-12-07 07:00'), 'vi')).toBe('Thứ Hai 07:00, 07/12/2026');
    expect(slotWhen(vn('2026-12-07 07:00'), 'en')).toBe('Monday 07:00, 07/12/2026');
    expect(slotWhen(new Date('2026-12-06T17:00:00Z'), 'vi')).toBe('Thứ Hai 00:00, 07/12/2026');
    expect(slotWhen(vn('2026-12-13 20:05'), 'vi')).toBe('Chủ nhật 20:05, 13/12/2026');
  });
});

describe('periods', () => {
  /** [kind, a day, id, from, to, label_vi, label_en] */
  const PERIODS: [SlotSpec['kind'], string, string, string, string, string, string][] = [
    [
      'week',
      '2026-11-16',
      '2026-W47',
      '2026-11-16',
      '2026-11-22',
      'tuần 47/2026 (16/11–22/11/2026)',
      'week 47 of 2026 (16/11–22/11/2026)',
    ],
    [
      'week',
      '2026-11-22',
      '2026-W47',
      '2026-11-16',
      '2026-11-22',
      'tuần 47/2026 (16/11–22/11/2026)',
      'week 47 of 2026 (16/11–22/11/2026)',
    ],
    [
      'week',
      '2026-12-31',
      '2026-W53',
      '2026-12-28',
      '2027-01-03',
      'tuần 53/2026 (28/12/2026–03/01/2027)',
      'week 53 of 2026 (28/12/2026–03/01/2027)',
    ],
    [
      'week',
      '2027-01-01',
      '2026-W53',
      '2026-12-28',
      '2027-01-03',
      'tuần 53/2026 (28/12/2026–03/01/2027)',
      'week 53 of 2026 (28/12/2026–03/01/2027)',
    ],
    [
      'week',
      '2027-01-03',
      '2026-W53',
      '2026-12-28',
      '2027-01-03',
      'tuần 53/2026 (28/12/2026–03/01/2027)',
      'week 53 of 2026 (28/12/2026–03/01/2027)',
    ],
    [
      'week',
      '2027-01-04',
      '2027-W01',
      '2027-01-04',
      '2027-01-10',
      'tuần 1/2027 (04/01–10/01/2027)',
      'week 1 of 2027 (04/01–10/01/2027)',
    ],
    [
      'week',
      '2025-12-29',
      '2026-W01',
      '2025-12-29',
      '2026-01-04',
      'tuần 1/2026 (29/12/2025–04/01/2026)',
      'week 1 of 2026 (29/12/2025–04/01/2026)',
    ],
    [
      'week',
      '2027-12-31',
      '2027-W52',
      '2027-12-27',
      '2028-01-02',
      'tuần 52/2027 (27/12/2027–02/01/2028)',
      'week 52 of 2027 (27/12/2027–02/01/2028)',
    ],
    ['month', '2026-11-05', '2026-11', '2026-11-01', '2026-11-30', 'tháng 11/2026', 'November 2026'],
    ['month', '2028-02-10', '2028-02', '2028-02-01', '2028-02-29', 'tháng 2/2028', 'February 2028'],
    ['month', '2027-02-28', '2027-02', '2027-02-01', '2027-02-28', 'tháng 2/2027', 'February 2027'],
    ['quarter', '2026-11-05', '2026-Q4', '2026-10-01', '2026-12-31', 'quý IV/2026', 'Q4 2026'],
    ['quarter', '2027-02-14', '2027-Q1', '2027-01-01', '2027-03-31', 'quý I/2027', 'Q1 2027'],
    ['quarter', '2026-08-01', '2026-Q3', '2026-07-01', '2026-09-30', 'quý III/2026', 'Q3 2026'],
    ['quarter', '2026-06-30', '2026-Q2', '2026-04-01', '2026-06-30', 'quý II/2026', 'Q2 2026'],
  ];

  it.each(PERIODS)('%s of %s is %s', (kind, day, id, from, to, labelVi, labelEn) => {
    const expected = { kind, id, from, to, label_vi: labelVi, label_en: labelEn };
    expect(periodOf(kind, day)).toEqual(expected);
    expect(parsePeriodId(id)).toEqual(expected);
  });

  it.each([
    ['2027-W01', '2026-W53'],
    ['2026-W01', '2025-W52'],
    ['2026-W48', '2026-W47'],
    ['2027-01', '2026-12'],
    ['2028-03', '2028-02'],
    ['2027-Q1', '2026-Q4'],
    ['2026-Q3', '2026-Q2'],
  ])('the period before %s is %s', (id, before) => {
    expect(previousPeriod(parsePeriodId(id)).id).toBe(before);
  });

  it.each(['2027-W53', '2026-W00', '2026-W54', '2026-13', '2026-00', '2026-Q5', '2026-Q0', '26-11', '2026-11-01', ''])(
    'refuses the period id "%s"',
    (id) => {
      expect(() => parsePeriodId(id)).toThrow(/YYYY-Www/);
      expect(() => parsePeriodId(id)).toThrow(`"${id}"`);
    },
  );

  it('refuses a day that is not one', () => {
    expect(() => periodOf('month', '2027-02-29')).toThrow(/2027-02-29/);
    expect(() => periodOf('week', '2026-11')).toThrow();
  });
});

describe('schedule wording and checks', () => {
  it.each([
    [week(1), 'Thứ Hai hằng tuần, 07:00', 'Every Monday, 07:00'],
    [week(7, '18:30'), 'Chủ nhật hằng tuần, 18:30', 'Every Sunday, 18:30'],
    [week(4), 'Thứ Năm hằng tuần, 07:00', 'Every Thursday, 07:00'],
    [month(1), 'Ngày 1 hằng tháng, 07:00', 'Day 1 of every month, 07:00'],
    [month(15, '08:15'), 'Ngày 15 hằng tháng, 08:15', 'Day 15 of every month, 08:15'],
    [quarter(1), 'Ngày 1 tháng đầu mỗi quý, 07:00', "Day 1 of each quarter's first month, 07:00"],
  ])('%o reads "%s"', (spec, vi, en) => {
    expect(slotLabel(spec, 'vi')).toBe(vi);
    expect(slotLabel(spec, 'en')).toBe(en);
  });

  it.each([week(1), week(7), month(1), month(31), quarter(31), week(3, '00:00'), month(2, '23:59')])(
    'accepts %o',
    (spec) => expect(checkSpec(spec)).toBeNull(),
  );

  it.each([
    [{ kind: 'week', weekday: null, day: 1, time: '07:00' }, /Thứ Hai.*Monday/],
    [week(0), /weekday/],
    [week(8), /weekday/],
    [week(1.5), /weekday/],
    [month(0), /ngày trong tháng.*day of the month/],
    [month(32), /day of the month/],
    [{ kind: 'quarter', weekday: 1, day: null, time: '07:00' }, /day of the month/],
    [week(1, '7:00'), /HH:MM/],
    [week(1, '24:00'), /HH:MM/],
    [month(1, '07:60'), /HH:MM/],
    [{ kind: 'year', weekday: null, day: 1, time: '07:00' }, /tuần, tháng hoặc quý/],
  ])('refuses %o', (spec, message) => {
    expect(checkSpec(spec as SlotSpec)).toMatch(message);
  });
});
