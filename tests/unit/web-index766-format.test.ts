// The Decision 766 screen's pure helpers: periods of a month / quarter / year choice, the month in progress, the
// order of indicators, units and portal rows, and the words of points, ratios and the forecast (vi-VN and en).
import { describe, expect, it } from 'vitest';
import { makeI18n } from '../../web/src/i18n/index.ts';
import {
  byPointsLost,
  compareIds,
  dataMonthOf,
  defaultMonthOf,
  forecastText,
  monthInProgress,
  orderPortal,
  periodChoices,
  periodEnd,
  periodInProgress,
  periodOf,
  pointsOfMax,
  rankedUnits,
  ratioText,
  scoreAxisMin,
  signedText,
} from '../../web/src/views/index766/index766-format.ts';
import type { Index766Forecast, Index766Portal, Index766Row } from '../../web/src/views/index766/index766-api.ts';

const vi = makeI18n('vi');
const en = makeI18n('en');
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('periods', () => {
  it.each([
    ['month', '2026-05', '2026-05'],
    ['quarter', '2026-05', '2026-Q2'],
    ['quarter', '2026-12', '2026-Q4'],
    ['quarter', '2026-01', '2026-Q1'],
    ['year', '2026-05', '2026'],
  ] as const)('periodOf(%s, %s) = %s', (grain, month, want) => expect(periodOf(grain, month)).toBe(want));

  it.each([
    ['2026-05', '2026-05'],
    ['2026-Q1', '2026-03'],
    ['2026-Q3', '2026-09'],
    ['2025', '2025-12'],
  ])('periodEnd(%s) = %s', (period, want) => expect(periodEnd(period)).toBe(want));

  it('lists months newest first, across a year', () =>
    expect(periodChoices('month', '2026-02', 4)).toEqual([
      { period: '2026-02', month: '2026-02' },
      { period: '2026-01', month: '2026-01' },
      { period: '2025-12', month: '2025-12' },
      { period: '2025-11', month: '2025-11' },
    ]));
  it('lists quarters: the one in progress stands for the data month, the others for their last month', () =>
    expect(periodChoices('quarter', '2026-05', 3)).toEqual([
      { period: '2026-Q2', month: '2026-05' },
      { period: '2026-Q1', month: '2026-03' },
      { period: '2025-Q4', month: '2025-12' },
    ]));
  it('lists years', () =>
    expect(periodChoices('year', '2026-05', 3)).toEqual([
      { period: '2026', month: '2026-05' },
      { period: '2025', month: '2025-12' },
      { period: '2024', month: '2024-12' },
    ]));

  it.each([
    ['2026-05-15', '2026-05'],
    ['2026-05-31', null],
    ['2026-02-28', null],
    ['2024-02-28', '2024-02'],
    ['2024-02-29', null],
    ['2026-12-31', null],
  ])('the month in progress on %s is %s', (day, want) => expect(monthInProgress(day)).toBe(want));

  it.each([
    ['2026-05', '2026-05-15', true],
    ['2026-05', '2026-05-31', false],
    ['2026-04', '2026-05-15', false],
    ['2026-Q2', '2026-05-31', true],
    ['2026-Q2', '2026-06-30', false],
    ['2026', '2026-11-30', true],
    ['2025', '2026-05-15', false],
  ])('period %s with data up to %s in progress: %s', (period, day, want) =>
    expect(periodInProgress(period, day)).toBe(want),
  );

  it('takes the dossiers data date, else the latest one, else today', () => {
    const sets = [
      { kind: 'people', data_date: '2026-06-30' },
      { kind: 'dossiers', data_date: '2026-05-15' },
    ];
    expect(dataMonthOf(sets, '2030-01-01')).toBe('2026-05');
    expect(dataMonthOf([{ kind: 'people', data_date: '2026-06-30' }], '2030-01-01')).toBe('2026-06');
    expect(dataMonthOf([], '2030-01-01')).toBe('2030-01');
  });

  it('opens on the last complete month: the month before a data date inside its month', () => {
    expect(defaultMonthOf([{ kind: 'dossiers', data_date: '2026-12-04' }], '2030-01-01')).toBe('2026-11');
    expect(defaultMonthOf([{ kind: 'dossiers', data_date: '2026-01-15' }], '2030-01-01')).toBe('2025-12');
    expect(defaultMonthOf([{ kind: 'dossiers', data_date: '2026-11-30' }], '2030-01-01')).toBe('2026-11');
    expect(defaultMonthOf([{ kind: 'people', data_date: '2026-06-10' }], '2030-01-01')).toBe('2026-06');
  });
});

