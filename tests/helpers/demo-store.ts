// Builds a small demo store for API tests: the generator's files for 2022, loaded by the importer.
import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { generateDemo } from '../../data/pipeline/generate/index.ts';
import { importFolder } from '../../data/pipeline/import/index.ts';
import { CELL_KEY_SECRET } from '../../data/pipeline/cell-key.ts';
import { openStore } from '../../data/pipeline/store.ts';

export const DEMO_END = '2022-12-31';

export async function buildDemoStore(dir: string, seed = 7): Promise<{ db: string; files: string }> {
  const files = join(dir, 'files');
  const db = join(dir, 'ioc.duckdb');
  if (existsSync(dir)) await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  await generateDemo({ outDir: files, seed, end: DEMO_END });
  const { instance, connection } = await openStore(db);
  try {
    // A fixed cell-key secret (a real store gets a random one): the tests' published figures are the same on every
    // run, so a test never passes or fails by the luck of a secret.
    await connection.run(`UPDATE store_meta SET value = 'tests-${seed}' WHERE key = '${CELL_KEY_SECRET}'`);
    const report = await importFolder(connection, files);
    if (!report.ok) throw new Error(`demo import failed: ${JSON.stringify(report.errors.slice(0, 5))}`);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
  return { db, files };
}
