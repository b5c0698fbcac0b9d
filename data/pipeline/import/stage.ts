// Reads one file into a typed TEMP table (parallel, one pass) and checks it in SQL; only when something is wrong
// does a second, line-numbered pass list each error as (line, column, reason); an xlsx is read through a temporary
// CSV of its sheet, its errors naming the sheet and the sheet's rows. Used by index.ts.
import type { DuckDBConnection } from '@duckdb/node-api';
import { cellText } from '../cells.ts';
import { importColumns } from './aliases.ts';
import { hashFile } from './encoding.ts';
import { rulesFor, type KindRules } from './rules.ts';
import { csvRecordLines, openSource, type RawSource } from './source.ts';
import { ident, lit, parseSql, reasonSql, shown } from './values.ts';
import { MAX_ERRORS_PER_FILE, type ImportError, type SourceFile } from './types.ts';
import { removeSheetCsv, sheetToCsv, type SheetCsv, type XlsxProgress } from './xlsx.ts';

export interface StagedFile {
  src: SourceFile;
  /** TEMP table of typed rows (NULL where empty), or null when the file could not be read. */
  table: string | null;
  raw: RawSource | null;
  rows: number;
  errors: ImportError[];
  ms: number;
  /** The sheet read (xlsx). */
  sheet?: string;
  /** Rows left out (totals rows of an xlsx), each with a note. */
  skippedRows: number;
  /** What the reader did beside reading rows, e.g. `row 52 is a totals row ("Tổng cộng"): skipped`. */
  notes: string[];
  /** An xlsx's sheet as a temporary CSV, read in its place; removed by releaseStaged. */
  csv?: SheetCsv | null;
}

/** Removes what staging left on disk (an xlsx's temporary CSV); the TEMP table is dropped by the caller. */
export function releaseStaged(st: StagedFile): void {
  removeSheetCsv(st.csv);
  st.csv = null;
}

/**
 * The line (CSV: physical line; xlsx: row of the sheet) each record number names, the header being record 1;
 * `countBlank`: numbered as DuckDB's errors number them (blank lines included).
 */
export async function linesOf(
  st: Pick<StagedFile, 'src' | 'csv'>,
  records: number[],
  countBlank = false,
): Promise<Map<number, number>> {
  const csv = st.csv;
  if (csv) return new Map(records.map((r) => [r, r >= 1 && r <= csv.records + 1 ? csv.rowOf[r] : r]));
  if (st.src.format === 'csv') return csvRecordLines(st.src.path, records, countBlank);
  return new Map();
}

const r = (name: string) => ident('r_' + name);

/** The file's rows with every column typed by name and the raw text as r_<name> (`__line`: the record number). */
export function typedSelect(src: SourceFile, raw: RawSource, withLine: boolean): string {
  const cols = importColumns(src.kind);
  const typed = cols.map((c) => `${parseSql(r(c.name), c.value)} AS ${ident(c.name)}`);
  return `SELECT *, ${typed.join(', ')} FROM (${raw.select(withLine)})`;
}

interface Check {
  column: string;
  bad: string;
  reason: string;
}

/** Every row-level check of the kind: required, type, then the kind's row rules. */
function rowChecks(src: SourceFile, rules: KindRules): Check[] {
  const checks: Check[] = [];
  for (const c of importColumns(src.kind)) {
    if (c.required) checks.push({ column: c.name, bad: `${r(c.name)} IS NULL`, reason: lit('is required but empty') });
    if (c.value.type !== 'text') {
      checks.push({
        column: c.name,
        bad: `${r(c.name)} IS NOT NULL AND ${ident(c.name)} IS NULL`,
        reason: reasonSql(r(c.name), c.value),
      });
    }
  }
  return [...checks, ...rules.rows];
}

function describeError(err: unknown): { line: number; reason: string } {
  const msg = err instanceof Error ? err.message : String(err);
  const line = Number(/CSV Error on Line: (\d+)/.exec(msg)?.[1] ?? 1);
  const cols = /Expected Number of Columns: (\d+) Found: (\d+)/.exec(msg);
  if (cols) return { line, reason: `has ${cols[2]} fields, the header has ${cols[1]}` };
  if (/Invalid unicode/i.test(msg)) return { line, reason: 'is not UTF-8 text' };
  if (/unterminated quote/i.test(msg)) return { line, reason: 'has a quote that is never closed' };
  return { line, reason: `cannot be read: ${msg.split('\n')[0]}` };
}

/**
 * Pass 1: reads the whole file into TEMP table `stg_<n>` with a `__bad` flag per row. A CSV is first checked to be
 * UTF-8 text (unless files.ts did while hashing it); an xlsx's sheet is first made a temporary CSV (xlsx.ts),
 * removed by releaseStaged.
 */
