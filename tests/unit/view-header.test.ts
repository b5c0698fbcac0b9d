// The date line of an exported view is Vietnam's day, whatever the server's time zone: at 00:30 in
// Hà Nội (17:30 UTC the day before) a PDF is dated the new day.
import { describe, expect, it } from 'vitest';
import { placeAndDate } from '../../server/export/view-header.ts';

describe('placeAndDate', () => {
  it('dates by the day in Vietnam (UTC+7)', () => {
    expect(placeAndDate('Nam Sách', new Date('2026-11-27T17:30:00Z'), 'vi')).toBe(
      'Nam Sách, ngày 28 tháng 11 năm 2026',
    );
    expect(placeAndDate('Nam Sách', new Date('2026-11-27T16:59:59Z'), 'vi')).toBe(
      'Nam Sách, ngày 27 tháng 11 năm 2026',
    );
    expect(placeAndDate('Nam Sách', new Date('2026-12-31T17:00:00Z'), 'en')).toBe('Nam Sách, 2027-01-01');
    expect(placeAndDate('Nam Sách', new Date('2026-03-04T20:00:00Z'), 'vi')).toBe(
      'Nam Sách, ngày 05 tháng 03 năm 2026',
    );
  });
});
