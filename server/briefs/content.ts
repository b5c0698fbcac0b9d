// What a leader's brief holds (BriefContent, server/contracts/briefs.ts), gathered from the services the screens use:
// the targets (TargetService, as they stood at the end of the period and of the period before), the children below
// their targets (IndicatorService, by=unit), the Decision 766 score and its biggest losses (Index766Service) and the
// key figures with their change (IndicatorService, by=month). The same code, cell keys and disclosure control as
// every screen, so a number in a brief is the number the screen shows for the same cell. The scope is the unit's
// own detail: a brief about a commune holds that commune's figures only, one about a district its communes', and no
// total above the unit; whoever may read the unit in detail may read its brief (server/routes/briefs.ts).
//
// Periods at month grain: the indicators are monthly, so a brief reads the month its period ends in (a week: the
// month of its Sunday; a quarter: its last month), and never a month after the data date.
import { addMonths } from '../contracts/months.ts';
import type { BriefContent, BriefFigure, BriefLagging, BriefPeriod, BriefTarget } from '../contracts/briefs.ts';
import type { Context } from '../context.ts';
import { makeScope, type Scope } from '../auth/scope.ts';
import { answerMeta } from '../routes/meta.ts';
import { KEY_INDICATORS } from '../overview/rules.ts';
import { meets } from '../targets/status.ts';
import type { TargetAnswer } from '../targets/service.ts';
import type { IndicatorRow } from '../indicators/service.ts';
import { followUp } from '../work/service.ts';

/** The key figures of a brief, in this order: the population, then the Overview's key indicators, then dossiers. */
export const BRIEF_FIGURES: readonly string[] = ['population', ...KEY_INDICATORS, 'dossiers_received'];
/** At most this many indicators a district's brief ranks its communes on (the worst-placed targets first). */
const LAGGING_INDICATORS = 3;
/** The biggest Decision 766 losses a brief names. */
const INDEX766_LOSSES = 3;

const lastDayOf = (month: string): string => {
  const [y, m] = month.split('-').map(Number);
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
};

/** A unit's own detail: its base units, no total above it. */
export const briefScope = (ctx: Context, unit: string): Scope => makeScope(ctx.units.members(unit));

/** The day a period is read at: its last day, or the data date when that comes first. */
export const readOn = (period: BriefPeriod, dataDate: string): string => (period.to < dataDate ? period.to : dataDate);

function briefTarget(t: TargetAnswer, before: TargetAnswer | undefined): BriefTarget {
  return {
    target_id: t.target_id,
    title_vi: t.title_vi,
    title_en: t.title_en,
    indicator: t.indicator,
    comparator: t.comparator,
    target: t.target,
    measure: t.unit,
    deadline: t.deadline,
    status: t.status,
    previous_status: before?.status ?? null,
    value: t.value,
    value_month: t.value_month,
    forecast_at_deadline: t.forecast_at_deadline,
    probability: t.probability,
    pace_needed: t.pace_needed,
    months_left: t.months_left,
  };
}

const monthOf = (row: IndicatorRow) => row.period.slice(0, 7);

/** The figures of the month `month` and the month before, with the year's high and low, from one by=month answer. */
async function figures(ctx: Context, unit: string, scope: Scope, month: string, dataDate: string) {
  const out: BriefFigure[] = [];
  const january = `${month.slice(0, 4)}-01`;
  const previousMonth = addMonths(month, -1);
  for (const id of BRIEF_FIGURES) {
    const def = ctx.registry.indicators.get(id);
    if (!def) continue;
    const answer = await ctx.indicators.run({
      id,
      unit,
      from: previousMonth < january ? previousMonth : january,
      to: month,
      by: 'month',
      filters: {},
      scope,
    });
    const rows = answer.rows.filter((r) => r.unit === unit);
    const at = (m: string) => rows.find((r) => monthOf(r) === m);
    const now = at(month);
    const before = at(previousMonth);
    const year = rows.filter((r) => monthOf(r) >= january && r.value !== null && !r.suppressed);
    const value = now && !now.suppressed ? now.value : null;
    const known = year.map((r) => r.value as number);
    out.push({
      indicator: id,
      title_vi: def.meta.name_vi,
      title_en: def.meta.name_en,
      domain: def.domain,
      measure: def.meta.unit,
      month,
      value,
      previous_month: previousMonth,
      previous: before && !before.suppressed ? before.value : null,
      suppressed: !!now?.suppressed || !!before?.suppressed,
      partial: dataDate < lastDayOf(month),
      year_high: value !== null && known.length >= 3 && value >= Math.max(...known),
      year_low: value !== null && known.length >= 3 && value <= Math.min(...known),
      direction: def.meta.direction === 'higher' ? 'up' : def.meta.direction === 'lower' ? 'down' : 'none',
    });
  }
  return out;
}

