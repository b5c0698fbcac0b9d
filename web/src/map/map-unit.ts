// Which unit a map asks for, read from the unit tree (/api/units, as the account sees it): the district whose
// communes it draws and the province whose districts it draws. No unit code is written here.
// Pure; tested in tests/unit/web-map-style.test.ts.
import type { UnitNode } from '../api/client.ts';

/** The units from a root of the tree down to `id`; empty when the tree does not hold it. */
function pathTo(roots: UnitNode[], id: string): UnitNode[] {
  for (const u of roots) {
    if (u.unit_id === id) return [u];
    const below = pathTo(u.children, id);
    if (below.length > 0) return [u, ...below];
  }
  return [];
}

/** The first district with communes, depth first. */
function firstDistrict(nodes: UnitNode[]): UnitNode | undefined {
  for (const u of nodes) {
    if (u.level === 'district' && u.children.length > 0) return u;
    const hit = firstDistrict(u.children);
    if (hit) return hit;
  }
  return undefined;
}

/**
 * The unit whose communes a commune map draws for the view's unit (`id`, maybe `code@YYYY-MM`): a commune → its
 * district, a district → itself, a province → its first district with communes. A unit the tree does not hold
 * (or a commune without a parent) → the tree's first district with communes, else its first unit.
 */
export function mapParent(roots: UnitNode[], id: string): string | undefined {
  const path = pathTo(roots, id.split('@')[0]);
  const u = path.at(-1);
  if (u?.level === 'district') return u.unit_id;
  const above = u?.level === 'commune' ? path.at(-2) : undefined;
  const below = u && firstDistrict(u.children);
  return (above ?? below ?? firstDistrict(roots) ?? roots.at(0))?.unit_id;
}

/**
 * The province whose districts a district map draws (and whose total the country map shows) for the view's unit:
 * its province in the tree, else the highest unit at or above it that is not a commune (a commune account sees
 * its district), else the tree's province.
 */
export function mapProvince(roots: UnitNode[], id: string): string | undefined {
  const path = pathTo(roots, id.split('@')[0]);
  const province = (u: UnitNode) => u.level === 'province';
  return (path.find(province) ?? path.find((u) => u.level !== 'commune') ?? roots.find(province) ?? roots[0])?.unit_id;
}
