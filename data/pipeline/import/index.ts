// importFolder: checks every recognised file of a folder and loads all of them in one transaction, or nothing.
// Used by import-cli.ts, the server's admin import and the tests; the formats are docs/data-formats.md.
import { createHash } from 'node:crypto';
import type { DuckDBConnection } from '@duckdb/node-api';
import { cubesKeyed, markCubesKeyed } from '../cell-key.ts';
import { cellText } from '../cells.ts';
import type { Kind } from './columns.ts';
import { listFolder, readManifest } from './files.ts';
import { buildKnown, KNOWN_TABLES } from './known.ts';
import { loadMilestones, loadProcedures, loadTargets } from './load-catalogue.ts';
import { checkCounts, datasetKind, loadCounts } from './load-counts.ts';
import { loadDossiers, rebuildBundleMonth, rebuildDossierMonth } from './load-dossiers.ts';
import { loadPetitions, loadPortalScores } from './load-petitions.ts';
import { buildPopMonth, latestPeopleDate } from './load-people.ts';
import { serviceDataDate, serviceUnitsSql, updateServiceMonth } from './load-service.ts';
import { loadLineage, loadUnits, rebuildUnitMembers } from './load-units.ts';
import { checkWork, loadOffices, loadTasks, refsTable } from './load-work.ts';
import { bumpStoreMeta, loadedHashes, logFiles, nextBatchId, updateDatasets } from './meta.ts';
import { checkStaged, releaseStaged, stageFile, type StagedFile } from './stage.ts';
import type { FileReport, ImportError, ImportOptions, ImportReport, Manifest, SourceFile } from './types.ts';

export type { FileReport, ImportError, ImportOptions, ImportReport } from './types.ts';

