// The import screen's pure helpers (web/src/views/admin/import-format.ts): durations and the rough time left
// in vi-VN words, the share done of a progress, the sort of errors, the rows of an import, the chosen files.
import { describe, expect, it } from 'vitest';
import {
  addFiles,
  formatDuration,
  importRows,
  jobMessage,
  nextSort,
  progressShare,
  roughRemaining,
  sortErrors,
  type ErrorSort,
} from '../../web/src/views/admin/import-format.ts';
import type { ImportErrorRow, ImportProgress } from '../../web/src/views/admin/imports-api.ts';

describe('durations', () => {
  it.each([
    [0, 'vi', 'dưới 1 giây'],
    [499, 'vi', 'dưới 1 giây'],
    [500, 'vi', '1 giây'],
    [12_000, 'vi', '12 giây'],
    [59_400, 'vi', '59 giây'],
    [60_000, 'vi', '1 phút'],
    [65_000, 'vi', '1 phút 5 giây'],
    [3_599_000, 'vi', '59 phút 59 giây'],
    [3_600_000, 'vi', '1 giờ'],
    [3_780_000, 'vi', '1 giờ 3 phút'],
    [3_789_000, 'vi', '1 giờ 3 phút'],
    [12_000, 'en', '12 s'],
    [65_000, 'en', '1 min 5 s'],
    [3_780_000, 'en', '1 h 3 min'],
    [400, 'en', 'under 1 s'],
    [-1, 'vi', ''],
    [Number.NaN, 'vi', ''],
  ] as const)('formatDuration(%d, %s) = %s', (ms, lang, out) => expect(formatDuration(ms, lang)).toBe(out));

  it.each([
    [0, 0],
    [-5, 0],
    [1, 1000],
    [11_200, 12_000],
    [59_001, 60_000],
    [61_000, 60_000],
    [64_999, 60_000],
    [65_000, 70_000],
    [599_000, 600_000],
    [610_000, 600_000],
    [630_000, 660_000],
  ])('roughRemaining(%d) = %d', (ms, out) => expect(roughRemaining(ms)).toBe(out));

  it('says the time left as the screen does', () => {
    expect(`còn khoảng ${formatDuration(roughRemaining(11_200), 'vi')}`).toBe('còn khoảng 12 giây');
    expect(`còn khoảng ${formatDuration(roughRemaining(125_000), 'vi')}`).toBe('còn khoảng 2 phút 10 giây');
  });
});

const progress = (p: Partial<ImportProgress>): ImportProgress => ({
  phase: 'validating',
  rows_read: 0,
  rows_total: null,
  bytes_read: 0,
  bytes_total: 0,
  current_file: null,
  elapsed_ms: 0,
  remaining_ms: null,
  ...p,
});

describe('progress', () => {
  it.each([
    [
      'rows once their total is known',
      { rows_read: 250, rows_total: 1000, bytes_read: 10, bytes_total: 20 },
      25,
      'rows',
    ],
    ['bytes before that', { rows_read: 250, bytes_read: 300, bytes_total: 1200 }, 25, 'bytes'],
    ['never over 100', { rows_read: 1200, rows_total: 1000 }, 100, 'rows'],
    ['rounded down: 99.9 % is not done', { rows_read: 999, rows_total: 1000 }, 99, 'rows'],
    ['nothing known', { rows_read: 7 }, null, 'rows'],
    ['a total of 0 rows falls back to bytes', { rows_total: 0, bytes_read: 5, bytes_total: 10 }, 50, 'bytes'],
  ] as const)('%s', (_, p, percent, unit) => {
    const share = progressShare(progress(p));
    expect(share.percent).toBe(percent);
    expect(share.unit).toBe(unit);
  });
});

