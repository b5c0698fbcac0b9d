// importFolder: checks every recognised file of a folder and loads all of them in one transaction, or nothing.
// Used by import-cli.ts, the server's admin import and the tests; the formats are docs/data-formats.md.
import type { DuckDBConnection } from '@duckdb/node-api';
import { cubesKeyed, markCubesKeyed } from '../cell-key.ts';
import { cellText } from '../cells.ts';
import type { Kind } from './columns.ts';
import { listFolder, readManifest } from './files.ts';
import { buildKnown, KNOWN_TABLES } from './known.ts';
import { loadMilestones, loadProcedures, loadTargets } from './load-catalogue.ts';
import { loadDossiers, rebuildBundleMonth, rebuildDossierMonth } from './load-dossiers.ts';
import { buildPopMonth, latestPeopleDate } from './load-people.ts';
import { loadLineage, loadUnits, rebuildUnitMembers } from './load-units.ts';
import { bumpStoreMeta, loadedHashes, logFiles, nextBatchId, updateDatasets } from './meta.ts';
import { checkStaged, stageFile, type StagedFile } from './stage.ts';
import type { FileReport, ImportError, ImportOptions, ImportReport, SourceFile } from './types.ts';

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
};

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
  if (keyed) await markCubesKeyed(conn);
  return peopleDate;
}

async function dropTemps(conn: DuckDBConnection, staged: StagedFile[]): Promise<void> {
  for (const t of [...staged.map((s) => s.table), ...KNOWN_TABLES, 'dossier_units_touched']) {
    if (t) await conn.run(`DROP TABLE IF EXISTS temp.${t}`);
  }
}

/** Checks and loads every recognised file of `folder` (docs/data-formats.md); all or nothing. */
export async function importFolder(
  conn: DuckDBConnection,
  folder: string,
  opts: ImportOptions = {},
): Promise<ImportReport> {
  const started = Date.now();
  const now = opts.now ?? new Date();
  const today = vietnamDay(now);
  const { manifest, errors: manifestErrors } = readManifest(folder);
  const sources = await listFolder(folder);
  const logged = await loadedHashes(
    conn,
    sources.map((s) => s.sha256),
  );
  const files: FileReport[] = [];
  const toLoad: SourceFile[] = [];
  for (const src of sources) {
    const seen = logged.has(src.sha256) || toLoad.some((s) => s.sha256 === src.sha256);
    if (seen)
      files.push({ file: src.file, kind: src.kind, rows: logged.get(src.sha256) ?? 0, status: 'skipped', ms: 0 });
    else toLoad.push(src);
  }
  const done = (ok: boolean, batchId: number | null, errors: ImportError[], staged: StagedFile[]): ImportReport => {
    const report = staged.map((s): FileReport => ({
      file: s.src.file,
      kind: s.src.kind,
      rows: s.rows,
      status: ok ? 'loaded' : 'skipped',
      ms: s.ms,
    }));
    const order = new Map(sources.map((s, i) => [s.file, i]));
    const all = [...files, ...report].sort((a, b) => order.get(a.file)! - order.get(b.file)!);
    return { ok, batchId, files: all, errors, ms: Date.now() - started };
  };
  if (manifestErrors.length > 0) return done(false, null, manifestErrors, []);
  if (toLoad.length === 0) return done(true, null, [], []);

  const staged: StagedFile[] = [];
  try {
    for (const [i, src] of toLoad.entries()) staged.push(await stageFile(conn, src, i, today));
    await buildKnown(conn, staged);
    const errors: ImportError[] = [];
    for (const st of staged) errors.push(...(await checkStaged(conn, st, today)));
    errors.push(...(await checkPeopleOverlap(conn, staged)));
    if (errors.length > 0) return done(false, null, errors, staged);

    const fixedDate = manifest.dataDate ?? opts.dataDate ?? null;
    await conn.run('BEGIN TRANSACTION');
    let batchId: number;
    try {
      batchId = await nextBatchId(conn);
      const peopleDate = await loadAll(conn, staged, opts, fixedDate);
      await logFiles(
        conn,
        batchId,
        staged.map((s) => ({ src: s.src, rows: s.rows })),
        manifest.generated,
        now,
      );
      const kinds = new Set(staged.map((s) => s.src.kind));
      const dates = Object.fromEntries(
        [...kinds]
          .map((k): [Kind, string | null] => [k, k === 'people' ? peopleDate : fixedDate])
          .filter((e): e is [Kind, string] => Boolean(e[1])),
      );
      await updateDatasets(conn, kinds, manifest, dates);
      await bumpStoreMeta(conn, now);
      await conn.run('COMMIT');
    } catch (e) {
      await conn.run('ROLLBACK').catch(() => undefined);
      const reason = `import failed, nothing was loaded: ${(e as Error).message.split('\n')[0]}`;
      return done(false, null, [{ file: '', line: 0, column: '', reason }], staged);
    }
    return done(true, batchId, [], staged);
  } finally {
    await dropTemps(conn, staged);
  }
}
