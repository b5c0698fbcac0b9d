// npm run bench -- federation: a simulation of the deployment that outgrows one machine (docs/scaling.md). Each
// province runs its own store; the national tier holds only the provinces' cubes (counts with their cell keys, no
// record of any kind) and rolls them up. Here the province store of `npm run bench` (Hải Dương) plays every
// province: its cubes are exported once to Parquet (what a province node would ship), then loaded PROVINCES times
// with the unit codes prefixed by a node number into one national DuckDB file, and the national roll-ups are timed.
// Checked, not assumed: the national sums equal PROVINCES × the province's own sums, and the national cell keys
// equal PROVINCES × the province's keys modulo 2^24 (a roll-up of keys is a sum, whoever computed the parts).
import { mkdir, rm, stat, readdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { CELL_KEY_MODULUS } from '../../data/pipeline/cell-key.ts';

const SOURCE = process.env.IOC_BENCH_DB ?? 'data/bench/province.duckdb';
const OUT = process.env.IOC_FEDERATION_DIR ?? 'data/bench/federation';
const PROVINCES = Number(process.env.IOC_FEDERATION_PROVINCES ?? 63);
const RUNS = Number(process.env.IOC_BENCH_RUNS ?? 7);
/** The cubes a province node ships (each with its *_key columns); service_month and bundle_month may be added. */
const CUBES = (process.env.IOC_FEDERATION_CUBES ?? 'pop_month,dossier_month').split(',');

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const mb = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MB`;

async function timed<T>(f: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const r = await f();
  return [r, performance.now() - t];
}

async function one(c: DuckDBConnection, sql: string): Promise<Record<string, string>> {
  return (await c.runAndReadAll(sql)).getRowObjectsJson()[0] as Record<string, string>;
}

async function sizeOf(path: string): Promise<number> {
  const s = await stat(path);
  if (!s.isDirectory()) return s.size;
  let n = 0;
  for (const f of await readdir(path)) n += await sizeOf(join(path, f));
  return n;
}

const rss = () => process.memoryUsage().rss;

export async function runFederationBench(): Promise<void> {
  if (!existsSync(SOURCE)) throw new Error(`${SOURCE} is missing: run \`npm run bench\` once to build it`);
  await rm(OUT, { recursive: true, force: true });
  await mkdir(OUT, { recursive: true });
  console.log(`federation: ${PROVINCES} province nodes, each a copy of ${SOURCE}; ${RUNS} runs per query`);

  // 1. What one province node ships: its cubes as Parquet (zstd).
  const src = await (await DuckDBInstance.create(SOURCE, { access_mode: 'READ_ONLY' })).connect();
  const own = await one(
    src,
    `SELECT (SELECT sum(population) FROM pop_month WHERE month = (SELECT max(month) FROM pop_month))::VARCHAR AS people,
            (SELECT sum(population_key) FROM pop_month
              WHERE month = (SELECT max(month) FROM pop_month))::VARCHAR AS people_key,
            (SELECT sum(received) FROM dossier_month)::VARCHAR AS dossiers,
            (SELECT count(*) FROM units WHERE level = 'commune' AND is_base)::VARCHAR AS communes`,
  );
  const [, exportMs] = await timed(async () => {
    for (const cube of CUBES)
      await src.run(`COPY ${cube} TO '${OUT}/${cube}.parquet' (FORMAT parquet, COMPRESSION zstd)`);
  });
  src.closeSync();
  const shipped = await sizeOf(OUT);
  console.log(
    `one node: ${own.communes} communes, ${own.people} people, ${own.dossiers} dossiers; ` +
      `cubes exported in ${seconds(exportMs)}, ${mb(shipped)} of Parquet`,
  );

  // 2. The national tier: every node's cubes, unit codes prefixed by the node ("07:10606").
  const file = `${OUT}/national.duckdb`;
  const nat = await (await DuckDBInstance.create(file)).connect();
  const rss0 = rss();
  const [, loadMs] = await timed(async () => {
    for (const cube of CUBES)
      await nat.run(
        `CREATE TABLE ${cube} AS SELECT * REPLACE (lpad(p.range::VARCHAR, 2, '0') || ':' || unit_id AS unit_id)
           FROM read_parquet('${OUT}/${cube}.parquet') CROSS JOIN range(${PROVINCES}) p`,
      );
    await nat.run('CHECKPOINT');
  });
  const rows = await one(
    nat,
    `SELECT (SELECT count(*) FROM pop_month)::VARCHAR AS pop, (SELECT count(*) FROM dossier_month)::VARCHAR AS dos`,
  );
  console.log(
    `national tier: loaded in ${seconds(loadMs)}: pop_month ${rows.pop} rows, dossier_month ${rows.dos} rows; ` +
      `file ${mb((await stat(file)).size)}; this process's RSS ${mb(rss0)} → ${mb(rss())}`,
  );

  // 3. Checks against the node's own sums (computed on the source store above).
  const nationalNow = await one(
    nat,
    `SELECT sum(population)::VARCHAR AS people, (sum(population_key) % ${CELL_KEY_MODULUS})::VARCHAR AS people_key
       FROM pop_month WHERE month = (SELECT max(month) FROM pop_month)`,
  );
  const expectPeople = BigInt(own.people) * BigInt(PROVINCES);
  const expectKey = (BigInt(own.people_key) * BigInt(PROVINCES)) % BigInt(CELL_KEY_MODULUS);
  if (BigInt(nationalNow.people) !== expectPeople || BigInt(nationalNow.people_key) !== expectKey)
    throw new Error(`national roll-up ${JSON.stringify(nationalNow)} ≠ ${expectPeople} / key ${expectKey}`);
  console.log(`check: national population ${nationalNow.people} = ${PROVINCES} × ${own.people}; keys add up mod 2^24`);

  // 4. National roll-ups, timed warm (median of RUNS after one cold run).
  const queries: [string, string][] = [
    [
      'national population by month (60 months)',
      `SELECT month, sum(population) AS n, sum(population_key) % ${CELL_KEY_MODULUS} AS k FROM pop_month GROUP BY month`,
    ],
    [
      'population by node (province) and month',
      `SELECT split_part(unit_id, ':', 1) AS node, month, sum(population) FROM pop_month GROUP BY ALL`,
    ],
    [
      'chip-card share by node, last month',
      `SELECT split_part(unit_id, ':', 1) AS node, sum(with_chip_card) / sum(card_age) FROM pop_month
        WHERE month = (SELECT max(month) FROM pop_month) GROUP BY ALL`,
    ],
    [
      'online dossier share, national by month',
      `SELECT month, sum(received) FILTER (WHERE channel = 'online') / sum(received) FROM dossier_month GROUP BY month`,
    ],
    [
      'dossiers by commune, one year (all communes)',
      `SELECT unit_id, sum(received), sum(resolved_on_time) FROM dossier_month
        WHERE month >= DATE '2025-01-01' AND month < DATE '2026-01-01' GROUP BY unit_id`,
    ],
  ];
  const lines = ['| national roll-up | cold (ms) | warm median (ms) |', '|---|---:|---:|'];
  for (const [label, sql] of queries) {
    const [, cold] = await timed(() => nat.runAndReadAll(sql));
    const warm: number[] = [];
    for (let i = 0; i < RUNS; i++) warm.push((await timed(() => nat.runAndReadAll(sql)))[1]);
    lines.push(`| ${label} | ${cold.toFixed(0)} | ${median(warm).toFixed(0)} |`);
  }
  console.log(lines.join('\n'));
  console.log(`people in the national tier: ${nationalNow.people}; RSS after the queries ${mb(rss())}`);
  nat.closeSync();
}
