// Finds the recognised files of an import folder (by name prefix), hashes them, and reads manifest.json.
// Used by index.ts.
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import { KIND_ORDER, type Kind } from './columns.ts';
import { hashFile } from './encoding.ts';
import type { Format, ImportError, Manifest, SourceFile } from './types.ts';

const FORMATS: Record<string, Format> = {
  '.csv': 'csv',
  '.parquet': 'parquet',
  '.geojson': 'geojson',
  '.xlsx': 'xlsx',
};

/** Kind and format of a file name, or null when the importer does not read it. */
export function recognise(name: string): { kind: Kind; format: Format } | null {
  const lower = name.toLowerCase();
  const format = FORMATS[extname(lower)];
  const kind = KIND_ORDER.find((k) => lower.startsWith(k));
  if (!format || !kind || (format === 'geojson' && kind !== 'units')) return null;
  return { kind, format };
}

export function sha256File(path: string): Promise<string> {
  return new Promise((done, fail) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', fail)
      .on('end', () => done(hash.digest('hex')));
  });
}

/** The folder's recognised files in load order (kind, then name). */
export async function listFolder(folder: string): Promise<SourceFile[]> {
  const dir = resolve(folder);
  const found: SourceFile[] = [];
  for (const file of readdirSync(dir).sort()) {
    const path = join(dir, file);
    const kf = recognise(file);
    if (!kf || !statSync(path).isFile()) continue;
    // CSV files are checked to be UTF-8 text in the same read (encoding.ts)
    found.push({ file, path, ...kf, ...(await hashFile(path, kf.format === 'csv')) });
  }
  return found.sort(
    (a, b) =>
      KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0),
  );
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

function isDate(s: string): boolean {
  const d = new Date(`${s}T00:00:00Z`);
  return DATE_RE.test(s) && !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** manifest.json, or the defaults of real data (not generated, source = the folder's name). */
export function readManifest(folder: string): { manifest: Manifest; errors: ImportError[] } {
  const path = join(folder, 'manifest.json');
  const manifest: Manifest = { generated: false, source: basename(resolve(folder)), dataDate: null };
  if (!existsSync(path)) return { manifest, errors: [] };
  const fail = (column: string, reason: string) => ({
    manifest,
    errors: [{ file: 'manifest.json', line: 1, column, reason }],
  });
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''));
  } catch (e) {
    return fail('', `is not valid JSON: ${(e as Error).message}`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return fail('', 'is not a JSON object');
  const m = json as Record<string, unknown>;
  const errors: ImportError[] = [];
  const err = (column: string, reason: string) => errors.push({ file: 'manifest.json', line: 1, column, reason });
  if (m.generated !== undefined && typeof m.generated !== 'boolean')
    err('generated', `${JSON.stringify(m.generated)} is not true or false`);
  if (m.source !== undefined && (typeof m.source !== 'string' || m.source.trim() === ''))
    err('source', `${JSON.stringify(m.source)} is not a non-empty text`);
  if (m.data_date !== undefined && (typeof m.data_date !== 'string' || !isDate(m.data_date))) {
    err('data_date', `${JSON.stringify(m.data_date)} is not a date (YYYY-MM-DD)`);
  }
  return {
    manifest: {
      generated: m.generated === true,
      source: typeof m.source === 'string' && m.source.trim() !== '' ? m.source.trim() : manifest.source,
      dataDate: typeof m.data_date === 'string' && isDate(m.data_date) ? m.data_date : null,
    },
    errors,
  };
}