/** The children below their target on the unit's worst-placed share targets (a district's or province's brief). */
async function lagging(ctx: Context, unit: string, scope: Scope, month: string, targets: BriefTarget[]) {
  if (ctx.units.reportChildren(unit).length === 0) return [];
  const rank = { missed: 0, at_risk: 1 } as Record<string, number>;
  const chosen = targets
    .filter((t) => t.measure === 'percent' && t.status in rank && ctx.registry.indicators.has(t.indicator))
    .sort((a, b) => rank[a.status] - rank[b.status])
    .filter((t, i, all) => all.findIndex((x) => x.indicator === t.indicator) === i)
    .slice(0, LAGGING_INDICATORS);
  const out: BriefLagging[] = [];
  for (const t of chosen) {
    const answer = await ctx.indicators.run({
      id: t.indicator,
      unit,
      from: month,
      to: month,
      by: 'unit',
      filters: {},
      scope,
    });
    const below = answer.rows
      .filter((r) => r.unit !== unit && r.value !== null && !r.suppressed)
      .filter((r) => !meets({ comparator: t.comparator as '>=' | '<=' | 'done', target: t.target }, r.value!))
      .sort((a, b) => (t.comparator === '<=' ? b.value! - a.value! : a.value! - b.value!));
    for (const r of below)
      out.push({
        unit: r.unit,
        name: r.unit_name,
        indicator: t.indicator,
        title_vi: t.title_vi,
        title_en: t.title_en,
        measure: t.measure,
        value: r.value,
        target: t.target,
        comparator: t.comparator,
      });
  }
  return out;
}

/** The index's period for a brief: its month, or its quarter. */
const indexPeriod = (period: BriefPeriod, month: string): string => (period.kind === 'quarter' ? period.id : month);

/** The unit's Decision 766 score in the period and the one before, or null when the store cannot score it. */
async function index766(
  ctx: Context,
  unit: string,
  scope: Scope,
  periods: [BriefPeriod, BriefPeriod],
  month: string,
): Promise<BriefContent['index766']> {
  const [period, previous] = periods;
  // a store without dossiers (or without the index's indicators) has no score: the brief says nothing of it
  const ask = (p: string) => ctx.index766.answer({ unit, period: p, by: 'unit', scope, lang: 'vi' }).catch(() => null);
  const now = await ask(indexPeriod(period, month));
  if (!now) return null;
  const before = await ask(indexPeriod(previous, addMonths(month, -1)));
  const score = now.rows.find((r) => r.unit === unit)?.score ?? null;
  const prev = before?.rows.find((r) => r.unit === unit)?.score ?? null;
  if (score === null && prev === null) return null;
  return {
    period: indexPeriod(period, month),
    score,
    previous: prev,
    losses: [...now.losses]
      .sort((a, b) => b.lost - a.lost)
      .slice(0, INDEX766_LOSSES)
      .map((l) => ({ indicator: l.indicator, lost: l.lost, text_vi: l.text_vi, text_en: l.text_en })),
  };
}

/** The brief's content for a unit and period, compared with `previous`. */
export async function gatherBrief(
  ctx: Context,
  unit: string,
  period: BriefPeriod,
  previous: BriefPeriod,
): Promise<BriefContent> {
  const u = ctx.units.get(unit);
  if (!u) throw new Error(`no unit ${unit}`);
  const meta = answerMeta(ctx, null);
  const dataDate = meta.data_date ?? new Date().toISOString().slice(0, 10);
  const scope = briefScope(ctx, unit);
  const on = readOn(period, dataDate);
  const month = on.slice(0, 7);
  const [now, before] = await Promise.all([
    ctx.targets.forUnit(unit, scope, on),
    ctx.targets.forUnit(unit, scope, readOn(previous, dataDate)),
  ]);
  const targets = now.map((t) =>
    briefTarget(
      t,
      before.find((b) => b.target_id === t.target_id),
    ),
  );
  const parent = u.parent_id ? ctx.units.get(u.parent_id) : undefined;
  return {
    unit,
    unit_name: u.name,
    level: u.level,
    parent_name: parent?.name ?? null,
    period,
    previous_period: previous,
    data_date: dataDate,
    data_version: meta.data_version,
    generated: meta.generated,
    disclosure: meta.disclosure,
    min_cell: meta.min_cell,
    targets,
    lagging: await lagging(ctx, unit, scope, month, targets),
    index766: await index766(ctx, unit, scope, [period, previous], month),
    figures: await figures(ctx, unit, scope, month, dataDate),
    followup: await followUp(ctx, scope, unit, { from: period.from, to: period.to }),
  };
}
