// Which unit's children a map shows for the view's unit: a commune → its district, a district → itself,
// a province → its first district with communes. Pure; tested in tests/unit/web-map-join.test.ts.
import type { UnitNode } from '../api/client.ts';

export function findUnit(roots: UnitNode[], id: string): UnitNode | undefined {
  for (const u of roots) {
    if (u.unit_id === id) return u;
    const hit = findUnit(u.children, id);
    if (hit) return hit;
  }
  return undefined;
}

export function mapParent(roots: UnitNode[], id: string, fallback = '291'): string {
  const u = findUnit(roots, id.split('@')[0]);
  if (!u) return fallback;
  if (u.level === 'commune') return u.parent_id ?? fallback;
  if (u.level === 'district') return u.unit_id;
  return u.children.find((c) => c.level === 'district' && c.children.length > 0)?.unit_id ?? fallback;
}
