// Builds the demo store on first start: the seeded generator writes import files, and the
// importer loads them, so the demo enters through the same door as real data.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { generateDemo } from '../data/pipeline/generate/index.ts';
import { importFolder } from '../data/pipeline/import/index.ts';
import { openStore } from '../data/pipeline/store.ts';
import type { Config } from './config.ts';

interface Log {
  info(msg: string): void;
}

async function storeHasUnits(path: string): Promise<boolean> {
  if (!existsSync(path)) return false;
  const { instance, connection } = await openStore(path);
  try {
    const r = await connection.runAndReadAll('SELECT count(*)::INTEGER AS n FROM units');
    return (r.getRowObjectsJson()[0] as { n: number }).n > 0;
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** Creates the demo store when the configured store holds no units and IOC_DEMO is on. */
export async function ensureDemoStore(config: Config, log: Log): Promise<void> {
  if (await storeHasUnits(config.db)) return;
  if (!config.demo)
    throw new Error(
      `The store ${config.db} holds no data and IOC_DEMO is off: load data with npm run import -- <folder>.`,
    );
  const t0 = Date.now();
  // a folder of its own, so that two stores built at once never share half-written files
  await mkdir(config.demoDir, { recursive: true });
  const files = await mkdtemp(join(config.demoDir, 'demo-'));
  log.info(`First start: generating the Nam Sách demo data into ${files} …`);
  const summary = await generateDemo({ outDir: files, seed: config.seed, end: config.demoEnd });
  log.info(`Generated in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${JSON.stringify(summary)}`);
  await mkdir(dirname(config.db), { recursive: true });
  const { instance, connection } = await openStore(config.db, { threads: config.dbThreads });
  try {
    const t1 = Date.now();
    const report = await importFolder(connection, files);
    if (!report.ok) {
      const lines = report.errors.slice(0, 20).map((e) => `${e.file}:${e.line}: ${e.column}: ${e.reason}`);
      throw new Error(`The demo files did not import:\n${lines.join('\n')}`);
    }
    log.info(
      `Imported ${report.files.map((f) => `${f.file} (${f.rows})`).join(', ')} ` +
        `in ${((Date.now() - t1) / 1000).toFixed(1)} s`,
    );
  } finally {
    connection.closeSync();
    instance.closeSync();
    await rm(files, { recursive: true, force: true });
  }
}
