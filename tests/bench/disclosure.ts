// npm run bench -- disclosure: what the cell-key method (docs/disclosure.md, issue 14) costs and buys, as Markdown.
// Protection: the differencing attacker of tests/helpers/disclosure-attack.ts, as the district leader over every
// indicator with disclosure control and every commune of the demo store. Utility: published versus exact counts by
// size (commune months, commune and district totals) and rates by base, computed inside the server (the same
// publishedMonths every answer is made of, checked against the API's answers), and the targets whose status changes
// versus the exact figures (the same outlook code on the exact months), at district and commune level. Speed: the
// API ÷ DuckDB ratio on the demo store with cellkey and with suppress. At province scale (data/bench/province.duckdb,
// built by `npm run bench`; never built here) utility and statuses, and a sampled attack on one district.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { LIST, VARCHAR, listValue } from '@duckdb/node-api';
import { buildApp } from '../../server/app.ts';
import { fullScope, scopeOfUnit, type Scope } from '../../server/auth/scope.ts';
import { loadConfig } from '../../server/config.ts';
import { domainDataDate, openContext, type Context } from '../../server/context.ts';
import { composeIndicatorSql } from '../../server/indicators/compose.ts';
import { periodRows, indicatorValue, type RawRow } from '../../server/indicators/service.ts';
import { bindParams, type IndicatorDef } from '../../server/registry/index.ts';
import { targetOutlook } from '../../server/targets/outlook.ts';
import { judgedCells, judgedSeries } from '../../server/targets/series.ts';
import { applies, loadTargets, type TargetDef } from '../../server/targets/service.ts';
import { openStore } from '../../data/pipeline/store.ts';
import { cubesKeyed } from '../../data/pipeline/cell-key.ts';
import { buildDemoStore } from '../helpers/demo-store.ts';
import { signIn } from '../helpers/auth.ts';
import { attackReport, countParts, protectionSummary, runAttack } from '../helpers/disclosure-attack.ts';

const DEMO_DISTRICT = '291';
const PROVINCE_DB = process.env.IOC_BENCH_DB ?? 'data/bench/province.duckdb';
const SPEED_RUNS = 15;

