// Communes ranked on one indicator; a click on a bar opens that commune. Under the chart, its unit, period, source,
// and whether its value axis starts above 0.
import { useMemo } from 'react';
import { useStable } from '../../app/use-stable.ts';
import { useI18n } from '../../i18n/index.ts';
import EChart from '../EChart.tsx';
import { ChartInfo, useIndicatorSources } from '../ui/ChartInfo.tsx';
import { rankingAxisMin, rankingOption, type RankingInput } from './ranking-option.ts';

export default function RankingChart({
  input,
  label,
  wall,
  onSelect,
}: {
  input: RankingInput;
  label: string;
  wall?: boolean;
  onSelect?: (unit: string) => void;
}) {
  const i = useI18n();
  // Keyed on the data, not the object: a screen that renders again (a live refresh) with the same
  // data leaves the chart as it is instead of drawing it anew.
  const data = useStable(input);
  const option = useMemo(() => rankingOption(data, i, { wall }), [data, i, wall]);
  const sources = useIndicatorSources([data.indicator]);
  const byName = (name: string) => input.rows.find((r) => name === r.name || name.startsWith(`${r.name} (`))?.unit;
  const min = rankingAxisMin(
    data.rows.flatMap((r) => (r.suppressed || r.value === null ? [] : [r.value])),
    data.unit,
    data.target,
  );
  const height = Math.max(200, input.rows.length * (wall ? 44 : 26) + (min > 0 ? 80 : 60));
  return (
    <>
      <EChart
        option={option}
        label={label}
        wall={wall}
        height={height}
        onItemClick={(name) => {
          const unit = byName(name);
          if (unit && onSelect) onSelect(unit);
        }}
      />
      <ChartInfo
        unit={data.unit}
        period={data.period ?? data.rows[0]?.period}
        dataDate={data.rows[0]?.dataDate}
        sources={sources}
        axisNote={min > 0 ? i.t('charts.axis_from', { min: i.value(min, data.unit) }) : null}
      />
    </>
  );
}
