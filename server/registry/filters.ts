// The filters an indicator statement may declare, with the DuckDB type each `$param` is bound with.
// Used by the header schema (allowed names), bindParams (types) and the server's request schemas.
import { INTEGER, VARCHAR, type DuckDBType } from '@duckdb/node-api';

export const FILTERS = {
  sex: VARCHAR, // M | F
  age_min: INTEGER, // compared with the 5-year group's lower bound: age_group >= $age_min
  age_max: INTEGER, // age_group <= $age_max
  residence: VARCHAR, // permanent | temporary
  procedure_level: VARCHAR, // commune | district
  field: VARCHAR, // procedures.field
  procedure: VARCHAR, // procedures.procedure_code
  channel: VARCHAR, // online | counter | post
} as const satisfies Record<string, DuckDBType>;

export type FilterName = keyof typeof FILTERS;

export const FILTER_NAMES = Object.keys(FILTERS) as FilterName[];

/** Filter values of one request: a missing or null filter is not applied. INTEGER filters accept digit strings. */
export type FilterValues = Partial<Record<FilterName, string | number | null | undefined>>;

export function isFilterName(name: string): name is FilterName {
  return Object.hasOwn(FILTERS, name);
}
