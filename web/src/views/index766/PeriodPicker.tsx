// The period of the 766 index: a month, quarter or year (no range: the index is scored per period), drawn by
// the one period picker of every screen (components/PeriodPicker.tsx). The URL keeps `grain` and a month (`to`)
// of the period, so a copied link reopens the same period and other screens keep it (from / to / grain).
import { PeriodPicker as Picker } from '../../components/PeriodPicker.tsx';
import { spanOf, type PeriodMode } from '../../components/period.ts';
import type { Grain } from '../../state/view-state.ts';
import { periodOf } from './index766-format.ts';

const MODES: readonly PeriodMode[] = ['month', 'quarter', 'year'];
/** Years offered back from the data month's (the index's months before them stay reachable by URL). */
const YEARS = 6;

export function PeriodPicker(props: {
  grain: Grain;
  /** the month chosen (the data month when none) */
  month: string;
  /** the month of the data date: the newest period */
  dataMonth: string;
  /** the data date, when known: a period still running says how far its data go */
  dataDate?: string;
  /** the choice: its kind, the month the index reads (`to`) and the period's first month (`from`, for other screens) */
  onChange: (grain: Grain, month: string, from: string) => void;
}) {
  const { grain, month, dataMonth } = props;
  const bounds = { from: `${Number(dataMonth.slice(0, 4)) - YEARS + 1}-01`, to: dataMonth };
  const period = periodOf(grain, month);
  // the month of the URL stands for its period: the period's span within the data (a month after it stays itself)
  const span = month > dataMonth ? { from: month, to: month } : spanOf(period, { from: '0000-01', to: dataMonth });
  return (
    <Picker
      className="i766-period"
      modes={MODES}
      view={{ mode: grain, period, ...span }}
      bounds={bounds}
      dataDate={props.dataDate}
      onChange={(c) => props.onChange(c.grain, c.to, c.from)}
    />
  );
}
