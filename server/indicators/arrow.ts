// Indicator rows as an Arrow IPC stream (application/vnd.apache.arrow.stream): typed columns that
// the browser reads straight into ECharts datasets. Answer metadata travels in the schema metadata.
import { Bool, Float64, Table, Utf8, tableToIPC, vectorFromArray } from 'apache-arrow';
import { Type, type TSchema } from '@sinclair/typebox';
import type { IndicatorRow } from './service.ts';

export const ARROW_TYPE = 'application/vnd.apache.arrow.stream';

/** The OpenAPI answer of a route that sends JSON, or Arrow IPC when the client asks for it (Accept). */
export const jsonOrArrow = (description: string, schema: TSchema) => ({
  description,
  content: {
    'application/json': { schema },
    [ARROW_TYPE]: { schema: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }) },
  },
});

export function rowsToArrow(rows: IndicatorRow[], metadata: Record<string, string>): Uint8Array {
  const col = <K extends keyof IndicatorRow>(k: K) => rows.map((r) => r[k]);
  const table = new Table({
    unit: vectorFromArray(col('unit'), new Utf8()),
    unit_name: vectorFromArray(col('unit_name'), new Utf8()),
    period: vectorFromArray(col('period'), new Utf8()),
    last_month: vectorFromArray(col('last_month'), new Utf8()),
    value: vectorFromArray(col('value'), new Float64()),
    numerator: vectorFromArray(col('numerator'), new Float64()),
    denominator: vectorFromArray(col('denominator'), new Float64()),
    suppressed: vectorFromArray(col('suppressed'), new Bool()),
    suppression: vectorFromArray(col('suppression'), new Utf8()),
  });
  for (const [k, v] of Object.entries(metadata)) table.schema.metadata.set(k, v);
  return tableToIPC(table, 'stream');
}

/** True when the client asked for Arrow rather than JSON. */
export function wantsArrow(accept: string | undefined): boolean {
  return (accept ?? '').includes(ARROW_TYPE);
}
