// The differencing attacker of issue 14 (cell-key disclosure control, docs/disclosure.md): a district leader who
// works only through HTTP answers (app.inject with the leader's cookie) and tries to recover the true small counts
// of every commune, month and indicator with disclosure control, by every route the API offers to the same cell:
// reading it; time differencing of flows (from=f to=m minus from=f to=m−1, for several f); partitions (total =
// M + F, permanent + temporary, their crosses, commune + district procedures, the channels); age ranges (total =
// ages 0..a + a+5.., an age group = 0..g minus 0..g−5, g.. minus g+5.., total minus the others); unit differencing
// (the district minus the other communes); and identities between indicators read in their documentation (the
// overdue count = resolved − resolved on time, population = males + females, …). For each cell it combines what
// it found as a careful attacker would: a weighted mean of the families (each family's estimates averaged, weight
// 1 / the published numbers it combines), rounded, and the mode of every estimate.
// The true values are read inside the server (ctx.indicators.raw, by month): that is the measurement, never sent.
import type { FastifyInstance } from 'fastify';
import type { Context } from '../../server/context.ts';
import { scopeOfUnit } from '../../server/auth/scope.ts';
import { hasMinusPair } from '../../server/indicators/compose.ts';
import type { IndicatorDef } from '../../server/registry/index.ts';
import { FILTER_DEFS } from '../../server/registry/filter-defs.ts';
import { AGE_GROUPS } from '../../server/forecast/defaults.ts';

export interface AnswerRow {
  unit: string;
  period: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  suppressed: boolean;
  suppression?: string | null;
}

/** What GET /api/indicators says of an indicator (the attacker's documentation). */
export interface IndicatorInfo {
  id: string;
  time: 'sum' | 'last';
  units: 'sum' | 'max';
  disclosure: 'count' | 'rate' | 'none';
  filters: string[];
}

export type Part = 'n' | 'd';
type Filters = Record<string, string | number>;
/** A published cell as the attacker sees it: a number, withheld (a rate on a small base), or no row at all. */
export type Seen = number | 'withheld' | 'absent';

export interface Estimate {
  family: string;
  value: number;
  /** how many non-zero published numbers the estimate combines (its weight is the inverse) */
  cells: number;
}

export interface AttackCell {
  indicator: string;
  disclosure: 'count' | 'rate';
  part: Part;
  unit: string;
  month: string;
  /** an age-group cell: the group's lower bound; null for the cell of every age */
  group: number | null;
  truth: number;
  seen: Seen;
  estimates: Estimate[];
  /** the published cell itself (null when withheld) */
  direct: number | null;
  mean: number | null;
  mode: number | null;
}

export interface AttackOptions {
  app: FastifyInstance;
  ctx: Context;
  /** the attacker's session (cookie) headers: the district leader */
  headers: Record<string, string>;
  district: string;
  /** indicators attacked (default: every one with disclosure count or rate) */
  indicators?: string[];
  /** target months, YYYY-MM (default: every month the API answers) */
  months?: string[];
  /** `from` values per month in time differencing: the first month and m−1, m−2, … (default 4) */
  timeFroms?: number;
  /** partition families (sex, residence, procedure level, channel and their crosses; default true) */
  partitions?: boolean;
  /** the age splits a of total = 0..a + a+5.. (default [35]) */
  ageSplits?: number[];
  /** indicators whose age-group cells are attacked too (default: count indicators with age filters) */
  ageTargets?: string[];
  /** the months of the age-group cells (default: four months spread over the range) */
  ageMonths?: string[];
  /** district minus the other communes (default true) */
  unitDifferencing?: boolean;
  /** identities between indicators (default true) */
  relations?: boolean;
  /** requests in flight (default 4) */
  concurrency?: number;
}

export interface RelationCheck {
  relation: string;
  cells: number;
  holds: boolean;
}

export interface AttackResult {
  cells: AttackCell[];
  requests: number;
  seconds: number;
  indicators: string[];
  communes: string[];
  months: string[];
  relations: RelationCheck[];
}

