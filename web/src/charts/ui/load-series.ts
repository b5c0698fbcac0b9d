// Loads several indicators' monthly columns at once (each with only the filters it accepts) and
// the by=unit columns a ranking needs; used by the Procedures and Population screens.
import { fetchIndicatorColumns, type IndicatorColumns, type IndicatorMeta } from '../../api/client.ts';
import { indicators } from '../../app/data.ts';
import type { FilterKey } from '../../state/view-state.ts';
import type { RankingRow } from '../ranking/ranking-option.ts';
import type { TrendSeries } from '../trends/trends-option.ts';
import { monthlyValues } from '../series.ts';
import { DEFAULT_MIN_CELL, type DisclosureInfo } from '../withheld.ts';

export interface Loaded {
  meta: IndicatorMeta;
  cols: IndicatorColumns;
}
type Filters = Partial<Record<FilterKey, string>>;

/** The indicator each answer loadMonthly fetched was asked for: a trend line names its sources from it. */
const metaOfAnswer = new WeakMap<IndicatorColumns, IndicatorMeta>();

/** Only the filters an indicator allows (others would be refused by the API). */
export function allowedFilters(meta: Pick<IndicatorMeta, 'filters'>, filters: Filters): Filters {
  return Object.fromEntries(
    Object.entries(filters).filter(([k, v]) => v && (meta.filters as readonly string[]).includes(k)),
  );
}

export async function loadMonthly(
  ids: string[],
  unit: string,
  filters: Filters,
  from?: string,
  to?: string,
): Promise<Map<string, Loaded>> {
  const catalogue = await indicators();
  const metas = ids
    .map((id) => catalogue.indicators.find((m) => m.id === id))
    .filter((m): m is IndicatorMeta => m !== undefined);
  const loaded = await Promise.all(
    metas.map(async (meta) => ({
      meta,
      cols: await fetchIndicatorColumns(meta.id, {
        unit,
        by: 'month',
        from,
        to,
        filters: allowedFilters(meta, filters),
      }),
    })),
  );
  for (const l of loaded) metaOfAnswer.set(l.cols, l.meta);
  return new Map(loaded.map((l) => [l.meta.id, l]));
}

/** A by=unit answer as ranking rows, each with its period and the answer's data date (the chart says both). */
export function rankingRows(cols: IndicatorColumns): RankingRow[] {
  return cols.unit.map((u, k) => ({
    unit: u,
    name: cols.unit_name[k],
    value: cols.suppressed[k] ? null : cols.value[k],
    suppressed: cols.suppressed[k],
    period: cols.period[k],
    dataDate: cols.data_date || undefined,
  }));
}

/**
 * A loaded indicator as a trend line: published values, where and why the server withheld one, the answer's data
 * date (its month in progress is drawn as such) and the indicator's sources (`meta`, or the one loadMonthly asked).
 */
export function trendSeries(name: string, cols: IndicatorColumns, meta?: Pick<IndicatorMeta, 'sources'>): TrendSeries {
  const sources = (meta ?? metaOfAnswer.get(cols))?.sources;
  return {
    name,
    periods: cols.period,
    values: monthlyValues(cols),
    suppressed: cols.suppressed,
    suppression: cols.suppression,
    ...(cols.data_date ? { dataDate: cols.data_date } : {}),
    ...(sources?.length ? { sources } : {}),
  };
}

/**
 * What a panel of several loaded indicators says about disclosure: the server's method and k (from the first answer
 * that names one: every answer comes from the same server) and each indicator's own `disclosure` (count, rate, none).
 */
export function panelDisclosure(
  loaded: Map<string, Loaded>,
  ids: string[],
): DisclosureInfo & { indicators: (string | undefined)[] } {
  const answers = ids.flatMap((id) => {
    const l = loaded.get(id);
    return l ? [l] : [];
  });
  const said = answers.find((l) => l.cols.disclosure !== null) ?? answers[0];
  return {
    method: said?.cols.disclosure ?? null,
    minCell: said?.cols.min_cell ?? DEFAULT_MIN_CELL,
    indicators: answers.map((l) => l.meta.disclosure),
  };
}

/** The last month any of the loaded series has data for. */
export function lastMonth(loaded: Map<string, Loaded>): string | undefined {
  let last: string | undefined;
  for (const { cols } of loaded.values()) for (const p of cols.period) if (!last || p > last) last = p;
  return last?.slice(0, 7);
}
