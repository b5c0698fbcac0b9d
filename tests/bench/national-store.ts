// Builds the national store of `npm run bench -- national` (data/bench/national.duckdb): generates the aggregate
// tables of every commune (data/pipeline/generate/national.ts) and loads them with the importer, one folder per
// import (the units, then each province), timed. Writes what it measured to data/bench/national-build.json.
// Run alone: `nice -n 15 npx tsx tests/bench/national-store.ts` (resumes: a file loaded before is skipped).
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { generateNational } from '../../data/pipeline/generate/national.ts';
import { importFolder } from '../../data/pipeline/import/index.ts';
import { openStore } from '../../data/pipeline/store.ts';

export const NATIONAL_DB = process.env.IOC_NATIONAL_DB ?? 'data/bench/national.duckdb';
const FILES = process.env.IOC_NATIONAL_FILES ?? 'data/bench/national-files';
export const BUILD_REPORT = NATIONAL_DB.replace(/\.duckdb$/, '') + '-build.json';

export interface BuildReport {
  generate: { seconds: number; rows: number; bytes: number; communes: number; people2022: number; maxRssMb: number };
  import: {
    seconds: number;
    folders: number;
    slowestProvince: { folder: string; rows: number; seconds: number };
    maxRssMb: number;
  };
  store: { bytes: number; popRows: number; units: number };
  load: number[];
  finishedAt: string;
}

const rssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);
const dirBytes = (dir: string): number =>
  readdirSync(dir).reduce((s, f) => {
    const p = join(dir, f);
    const st = statSync(p);
    return s + (st.isDirectory() ? dirBytes(p) : st.size);
  }, 0);

export function readBuildReport(): BuildReport | null {
  return existsSync(BUILD_REPORT) ? (JSON.parse(readFileSync(BUILD_REPORT, 'utf8')) as BuildReport) : null;
}

/** Generates (unless the files are there) and imports every folder; returns what it measured. */
export async function buildNationalStore(): Promise<BuildReport> {
  let t = Date.now();
  let gen: BuildReport['generate'];
  if (!existsSync(join(FILES, 'units', 'units.csv')) || !existsSync(join(FILES, 'p96'))) {
    const s = generateNational({ outDir: FILES });
    gen = {
      seconds: (Date.now() - t) / 1000,
      rows: s.rows,
      bytes: s.bytes,
      communes: s.communes,
      people2022: s.people2022,
      maxRssMb: rssMb(),
    };
    writeFileSync(join(FILES, 'generate.json'), JSON.stringify(gen));
  } else gen = JSON.parse(readFileSync(join(FILES, 'generate.json'), 'utf8')) as BuildReport['generate'];
  console.log(`generated: ${JSON.stringify(gen)}`);
  const folders = [
    'units',
    ...readdirSync(FILES)
      .filter((f) => /^p\d+$/.test(f))
      .sort(),
  ];
  const { instance, connection } = await openStore(NATIONAL_DB);
  t = Date.now();
  let slowest = { folder: '', rows: 0, seconds: 0 };
  for (const f of folders) {
    const t0 = Date.now();
    const report = await importFolder(connection, join(FILES, f));
    if (!report.ok) throw new Error(`${f}: import failed: ${JSON.stringify(report.errors.slice(0, 5))}`);
    const seconds = (Date.now() - t0) / 1000;
    const rows = report.files.reduce((s, x) => s + (x.status === 'loaded' ? x.rows : 0), 0);
    if (seconds > slowest.seconds) slowest = { folder: f, rows, seconds };
    console.log(
      `${f}: ${rows} rows in ${seconds.toFixed(1)} s (total ${((Date.now() - t) / 1000).toFixed(0)} s, ` +
        `max RSS ${rssMb()} MB, load ${loadavg()[0].toFixed(1)})`,
    );
  }
  const importSeconds = (Date.now() - t) / 1000;
  await connection.run('CHECKPOINT');
  const r = (
    await connection.runAndReadAll(
      `SELECT (SELECT count(*) FROM pop_month)::BIGINT::VARCHAR AS rows,
        (SELECT count(*) FROM units)::INTEGER AS units`,
    )
  ).getRowObjectsJson()[0];
  connection.closeSync();
  instance.closeSync();
  const report: BuildReport = {
    generate: gen,
    import: { seconds: importSeconds, folders: folders.length, slowestProvince: slowest, maxRssMb: rssMb() },
    store: { bytes: statSync(NATIONAL_DB).size, popRows: Number(r.rows), units: Number(r.units) },
    load: loadavg(),
    finishedAt: new Date().toISOString(),
  };
  writeFileSync(BUILD_REPORT, JSON.stringify(report, null, 2) + '\n');
  console.log(`files ${dirBytes(FILES)} bytes; report ${JSON.stringify(report)}`);
  if (process.env.IOC_NATIONAL_KEEP_FILES !== '1') rmSync(FILES, { recursive: true, force: true });
  return report;
}

if (process.argv[1]?.endsWith('national-store.ts')) {
  buildNationalStore().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