describe('order', () => {
  it('compares indicator ids as the Decision numbers them', () =>
    expect(['4.5b', '3.5b', '1.10', '4.2b', '1.2', '3.5', '4.5a', '4.2'].sort(compareIds)).toEqual([
      '1.2',
      '1.10',
      '3.5',
      '3.5b',
      '4.2',
      '4.2b',
      '4.5a',
      '4.5b',
    ]));

  it('puts most points lost first, then scored without loss, then the statuses without points', () => {
    const rows = [
      { id: '4.2b', lost: null, status: 'no_formula' as const },
      { id: '1.1', lost: 0, status: 'scored' as const },
      { id: '2.2', lost: null, status: 'not_scored' as const },
      { id: '3.3', lost: 2.4, status: 'scored' as const },
      { id: '1.2', lost: null, status: 'no_data' as const },
      { id: '2.1', lost: 5.1, status: 'scored' as const },
      { id: '1.4', lost: null, status: 'withheld' as const },
      { id: '5.1', lost: null, status: 'not_scored' as const },
      { id: '1.3', lost: 0, status: 'scored' as const },
    ];
    expect(byPointsLost(rows).map((r) => r.id)).toEqual([
      '2.1',
      '3.3',
      '1.1',
      '1.3',
      '1.4',
      '1.2',
      '2.2',
      '5.1',
      '4.2b',
    ]);
  });

  it('ranks the child units by score, the unit itself left out, those without a score last by name', () => {
    const row = (unit: string, unit_name: string, score: number | null) => ({ unit, unit_name, score }) as Index766Row;
    const rows = [
      row('291', 'Huyện Nam Sách', 80),
      row('a', 'Xã An Lâm', 72.5),
      row('b', 'Xã Nam Trung', 91),
      row('c', 'Xã Hợp Tiến', null),
      row('d', 'Thị trấn Nam Sách', 88.25),
      row('e', 'Xã Ái Quốc', null),
    ];
    expect(rankedUnits(rows, '291').map((r) => r.unit)).toEqual(['b', 'd', 'a', 'e', 'c']);
  });

  it('orders portal rows newest period first, groups as defined, total last', () => {
    const p = (period: string, group: string) => ({ period, group }) as Index766Portal;
    const groups = ['1', '2', '3', '3b', '4', '5'].map((id) => ({ id }));
    const out = orderPortal(
      [p('2026-03', 'total'), p('2026-04', '3b'), p('2026-04', 'total'), p('2026-04', '1')],
      groups,
    );
    expect(out.map((r) => `${r.period} ${r.group}`)).toEqual([
      '2026-04 1',
      '2026-04 3b',
      '2026-04 total',
      '2026-03 total',
    ]);
  });
});

describe('axis', () => {
  it.each([
    [[], 0],
    [[null, null], 0],
    [[91, 85.5, 78], 70],
    [[95, 93], 80],
    [[62, 99], 50],
    [[34, 80], 0],
    [[100, 100], 90],
    [[45], 40],
    [[24], 0],
  ] as const)('starts the score axis for %j at %d', (values, want) => expect(scoreAxisMin([...values])).toBe(want));
});

describe('words', () => {
  it.each([
    [vi, 12.5, 18, '12,5/18'],
    [vi, 4.125, 6, '4,13/6'],
    [en, 4.125, 6, '4.13/6'],
    [vi, null, 6, '—/6'],
  ] as const)('pointsOfMax', (i, points, max, want) => expect(pointsOfMax(i, points, max)).toBe(want));

  it.each([
    [vi, 1.25, '+1,25'],
    [vi, -3.5, '−3,5'],
    [en, -0.25, '−0.25'],
    [vi, 0, '0'],
  ] as const)('signedText(%d)', (i, v, want) => expect(signedText(i, v)).toBe(want));

  it.each([
    [vi, 0.412, 'percent', '41,2 %'],
    [en, 0.412, undefined, '41.2 %'],
    [vi, 1, 'percent', '100 %'],
    [vi, 0, 'percent', '0 %'],
    [vi, 3.24, 'days', '3,2 ngày'],
    [vi, null, 'percent', '—'],
  ] as const)('ratioText(%d, %s)', (i, ratio, unit, want) => expect(plain(ratioText(i, ratio, unit))).toBe(want));

  it('says the forecast with its range, or why there is none', () => {
    const f: Index766Forecast = { year: '2026', score: 84.2, low: 80.05, high: 88, method: 'damped_logit' };
    const say = (i: typeof vi, x: Index766Forecast | null, dataMonth = '2026-05') =>
      forecastText(i, x, '2026', dataMonth);
    expect(say(vi, f)).toMatch(/^Dự báo điểm tháng 12\/2026: 84,2 \(khoảng dự báo 80 %: 80,05–88\)\. /);
    expect(say(en, f)).toMatch(/^December 2026 forecast: 84\.2 \(80 % forecast range 80\.05–88\)\. /);
    expect(say(vi, { ...f, low: null, high: null })).toMatch(/^Dự báo điểm tháng 12\/2026: 84,2\. /);
    expect(say(vi, { ...f, score: null, method: 'too_short' })).toBe('Chưa dự báo tháng 12: chưa đủ số tháng có điểm.');
    expect(say(vi, null, '2026-12')).toBe('Tháng 12/2026 đã có số liệu nên không cần dự báo.');
    expect(say(vi, null, '2027-02')).toBe('Tháng 12/2026 đã có số liệu nên không cần dự báo.');
    expect(say(en, null)).toBe('no forecast');
    expect(say(en, { ...f, score: null, method: 'other' })).toBe('no forecast');
  });
});
