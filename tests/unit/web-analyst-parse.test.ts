// Numbers and dates as people type them (components/number-parse.ts, components/date-parse.ts): "1,8" is 1.8 in
// Vietnamese, "1.800" is eighteen hundred and never 1.8, a separator that reads two ways is refused; dd/mm/yyyy
// against the calendar. Issue 17: "a value that cannot be read is an error message, never silently 18".
import { describe, expect, it } from 'vitest';
import { parseNumber } from '../../web/src/components/number-parse.ts';
import { dayText, parseDate } from '../../web/src/components/date-parse.ts';

describe('parseNumber, Vietnamese (decimal comma, dot between thousands)', () => {
  it.each([
    ['1,8', 1.8],
    ['1.8', 1.8],
    ['1,80', 1.8],
    ['1.85', 1.85],
    ['0,5', 0.5],
    [',5', 0.5],
    ['0.500', 0.5],
    ['1.800', 1800],
    ['1.800,5', 1800.5],
    ['12.345.678', 12345678],
    ['1 800', 1800],
    ['1\u00a0800,25', 1800.25],
    ['2', 2],
    ['  2,05  ', 2.05],
    ['-3,5', -3.5],
    ['\u22123,5', -3.5],
    ['+4', 4],
    ['-0', 0],
    ['74,5', 74.5],
  ])('"%s" is %d', (text, value) => expect(parseNumber(text, 'vi')).toEqual({ ok: true, value }));

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['abc', 'invalid'],
    ['1e3', 'invalid'],
    ['1,8x', 'invalid'],
    ['5,', 'invalid'],
    ['-', 'invalid'],
    ['.', 'invalid'],
    ['1 80', 'invalid'],
    ['1,234.5', 'ambiguous'],
    ['1,2,3', 'ambiguous'],
    ['1.2.3', 'ambiguous'],
    ['12.34,5', 'ambiguous'],
    ['1.23.456', 'ambiguous'],
  ])('"%s" is refused (%s)', (text, reason) => expect(parseNumber(text, 'vi')).toEqual({ ok: false, reason }));

  it('never reads a thousands separator as a decimal point: 1.800 is not 1.8, 18 or 180', () => {
    for (const text of ['1.800', '1.800.000', '18.000']) {
      const r = parseNumber(text, 'vi');
      expect(r.ok && r.value).toBe(Number(text.replace(/\./g, '')));
    }
  });
});

describe('parseNumber, English (decimal point, comma between thousands)', () => {
  it.each([
    ['1.8', 1.8],
    ['1,8', 1.8],
    ['1,800', 1800],
    ['1,234.5', 1234.5],
    ['0.05', 0.05],
  ])('"%s" is %d', (text, value) => expect(parseNumber(text, 'en')).toEqual({ ok: true, value }));

  it.each([
    ['1.234,5', 'ambiguous'],
    ['1.2.3', 'ambiguous'],
    ['x', 'invalid'],
  ])('"%s" is refused (%s)', (text, reason) => expect(parseNumber(text, 'en')).toEqual({ ok: false, reason }));
});

describe('parseDate (dd/mm/yyyy, kept as ISO)', () => {
  it.each([
    ['31/12/2025', '2025-12-31'],
    ['1/7/2025', '2025-07-01'],
    ['01-07-2025', '2025-07-01'],
    ['01.07.2025', '2025-07-01'],
    [' 29/02/2024 ', '2024-02-29'],
    ['2025-06-30', '2025-06-30'],
    ['28/02/2026', '2026-02-28'],
    ['30/04/2026', '2026-04-30'],
  ])('"%s" is %s', (text, iso) => expect(parseDate(text)).toEqual({ ok: true, iso }));

  it.each([
    ['', 'empty'],
    ['31/02/2025', 'day'],
    ['29/02/2025', 'day'],
    ['31/04/2026', 'day'],
    ['00/01/2026', 'day'],
    ['12/13/2025', 'month'],
    ['12/00/2025', 'month'],
    ['12/31/2025', 'month'],
    ['01/01/1899', 'year'],
    ['1/1/25', 'format'],
    ['2025/12/31', 'format'],
    ['hôm nay', 'format'],
    ['31/12/2025 10:00', 'format'],
  ])('"%s" is refused (%s)', (text, reason) => expect(parseDate(text)).toEqual({ ok: false, reason }));

  it('shows an ISO day as dd/mm/yyyy, whatever the locale', () => {
    expect(dayText('2025-07-01')).toBe('01/07/2025');
    expect(dayText('2025-07-01T10:00:00Z')).toBe('01/07/2025');
    expect(dayText('')).toBe('');
    expect(dayText(undefined)).toBe('');
  });
});
