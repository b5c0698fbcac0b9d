// Where a unit sits in the tree of /api/units: its node and its parent (for drill-down and rankings).
import type { UnitNode } from '../../api/client.ts';

export interface UnitPlace {
  node: UnitNode;
  parent: UnitNode | null;
}

export function findUnit(roots: UnitNode[], id: string, parent: UnitNode | null = null): UnitPlace | null {
  for (const node of roots) {
    if (node.unit_id === id) return { node, parent };
    const hit = findUnit(node.children ?? [], id, node);
    if (hit) return hit;
  }
  return null;
}

/** The unit whose children a ranking compares: the unit itself when it has children, else its parent. */
export function rankingParent(roots: UnitNode[], id: string): string {
  const place = findUnit(roots, id);
  if (!place) return id;
  return (place.node.children ?? []).length > 0 ? place.node.unit_id : (place.parent?.unit_id ?? id);
}
