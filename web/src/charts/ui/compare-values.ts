// The values a KPI tile compares with (charts/ui/period-tile.tsx): the previous period and the same period a
// year before, each as the tile would show it if that period were chosen (the published months summed, or the
// server's total where the tile asks for one), so a change is between two figures a person can see. A period
// before the server's first month, or a count ending in the month still in progress (a few days against full
// months), compares with nothing.
import { fetchIndicatorColumns, type IndicatorColumns } from '../../api/client.ts';
import type { FilterKey } from '../../state/view-state.ts';
import { comparisons, type PeriodMode, type Span } from '../../components/period.ts';
import { monthInProgress } from '../../views/index766/index766-format.ts';
import { rangeValue } from '../series.ts';
import type { Compared } from './compare.ts';
import { allowedFilters, type Loaded } from './load-series.ts';

/** With the cell-key method a flow with a denominator is the server's total (its rule for a published rate). */
export const usesServerTotal = (cols: Pick<IndicatorColumns, 'disclosure' | 'denominator'>): boolean =>
  cols.disclosure === 'cellkey' && cols.denominator.some((d) => d !== null);

export interface ComparedValues {
  /** null when the server has no data that early, or when it is the same months as `lastYear` (`same`) */
  previous: Compared | null;
  lastYear: Compared | null;
  same: boolean;
  /** the month in progress a count ends with: not compared */
  partial: string | null;
}

export interface CompareRequest extends Span {
  unit: string;
  filters: Partial<Record<FilterKey, string>>;
  mode: PeriodMode;
  /** the server's first month */
  first: string;
}

export async function loadCompared({ meta, cols }: Loaded, r: CompareRequest): Promise<ComparedValues> {
  const flow = meta.time === 'sum';
  const count = !cols.denominator.some((d) => d !== null);
  const c = comparisons(r);
  const none = { previous: null, lastYear: null, same: c.same };
  if (flow && count && cols.data_date && monthInProgress(cols.data_date) === r.to) return { ...none, partial: r.to };
  const filters = allowedFilters(meta, r.filters);
  const spans = (c.same ? [c.lastYear] : [c.previous, c.lastYear]).filter((s) => (flow ? s.from : s.to) >= r.first);
  if (spans.length === 0) return { ...none, partial: null };
  const total = async (s: Span): Promise<Compared> => {
    const t = await fetchIndicatorColumns(meta.id, { unit: r.unit, by: 'total', ...s, filters });
    return { value: t.suppressed[0] ? null : (t.value[0] ?? null), suppressed: t.suppressed[0] ?? false };
  };
  const serverTotal = flow && usesServerTotal(cols);
  // the months of both periods in one answer (a rate under cell-key needs only the totals)
  const monthly = serverTotal
    ? null
    : await fetchIndicatorColumns(meta.id, {
        unit: r.unit,
        by: 'month',
        from: spans.map((s) => s.from).sort()[0],
        to: spans.map((s) => s.to).sort()[spans.length - 1],
        filters,
      });
  const valueOf = async (s: Span): Promise<Compared> => {
    if (!monthly) return total(s);
    const local = rangeValue(monthly, flow ? s.from : s.to, s.to, meta.time, meta.scale);
    return flow && local.suppressed ? total(s) : local;
  };
  const find = async (s: Span) => (spans.includes(s) ? valueOf(s) : null);
  const [previous, lastYear] = await Promise.all([c.same ? null : find(c.previous), find(c.lastYear)]);
  return { previous, lastYear, same: c.same, partial: null };
}
