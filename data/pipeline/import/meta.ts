// Book-keeping of imports: which files were loaded (import_log, by SHA-256), what each dataset is (datasets),
// and the store's data_version / generated flags (store_meta). Used by index.ts.
import { DuckDBConnection, listValue } from '@duckdb/node-api';
import { cellText } from '../cells.ts';
import type { Kind } from './columns.ts';
import type { Manifest, SourceFile } from './types.ts';

/** Rows logged for each already loaded file hash. */
export async function loadedHashes(conn: DuckDBConnection, hashes: string[]): Promise<Map<string, number>> {
  if (hashes.length === 0) return new Map();
  const r = await conn.runAndReadAll('SELECT sha256, rows FROM import_log WHERE sha256 IN (SELECT unnest($h))', {
    h: listValue(hashes),
  });
  return new Map(r.getRowObjectsJson().map((row) => [cellText(row.sha256), Number(row.rows)]));
}

export async function nextBatchId(conn: DuckDBConnection): Promise<number> {
  const r = await conn.runAndReadAll('SELECT (coalesce(max(batch_id), 0) + 1)::INTEGER AS b FROM import_log');
  return Number(r.getRowObjectsJson()[0].b);
}

/** A timestamp literal for DuckDB (UTC, no zone). */
export function timestampText(d: Date): string {
  return d.toISOString().replace('T', ' ').replace('Z', '');
}

export async function logFiles(
  conn: DuckDBConnection,
  batchId: number,
  files: { src: SourceFile; rows: number }[],
  generated: boolean,
  now: Date,
): Promise<void> {
  for (const { src, rows } of files) {
    await conn.run(
      `INSERT INTO import_log (batch_id, file_name, sha256, kind, rows, generated, imported_at)
      VALUES ($b, $f, $s, $k, $r, $g, $t::TIMESTAMP)`,
      { b: batchId, f: src.file, s: src.sha256, k: src.kind, r: rows, g: generated, t: timestampText(now) },
    );
  }
}

/** The latest date each kind's stored data reach, when no manifest or option says it. */
const LATEST: Record<Kind, string> = {
  units: 'SELECT max(valid_from) FROM units',
  lineage: 'SELECT max(effective_on) FROM unit_lineage',
  procedures:
    'SELECT greatest(max(full_online_since), max(population_data_since), max(standardised_since), ' +
    'max(simplified_since)) FROM procedures',
  targets: 'SELECT NULL::DATE',
  milestones: 'SELECT max(achieved_on) FROM milestones',
  people: 'SELECT NULL::DATE',
  // aggregate population tables date the people dataset (load-counts.ts datasetKind); never a row of their own
  population_counts: 'SELECT NULL::DATE',
  identity_counts: 'SELECT NULL::DATE',
  dossiers: 'SELECT max(greatest(received_at, resolved_at))::DATE FROM dossiers',
  petitions: 'SELECT max(greatest(received_at, handled_at))::DATE FROM petitions',
  portal_scores: 'SELECT NULL::DATE',
  // the plan's offices and tasks are no dataset of figures (index.ts WORK_KINDS): never a datasets row
  offices: 'SELECT NULL::DATE',
  tasks: 'SELECT NULL::DATE',
};

/** One datasets row per kind loaded; `dates` holds a date already known for a kind (the people cube's end). */
export async function updateDatasets(
  conn: DuckDBConnection,
  kinds: Set<Kind>,
  manifest: Manifest,
  dates: Partial<Record<Kind, string>>,
): Promise<void> {
  for (const kind of kinds) {
    const date = dates[kind] ? `DATE '${dates[kind]}'` : `(${LATEST[kind]})`;
    await conn.run(`INSERT OR REPLACE INTO datasets (kind, generated, source, data_date) SELECT $k, $g, $s, ${date}`, {
      k: kind,
      g: manifest.generated,
      s: manifest.source,
    });
  }
}

/** Bumps data_version (caches key on it) and sets generated = true when any stored dataset is generated. */
export async function bumpStoreMeta(conn: DuckDBConnection, now: Date): Promise<void> {
  await conn.run(
    `INSERT OR REPLACE INTO store_meta (key, value)
    SELECT 'data_version',
      (coalesce((SELECT max(TRY_CAST(value AS INTEGER)) FROM store_meta WHERE key = 'data_version'), 0) + 1)::VARCHAR
    UNION ALL SELECT 'generated', (SELECT coalesce(bool_or(generated), false) FROM datasets)::VARCHAR
    UNION ALL SELECT 'imported_at', $t`,
    { t: timestampText(now) },
  );
}
