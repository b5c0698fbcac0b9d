// Which part of the Overview a target belongs in, beside its status (issue 17, "triage first"): the targets a
// leader can still act on come first. Computed once, on the server, for every answer of /api/targets (the
// `triage` field); the Overview and the wall only group by it. The rule is in docs/targets.md. Pure: the web app
// imports TRIAGE_ORDER from here.
import { deadlinePassed, type TargetStatus } from './status.ts';

/**
 * - `attention`: the deadline is ahead and the target is at risk (less than 50 % likely to be met, or a
 *   milestone not done yet);
 * - `on_track`: the deadline is ahead and the target is on track or already met (and forecast to hold);
 * - `unknown`: the deadline is ahead and nothing measures it (no data, or its value is withheld);
 * - `passed`: the deadline has passed (before the data date): decided, met or missed (or never measured).
 */
export type Triage = 'attention' | 'on_track' | 'unknown' | 'passed';

/** The order the Overview and the wall show the groups in. */
export const TRIAGE_ORDER: readonly Triage[] = ['attention', 'on_track', 'unknown', 'passed'];

/** The group of a target from its status, its deadline and the data date its status was judged on. */
export function triageOf(status: TargetStatus | 'suppressed', deadline: string, today: string): Triage {
  if (deadlinePassed(deadline, today)) return 'passed';
  if (status === 'at_risk' || status === 'missed') return 'attention';
  if (status === 'on_track' || status === 'met') return 'on_track';
  return 'unknown';
}
