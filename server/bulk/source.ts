// What a bulk download is made of (server/routes/bulk.ts): the rows of a dataset for a set of units and months, in
// chunks of columns, so that the writers (server/bulk/writers.ts) never hold a whole download. Indicator, target and
// index rows come from the same services as /api/indicators, /api/targets and /api/index766; the cubes from
// server/bulk/cubes.ts.
import type { Context } from '../context.ts';
import type { DatasetColumn, DatasetInfo } from '../contracts/open-data.ts';
import { canSee, type Scope } from '../auth/scope.ts';
import { badRequest } from '../errors.ts';
import { populationCube, dossierCube } from './cubes.ts';
import { FIRST_MONTH } from './datasets.ts';

/** One cell of a download. */
export type Cell = string | number | boolean | null;

/** Rows as columns, in the order of the dataset's columns. */
export interface Chunk {
  rows: number;
  columns: Cell[][];
}

/** What is asked: the dataset, its months (YYYY-MM, both included) and the units whose rows it holds. */
export interface BulkQuery {
  dataset: DatasetInfo;
  from: string;
  to: string;
  /** the units asked (a key's units, the account's unit, or the `unit` parameter) */
  roots: string[];
  scope: Scope;
}

/** A download's rows. */
export interface Source {
  columns: DatasetColumn[];
  chunks: AsyncIterable<Chunk>;
}

/** Rows per chunk of the services' answers (the cubes use DuckDB's own chunks). */
const CHUNK_ROWS = 4096;

/** Rows (objects) to chunks of columns. */
export function toChunk(columns: DatasetColumn[], rows: Record<string, unknown>[]): Chunk {
  return {
    rows: rows.length,
    columns: columns.map((c) => rows.map((r) => (r[c.name] ?? null) as Cell)),
  };
}

/**
 * Each root and the units below it that the caller may see, once each, parents first: the units whose rows an
 * indicator download holds (one /api/indicators answer each).
 */
export function unitsBelow(ctx: Context, roots: string[], scope: Scope, depth = Infinity): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const walk = (id: string, level: number) => {
    if (seen.has(id)) return;
    seen.add(id);
    if (canSee(ctx.units, scope, id)) out.push(id);
    if (level < depth) for (const kid of ctx.units.children(id)) walk(kid.unit_id, level + 1);
  };
  for (const r of roots) walk(r, 0);
  return out;
}

async function* indicatorChunks(ctx: Context, q: BulkQuery, id: string, columns: DatasetColumn[]) {
  let batch: Record<string, unknown>[] = [];
  for (const unit of unitsBelow(ctx, q.roots, q.scope)) {
    const answer = await ctx.indicators.run({
      id,
      unit,
      from: q.from,
      to: q.to,
      by: 'month',
      filters: {},
      scope: q.scope,
    });
    for (const r of answer.rows) batch.push({ ...r, month: r.period });
    if (batch.length >= CHUNK_ROWS) {
      yield toChunk(columns, batch);
      batch = [];
    }
  }
  if (batch.length > 0) yield toChunk(columns, batch);
}

async function* targetChunks(ctx: Context, q: BulkQuery, columns: DatasetColumn[]) {
  // the targets of each root and its children (a target is judged per unit: its communes are a click away)
  for (const unit of unitsBelow(ctx, q.roots, q.scope, 1)) {
    const answers = await ctx.targets.forUnit(unit, q.scope);
    const rows = answers.map((t) => ({ ...t, unit, unit_of_measure: t.unit, probability: t.probability ?? null }));
    if (rows.length > 0) yield toChunk(columns, rows);
  }
}

async function* index766Chunks(ctx: Context, q: BulkQuery, columns: DatasetColumn[]) {
  const years: string[] = [];
  for (let y = Number(q.from.slice(0, 4)); y <= Number(q.to.slice(0, 4)); y++) years.push(String(y));
  for (const unit of unitsBelow(ctx, q.roots, q.scope, 1)) {
    for (const year of years) {
      const answer = await ctx.index766.answer({ unit, period: year, by: 'month', scope: q.scope, lang: 'vi' });
      const rows = answer.rows
        .filter((r) => r.period >= q.from && r.period <= q.to)
        .flatMap((r) =>
          r.indicators.map((i) => ({ ...i, indicator: i.id, unit: r.unit, unit_name: r.unit_name, month: r.period })),
        );
      if (rows.length > 0) yield toChunk(columns, rows);
    }
  }
}

/** The rows of a download (nothing is read before the first chunk is asked for). */
export function openSource(ctx: Context, q: BulkQuery): Source {
  const columns = q.dataset.columns;
  const chunks = (() => {
    switch (q.dataset.kind) {
      case 'indicator':
        return indicatorChunks(ctx, q, q.dataset.id.slice('indicator.'.length), columns);
      case 'targets':
        return targetChunks(ctx, q, columns);
      case 'index766':
        return index766Chunks(ctx, q, columns);
      case 'cube':
        return q.dataset.id === 'population_cube' ? populationCube(ctx, q) : dossierCube(ctx, q);
    }
  })();
  return { columns, chunks };
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The months asked, within the dataset's coverage (400 for a malformed or empty range). */
export function monthRange(dataset: DatasetInfo, from?: string, to?: string): { from: string; to: string } {
  for (const [name, v] of [
    ['from', from],
    ['to', to],
  ] as const) {
    if (v !== undefined && !MONTH.test(v))
      throw badRequest(
        `Tham số ${name} phải có dạng YYYY-MM (nhận "${v}").`,
        `Parameter ${name} must be YYYY-MM (got "${v}").`,
      );
  }
  const first = dataset.coverage?.from ?? FIRST_MONTH;
  const last = dataset.coverage?.to ?? first;
  const f = from === undefined || from < first ? first : from;
  const t = to === undefined || to > last ? last : to;
  if (f > t)
    throw badRequest(
      `Khoảng thời gian sai hoặc ngoài dữ liệu (${first} đến ${last}): từ ${from ?? f} đến ${to ?? t}.`,
      `Empty period or outside the data (${first} to ${last}): from ${from ?? f} to ${to ?? t}.`,
    );
  return { from: f, to: t };
}
