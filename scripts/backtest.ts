// Back-test of the target forecasts on a store: for each target indicator (and procedure level) and
// for the district and each of its communes, hold back the last 6 months, forecast them and print
// MAE / MAPE, the benchmarks' MAE and the interval coverage as a Markdown table.
// Usage: cp tests/.tmp/e2e/store/ioc.duckdb /tmp/bt.duckdb &&
//   IOC_DB=/tmp/bt.duckdb npx tsx scripts/backtest.ts [district]
import { fullScope } from '../server/auth/scope.ts';
import { loadConfig } from '../server/config.ts';
import { openContext } from '../server/context.ts';
import { backtestSeries, summarise, type HoldoutPoint } from '../server/forecast/backtest.ts';
import { targetSeries } from '../server/forecast/targets-forecast.ts';
import { loadTargets } from '../server/targets/service.ts';

const HOLDOUT = 6;
const district = process.argv[2] ?? '291';
const ctx = await openContext({ ...loadConfig(), demo: false });
try {
  const scope = fullScope(ctx.units);
  const units = [district, ...ctx.units.reportChildren(district).map((u) => u.unit_id)];
  const targets = (await ctx.pool.use(loadTargets)).filter(
    (t) => t.comparator !== 'done' && ctx.registry.indicators.has(t.indicator),
  );
  // one row per indicator and level filter (pct_work_dossiers_online differs by procedure level)
  const seen = new Map<string, (typeof targets)[number]>();
  for (const t of targets) {
    const hasLevel = (ctx.registry.indicators.get(t.indicator)!.meta.filters as string[]).includes('procedure_level');
    seen.set(`${t.indicator}${hasLevel && t.level !== 'all' ? ` (${t.level})` : ''}`, t);
  }
  const fmt = (v: number | null, d = 2) => (v === null || Number.isNaN(v) ? '–' : v.toFixed(d));
  console.log(
    `Back-test on ${ctx.config.db}: district ${district} and ${units.length - 1} communes, ` +
      `last ${HOLDOUT} months held back.\n`,
  );
  console.log(
    '| indicator | scale | series | MAE | MAPE % | MAE last value | MAE 12-month line | 80 % covered | 95 % covered |',
  );
  console.log('|---|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const [label, t] of seen) {
    const share = t.unit === 'percent';
    const bySeries: HoldoutPoint[][] = [];
    for (const unit of units) {
      const level = t.level === 'district' && ctx.units.get(unit)?.level === 'commune' ? 'district' : t.level;
      const series = await targetSeries(ctx, { indicator: t.indicator, level }, [unit], scope);
      const values = series.map((p) => p.value).filter((v): v is number => v !== null && Number.isFinite(v));
      bySeries.push(backtestSeries(values, share ? 'logit' : 'raw', HOLDOUT));
    }
    const s = summarise(bySeries);
    const pct = (v: number) => `${Math.round(100 * v)} %`;
    console.log(
      `| ${label} | ${share ? 'logit %' : 'count'} | ${s.series} | ${fmt(s.mae)} | ${fmt(s.mape, 1)} | ` +
        `${fmt(s.mae_naive)} | ${fmt(s.mae_linear)} | ` +
        `${s.points ? pct(s.coverage80) : '–'} | ${s.points ? pct(s.coverage95) : '–'} |`,
    );
  }
} finally {
  await ctx.close();
}