/** The calendar day of `now` in Vietnam (UTC+7), YYYY-MM-DD. */
function vietnamDay(now: Date): string {
  return new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

const LOADERS: Partial<Record<Kind, (conn: DuckDBConnection, table: string) => Promise<void>>> = {
  units: loadUnits,
  lineage: loadLineage,
  procedures: loadProcedures,
  targets: loadTargets,
  milestones: loadMilestones,
  dossiers: loadDossiers,
  petitions: loadPetitions,
  portal_scores: loadPortalScores,
  offices: loadOffices,
  tasks: loadTasks,
};

/** Kinds that are no dataset of figures (no data date, no datasets row): the plan's offices and tasks. */
const WORK_KINDS = new Set<Kind>(['offices', 'tasks']);

/** Units whose service_month a load rebuilds: named before anything is written (load-service.ts serviceUnitsSql). */
const SERVICE_UNITS = 'service_units_touched';

/**
 * Before a load of dossiers or petitions: notes the units whose service_month it changes and the dossiers' data date
 * as it was; null when the load has neither.
 */
async function beforeService(conn: DuckDBConnection, staged: StagedFile[]): Promise<{ before: string | null } | null> {
  const tables = (k: Kind) => staged.filter((s) => s.src.kind === k && s.table).map((s) => s.table!);
  const units = serviceUnitsSql(tables('dossiers'), tables('petitions'));
  if (units === null) return null;
  await conn.run(`CREATE OR REPLACE TEMP TABLE ${SERVICE_UNITS} AS SELECT DISTINCT unit_id FROM (${units})`);
  return { before: await serviceDataDate(conn) };
}

/** A people file must hold whole units: a unit found in two people files of one folder is an error. */
async function checkPeopleOverlap(conn: DuckDBConnection, staged: StagedFile[]): Promise<ImportError[]> {
  const people = staged.filter((s) => s.src.kind === 'people' && s.table);
  if (people.length < 2) return [];
  const parts = people.map((s, i) => `SELECT DISTINCT unit_id, ${i} AS f FROM ${s.table} WHERE unit_id IS NOT NULL`);
  const r = await conn.runAndReadAll(`SELECT unit_id, list(f ORDER BY f) AS fs FROM (${parts.join(' UNION ALL ')})
    GROUP BY unit_id HAVING count(*) > 1 ORDER BY unit_id`);
  return r.getRowObjectsJson().map((row) => {
    const fs = row.fs as number[];
    return {
      file: people[fs[fs.length - 1]].src.file,
      line: 1,
      column: 'unit_id',
      reason:
        `unit "${cellText(row.unit_id)}" is also in ${people[fs[0]].src.file}; ` +
        "each unit's people must be in one file",
    };
  });
}

/** Loads the staged files in order, then rebuilds the derived tables; runs inside the transaction. */
async function loadAll(
  conn: DuckDBConnection,
  staged: StagedFile[],
  opts: ImportOptions,
  fixedDate: string | null,
): Promise<string | null> {
  const byKind = (k: Kind) => staged.filter((s) => s.src.kind === k);
  // Asked before anything is loaded: the loaders below build every cube row they write with its keys.
  const keyed = await cubesKeyed(conn);
  const timed = async (st: StagedFile, work: () => Promise<unknown>) => {
    const t = Date.now();
    await work();
    st.ms += Date.now() - t;
  };
  for (const st of staged) {
    const load = LOADERS[st.src.kind];
    if (load) await timed(st, () => load(conn, st.table!));
  }
  const last = (k: Kind) => byKind(k)[byKind(k).length - 1];
  if (last('units') || last('lineage')) await timed(last('lineage') ?? last('units'), () => rebuildUnitMembers(conn));
  if (last('dossiers')) await timed(last('dossiers'), () => rebuildDossierMonth(conn));
  if (last('dossiers') || last('procedures'))
    await timed(last('dossiers') ?? last('procedures'), () => rebuildBundleMonth(conn));
  let peopleDate: string | null = null;
  const people = byKind('people');
  if (people.length > 0) {
    const tables = people.map((s) => s.table!);
    peopleDate = fixedDate ?? opts.dataDate ?? (await latestPeopleDate(conn, tables));
    if (peopleDate) await timed(last('people'), () => buildPopMonth(conn, tables, peopleDate!));
  }
  // aggregate population tables replace or set cells after any people file (load-counts.ts)
  const counts = last('identity_counts') ?? last('population_counts');
  if (counts) {
    await timed(counts, async () => {
      const date = await loadCounts(conn, staged, peopleDate);
      peopleDate = fixedDate ?? date;
    });
  }
  if (keyed) await markCubesKeyed(conn);
  return peopleDate;
}

async function dropTemps(conn: DuckDBConnection, staged: StagedFile[]): Promise<void> {
  for (const s of staged) releaseStaged(s); // an xlsx's temporary CSV
  const refs = staged.filter((s) => s.src.kind === 'tasks' && s.table).map((s) => refsTable(s.table!));
  for (const t of [...staged.map((s) => s.table), ...refs, ...KNOWN_TABLES, 'dossier_units_touched', SERVICE_UNITS]) {
    if (t) await conn.run(`DROP TABLE IF EXISTS temp.${t}`);
  }
}

/** The key in import_log of a tasks file loaded for a unit (ImportOptions.unit): the file's hash and the unit's. */
export function unitSha256(sha256: string, unit: string): string {
  return createHash('sha256').update(`${sha256}\nunit ${unit}`).digest('hex');
}

/** A tasks file read for a unit: its hash (import_log's key of a load) is the file's and the unit's. */
function forUnit(src: SourceFile, unit: string): SourceFile {
  return { ...src, unit, sha256: unitSha256(src.sha256, unit) };
}

/** Files checked and staged (TEMP tables on `conn`), ready to load or to look at; release() drops the tables. */
export interface CheckedImport {
  sources: SourceFile[];
  staged: StagedFile[];
  errors: ImportError[];
  manifest: Manifest;
  /** Reports of files skipped because their content was loaded before. */
  seen: FileReport[];
  started: number;
  now: Date;
  opts: ImportOptions;
}

/**
 * Progress of checking: called before each file is staged and after the last one, and while a workbook is read
 * (`reading`: its bytes and rows so far).
 */
export type CheckProgress = (
  done: number,
  total: number,
  file: SourceFile | null,
  reading?: { bytes: number; rows: number },
) => void;

/** Stages and checks the given files (already listed with listFolder); nothing is written to the store. */
export async function checkImport(
  conn: DuckDBConnection,
  sources: SourceFile[],
  manifestRead: { manifest: Manifest; errors: ImportError[] },
  opts: ImportOptions = {},
  progress?: CheckProgress,
): Promise<CheckedImport> {
  const started = Date.now();
  const now = opts.now ?? new Date();
  const today = vietnamDay(now);
  const { manifest, errors: manifestErrors } = manifestRead;
  // a tasks file's rows without a unit belong to the import's unit: one file loaded for two units is two loads
  const files = sources.map((s) => (s.kind === 'tasks' && opts.unit !== undefined ? forUnit(s, opts.unit) : s));
  const logged = await loadedHashes(
    conn,
    files.map((s) => s.sha256),
  );
  const seen: FileReport[] = [];
  const toLoad: SourceFile[] = [];
  for (const src of files) {
    if (logged.has(src.sha256) || toLoad.some((s) => s.sha256 === src.sha256))
      seen.push({ file: src.file, kind: src.kind, rows: logged.get(src.sha256) ?? 0, status: 'skipped', ms: 0 });
    else toLoad.push(src);
  }
  const checked: CheckedImport = { sources: files, staged: [], errors: [], manifest, seen, started, now, opts };
  if (manifestErrors.length > 0) {
    checked.errors = manifestErrors;
    return checked;
  }
  for (const [i, src] of toLoad.entries()) {
    progress?.(i, toLoad.length, src);
    checked.staged.push(await stageFile(conn, src, i, today, progress && ((p) => progress(i, toLoad.length, src, p))));
  }
  progress?.(toLoad.length, toLoad.length, null);
  if (toLoad.length === 0) return checked;
  await buildKnown(conn, checked.staged);
  for (const st of checked.staged) checked.errors.push(...(await checkStaged(conn, st, today)));
  checked.errors.push(...(await checkWork(conn, checked.staged)));
  checked.errors.push(...(await checkPeopleOverlap(conn, checked.staged)));
  checked.errors.push(...(await checkCounts(conn, checked.staged)));
  return checked;
}

/** The report of a checked import: loaded (ok, with its batch) or not. */
export function reportOf(checked: CheckedImport, ok: boolean, batchId: number | null, errors = checked.errors) {
  const loaded = checked.staged.map((s): FileReport => ({
    file: s.src.file,
    kind: s.src.kind,
    rows: s.rows,
    status: ok ? 'loaded' : 'skipped',
    ms: s.ms,
    ...(s.sheet !== undefined
      ? { sheet: s.sheet, skippedRows: s.skippedRows, notes: s.notes }
      : s.notes.length > 0
        ? { notes: s.notes }
        : {}),
  }));
  const order = new Map(checked.sources.map((s, i) => [s.file, i]));
  const files = [...checked.seen, ...loaded].sort((a, b) => order.get(a.file)! - order.get(b.file)!);
  return { ok, batchId, files, errors, ms: Date.now() - checked.started } satisfies ImportReport;
}

/** Work done inside the load's transaction, before the files are loaded and after. */
export interface LoadHooks {
  /** Before anything is written (e.g. keep the rows the import will replace, for undo or a preview). */
  before?(conn: DuckDBConnection, staged: StagedFile[], batchId: number): Promise<void>;
  /** After everything is written, still inside the transaction. */
  after?(conn: DuckDBConnection, staged: StagedFile[], batchId: number): Promise<void>;
  /** Roll back at the end instead of committing (a trial load: what would change). */
  trial?: boolean;
}

/**
 * Loads a checked import in one transaction (all or nothing). The caller made sure it has no errors;
 * with hooks.trial nothing stays written.
 */
export async function loadChecked(
  conn: DuckDBConnection,
  checked: CheckedImport,
  hooks: LoadHooks = {},
): Promise<ImportReport> {
  if (checked.errors.length > 0) return reportOf(checked, false, null);
  if (checked.staged.length === 0) return reportOf(checked, true, null);
  const { manifest, opts, now, staged } = checked;
  const fixedDate = manifest.dataDate ?? opts.dataDate ?? null;
  await conn.run('BEGIN TRANSACTION');
  let batchId: number;
  try {
    batchId = await nextBatchId(conn);
    await hooks.before?.(conn, staged, batchId);
    const service = await beforeService(conn, staged);
    const peopleDate = await loadAll(conn, staged, opts, fixedDate);
    await logFiles(
      conn,
      batchId,
      staged.map((s) => ({ src: s.src, rows: s.rows })),
      manifest.generated,
      now,
    );
    const kinds = new Set(staged.map((s) => datasetKind(s.src.kind)).filter((k) => !WORK_KINDS.has(k)));
    const dates = Object.fromEntries(
      [...kinds]
        .map((k): [Kind, string | null] => [k, k === 'people' ? peopleDate : fixedDate])
        .filter((e): e is [Kind, string] => Boolean(e[1])),
    );
    await updateDatasets(conn, kinds, manifest, dates);
    if (service) {
      // after the data dates: the stocks of service_month are taken at the dossiers' one
      const st = staged.findLast((s) => s.src.kind === 'dossiers' || s.src.kind === 'petitions')!;
      const t = Date.now();
      await updateServiceMonth(conn, `SELECT unit_id FROM ${SERVICE_UNITS}`, service.before);
      st.ms += Date.now() - t;
    }
    await bumpStoreMeta(conn, now);
    await hooks.after?.(conn, staged, batchId);
    await conn.run(hooks.trial ? 'ROLLBACK' : 'COMMIT');
  } catch (e) {
    await conn.run('ROLLBACK').catch(() => undefined);
    const reason = `import failed, nothing was loaded: ${(e as Error).message.split('\n')[0]}`;
    return reportOf(checked, false, null, [{ file: '', line: 0, column: '', reason }]);
  }
  return reportOf(checked, true, batchId);
}

/** Drops the import's TEMP tables. */
export async function releaseChecked(conn: DuckDBConnection, checked: CheckedImport): Promise<void> {
  await dropTemps(conn, checked.staged);
}

/** Checks and loads every recognised file of `folder` (docs/data-formats.md); all or nothing. */
export async function importFolder(
  conn: DuckDBConnection,
  folder: string,
  opts: ImportOptions = {},
): Promise<ImportReport> {
  const manifest = readManifest(folder);
  const sources = await listFolder(folder);
  const checked = await checkImport(conn, sources, manifest, opts);
  try {
    return await loadChecked(conn, checked);
  } finally {
    await releaseChecked(conn, checked);
  }
}
