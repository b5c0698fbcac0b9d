// The Overview's pure helpers: months, lagging ranking, recent changes, unit search, target text.
import { describe, expect, it } from 'vitest';
import { addMonths } from '../../server/contracts/months.ts';
import {
  countStatuses,
  lastCompleteMonth,
  rankLagging,
  recentChanges,
  type UnitValue,
} from '../../web/src/views/overview/overview-data.ts';
import { filterUnits, flattenUnits, type UnitTreeNode } from '../../web/src/components/unit-search.ts';
import { comparatorSign, probabilityText, targetValueText } from '../../web/src/components/target-text.ts';
import { makeI18n } from '../../web/src/i18n/index.ts';

const row = (unit: string, value: number | null, suppressed = false): UnitValue => ({
  unit,
  unit_name: `Xã ${unit}`,
  value,
  suppressed,
});

describe('overview data', () => {
  it.each([
    ['2026-11', -1, '2026-10'],
    ['2026-01', -1, '2025-12'],
    ['2025-12', 1, '2026-01'],
    ['2024-03', -15, '2022-12'],
  ])('addMonths(%s, %i) = %s', (ym, n, out) => expect(addMonths(ym, n)).toBe(out));

  it.each([
    ['2026-11-27', '2026-10'],
    ['2026-11-30', '2026-11'],
    ['2024-02-29', '2024-02'],
    ['2023-02-28', '2023-02'],
    ['2026-01-05', '2025-12'],
  ])('lastCompleteMonth(%s) = %s', (d, m) => expect(lastCompleteMonth(d)).toBe(m));

  it('ranks worst first for the direction, leaving hidden values out', () => {
    const rows = [row('a', 80), row('b', 50), row('c', null), row('d', 3, true), row('e', 65)];
    expect(rankLagging(rows, 'higher', 3).map((r) => r.unit)).toEqual(['b', 'e', 'a']);
    expect(rankLagging(rows, 'lower', 2).map((r) => r.unit)).toEqual(['a', 'e']);
  });

  it('reports changes above the threshold, largest first, never from hidden values', () => {
    const changes = recentChanges([
      {
        indicator: 'pct_online',
        direction: 'higher',
        prev: [row('a', 20), row('b', 50), row('c', 10, true), row('d', 40)],
        last: [row('a', 28), row('b', 50.5), row('c', 30), row('d', 37)],
      },
      { indicator: 'pct_late', direction: 'lower', prev: [row('a', 10)], last: [row('a', 6)] },
    ]);
    expect(changes.map((c) => [c.indicator, c.unit, c.delta, c.better])).toEqual([
      ['pct_online', 'a', 8, true],
      ['pct_late', 'a', -4, true],
      ['pct_online', 'd', -3, false],
    ]);
  });

  it('counts statuses', () => {
    expect(countStatuses(['met', 'met', 'missed', 'x'])).toEqual({
      met: 2,
      on_track: 0,
      at_risk: 0,
      missed: 1,
      no_data: 0,
      suppressed: 0,
    });
  });
});

describe('unit search', () => {
  const node = (unit_id: string, name: string, children: UnitTreeNode[] = []): UnitTreeNode => ({
    unit_id,
    name,
    name_en: null,
    level: children.length ? 'district' : 'commune',
    valid_to: null,
    is_base: true,
    children,
  });
  const options = flattenUnits([
    node('291', 'Huyện Nam Sách', [
      node('10657', 'Xã Đồng Lạc'),
      node('10633', 'Xã Nam Trung'),
      node('10630', 'Xã An Bình'),
    ]),
  ]);

  it('flattens depth first, communes by Vietnamese name', () => {
    expect(options.map((o) => [o.unit_id, o.depth])).toEqual([
      ['291', 0],
      ['10630', 1],
      ['10657', 1],
      ['10633', 1],
    ]);
  });

  it.each([
    ['nam trung', ['10633']],
    ['Nam Trung', ['10633']],
    ['dong lac', ['10657']],
    ['ĐỒNG', ['10657']],
    ['xa', ['10630', '10657', '10633']],
    ['10633', ['10633']],
    ['', ['291', '10630', '10657', '10633']],
    ['zzz', []],
  ])('"%s" finds %j', (q, ids) => expect(filterUnits(options, q).map((o) => o.unit_id)).toEqual(ids));
});

describe('target text', () => {
  it.each([
    [100, 'percent', 'vi', '100 %'],
    [1, 'milestone', 'vi', 'Đã hoàn thành'],
    [0, 'milestone', 'en', 'Not done'],
    [3000000, 'count', 'vi', '3.000.000'],
  ] as const)('targetValueText(%d, %s, %s)', (v, unit, lang, out) => {
    expect(targetValueText(v, unit, makeI18n(lang)).replace(/[\u00a0\u202f]/g, ' ')).toBe(out);
  });
  it.each([
    ['>=', '≥'],
    ['<=', '≤'],
    ['done', ''],
  ])('comparatorSign(%s)', (c, s) => expect(comparatorSign(c)).toBe(s));
  it.each([
    [0.45, '45 %'],
    [0.29, '29 %'],
    [0, '0 %'],
    [1, '100 %'],
  ])('probabilityText(%d) reads the whole percent the server gave', (p, out) => {
    expect(probabilityText(p, makeI18n('vi')).replace(/[\u00a0\u202f]/g, ' ')).toBe(out);
  });
});
