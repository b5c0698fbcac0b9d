// Reads an import file's header and builds the SQL relation of its raw text columns (r_<name>, NULL when empty,
// stored text in NFC), and the physical line of a CSV record. CSV (an xlsx comes as the CSV of its sheet, xlsx.ts),
// Parquet and (units only) GeoJSON; portal aliases and Vietnamese names (aliases.ts) are mapped here. Used by stage.ts.
import { closeSync, createReadStream, openSync, readSync } from 'node:fs';
import type { DuckDBConnection } from '@duckdb/node-api';
import { cellText } from '../cells.ts';
import { CsvReader, type CsvRecord } from '../generate/csv-read.ts';
import { headerKey, importColumns, INSUFFICIENT } from './aliases.ts';
import { documentedName, type ColumnSpec, type Kind } from './columns.ts';
import { ident, lit } from './values.ts';
import type { ImportError, SourceFile } from './types.ts';

export interface RawSource {
  /** Spec column name → the header it was read from (the first, for a column that several headers give). */
  header: Map<string, string>;
  /** Header problems (missing required columns, a column given twice), reported on line 1. */
  errors: ImportError[];
  /** SELECT of r_<name> for every spec column; with `__line` (CSV record, Parquet row, GeoJSON feature) when asked. */
  select(withLine: boolean): string;
}

/** The first CSV record (the header) of a file, read with the project's CSV reader (csv-read.ts). */
export function readCsvHeader(path: string): string[] {
  const fd = openSync(path, 'r');
  const buf = Buffer.alloc(1 << 20);
  const n = readSync(fd, buf, 0, buf.length, 0);
  closeSync(fd);
  const header = new CsvReader().read(buf.subarray(0, n).toString('utf8'), true)[0];
  return (header?.fields ?? []).map((f) => f.trim());
}

/** Record number → physical line. */
export type LineMap = Map<number, number>;

/**
 * The physical line each wanted record of a CSV file starts on: record `n` counts the header as 1, as the
 * importer's `__line` does (blank lines skipped, as read_csv skips them) or, with `countBlank`, as DuckDB's
 * own errors do ("CSV Error on Line: n"). A line break inside quotes starts a new physical line, and
 * docs/data-formats.md promises `file:line`. Reads the file only up to the last wanted record.
 */
export async function csvRecordLines(path: string, wanted: Iterable<number>, countBlank = false): Promise<LineMap> {
  const want = new Set(wanted);
  const lines: LineMap = new Map();
  const max = Math.max(0, ...want);
  if (max === 0) return lines;
  const reader = new CsvReader({ fields: false });
  let n = 0;
  const take = (records: CsvRecord[]): boolean => {
    for (const r of records) {
      if (r.blank && !countBlank) continue;
      if (want.has(++n)) lines.set(n, r.line);
      if (n >= max) return true;
    }
    return false;
  };
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 });
  try {
    for await (const chunk of stream) if (take(reader.read(chunk as string))) return lines;
    take(reader.read('', true));
  } finally {
    stream.destroy();
  }
  return lines;
}

