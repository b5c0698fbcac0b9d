// What an import would change, measured by loading it for real inside a transaction that is then rolled back:
// the before-images (undo.ts, TEMP tables) are compared with the tables after the load. Per file: rows added,
// replaced and unchanged (by the store's key of the kind), units and months it covers; for the population cube,
// the largest changes of a count; for the store: the tables and months whose rows changed (the server maps
// them to the indicators that read them). Used by the server's import jobs.
import type { DuckDBConnection } from '@duckdb/node-api';
import { cellText } from '../cells.ts';
import type { StagedFile } from './stage.ts';
import { imageNames, touchedRows, type Touched } from './undo.ts';

export interface FileChanges {
  file: string;
  kind: string;
  rows: number;
  /** What `added` … count: records of the store's table of the kind, or cells of the population cube. */
  counted: 'rows' | 'cells';
  added: number;
  replaced: number;
  unchanged: number;
  units: string[];
  unitCount: number;
  months: { from: string; to: string } | null;
  largest: { unit: string; month: string; cell: string; column: string; old: number | null; new: number | null }[];
}

export interface StoreChanges {
  files: FileChanges[];
  /** Tables with rows added, changed or removed, each with the months of the changed rows (cubes only). */
  tables: { table: string; rows: number; months: string[] }[];
}

/** The store table and key of each kind's rows (stage column = store column unless mapped). */
const ROW_KEYS: Record<string, { table: string; key: [string, string][] }> = {
  units: { table: 'units', key: [['unit_id', 'unit_id']] },
  lineage: {
    table: 'unit_lineage',
    key: [
      ['from_unit_id', 'from_unit_id'],
      ['to_unit_id', 'to_unit_id'],
    ],
  },
  procedures: { table: 'procedures', key: [['procedure_code', 'procedure_code']] },
  targets: { table: 'targets', key: [['target_id', 'target_id']] },
  milestones: {
    table: 'milestones',
    key: [
      ['target_id', 'target_id'],
      ['unit_id', 'unit_id'],
    ],
  },
  dossiers: { table: 'dossiers', key: [['dossier_id', 'dossier_id']] },
  petitions: { table: 'petitions', key: [['petition_id', 'petition_id']] },
  offices: { table: 'offices', key: [['office_id', 'office_id']] },
  tasks: {
    table: 'tasks',
    key: [
      ['unit_id', 'unit_id'],
      ['task_id', 'task_id'],
    ],
  },
  portal_scores: {
    table: 'portal_scores',
    key: [
      ['unit_id', 'unit_id'],
      ['period', 'period'],
      ['group_id', 'group_id'],
    ],
  },
};
const CUBE_KEY = ['unit_id', 'month', 'sex', 'age_group', 'residence'];
const CUBES = new Set(['pop_month', 'dossier_month', 'bundle_month', 'service_month']);
const MONTHS = (table: string) => (CUBES.has(table) ? 'month' : null);

const one = async (conn: DuckDBConnection, sql: string) => (await conn.runAndReadAll(sql)).getRowObjectsJson()[0];
const all = async (conn: DuckDBConnection, sql: string) => (await conn.runAndReadAll(sql)).getRowObjectsJson();
const n = (v: unknown) => Number(v ?? 0);

async function hasColumn(conn: DuckDBConnection, table: string, column: string): Promise<boolean> {
  const r = await all(conn, `DESCRIBE ${table}`);
  return r.some((row) => row.column_name === column);
}

/** Columns of a table. */
async function columnsOf(conn: DuckDBConnection, table: string): Promise<{ name: string; type: string }[]> {
  const r = await all(conn, `DESCRIBE ${table}`);
  return r.map((row) => ({ name: cellText(row.column_name), type: cellText(row.column_type) }));
}

