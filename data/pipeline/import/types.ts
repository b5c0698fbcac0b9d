// Types shared by the importer's modules and returned to its callers (import-cli.ts, the server's admin import).
import type { Kind } from './columns.ts';

export type Format = 'csv' | 'parquet' | 'geojson' | 'xlsx';

/**
 * One rejected row (or header, line 1) of one file; line is the CSV line (header = 1), Parquet row, GeoJSON
 * feature or the row of the workbook's sheet (xlsx); 0 when the whole file is meant.
 */
export interface ImportError {
  file: string;
  /** The sheet of a workbook (xlsx) the row is on. */
  sheet?: string;
  line: number;
  column: string;
  reason: string;
}

/** An error as text: `file:line: column: reason`, `file:sheet:row: column: reason` in a workbook, `file: reason`. */
export function formatImportError(e: ImportError): string {
  if (e.line === 0) return e.file ? `${e.file}: ${e.reason}` : e.reason;
  const at = e.sheet === undefined ? `${e.file}:${e.line}` : `${e.file}:${e.sheet}:${e.line}`;
  return `${at}: ${e.column ? `${e.column}: ` : ''}${e.reason}`;
}

export interface FileReport {
  file: string;
  kind: string;
  rows: number;
  status: 'loaded' | 'skipped';
  /** Time spent reading, checking and loading the file, ms. */
  ms?: number;
  /** The sheet read (xlsx). */
  sheet?: string;
  /** Rows of the sheet left out (totals rows of an xlsx), each with a note. */
  skippedRows?: number;
  /** What the reader did beside loading rows, e.g. `row 52 is a totals row ("Tổng cộng"): skipped`. */
  notes?: string[];
}

export interface ImportReport {
  ok: boolean;
  batchId: number | null;
  files: FileReport[];
  errors: ImportError[];
  /** Whole import, ms. */
  ms?: number;
}

export interface ImportOptions {
  /** Last day the data cover, when the folder has no manifest.json saying it (YYYY-MM-DD). */
  dataDate?: string;
  /** Indicator ids of the registry; a target naming another indicator is still accepted (some have no data yet). */
  knownIndicators?: Set<string>;
  /** The clock (import_log.imported_at, "birth date in the future"); tests pass a fixed one. */
  now?: Date;
  /**
   * The unit of the tasks of a tasks file that has no unit_id (or leaves it empty): `--unit` of the command line,
   * the importing administrator's unit on the web.
   */
  unit?: string;
}

/** A recognised file of the folder. */
export interface SourceFile {
  file: string;
  path: string;
  kind: Kind;
  format: Format;
  sha256: string;
  /**
   * CSV only: why the file is not UTF-8 text, found while hashing it (files.ts), or null when it is; undefined
   * when not looked at yet (stage.ts then looks).
   */
  textProblem?: { line: number; reason: string } | null;
  /** tasks: the unit of rows without a unit_id (ImportOptions.unit), set by checkImport. */
  unit?: string;
}

/** manifest.json of a folder; without one the data are taken as real. */
export interface Manifest {
  generated: boolean;
  source: string;
  dataDate: string | null;
}

/** At most this many errors are listed per file; the rest are counted in one more line. */
export const MAX_ERRORS_PER_FILE = 1000;