const err = (file: string, line: number, column: string, reason: string, sheet?: string): ImportErrorRow => ({
  file,
  line,
  column,
  reason,
  ...(sheet ? { sheet } : {}),
});
const ERRORS = [
  err('people.csv', 12, 'birth_date', 'không phải ngày'),
  err('dossiers_2024.csv', 3, 'received_at', 'thiếu giá trị'),
  err('people.csv', 2, 'sex', 'giá trị lạ'),
  err('population_counts.xlsx', 10, 'male', 'không phải số', 'Tháng 1'),
  err('population_counts.xlsx', 9, 'female', 'âm', 'Tháng 1'),
  err('people.csv', 100, 'unit_id', 'đơn vị không có'),
];
const lines = (rows: ImportErrorRow[]) => rows.map((r) => `${r.file}:${r.line}`);

describe('errors sort', () => {
  it('by file (ties by line, as numbers: 2 before 12 before 100)', () =>
    expect(lines(sortErrors(ERRORS, { key: 'file', dir: 'asc' }))).toEqual([
      'dossiers_2024.csv:3',
      'people.csv:2',
      'people.csv:12',
      'people.csv:100',
      'population_counts.xlsx:9',
      'population_counts.xlsx:10',
    ]));

  it('by line, descending', () =>
    expect(lines(sortErrors(ERRORS, { key: 'line', dir: 'desc' }))).toEqual([
      'people.csv:100',
      'people.csv:12',
      'population_counts.xlsx:10',
      'population_counts.xlsx:9',
      'dossiers_2024.csv:3',
      'people.csv:2',
    ]));

  it('by reason in Vietnamese order (â after a, đ after d)', () =>
    expect(sortErrors(ERRORS, { key: 'reason', dir: 'asc' }).map((r) => r.reason)).toEqual([
      'âm',
      'đơn vị không có',
      'giá trị lạ',
      'không phải ngày',
      'không phải số',
      'thiếu giá trị',
    ]));

  it('leaves the rows it was given alone', () => {
    const before = [...ERRORS];
    sortErrors(ERRORS, { key: 'column', dir: 'desc' });
    expect(ERRORS).toEqual(before);
  });

  it.each<[ErrorSort, 'file' | 'line', ErrorSort]>([
    [{ key: 'file', dir: 'asc' }, 'file', { key: 'file', dir: 'desc' }],
    [{ key: 'file', dir: 'desc' }, 'file', { key: 'file', dir: 'asc' }],
    [{ key: 'file', dir: 'desc' }, 'line', { key: 'line', dir: 'asc' }],
  ])('a click on a header: %j then %s gives %j', (sort, key, out) => expect(nextSort(sort, key)).toEqual(out));
});

describe('rows, messages, chosen files', () => {
  const base = { preview: null, progress: progress({ rows_read: 40, rows_total: 90 }), rows: 0 };
  it('the rows of an import: its preview, else its count, else its progress', () => {
    const preview = { files: [{ rows: 10 }, { rows: 32 }] } as never;
    expect(importRows({ ...base, preview, rows: 7 })).toBe(42);
    expect(importRows({ ...base, rows: 7 })).toBe(7);
    expect(importRows(base)).toBe(90);
    expect(importRows({ ...base, progress: progress({ rows_read: 40 }) })).toBe(40);
  });

  it('the message in the page’s language, Vietnamese when there is no English one', () => {
    expect(jobMessage({ message: 'Lỗi', message_en: 'Error' }, 'en')).toBe('Error');
    expect(jobMessage({ message: 'Lỗi', message_en: 'Error' }, 'vi')).toBe('Lỗi');
    expect(jobMessage({ message: 'Lỗi', message_en: null }, 'en')).toBe('Lỗi');
    expect(jobMessage({ message: null, message_en: null }, 'vi')).toBeNull();
  });

  it('a file chosen twice is kept once, in the order chosen', () => {
    const f = (name: string, size = 1, lastModified = 1) => ({ name, size, lastModified });
    const out = addFiles([f('a.csv'), f('b.csv')], [f('b.csv'), f('c.zip'), f('a.csv', 2), f('c.zip')]);
    expect(out.map((x) => `${x.name}/${x.size}`)).toEqual(['a.csv/1', 'b.csv/1', 'c.zip/1', 'a.csv/2']);
  });
});
