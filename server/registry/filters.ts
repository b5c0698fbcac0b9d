// The DuckDB type each filter's `$param` is bound with, from the one list of filters (filter-defs.ts).
// Used by bindParams; the header schema and the request schemas read filter-defs.ts itself.
import { INTEGER, VARCHAR, type DuckDBType } from '@duckdb/node-api';
import { FILTER_DEFS, FILTER_NAMES, type FilterName } from './filter-defs.ts';

export { FILTER_NAMES, isFilterName, type FilterName } from './filter-defs.ts';

export const FILTERS = Object.fromEntries(
  FILTER_NAMES.map((name) => [name, FILTER_DEFS[name].kind === 'integer' ? INTEGER : VARCHAR]),
) as Record<FilterName, DuckDBType>;

/** Filter values of one request: a missing or null filter is not applied. INTEGER filters accept digit strings. */
export type FilterValues = Partial<Record<FilterName, string | number | null | undefined>>;
