// Which units a change of a commune reaches: the commune, its district and province, and the units
// it became (a merge's successors) with theirs. A screen about any of those shows the changed value.
// Pure; tested in tests/unit/web-live-store.test.ts.

export interface ReachNode {
  unit_id: string;
  parent_id: string | null;
  successors?: { unit_id: string }[];
  children: ReachNode[];
}

/** The units a change reaches, or null for a unit the tree does not know (it then reaches every screen). */
export type Reach = (unit: string) => readonly string[] | null;

/** Nothing known yet: every change may concern every screen. */
export const REACH_UNKNOWN: Reach = () => null;

export function reachOf(roots: readonly ReachNode[]): Reach {
  const up = new Map<string, string[]>();
  const walk = (n: ReachNode) => {
    const next = [...(n.parent_id ? [n.parent_id] : []), ...(n.successors ?? []).map((s) => s.unit_id)];
    up.set(n.unit_id, [...(up.get(n.unit_id) ?? []), ...next]);
    for (const c of n.children) walk(c);
  };
  for (const r of roots) walk(r);
  const memo = new Map<string, readonly string[]>();
  return (unit) => {
    if (!up.has(unit)) return null;
    let out = memo.get(unit);
    if (!out) {
      const seen = new Set<string>([unit]);
      const queue = [unit];
      while (queue.length) {
        for (const u of up.get(queue.shift()!) ?? []) {
          if (seen.has(u)) continue;
          seen.add(u);
          queue.push(u);
        }
      }
      memo.set(unit, (out = [...seen]));
    }
    return out;
  };
}
