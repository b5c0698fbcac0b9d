// The unit list of the UnitPicker: the tree flattened in display order, accent-insensitive search
// ("nam trung" finds "Xã Nam Trung"), and the list in groups by validity: today's units first, then the
// units that ended (merged away), newest first, each group under the day it ended ("Trước 2025").
// Pure; tested in tests/unit/web-overview.test.ts and tests/unit/web-analyst-units.test.ts.
import { searchKey } from '../i18n/format.ts';

export interface UnitTreeNode {
  unit_id: string;
  name: string;
  name_en: string | null;
  level: string;
  valid_to: string | null;
  is_base: boolean;
  children: UnitTreeNode[];
}

export interface UnitOption {
  unit_id: string;
  name: string;
  level: string;
  depth: number;
  valid_to: string | null;
  key: string;
  /** the parent's name (tells two units of one name apart) */
  parent: string | null;
}

/** Depth-first, children sorted by name (Vietnamese collation), so a district lists its communes. */
export function flattenUnits(roots: UnitTreeNode[]): UnitOption[] {
  const out: UnitOption[] = [];
  const collator = new Intl.Collator('vi');
  const walk = (n: UnitTreeNode, depth: number, parent: string | null) => {
    out.push({
      parent,
      unit_id: n.unit_id,
      name: n.name,
      level: n.level,
      depth,
      valid_to: n.valid_to,
      key: searchKey(`${n.name} ${n.name_en ?? ''} ${n.unit_id}`),
    });
    for (const c of [...n.children].sort(
      (a, b) => collator.compare(a.name, b.name) || a.unit_id.localeCompare(b.unit_id),
    ))
      walk(c, depth + 1, n.name);
  };
  for (const r of roots) walk(r, 0, null);
  return out;
}

/** Options whose name (or code) holds every word of the query, accents and case ignored. */
export function filterUnits(options: UnitOption[], query: string): UnitOption[] {
  const words = searchKey(query).split(/\s+/).filter(Boolean);
  if (!words.length) return options;
  return options.filter((o) => words.every((w) => o.key.includes(w)));
}

export interface UnitGroup {
  /** the last day of the group's units (YYYY-MM-DD); null: today's units */
  until: string | null;
  options: (UnitOption & {
    /** the depth within the group (its first level at 0) */
    level_depth: number;
    /** the name shown: with its parent's name (and then its code) when another unit of the group has the same */
    label: string;
  })[];
}

/** The options in groups: today's units first, then by the day they ended, newest first; tree order inside. */
export function groupUnits(options: UnitOption[]): UnitGroup[] {
  const byEnd = new Map<string | null, UnitOption[]>();
  for (const o of options) byEnd.set(o.valid_to, [...(byEnd.get(o.valid_to) ?? []), o]);
  const ends = [...byEnd.keys()].sort((a, b) => (a === null ? -1 : b === null ? 1 : b.localeCompare(a)));
  return ends.map((until) => {
    const list = byEnd.get(until)!;
    const top = Math.min(...list.map((o) => o.depth));
    const count = (f: (o: UnitOption) => string) => {
      const n = new Map<string, number>();
      for (const o of list) n.set(f(o), (n.get(f(o)) ?? 0) + 1);
      return n;
    };
    const names = count((o) => o.name);
    const withParent = (o: UnitOption) => (o.parent ? `${o.name} · ${o.parent}` : o.name);
    const parents = count(withParent);
    return {
      until,
      options: list.map((o) => ({
        ...o,
        level_depth: o.depth - top,
        label:
          names.get(o.name) === 1
            ? o.name
            : parents.get(withParent(o)) === 1
              ? withParent(o)
              : `${withParent(o)} (${o.unit_id})`,
      })),
    };
  });
}

/**
 * A group's heading: "Hiện hành" for today's units; for units that ended on 31 December, the year after
 * ("Trước 2025"); else the day after they ended ("Trước 01/07/2025"). The words are the caller's.
 */
export function groupHeading(until: string | null): { kind: 'current' } | { kind: 'year' | 'day'; when: string } {
  if (until === null) return { kind: 'current' };
  const [y, m, d] = until.slice(0, 10).split('-').map(Number);
  if (m === 12 && d === 31) return { kind: 'year', when: String(y + 1) };
  const next = new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
  return { kind: 'day', when: next };
}