async function rowChanges(
  conn: DuckDBConnection,
  st: StagedFile,
  pre: string,
): Promise<Pick<FileChanges, 'added' | 'replaced' | 'unchanged'>> {
  const spec = ROW_KEYS[st.src.kind];
  const sk = spec.key.map(([s]) => `f.${s}`);
  const on = (alias: string) => spec.key.map(([, t], i) => `${alias}.${t} = f.k${i}`).join(' AND ');
  const r = await one(
    conn,
    `WITH f AS (SELECT DISTINCT ${sk.map((c, i) => `${c} AS k${i}`).join(', ')} FROM ${st.table} f),
      a AS (SELECT f.*, hash(p) AS h FROM f JOIN ${pre} p ON ${on('p')}),
      b AS (SELECT f.*, hash(q) AS h FROM f JOIN ${spec.table} q ON ${on('q')})
    SELECT count(*) FILTER (WHERE a.h IS NULL)::INTEGER AS added,
      count(*) FILTER (WHERE a.h IS NOT NULL AND a.h IS DISTINCT FROM b.h)::INTEGER AS replaced,
      count(*) FILTER (WHERE a.h = b.h)::INTEGER AS unchanged
    FROM f LEFT JOIN a USING (${spec.key.map((_, i) => `k${i}`).join(', ')})
      LEFT JOIN b USING (${spec.key.map((_, i) => `k${i}`).join(', ')})`,
  );
  return { added: n(r.added), replaced: n(r.replaced), unchanged: n(r.unchanged) };
}

/** Cells of the population cube in the file's units (people) or the file's own cells (aggregate tables). */
async function cubeChanges(
  conn: DuckDBConnection,
  st: StagedFile,
  pre: string,
): Promise<Pick<FileChanges, 'added' | 'replaced' | 'unchanged' | 'largest'>> {
  const byCell = st.src.kind !== 'people';
  const scope = byCell
    ? `SELECT DISTINCT ${CUBE_KEY.map((k) => `f.${k}`).join(', ')} FROM ${st.table} f`
    : `SELECT ${CUBE_KEY.join(', ')} FROM pop_month WHERE unit_id IN (SELECT unit_id FROM ${st.table})
       UNION SELECT ${CUBE_KEY.join(', ')} FROM ${pre} WHERE unit_id IN (SELECT unit_id FROM ${st.table})`;
  const using = `USING (${CUBE_KEY.join(', ')})`;
  const r = await one(
    conn,
    `WITH f AS (${scope}),
      a AS (SELECT f.*, hash(p) AS h FROM f JOIN ${pre} p ${using}),
      b AS (SELECT f.*, hash(q) AS h FROM f JOIN pop_month q ${using})
    SELECT count(*) FILTER (WHERE a.h IS NULL AND b.h IS NOT NULL)::INTEGER AS added,
      count(*) FILTER (WHERE a.h IS NOT NULL AND a.h IS DISTINCT FROM b.h)::INTEGER AS replaced,
      count(*) FILTER (WHERE a.h = b.h)::INTEGER AS unchanged
    FROM f LEFT JOIN a ${using} LEFT JOIN b ${using}`,
  );
  const counts = (await columnsOf(conn, 'pop_month'))
    .filter((c) => !CUBE_KEY.includes(c.name) && !c.name.endsWith('_key') && /INT/.test(c.type))
    .map((c) => c.name);
  const changes = counts
    .map(
      (c) =>
        `SELECT ${CUBE_KEY.join(', ')}, '${c}' AS col, p.${c}::BIGINT AS old, q.${c}::BIGINT AS new
         FROM f LEFT JOIN ${pre} p ${using} LEFT JOIN pop_month q ${using}
         WHERE p.${c} IS DISTINCT FROM q.${c}`,
    )
    .join(' UNION ALL ');
  const largest = await all(
    conn,
    `WITH f AS (${scope}) SELECT unit_id, strftime(month, '%Y-%m') AS month, sex, age_group, residence, col, old, new
     FROM (${changes}) ORDER BY abs(coalesce(new, 0) - coalesce(old, 0)) DESC, unit_id, month, col LIMIT 10`,
  );
  return {
    added: n(r.added),
    replaced: n(r.replaced),
    unchanged: n(r.unchanged),
    largest: largest.map((x) => ({
      unit: cellText(x.unit_id),
      month: cellText(x.month),
      cell: `${cellText(x.sex)} ${cellText(x.age_group)} ${cellText(x.residence)}`,
      column: cellText(x.col),
      old: x.old === null ? null : Number(x.old),
      new: x.new === null ? null : Number(x.new),
    })),
  };
}

