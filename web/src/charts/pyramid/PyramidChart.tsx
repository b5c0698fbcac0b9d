// The age pyramid of a unit at one month.
import { useMemo } from 'react';
import { useI18n } from '../../i18n/index.ts';
import EChart from '../EChart.tsx';
import { pyramidOption, type PyramidInput } from './pyramid-option.ts';

export default function PyramidChart({ input, label, wall }: { input: PyramidInput; label: string; wall?: boolean }) {
  const i = useI18n();
  const option = useMemo(() => pyramidOption(input, i, { wall }), [input, i, wall]);
  return <EChart option={option} label={label} wall={wall} height={wall ? 640 : 420} />;
}