export async function stageFile(
  conn: DuckDBConnection,
  src: SourceFile,
  n: number,
  today: string,
  /** Reading an xlsx: bytes of the workbook and rows of the sheet read so far (called often: keep it cheap). */
  onProgress?: (p: XlsxProgress) => void,
): Promise<StagedFile> {
  const started = Date.now();
  const table = `stg_${n}`;
  const st: StagedFile = { src, table: null, raw: null, rows: 0, errors: [], ms: 0, skippedRows: 0, notes: [] };
  /** The file is not staged: its temporary CSV goes, its errors name the sheet of an xlsx. */
  const refused = (errors: ImportError[]): StagedFile => {
    const sheet = st.sheet;
    releaseStaged(st);
    st.errors = sheet === undefined ? errors : errors.map((e) => ({ ...e, sheet }));
    st.ms = Date.now() - started;
    return st;
  };
  const fail = async (e: unknown): Promise<StagedFile> => {
    const { line, reason } = describeError(e);
    // DuckDB numbers the records (blank lines included), not the physical lines.
    const physical = line > 1 ? await linesOf(st, [line], true) : null;
    return refused([{ file: src.file, line: physical?.get(line) ?? line, column: '', reason }]);
  };
  // What DuckDB reads: the file, or the temporary CSV of an xlsx's sheet.
  let read = src;
  if (src.format === 'csv') {
    const problem = src.textProblem === undefined ? (await hashFile(src.path, true)).textProblem : src.textProblem;
    if (problem) return refused([{ file: src.file, line: problem.line, column: '', reason: problem.reason }]);
  } else if (src.format === 'xlsx') {
    const sheet = await sheetToCsv(src, { onProgress });
    if (!sheet.csv) return refused(sheet.errors);
    Object.assign(st, { csv: sheet.csv, sheet: sheet.csv.sheet, notes: sheet.csv.notes });
    st.skippedRows = sheet.csv.skippedRows;
    read = { ...src, format: 'csv', path: sheet.csv.path };
  }
  let raw: RawSource;
  try {
    raw = await openSource(conn, read);
  } catch (e) {
    return fail(e);
  }
  if (raw.errors.length > 0) {
    const lines = await linesOf(st, [1]);
    st.raw = raw;
    return refused(raw.errors.map((e) => ({ ...e, line: e.line === 1 ? (lines.get(1) ?? 1) : e.line })));
  }
  const checks = rowChecks(src, rulesFor(src.kind, today));
  const bad = checks.map((c) => `(${c.bad})`).join(' OR ');
  const names = importColumns(src.kind)
    .map((c) => ident(c.name))
    .join(', ');
  try {
    await conn.run(
      `CREATE OR REPLACE TEMP TABLE ${table} AS SELECT ${names}, coalesce(${bad}, false) AS __bad ` +
        `FROM (${typedSelect(src, raw, false)})`,
    );
  } catch (e) {
    return fail(e);
  }
  const rows = Number(
    (await conn.runAndReadAll(`SELECT count(*)::INTEGER AS n FROM ${table}`)).getRowObjectsJson()[0].n,
  );
  return Object.assign(st, { table, raw, rows, ms: Date.now() - started });
}

const keyEq = (key: string[], a: string, b: string) =>
  key.map((k) => `${a}.${ident(k)} = ${b}.${ident(k)}`).join(' AND ');
const refOk = (sql: string, alias: string) => sql.replaceAll(/\bk\./g, `${alias}.`);

/** Counts problems of a staged file with set-based SQL; lists them (pass 2) only when there are some. */
export async function checkStaged(conn: DuckDBConnection, st: StagedFile, today: string): Promise<ImportError[]> {
  if (!st.table || !st.raw) return st.errors;
  const started = Date.now();
  const rules = rulesFor(st.src.kind, today);
  const dup = `dup_${st.table}`;
  const keyCols = rules.key.map(ident).join(', ');
  await conn.run(
    `CREATE OR REPLACE TEMP TABLE ${dup} AS SELECT ${keyCols}, true AS __dup FROM ${st.table}` +
      ` WHERE ${rules.key.map((k) => `${ident(k)} IS NOT NULL`).join(' AND ')} GROUP BY ALL HAVING count(*) > 1`,
  );
  const refCounts = rules.refs.map(
    (ref, i) =>
      `(SELECT count(*) FROM ${st.table} t LEFT JOIN ${ref.known} k${i} ON k${i}.id = t.${ident(ref.column)}` +
      ` WHERE t.${ident(ref.column)} IS NOT NULL AND (k${i}.id IS NULL` +
      ` OR NOT coalesce(${ref.ok ? refOk(ref.ok.sql, `k${i}`) : 'true'}, false)))`,
  );
  const counts = [`(SELECT count(*) FROM ${st.table} WHERE __bad)`, `(SELECT count(*) FROM ${dup})`, ...refCounts];
  const total = (await conn.runAndReadAll(`SELECT (${counts.join(' + ')})::INTEGER AS n`)).getRowObjectsJson()[0].n;
  let errors: ImportError[] = [];
  if (Number(total) > 0) errors = await listErrors(conn, st, rules, dup);
  // Both passes apply the same checks; should the listing ever come back empty, the file is still rejected.
  if (Number(total) > 0 && errors.length === 0)
    errors = [{ file: st.src.file, line: 0, column: '', reason: `${cellText(total)} rows rejected` }];
  if (st.sheet !== undefined) errors = errors.map((e) => ({ ...e, sheet: st.sheet }));
  await conn.run(`DROP TABLE IF EXISTS ${dup}`);
  st.ms += Date.now() - started;
  return errors;
}

