// The charts of the Decision 766 screen (option builders: index766-options.ts, bars-option.ts), each keyed on
// its data, so a live refresh with the same data leaves it as drawn. Each says its unit under it (its panel's line
// above says the unit, period and source).
import { useMemo } from 'react';
import { useStable } from '../../app/use-stable.ts';
import { useI18n } from '../../i18n/index.ts';
import EChart from '../EChart.tsx';
import { ChartInfo } from '../ui/ChartInfo.tsx';
import { communesOption, groupsOption, type CommuneBar, type GroupBar } from './bars-option.ts';
import { scoreMonthsOption, type ScoreMonthsInput } from './index766-options.ts';

interface Common {
  label: string;
  wall?: boolean;
}

export function ScoreMonthsChart({ input, label, wall }: Common & { input: ScoreMonthsInput }) {
  const i = useI18n();
  const data = useStable(input);
  const option = useMemo(() => scoreMonthsOption(data, i, { wall }), [data, i, wall]);
  return (
    <>
      <EChart option={option} label={label} wall={wall} height={wall ? 420 : 300} />
      <ChartInfo unit="points" />
    </>
  );
}

export function GroupsChart({ groups, label, wall }: Common & { groups: GroupBar[] }) {
  const i = useI18n();
  const data = useStable(groups);
  const option = useMemo(() => groupsOption(data, i, { wall }), [data, i, wall]);
  return (
    <>
      <EChart option={option} label={label} wall={wall} height={groups.length * (wall ? 64 : 46) + 70} />
      <ChartInfo unit="points_group" />
    </>
  );
}

export function CommunesChart({
  rows,
  axisMin,
  highlight,
  label,
  wall,
  onSelect,
}: Common & { rows: CommuneBar[]; axisMin: number; highlight?: string; onSelect?: (unit: string) => void }) {
  const i = useI18n();
  const data = useStable({ rows, axisMin, highlight });
  const option = useMemo(() => communesOption(data, i, { wall }), [data, i, wall]);
  const names = rows.map((r) => r.name);
  return (
    <>
      <EChart
        option={option}
        label={label}
        wall={wall}
        height={Math.max(180, rows.length * (wall ? 40 : 26) + (axisMin > 0 ? 62 : 50))}
        onItemClick={(name) => {
          const k = names.findIndex((n) => name === n || name.startsWith(`${n} (`));
          if (k >= 0 && onSelect) onSelect(rows[k].unit);
        }}
      />
      <ChartInfo unit="points" />
    </>
  );
}
