// Pure helpers of the Overview: which month to read, the lagging communes for an indicator, the changes
// between the last two complete months (tests/unit/web-overview.test.ts), and the tiles in triage order with
// their sort, filters and change since the previous month (tests/unit/web-triage.test.ts).
import { TRIAGE_ORDER, type Triage } from '../../../../server/targets/triage.ts';
import type { TargetAnswer } from '../../api/client.ts';

export interface UnitValue {
  unit: string;
  unit_name: string;
  value: number | null;
  suppressed: boolean;
}

// Which indicators the changes compare and which month the Overview reads: one rule with the server's answer.
export { KEY_INDICATORS, lastCompleteMonth } from '../../../../server/overview/rules.ts';

/** A change smaller than this many percentage points is noise, not news. */
export const MIN_CHANGE_POINTS = 1;

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

// ---- Issue 17: the tiles in triage order, their sort and filters, and the change since the previous month ----

/** The fields of a target answer the tiles are grouped, filtered and sorted on. */
export type TileFields = Pick<TargetAnswer, 'target_id' | 'group' | 'status' | 'deadline' | 'probability' | 'triage'>;

/** The plan's groups in the plan's order; a group the plan does not name goes after them. */
export const TARGET_GROUPS = ['tthc', 'cong_dan_so', 'du_lieu', 'lien_thong'];

/** The groups of these targets, in the plan's order. */
export function groupsOf(targets: readonly Pick<TileFields, 'group'>[]): string[] {
  const present = new Set(targets.map((x) => x.group));
  return TARGET_GROUPS.filter((g) => present.has(g)).concat([...present].filter((g) => !TARGET_GROUPS.includes(g)));
}

/** The years of these targets' deadlines, soonest first. */
export function deadlineYears(targets: readonly Pick<TileFields, 'deadline'>[]): string[] {
  return [...new Set(targets.map((x) => x.deadline.slice(0, 4)))].sort();
}

/** The order of statuses when sorting by status: what needs action first, what cannot be read last. */
const STATUS_RANK: Record<string, number> = { at_risk: 0, missed: 1, on_track: 2, met: 3, no_data: 4, suppressed: 5 };

export interface TileChoice {
  sort?: 'deadline' | 'status' | 'group';
  status?: string;
  group?: string;
  due?: string;
}

/**
 * The choice that applies to these targets: a group or a deadline year that none of them has is dropped (a link
 * to another unit's or an old plan's group opens the whole list, not an empty one). A status stays: "none at risk"
 * is an answer.
 */
export function effectiveChoice(targets: readonly TileFields[], choice: TileChoice): TileChoice {
  return {
    sort: choice.sort,
    status: choice.status,
    group: choice.group && targets.some((x) => x.group === choice.group) ? choice.group : undefined,
    due: choice.due && targets.some((x) => x.deadline.startsWith(choice.due!)) ? choice.due : undefined,
  };
}

export function filterTiles<T extends TileFields>(targets: readonly T[], choice: TileChoice): T[] {
  return targets.filter(
    (x) =>
      (!choice.status || x.status === choice.status) &&
      (!choice.group || x.group === choice.group) &&
      (!choice.due || x.deadline.startsWith(choice.due)),
  );
}

const byId = (a: TileFields, b: TileFields) => a.target_id.localeCompare(b.target_id, 'en', { numeric: true });

/**
 * The tiles' order inside one triage group. Triage (the default): soonest deadline first, then the least likely
 * to be met; a passed group shows its latest deadlines first. By deadline: soonest first. By status: at risk,
 * missed, on track, met, no data, withheld. By group: the plan's group order.
 */
export function compareTiles(sort: TileChoice['sort'], passed: boolean, groups: readonly string[]) {
  return (a: TileFields, b: TileFields): number => {
    if (sort === 'deadline') return a.deadline.localeCompare(b.deadline) || byId(a, b);
    if (sort === 'status') return STATUS_RANK[a.status] - STATUS_RANK[b.status] || byId(a, b);
    if (sort === 'group') return groups.indexOf(a.group) - groups.indexOf(b.group) || byId(a, b);
    const deadline = passed ? b.deadline.localeCompare(a.deadline) : a.deadline.localeCompare(b.deadline);
    const p = (x: TileFields) => x.probability ?? -1;
    return deadline || p(a) - p(b) || STATUS_RANK[a.status] - STATUS_RANK[b.status] || byId(a, b);
  };
}

export interface TriageSection<T> {
  triage: Triage;
  targets: T[];
}

/** The Overview's groups in their order (server/targets/triage.ts), each with its filtered, sorted tiles. */
export function triageSections<T extends TileFields>(targets: readonly T[], choice: TileChoice): TriageSection<T>[] {
  const groups = groupsOf(targets);
  const shown = filterTiles(targets, choice);
  return TRIAGE_ORDER.map((triage) => ({
    triage,
    targets: shown.filter((x) => x.triage === triage).sort(compareTiles(choice.sort, triage === 'passed', groups)),
  }));
}

/** The statuses of a group of targets counted in the order a summary names them; statuses with none left out. */
export function statusParts(targets: readonly Pick<TileFields, 'status'>[]): { status: string; n: number }[] {
  const counts = countStatuses(targets.map((x) => x.status));
  const order = ['met', 'missed', 'at_risk', 'on_track', 'no_data', 'suppressed'] as const;
  return order.filter((s) => counts[s] > 0).map((status) => ({ status, n: counts[status] }));
}
