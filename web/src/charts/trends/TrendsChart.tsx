// Monthly trends of one or more indicators. More than MAX_SERIES lines cannot be told apart: the chart then draws
// the first DEFAULT_SERIES and offers the others in a list of checkboxes above it (at most MAX_SERIES at once; none
// on the wall). Under the chart, its unit, period (the month in progress said as such) and source.
import { useMemo, useState } from 'react';
import { useStable } from '../../app/use-stable.ts';
import { useI18n } from '../../i18n/index.ts';
import { monthSpan } from '../chart-info.ts';
import { SERIES_COLORS } from '../chart-style.ts';
import EChart from '../EChart.tsx';
import { partialMonth } from '../partial-month.ts';
import { ChartInfo } from '../ui/ChartInfo.tsx';
import { MAX_SERIES, shownSeries, trendsDataDate, trendsOption, type TrendsInput } from './trends-option.ts';

export default function TrendsChart({
  input,
  label,
  wall,
  height,
}: {
  input: TrendsInput;
  label: string;
  wall?: boolean;
  height?: number;
}) {
  const i = useI18n();
  // Keyed on the data, not the object: a screen that renders again (a live refresh) with the same
  // data leaves the chart as it is instead of drawing it anew.
  const data = useStable(input);
  const count = data.series.length;
  // the choice holds while the chart shows the same number of series (a refresh, a language switch)
  const [picked, setPicked] = useState<{ count: number; shown: number[] } | null>(null);
  const shown = shownSeries(count, picked?.count === count ? picked.shown : undefined);
  const shownKey = shown.join(',');
  const option = useMemo(
    () => trendsOption({ ...data, shown: shownKey.split(',').map(Number) }, i, { wall }),
    [data, i, wall, shownKey],
  );
  const months = useMemo(() => [...new Set(data.series.flatMap((s) => s.periods))].sort(), [data]);
  const dataDate = trendsDataDate(data);
  const toggle = (k: number) => {
    const next = shown.includes(k) ? shown.filter((x) => x !== k) : [...shown, k];
    if (next.length >= 1 && next.length <= MAX_SERIES) setPicked({ count, shown: next });
  };
  return (
    <>
      {count > MAX_SERIES && !wall && (
        <SeriesPicker names={data.series.map((s) => s.name)} shown={shown} onToggle={toggle} />
      )}
      <EChart option={option} label={label} wall={wall} height={height ?? (wall ? 460 : 300)} />
      <ChartInfo
        unit={data.unit}
        period={monthSpan(months)}
        partial={partialMonth(months, dataDate)}
        dataDate={dataDate}
        sources={shown.flatMap((k) => data.series[k]?.sources ?? [])}
      />
    </>
  );
}

/** Checkboxes of the series, each with its line's colour; at most MAX_SERIES ticked, at least one. */
function SeriesPicker({ names, shown, onToggle }: { names: string[]; shown: number[]; onToggle: (k: number) => void }) {
  const i = useI18n();
  const full = shown.length >= MAX_SERIES;
  return (
    <fieldset
      className="chart-picker"
      style={{ border: 'none', margin: '0 0 6px', padding: 0, minWidth: 0, fontSize: '0.85rem' }}
    >
      <legend style={{ padding: 0, fontWeight: 600 }}>{i.t('charts.pick.legend', { max: MAX_SERIES })}</legend>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: '0 14px' }}>
        {names.map((name, k) => {
          const on = shown.includes(k);
          return (
            <label key={k} style={{ display: 'inline-flex', alignItems: 'center', gap: 6, minHeight: 28 }}>
              <input
                type="checkbox"
                style={{ minHeight: 0, width: 18, height: 18, margin: 0, padding: 0 }}
                checked={on}
                disabled={(on && shown.length === 1) || (!on && full)}
                onChange={() => onToggle(k)}
              />
              <span
                aria-hidden="true"
                style={{
                  width: 14,
                  height: 4,
                  borderRadius: 2,
                  background: SERIES_COLORS[k % SERIES_COLORS.length],
                  flex: 'none',
                }}
              />
              {name}
            </label>
          );
        })}
      </div>
      <p className="panel__note" style={{ margin: '2px 0 0', fontSize: '0.8rem' }}>
        {i.t(full ? 'charts.pick.full' : 'charts.pick.hint', { n: shown.length, total: names.length })}
      </p>
    </fieldset>
  );
}
