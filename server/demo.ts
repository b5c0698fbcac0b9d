// Builds the demo store on first start: the seeded generator writes import files, and the
// importer loads them, so the demo enters through the same door as real data. A demo store whose cubes predate
// the cell keys (docs/disclosure.md) is built again: its keys are all 0, and perturbations would not follow records.
// So is a demo store without offices (built before issue 21): its plan has no tasks and its offices no accounts.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { generateDemo } from '../data/pipeline/generate/index.ts';
import { importFolder } from '../data/pipeline/import/index.ts';
import { formatImportError } from '../data/pipeline/import/types.ts';
import { CELL_KEYS_MARKER } from '../data/pipeline/cell-key.ts';
import { openStore } from '../data/pipeline/store.ts';
import type { Config } from './config.ts';

interface Log {
  info(msg: string): void;
  warn?(msg: string): void;
}

interface StoreState {
  /** holds units */
  units: boolean;
  /** its cubes were built with cell keys (the store_meta marker) */
  keyed: boolean;
  /** every dataset of the store is generated: the demo, which can be made again */
  generated: boolean;
  /** holds offices (the demo's since issue 21) */
  offices: boolean;
}

async function inspectStore(path: string): Promise<StoreState> {
  if (!existsSync(path)) return { units: false, keyed: false, generated: false, offices: false };
  const { instance, connection } = await openStore(path);
  try {
    const r = await connection.runAndReadAll(`SELECT EXISTS (SELECT 1 FROM units) AS units,
      EXISTS (SELECT 1 FROM store_meta WHERE key = '${CELL_KEYS_MARKER}') AS keyed,
      coalesce((SELECT bool_and(generated) FROM datasets), false) AS generated,
      EXISTS (SELECT 1 FROM offices) AS offices`);
    const row = r.getRowObjectsJson()[0];
    return {
      units: Boolean(row.units),
      keyed: Boolean(row.keyed),
      generated: Boolean(row.generated),
      offices: Boolean(row.offices),
    };
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/**
 * Creates the demo store when the configured store holds no units and IOC_DEMO is on; builds the demo again when
 * its cubes predate the cell keys (real data is never deleted: a warning says to rebuild it from its files).
 */
export async function ensureDemoStore(config: Config, log: Log): Promise<void> {
  const state = await inspectStore(config.db);
  if (state.units && !state.keyed) {
    if (state.generated && config.demo) {
      log.info(`The demo store ${config.db} was built before cell keys: deleting it to build it again`);
      await rm(config.db, { force: true });
      await rm(`${config.db}.wal`, { force: true });
    } else {
      (log.warn ?? log.info).call(
        log,
        `warning: the cubes of ${config.db} were built before cell keys: every key is 0, so the perturbation ` +
          'of a published count does not depend on its records until the store is built again from its files',
      );
      return;
    }
  } else if (state.units && !state.offices && state.generated && config.demo) {
    log.info(`The demo store ${config.db} was built before offices and tasks: deleting it to build it again`);
    await rm(config.db, { force: true });
    await rm(`${config.db}.wal`, { force: true });
  } else if (state.units) return;
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
      const lines = report.errors.slice(0, 20).map(formatImportError);
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
