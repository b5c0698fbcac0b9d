// The Forecast screen's charts: the projected pyramid over today's, and the fan of totals by scenario.
import { useMemo } from 'react';
import { useStable } from '../../app/use-stable.ts';
import { useI18n } from '../../i18n/index.ts';
import EChart from '../EChart.tsx';
import { fanOption, projectedPyramidOption, type FanSeries, type PyramidPair } from './forecast-option.ts';

export function ProjectedPyramid({ pair, label, wall }: { pair: PyramidPair; label: string; wall?: boolean }) {
  const i = useI18n();
  const data = useStable(pair);
  const option = useMemo(() => projectedPyramidOption(data, i, { wall }), [data, i, wall]);
  return <EChart option={option} label={label} wall={wall} height={wall ? 640 : 440} />;
}

export function ScenarioFan({ series, label, wall }: { series: FanSeries[]; label: string; wall?: boolean }) {
  const i = useI18n();
  const data = useStable(series);
  const option = useMemo(() => fanOption(data, i, { wall }), [data, i, wall]);
  return <EChart option={option} label={label} wall={wall} height={wall ? 520 : 360} />;
}