/** The choice filters whose values split every record into disjoint parts (the API's own filter list). */
const PARTITIONS = ['sex', 'residence', 'procedure_level', 'channel'] as const;
const choices = (f: (typeof PARTITIONS)[number]): readonly string[] => FILTER_DEFS[f].values;

/**
 * Identities between indicators, as their documentation defines them (numerator and denominator texts):
 * Σ coefficient × (indicator, part) = 0 in every cell. Each is checked on the true cells before it is used.
 */
const RELATIONS: [number, string, Part][][] = [
  [
    [1, 'dossiers_overdue', 'n'],
    [-1, 'pct_resolved_on_time', 'd'],
    [1, 'pct_resolved_on_time', 'n'],
  ],
  [
    [1, 'dossiers_resolved', 'n'],
    [-1, 'pct_resolved_on_time', 'd'],
  ],
  [
    [1, 'dossiers_resolved', 'n'],
    [-1, 'avg_resolution_days', 'd'],
  ],
  [
    [1, 'dossiers_resolved', 'n'],
    [-1, 'pct_results_digitized_with_pid', 'd'],
  ],
  [
    [1, 'dossiers_received', 'n'],
    [-1, 'pct_online_dossiers', 'd'],
  ],
  [
    [1, 'dossiers_received', 'n'],
    [-1, 'pct_paid_online', 'd'],
  ],
  [
    [1, 'dossiers_received', 'n'],
    [-1, 'pct_dossiers_returned_for_supplement', 'd'],
  ],
  [
    [1, 'dossiers_received', 'n'],
    [-1, 'pct_dossiers_no_proof_documents', 'd'],
  ],
  [
    [1, 'population', 'n'],
    [-1, 'sex_ratio', 'n'],
    [-1, 'sex_ratio', 'd'],
  ],
  [
    [1, 'population', 'n'],
    [-1, 'dependency_ratio', 'n'],
    [-1, 'dependency_ratio', 'd'],
  ],
  [
    [1, 'population', 'n'],
    [-1, 'pct_citizens_with_personal_id', 'd'],
  ],
  [
    [1, 'population', 'n'],
    [-1, 'pct_records_complete', 'd'],
  ],
  [
    [1, 'population', 'n'],
    [-1, 'population_density', 'n'],
  ],
  [
    [1, 'count_vneid_accounts', 'n'],
    [-1, 'pct_vneid_level1', 'n'],
  ],
  [
    [1, 'pct_vneid_level1', 'd'],
    [-1, 'pct_vneid_level2', 'd'],
  ],
  [
    [1, 'pct_vneid_level1', 'd'],
    [-1, 'pct_eligible_with_chip_id_card', 'd'],
  ],
  [
    [1, 'moves_in', 'n'],
    [-1, 'moves_out', 'n'],
    [-1, 'net_migration', 'n'],
  ],
  [
    [1, 'bundles_started', 'n'],
    [-1, 'pct_bundles_completed', 'd'],
  ],
];
const relationText = (r: [number, string, Part][]) =>
  r.map(([c, id, p], i) => `${c < 0 ? '−' : i ? '+' : ''}${id}.${p === 'n' ? 'num' : 'den'}`).join(' ') + ' = 0';

/** The parts of an indicator that are counts of records (what the cell-key method perturbs). */
export function countParts(def: IndicatorDef): Part[] {
  const parts: Part[] = [];
  if (!hasMinusPair(def) && !/NULL::BIGINT\s+AS\s+numerator_key/i.test(def.sql)) parts.push('n');
  if (def.meta.disclosure === 'rate' && !/NULL::BIGINT\s+AS\s+denominator_key/i.test(def.sql)) parts.push('d');
  return parts;
}

/** Months from..to (YYYY-MM) inclusive. */
export function monthRange(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number);
  for (;;) {
    const s = `${y}-${String(m).padStart(2, '0')}`;
    if (s > to) return out;
    out.push(s);
    if (++m > 12) [y, m] = [y + 1, 1];
  }
}

/** GETs through app.inject with the attacker's cookie: each URL once, a bounded number in flight. */
export class AttackClient {
  requests = 0;
  private memo = new Map<string, Promise<AnswerRow[]>>();
  private active = 0;
  private waiting: (() => void)[] = [];
  constructor(
    private readonly app: FastifyInstance,
    private readonly headers: Record<string, string>,
    private readonly limit = 4,
  ) {}

