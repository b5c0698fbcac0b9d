// In-memory directory of administrative units and their base members, loaded from the store.
// Used by routes to resolve a unit, its children, the base units it is made of, and scope checks.
import type { DuckDBConnection } from '@duckdb/node-api';

export interface Unit {
  unit_id: string;
  code: string;
  name: string;
  name_en: string | null;
  level: 'province' | 'district' | 'commune';
  parent_id: string | null;
  valid_from: string;
  valid_to: string | null;
  area_km2: number | null;
  is_base: boolean;
}

export interface UnitDirectory {
  readonly units: Unit[];
  get(id: string): Unit | undefined;
  /** All children of a unit, sorted by Vietnamese name. */
  children(id: string): Unit[];
  /**
   * The children to compare in a ranking: those valid on `at` when given; otherwise the base units
   * the data are recorded against (the plan's 19 communes), or all children when none is a base unit.
   */
  reportChildren(id: string, at?: string): Unit[];
  /** Base units whose data make up this unit (itself when it is a base unit). */
  members(id: string): string[];
  baseIds(): string[];
  /** Units valid on a date, optionally of one level. */
  validAt(date: string, level?: Unit['level']): Unit[];
}

export async function loadUnitDirectory(conn: DuckDBConnection): Promise<UnitDirectory> {
  const unitRows = (
    await conn.runAndReadAll(
      `SELECT unit_id, code, name, name_en, level, parent_id, valid_from::VARCHAR AS valid_from,
              valid_to::VARCHAR AS valid_to, area_km2, is_base
       FROM units ORDER BY level, code, valid_from`,
    )
  ).getRowObjectsJson() as unknown as Unit[];
  const memberRows = (
    await conn.runAndReadAll('SELECT group_id, member_id FROM unit_members ORDER BY group_id, member_id')
  ).getRowObjectsJson() as { group_id: string; member_id: string }[];
  return buildDirectory(unitRows, memberRows);
}

export function buildDirectory(units: Unit[], memberRows: { group_id: string; member_id: string }[]): UnitDirectory {
  const byId = new Map(units.map((u) => [u.unit_id, u]));
  const collator = new Intl.Collator('vi');
  const kids = new Map<string, Unit[]>();
  for (const u of units) {
    if (!u.parent_id) continue;
    const list = kids.get(u.parent_id) ?? [];
    list.push(u);
    kids.set(u.parent_id, list);
  }
  // sorted once: a collator per comparison (localeCompare with a locale) costs milliseconds a request
  for (const list of kids.values()) list.sort((a, b) => collator.compare(a.name, b.name));
  const reportKids = new Map<string, Unit[]>();
  for (const [id, list] of kids) {
    const base = list.filter((u) => u.is_base);
    reportKids.set(id, base.length > 0 ? base : list);
  }
  const baseSet = new Set(units.filter((u) => u.is_base).map((u) => u.unit_id));
  const members = new Map<string, string[]>();
  for (const r of memberRows) {
    if (!baseSet.has(r.member_id)) continue;
    const list = members.get(r.group_id) ?? [];
    list.push(r.member_id);
    members.set(r.group_id, list);
  }
  return {
    units,
    get: (id) => byId.get(id),
    children: (id) => kids.get(id) ?? [],
    reportChildren(id, at) {
      if (!at) return reportKids.get(id) ?? [];
      return (kids.get(id) ?? []).filter((u) => u.valid_from <= at && (u.valid_to === null || u.valid_to >= at));
    },
    members: (id) => members.get(id) ?? (baseSet.has(id) ? [id] : []),
    baseIds: () => [...baseSet],
    validAt: (date, level) =>
      units.filter(
        (u) => (!level || u.level === level) && u.valid_from <= date && (u.valid_to === null || u.valid_to >= date),
      ),
  };
}
