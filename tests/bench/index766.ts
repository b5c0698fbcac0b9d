// npm run bench -- index766: the Decision 766 score at province scale (tests/bench/run.ts builds the store). Times
// GET /api/index766 for every district by commune over the last full year (together: every commune of the province)
// and for the province month by month, against DuckDB's own time for the statements one answer runs (each indicator
// statement month by month for the units asked, and the breakdown by procedure for the unit), run one after
// another on a connection of the same instance. The API runs them concurrently on its pool.
import { LIST, VARCHAR, listValue, type DuckDBConnection } from '@duckdb/node-api';
import { membersInScope, fullScope } from '../../server/auth/scope.ts';
import type { Context } from '../../server/context.ts';
import { composeIndicatorSql, composeKeyedSql, composeProcedureSql } from '../../server/indicators/compose.ts';
import { INDICATORS, QUERY_IDS } from '../../server/index766/rules.ts';
import { bindParams } from '../../server/registry/index.ts';

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

interface Shape {
  label: string;
  unit: string;
  period: string;
  by: 'unit' | 'month';
}

/** DuckDB's own time for the statements of one answer, run one after another (ms). */
async function duckdbTime(ctx: Context, conn: DuckDBConnection, shape: Shape, from: string, to: string) {
  const scope = fullScope(ctx.units);
  const kids = shape.by === 'unit' ? ctx.units.reportChildren(shape.unit).map((u) => u.unit_id) : [];
  const groups = [shape.unit, ...kids];
  const members = membersInScope(ctx.units, scope, groups);
  const t = performance.now();
  for (const id of QUERY_IDS) {
    const def = ctx.registry.indicators.get(id)!;
    const { values, types } = bindParams(def, { units: members, from: `${from}-01`, to: `${to}-01`, filters: {} });
    const sql = ctx.indicators.perturbs(def) ? composeKeyedSql(def) : composeIndicatorSql(def, 'month');
    await conn.runAndReadAll(sql, { ...values, groups: listValue(groups) }, { ...types, groups: LIST(VARCHAR) });
  }
  // the breakdown by procedure of the indicators that lose points (at most every scored one)
  const own = membersInScope(ctx.units, scope, [shape.unit]);
  for (const rule of INDICATORS.filter((r) => r.scored && r.formula)) {
    for (const id of rule.query) {
      const def = ctx.registry.indicators.get(id)!;
      const { values, types } = bindParams(def, { units: own, from: `${from}-01`, to: `${to}-01`, filters: {} });
      await conn.runAndReadAll(
        composeProcedureSql(def),
        { ...values, groups: listValue([shape.unit]) },
        { ...types, groups: LIST(VARCHAR) },
      );
    }
  }
  return performance.now() - t;
}

export async function runIndex766Bench(
  ctx: Context,
  address: string,
  headers: Record<string, string>,
  runs: number,
): Promise<void> {
  const conn = await ctx.instance.connect();
  const province = ctx.units.units.find((u) => u.level === 'province')!.unit_id;
  const dataMonth = ctx.indicators.range(ctx.registry.indicators.get(QUERY_IDS[0])!).to;
  const year = String(Number(dataMonth.slice(0, 4)) - (dataMonth.endsWith('-12') ? 0 : 1));
  const districts = ctx.units.reportChildren(province).map((u) => u.unit_id);
  const communes = districts.flatMap((d) => ctx.units.reportChildren(d)).length;
  const shapes: Shape[] = [
    ...districts.map((d): Shape => ({ label: `district ${d}, by commune`, unit: d, period: year, by: 'unit' })),
    { label: `province ${province}, by month`, unit: province, period: year, by: 'month' },
  ];
  console.log(
    `Decision 766 score, ${year}: ${districts.length} districts by commune (${communes} communes) and the province ` +
      `by month; ${runs} runs after 2 warm-ups; answer cache off`,
  );
  const lines = ['| request | API median (ms) | DuckDB median (ms) | ratio |', '|---|---:|---:|---:|'];
  const totals = { api: 0, db: 0 };
  for (const shape of shapes) {
    const url = `${address}/api/index766?unit=${shape.unit}&period=${shape.period}&by=${shape.by}`;
    const runApi = async () => {
      const t = performance.now();
      const res = await fetch(url, { headers });
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`${url}: ${res.status}`);
      return performance.now() - t;
    };
    const runDb = () => duckdbTime(ctx, conn, shape, `${year}-01`, `${year}-12`);
    for (let i = 0; i < 2; i++) {
      await runDb();
      await runApi();
    }
    const api: number[] = [];
    const db: number[] = [];
    for (let i = 0; i < runs; i++) {
      db.push(await runDb());
      api.push(await runApi());
    }
    const m = { api: median(api), db: median(db) };
    if (shape.by === 'unit') {
      totals.api += m.api;
      totals.db += m.db;
    }
    lines.push(`| ${shape.label} | ${m.api.toFixed(0)} | ${m.db.toFixed(0)} | ${(m.api / m.db).toFixed(2)} |`);
  }
  lines.push('');
  lines.push(
    `all ${communes} communes (${districts.length} district requests, one after another): API ${totals.api.toFixed(0)} ms, ` +
      `DuckDB ${totals.db.toFixed(0)} ms, ratio ${(totals.api / totals.db).toFixed(2)}.`,
  );
  console.log(lines.join('\n'));
  conn.closeSync();
}
