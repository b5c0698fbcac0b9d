// vi-VN and English formats of numbers, values, dates and periods; accent-free search keys.
import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  formatDate,
  formatDateTime,
  formatNumber,
  formatPeriod,
  formatTime,
  formatValue,
  searchKey,
} from '../../web/src/i18n/format.ts';

const nbsp = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('formats', () => {
  it.each([
    [1234.56, 'vi', 1, '1.234,6'],
    [1234.56, 'en', 1, '1,234.6'],
    [0, 'vi', 1, '0'],
    [3000000, 'vi', 0, '3.000.000'],
  ] as const)('formatNumber(%d, %s)', (v, lang, digits, out) => expect(nbsp(formatNumber(v, lang, digits))).toBe(out));

  it.each([
    [97.25, 'percent', 'vi', '97,3 %'],
    [97.25, 'percent', 'en', '97.3 %'],
    [5984, 'persons', 'vi', '5.984'],
    [80613, 'count', 'en', '80,613'],
    [3.24, 'days', 'vi', '3,2 ngày'],
    [3.24, 'days', 'en', '3.2 days'],
    [68.414, 'points', 'vi', '68,41 điểm'],
    [68.4, 'points', 'en', '68.4 points'],
    [1204.4, 'persons_per_km2', 'vi', '1.204 người/km²'],
    [101.25, 'ratio_per_100', 'vi', '101,3'],
  ] as const)('formatValue(%d, %s, %s)', (v, unit, lang, out) => expect(nbsp(formatValue(v, unit, lang))).toBe(out));

  it.each([
    ['2025-12-31', 'vi', '31/12/2025'],
    ['2022-03-05', 'en', '05/03/2022'],
    ['2026-11-27T10:00:00Z', 'vi', '27/11/2026'],
  ] as const)('formatDate(%s, %s)', (iso, lang, out) => expect(formatDate(iso, lang)).toBe(out));

  // The live status's time: 24 h, in Vietnam time whatever the browser's zone.
  it.each([
    ['2026-05-20T03:04:05Z', 'vi', '10:04:05'],
    ['2026-05-20T17:00:09.500Z', 'vi', '00:00:09'],
    ['2026-05-20T10:04:05+07:00', 'en', '10:04:05'],
    ['not a time', 'vi', ''],
  ] as const)('formatTime(%s, %s) = %s', (iso, lang, out) => expect(formatTime(iso, lang)).toBe(out));

  // The audit log's times: day-first, 24 h, Vietnam time (UTC+7), the day changing at 17:00 UTC.
  it.each([
    ['2026-11-27T16:43:46.120Z', '27/11/2026 23:43:46'],
    ['2026-11-27T17:00:00Z', '28/11/2026 00:00:00'],
    ['2026-01-02T03:04:05+07:00', '02/01/2026 03:04:05'],
    ['garbage', ''],
  ])('formatDateTime(%s) = %s', (iso, out) => expect(formatDateTime(iso)).toBe(out));

  it.each([
    [0, 'vi', '0 B'],
    [999, 'vi', '999 B'],
    [12_345, 'vi', '12,3 kB'],
    [12_345, 'en', '12.3 kB'],
    [4_100_000, 'vi', '4,1 MB'],
  ] as const)('formatBytes(%s, %s) = %s', (n, lang, out) => expect(formatBytes(n, lang)).toBe(out));

  it.each([
    ['2024-03', 'vi', 'Tháng 3/2024'],
    ['2024-03', 'en', 'Mar 2024'],
    ['2024-Q1', 'vi', 'Quý 1/2024'],
    ['2024-Q4', 'en', 'Q4 2024'],
    ['2024', 'vi', 'Năm 2024'],
    ['2024', 'en', '2024'],
    ['2024-01..2024-12', 'vi', 'Tháng 1/2024 – Tháng 12/2024'],
    ['other', 'vi', 'other'],
  ] as const)('formatPeriod(%s, %s)', (p, lang, out) => expect(formatPeriod(p, lang)).toBe(out));

  it.each([
    ['Xã Nam Trung', 'xa nam trung'],
    ['Xã Đồng Lạc', 'xa dong lac'],
    ['Thị trấn Nam Sách', 'thi tran nam sach'],
    ['  Quốc Tuấn ', 'quoc tuan'],
    ['Xã Cộng Hòa', 'xa cong hoa'],
  ])('searchKey(%s)', (text, key) => expect(searchKey(text)).toBe(key));
});
