// The trajectory of one target: values, target line, deadline line, projection; under it, its unit, period (the
// month in progress said as such) and source.
import { useMemo } from 'react';
import { useStable } from '../../app/use-stable.ts';
import { useI18n } from '../../i18n/index.ts';
import { monthSpan } from '../chart-info.ts';
import EChart from '../EChart.tsx';
import { partialMonth } from '../partial-month.ts';
import { ChartInfo, useIndicatorSources } from '../ui/ChartInfo.tsx';
import { trajectoryOption, type TrajectoryInput } from './trajectory-option.ts';

export default function TrajectoryChart({
  input,
  label,
  wall,
  height,
}: {
  input: TrajectoryInput;
  label: string;
  wall?: boolean;
  height?: number;
}) {
  const i = useI18n();
  // Keyed on the data, not the object: a screen that renders again (a live refresh) with the same
  // data leaves the chart as it is instead of drawing it anew.
  const data = useStable(input);
  const option = useMemo(() => trajectoryOption(data, i, { wall }), [data, i, wall]);
  const sources = useIndicatorSources([data.indicator]);
  return (
    <>
      <EChart option={option} label={label} wall={wall} height={height ?? (wall ? 520 : 340)} />
      <ChartInfo
        unit={data.unit}
        period={monthSpan(data.periods)}
        partial={partialMonth(data.periods, data.dataDate)}
        dataDate={data.dataDate}
        sources={sources}
      />
    </>
  );
}
