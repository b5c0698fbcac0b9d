// From a target's answer and the trajectory the server computed for it (GET /api/targets?trajectory=:
// flows as trailing 12-month values, the way the target is judged; stocks as monthly values) to the
// trajectory chart's input. Nothing is recomputed here: the chart draws what the server sent.
import type { IndicatorMeta, TargetAnswer, TargetTrajectory } from '../../api/client.ts';
import { addMonths } from '../../../../server/contracts/months.ts';
import type { DisclosureInfo } from '../withheld.ts';
import type { TrajectoryInput } from './trajectory-option.ts';

/** `disclosure`: the targets answer's method and k (the words for a withheld month). */
export function targetTrajectory(
  target: TargetAnswer,
  trajectory: TargetTrajectory,
  name: string,
  disclosure?: DisclosureInfo,
): TrajectoryInput {
  const forecast = target.forecast_at_deadline;
  return {
    periods: trajectory.months,
    values: trajectory.values,
    suppressed: trajectory.suppressed,
    partial: trajectory.partial,
    judged:
      target.value_month && target.value !== null && !target.suppressed
        ? { month: target.value_month, value: target.value }
        : null,
    target: target.target,
    deadline: target.deadline,
    unit: target.unit === 'milestone' ? 'count' : target.unit,
    status: target.status,
    forecast: forecast === null ? null : { value: forecast, lo80: target.lo80, hi80: target.hi80 },
    name,
    disclosure,
    dataDate: target.data_date,
    indicator: target.indicator,
  };
}

/** The months a by=unit ranking of the target should cover: the judged month, or 12 months up to it for flows. */
export function rankingWindow(meta: Pick<IndicatorMeta, 'time'>, month: string): { from: string; to: string } {
  return { from: meta.time === 'sum' ? addMonths(month, -11) : month, to: month };
}

/** The filters under which a target is judged (procedure level for level-specific targets). */
export function targetFilters(
  target: Pick<TargetAnswer, 'level'>,
  meta: Pick<IndicatorMeta, 'filters'>,
): Record<string, string> {
  return meta.filters.includes('procedure_level') && target.level !== 'all' ? { procedure_level: target.level } : {};
}
