// Pure helpers of the import screen: durations ("12 giây", "1 phút 5 giây") and the rough time left,
// the share done of an import's progress, the sort of its errors, the rows it holds, the chosen files.
// Tested in tests/unit/web-imports.test.ts.
import { formatNumber } from '../../i18n/format.ts';
import type { Lang } from '../../state/view-state.ts';
import type { ImportErrorRow, ImportJob, ImportProgress } from './imports-api.ts';

const WORDS: Record<Lang, { h: string; min: string; s: string; under: string }> = {
  vi: { h: 'giờ', min: 'phút', s: 'giây', under: 'dưới 1 giây' },
  en: { h: 'h', min: 'min', s: 's', under: 'under 1 s' },
};

/** A duration: "dưới 1 giây", "12 giây", "1 phút 5 giây", "2 giờ 3 phút" (seconds dropped past an hour). */
export function formatDuration(ms: number, lang: Lang): string {
  if (!Number.isFinite(ms) || ms < 0) return '';
  const w = WORDS[lang];
  const total = Math.round(ms / 1000);
  if (total < 1) return w.under;
  const [h, m, s] = [Math.floor(total / 3600), Math.floor((total % 3600) / 60), total % 60];
  const part = (n: number, word: string) => `${formatNumber(n, lang, 0)} ${word}`;
  if (h > 0) return m > 0 ? `${part(h, w.h)} ${part(m, w.min)}` : part(h, w.h);
  if (m > 0) return s > 0 ? `${part(m, w.min)} ${part(s, w.s)}` : part(m, w.min);
  return part(s, w.s);
}

/**
 * The time left as a person would say it: whole seconds (rounded up) under a minute, tens of seconds
 * under ten minutes, whole minutes beyond; an estimate should not tick like a stopwatch.
 */
export function roughRemaining(ms: number): number {
  if (ms <= 0) return 0;
  if (ms < 60_000) return Math.ceil(ms / 1000) * 1000;
  if (ms < 600_000) return Math.round(ms / 10_000) * 10_000;
  return Math.round(ms / 60_000) * 60_000;
}

export interface Share {
  /** percent done, 0–100; null when nothing says how much is left */
  percent: number | null;
  done: number;
  total: number | null;
  unit: 'rows' | 'bytes';
}

/** How far an import has got: rows once their total is known, bytes before that. */
export function progressShare(p: ImportProgress): Share {
  const pct = (done: number, total: number) => Math.max(0, Math.min(100, Math.floor((done / total) * 100)));
  if (p.rows_total !== null && p.rows_total > 0)
    return { percent: pct(p.rows_read, p.rows_total), done: p.rows_read, total: p.rows_total, unit: 'rows' };
  if (p.bytes_total > 0)
    return { percent: pct(p.bytes_read, p.bytes_total), done: p.bytes_read, total: p.bytes_total, unit: 'bytes' };
  return { percent: null, done: p.rows_read, total: null, unit: 'rows' };
}

export type ErrorKey = 'file' | 'sheet' | 'line' | 'column' | 'reason';
export const ERROR_KEYS: readonly ErrorKey[] = ['file', 'sheet', 'line', 'column', 'reason'];
export interface ErrorSort {
  key: ErrorKey;
  dir: 'asc' | 'desc';
}

const collator = new Intl.Collator('vi', { numeric: true, sensitivity: 'base' });
const compareBy = (a: ImportErrorRow, b: ImportErrorRow, key: ErrorKey): number =>
  key === 'line' ? a.line - b.line : collator.compare(a[key] ?? '', b[key] ?? '');

/** The errors by one column (numbers as numbers, Vietnamese order); ties by file, sheet, line, column. */
export function sortErrors(rows: readonly ImportErrorRow[], sort: ErrorSort): ImportErrorRow[] {
  const sign = sort.dir === 'asc' ? 1 : -1;
  return [...rows].sort(
    (a, b) =>
      sign * compareBy(a, b, sort.key) ||
      compareBy(a, b, 'file') ||
      compareBy(a, b, 'sheet') ||
      compareBy(a, b, 'line') ||
      compareBy(a, b, 'column'),
  );
}

/** A click on a column header: the same column turns its order around, another sorts ascending. */
export const nextSort = (sort: ErrorSort, key: ErrorKey): ErrorSort =>
  sort.key === key ? { key, dir: sort.dir === 'asc' ? 'desc' : 'asc' } : { key, dir: 'asc' };

/** The rows of an import: its preview's rows once checked, else its count, else what the progress counted. */
export function importRows(job: Pick<ImportJob, 'preview' | 'progress' | 'rows'>): number {
  if (job.preview) return job.preview.files.reduce((sum, f) => sum + f.rows, 0);
  if (job.rows > 0) return job.rows;
  return job.progress.rows_total ?? job.progress.rows_read;
}

/** The server's message about an import in the page's language (Vietnamese when it has no English one). */
export const jobMessage = (job: Pick<ImportJob, 'message' | 'message_en'>, lang: Lang): string | null =>
  (lang === 'en' ? job.message_en : null) ?? job.message;

/** Files added to a choice: the same file (name, size, date) twice is kept once, in the order chosen. */
export function addFiles<F extends Pick<File, 'name' | 'size' | 'lastModified'>>(
  chosen: readonly F[],
  more: readonly F[],
): F[] {
  const key = (f: F) => `${f.name}|${f.size}|${f.lastModified}`;
  const seen = new Set(chosen.map(key));
  const out = [...chosen];
  for (const f of more)
    if (!seen.has(key(f))) {
      seen.add(key(f));
      out.push(f);
    }
  return out;
}

/** The file types the picker offers (data files and zips of them; the server decides what each one is). */
export const ACCEPT = '.csv,.parquet,.geojson,.xlsx,.json,.zip';
