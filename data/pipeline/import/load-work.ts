// Offices of a unit with their accounts (file kind `offices`) and the plan's tasks (file kind `tasks`): the checks
// that need more than one row (an account in two offices, two offices of one name in a unit, the lead and partner
// names of a task resolved to offices of its unit or the units above it, its targets), and the loads, which replace
// the rows of the same offices and tasks and keep every other. Used by index.ts; the formats are
// docs/data-formats.md ("offices", "tasks").
import type { DuckDBConnection } from '@duckdb/node-api';
import { cellText } from '../cells.ts';
import { listSql } from './rules.ts';
import { linesOf, typedSelect, type StagedFile } from './stage.ts';
import { lit } from './values.ts';
import type { ImportError } from './types.ts';

/** How an office's name is compared: NFC, lower case, blanks trimmed (and inner runs of blanks as one). */
export function officeKey(name: string): string {
  return name.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** The items of a ";"-separated cell, trimmed, empty ones dropped. */
export function splitList(text: string | null): string[] {
  return (text ?? '')
    .split(';')
    .map((x) => x.trim())
    .filter((x) => x !== '');
}

/** A name that starts with a lower-case letter ("các đơn vị liên quan"): a generic phrase when no office has it. */
export function isGeneric(name: string): boolean {
  const c = name.charAt(0);
  return c !== c.toUpperCase() && c === c.toLowerCase();
}

/** The TEMP table of a staged tasks file's resolved lead and partner offices (dropped with the staged one). */
export const refsTable = (table: string) => `${table}_refs`;

type Row = Record<string, unknown>;
const text = (v: unknown) => (v === null || v === undefined ? null : cellText(v as never));

async function all(conn: DuckDBConnection, sql: string): Promise<Row[]> {
  return (await conn.runAndReadAll(sql)).getRowObjectsJson();
}

/** The rows of a staged file with their record numbers (header = 1), read again from the file. */
async function fileRows(conn: DuckDBConnection, st: StagedFile, cols: string[]): Promise<Row[]> {
  return all(conn, `SELECT __line::INTEGER AS __line, ${cols.join(', ')} FROM (${typedSelect(st.src, st.raw!, true)})`);
}

/** Errors found on record numbers, at their physical lines (a quoted field may span lines; xlsx: the sheet's row). */
async function atLines(st: StagedFile, found: { record: number; column: string; reason: string }[]) {
  const lines = await linesOf(
    st,
    found.map((f) => f.record),
  );
  return found.map((f): ImportError => ({
    file: st.src.file,
    ...(st.sheet !== undefined ? { sheet: st.sheet } : {}),
    line: lines.get(f.record) ?? f.record,
    column: f.column,
    reason: f.reason,
  }));
}

const header = (st: StagedFile, col: string) => st.raw?.header.get(col) ?? col;

/** The physical line (xlsx: the sheet's row) of one record of a staged file. */
async function lineOf(st: StagedFile, record: number): Promise<number> {
  return (await linesOf(st, [record])).get(record) ?? record;
}

/** Offices files: an account listed in two offices; two offices of one unit with one name (which a task names). */
async function checkOffices(conn: DuckDBConnection, files: StagedFile[]): Promise<ImportError[]> {
  const errors: ImportError[] = [];
  const member = new Map<string, { office: string; st: StagedFile; record: number }>();
  const recordOf = new Map<string, { st: StagedFile; record: number }>();
  for (const st of files) {
    const found: { record: number; column: string; reason: string }[] = [];
    for (const row of await fileRows(conn, st, ['office_id', 'accounts'])) {
      const office = text(row.office_id);
      const record = Number(row.__line);
      if (office === null) continue;
      recordOf.set(office, { st, record });
      for (const account of new Set(splitList(text(row.accounts)))) {
        const first = member.get(account);
        if (!first) member.set(account, { office, st, record });
        else if (first.office !== office) {
          const line = await lineOf(first.st, first.record);
          const where = first.st === st ? `line ${line}` : `${first.st.src.file}:${line}`;
          found.push({
            record,
            column: header(st, 'accounts'),
            reason:
              `account "${account}" is also in office "${first.office}" (${where}); ` +
              'an account belongs to one office',
          });
        }
      }
    }
    errors.push(...(await atLines(st, found)));
  }
  // two offices of one unit with one name: a task naming it could not say which
  // (a name refused by its own check is NULL here)
  const known = await all(conn, 'SELECT id, unit_id, name FROM known_offices WHERE name IS NOT NULL ORDER BY id');
  const byName = new Map<string, string[]>();
  for (const o of known) {
    const key = `${text(o.unit_id)}\u0000${officeKey(text(o.name)!)}`;
    byName.set(key, [...(byName.get(key) ?? []), text(o.id)!]);
  }
  for (const [key, ids] of byName) {
    const inFolder = ids.map((id) => recordOf.get(id)).filter((r) => r !== undefined);
    if (ids.length < 2 || inFolder.length === 0) continue;
    const at = inFolder[inFolder.length - 1];
    const [e] = await atLines(at.st, [
      {
        record: at.record,
        column: header(at.st, 'name'),
        reason:
          `offices "${ids.join('", "')}" of unit ${key.split('\u0000')[0]} have one name; ` +
          'a task could not say which it means',
      },
    ]);
    errors.push(e);
  }
  return errors;
}

interface OfficeRef {
  unit_id: string;
  task_id: string;
  role: 'lead' | 'partner';
  position: number;
  office_id: string | null;
  name: string;
}

/**
 * Tasks files: each lead and partner name matched to an office of the task's unit, then of the units above it;
 * a lower-case name matching none is a generic phrase (kept, with a note), a capitalised one an error; each target
 * must be known. The resolved names go to the file's refs table, for loadTasks.
 */
async function checkTasks(conn: DuckDBConnection, files: StagedFile[]): Promise<ImportError[]> {
  const errors: ImportError[] = [];
  const parents = new Map(
    (await all(conn, 'SELECT id, parent_id FROM known_units')).map((u) => [text(u.id)!, text(u.parent_id)]),
  );
  const offices = new Map<string, Map<string, { id: string; name: string }>>();
  const known =
    'SELECT id, unit_id, name FROM known_offices WHERE unit_id IS NOT NULL AND name IS NOT NULL ORDER BY id';
  for (const o of await all(conn, known)) {
    const unit = text(o.unit_id)!;
    if (!offices.has(unit)) offices.set(unit, new Map());
    const names = offices.get(unit)!;
    const key = officeKey(text(o.name)!);
    if (!names.has(key)) names.set(key, { id: text(o.id)!, name: text(o.name)! });
  }
  const targets = new Set((await all(conn, 'SELECT id FROM known_targets')).map((t) => text(t.id)!));
  const chainOf = (unit: string): string[] => {
    const chain: string[] = [];
    for (let u: string | null | undefined = unit; u && !chain.includes(u) && chain.length < 12; u = parents.get(u))
      chain.push(u);
    return chain;
  };
  for (const st of files) {
    const found: { record: number; column: string; reason: string }[] = [];
    const refs: OfficeRef[] = [];
    const phrases = new Map<string, number>();
    const rows = await fileRows(conn, st, ['unit_id', 'task_id', 'lead', 'partners', 'targets']);
    for (const row of rows) {
      const unit = text(row.unit_id);
      const task = text(row.task_id);
      const record = Number(row.__line);
      for (const target of splitList(text(row.targets))) {
        if (!targets.has(target))
          found.push({
            record,
            column: header(st, 'targets'),
            reason: `unknown target "${target}" (not in the store nor in this folder)`,
          });
      }
      // an unknown unit is reported by the unit_id check
      if (unit === null || task === null || !parents.has(unit)) continue;
      const chain = chainOf(unit);
      for (const [role, col] of [
        ['lead', 'lead'],
        ['partner', 'partners'],
      ] as const) {
        splitList(text(row[col])).forEach((name, i) => {
          const key = officeKey(name);
          const office = chain.map((u) => offices.get(u)?.get(key)).find((o) => o !== undefined);
          if (office) {
            refs.push({ unit_id: unit, task_id: task, role, position: i + 1, office_id: office.id, name: office.name });
          } else if (isGeneric(name)) {
            refs.push({ unit_id: unit, task_id: task, role, position: i + 1, office_id: null, name });
            const note = `${col} "${name}"`;
            phrases.set(note, (phrases.get(note) ?? 0) + 1);
          } else {
            found.push({
              record,
              column: header(st, col),
              reason: `"${name}" is not an office of unit ${unit} or above it`,
            });
          }
        });
      }
    }
    errors.push(...(await atLines(st, found)));
    for (const [note, n] of phrases)
      st.notes.push(`${note} (${n} ${n === 1 ? 'row' : 'rows'}) names no office: kept as written (a generic phrase)`);
    await saveRefs(conn, refsTable(st.table!), refs);
  }
  return errors;
}

async function saveRefs(conn: DuckDBConnection, table: string, refs: OfficeRef[]): Promise<void> {
  await conn.run(`CREATE OR REPLACE TEMP TABLE ${table} (unit_id VARCHAR, task_id VARCHAR, role VARCHAR,
    position INTEGER, office_id VARCHAR, name VARCHAR)`);
  for (let i = 0; i < refs.length; i += 500) {
    const values = refs
      .slice(i, i + 500)
      .map(
        (r) =>
          `(${lit(r.unit_id)}, ${lit(r.task_id)}, ${lit(r.role)}, ${r.position}, ` +
          `${r.office_id === null ? 'NULL' : lit(r.office_id)}, ${lit(r.name)})`,
      );
    await conn.run(`INSERT INTO ${table} VALUES ${values.join(', ')}`);
  }
}

/** The checks of offices and tasks files that span rows and files; run after buildKnown, before the load. */
export async function checkWork(conn: DuckDBConnection, staged: StagedFile[]): Promise<ImportError[]> {
  const of = (kind: string) => staged.filter((s) => s.src.kind === kind && s.table && s.raw);
  const errors: ImportError[] = [];
  if (of('offices').length > 0) errors.push(...(await checkOffices(conn, of('offices'))));
  if (of('tasks').length > 0) errors.push(...(await checkTasks(conn, of('tasks'))));
  return errors;
}

/** Offices by office_id; their accounts replace those of the same offices (and the same accounts elsewhere). */
export async function loadOffices(conn: DuckDBConnection, table: string): Promise<void> {
  await conn.run(`INSERT OR REPLACE INTO offices (office_id, unit_id, name, name_en)
    SELECT office_id, unit_id, name, name_en FROM ${table} ORDER BY office_id`);
  await conn.run(`DELETE FROM office_accounts WHERE office_id IN (SELECT office_id FROM ${table})
    OR username IN (SELECT unnest(${listSql('accounts')}) FROM ${table})`);
  await conn.run(`INSERT INTO office_accounts (username, office_id)
    SELECT username, office_id FROM (SELECT unnest(${listSql('accounts')}) AS username, office_id FROM ${table})
    ORDER BY username`);
}

/** Tasks by (unit_id, task_id), with their offices as checkTasks resolved them; other tasks stay. */
export async function loadTasks(conn: DuckDBConnection, table: string): Promise<void> {
  await conn.run(`INSERT OR REPLACE INTO tasks (unit_id, task_id, section, title_vi, title_en, lead, partners,
      timeframe, deadline, targets, notes)
    SELECT unit_id, task_id, section, title_vi, title_en, lead, partners, timeframe, deadline, ${listSql('targets')},
      notes
    FROM ${table} ORDER BY unit_id, task_id`);
  await conn.run(`DELETE FROM task_offices o WHERE EXISTS
    (SELECT 1 FROM ${table} t WHERE t.unit_id = o.unit_id AND t.task_id = o.task_id)`);
  await conn.run(`INSERT INTO task_offices (unit_id, task_id, role, position, office_id, name)
    SELECT unit_id, task_id, role, position, office_id, name FROM ${refsTable(table)}
    ORDER BY unit_id, task_id, role, position`);
}
