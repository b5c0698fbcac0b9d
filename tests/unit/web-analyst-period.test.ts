// The period of the Procedures and Population screens (components/period.ts): read from the URL's from / to /
// grain within the server's months, the choices offered (never after the data month), and the periods a KPI
// tile compares with. Expected months are counted by hand.
import { describe, expect, it } from 'vitest';
import {
  chartSpan,
  choosePeriod,
  chooseRange,
  comparisons,
  monthOptions,
  periodOptions,
  readPeriod,
  spanMonths,
  switchMode,
} from '../../web/src/components/period.ts';

/** The demo's months: January 2022 to the data date's December 2026. */
const B = { from: '2022-01', to: '2026-12' };

describe('readPeriod', () => {
  it.each([
    // nothing in the URL: the last twelve months up to the data month
    [{ grain: 'month' }, { mode: 'range', from: '2026-01', to: '2026-12', period: '2026-01..2026-12' }],
    [
      { grain: 'month', to: '2025-06' },
      { mode: 'range', from: '2024-07', to: '2025-06', period: '2024-07..2025-06' },
    ],
    [
      { grain: 'month', from: '2025-03', to: '2025-03' },
      { mode: 'month', from: '2025-03', to: '2025-03', period: '2025-03' },
    ],
    [
      { grain: 'month', from: '2025-01', to: '2025-06' },
      { mode: 'range', from: '2025-01', to: '2025-06', period: '2025-01..2025-06' },
    ],
    // the wrong way round is turned around
    [
      { grain: 'month', from: '2025-06', to: '2025-01' },
      { mode: 'range', from: '2025-01', to: '2025-06', period: '2025-01..2025-06' },
    ],
    // the 766 screen writes only `to`: the quarter or year holding it
    [
      { grain: 'quarter', to: '2025-08' },
      { mode: 'quarter', from: '2025-07', to: '2025-09', period: '2025-Q3' },
    ],
    [
      { grain: 'quarter', from: '2025-07', to: '2025-09' },
      { mode: 'quarter', from: '2025-07', to: '2025-09', period: '2025-Q3' },
    ],
    [
      { grain: 'year', to: '2024-02' },
      { mode: 'year', from: '2024-01', to: '2024-12', period: '2024' },
    ],
    // a period still running ends at the data month; a month after the data is the data month
    [{ grain: 'year' }, { mode: 'year', from: '2026-01', to: '2026-12', period: '2026' }],
    [
      { grain: 'month', from: '2027-05', to: '2027-05' },
      { mode: 'month', from: '2026-12', to: '2026-12', period: '2026-12' },
    ],
    // before the server's first month: its first month
    [
      { grain: 'month', from: '2020-01', to: '2022-03' },
      { mode: 'range', from: '2022-01', to: '2022-03', period: '2022-01..2022-03' },
    ],
    [
      { grain: 'month', to: '2022-05' },
      { mode: 'range', from: '2022-01', to: '2022-05', period: '2022-01..2022-05' },
    ],
  ] as const)('%j → %j', (view, expected) => expect(readPeriod(view, B)).toEqual(expected));

  it('a quarter still running ends at the data month', () =>
    expect(readPeriod({ grain: 'quarter' }, { from: '2022-01', to: '2026-11' })).toEqual({
      mode: 'quarter',
      period: '2026-Q4',
      from: '2026-10',
      to: '2026-11',
    }));
});

