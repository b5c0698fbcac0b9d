// What the map's legend says: the indicator with its unit and the months its values stand for (the last month for
// an indicator read at month end, the whole period for a sum), "đến ngày …" for a month still in progress.
import { describe, expect, it } from 'vitest';
import { makeI18n } from '../../web/src/i18n/index.ts';
import { legendTitle, monthInProgress, shownPeriod, unitWords } from '../../web/src/map/legend-text.ts';

const vi = makeI18n('vi');
const en = makeI18n('en');

describe('shownPeriod', () => {
  it.each([
    ['2022-01..2026-12', 'last', '2026-12'],
    ['2022-01..2026-12', 'sum', '2022-01..2026-12'],
    ['2026-11..2026-11', 'sum', '2026-11'],
    ['2026-11..2026-11', 'last', '2026-11'],
    ['2026-11', 'sum', '2026-11'],
    ['', 'sum', ''],
  ])('%s (%s) → %s', (period, time, shown) => expect(shownPeriod(period, time)).toBe(shown));
});

describe('monthInProgress', () => {
  it.each([
    ['2026-12', '2026-12-05', true],
    ['2026-12', '2026-12-31', false],
    ['2026-11', '2026-12-05', false],
    ['2024-02', '2024-02-28', true], // a leap year: 29 days
    ['2023-02', '2023-02-28', false],
    ['2026-01..2026-12', '2026-12-04', true],
    ['', '2026-12-04', false],
  ])('%s with data to %s: %s', (shown, date, partial) => expect(monthInProgress(shown, date)).toBe(partial));
});

describe('legendTitle', () => {
  it('says the indicator, its unit and the month (the issue’s example)', () => {
    const t = legendTitle(vi, {
      name: 'Tỷ lệ công dân có tài khoản VNeID mức 2',
      unit: 'percent',
      period: '2026-11..2026-11',
      time: 'last',
      dataDate: '2026-12-05',
    });
    expect(t).toEqual({ what: 'Tỷ lệ công dân có tài khoản VNeID mức 2 (%)', when: 'Tháng 11/2026' });
  });

  it('marks a month in progress with its last day of data, in vi-VN and in English', () => {
    const o = { name: 'Dân số', unit: 'persons', period: '2022-01..2026-12', time: 'last', dataDate: '2026-12-05' };
    expect(legendTitle(vi, o)).toEqual({ what: 'Dân số (người)', when: 'Tháng 12/2026 (đến ngày 05/12/2026)' });
    expect(legendTitle(en, { ...o, name: 'Population' })).toEqual({
      what: 'Population (persons)',
      when: 'Dec 2026 (to 05/12/2026)',
    });
  });

  it('gives a sum its whole period, and the name alone while the period is unknown', () => {
    const o = {
      name: 'Số trẻ sinh ra',
      unit: 'persons',
      period: '2026-01..2026-06',
      time: 'sum',
      dataDate: '2026-12-05',
    };
    expect(legendTitle(vi, o).when).toBe('Tháng 1/2026 – Tháng 6/2026');
    expect(legendTitle(vi, { ...o, period: '' })).toEqual({ what: 'Số trẻ sinh ra (người)', when: '' });
  });

  it('has words for every unit of the registry, and none for an unknown one', () => {
    for (const unit of ['percent', 'count', 'persons', 'persons_per_km2', 'ratio_per_100', 'days'])
      for (const i of [vi, en]) expect(unitWords(i, unit), `${i.lang} ${unit}`).not.toBe('');
    expect(unitWords(vi, 'furlongs')).toBe('');
    expect(legendTitle(vi, { name: 'X', unit: 'furlongs', period: '2026-11' }).what).toBe('X');
  });
});