/** Pass 2: re-reads the file with line numbers and returns each error, capped per file. */
async function listErrors(
  conn: DuckDBConnection,
  st: StagedFile,
  rules: KindRules,
  dup: string,
): Promise<ImportError[]> {
  const raw = st.raw!;
  const hdr = (col: string) => lit(raw.header.get(col) ?? col);
  const entry = (o: number, col: string, reason: string, key = 'NULL') =>
    `{o: ${o}, c: ${hdr(col)}, r: (${reason})::VARCHAR, k: (${key})::VARCHAR}`;
  const entries = rowChecks(st.src, rules).map(
    (c, i) => `CASE WHEN ${c.bad} THEN ${entry(i + 1, c.column, c.reason)} END`,
  );
  // The joins run in an inner query, so that rules see only the file's columns (known_units has a `level` too).
  const joins: string[] = [`LEFT JOIN ${dup} d ON ${keyEq(rules.key, 't', 'd')}`];
  const joined: string[] = ['d.__dup AS __dup'];
  rules.refs.forEach((ref, i) => {
    const k = `k${i}`;
    const col = ident(ref.column);
    joins.push(`LEFT JOIN ${ref.known} ${k} ON ${k}.id = t.${col}`);
    joined.push(`${k}.id AS __${k}_id`, `coalesce(${ref.ok ? refOk(ref.ok.sql, k) : 'true'}, false) AS __${k}_ok`);
    const o = 100 + i;
    const unknown = entry(
      o,
      ref.column,
      `'unknown ${ref.noun} ' || ${shown(r(ref.column))} || ' (not in the store nor in this folder)'`,
    );
    const wrong = ref.ok ? entry(o, ref.column, `${shown(r(ref.column))} || ' is not ${ref.ok.meaning}'`) : 'NULL';
    entries.push(
      `CASE WHEN ${col} IS NOT NULL AND __${k}_id IS NULL THEN ${unknown}` +
        ` WHEN ${col} IS NOT NULL AND NOT __${k}_ok THEN ${wrong} END`,
    );
  });
  const keyText = `concat_ws(', ', ${rules.key.map(ident).join(', ')})`;
  entries.push(`CASE WHEN __dup THEN ${entry(0, rules.key[0], "''", keyText)} END`);
  const err = `err_${st.table}`;
  await conn.run(
    `CREATE OR REPLACE TEMP TABLE ${err} AS SELECT __line AS line, e.o AS o, e.c AS c, e.r AS r, e.k AS k FROM (` +
      ` SELECT __line, unnest(list_filter([${entries.join(', ')}], x -> x IS NOT NULL)) AS e FROM (` +
      ` SELECT t.*, ${joined.join(', ')} FROM (${typedSelect(st.src, raw, true)}) t ${joins.join(' ')}))`,
  );
  const keyLabel = rules.key.map((k) => raw.header.get(k) ?? k).join(', ');
  const rows = await conn.runAndReadAll(`SELECT line::INTEGER AS line, c, reason, first::INTEGER AS first,
      count(*) OVER ()::INTEGER AS total FROM (
      SELECT line, o, c,
        CASE WHEN k IS NULL THEN r ELSE ${lit(`duplicate ${keyLabel} `)} || ${shown('k')} END AS reason,
        CASE WHEN k IS NOT NULL THEN min(line) OVER (PARTITION BY k) END AS first
      FROM ${err} QUALIFY k IS NULL OR line > min(line) OVER (PARTITION BY k))
    ORDER BY line, o LIMIT ${MAX_ERRORS_PER_FILE}`);
  await conn.run(`DROP TABLE IF EXISTS ${err}`);
  const list = rows.getRowObjectsJson();
  // CSV rows were numbered as records; a quoted field may hold line breaks, so name the physical line (xlsx: the
  // sheet's row).
  const wanted = list.flatMap((e) => (e.first === null ? [Number(e.line)] : [Number(e.line), Number(e.first)]));
  const physical = await linesOf(st, wanted);
  const at = (record: number) => physical.get(record) ?? record;
  const errors: ImportError[] = list.map((e) => ({
    file: st.src.file,
    line: at(Number(e.line)),
    column: cellText(e.c),
    reason:
      e.first === null
        ? cellText(e.reason)
        : `${cellText(e.reason)} (first on ${st.sheet === undefined ? 'line' : 'row'} ${at(Number(e.first))})`,
  }));
  const more = list.length > 0 ? Number(list[0].total) - list.length : 0;
  if (more > 0)
    errors.push({ file: st.src.file, line: 0, column: '', reason: `… and ${more} more errors in this file` });
  return errors;
}