/** Units and months a staged file covers (from its unit_id and its dates). */
async function coverage(
  conn: DuckDBConnection,
  st: StagedFile,
): Promise<Pick<FileChanges, 'units' | 'unitCount' | 'months'>> {
  const t = st.table!;
  const units = (await hasColumn(conn, t, 'unit_id'))
    ? (await all(conn, `SELECT DISTINCT unit_id FROM ${t} WHERE unit_id IS NOT NULL ORDER BY unit_id`)).map((r) =>
        cellText(r.unit_id),
      )
    : [];
  const dateCol = (
    await Promise.all(
      ['month', 'received_at', 'birth_date', 'achieved_on', 'effective_on', 'valid_from'].map(async (c) =>
        (await hasColumn(conn, t, c)) ? c : null,
      ),
    )
  ).find((c) => c !== null);
  let months: FileChanges['months'] = null;
  if (dateCol) {
    const r = await one(
      conn,
      `SELECT strftime(min(${dateCol}), '%Y-%m') AS a, strftime(max(${dateCol}), '%Y-%m') AS b FROM ${t}`,
    );
    if (r.a !== null) months = { from: cellText(r.a), to: cellText(r.b) };
  }
  return { units: units.slice(0, 50), unitCount: units.length, months };
}

/** Compares the store now (inside the trial load's transaction) with the TEMP before-images. */
export async function measureChanges(
  conn: DuckDBConnection,
  staged: StagedFile[],
  touched: Touched[],
  prefix: string,
): Promise<StoreChanges> {
  const pre = (table: string) => imageNames(`temp.${prefix}`, table);
  const files: FileChanges[] = [];
  for (const st of staged) {
    if (!st.table) continue;
    const base = { file: st.src.file, kind: st.src.kind, rows: st.rows, ...(await coverage(conn, st)) };
    if (ROW_KEYS[st.src.kind]) {
      const spec = ROW_KEYS[st.src.kind];
      files.push({ ...base, counted: 'rows', ...(await rowChanges(conn, st, pre(spec.table).rows)), largest: [] });
    } else if (touched.some((t) => t.table === 'pop_month')) {
      files.push({ ...base, counted: 'cells', ...(await cubeChanges(conn, st, pre('pop_month').rows)) });
    }
  }
  const tables: StoreChanges['tables'] = [];
  for (const t of touched) {
    if (t.table === 'datasets') continue;
    const names = pre(t.table);
    const now = touchedRows(t, names.keys);
    // a sum of doubles (days, areas) rebuilt in another order may differ in its last bits: not a change
    const cols = (await columnsOf(conn, t.table))
      .map((c) => (c.type === 'DOUBLE' ? `round(${c.name}, 6) AS ${c.name}` : c.name))
      .join(', ');
    const diff = `(SELECT ${cols} FROM (${now}) EXCEPT ALL SELECT ${cols} FROM ${names.rows})
      UNION ALL (SELECT ${cols} FROM ${names.rows} EXCEPT ALL SELECT ${cols} FROM (${now}))`;
    const m = MONTHS(t.table);
    const ym = m ? `strftime(${m}, '%Y-%m')` : '';
    const months = m ? `, list(DISTINCT ${ym} ORDER BY ${ym}) AS months` : '';
    const r = await one(conn, `SELECT count(*)::INTEGER AS n${months} FROM (${diff})`);
    if (n(r.n) > 0) tables.push({ table: t.table, rows: n(r.n), months: (r.months as string[] | undefined) ?? [] });
  }
  return { files, tables };
}
