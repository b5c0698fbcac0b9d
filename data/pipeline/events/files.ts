// Event files for `npm run import`: events*.ndjson / events*.jsonl (one event a line) or events*.json
// (an array), each applied as one batch by applyEvents — all of a file or nothing, an event_id seen
// before acknowledged and not applied again. Problems come back as file:line: field: reason.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { ImportError } from '../import/types.ts';
import { applyEvents, EventsRejected, loadStoreFacts } from './apply.ts';

export interface EventFileReport {
  file: string;
  events: number;
  accepted: number;
  duplicates: number;
}

const EVENT_FILE = /^events.*\.(ndjson|jsonl|json)$/i;

export const isEventFile = (name: string): boolean => EVENT_FILE.test(name);

/** The values of an event file and the line of each (for error messages), or the first parse error. */
export function readEventFile(path: string, name: string): { values: unknown[]; lines: number[] } | ImportError {
  const text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  if (/\.json$/i.test(name)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      return {
        file: name,
        line: 1,
        column: '',
        reason: `không phải JSON hợp lệ / is not valid JSON: ${(e as Error).message}`,
      };
    }
    if (!Array.isArray(parsed))
      return { file: name, line: 1, column: '', reason: 'phải là một mảng sự kiện / must be a JSON array of events' };
    return { values: parsed, lines: parsed.map((_, i) => i + 1) };
  }
  const values: unknown[] = [];
  const lines: number[] = [];
  const rows = text.split(/\r?\n/);
  for (let i = 0; i < rows.length; i++) {
    if (!rows[i].trim()) continue;
    try {
      values.push(JSON.parse(rows[i]));
      lines.push(i + 1);
    } catch (e) {
      return {
        file: name,
        line: i + 1,
        column: '',
        reason: `không phải JSON hợp lệ / is not valid JSON: ${(e as Error).message}`,
      };
    }
  }
  return { values, lines };
}

/** Applies every event file of `folder`, in name order; stops at the first file with a problem. */
export async function importEventFiles(
  conn: DuckDBConnection,
  folder: string,
): Promise<{ files: EventFileReport[]; errors: ImportError[] }> {
  const names = readdirSync(folder).filter(isEventFile).sort();
  const files: EventFileReport[] = [];
  if (names.length === 0) return { files, errors: [] };
  const facts = await loadStoreFacts(conn);
  for (const name of names) {
    const read = readEventFile(join(folder, name), name);
    if ('reason' in read) return { files, errors: [read] };
    try {
      const r = await applyEvents(conn, read.values, facts);
      files.push({ file: name, events: read.values.length, accepted: r.accepted, duplicates: r.duplicates });
    } catch (err) {
      if (!(err instanceof EventsRejected)) throw err;
      return {
        files,
        errors: err.problems.map((p) => ({
          file: name,
          line: read.lines[p.index] ?? p.index + 1,
          column: p.field,
          reason: p.message,
        })),
      };
    }
  }
  return { files, errors: [] };
}