async function columnNames(conn: DuckDBConnection, src: SourceFile): Promise<string[]> {
  if (src.format === 'csv') return readCsvHeader(src.path);
  if (src.format === 'parquet') {
    const r = await conn.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet(${lit(src.path)})`);
    return r.getRowObjectsJson().map((row) => cellText(row.column_name));
  }
  const t = await conn.runAndReadAll(
    `SELECT json_extract_string(content, '$.type') AS t FROM read_text(${lit(src.path)})`,
  );
  if (t.getRowObjectsJson()[0]?.t !== 'FeatureCollection') throw new Error('is not a GeoJSON FeatureCollection');
  const r = await conn.runAndReadAll(
    `SELECT DISTINCT unnest(json_keys(f->'properties')) AS k FROM (${geojsonFeatures(src.path)})`,
  );
  return r.getRowObjectsJson().map((row) => cellText(row.k));
}

function geojsonFeatures(path: string): string {
  return (
    `SELECT unnest(range(1, len(fs) + 1)) AS __line, unnest(fs) AS f` +
    ` FROM (SELECT from_json(json_extract(content, '$.features'), '["JSON"]') AS fs FROM read_text(${lit(path)}))`
  );
}

/**
 * Finds which header holds each spec column: case-insensitive, NFC, inner blanks as one, aliases and Vietnamese
 * names (aliases.ts) accepted.
 */
export function mapHeader(
  kind: Kind,
  file: string,
  names: string[],
): { header: Map<string, string>; several: Map<string, string[]>; errors: ImportError[] } {
  const header = new Map<string, string>();
  const several = new Map<string, string[]>();
  const errors: ImportError[] = [];
  for (const col of importColumns(kind)) {
    const accepted = [col.name, ...(col.aliases ?? [])].map(headerKey);
    const found = names.filter((n) => accepted.includes(headerKey(n)));
    const insufficient = INSUFFICIENT[kind]?.find((i) => i.column === col.name);
    const partial = insufficient && names.find((n) => insufficient.headers.map(headerKey).includes(headerKey(n)));
    if (found.length > 1 && col.several) {
      header.set(col.name, found[0]);
      several.set(col.name, found);
    } else if (found.length > 1) {
      errors.push({
        file,
        line: 1,
        column: found[1],
        reason: `column "${col.name}" is given twice (${found.map((f) => `"${f}"`).join(' and ')})`,
      });
    } else if (found.length === 1) header.set(col.name, found[0]);
    else if (insufficient && partial !== undefined)
      errors.push({ file, line: 1, column: partial, reason: insufficient.reason });
    else if (col.required && !(kind === 'units' && col.name === 'geometry')) {
      errors.push({ file, line: 1, column: documentedName(col, kind), reason: 'required column is missing' });
    }
  }
  return { header, several, errors };
}

/**
 * Value types stored as text (names, codes, keys, free text). They are stored in Unicode NFC: Vietnamese from
 * Windows tools often arrives decomposed (NFD), which would neither equal, sort nor join with the composed
 * form. Values parsed into fixed spellings (enums, booleans) accept both forms already (values.ts).
 */
const STORED_TEXT = new Set<ColumnSpec['value']['type']>(['text', 'name']);

/** `fallback`: the value of an empty (or absent) column, e.g. a tasks file's unit (SourceFile.unit). */
function rawColumn(col: ColumnSpec, source: string | undefined, fallback?: string): string {
  if (source === undefined)
    return `${fallback === undefined ? 'NULL' : lit(fallback)}::VARCHAR AS ${ident('r_' + col.name)}`;
  const expr = `(${source})`;
  // trim() copies every string; most values have no outer blanks, so only those are trimmed.
  let value =
    `CASE WHEN starts_with(${expr}, ' ') OR ends_with(${expr}, ' ') OR ${expr} = ''` +
    ` THEN NULLIF(trim(${expr}), '') ELSE ${expr} END`;
  // nfc_normalize returns ASCII text as it is, cheaply; the whole CASE is wrapped so that it runs once a value.
  if (STORED_TEXT.has(col.value.type)) value = `nfc_normalize(${value})`;
  if (fallback !== undefined) value = `coalesce(${value}, ${lit(fallback)})`;
  return `${value} AS ${ident('r_' + col.name)}`;
}

/** Inspects the file and returns its raw relation; throws on a file DuckDB cannot read at all. */
export async function openSource(conn: DuckDBConnection, src: SourceFile): Promise<RawSource> {
  const names = await columnNames(conn, src);
  const { header, several, errors } = mapHeader(src.kind, src.file, names);
  const specs = importColumns(src.kind);
  /**
   * The column's source expression from each header's: the first non-empty of several (blank = empty); headers read
   * as flags (ColumnSpec.presence) give 'true' when one of them holds a value, else 'false'.
   */
  const from = (c: ColumnSpec, expr: (h: string) => string): string | undefined => {
    const all = several.get(c.name) ?? (header.has(c.name) ? [header.get(c.name)!] : []);
    if (all.length === 0) return undefined;
    const flags = new Set((c.presence ?? []).map(headerKey));
    const given = (hs: string[]) => hs.map((h) => `NULLIF(trim(${expr(h)}), '')`);
    const values = all.filter((h) => !flags.has(headerKey(h)));
    const present = all.filter((h) => flags.has(headerKey(h)));
    const parts = values.length === 1 && present.length === 0 ? [expr(values[0])] : given(values);
    if (present.length > 0)
      parts.push(`CASE WHEN coalesce(${given(present).join(', ')}) IS NULL THEN 'false' ELSE 'true' END`);
    return parts.length === 1 ? parts[0] : `coalesce(${parts.join(', ')})`;
  };
  // a tasks file's rows without a unit belong to the import's unit
  const fallback = (c: ColumnSpec) => (src.kind === 'tasks' && c.name === 'unit_id' ? src.unit : undefined);
  if (src.kind === 'tasks' && !header.has('unit_id') && src.unit === undefined) {
    errors.push({
      file: src.file,
      line: 1,
      column: 'unit_id',
      reason:
        'the file has no unit_id column and the import names no unit: add the column, or import as the ' +
        "unit's administrator (web) or with --unit <unit_id> (command line)",
    });
  }
  const select = (withLine: boolean): string => {
    if (src.format === 'csv') {
      const cols = names.map((_, i) => `'c${i}': 'VARCHAR'`).join(', ');
      const pos = (h: string) => `c${names.indexOf(h)}`;
      const list = specs.map((c) => rawColumn(c, from(c, pos), fallback(c)));
      // row_number() OVER () right on the scan runs in file order (a streaming window): the record number, header = 1,
      // which stage.ts turns into the physical line (csvRecordLines) for the few rows it reports.
      const line = withLine ? 'row_number() OVER () + 1 AS __line, ' : '';
      return (
        `SELECT ${line}${list.join(', ')} FROM read_csv(${lit(src.path)}, auto_detect = false, header = true,` +
        ` delim = ',', quote = '"', escape = '"', columns = {${cols}})`
      );
    }
    if (src.format === 'parquet') {
      const list = specs.map((c) =>
        rawColumn(
          c,
          from(c, (h) => `CAST(${ident(h)} AS VARCHAR)`),
          fallback(c),
        ),
      );
      const line = withLine ? 'file_row_number + 1 AS __line, ' : '';
      return `SELECT ${line}${list.join(', ')} FROM read_parquet(${lit(src.path)}, file_row_number = true)`;
    }
    const list = specs.map((c) =>
      c.name === 'geometry'
        ? `f->>'geometry' AS r_geometry`
        : rawColumn(c, header.has(c.name) ? `f->'properties'->>${lit(header.get(c.name)!)}` : undefined, fallback(c)),
    );
    return `SELECT ${withLine ? '__line, ' : ''}${list.join(', ')} FROM (${geojsonFeatures(src.path)})`;
  };
  if (src.format === 'geojson') header.set('geometry', 'geometry');
  return { header, errors, select };
}
