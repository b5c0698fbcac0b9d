// Upserts the procedure catalogue, the plan's targets and milestone dates from stage tables, by key.
// Used by index.ts inside the import transaction.
import type { DuckDBConnection } from '@duckdb/node-api';

/** The procedure columns of Decision 766 (schema.sql): optional, NULL when the catalogue does not report them. */
export const PROCEDURE_766_COLUMNS = [
  'online_level',
  'paper_result',
  'has_fees',
  'payment_integrated',
  'citizen_applicants',
  'announced_on',
  'legal_effective_on',
  'published_on',
  'all_parts_published',
] as const;

export async function loadProcedures(conn: DuckDBConnection, table: string): Promise<void> {
  await conn.run(`INSERT OR REPLACE INTO procedures (procedure_code, name, name_en, field, level, due_days,
      population_management, essential_service, full_online_eligible, full_online_since, population_data_since,
      standardised_since, simplified_since, bundle, bundle_step, ${PROCEDURE_766_COLUMNS.join(', ')})
    SELECT procedure_code, name, name_en, field, level, due_days, coalesce(population_management, false),
      essential_service, coalesce(full_online_eligible, false), full_online_since, population_data_since,
      standardised_since, simplified_since, bundle, bundle_step, ${PROCEDURE_766_COLUMNS.join(', ')}
    FROM ${table} ORDER BY procedure_code`);
}

export async function loadTargets(conn: DuckDBConnection, table: string): Promise<void> {
  await conn.run(`INSERT OR REPLACE INTO targets (target_id, target_group, indicator, title_vi, title_en, level,
      comparator, target, unit, deadline, source_clause)
    SELECT target_id, target_group, indicator, title_vi, title_en, level, comparator, target, unit, deadline,
      source_clause
    FROM ${table} ORDER BY target_id`);
}

export async function loadMilestones(conn: DuckDBConnection, table: string): Promise<void> {
  await conn.run(`INSERT OR REPLACE INTO milestones (target_id, unit_id, achieved_on)
    SELECT target_id, unit_id, achieved_on FROM ${table} ORDER BY target_id, unit_id`);
}
