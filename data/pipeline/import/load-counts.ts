// Aggregate population tables (docs/data-formats.md): population_counts replaces the population cube (pop_month) of
// each unit and month it holds with its rows; identity_counts sets identity stocks of cells already there. A count a
// file does not give (no column, or an empty value) keeps the value stored for the same cell, else is NULL: not
// known, never 0 (queries/ give no value then). Aggregate tables have no records, so each count gets a key made from
// the store's secret and the cell (aggregateKeyId, docs/disclosure.md). Checks across rows, files and the store are
// in checkCounts; loadCounts writes, inside the import's transaction. Used by index.ts.
import { listValue, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { readCellKeySecret, recordKeySql } from '../cell-key.ts';
import { cellText } from '../cells.ts';
import { POP_FLOWS, POP_STOCKS } from '../events/population.ts';
import { COLUMNS, COUNT_NESTING, type Kind } from './columns.ts';
import { csvRecordLines } from './source.ts';
import type { StagedFile } from './stage.ts';
import type { ImportError } from './types.ts';
import { ident, lit, parseSql } from './values.ts';

/** The kinds of aggregate population tables. */
export const COUNT_KINDS: readonly Kind[] = ['population_counts', 'identity_counts'];

/** The columns of a cube cell's key, in pop_month and in both tables. */
const CELL = ['unit_id', 'month', 'sex', 'age_group', 'residence'];
const FLOWS: readonly string[] = POP_FLOWS;
/** Stocks of the cube besides population: what identity_counts sets. */
export const IDENTITY_COUNTS: readonly string[] = POP_STOCKS.filter((c) => c !== 'population');
/** The optional counts of population_counts, in pop_month's order. */
const OPTIONAL: readonly string[] = [...IDENTITY_COUNTS, ...FLOWS];

/** The dataset (datasets.kind) a kind of file dates: aggregate tables are the population data, as people files. */
export function datasetKind(kind: Kind): Kind {
  return COUNT_KINDS.includes(kind) ? 'people' : kind;
}

/**
 * The id whose record key (kind `a`) is the cell key of a count of an aggregate table: for a stock,
 * `unit|sex|age|residence|count` (no month: a stock that stays the same keeps its key and its published value from
 * month to month, as the same people do); for a flow, `unit|YYYY-MM|sex|age|residence|column|count` (each month's
 * events are new: independent noise, so a year's total stays right on average). A count of 0 has key 0.
 */
export function aggregateKeyId(
  column: string,
  cell: { unit_id: string; month: string; sex: string; age_group: number | string; residence: string },
  count: number,
): string {
  const where = [cell.unit_id, cell.sex, String(cell.age_group), cell.residence];
  if (!FLOWS.includes(column)) return [...where, count].join('|');
  return [cell.unit_id, cell.month.slice(0, 7), cell.sex, String(cell.age_group), cell.residence, column, count].join(
    '|',
  );
}

/** aggregateKeyId's key in SQL, for the count `value` of the cell whose columns are `f.<name>` (age_group text). */
function keySql(column: string, value: string, f: string): string {
  const parts = FLOWS.includes(column)
    ? [`${f}.unit_id`, `strftime(${f}.month, '%Y-%m')`, `${f}.sex`, `${f}.age_group`, `${f}.residence`, lit(column)]
    : [`${f}.unit_id`, `${f}.sex`, `${f}.age_group`, `${f}.residence`];
  const id = `concat_ws('|', ${[...parts, `${value}::VARCHAR`].join(', ')})`;
  return `CASE WHEN ${value} IS NULL THEN NULL WHEN ${value} = 0 THEN 0 ELSE ${recordKeySql('a', id, '$secret')} END`;
}

const tablesOf = (staged: StagedFile[], kind: Kind) =>
  staged.filter((s) => s.src.kind === kind && s.table).map((s) => s.table!);

/** The staged rows of some tables, each with its file's position `__f` among them; rejected rows left out. */
const rowsOf = (tables: string[]) =>
  tables.map((t, i) => `SELECT ${i} AS __f, * EXCLUDE (__bad) FROM ${t} WHERE NOT __bad`).join(' UNION ALL ');

/** Matches a staged row `f` (age_group as text) with the cube cell `s`. */
const sameCell = (f: string, s: string) =>
  `${s}.unit_id = ${f}.unit_id AND ${s}.month = ${f}.month AND ${s}.sex = ${f}.sex` +
  ` AND ${s}.age_group = ${f}.age_group::UTINYINT AND ${s}.residence = ${f}.residence`;

/**
 * The cells population_counts files leave: one per row, its population and each optional count from the file,
 * else stored for the cell; `__src_<c>` says where the value comes from ('p' the file, 's' the store), with keys.
 */
function populationCellsSql(tables: string[], withKeys: boolean): string {
  const cols = OPTIONAL.flatMap((c) => [
    `coalesce(f.${c}, s.${c}) AS ${c}`,
    `CASE WHEN f.${c} IS NOT NULL THEN 'p' WHEN s.${c} IS NOT NULL THEN 's' END AS __src_${c}`,
    ...(withKeys
      ? [`CASE WHEN f.${c} IS NOT NULL THEN ${keySql(c, `f.${c}`, 'f')} ELSE s.${c}_key END AS ${c}_key`]
      : []),
  ]);
  const popKey = withKeys ? `, ${keySql('population', 'f.population', 'f')} AS population_key` : '';
  return `SELECT f.__f, ${CELL.map((c) => `f.${c}`).join(', ')}, f.population${popKey}, ${cols.join(', ')}
    FROM (${rowsOf(tables)}) f LEFT JOIN pop_month s ON ${sameCell('f', 's')}`;
}

/**
 * The rows of identity_counts files, one per cell: each count from the file that gives it (`__i_<c>`, the file's
 * position; checkCounts makes sure that no count of a cell comes from two files).
 */
function identityCellsSql(tables: string[]): string {
  const cols = IDENTITY_COUNTS.map(
    (c) =>
      `any_value(${c}) FILTER (WHERE ${c} IS NOT NULL) AS ${c}, ` +
      `min(__f) FILTER (WHERE ${c} IS NOT NULL) AS __i_${c}`,
  );
  return `SELECT ${CELL.join(', ')}, ${cols.join(', ')} FROM (${rowsOf(tables)}) GROUP BY ${CELL.join(', ')}`;
}

/** SELECT of the (unit_id, month) pairs of the cube that these staged files replace (population_counts) or update. */
export function countsUnitMonths(staged: StagedFile[]): string | null {
  const tables = COUNT_KINDS.flatMap((k) => tablesOf(staged, k));
  if (tables.length === 0) return null;
  return tables.map((t) => `SELECT DISTINCT unit_id, month FROM ${t}`).join(' UNION ');
}

const one = async (conn: DuckDBConnection, sql: string, params?: Record<string, DuckDBValue>) =>
  (await conn.runAndReadAll(sql, params)).getRowObjectsJson();

/** Record number → line of the rows of a staged file whose cell is in `cells` (`unit|YYYY-MM|sex|age|residence`). */
async function linesOf(conn: DuckDBConnection, st: StagedFile, cells: string[]): Promise<Map<string, number>> {
  const spec = new Map(COLUMNS[st.src.kind].map((c) => [c.name, c]));
  const typed = CELL.map((c) => `${parseSql(ident('r_' + c), spec.get(c)!.value)} AS ${c}`).join(', ');
  const rows = await one(
    conn,
    `SELECT line, k FROM (SELECT __line::INTEGER AS line,
        concat_ws('|', unit_id, strftime(month, '%Y-%m'), sex, age_group, residence) AS k
      FROM (SELECT __line, ${typed} FROM (${st.raw!.select(true)})))
    WHERE k IN (SELECT unnest($cells)) ORDER BY line`,
    { cells: listValue(cells) },
  );
  const records = rows.map((r) => Number(r.line));
  // the line as stage.ts names it: CSV, the physical line; xlsx, the sheet's row (of its temporary CSV's record)
  const sheet = st.csv;
  const physical = sheet
    ? new Map(records.map((n) => [n, sheet.rowOf[n] ?? n]))
    : st.src.format === 'csv'
      ? await csvRecordLines(st.src.path, records)
      : new Map<number, number>();
  const out = new Map<string, number>();
  for (const r of rows)
    if (!out.has(cellText(r.k))) out.set(cellText(r.k), physical.get(Number(r.line)) ?? Number(r.line));
  return out;
}

const cellWords = (k: string) => k.split('|').join(' ');

/** An error of a whole file (line 1), on its sheet when it is a workbook. */
const fileError = (st: StagedFile, column: string, reason: string): ImportError => ({
  file: st.src.file,
  ...(st.sheet === undefined ? {} : { sheet: st.sheet }),
  line: 1,
  column,
  reason,
});

/**
 * Checks of the aggregate tables beyond their rows: an identity_counts file gives an identity count; a unit-month
 * is in one population_counts file, a count of a cell in one identity_counts file, and no unit in a people file of
 * the same import; identity_counts only sets cells that exist (stored, or in a population_counts file of the
 * import); and the cells as they will be stored keep every part within its whole (COUNT_NESTING) where a value of a
 * file meets another's or a stored one. Run after the per-file checks, on the rows they accepted.
 */
export async function checkCounts(conn: DuckDBConnection, staged: StagedFile[]): Promise<ImportError[]> {
  const pop = staged.filter((s) => s.src.kind === 'population_counts' && s.table && s.raw);
  const ids = staged.filter((s) => s.src.kind === 'identity_counts' && s.table && s.raw);
  if (pop.length === 0 && ids.length === 0) return [];
  const errors: ImportError[] = [];
  const label = (st: StagedFile, col: string) => st.raw!.header.get(col) ?? col;
  for (const st of ids) {
    if (!IDENTITY_COUNTS.some((c) => st.raw!.header.has(c))) {
      const reason = `no identity column (${IDENTITY_COUNTS.join(', ')}): an identity_counts file gives at least one`;
      errors.push(fileError(st, '', reason));
    }
  }
  // what two files both give: the first of them and how many more
  const common = async (a: string, b: string) => {
    const r = await one(conn, `SELECT count(*)::INTEGER AS n, min(k) AS first FROM (${a} INTERSECT ${b}) t(k)`);
    const n = Number(r[0].n);
    return n === 0 ? null : `${cellWords(cellText(r[0].first))}${n > 1 ? ` (and ${n - 1} more)` : ''}`;
  };
  const unitMonth = `concat_ws('|', unit_id, strftime(month, '%Y-%m'))`;
  const cell = `concat_ws('|', unit_id, strftime(month, '%Y-%m'), sex, age_group, residence)`;
  for (let b = 1; b < pop.length; b++) {
    for (let a = 0; a < b; a++) {
      const both = await common(
        `SELECT DISTINCT ${unitMonth} FROM ${pop[b].table}`,
        `SELECT DISTINCT ${unitMonth} FROM ${pop[a].table}`,
      );
      if (!both) continue;
      const reason =
        `unit-month ${both} is also in ${pop[a].src.file}; ` + 'each unit-month must be in one population_counts file';
      errors.push(fileError(pop[b], label(pop[b], 'unit_id'), reason));
    }
  }
  for (let b = 1; b < ids.length; b++) {
    for (let a = 0; a < b; a++) {
      for (const c of IDENTITY_COUNTS.filter((x) => ids[a].raw!.header.has(x) && ids[b].raw!.header.has(x))) {
        const given = (st: StagedFile) => `SELECT DISTINCT ${cell} FROM ${st.table} WHERE ${c} IS NOT NULL`;
        const both = await common(given(ids[b]), given(ids[a]));
        if (!both) continue;
        const reason =
          `cell ${both} is also given ${c} in ${ids[a].src.file}; ` +
          'each count of a cell must come from one identity_counts file';
        errors.push(fileError(ids[b], label(ids[b], c), reason));
      }
    }
  }
  for (const st of [...pop, ...ids]) {
    for (const p of staged.filter((s) => s.src.kind === 'people' && s.table)) {
      const r = await one(
        conn,
        `SELECT min(unit_id) AS u FROM (SELECT unit_id FROM ${st.table} INTERSECT SELECT unit_id FROM ${p.table})`,
      );
      if (r[0].u === null) continue;
      const reason =
        `unit "${cellText(r[0].u)}" is also in ${p.src.file}, which rebuilds the unit's whole cube; ` +
        'load its aggregate tables in another import';
      errors.push(fileError(st, label(st, 'unit_id'), reason));
    }
  }
  if (errors.length > 0) return errors;
  errors.push(...(await checkCells(conn, pop, ids)));
  return errors;
}

/** The cells as they will be stored: identity_counts on a missing cell, and parts larger than their wholes. */
async function checkCells(conn: DuckDBConnection, pop: StagedFile[], ids: StagedFile[]): Promise<ImportError[]> {
  const popTables = pop.map((s) => s.table!);
  const idTables = ids.map((s) => s.table!);
  const stocks = ['population', ...IDENTITY_COUNTS];
  // before identity_counts: the cells of the population_counts files, and the stored cells of other unit-months;
  // `__src_<c>` says where each count comes from: 'p' a population_counts file, 's' the store, 'i<n>' identity file n
  const parts: string[] = [];
  if (popTables.length) {
    parts.push(`SELECT __f, ${CELL.join(', ')}, population, 'p' AS __src_population,
      ${IDENTITY_COUNTS.map((c) => `${c}, __src_${c}`).join(', ')} FROM (${populationCellsSql(popTables, false)})`);
  }
  if (idTables.length) {
    const replaced = popTables.length
      ? `AND NOT EXISTS (SELECT 1 FROM (${popTables.map((t) => `SELECT unit_id, month FROM ${t}`).join(' UNION ')}) r
          WHERE r.unit_id = s.unit_id AND r.month = s.month)`
      : '';
    parts.push(`SELECT NULL::INTEGER AS __f, s.unit_id, s.month, s.sex, s.age_group::VARCHAR AS age_group, s.residence,
        ${stocks.map((c) => `s.${c}, CASE WHEN s.${c} IS NOT NULL THEN 's' END AS __src_${c}`).join(', ')}
      FROM pop_month s
      WHERE EXISTS (SELECT 1 FROM (${rowsOf(idTables)}) i WHERE ${sameCell('i', 's')}) ${replaced}`);
  }
  await conn.run(`CREATE OR REPLACE TEMP TABLE counts_base AS ${parts.join(' UNION ALL BY NAME ')}`);
  const key = `concat_ws('|', unit_id, strftime(month, '%Y-%m'), sex, age_group, residence)`;
  const missing = idTables.length
    ? await one(
        conn,
        `SELECT DISTINCT __f, ${key} AS k FROM (${rowsOf(idTables)}) i
        WHERE NOT EXISTS (SELECT 1 FROM counts_base b WHERE b.unit_id = i.unit_id AND b.month = i.month
          AND b.sex = i.sex AND b.age_group = i.age_group AND b.residence = i.residence)
        ORDER BY __f, k LIMIT 1000`,
      )
    : [];
  const ided = idTables.length
    ? `LEFT JOIN (${identityCellsSql(idTables)}) i ON i.unit_id = b.unit_id AND i.month = b.month AND i.sex = b.sex
        AND i.age_group = b.age_group AND i.residence = b.residence`
    : '';
  const after = (c: string) =>
    idTables.length
      ? `coalesce(i.${c}, b.${c}) AS ${c}, CASE WHEN i.${c} IS NOT NULL THEN 'i' || i.__i_${c} ELSE b.__src_${c} END`
      : `b.${c}, b.__src_${c}`;
  await conn.run(`CREATE OR REPLACE TEMP TABLE counts_check AS
    SELECT b.__f AS __p, ${CELL.map((c) => `b.${c}`).join(', ')}, b.population, b.__src_population,
      ${IDENTITY_COUNTS.map((c) => `${after(c)} AS __src_${c}`).join(', ')}
    FROM counts_base b ${ided}`);
  const pairs = COUNT_NESTING.map(
    ([sub, sup], n) =>
      `SELECT ${n} AS pair, __p, ${key} AS k, ${sub}::BIGINT AS vsub, ${sup}::BIGINT AS vsup,
        __src_${sub} AS ssub, __src_${sup} AS ssup
      FROM counts_check WHERE ${sub} > ${sup} AND __src_${sub} <> __src_${sup}`,
  );
  const nested = await one(conn, `SELECT * FROM (${pairs.join(' UNION ALL ')}) ORDER BY k, pair LIMIT 1000`);
  await conn.run('DROP TABLE IF EXISTS counts_check; DROP TABLE IF EXISTS counts_base');
  // each problem is reported on the row that gave the newer value: identity_counts, then population_counts
  const found: { st: StagedFile; cell: string; column: string; reason: string }[] = [];
  for (const m of missing) {
    const st = ids[Number(m.__f)];
    const cell = cellText(m.k);
    const reason = `no population cell for ${cellWords(cell)}; load population_counts first`;
    found.push({ st, cell, column: st.raw!.header.get('unit_id') ?? 'unit_id', reason });
  }
  for (const v of nested) {
    const [sub, sup] = COUNT_NESTING[Number(v.pair)];
    const [ssub, ssup] = [cellText(v.ssub), cellText(v.ssup)];
    const fileOf = (src: string) => (src.startsWith('i') ? ids[Number(src.slice(1))] : pop[Number(v.__p)]);
    const where = (src: string) =>
      src === 's' ? 'stored for this cell' : `given for this cell in ${fileOf(src).src.file}`;
    // the part's file when it is the newer value (or the population_counts file of a part beside a stored whole)
    const onSub = ssub.startsWith('i') || (ssub === 'p' && ssup === 's');
    const st = fileOf(onSub ? ssub : ssup);
    const reason = onSub
      ? `"${cellText(v.vsub)}" is more than ${sup} ${cellText(v.vsup)} ${where(ssup)}`
      : `"${cellText(v.vsup)}" is less than ${sub} ${cellText(v.vsub)} ${where(ssub)}`;
    const column = onSub ? sub : sup;
    found.push({ st, cell: cellText(v.k), column: st.raw!.header.get(column) ?? column, reason });
  }
  const errors: ImportError[] = [];
  const seen = new Set<string>();
  for (const st of [...pop, ...ids]) {
    // once per problem (a cell given twice in a file, already reported as a duplicate, would list it twice)
    const mine = found.filter((f) => {
      const id = [st.src.file, f.cell, f.column, f.reason].join('\n');
      return f.st === st && !seen.has(id) && Boolean(seen.add(id));
    });
    if (mine.length === 0) continue;
    const lines = await linesOf(
      conn,
      st,
      mine.map((f) => f.cell),
    );
    const sheet = st.sheet === undefined ? {} : { sheet: st.sheet };
    const listed = mine.map((f) => ({
      ...sheet,
      file: st.src.file,
      line: lines.get(f.cell) ?? 0,
      column: f.column,
      reason: f.reason,
    }));
    errors.push(...listed.sort((a, b) => a.line - b.line));
  }
  return errors;
}

/**
 * Writes the aggregate tables of an import into pop_month, inside its transaction, after any people file:
 * population_counts replaces the cells of each unit-month it holds, then identity_counts sets its counts. Returns
 * the people dataset's new data date: the last day of the latest month loaded, or `peopleDate` (the people files'
 * date, else the stored one) when later; null when no aggregate table was loaded.
 */
export async function loadCounts(
  conn: DuckDBConnection,
  staged: StagedFile[],
  peopleDate: string | null,
): Promise<string | null> {
  const popTables = tablesOf(staged, 'population_counts');
  const idTables = tablesOf(staged, 'identity_counts');
  const all = [...popTables, ...idTables];
  if (all.length === 0) return null;
  const secret = await readCellKeySecret(conn);
  const keys = ['population', ...OPTIONAL].map((c) => `${c}_key`);
  if (popTables.length > 0) {
    await conn.run(`CREATE OR REPLACE TEMP TABLE counts_cells AS ${populationCellsSql(popTables, true)}`, { secret });
    await conn.run(`DELETE FROM pop_month USING (SELECT DISTINCT unit_id, month FROM counts_cells) r
      WHERE pop_month.unit_id = r.unit_id AND pop_month.month = r.month`);
    const cols = [...CELL, 'population', ...OPTIONAL, ...keys];
    await conn.run(`INSERT INTO pop_month (${cols.join(', ')})
      SELECT unit_id, month, sex, age_group::UTINYINT, residence, population, ${OPTIONAL.join(', ')}, ${keys.join(', ')}
      FROM counts_cells ORDER BY unit_id, month, sex, age_group::UTINYINT, residence`);
    await conn.run('DROP TABLE IF EXISTS counts_cells');
  }
  if (idTables.length > 0) {
    const set = IDENTITY_COUNTS.flatMap((c) => [
      `${c} = coalesce(i.${c}, pop_month.${c})`,
      `${c}_key = CASE WHEN i.${c} IS NOT NULL THEN ${keySql(c, `i.${c}`, 'i')} ELSE pop_month.${c}_key END`,
    ]);
    await conn.run(
      `UPDATE pop_month SET ${set.join(', ')}
      FROM (${identityCellsSql(idTables)}) i WHERE ${sameCell('i', 'pop_month')}`,
      { secret },
    );
  }
  const day = async (sql: string) => {
    const d = (await one(conn, sql))[0]?.d;
    return d === null || d === undefined ? null : cellText(d);
  };
  const loaded = await day(
    `SELECT strftime(last_day(max(month)), '%Y-%m-%d') AS d
    FROM (${all.map((t) => `SELECT month FROM ${t}`).join(' UNION ALL ')})`,
  );
  const before =
    peopleDate ?? (await day(`SELECT strftime(data_date, '%Y-%m-%d') AS d FROM datasets WHERE kind = 'people'`));
  return (
    [loaded, before]
      .filter((d): d is string => d !== null)
      .sort()
      .at(-1) ?? null
  );
}
