// Pure helpers of the Overview: which month to read, the lagging communes for an indicator, and the
// changes between the last two complete months. Tested in tests/unit/web-overview.test.ts.
import { addMonths } from '../../../../server/contracts/months.ts';

export interface UnitValue {
  unit: string;
  unit_name: string;
  value: number | null;
  suppressed: boolean;
}

/** Indicators whose month-on-month change per commune the feed reports (rates: a partial count is not a change). */
export const KEY_INDICATORS = [
  'pct_online_dossiers',
  'pct_resolved_on_time',
  'pct_online_dossiers_eid_authenticated',
  'pct_dossiers_no_proof_documents',
  'pct_eligible_with_chip_id_card',
  'pct_vneid_level2',
] as const;

/** A change smaller than this many percentage points is noise, not news. */
export const MIN_CHANGE_POINTS = 1;

/** The last month the data cover completely: the data date's month if it is the month's last day. */
export function lastCompleteMonth(dataDate: string): string {
  const [y, m, d] = dataDate.slice(0, 10).split('-').map(Number);
  const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const month = `${y}-${String(m).padStart(2, '0')}`;
  return d >= lastDay ? month : addMonths(month, -1);
}

/** Units ranked worst first for the indicator's direction; hidden and missing values are left out. */
export function rankLagging(rows: UnitValue[], direction: string, limit = 5): UnitValue[] {
  const sign = direction === 'lower' ? -1 : 1;
  return rows
    .filter((r) => !r.suppressed && r.value !== null)
    .sort((a, b) => sign * (a.value! - b.value!) || a.unit_name.localeCompare(b.unit_name, 'vi'))
    .slice(0, limit);
}

export interface Change {
  indicator: string;
  unit: string;
  unit_name: string;
  from: number;
  to: number;
  delta: number;
  /** the change goes the way the indicator wants */
  better: boolean;
}

/** Per unit and indicator, the change from `prev` to `last`, largest first; hidden values are never compared. */
export function recentChanges(
  series: { indicator: string; direction: string; prev: UnitValue[]; last: UnitValue[] }[],
  minChange = MIN_CHANGE_POINTS,
  limit = 8,
): Change[] {
  const out: Change[] = [];
  for (const s of series) {
    const before = new Map(s.prev.filter((r) => !r.suppressed && r.value !== null).map((r) => [r.unit, r.value!]));
    for (const r of s.last) {
      const from = before.get(r.unit);
      if (r.suppressed || r.value === null || from === undefined) continue;
      const delta = r.value - from;
      if (Math.abs(delta) < minChange) continue;
      out.push({
        indicator: s.indicator,
        unit: r.unit,
        unit_name: r.unit_name,
        from,
        to: r.value,
        delta,
        better: s.direction === 'lower' ? delta < 0 : delta > 0,
      });
    }
  }
  return out
    .sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta) || a.unit_name.localeCompare(b.unit_name, 'vi'))
    .slice(0, limit);
}

/** Counts of targets per status for the summary line. */
export function countStatuses(
  statuses: string[],
): Record<'met' | 'on_track' | 'at_risk' | 'missed' | 'no_data' | 'suppressed', number> {
  const c = { met: 0, on_track: 0, at_risk: 0, missed: 0, no_data: 0, suppressed: 0 };
  for (const s of statuses) if (s in c) c[s as keyof typeof c] += 1;
  return c;
}
