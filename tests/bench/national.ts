// npm run bench -- national: the whole country's numbers. Builds data/bench/national.duckdb once (11,165 communes of
// the census 2019, 60 months of aggregate tables; tests/bench/national-store.ts), starts the server on it in this
// process (its answer cache off), signed in as an admin of the whole country, and times the national and province
// roll-ups through the HTTP API beside the same statement straight on DuckDB: the first request of each shape and
// the median of RUNS warm ones. Also the server's start (time, RSS) on this store and one district's target warm-up
// (main.ts warms every district's targets at start). Prints a Markdown table.
//
// The units format has no level above the province, so no account can be bound to the whole country: this bench
// adds a unit `VN` (level 'country') to its own store with SQL, the 63 census provinces under it, and rebuilds
// unit_members with the importer's function. docs/scaling-national.md names the change the importer needs for it.
import { existsSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { LIST, VARCHAR, listValue, type DuckDBConnection } from '@duckdb/node-api';
import { rebuildUnitMembers } from '../../data/pipeline/import/load-units.ts';
import { openStore } from '../../data/pipeline/store.ts';
import { fullScope, type Scope } from '../../server/auth/scope.ts';
import { buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { openContext, type Context } from '../../server/context.ts';
import { composeIndicatorSql, composeKeyedSql, type Grain } from '../../server/indicators/compose.ts';
import { bindParams, type IndicatorDef } from '../../server/registry/index.ts';
import { signIn } from '../helpers/auth.ts';
import { buildNationalStore, NATIONAL_DB, readBuildReport } from './national-store.ts';

const RUNS = Number(process.env.IOC_BENCH_RUNS ?? 11);
export const COUNTRY = 'VN';

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const mb = (bytes: number) => Math.round(bytes / 2 ** 20);
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');

/** The unit of the whole country above the 63 provinces of the census (bench store only; see the header). */
async function ensureCountry(): Promise<void> {
  const { instance, connection } = await openStore(NATIONAL_DB);
  try {
    const r = await connection.runAndReadAll(`SELECT count(*)::INTEGER AS n FROM units WHERE unit_id = '${COUNTRY}'`);
    if (Number(r.getRowObjectsJson()[0].n) > 0) return;
    await connection.run('BEGIN TRANSACTION');
    await connection.run(`INSERT INTO units (unit_id, code, name, name_en, level, parent_id, valid_from, is_base)
      VALUES ('${COUNTRY}', '${COUNTRY}', 'Việt Nam', 'Viet Nam', 'country', NULL, DATE '2008-01-01', false)`);
    await connection.run(`UPDATE units SET parent_id = '${COUNTRY}'
      WHERE level = 'province' AND parent_id IS NULL AND unit_id NOT LIKE '%@%'`);
    await rebuildUnitMembers(connection);
    await connection.run('COMMIT');
    console.log(`added the unit ${COUNTRY} (level country) above the census provinces of ${NATIONAL_DB}`);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

export async function runNationalBench(): Promise<void> {
  if (!existsSync(NATIONAL_DB) || !readBuildReport()) {
    console.log(`building ${NATIONAL_DB} (load ${load()})`);
    await buildNationalStore();
  }
  await ensureCountry();
  const build = readBuildReport();
  console.log(`load average at start: ${load()}`);
  const rss0 = process.memoryUsage().rss;
  const t0 = performance.now();
  const config = {
    ...loadConfig({ ...process.env, IOC_DB: NATIONAL_DB, IOC_DEMO: 'false', IOC_CACHE: '0', LOG_LEVEL: 'warn' }),
    port: 0,
  };
  const ctx = await openContext(config);
  const tCtx = performance.now();
  const app = await buildApp(ctx, { logger: false });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const startMs = performance.now() - t0;
  const rssStart = process.memoryUsage().rss;
  console.log(
    `server start: ${startMs.toFixed(0)} ms (open the store and the unit directory ${(tCtx - t0).toFixed(0)} ms); ` +
      `RSS ${mb(rss0)} → ${mb(rssStart)} MB; units ${ctx.units.units.length}, base ${ctx.units.baseIds().length}`,
  );

  const conn = await ctx.instance.connect();
  const facts = (
    await conn.runAndReadAll(
      `SELECT (SELECT sum(population) FROM pop_month WHERE month = DATE '2022-01-01')::BIGINT::VARCHAR AS people_2022,
        (SELECT sum(population) FROM pop_month WHERE month = (SELECT max(month) FROM pop_month))::BIGINT::VARCHAR
          AS people_last,
        (SELECT count(*) FROM pop_month)::BIGINT::VARCHAR AS pop_rows,
        (SELECT count(*) FROM units WHERE level = 'commune' AND is_base)::VARCHAR AS communes`,
    )
  ).getRowObjectsJson()[0];
  console.log(`store: ${JSON.stringify(facts)}; ${mb(statSync(NATIONAL_DB).size)} MB on disk`);
  if (build) console.log(`build: ${JSON.stringify(build)}`);

  const { headers } = await signIn(app, ctx, { role: 'admin', unit: COUNTRY, username: 'bench.national' });
  const biggest = ctx.units.units
    .filter((u) => u.level === 'province' && u.unit_id.endsWith('@2025-07'))
    .map((u) => ({ id: u.unit_id, n: ctx.units.children(u.unit_id).length }))
    .sort((a, b) => b.n - a.n)[0];
  // the census province with the most communes, and its district with the most
  const largest = (ids: string[]) =>
    ids.sort((a, b) => ctx.units.members(b).length - ctx.units.members(a).length || a.localeCompare(b))[0];
  const province = ctx.units.get(largest(ctx.units.children(COUNTRY).map((u) => u.unit_id)))!;
  const district = ctx.units.get(largest(ctx.units.children(province.unit_id).map((u) => u.unit_id)))!;
  const nBase = (id: string) => ctx.units.members(id).filter((m) => ctx.units.get(m)?.level === 'commune').length;
  const shapes: { label: string; unit: string; by: Grain; from?: string; to?: string }[] = [
    { label: `whole country (${nBase(COUNTRY)} communes), by month`, unit: COUNTRY, by: 'month' },
    { label: 'whole country by province, one month', unit: COUNTRY, by: 'unit', from: '2026-12', to: '2026-12' },
    {
      label: `province ${province.unit_id} (${nBase(province.unit_id)} communes), by month`,
      unit: province.unit_id,
      by: 'month',
    },
    { label: `province ${province.unit_id} by district`, unit: province.unit_id, by: 'unit' },
    {
      label: `district ${district.unit_id} (${nBase(district.unit_id)} communes) by commune`,
      unit: district.unit_id,
      by: 'unit',
    },
    { label: `province ${biggest.id} (2025, ${biggest.n} communes) by commune`, unit: biggest.id, by: 'unit' },
  ];
  const indicators = ['population', 'pct_vneid_level2'];
  const lines = [
    '| indicator | request | API first (ms) | API median (ms) | DuckDB median (ms) | ratio |',
    '|---|---|---:|---:|---:|---:|',
  ];
  const scope = fullScope(ctx.units);
  const all: { api: number; db: number; first: number }[] = [];
  for (const id of indicators) {
    const def = ctx.registry.indicators.get(id)!;
    for (const shape of shapes) {
      const range = ctx.indicators.range(def, shape.from, shape.to);
      const url =
        `${address}/api/indicators/${def.id}?unit=${encodeURIComponent(shape.unit)}&by=${shape.by}` +
        `&from=${range.from}&to=${range.to}`;
      const groups = ctx.indicators.resolveGroups(shape.unit, shape.by, scope);
      const members = [...new Set(groups.flatMap((g) => ctx.units.members(g)))];
      const { values, types } = bindParams(def, {
        units: members,
        from: `${range.from}-01`,
        to: `${range.to}-01`,
        filters: {},
      });
      const sql = ctx.indicators.perturbs(def) ? composeKeyedSql(def) : composeIndicatorSql(def, shape.by);
      const statement = await conn.prepare(sql);
      const runDb = async () => {
        const t = performance.now();
        statement.bind({ ...values, groups: listValue(groups) }, { ...types, groups: LIST(VARCHAR) });
        await statement.runAndReadAll();
        return performance.now() - t;
      };
      let rows = 0;
      const runApi = async () => {
        const t = performance.now();
        const res = await fetch(url, { headers });
        const body = (await res.json()) as { rows?: unknown[] };
        if (!res.ok) throw new Error(`${url}: ${res.status} ${JSON.stringify(body)}`);
        rows = body.rows?.length ?? 0;
        return performance.now() - t;
      };
      const first = await runApi();
      await runDb();
      const db: number[] = [];
      const api: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        db.push(await runDb());
        api.push(await runApi());
      }
      statement.destroySync();
      const m = { api: median(api), db: median(db), first };
      all.push(m);
      lines.push(
        `| ${id} | ${shape.label} (${rows} rows) | ${first.toFixed(0)} | ${m.api.toFixed(1)} | ${m.db.toFixed(1)} | ` +
          `${(m.api / m.db).toFixed(2)} |`,
      );
    }
  }
  lines.push('', ...(await rollupSimulation(conn, ctx.registry.indicators.get('population')!, scope, ctx)));
  // main.ts warms every district's targets at start (its `tops`: the base units that are not communes)
  const tops = ctx.units.units.filter((u) => u.level !== 'commune' && u.is_base);
  const tw = performance.now();
  await ctx.targets.forUnit(district.unit_id, scope);
  const warmOne = performance.now() - tw;
  const targets = (await conn.runAndReadAll('SELECT count(*)::INTEGER AS n FROM targets')).getRowObjectsJson()[0].n;
  lines.push('');
  lines.push(
    `${all.length} requests, ${RUNS} warm runs each: API medians ${median(all.map((m) => m.api)).toFixed(0)} ms ` +
      `(slowest ${Math.max(...all.map((m) => m.api)).toFixed(0)} ms, first requests up to ` +
      `${Math.max(...all.map((m) => m.first)).toFixed(0)} ms); ratio median ` +
      `${median(all.map((m) => m.api / m.db)).toFixed(2)}; over 1 s: ${all.filter((m) => m.api > 1000).length}.`,
  );
  lines.push(
    `Server start ${startMs.toFixed(0)} ms, RSS after start ${mb(rssStart)} MB, after the requests ` +
      `${mb(process.memoryUsage().rss)} MB (peak ${Math.round(process.resourceUsage().maxRSS / 1024)} MB). ` +
      `Warm-up of main.ts: ${tops.length} units; one district's targets ${warmOne.toFixed(0)} ms ` +
      `(≈ ${((tops.length * warmOne) / 1000).toFixed(0)} s for all; the store has ${String(targets)} targets). ` +
      `Load average ${load()}.`,
  );
  console.log(lines.join('\n'));
  conn.closeSync();
  await app.close();
  await ctx.close();
}

/**
 * A simulation of the change docs/scaling-national.md proposes: the population cube summed by province (counts and
 * their cell keys, which add up exactly: a group's key is the sum of its members' keys modulo 2^24), and the national
 * series read from it instead of pop_month. Same statement, same published cells (checked), far fewer rows.
 */
async function rollupSimulation(
  conn: DuckDBConnection,
  def: IndicatorDef,
  scope: Scope,
  ctx: Context,
): Promise<string[]> {
  const t = performance.now();
  await conn.run(`CREATE OR REPLACE TEMP TABLE pop_rollup AS
    SELECT um.group_id AS unit_id, p.month, p.sex, p.age_group, p.residence,
      sum(p.population)::INTEGER AS population, sum(p.population_key)::BIGINT AS population_key
    FROM pop_month p JOIN unit_members um ON um.member_id = p.unit_id
    JOIN units u ON u.unit_id = um.group_id AND u.level = 'province' AND u.parent_id = '${COUNTRY}'
    GROUP BY ALL`);
  const buildMs = performance.now() - t;
  const rolled = Number(
    (await conn.runAndReadAll('SELECT count(*)::BIGINT AS n FROM pop_rollup')).getRowObjectsJson()[0].n,
  );
  const range = ctx.indicators.range(def);
  const groups = ctx.indicators.resolveGroups(COUNTRY, 'month', scope);
  const provinces = ctx.units.children(COUNTRY).map((u) => u.unit_id);
  const sql = composeKeyedSql(def);
  const time = async (text: string, units: string[]) => {
    const { values, types } = bindParams(def, { units, from: `${range.from}-01`, to: `${range.to}-01`, filters: {} });
    const st = await conn.prepare(text);
    const walls: number[] = [];
    const cpus: number[] = [];
    let out = '';
    for (let i = 0; i < RUNS; i++) {
      const c0 = process.cpuUsage();
      const w0 = performance.now();
      st.bind({ ...values, groups: listValue(groups) }, { ...types, groups: LIST(VARCHAR) });
      out = JSON.stringify((await st.runAndReadAll()).getRowObjectsJson());
      walls.push(performance.now() - w0);
      const cu = process.cpuUsage(c0);
      cpus.push((cu.user + cu.system) / 1000);
    }
    st.destroySync();
    return { wall: median(walls), cpu: median(cpus), out };
  };
  const a = await time(sql, ctx.units.members(COUNTRY));
  const b = await time(sql.replace(/FROM pop_month/g, 'FROM pop_rollup'), provinces);
  return [
    `Simulation, population of the whole country by month (DuckDB alone): pop_month ${a.wall.toFixed(0)} ms ` +
      `(CPU ${a.cpu.toFixed(0)} ms); a province roll-up of ${rolled} rows (built in ${buildMs.toFixed(0)} ms) ` +
      `${b.wall.toFixed(0)} ms (CPU ${b.cpu.toFixed(0)} ms); same published cells: ${a.out === b.out}.`,
  ];
}
