// From a target and its indicator's monthly columns to the trajectory chart's input: flows
// (time = sum) as trailing 12-month values, the way /api/targets judges them; stocks as monthly values.
import type { IndicatorMeta, TargetAnswer } from '../../api/client.ts';
import { addMonths, monthlyValues, trailing12Visible, type Cols } from '../series.ts';
import type { TrajectoryInput } from './trajectory-option.ts';

export function targetTrajectory(target: TargetAnswer, meta: Pick<IndicatorMeta, 'time' | 'scale'>, cols: Cols, name: string): TrajectoryInput {
  const flow = meta.time === 'sum';
  const trailing = flow ? trailing12Visible(cols, meta.scale) : null;
  const values = trailing ? trailing.values : monthlyValues(cols);
  return {
    periods: cols.period.map((p) => p.slice(0, 7)),
    values,
    // a flow's window is unknown only when every month in it is hidden
    suppressed: trailing ? values.map((v, k) => v === null && cols.suppressed[k]) : cols.suppressed.slice(),
    partial: trailing?.partial,
    judged: target.value_month && target.value !== null && !target.suppressed ? { month: target.value_month, value: target.value } : null,
    target: target.target,
    deadline: target.deadline,
    unit: target.unit === 'milestone' ? 'count' : target.unit,
    status: target.status,
    projected: target.projected,
    name,
  };
}

/** The months a by=unit ranking of the target should cover: the judged month, or 12 months up to it for flows. */
export function rankingWindow(meta: Pick<IndicatorMeta, 'time'>, month: string): { from: string; to: string } {
  return { from: meta.time === 'sum' ? addMonths(month, -11) : month, to: month };
}

/** The filters under which a target is judged (procedure level for level-specific targets). */
export function targetFilters(target: Pick<TargetAnswer, 'level'>, meta: Pick<IndicatorMeta, 'filters'>): Record<string, string> {
  return meta.filters.includes('procedure_level') && target.level !== 'all' ? { procedure_level: target.level } : {};
}
