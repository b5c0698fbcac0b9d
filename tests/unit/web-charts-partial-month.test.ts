// The month in progress (charts/partial-month.ts): which month it is (the data date's, unless that day is the month's
// last), its dd/mm label, and how a line draws it: dashed and lighter from the month before, a hollow point.
import { describe, expect, it } from 'vitest';
import { makeI18n } from '../../web/src/i18n/index.ts';
import {
  dayMonth,
  latestDate,
  monthInProgress,
  partialBand,
  partialLabel,
  partialLine,
  partialMonth,
  partialValue,
  PARTIAL_OPACITY,
} from '../../web/src/charts/partial-month.ts';

const vi = makeI18n('vi');
const en = makeI18n('en');

describe('monthInProgress', () => {
  it.each([
    ['2026-12-04', '2026-12'],
    ['2026-12-30', '2026-12'],
    ['2026-12-31', null],
    ['2026-11-30', null],
    ['2026-02-28', null],
    ['2028-02-28', '2028-02'], // a leap year: 29 days
    ['2028-02-29', null],
    ['2026-01-01', '2026-01'],
    ['', null],
    [null, null],
    ['soon', null],
  ])('%s → %s', (day, month) => expect(monthInProgress(day)).toBe(month));
});

describe('labels', () => {
  it('writes the data date day first, as dd/mm', () => expect(dayMonth('2026-12-04')).toBe('04/12'));
  it('says "đến ngày 04/12" on the band and after the value in the tooltip', () => {
    const pm = { index: 3, month: '2026-12', dataDate: '2026-12-04' };
    expect(partialLabel(vi, pm)).toBe('đến ngày 04/12');
    expect(partialValue(vi, pm, '70')).toBe('70 (đến ngày 04/12, chưa hết tháng)');
    expect(partialLabel(en, pm)).toBe('to 04/12');
  });
  it('takes the latest of several data dates', () =>
    expect(latestDate(['2026-11-30', undefined, '2026-12-04', null])).toBe('2026-12-04'));
});

describe('partialMonth', () => {
  const months = ['2026-10', '2026-11', '2026-12'];
  it('places the month in progress on the axis', () =>
    expect(partialMonth(months, '2026-12-04')).toEqual({ index: 2, month: '2026-12', dataDate: '2026-12-04' }));
  it('is null when the last month is complete or not on the axis', () => {
    expect(partialMonth(months, '2026-12-31')).toBeNull();
    expect(partialMonth(months, '2027-01-04')).toBeNull();
  });
});

describe('partialLine', () => {
  const pm = { index: 3, month: '2026-12', dataDate: '2026-12-04' };
  const values = [360, 372, 381, 70];
  const line = partialLine('Hồ sơ tiếp nhận', values, pm, '#2f6fd6')!;
  it('joins the last complete month to the month in progress, nothing else', () =>
    expect(
      (line.data as unknown[]).map((d) => (d && typeof d === 'object' ? (d as { value: number }).value : d)),
    ).toEqual([null, null, 381, 70]));
  it('draws the month in progress as a hollow point on a lighter dashed segment', () => {
    expect((line.data as unknown[])[3]).toMatchObject({ value: 70, symbol: 'emptyCircle' });
    expect(line.lineStyle).toMatchObject({ type: 'dashed', color: '#2f6fd6', opacity: PARTIAL_OPACITY });
    expect(PARTIAL_OPACITY).toBeLessThan(1);
  });
  it('keeps the name of its line (one legend entry) and stays out of the tooltip', () => {
    expect(line.name).toBe('Hồ sơ tiếp nhận');
    expect(line.tooltip).toEqual({ show: false });
  });
  it('is a lone hollow point when the month before has no value, and nothing without a value', () => {
    const lone = partialLine('x', [1, 2, null, 5], pm, '#000')!;
    expect((lone.data as unknown[]).slice(0, 3)).toEqual([null, null, null]);
    expect(partialLine('x', [1, 2, 3, null], pm, '#000')).toBeNull();
  });
  it('shades the band from the month before to the month in progress, labelled above the plot', () => {
    const band = partialBand(['T9', 'T10', 'T11', 'T12'], pm, 'đến ngày 04/12', 11);
    expect(band.data).toEqual([[{ name: 'đến ngày 04/12', xAxis: 'T11' }, { xAxis: 'T12' }]]);
    // ends at the band: never runs off the chart's right edge
    expect(band.label).toMatchObject({ position: 'top', align: 'right' });
  });
});
