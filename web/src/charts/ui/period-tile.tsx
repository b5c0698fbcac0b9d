// A KPI tile for one indicator over a period: summed from the monthly columns already loaded, or,
// when a month of a flow is hidden, asked of the API as one total (a 12-month total is rarely small
// even when single months are). With the cell-key method a flow with a denominator (a rate, an average)
// is always the server's total: its rule (published numerator / published denominator, shares kept
// within 0–100 %) is the server's alone. The value that changed with a live update is highlighted.
import { fetchIndicatorColumns } from '../../api/client.ts';
import { useAsync } from '../../app/use-async.ts';
import { useI18n } from '../../i18n/index.ts';
import { useLiveVersion } from '../../live/LiveProvider.tsx';
import { useFlash } from '../../live/use-flash.ts';
import type { FilterKey } from '../../state/view-state.ts';
import { rangeValue } from '../series.ts';
import { allowedFilters, type Loaded } from './load-series.ts';
import { IndicatorTile } from './panel.tsx';

export interface PeriodTileProps {
  loaded: Loaded;
  unit: string;
  from: string;
  to: string;
  filters: Partial<Record<FilterKey, string>>;
  label: string;
  note?: string;
  selected?: boolean;
  onSelect?: () => void;
}

export function PeriodTile({ loaded, unit, from, to, filters, ...tile }: PeriodTileProps) {
  const { meta, cols } = loaded;
  const flow = meta.time === 'sum';
  const local = rangeValue(cols, flow ? from : to, to, meta.time, meta.scale);
  const serverRule = cols.disclosure === 'cellkey' && cols.denominator.some((d) => d !== null);
  const needTotal = flow && (local.suppressed || serverRule);
  let last = -1;
  cols.period.forEach((p, k) => {
    if (p >= (flow ? from : to) && p <= to) last = k;
  });
  const total = useAsync(
    () =>
      needTotal
        ? fetchIndicatorColumns(meta.id, { unit, by: 'total', from, to, filters: allowedFilters(meta, filters) })
        : Promise.resolve(null),
    JSON.stringify([needTotal, meta.id, unit, from, to, filters]),
    useLiveVersion({ indicators: [meta.id], domains: [meta.domain], units: [unit] }),
  );
  const i = useI18n();
  const answer = total.status === 'ready' ? total.data : null;
  // While the total is on its way the tile says so: showing the summed months' "hidden" would be wrong.
  const v =
    needTotal && answer
      ? {
          value: answer.suppressed[0] ? null : (answer.value[0] ?? null),
          suppressed: answer.suppressed[0] ?? false,
          reason: answer.suppression[0] ?? null,
        }
      : { ...local, reason: flow ? null : (cols.suppression[last] ?? null) };
  const disclosure = { disclosure: cols.disclosure, minCell: cols.min_cell ?? undefined };
  const flash = useFlash(
    needTotal && total.status === 'loading' ? undefined : `${v.value}|${v.suppressed}`,
    JSON.stringify([meta.id, unit, from, to, filters, i.lang]),
  );
  if (needTotal && total.status === 'loading')
    return <IndicatorTile {...tile} value={null} unit={meta.unit} suppressed={false} note={i.t('screens.loading')} />;
  return (
    <IndicatorTile
      {...tile}
      {...disclosure}
      value={v.value}
      unit={meta.unit}
      suppressed={v.suppressed}
      reason={v.reason}
      flash={flash}
    />
  );
}
