// The age pyramid of a unit at one month; under it, its unit, month and source.
import { useMemo } from 'react';
import { useStable } from '../../app/use-stable.ts';
import { useI18n } from '../../i18n/index.ts';
import EChart from '../EChart.tsx';
import { ChartInfo, useIndicatorSources } from '../ui/ChartInfo.tsx';
import { pyramidOption, type PyramidInput } from './pyramid-option.ts';

export default function PyramidChart({ input, label, wall }: { input: PyramidInput; label: string; wall?: boolean }) {
  const i = useI18n();
  // Keyed on the data, not the object: a screen that renders again (a live refresh) with the same
  // data leaves the chart as it is instead of drawing it anew.
  const data = useStable(input);
  const option = useMemo(() => pyramidOption(data, i, { wall }), [data, i, wall]);
  const sources = useIndicatorSources(['population']);
  return (
    <>
      <EChart option={option} label={label} wall={wall} height={wall ? 640 : 420} />
      <ChartInfo unit="persons" period={data.month} dataDate={data.dataDate} sources={sources} />
    </>
  );
}
