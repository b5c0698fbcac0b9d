// The import step of `npm run bench -- hcmc` as its own process (so that its peak RSS is its own):
// `node --import tsx tests/bench/hcmc-import.ts <folder> <db>` loads the generated folder into a new store with
// DuckDB's memory limit set (IOC_BENCH_HCMC_MEMORY, default 8GB: beyond it DuckDB spills to <db>.tmp) and prints
// one JSON line {ok, ms, peak_mb, files, errors}.
import { readFileSync } from 'node:fs';
import { importFolder } from '../../data/pipeline/import/index.ts';
import { closeStore, openStore } from '../../data/pipeline/store.ts';

const peakMb = () =>
  Math.round(Number(/^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1]) / 1024);

async function main(): Promise<void> {
  const [folder, db] = process.argv.slice(2);
  if (!folder || !db) throw new Error('usage: node --import tsx tests/bench/hcmc-import.ts <folder> <db>');
  const t = performance.now();
  const store = await openStore(db);
  await store.connection.run(`SET memory_limit = '${process.env.IOC_BENCH_HCMC_MEMORY ?? '8GB'}'`);
  await store.connection.run('SET preserve_insertion_order = false');
  const report = await importFolder(store.connection, folder);
  await store.connection.run('CHECKPOINT');
  closeStore(store);
  const files = report.files.map((f) => ({ file: f.file, rows: f.rows, ms: f.ms }));
  const out = { ok: report.ok, ms: Math.round(performance.now() - t), peak_mb: peakMb(), files };
  console.log(JSON.stringify({ ...out, errors: report.errors.slice(0, 5) }));
  if (!report.ok) process.exit(1);
}

main().catch((err: Error) => {
  console.error(err);
  process.exit(1);
});
