// Snapshots in the DuckDB store: the table (created on first use; it is not part of the pipeline's
// schema because snapshots are made by people, not by imports), insert, list, read and delete; and the
// picture of the view taken when it was frozen (snapshot_pictures: pending, then ready or failed).
import { BLOB, INTEGER, VARCHAR, blobValueFromBytes, type DuckDBBlobValue } from '@duckdb/node-api';
import type { Pool } from '../db/pool.ts';
import { withTables } from '../db/tables.ts';
import type { SnapshotSpec } from '../contracts/snapshots.ts';

const DDL = `CREATE TABLE IF NOT EXISTS snapshots (
  id VARCHAR PRIMARY KEY, owner VARCHAR, title VARCHAR, view VARCHAR, created_at TIMESTAMP,
  data_version INTEGER, data_date VARCHAR, sha256 VARCHAR, spec JSON, data BLOB);
CREATE TABLE IF NOT EXISTS snapshot_pictures (
  id VARCHAR PRIMARY KEY, state VARCHAR, scope_unit VARCHAR, requested_at VARCHAR, data_version INTEGER,
  width INTEGER, png BLOB)`;

/** The picture of a snapshot's view: whose scope it was taken with, and its PNG once it is ready. */
export interface SnapshotPicture {
  state: 'pending' | 'ready' | 'failed';
  /** the unit of the account it was rendered as: a reader sees it only with a scope that covers this one's */
  scope_unit: string;
  requested_at: string;
  /** the data version the page showed when it was rendered (null until then) */
  data_version: number | null;
  width: number | null;
  png: Uint8Array | null;
}

export interface SnapshotSummary {
  id: string;
  title: string;
  view: string;
  owner: string;
  created_at: string;
  data_version: number;
  data_date: string | null;
  /** the units of its panels */
  units: string[];
}

export class SnapshotStore {
  private readonly use: ReturnType<typeof withTables>;
  constructor(pool: Pool) {
    this.use = withTables(pool, DDL);
  }

  insert(spec: SnapshotSpec, data: Uint8Array): Promise<void> {
    return this.use(async (c) => {
      await c.run(
        `INSERT INTO snapshots VALUES ($id, $owner, $title, $view, $created_at::TIMESTAMPTZ::TIMESTAMP, $data_version,
         $data_date, $sha256, $spec::JSON, $data)`,
        {
          id: spec.id,
          owner: spec.owner,
          title: spec.title,
          view: spec.view,
          created_at: spec.created_at,
          data_version: spec.data_version,
          data_date: spec.data_date,
          sha256: spec.sha256,
          spec: JSON.stringify(spec),
          data: blobValueFromBytes(data),
        },
        {
          id: VARCHAR,
          owner: VARCHAR,
          title: VARCHAR,
          view: VARCHAR,
          created_at: VARCHAR,
          data_version: INTEGER,
          data_date: VARCHAR,
          sha256: VARCHAR,
          spec: VARCHAR,
          data: BLOB,
        },
      );
    });
  }

  list(): Promise<SnapshotSummary[]> {
    return this.use(async (c) => {
      const r = await c.runAndReadAll(
        `SELECT id, title, view, owner, spec->>'created_at' AS created_at, data_version, data_date,
                coalesce(list_distinct(json_extract_string(spec, '$.panels[*].unit')), []) AS units
         FROM snapshots ORDER BY created_at DESC, id`,
      );
      return r.getRowObjectsJson() as unknown as SnapshotSummary[];
    });
  }

  /** The spec and the stored bytes, or null when there is no such snapshot. */
  get(id: string): Promise<{ spec: SnapshotSpec; data: Uint8Array } | null> {
    return this.use(async (c) => {
      const r = await c.runAndReadAll(
        `SELECT spec::VARCHAR AS spec, data FROM snapshots WHERE id = $id`,
        { id },
        { id: VARCHAR },
      );
      const row = r.getRows()[0];
      if (!row) return null;
      const blob = row[1] as DuckDBBlobValue;
      return { spec: JSON.parse(String(row[0])) as SnapshotSpec, data: new Uint8Array(blob.bytes) };
    });
  }

  delete(id: string): Promise<void> {
    return this.use(async (c) => {
      await c.run(`DELETE FROM snapshot_pictures WHERE id = $id`, { id }, { id: VARCHAR });
      await c.run(`DELETE FROM snapshots WHERE id = $id`, { id }, { id: VARCHAR });
    });
  }

  /** A picture is on its way, rendered as an account of `scopeUnit`. */
  pictureRequested(id: string, scopeUnit: string, at: Date): Promise<void> {
    return this.use(async (c) => {
      await c.run(
        `INSERT OR REPLACE INTO snapshot_pictures VALUES ($id, 'pending', $unit, $at, NULL, NULL, NULL)`,
        { id, unit: scopeUnit, at: at.toISOString() },
        { id: VARCHAR, unit: VARCHAR, at: VARCHAR },
      );
    });
  }

  /** The picture, rendered at `dataVersion`, or null when the render failed. */
  pictureDone(id: string, result: { png: Uint8Array; width: number; dataVersion: number } | null): Promise<void> {
    return this.use(async (c) => {
      if (!result) {
        await c.run(`UPDATE snapshot_pictures SET state = 'failed' WHERE id = $id`, { id }, { id: VARCHAR });
        return;
      }
      await c.run(
        `UPDATE snapshot_pictures SET state = 'ready', data_version = $v, width = $w, png = $png WHERE id = $id`,
        { id, v: result.dataVersion, w: result.width, png: blobValueFromBytes(result.png) },
        { id: VARCHAR, v: INTEGER, w: INTEGER, png: BLOB },
      );
    });
  }

  picture(id: string): Promise<SnapshotPicture | null> {
    return this.use(async (c) => {
      const r = await c.runAndReadAll(
        `SELECT state, scope_unit, requested_at, data_version, width, png FROM snapshot_pictures WHERE id = $id`,
        { id },
        { id: VARCHAR },
      );
      const row = r.getRows()[0];
      if (!row) return null;
      const [state, scopeUnit, requestedAt, version, width, png] = row;
      return {
        state: state as SnapshotPicture['state'],
        scope_unit: String(scopeUnit),
        requested_at: String(requestedAt),
        data_version: version === null ? null : Number(version),
        width: width === null ? null : Number(width),
        png: png === null ? null : new Uint8Array((png as DuckDBBlobValue).bytes),
      };
    });
  }
}
