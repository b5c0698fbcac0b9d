// npm run bench: builds a province-scale store (Hải Dương, 265 communes, ~1.9 M people,
// ~10 M dossiers) once, then times every indicator through the HTTP API and the same SQL
// straight on DuckDB, and prints the medians and their ratio as a Markdown table.
// `npm run bench -- live` measures the live path instead (tests/bench/live.ts); `npm run bench -- disclosure` the
// protection and utility of the cell-key method (tests/bench/disclosure.ts); `npm run bench -- import` an import
// through the server while clients read (tests/bench/import.ts); `npm run bench -- index766` the Decision 766 score of
// every commune (tests/bench/index766.ts); `npm run bench -- briefs` the leader's briefs of the 19 communes and the
// district on the demo store, and their PDFs (tests/bench/briefs.ts); `npm run bench -- bulk` a province's population
// cube for five years as Parquet over HTTP (tests/bench/bulk.ts).
import { fullScope } from '../../server/auth/scope.ts';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { mkdir, rm } from 'node:fs/promises';
import { LIST, VARCHAR, listValue } from '@duckdb/node-api';
import { CELL_KEYS_MARKER } from '../../data/pipeline/cell-key.ts';
import { generateDemo } from '../../data/pipeline/generate/index.ts';
import { importFolder } from '../../data/pipeline/import/index.ts';
import { openStore } from '../../data/pipeline/store.ts';
import { buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { openContext } from '../../server/context.ts';
import { composeIndicatorSql, composeKeyedSql, type Grain } from '../../server/indicators/compose.ts';
import { bindParams } from '../../server/registry/index.ts';
import { AGE_GROUPS } from '../../server/forecast/defaults.ts';
import { PYRAMID_INDICATOR, PYRAMID_SEXES } from '../../server/indicators/service.ts';
import { signIn } from '../helpers/auth.ts';

const DB = process.env.IOC_BENCH_DB ?? 'data/bench/province.duckdb';
const FILES = 'data/bench/files';
const RUNS = Number(process.env.IOC_BENCH_RUNS ?? 21);
const DOSSIER_SCALE = Number(process.env.IOC_BENCH_DOSSIER_SCALE ?? 1);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** A store built before the cubes had cell keys (all 0) is not the one the server now reads: build it again. */
async function storeIsCurrent(): Promise<boolean> {
  if (!existsSync(DB)) return false;
  const { instance, connection } = await openStore(DB, { readOnly: true });
  try {
    const r = await connection.runAndReadAll(
      `SELECT count(*)::INTEGER AS n FROM store_meta WHERE key = '${CELL_KEYS_MARKER}'`,
    );
    // and one generated with the Decision 766 fields (petitions exist since then)
    const p = await connection.runAndReadAll(
      `SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE table_name = 'petitions' AND estimated_size > 0`,
    );
    if (Number(r.getRowObjectsJson()[0].n) > 0 && Number(p.getRowObjectsJson()[0].n) > 0) return true;
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
  console.log(`${DB} was built before cell keys or the Decision 766 fields: building it again`);
  await rm(DB, { force: true });
  await rm(`${DB}.wal`, { force: true });
  return false;
}

async function buildStore(): Promise<void> {
  if (await storeIsCurrent()) return;
  await mkdir('data/bench', { recursive: true });
  let t = Date.now();
  const summary = await generateDemo({ outDir: FILES, universe: 'hai-duong', dossierScale: DOSSIER_SCALE });
  console.log(`generated the province files in ${((Date.now() - t) / 1000).toFixed(1)} s: ${JSON.stringify(summary)}`);
  t = Date.now();
  const { instance, connection } = await openStore(DB);
  const report = await importFolder(connection, FILES);
  connection.closeSync();
  instance.closeSync();
  if (!report.ok) throw new Error(`bench import failed: ${JSON.stringify(report.errors.slice(0, 5))}`);
  console.log(`imported in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  await rm(FILES, { recursive: true, force: true });
}

async function main(): Promise<void> {
  if (process.argv[2] === 'live') {
    // npm run bench -- live: the live path (tests/bench/live.ts)
    const { runLiveBench } = await import('./live.ts');
    return runLiveBench();
  }
  if (process.argv[2] === 'federation') {
    // npm run bench -- federation: the national tier over province nodes' cubes (tests/bench/federation.ts)
    const { runFederationBench } = await import('./federation.ts');
    return runFederationBench();
  }
  if (process.argv[2] === 'disclosure') {
    // npm run bench -- disclosure: protection, utility and target statuses of the cell-key method
    const { runDisclosureBench } = await import('./disclosure.ts');
    return runDisclosureBench();
  }
  if (process.argv[2] === 'hcmc') {
    // npm run bench -- hcmc: a store the size of Hồ Chí Minh City after 2025, its panels cold and warm (tests/bench/hcmc.ts)
    const { runHcmcBench } = await import('./hcmc.ts');
    return runHcmcBench();
  }
  if (process.argv[2] === 'overview') {
    // npm run bench -- overview: one Overview page load's API time, before and after GET /api/overview
    const { runOverviewBench } = await import('./overview.ts');
    return runOverviewBench(DB);
  }
  if (process.argv[2] === 'briefs') {
    // npm run bench -- briefs: the leader's briefs, one and all 20 of the demo district, and their PDFs
    const { runBriefsBench } = await import('./briefs.ts');
    return runBriefsBench();
  }
  if (process.argv[2] === 'import') {
    // npm run bench -- import: an import through the server while 50 clients read (tests/bench/import.ts)
    const { runImportBench } = await import('./import.ts');
    await runImportBench();
    return;
  }
  if (process.argv[2] === 'bulk') {
    // npm run bench -- bulk: a province's population cube for five years as Parquet over HTTP (tests/bench/bulk.ts)
    const { runBulkBench } = await import('./bulk.ts');
    return runBulkBench(DB);
  }
  if (process.argv[2] === 'national') {
    // npm run bench -- national: the whole country's aggregate cubes and roll-ups (tests/bench/national.ts)
    const { runNationalBench } = await import('./national.ts');
    return runNationalBench();
  }
  await buildStore();
  const config = {
    ...loadConfig({ ...process.env, IOC_DB: DB, IOC_DEMO: 'false', IOC_CACHE: '0', LOG_LEVEL: 'warn' }),
    port: 0,
  };
  const ctx = await openContext(config);
  const app = await buildApp(ctx, { logger: false });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const conn = await ctx.instance.connect();
  const counts = (
    await conn.runAndReadAll(
      `SELECT (SELECT sum(population)::BIGINT FROM pop_month WHERE month = (SELECT max(month) FROM pop_month))::VARCHAR AS people,
            (SELECT count(*) FROM dossiers)::VARCHAR AS dossiers,
            (SELECT count(*) FROM units WHERE level = 'commune' AND is_base)::VARCHAR AS communes`,
    )
  ).getRowObjectsJson()[0];
  console.log(
    `store: ${JSON.stringify(counts)}; ${RUNS} runs per query after 3 warm-ups; API over HTTP on loopback with its cache off, ` +
      `Accept-Encoding ${process.env.IOC_BENCH_ENCODING ?? "gzip, deflate, br (fetch's own)"}`,
  );

  const province = ctx.units.units.find((u) => u.level === 'province')!.unit_id;
  const district = ctx.units.children(province)[0].unit_id;
  // the API as a signed-in admin of the province: session, scope and the audit record are part of the cost
  const signed = await signIn(app, ctx, { role: 'admin', unit: province });
  // IOC_BENCH_ENCODING=identity asks for uncompressed answers; by default fetch asks for br/gzip, as a browser does
  const encoding = process.env.IOC_BENCH_ENCODING;
  const headers = encoding ? { ...signed.headers, 'accept-encoding': encoding } : signed.headers;
  if (process.argv[2] === 'index766') {
    // npm run bench -- index766: the Decision 766 score of every commune (tests/bench/index766.ts)
    const { runIndex766Bench } = await import('./index766.ts');
    await runIndex766Bench(ctx, address, headers, Math.min(RUNS, 7));
    await app.close();
    await ctx.close();
    return;
  }
  const shapes: { label: string; unit: string; by: Grain }[] = [
    { label: `province ${province}, by month`, unit: province, by: 'month' },
    { label: `district ${district}, by commune`, unit: district, by: 'unit' },
  ];
  /** Medians of RUNS runs after 3 warm-ups of DuckDB's statement and the API request, interleaved. */
  const timePair = async (db: () => Promise<void>, url: string) => {
    const runDb = async () => {
      const t = performance.now();
      await db();
      return performance.now() - t;
    };
    const runApi = async () => {
      const t = performance.now();
      const res = await fetch(url, { headers });
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
      return performance.now() - t;
    };
    for (let i = 0; i < 3; i++) {
      await runDb();
      await runApi();
    }
    const dbs: number[] = [];
    const api: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      dbs.push(await runDb());
      api.push(await runApi());
    }
    return { api: median(api), db: median(dbs) };
  };
  const lines = ['| indicator | request | API median (ms) | DuckDB median (ms) | ratio |', '|---|---|---:|---:|---:|'];
  const all: { api: number; db: number }[] = [];
  const scope = fullScope(ctx.units);
  for (const def of ctx.registry.list()) {
    for (const shape of shapes) {
      const { from, to } = ctx.indicators.range(def);
      const url = `${address}/api/indicators/${def.id}?unit=${shape.unit}&by=${shape.by}&from=${from}&to=${to}`;
      const groups = ctx.indicators.resolveGroups(shape.unit, shape.by, scope);
      const members = [...new Set(groups.flatMap((g) => ctx.units.members(g)))];
      const { values, types } = bindParams(def, { units: members, from: `${from}-01`, to: `${to}-01`, filters: {} });
      // DuckDB's best case: the statement the API runs (month by month with cell keys for a perturbed indicator,
      // rolled to periods in SQL otherwise), prepared once, as the API's pool does
      const sql = ctx.indicators.perturbs(def) ? composeKeyedSql(def) : composeIndicatorSql(def, shape.by);
      const statement = await conn.prepare(sql);
      const m = await timePair(async () => {
        statement.bind({ ...values, groups: listValue(groups) }, { ...types, groups: LIST(VARCHAR) });
        await statement.runAndReadAll();
      }, url);
      all.push(m);
      statement.destroySync();
      lines.push(
        `| ${def.id} | ${shape.label} | ${m.api.toFixed(1)} | ${m.db.toFixed(1)} | ${(m.api / m.db).toFixed(2)} |`,
      );
    }
  }
  {
    // the age pyramid (GET /api/population/pyramid): 36 cells in one statement, as the service runs it
    const def = ctx.indicators.indicator(PYRAMID_INDICATOR);
    const month = ctx.indicators.range(def).to;
    const members = ctx.units.members(district);
    const { values, types } = bindParams(def, { units: members, from: `${month}-01`, to: `${month}-01`, filters: {} });
    for (const name of ['sex', 'age_min', 'age_max']) {
      delete values[name];
      delete types[name];
    }
    const statement = await conn.prepare(composeKeyedSql(def, AGE_GROUPS, PYRAMID_SEXES));
    const url = `${address}/api/population/pyramid?unit=${district}&month=${month}`;
    const m = await timePair(async () => {
      statement.bind({ ...values, groups: listValue([district]) }, { ...types, groups: LIST(VARCHAR) });
      await statement.runAndReadAll();
    }, url);
    statement.destroySync();
    all.push(m);
    lines.push(
      `| (pyramid) | district ${district}, ${month}, sex × age | ${m.api.toFixed(1)} | ${m.db.toFixed(1)} | ${(m.api / m.db).toFixed(2)} |`,
    );
  }
  const ratios = all.map((m) => m.api / m.db);
  lines.push('');
  lines.push(
    `${all.length} requests: API median of medians ${median(all.map((m) => m.api)).toFixed(1)} ms, slowest ${Math.max(...all.map((m) => m.api)).toFixed(1)} ms; ` +
      `ratio median ${median(ratios).toFixed(2)}, max ${Math.max(...ratios).toFixed(2)}, ` +
      `above 1.3: ${ratios.filter((r) => r > 1.3).length} of ${ratios.length}; ` +
      `requests over 100 ms: ${all.filter((m) => m.api > 100).length}; load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}.`,
  );
  console.log(lines.join('\n'));
  conn.closeSync();
  await app.close();
  await ctx.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