const say = (s = '') => console.log(s);
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const table = (head: string[], rows: (string | number)[][]) =>
  [
    `| ${head.join(' | ')} |`,
    `|${head.map((_, i) => (i ? '---:' : '---')).join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
const config = (db: string, method: 'cellkey' | 'suppress', cache = '500') =>
  loadConfig({
    IOC_DB: db,
    IOC_DEMO: 'false',
    LOG_LEVEL: 'silent',
    IOC_MAX_LAG_MS: '60000',
    IOC_POOL: '4',
    IOC_CACHE: cache,
    IOC_DISCLOSURE: method,
  });

// ---------------------------------------------------------------------------------------------------------------
// Utility: published versus exact

const SIZES: [string, (t: number) => boolean][] = [
  ['0', (t) => t === 0],
  ['1–4', (t) => t >= 1 && t <= 4],
  ['5–9', (t) => t >= 5 && t <= 9],
  ['10–49', (t) => t >= 10 && t <= 49],
  ['50–99', (t) => t >= 50 && t <= 99],
  ['100–999', (t) => t >= 100 && t <= 999],
  ['1000+', (t) => t >= 1000],
];

interface Pair {
  truth: number;
  published: number;
}
const relError = (p: Pair) => Math.abs(p.published - p.truth) / p.truth;
interface RatePair {
  base: number;
  error: number;
  unit: string;
}

/** Published versus exact rows of one level (units × months, or units × the whole range). */
function pairRows(
  ctx: Context,
  def: IndicatorDef,
  published: RawRow[],
  exact: RawRow[],
  counts: Pair[],
  rates: RatePair[],
  withheld: { n: number },
): void {
  const pub = new Map(published.map((r) => [`${r.unit}|${r.period}`, r]));
  const parts = countParts(def);
  for (const e of exact) {
    const p = pub.get(`${e.unit}|${e.period}`) ?? { numerator: 0, denominator: 0 };
    const hidden = ctx.indicators.withheld(def, p);
    if (hidden) {
      withheld.n++;
      continue;
    }
    for (const part of parts) {
      const k = part === 'n' ? 'numerator' : 'denominator';
      counts.push({ truth: e[k] ?? 0, published: p[k] ?? 0 });
    }
    if (def.meta.disclosure === 'rate') {
      const a = indicatorValue(p.numerator, p.denominator, def.meta.scale);
      const b = indicatorValue(e.numerator, e.denominator, def.meta.scale);
      if (a !== null && b !== null)
        rates.push({ base: e.denominator ?? 0, error: Math.abs(a - b), unit: def.meta.unit });
    }
  }
}

interface Level {
  label: string;
  groups: string[];
  /** whole range (a total) or months */
  total: boolean;
}

async function utility(ctx: Context, levels: Level[], scope: Scope): Promise<string> {
  const defs = ctx.registry.list().filter((d) => ctx.indicators.perturbs(d));
  const out: string[] = [];
  const countRows: (string | number)[][] = [];
  const rateRows: (string | number)[][] = [];
  let checked = 0;
  for (const level of levels) {
    const counts: Pair[] = [];
    const rates: RatePair[] = [];
    const withheld = { n: 0 };
    for (const def of defs) {
      const { from, to } = ctx.indicators.range(def);
      const monthly = await ctx.indicators.publishedMonths(def, level.groups, from, to, {}, scope);
      const published = level.total ? periodRows(def, monthly, 'total', from) : monthly;
      const exact = await ctx.indicators.raw(def, level.groups, from, to, level.total ? 'total' : 'month', {}, scope);
      pairRows(ctx, def, published, exact, counts, rates, withheld);
      checked++;
    }
    for (const [size, test] of SIZES) {
      const xs = counts.filter((p) => test(p.truth));
      if (xs.length === 0) continue;
      const err = xs.map((p) => Math.abs(p.published - p.truth));
      const pos = xs.filter((p) => p.truth > 0);
      countRows.push([
        level.label,
        size,
        xs.length,
        (err.reduce((s, x) => s + x, 0) / xs.length).toFixed(2),
        pos.length ? `${((100 * pos.reduce((s, p) => s + relError(p), 0)) / pos.length).toFixed(2)} %` : '–',
        err.reduce((m, x) => Math.max(m, x), 0),
        `${((100 * xs.filter((p) => p.published === p.truth).length) / xs.length).toFixed(1)} %`,
      ]);
    }
    for (const [size, test] of SIZES.slice(1)) {
      for (const unit of ['percent', 'ratio_per_100']) {
        const xs = rates.filter((r) => test(r.base) && r.unit === unit);
        if (xs.length === 0) continue;
        rateRows.push([
          level.label,
          unit === 'percent' ? 'percentage points' : 'per 100',
          size,
          xs.length,
          (xs.reduce((s, r) => s + r.error, 0) / xs.length).toFixed(2),
          median(xs.map((r) => r.error)).toFixed(2),
          xs.reduce((m, r) => Math.max(m, r.error), 0).toFixed(1),
        ]);
      }
    }
    rateRows.push([level.label, 'rates withheld (published base below k)', '', withheld.n, '', '', '']);
  }
  out.push(
    `${defs.length} indicators with disclosure control, ${checked} level × indicator reads; every count part ` +
      '(numerator and denominator of rates) shown, by its true size:\n',
  );
  out.push(
    table(['cells', 'true count', 'n', 'mean abs. error', 'mean rel. error', 'max abs. error', 'exact'], countRows),
  );
  out.push('\nRates shown (value published ÷ exact), by true base:\n');
  out.push(table(['cells', 'error in', 'true base', 'n', 'mean abs. error', 'median', 'max'], rateRows));
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------------------------------
// Target statuses: published versus exact

function targetFilters(t: TargetDef, def: IndicatorDef): Record<string, string> {
  return (def.meta.filters as string[]).includes('procedure_level') && t.level !== 'all'
    ? { procedure_level: t.level }
    : {};
}

interface Status {
  unit: string;
  target: string;
  exact: string;
  published: string;
}

/**
 * Every target of every unit: its status on the exact months and on the published months (the TargetService's
 * rule: server/targets/service.ts evaluate, with the same outlook and withholding), for many units at once.
 */
async function statuses(ctx: Context, units: string[], scope: Scope): Promise<Status[]> {
  const targets = await ctx.pool.use(loadTargets);
  const out: Status[] = [];
  const memo = new Map<string, Promise<[RawRow[], RawRow[]]>>();
  for (const t of targets) {
    const def = ctx.registry.indicators.get(t.indicator);
    const mine = units.filter((u) => applies(t, ctx.units.get(u)!));
    if (!def || mine.length === 0) continue;
    const filters = targetFilters(t, def);
    const { from, to } = ctx.indicators.range(def);
    const key = `${def.id}|${JSON.stringify(filters)}`;
    if (!memo.has(key))
      memo.set(
        key,
        Promise.all([
          ctx.indicators.judgedMonths(def, units, from, to, filters, scope),
          ctx.indicators.raw(def, units, from, to, 'month', filters, scope),
        ]),
      );
    const [published, exact] = await memo.get(key)!;
    const today = domainDataDate(ctx.info, def.domain);
    const judge = (rows: RawRow[], withhold: boolean) => {
      const outlook = targetOutlook({
        series: judgedSeries(rows, def.meta),
        comparator: t.comparator,
        target: t.target,
        deadline: t.deadline,
        today,
        share: t.unit === 'percent',
      });
      const cell = judgedCells(rows, def.meta).find((c) => c.month === outlook.value_month);
      return withhold && cell !== undefined && ctx.indicators.withheld(def, cell) ? 'suppressed' : outlook.status;
    };
    for (const u of mine)
      out.push({
        unit: u,
        target: t.target_id,
        exact: judge(
          exact.filter((r) => r.unit === u),
          false,
        ),
        published: judge(
          published.filter((r) => r.unit === u),
          true,
        ),
      });
  }
  return out;
}

function statusTable(levels: [string, Status[]][]): string {
  const rows = levels.map(([label, xs]) => {
    const changed = xs.filter((s) => s.exact !== s.published);
    const moves = new Map<string, number>();
    for (const s of changed)
      moves.set(`${s.exact} → ${s.published}`, (moves.get(`${s.exact} → ${s.published}`) ?? 0) + 1);
    return [
      label,
      new Set(xs.map((s) => s.unit)).size,
      xs.length,
      changed.length,
      changed.filter((s) => s.published === 'suppressed').length,
      [...moves.entries()].map(([k, n]) => `${k} ×${n}`).join('; ') || '–',
    ];
  });
  return table(['level', 'units', 'target statuses', 'changed', 'of which withheld', 'changes'], rows);
}

// ---------------------------------------------------------------------------------------------------------------
// Speed: API ÷ DuckDB with each method

async function speed(db: string): Promise<string> {
  const rows: (string | number)[][] = [];
  const ratios: Record<string, number[]> = { cellkey: [], suppress: [] };
  const shapes = [
    { id: 'births', unit: DEMO_DISTRICT, by: 'month', q: '' },
    { id: 'deaths', unit: DEMO_DISTRICT, by: 'unit', q: '' },
    { id: 'population', unit: '10633', by: 'month', q: '&age_min=60' },
    { id: 'count_vneid_accounts', unit: DEMO_DISTRICT, by: 'unit', q: '' },
    { id: 'pct_resolved_on_time', unit: DEMO_DISTRICT, by: 'unit', q: '' },
    { id: 'pct_online_dossiers', unit: DEMO_DISTRICT, by: 'quarter', q: '' },
  ] as const;
  for (const method of ['cellkey', 'suppress'] as const) {
    const ctx = await openContext(config(db, method, '0'));
    const app = await buildApp(ctx, { logger: false });
    const { headers } = await signIn(app, ctx, { role: 'leader', unit: DEMO_DISTRICT });
    const conn = await ctx.instance.connect();
    const scope = scopeOfUnit(ctx.units, DEMO_DISTRICT);
    for (const s of shapes) {
      const def = ctx.indicators.indicator(s.id);
      const { from, to } = ctx.indicators.range(def);
      const groups = ctx.indicators.resolveGroups(s.unit, s.by, scope);
      const members = [...new Set(groups.flatMap((g) => ctx.units.members(g)))];
      const filters = s.q ? { age_min: 60 } : {};
      const { values, types } = bindParams(def, { units: members, from: `${from}-01`, to: `${to}-01`, filters });
      const statement = await conn.prepare(composeIndicatorSql(def, s.by));
      const runDb = async () => {
        const t = performance.now();
        statement.bind({ ...values, groups: listValue(groups) }, { ...types, groups: LIST(VARCHAR) });
        await statement.runAndReadAll();
        return performance.now() - t;
      };
      const url = `/api/indicators/${s.id}?unit=${s.unit}&by=${s.by}&from=${from}&to=${to}${s.q}`;
      const runApi = async () => {
        const t = performance.now();
        const res = await app.inject({ method: 'GET', url, headers });
        if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode}`);
        return performance.now() - t;
      };
      for (let i = 0; i < 3; i++) await Promise.all([runDb(), runApi()]);
      const dbMs: number[] = [];
      const apiMs: number[] = [];
      for (let i = 0; i < SPEED_RUNS; i++) {
        dbMs.push(await runDb());
        apiMs.push(await runApi());
      }
      const r = median(apiMs) / median(dbMs);
      ratios[method].push(r);
      rows.push([
        method,
        `${s.id} unit=${s.unit} by=${s.by}${s.q}`,
        median(apiMs).toFixed(1),
        median(dbMs).toFixed(1),
        r.toFixed(2),
      ]);
    }
    conn.closeSync();
    await app.close();
    await ctx.close();
  }
  return [
    `Demo store, ${SPEED_RUNS} runs after 3 warm-ups, API through inject() with its cache off, DuckDB: the exact ` +
      'statement prepared once (as `npm run bench`).\n',
    table(['method', 'request', 'API median (ms)', 'DuckDB median (ms)', 'ratio'], rows),
    `\nratio median: cellkey ${median(ratios.cellkey).toFixed(2)}, suppress ${median(ratios.suppress).toFixed(2)}. ` +
      'The ratio of record is the province bench (`npm run bench`).',
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------------------------

/** Every level of a district-and-communes store (or a province): the rows the utility tables are made of. */
function levelsOf(ctx: Context, districts: string[]): Level[] {
  const communes = districts.flatMap((d) =>
    ctx.units
      .children(d)
      .filter((u) => u.is_base)
      .map((u) => u.unit_id),
  );
  return [
    { label: 'commune × month', groups: communes, total: false },
    { label: 'commune total', groups: communes, total: true },
    { label: 'district × month', groups: districts, total: false },
    { label: 'district total', groups: districts, total: true },
  ];
}

async function demo(): Promise<void> {
  let t = Date.now();
  const { db } = await buildDemoStore(join('tests', '.tmp', 'bench-disclosure'));
  say(`Demo store (seed 7, 2022) built in ${((Date.now() - t) / 1000).toFixed(1)} s.\n`);
  const ctx = await openContext(config(db, 'cellkey'));
  const app = await buildApp(ctx, { logger: false });
  try {
    const leader = await signIn(app, ctx, { role: 'leader', unit: DEMO_DISTRICT });
    const attack = await runAttack({
      app,
      ctx,
      headers: leader.headers,
      district: DEMO_DISTRICT,
      ageTargets: ['population', 'deaths', 'moves_in', 'moves_out', 'count_vneid_accounts'],
    });
    say(attackReport(attack, `Protection: demo store, district ${DEMO_DISTRICT} and its communes`));
    const s = protectionSummary(attack.cells);
    const goal = Math.max(s.exactMean, s.exactMode, s.exactDirect) <= 0.25 * s.small;
    say(
      `\nGoal (true 1–4 recovered exactly in at most a quarter of cells, by each estimator): ` +
        `${goal ? 'met' : 'NOT met'}.`,
    );

    t = Date.now();
    const scope = scopeOfUnit(ctx.units, DEMO_DISTRICT);
    say(`\n### Utility: demo store\n`);
    // the utility is read inside the server: first check it is what the API answered the attacker
    const levels = levelsOf(ctx, [DEMO_DISTRICT]);
    let same = 0;
    let compared = 0;
    for (const id of attack.indicators) {
      const def = ctx.indicators.indicator(id);
      const { from, to } = ctx.indicators.range(def);
      const monthly = await ctx.indicators.publishedMonths(def, levels[0].groups, from, to, {}, scope);
      const byKey = new Map(monthly.map((r) => [`${r.unit}|${r.period.slice(0, 7)}`, r]));
      for (const c of attack.cells.filter((x) => x.indicator === id && x.group === null && x.direct !== null)) {
        const r = byKey.get(`${c.unit}|${c.month}`);
        const v = r ? (c.part === 'n' ? r.numerator : r.denominator) : 0;
        compared++;
        if (v === c.direct) same++;
      }
    }
    say(`(The server's published monthly cells equal what the API answered the attacker in ${same} of ${compared}.)\n`);
    say(await utility(ctx, levels, scope));
    const communes = levels[0].groups;
    const st = await statuses(ctx, [DEMO_DISTRICT, ...communes], scope);
    // the rule replayed here must be the API's: every published status against GET /api/targets
    let agree = 0;
    for (const u of [DEMO_DISTRICT, ...communes]) {
      const res = await app.inject({ method: 'GET', url: `/api/targets?unit=${u}`, headers: leader.headers });
      const api = new Map(
        res.json<{ targets: { target_id: string; status: string }[] }>().targets.map((x) => [x.target_id, x.status]),
      );
      for (const x of st.filter((y) => y.unit === u)) if (api.get(x.target) === x.published) agree++;
    }
    say(`\n**Target statuses, published versus exact** (demo store)\n`);
    say(
      statusTable([
        ['district', st.filter((x) => x.unit === DEMO_DISTRICT)],
        ['commune', st.filter((x) => x.unit !== DEMO_DISTRICT)],
      ]),
    );
    say(
      `\n(Published statuses as GET /api/targets answers them: ${agree} of ${st.length} agree with the rule replayed ` +
        `here. Utility and statuses took ${((Date.now() - t) / 1000).toFixed(1)} s.)`,
    );
  } finally {
    await app.close();
    await ctx.close();
  }
  say(`\n### Speed\n`);
  say(await speed(db));
}

/** The province-scale part alone (any store of several districts: IOC_BENCH_DB, or the one given). */
export async function runProvinceDisclosureBench(db = PROVINCE_DB): Promise<void> {
  say(`\n### Province scale (${db})\n`);
  if (!existsSync(db)) {
    say('Skipped: the province store does not exist (`npm run bench` builds it).');
    return;
  }
  const { instance, connection } = await openStore(db, { readOnly: true });
  const keyed = await cubesKeyed(connection);
  connection.closeSync();
  instance.closeSync();
  if (!keyed) {
    say(
      'Skipped: the province store predates the record keys (no `cell_keys` mark in store_meta: its cell keys are ' +
        'all 0, so every count would be perturbed alike). Rebuild it: ' +
        '`rm data/bench/province.duckdb && npm run bench`.',
    );
    return;
  }
  let t = Date.now();
  const ctx = await openContext(config(db, 'cellkey'));
  const app = await buildApp(ctx, { logger: false });
  try {
    const provinceId = ctx.units.units.find((u) => u.level === 'province')!.unit_id;
    // the districts of today (base units with their own records), else every district of the province
    const kids = ctx.units.children(provinceId);
    const districts = (kids.some((u) => u.is_base) ? kids.filter((u) => u.is_base) : kids).map((u) => u.unit_id);
    const scope = fullScope(ctx.units);
    const levels = levelsOf(ctx, districts);
    say(`${districts.length} districts, ${levels[0].groups.length} communes.\n`);
    say(await utility(ctx, levels, scope));
    const st = await statuses(ctx, [...districts, ...levels[0].groups], scope);
    say(`\n**Target statuses, published versus exact** (province store)\n`);
    say(
      statusTable([
        ['district', st.filter((x) => districts.includes(x.unit))],
        ['commune', st.filter((x) => !districts.includes(x.unit))],
      ]),
    );
    say(`\n(Utility and statuses took ${((Date.now() - t) / 1000).toFixed(1)} s.)`);
    t = Date.now();
    const district = districts[0];
    const leader = await signIn(app, ctx, { role: 'leader', unit: district });
    const ids = ['deaths', 'births', 'moves_in', 'dossiers_overdue', 'pct_resolved_on_time', 'bundles_started'];
    const { to } = ctx.indicators.range(ctx.indicators.indicator('deaths'));
    const attack = await runAttack({
      app,
      ctx,
      headers: leader.headers,
      district,
      indicators: ids.filter((id) => ctx.registry.indicators.has(id)),
      months: [to],
      timeFroms: 3,
      ageTargets: ['deaths'],
      ageMonths: [to],
    });
    say('');
    say(attackReport(attack, `Protection at province scale, sampled: district ${district}, month ${to}`));
  } finally {
    await app.close();
    await ctx.close();
  }
}

/** Prints the disclosure bench as Markdown (see the file's head). */
export async function runDisclosureBench(): Promise<void> {
  const t = Date.now();
  say('## Disclosure control: the cell-key method\n');
  await demo();
  await runProvinceDisclosureBench();
  say(`\n(Disclosure bench: ${((Date.now() - t) / 1000).toFixed(0)} s in all.)`);
}