describe('choices', () => {
  it('months newest first, none after the data month, none before the first', () => {
    const months = monthOptions({ from: '2025-11', to: '2026-02' });
    expect(months).toEqual(['2026-02', '2026-01', '2025-12', '2025-11']);
    expect(monthOptions(B)).toHaveLength(60);
  });
  it('quarters and years newest first, the running one included', () => {
    expect(periodOptions('quarter', { from: '2025-02', to: '2026-05' })).toEqual([
      '2026-Q2',
      '2026-Q1',
      '2025-Q4',
      '2025-Q3',
      '2025-Q2',
      '2025-Q1',
    ]);
    expect(periodOptions('year', B)).toEqual(['2026', '2025', '2024', '2023', '2022']);
  });
  it('a chosen period as from / to / grain', () => {
    expect(choosePeriod('quarter', '2026-Q4', { from: '2022-01', to: '2026-11' })).toEqual({
      grain: 'quarter',
      from: '2026-10',
      to: '2026-11',
    });
    expect(choosePeriod('year', '2023', B)).toEqual({ grain: 'year', from: '2023-01', to: '2023-12' });
    expect(choosePeriod('month', '2024-02', B)).toEqual({ grain: 'month', from: '2024-02', to: '2024-02' });
    expect(chooseRange('2025-09', '2025-02')).toEqual({ grain: 'month', from: '2025-02', to: '2025-09' });
  });
  it('a switch of kind keeps the shown period’s last month, a range keeps the span', () => {
    const shown = { from: '2025-01', to: '2025-08' };
    expect(switchMode('quarter', shown, B)).toEqual({ grain: 'quarter', from: '2025-07', to: '2025-09' });
    expect(switchMode('year', shown, B)).toEqual({ grain: 'year', from: '2025-01', to: '2025-12' });
    expect(switchMode('month', shown, B)).toEqual({ grain: 'month', from: '2025-08', to: '2025-08' });
    expect(switchMode('range', { from: '2025-07', to: '2025-09' }, B)).toEqual({
      grain: 'month',
      from: '2025-07',
      to: '2025-09',
    });
  });
});

describe('comparisons', () => {
  it.each([
    // a month: the month before, and the same month a year before
    [{ mode: 'month', from: '2026-03', to: '2026-03' }, ['2026-02', '2026-02'], ['2025-03', '2025-03'], false],
    // January: December of the year before
    [{ mode: 'month', from: '2026-01', to: '2026-01' }, ['2025-12', '2025-12'], ['2025-01', '2025-01'], false],
    [{ mode: 'quarter', from: '2026-04', to: '2026-06' }, ['2026-01', '2026-03'], ['2025-04', '2025-06'], false],
    // a quarter so far (October–November): the same months of the quarter before
    [{ mode: 'quarter', from: '2026-10', to: '2026-11' }, ['2026-07', '2026-08'], ['2025-10', '2025-11'], false],
    // a year, or twelve months: the period before is the same months a year before
    [{ mode: 'year', from: '2025-01', to: '2025-12' }, ['2024-01', '2024-12'], ['2024-01', '2024-12'], true],
    [{ mode: 'range', from: '2026-01', to: '2026-12' }, ['2025-01', '2025-12'], ['2025-01', '2025-12'], true],
    [{ mode: 'range', from: '2026-02', to: '2026-04' }, ['2025-11', '2026-01'], ['2025-02', '2025-04'], false],
    [{ mode: 'range', from: '2025-01', to: '2026-06' }, ['2023-07', '2024-12'], ['2024-01', '2025-06'], false],
  ] as const)('%j: previous %j, last year %j', (view, previous, lastYear, same) =>
    expect(comparisons(view)).toEqual({
      previous: { from: previous[0], to: previous[1] },
      lastYear: { from: lastYear[0], to: lastYear[1] },
      same,
    }),
  );

  it('counts months', () => {
    expect(spanMonths({ from: '2025-11', to: '2026-02' })).toBe(4);
    expect(spanMonths({ from: '2026-02', to: '2026-02' })).toBe(1);
  });
});

describe('chartSpan', () => {
  it.each([
    // no start in the URL: the server's whole range (up to `to`)
    [{}, {}],
    [{ to: '2025-06' }, { to: '2025-06' }],
    // a month or a quarter alone is no trend: the twelve months up to its end
    [
      { from: '2026-03', to: '2026-03' },
      { from: '2025-04', to: '2026-03' },
    ],
    [
      { from: '2026-04', to: '2026-06' },
      { from: '2025-07', to: '2026-06' },
    ],
    // twelve months or more: as asked
    [
      { from: '2025-01', to: '2025-12' },
      { from: '2025-01', to: '2025-12' },
    ],
    [
      { from: '2023-01', to: '2025-12' },
      { from: '2023-01', to: '2025-12' },
    ],
  ])('%j → %j', (view, span) => expect(chartSpan(view)).toEqual(span));
});
