// A KPI tile for one indicator over a period: summed from the monthly columns already loaded, or,
// when a month of a flow is hidden, asked of the API as one total (a 12-month total is rarely small
// even when single months are). With the cell-key method a flow with a denominator (a rate, an average)
// is always the server's total: its rule (published numerator / published denominator, shares kept
// within 0–100 %) is the server's alone. The value that changed with a live update is highlighted.
// With `compare`, it says how the value moved since the previous period and the same period a year
// before (./compare-values.ts: the values the tile would show for those periods).
import type { ReactNode } from 'react';
import { fetchIndicatorColumns } from '../../api/client.ts';
import { useAsync } from '../../app/use-async.ts';
import { useI18n } from '../../i18n/index.ts';
import { useLiveVersion } from '../../live/LiveProvider.tsx';
import { useFlash } from '../../live/use-flash.ts';
import type { FilterKey } from '../../state/view-state.ts';
import type { PeriodMode } from '../../components/period.ts';
import { rangeValue } from '../series.ts';
import { allowedFilters, type Loaded } from './load-series.ts';
import { ValueText } from './panel.tsx';
import { TileChanges } from './TileChanges.tsx';
import { loadCompared, usesServerTotal } from './compare-values.ts';
import '../../styles/analyst.css';

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
  /** compare with the previous period and the same period last year: the period's kind, the server's first month */
  compare?: { mode: PeriodMode; first: string };
}

export function PeriodTile({ loaded, unit, from, to, filters, compare, ...tile }: PeriodTileProps) {
  const { meta, cols } = loaded;
  const flow = meta.time === 'sum';
  const local = rangeValue(cols, flow ? from : to, to, meta.time, meta.scale);
  const needTotal = flow && (local.suppressed || usesServerTotal(cols));
  let last = -1;
  cols.period.forEach((p, k) => {
    if (p >= (flow ? from : to) && p <= to) last = k;
  });
  const live = useLiveVersion({ indicators: [meta.id], domains: [meta.domain], units: [unit] });
  const total = useAsync(
    () =>
      needTotal
        ? fetchIndicatorColumns(meta.id, { unit, by: 'total', from, to, filters: allowedFilters(meta, filters) })
        : Promise.resolve(null),
    JSON.stringify([needTotal, meta.id, unit, from, to, filters]),
    live,
  );
  const other = useAsync(
    () => (compare ? loadCompared(loaded, { unit, from, to, filters, ...compare }) : Promise.resolve(null)),
    JSON.stringify([!!compare, compare?.mode, compare?.first, meta.id, unit, from, to, filters]),
    live,
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
  const flash = useFlash(
    needTotal && total.status === 'loading' ? undefined : `${v.value}|${v.suppressed}`,
    JSON.stringify([meta.id, unit, from, to, filters, i.lang]),
  );
  if (needTotal && total.status === 'loading')
    return (
      <Tile
        {...tile}
        note={i.t('screens.loading')}
        value={<ValueText value={null} unit={meta.unit} suppressed={false} />}
      />
    );
  return (
    <Tile
      {...tile}
      flash={flash}
      value={
        <ValueText
          value={v.value}
          unit={meta.unit}
          suppressed={v.suppressed}
          reason={v.reason}
          disclosure={cols.disclosure}
          minCell={cols.min_cell ?? undefined}
        />
      }
    >
      {other.status === 'ready' && other.data && (
        <TileChanges now={v} compared={other.data} unit={meta.unit} direction={meta.direction} />
      )}
    </Tile>
  );
}

/** The tile's box (as charts/ui/panel.tsx's IndicatorTile, with room for the changes under the value). */
function Tile(props: {
  label: string;
  value: ReactNode;
  note?: string;
  selected?: boolean;
  onSelect?: () => void;
  flash?: string;
  children?: ReactNode;
}) {
  const body = (
    <>
      <span className="period-tile__label">{props.label}</span>
      <strong className="period-tile__value">{props.value}</strong>
      {props.note && <span className="period-tile__note">{props.note}</span>}
      {props.children}
    </>
  );
  const className = ['ioc-kpi', 'period-tile', props.selected ? 'period-tile--selected' : '', props.flash ?? '']
    .filter(Boolean)
    .join(' ');
  return props.onSelect ? (
    <button type="button" className={className} aria-pressed={props.selected} onClick={props.onSelect}>
      {body}
    </button>
  ) : (
    <div className={className}>{body}</div>
  );
}
