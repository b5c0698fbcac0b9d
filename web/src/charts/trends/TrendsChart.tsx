// Monthly trends of one or more indicators.
import { useMemo } from 'react';
import { useStable } from '../../app/use-stable.ts';
import { useI18n } from '../../i18n/index.ts';
import EChart from '../EChart.tsx';
import { trendsOption, type TrendsInput } from './trends-option.ts';

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
  const option = useMemo(() => trendsOption(data, i, { wall }), [data, i, wall]);
  return <EChart option={option} label={label} wall={wall} height={height ?? (wall ? 460 : 300)} />;
}
