// The unit list of the UnitPicker: the tree flattened in display order, and accent-insensitive
// search ("nam trung" finds "Xã Nam Trung"). Pure; tested in tests/unit/web-unit-search.test.ts.
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
}

/** Depth-first, children sorted by name (Vietnamese collation), so a district lists its communes. */
export function flattenUnits(roots: UnitTreeNode[]): UnitOption[] {
  const out: UnitOption[] = [];
  const collator = new Intl.Collator('vi');
  const walk = (n: UnitTreeNode, depth: number) => {
    out.push({
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
      walk(c, depth + 1);
  };
  for (const r of roots) walk(r, 0);
  return out;
}

/** Options whose name (or code) holds every word of the query, accents and case ignored. */
export function filterUnits(options: UnitOption[], query: string): UnitOption[] {
  const words = searchKey(query).split(/\s+/).filter(Boolean);
  if (!words.length) return options;
  return options.filter((o) => words.every((w) => o.key.includes(w)));
}
