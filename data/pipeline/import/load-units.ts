// Upserts units and their lineage from stage tables, and rebuilds unit_members (which base units make up each unit).
// Used by index.ts inside the import transaction.
import type { DuckDBConnection } from '@duckdb/node-api';

/** is_base when the file leaves it empty: communes in force before 2025, and districts. */
export const IS_BASE_DEFAULT = `(level = 'district' OR (level = 'commune' AND valid_from < DATE '2025-01-01'))`;

export async function loadUnits(conn: DuckDBConnection, table: string): Promise<void> {
  await conn.run(`INSERT OR REPLACE INTO units
      (unit_id, code, name, name_en, level, parent_id, valid_from, valid_to, area_km2, geometry, is_base)
    SELECT unit_id, code, name, name_en, level, parent_id, valid_from, valid_to, area_km2, geometry,
      coalesce(is_base, ${IS_BASE_DEFAULT})
    FROM ${table} ORDER BY unit_id`);
}

export async function loadLineage(conn: DuckDBConnection, table: string): Promise<void> {
  await conn.run(`INSERT OR REPLACE INTO unit_lineage (from_unit_id, to_unit_id, effective_on, kind, share)
    SELECT from_unit_id, to_unit_id, effective_on, kind, coalesce(share, 1) FROM ${table}`);
}

/**
 * unit_members, rebuilt whole: every unit contains itself; a later (non-base) unit contains the base units that
 * became it, following lineage chains (2008-2024 → 2025-01 → 2025-07) and, where a unit was split, only its
 * largest-share successor (so a base unit counts whole, once); and every unit contains the members of the
 * units below it (parent_id).
 */
export async function rebuildUnitMembers(conn: DuckDBConnection): Promise<void> {
  await conn.run('DELETE FROM unit_members');
  await conn.run(`INSERT INTO unit_members (group_id, member_id)
    WITH RECURSIVE
      successor AS (
        SELECT from_unit_id AS from_id, to_unit_id AS to_id FROM unit_lineage
        QUALIFY row_number() OVER (PARTITION BY from_unit_id ORDER BY share DESC, effective_on, to_unit_id) = 1),
      chain(base_id, cur_id, depth) AS (
        SELECT unit_id, unit_id, 0 FROM units WHERE is_base
        UNION ALL
        SELECT c.base_id, s.to_id, c.depth + 1 FROM chain c JOIN successor s ON s.from_id = c.cur_id
        WHERE c.depth < 12),
      direct(unit_id, member_id) AS (
        SELECT unit_id, unit_id FROM units
        UNION
        SELECT c.cur_id, c.base_id FROM chain c JOIN units u ON u.unit_id = c.cur_id
        WHERE c.depth > 0 AND NOT u.is_base),
      ancestor(unit_id, group_id, depth) AS (
        SELECT unit_id, unit_id, 0 FROM units
        UNION ALL
        SELECT a.unit_id, u.parent_id, a.depth + 1 FROM ancestor a JOIN units u ON u.unit_id = a.group_id
        WHERE u.parent_id IS NOT NULL AND a.depth < 12)
    SELECT DISTINCT a.group_id, d.member_id FROM ancestor a JOIN direct d ON d.unit_id = a.unit_id
    ORDER BY 1, 2`);
}
