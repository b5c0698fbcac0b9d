// Binds a request (scope, months, filters) to an indicator statement: the values and types objects
// that conn.runAndReadAll(def.sql, values, types) takes. Every declared filter is bound (NULL when not asked).
import { DATE, LIST, VARCHAR, dateValue, listValue, type DuckDBType, type DuckDBValue } from '@duckdb/node-api';
import { FILTERS, type FilterName, type FilterValues } from './filters.ts';
import type { IndicatorDef } from './schema.ts';

export interface IndicatorParams {
  /** Base units of the caller's scope. */
  units: readonly string[];
  /** First day of the first month, YYYY-MM-01. */
  from: string;
  /** First day of the last month (inclusive), YYYY-MM-01. */
  to: string;
  filters?: FilterValues;
}

export interface BoundParams {
  values: Record<string, DuckDBValue>;
  types: Record<string, DuckDBType>;
}

const MONTH_START = /^(\d{4})-(\d{2})-01$/;

export function bindParams(def: Pick<IndicatorDef, 'id' | 'meta'>, params: IndicatorParams): BoundParams {
  const filters = params.filters ?? {};
  for (const [name, value] of Object.entries(filters)) {
    if (value != null && !def.meta.filters.includes(name as FilterName)) {
      throw new RangeError(`indicator ${def.id} does not take the filter '${name}'`);
    }
  }
  const values: Record<string, DuckDBValue> = {
    units: listValue([...params.units]),
    from: monthStart(params.from, 'from'),
    to: monthStart(params.to, 'to'),
  };
  const types: Record<string, DuckDBType> = { units: LIST(VARCHAR), from: DATE, to: DATE };
  for (const name of def.meta.filters) {
    values[name] = filterValue(name, filters[name]);
    types[name] = FILTERS[name];
  }
  return { values, types };
}

function filterValue(name: FilterName, value: string | number | null | undefined): DuckDBValue {
  if (value == null) return null;
  if (FILTERS[name] === VARCHAR) return String(value);
  const n = typeof value === 'number' ? value : /^-?\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(n)) throw new RangeError(`filter '${name}' must be an integer, got '${value}'`);
  return n;
}

function monthStart(text: string, name: string): DuckDBValue {
  const match = MONTH_START.exec(text);
  const month = match ? Number(match[2]) : 0;
  if (!match || month < 1 || month > 12) {
    throw new RangeError(`'${name}' must be the first day of a month (YYYY-MM-01), got '${text}'`);
  }
  return dateValue({ year: Number(match[1]), month, day: 1 });
}
