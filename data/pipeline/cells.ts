// Cells of DuckDB's getRowObjectsJson as text: the queries of the pipeline ask for scalar columns
// (text, numbers, booleans, dates cast to VARCHAR), which String() writes as they are.
import type { Json } from '@duckdb/node-api';

/** A scalar cell as String() writes it; a list or struct (never asked for as text) as its JSON. */
export function cellText(v: Json): string {
  return v !== null && typeof v === 'object' ? JSON.stringify(v) : String(v);
}
