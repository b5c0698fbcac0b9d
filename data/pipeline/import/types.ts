// Types shared by the importer's modules and returned to its callers (import-cli.ts, the server's admin import).
import type { Kind } from './columns.ts';

export type Format = 'csv' | 'parquet' | 'geojson';

/**
 * One rejected row (or header, line 1) of one file; line is the CSV line (header = 1), Parquet row or GeoJSON
 * feature.
 */
export interface ImportError {
  file: string;
  line: number;
  column: string;
  reason: string;
}

export interface FileReport {
  file: string;
  kind: string;
  rows: number;
  status: 'loaded' | 'skipped';
  /** Time spent reading, checking and loading the file, ms. */
  ms?: number;
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
}

/** A recognised file of the folder. */
export interface SourceFile {
  file: string;
  path: string;
  kind: Kind;
  format: Format;
  sha256: string;
}

/** manifest.json of a folder; without one the data are taken as real. */
export interface Manifest {
  generated: boolean;
  source: string;
  dataDate: string | null;
}

/** At most this many errors are listed per file; the rest are counted in one more line. */
export const MAX_ERRORS_PER_FILE = 1000;