  rows(url: string): Promise<AnswerRow[]> {
    let p = this.memo.get(url);
    if (!p) this.memo.set(url, (p = this.fetch(url)));
    return p;
  }

  private async fetch(url: string): Promise<AnswerRow[]> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active++;
    try {
      this.requests++;
      const res = await this.app.inject({ method: 'GET', url, headers: this.headers });
      if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 300)}`);
      return res.json<{ rows: AnswerRow[] }>().rows;
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }
}

const filterQuery = (f: Filters) =>
  Object.keys(f)
    .sort()
    .map((k) => `&${k}=${encodeURIComponent(String(f[k]))}`)
    .join('');

const seenOf = (row: AnswerRow | undefined, part: Part): Seen =>
  row === undefined
    ? 'absent'
    : row.suppressed
      ? 'withheld'
      : ((part === 'n' ? row.numerator : row.denominator) ?? 'withheld');
/** A seen cell as a number: no row is no record (0); withheld is unknown. */
const numOf = (s: Seen): number | null => (s === 'absent' ? 0 : s === 'withheld' ? null : s);

/** Terms Σ sign × published; null when one is withheld. cells: the non-zero terms. */
function combineTerms(family: string, terms: [number, Seen][]): Estimate | null {
  let value = 0;
  let cells = 0;
  for (const [sign, s] of terms) {
    const v = numOf(s);
    if (v === null) return null;
    value += sign * v;
    if (v !== 0) cells++;
  }
  return { family, value, cells: Math.max(1, cells) };
}

/**
 * The attacker's combination: each family's estimates averaged, the families weighted by 1 / the published numbers
 * they combine, the weighted mean rounded (a count is not negative); and the mode of every estimate, ties to the
 * value nearest the mean.
 */
export function combine(estimates: readonly Estimate[]): { mean: number | null; mode: number | null } {
  if (estimates.length === 0) return { mean: null, mode: null };
  const fam = new Map<string, { sum: number; cells: number; n: number }>();
  for (const e of estimates) {
    const f = fam.get(e.family) ?? { sum: 0, cells: 0, n: 0 };
    f.sum += e.value;
    f.cells += e.cells;
    f.n++;
    fam.set(e.family, f);
  }
  let num = 0;
  let den = 0;
  for (const f of fam.values()) {
    const w = f.n / f.cells;
    num += (w * f.sum) / f.n;
    den += w;
  }
  const m = num / den;
  const counts = new Map<number, number>();
  for (const e of estimates) counts.set(Math.round(e.value), (counts.get(Math.round(e.value)) ?? 0) + 1);
  const mode = [...counts.entries()].sort((a, b) => b[1] - a[1] || Math.abs(a[0] - m) - Math.abs(b[0] - m))[0][0];
  return { mean: Math.max(0, Math.round(m)), mode: Math.max(0, mode) };
}

/** Runs every attack; see the file's head. */
export async function runAttack(o: AttackOptions): Promise<AttackResult> {
  const started = Date.now();
  const client = new AttackClient(o.app, o.headers, o.concurrency ?? 4);
  const scope = scopeOfUnit(o.ctx.units, o.district);
  const catalogue = (await o.app.inject({ method: 'GET', url: '/api/indicators', headers: o.headers })).json<{
    indicators: IndicatorInfo[];
  }>().indicators;
  const info = new Map(catalogue.map((i) => [i.id, i]));
  const ids = (o.indicators ?? catalogue.filter((i) => i.disclosure !== 'none').map((i) => i.id)).filter((id) =>
    info.has(id),
  );
  // the range and the communes, as the API answers them
  const probe = ids[0];
  const head = (
    await o.app.inject({
      method: 'GET',
      url: `/api/indicators/${probe}?unit=${o.district}&by=unit`,
      headers: o.headers,
    })
  ).json<{ from: string; to: string; rows: AnswerRow[] }>();
  const allMonths = monthRange(head.from, head.to);
  const months = o.months ?? allMonths;
  const communes = head.rows.map((r) => r.unit);
  const first = allMonths[0];
  const last = allMonths.at(-1)!;
  const at = (m: string, k: number) => allMonths[allMonths.indexOf(m) + k];

  const url = (id: string, unit: string, by: string, from: string, to: string, f: Filters) =>
    `/api/indicators/${id}?unit=${unit}&by=${by}&from=${from}&to=${to}${filterQuery(f)}`;
  const rankMemo = new Map<string, Promise<Map<string, AnswerRow>>>();
  /** the district's communes for one period (by=unit): one request for every commune */
  const ranking = (id: string, f: Filters, from: string, to: string) => {
    const u = url(id, o.district, 'unit', from, to, f);
    let p = rankMemo.get(u);
    if (!p) rankMemo.set(u, (p = client.rows(u).then((rows) => new Map(rows.map((r) => [r.unit, r])))));
    return p;
  };
  /** the district's own months (by=month) */
  const districtMonths = (id: string, f: Filters) => {
    const u = url(id, o.district, 'month', first, last, f);
    let p = rankMemo.get(u);
    if (!p) rankMemo.set(u, (p = client.rows(u).then((rows) => new Map(rows.map((r) => [r.period, r])))));
    return p;
  };
  const seen = async (id: string, f: Filters, unit: string, from: string, to: string, part: Part) =>
    seenOf((await ranking(id, f, from, to)).get(unit), part);

  // the truth, read inside the server (never sent): indicator|filters → unit|month → [numerator, denominator]
  const truthMemo = new Map<string, Promise<Map<string, [number, number]>>>();
  const truths = (id: string, f: Filters) => {
    const key = id + filterQuery(f);
    let p = truthMemo.get(key);
    if (!p) {
      const def = o.ctx.indicators.indicator(id);
      p = o.ctx.indicators
        .raw(def, communes, first, last, 'month', f, scope)
        .then(
          (rows) =>
            new Map(rows.map((r) => [`${r.unit}|${r.period.slice(0, 7)}`, [r.numerator ?? 0, r.denominator ?? 0]])),
        );
      truthMemo.set(key, p);
    }
    return p;
  };
  const truthOf = async (id: string, f: Filters, unit: string, month: string, part: Part) =>
    ((await truths(id, f)).get(`${unit}|${month}`) ?? [0, 0])[part === 'n' ? 0 : 1];

  // identities between indicators: kept when they hold on every true cell of the district
  const relations: RelationCheck[] = [];
  const usable: [number, string, Part][][] = [];
  if (o.relations ?? true) {
    for (const r of RELATIONS) {
      if (!r.every(([, id]) => info.has(id)) || !r.some(([, id]) => ids.includes(id))) continue;
      const maps = await Promise.all(r.map(([, id]) => truths(id, {})));
      let cells = 0;
      let holds = true;
      for (const c of communes)
        for (const m of allMonths) {
          const sum = r.reduce((s, [k, , p], i) => s + k * (maps[i].get(`${c}|${m}`) ?? [0, 0])[p === 'n' ? 0 : 1], 0);
          cells++;
          if (Math.abs(sum) > 1e-6) holds = false;
        }
      relations.push({ relation: relationText(r), cells, holds });
      if (holds) usable.push(r);
    }
  }

  /** Every estimate of the cell of every age (no filter) of a commune and month. */
  async function cellEstimates(def: IndicatorInfo, part: Part, c: string, m: string): Promise<Estimate[]> {
    const id = def.id;
    const out: Estimate[] = [];
    const push = (e: Estimate | null) => void (e && out.push(e));
    push(combineTerms('direct', [[1, await seen(id, {}, c, m, m, part)]]));
    if (def.time === 'sum') {
      // from=f to=m minus from=f to=m−1, for the first month and the months just before m
      const k = o.timeFroms ?? 4;
      const froms = new Set([first, ...Array.from({ length: k - 1 }, (_, i) => at(m, -(i + 1)))]);
      for (const f of froms) {
        if (f === undefined || f >= m) continue;
        const prev = at(m, -1);
        push(
          combineTerms('time', [
            [1, await seen(id, {}, c, f, m, part)],
            [-1, await seen(id, {}, c, f, prev, part)],
          ]),
        );
      }
    }
    if (o.partitions ?? true) {
      const parts = PARTITIONS.filter((p) => def.filters.includes(p));
      const sets: [string, Filters[]][] = parts.map((p) => [p, choices(p).map((v) => ({ [p]: v }))]);
      for (let i = 0; i < parts.length; i++)
        for (let j = i + 1; j < parts.length; j++)
          sets.push([
            `${parts[i]}×${parts[j]}`,
            choices(parts[i]).flatMap((a) => choices(parts[j]).map((b) => ({ [parts[i]]: a, [parts[j]]: b }))),
          ]);
      for (const [family, fs] of sets)
        push(
          combineTerms(family, await Promise.all(fs.map(async (f) => [1, await seen(id, f, c, m, m, part)] as const))),
        );
    }
    if (def.filters.includes('age_min') && def.filters.includes('age_max')) {
      for (const a of o.ageSplits ?? [35])
        push(
          combineTerms('age', [
            [1, await seen(id, { age_max: a }, c, m, m, part)],
            [1, await seen(id, { age_min: a + 5 }, c, m, m, part)],
          ]),
        );
    }
    if (o.unitDifferencing ?? true) {
      // district-level procedures are the district's own: the communes' part is their commune-level procedures
      const own: Filters = def.filters.includes('procedure_level') ? { procedure_level: 'commune' } : {};
      const d = (await districtMonths(id, own)).get(m);
      const rank = await ranking(id, own, m, m);
      const terms: [number, Seen][] = [[1, seenOf(d, part)]];
      for (const other of communes) if (other !== c) terms.push([-1, seenOf(rank.get(other), part)]);
      if (own.procedure_level) terms.push([1, await seen(id, { procedure_level: 'district' }, c, m, m, part)]);
      push(combineTerms('unit', terms));
    }
    for (const r of usable) {
      const self = r.findIndex(([, rid, p]) => rid === id && p === part);
      if (self < 0) continue;
      const terms: [number, Seen][] = [];
      for (const [i, [k, rid, p]] of r.entries())
        if (i !== self) terms.push([-k / r[self][0], await seen(rid, {}, c, m, m, p)]);
      push(combineTerms('relation', terms));
    }
    return out;
  }

  /** Every estimate of one age group's cell. */
  async function groupEstimates(def: IndicatorInfo, part: Part, c: string, m: string, g: number): Promise<Estimate[]> {
    const id = def.id;
    const top = AGE_GROUPS.at(-1)!;
    const s = (f: Filters) => seen(id, f, c, m, m, part);
    const none: Seen = 0;
    const prefix = (a: number) => (a < 0 ? Promise.resolve(none) : s({ age_max: a }));
    const suffix = (a: number) => (a > top ? Promise.resolve(none) : s({ age_min: a }));
    const out: Estimate[] = [];
    const push = (e: Estimate | null) => void (e && out.push(e));
    push(combineTerms('direct', [[1, await s({ age_min: g, age_max: g })]]));
    push(
      combineTerms('age 0..g − 0..g−5', [
        [1, await prefix(g)],
        [-1, await prefix(g - 5)],
      ]),
    );
    push(
      combineTerms('age g.. − g+5..', [
        [1, await suffix(g)],
        [-1, await suffix(g + 5)],
      ]),
    );
    push(
      combineTerms('age total − others', [
        [1, await s({})],
        [-1, await prefix(g - 5)],
        [-1, await suffix(g + 5)],
      ]),
    );
    if (o.unitDifferencing ?? true) {
      const f = { age_min: g, age_max: g };
      const terms: [number, Seen][] = [[1, seenOf((await districtMonths(id, f)).get(m), part)]];
      const rank = await ranking(id, f, m, m);
      for (const other of communes) if (other !== c) terms.push([-1, seenOf(rank.get(other), part)]);
      push(combineTerms('unit', terms));
    }
    return out;
  }

  const defs = ids.map((id) => ({ info: info.get(id)!, def: o.ctx.indicators.indicator(id) }));
  const ageTargets =
    o.ageTargets ??
    defs.filter((d) => d.info.disclosure === 'count' && d.info.filters.includes('age_min')).map((d) => d.info.id);
  const ageMonths =
    o.ageMonths ?? [3, 6, 9, 12].map((k) => allMonths[Math.round((k / 12) * allMonths.length) - 1]).filter(Boolean);

  const jobs: Promise<AttackCell>[] = [];
  const cell = async (
    d: IndicatorInfo,
    part: Part,
    c: string,
    m: string,
    group: number | null,
  ): Promise<AttackCell> => {
    const f: Filters = group === null ? {} : { age_min: group, age_max: group };
    const estimates = group === null ? await cellEstimates(d, part, c, m) : await groupEstimates(d, part, c, m, group);
    const s = await seen(d.id, f, c, m, m, part);
    const direct = numOf(s);
    return {
      indicator: d.id,
      disclosure: d.disclosure === 'rate' ? 'rate' : 'count',
      part,
      unit: c,
      month: m,
      group,
      truth: await truthOf(d.id, f, c, m, part),
      seen: s,
      estimates,
      direct,
      ...combine(estimates),
    };
  };
  for (const { info: d, def } of defs)
    for (const part of countParts(def)) {
      for (const c of communes) for (const m of months) jobs.push(cell(d, part, c, m, null));
      if (ageTargets.includes(d.id))
        for (const c of communes)
          for (const m of ageMonths) for (const g of AGE_GROUPS) jobs.push(cell(d, part, c, m, g));
    }
  const cells = await Promise.all(jobs);
  return {
    cells,
    requests: client.requests + 2,
    seconds: (Date.now() - started) / 1000,
    indicators: ids,
    communes,
    months,
    relations,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// What the attack achieved

export type Estimator = 'direct' | 'mean' | 'mode';
export const ESTIMATORS: Estimator[] = ['direct', 'mean', 'mode'];

export const BUCKETS: [string, (t: number) => boolean][] = [
  ['0', (t) => t === 0],
  ['1', (t) => t === 1],
  ['2', (t) => t === 2],
  ['3', (t) => t === 3],
  ['4', (t) => t === 4],
  ['1–4', (t) => t >= 1 && t <= 4],
  ['5–9', (t) => t >= 5 && t <= 9],
  ['10–49', (t) => t >= 10 && t <= 49],
  ['50+', (t) => t >= 50],
];

const pct = (a: number, b: number) => (b === 0 ? '–' : `${((100 * a) / b).toFixed(1)} %`);
const small = (c: AttackCell) => c.truth >= 1 && c.truth <= 4;

/** The headline numbers the goal is about (true counts 1 to 4). */
export function protectionSummary(cells: readonly AttackCell[]) {
  const s = cells.filter(small);
  const exact = (e: Estimator) => s.filter((c) => c[e] === c.truth).length;
  const best = s.filter((c) => c.mean === c.truth || c.mode === c.truth).length;
  return {
    small: s.length,
    exactDirect: exact('direct'),
    exactMean: exact('mean'),
    exactMode: exact('mode'),
    /** the attacker's better estimator, cell by cell (an upper bound: it cannot know which one is right) */
    exactEither: best,
    /** true 1 or 2 published as itself */
    oneOrTwoAsItself: cells.filter((c) => (c.truth === 1 || c.truth === 2) && c.direct === c.truth).length,
    /** any published cell equal to 1 or 2 */
    publishedOneOrTwo: cells.filter((c) => c.direct === 1 || c.direct === 2).length,
    onesAsZero: cells.filter((c) => c.truth === 1 && c.direct === 0).length,
    ones: cells.filter((c) => c.truth === 1).length,
  };
}

const table = (head: string[], rows: (string | number)[][], align?: string[]) =>
  [
    `| ${head.join(' | ')} |`,
    `|${head.map((_, i) => align?.[i] ?? (i ? '---:' : '---')).join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');

/** The attack's report as Markdown: recovery by true count, confusion, confidence, 0 vs 1, families, relations. */
export function attackReport(r: AttackResult, title = 'Protection'): string {
  const out: string[] = [];
  const kinds = [
    ['every cell', r.cells],
    ['cells of every age', r.cells.filter((c) => c.group === null)],
    ['age-group cells', r.cells.filter((c) => c.group !== null)],
  ] as const;
  out.push(
    `### ${title}\n\n${r.requests} requests in ${r.seconds.toFixed(1)} s as the district leader; ` +
      `${r.indicators.length} indicators, ${r.communes.length} communes, ${r.months.length} months; ` +
      `${r.cells.length} target cells (${kinds[1][1].length} of every age, ${kinds[2][1].length} of an age group).`,
  );
  const s = protectionSummary(r.cells);
  out.push(
    `\nTrue counts 1–4: ${s.small} cells; recovered exactly by the published cell ${pct(s.exactDirect, s.small)}, ` +
      `by the attacker's weighted mean ${pct(s.exactMean, s.small)}, by its mode ${pct(s.exactMode, s.small)} ` +
      `(by one of the two, cell by cell, ${pct(s.exactEither, s.small)}). True 1 or 2 published as itself: ` +
      `${s.oneOrTwoAsItself}; published 1 or 2 at all: ${s.publishedOneOrTwo}; true 1 published as 0: ` +
      `${pct(s.onesAsZero, s.ones)} of ${s.ones}.`,
  );
  out.push('\n**Recovered exactly, by true count** (share of cells whose estimate equals the truth)\n');
  const rows: (string | number)[][] = [];
  for (const [kind, cells] of kinds)
    for (const [b, test] of BUCKETS) {
      const xs = cells.filter((c) => test(c.truth));
      if (xs.length === 0) continue;
      rows.push([
        kind,
        b,
        xs.length,
        pct(xs.filter((c) => c.direct !== null).length, xs.length),
        ...ESTIMATORS.map((e) => pct(xs.filter((c) => c[e] === c.truth).length, xs.length)),
      ]);
    }
  out.push(table(['cells', 'true', 'n', 'shown', 'exact: published', 'exact: mean', 'exact: mode'], rows));

  const cols = ['none', '0', '1', '2', '3', '4', '5', '6', '7', '8+'];
  const col = (v: number | null) => (v === null ? 'none' : v >= 8 ? '8+' : v < 0 ? '0' : String(v));
  for (const e of ESTIMATORS) {
    out.push(`\n**What the attack yields for each true small count** (${e}; share of the row's cells)\n`);
    out.push(
      table(
        ['true', 'cells', ...cols],
        [0, 1, 2, 3, 4].map((t) => {
          const xs = r.cells.filter((c) => c.truth === t);
          return [t, xs.length, ...cols.map((k) => pct(xs.filter((c) => col(c[e]) === k).length, xs.length))];
        }),
      ),
    );
  }
  for (const e of ['direct', 'mean'] as const) {
    out.push(
      `\n**The attacker's confidence** (${e}): of the cells with this estimate, the share whose truth is it, ` +
        'and the truths behind it\n',
    );
    out.push(
      table(
        ['estimate', 'cells', 'truth = estimate', 'truth 0', 'truth 1–4', 'truth 5+'],
        [0, 1, 2, 3, 4, 5, 6, 7].map((v) => {
          const xs = r.cells.filter((c) => c[e] === v);
          return [
            v,
            xs.length,
            pct(xs.filter((c) => c.truth === v).length, xs.length),
            pct(xs.filter((c) => c.truth === 0).length, xs.length),
            pct(xs.filter(small).length, xs.length),
            pct(xs.filter((c) => c.truth >= 5).length, xs.length),
          ];
        }),
      ),
    );
  }
  out.push('\n**0 versus 1**: how a cell is shown, by its truth\n');
  const shown = (c: AttackCell) =>
    c.seen === 'absent' ? 'no row' : c.seen === 'withheld' ? 'withheld' : c.seen === 0 ? '0' : 'other';
  const sorts: [string, (c: AttackCell) => boolean][] = [
    ['counts', (c) => c.disclosure === 'count'],
    ['rate numerators', (c) => c.disclosure === 'rate' && c.part === 'n'],
    ['rate denominators', (c) => c.disclosure === 'rate' && c.part === 'd'],
  ];
  out.push(
    table(
      ['cells', 'true', 'n', 'no row', 'shown 0', 'withheld', 'other'],
      sorts.flatMap(([label, test]) =>
        [0, 1, 2, 3, 4].map((t) => {
          const xs = r.cells.filter((c) => test(c) && c.truth === t);
          const share = (k: string) => pct(xs.filter((c) => shown(c) === k).length, xs.length);
          return [label, t, xs.length, ...['no row', '0', 'withheld', 'other'].map(share)];
        }),
      ),
    ),
  );
  const zeros = r.cells.filter((c) => c.seen === 0);
  const noRow = r.cells.filter((c) => c.seen === 'absent');
  const withheld = r.cells.filter((c) => c.seen === 'withheld');
  out.push(
    `\nShown 0: ${zeros.length} cells, ${pct(zeros.filter((c) => c.truth >= 1).length, zeros.length)} of them ` +
      `truly 1 or more (${pct(zeros.filter((c) => c.truth === 1).length, zeros.length)} truly 1). ` +
      `No row: ${noRow.length} cells, ${noRow.filter((c) => c.truth >= 1).length} truly 1 or more. ` +
      `Withheld (rates on a published base below k): ${withheld.length} cells, ` +
      `${withheld.filter((c) => c.truth === 0).length} truly 0; ` +
      `${withheld.filter((c) => c.mean !== null).length} of them estimated anyway (time differencing), ` +
      `${withheld.filter((c) => c.mean === c.truth).length} exactly.`,
  );
  out.push(
    '\n**Attack families** (each alone: its estimates averaged and rounded; "= published": the share equal to the ' +
      'published cell where it is shown)\n',
  );
  const families = [...new Set(r.cells.flatMap((c) => c.estimates.map((e) => e.family)))];
  out.push(
    table(
      ['family', 'cells', 'mean numbers combined', 'true 1–4: cells', 'exact', 'true 5+: exact', '= published'],
      families.map((f) => {
        const xs = r.cells
          .map((c) => {
            const es = c.estimates.filter((e) => e.family === f);
            if (es.length === 0) return null;
            const v = Math.max(0, Math.round(es.reduce((s, e) => s + e.value, 0) / es.length));
            return { c, v, cells: es.reduce((s, e) => s + e.cells, 0) / es.length };
          })
          .filter((x) => x !== null);
        const sm = xs.filter((x) => small(x.c));
        const big = xs.filter((x) => x.c.truth >= 5);
        const shownCells = xs.filter((x) => x.c.direct !== null);
        return [
          f,
          xs.length,
          (xs.reduce((s, x) => s + x.cells, 0) / Math.max(1, xs.length)).toFixed(1),
          sm.length,
          pct(sm.filter((x) => x.v === x.c.truth).length, sm.length),
          pct(big.filter((x) => x.v === x.c.truth).length, big.length),
          pct(shownCells.filter((x) => x.v === x.c.direct).length, shownCells.length),
        ];
      }),
    ),
  );
  out.push('\n**By indicator** (true counts 1–4)\n');
  const byInd = new Map<string, AttackCell[]>();
  for (const c of r.cells.filter(small)) {
    const k = `${c.indicator} ${c.part === 'n' ? 'num' : 'den'}${c.group === null ? '' : ' (age groups)'}`;
    byInd.set(k, [...(byInd.get(k) ?? []), c]);
  }
  out.push(
    table(
      ['cell', 'true 1–4', 'exact: published', 'exact: mean', 'exact: mode'],
      [...byInd.entries()]
        .sort((a, b) => b[1].length - a[1].length)
        .map(([k, xs]) => [
          k,
          xs.length,
          ...ESTIMATORS.map((e) => pct(xs.filter((c) => c[e] === c.truth).length, xs.length)),
        ]),
    ),
  );
  if (r.relations.length) {
    out.push('\n**Identities between indicators** (used only where they hold on every true cell)\n');
    out.push(
      table(
        ['identity', 'cells', 'holds'],
        r.relations.map((x) => [x.relation, x.cells, x.holds ? 'yes' : 'no']),
      ),
    );
  }
  return out.join('\n');
}
