// The two cubes of the bulk downloads (issue 20), read from DuckDB chunk by chunk on a connection of their own and
// published cell by cell with the cell-key method: the population (base unit × month × sex × 5-year age group ×
// residence) and the dossiers (base unit × month × procedure × channel). Each count is the value /api/indicators
// gives for that one cell (tests/api/bulk.test.ts checks it). Used by server/bulk/source.ts.
import { DATE, LIST, VARCHAR, dateValue, listValue, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { keyModSql } from '../../data/pipeline/cell-key.ts';
import type { Context } from '../context.ts';
import { perturbCount } from '../disclosure/cellkey.ts';
import { membersInScope } from '../auth/scope.ts';
import type { IndicatorDef } from '../registry/index.ts';
import { dossierCubeIndicators, splitStatement } from './datasets.ts';
import type { BulkQuery, Cell, Chunk } from './source.ts';

/**
 * The base units a cube holds: the members of the roots that the scope reads in detail and that are made of
 * themselves alone (a commune). A base unit that is also made of others (a district whose own office records
 * dossiers) is left out: its own records are no cell of any screen, which shows the district as its whole.
 */
export function cubeUnits(ctx: Context, q: BulkQuery): string[] {
  return membersInScope(ctx.units, q.scope, q.roots)
    .filter((u) => {
      const m = ctx.units.members(u);
      return q.scope.has(u) && m.length === 1 && m[0] === u;
    })
    .sort();
}

const key = (expr: string) => `CAST(${keyModSql(`sum(${expr}::DOUBLE)`)} AS BIGINT)`;

/**
 * The population cube's statement: each pop_month cell of the cube's units with its cell key. The units are made of
 * themselves alone (cubeUnits), so a cell is exactly the one row the population indicator's keyed statement rolls up
 * for that unit, sex, age group and residence (server/indicators/compose.ts): read directly, without the roll-up's
 * join and grouping (twice as fast on a province's five years).
 */
export const POPULATION_CUBE_SQL = `
SELECT p.unit_id AS unit, strftime(p.month, '%Y-%m') AS month, p.sex AS sex, p.age_group::INTEGER AS age_group,
  p.residence AS residence, p.population::DOUBLE AS population,
  CAST(${keyModSql('p.population_key::DOUBLE')} AS BIGINT) AS population_key
FROM pop_month p
WHERE p.unit_id IN (SELECT unnest($groups)) AND p.month BETWEEN $from AND $to
ORDER BY unit, month, sex, age_group, residence`;

/** Reads a statement chunk by chunk on a connection of its own, closed when the reading ends or stops. */
async function* streamRows(
  ctx: Context,
  sql: string,
  range: { from: string; to: string },
  groups: string[],
): AsyncGenerator<DuckDBValue[][]> {
  if (groups.length === 0) return;
  const conn: DuckDBConnection = await ctx.instance.connect();
  try {
    const result = await conn.stream(
      sql,
      { from: monthValue(range.from), to: monthValue(range.to), groups: listValue(groups) },
      { groups: LIST(VARCHAR), from: DATE, to: DATE },
    );
    for (;;) {
      const chunk = await result.fetchChunk();
      if (!chunk || chunk.rowCount === 0) break;
      yield chunk.getColumns();
    }
  } finally {
    conn.closeSync();
  }
}

/** A month (YYYY-MM) as the DATE of its first day. */
function monthValue(month: string) {
  const [y, m] = month.split('-').map(Number);
  return dateValue(Math.round(Date.UTC(y, m - 1, 1) / 86_400_000));
}

const num = (v: DuckDBValue): number | null => (v === null ? null : Number(v));

/** The population cube's chunks: unit, unit_name, month, sex, age_group, residence, population (published). */
export async function* populationCube(ctx: Context, q: BulkQuery): AsyncGenerator<Chunk> {
  const units = cubeUnits(ctx, q);
  ctx.indicators.checkCells(units.length, q.from, q.to);
  const names = new Map<string, string>();
  const nameOf = (u: string) => {
    let n = names.get(u);
    if (n === undefined) names.set(u, (n = ctx.units.get(u)?.name ?? u));
    return n;
  };
  for await (const [unit, month, sex, age, residence, count, cellKey] of streamRows(
    ctx,
    POPULATION_CUBE_SQL,
    q,
    units,
  )) {
    const published: Cell[] = count.map((c, k) => perturbCount(Number(c), Number(cellKey[k])));
    yield {
      rows: unit.length,
      columns: [
        unit as Cell[],
        unit.map((u) => nameOf(u as string)),
        month as Cell[],
        sex as Cell[],
        age.map(num),
        residence as Cell[],
        published,
      ],
    };
  }
}

/** The dossier cube's indicators that can be split (splitStatement) and their statements. */
export function dossierCubeParts(ctx: Context): { def: IndicatorDef; sql: string }[] {
  return dossierCubeIndicators(ctx.registry).map((def) => ({ def, sql: splitStatement(def)! }));
}

/** The dossier cube's statement: each part rolled to the base units with its key, side by side. */
export function dossierCubeSql(parts: { sql: string }[]): string {
  const ctes = parts.map(
    (p, i) => `p${i} AS (
  SELECT um.group_id AS unit, b.month, b.procedure, b.channel,
    sum(b.numerator)::DOUBLE AS n, ${key('b.numerator_key')} AS k
  FROM (${p.sql.replace(/\$units\b/g, '$groups')}) b JOIN unit_members um ON um.member_id = b.unit_id
  WHERE um.group_id IN (SELECT unnest($groups))
  GROUP BY ALL)`,
  );
  const all = parts.map((_, i) => `SELECT ${i} AS part, * FROM p${i}`).join('\nUNION ALL\n');
  const cols = parts
    .map((_, i) => `max(n) FILTER (WHERE part = ${i}) AS n${i}, max(k) FILTER (WHERE part = ${i}) AS k${i}`)
    .join(', ');
  return `WITH ${ctes.join(',\n')}
SELECT unit, strftime(month, '%Y-%m') AS month, procedure, channel, ${cols}
FROM (${all})
GROUP BY ALL
ORDER BY unit, month, procedure, channel`;
}

/** The dossier cube's chunks: unit, unit_name, month, procedure, channel, one published count per part. */
export async function* dossierCube(ctx: Context, q: BulkQuery): AsyncGenerator<Chunk> {
  const units = cubeUnits(ctx, q);
  ctx.indicators.checkCells(units.length, q.from, q.to);
  const parts = dossierCubeParts(ctx);
  if (parts.length === 0) return;
  for await (const cols of streamRows(ctx, dossierCubeSql(parts), q, units)) {
    const [unit, month, procedure, channel] = cols;
    const counts = parts.map((_, i) =>
      // a cell without this part's row has no count of it (as /api/indicators gives no row)
      cols[4 + 2 * i].map((n, r) => (n === null ? null : perturbCount(Number(n), Number(cols[5 + 2 * i][r])))),
    );
    yield {
      rows: unit.length,
      columns: [
        unit as Cell[],
        unit.map((u) => ctx.units.get(u as string)?.name ?? (u as string)),
        month as Cell[],
        procedure as Cell[],
        channel as Cell[],
        ...counts,
      ],
    };
  }
}
