// Reads the plan's targets (data/reference/targets.csv) so that a header can only name targets that exist.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

export const DEFAULT_TARGETS_FILE = fileURLToPath(new URL('../../data/reference/targets.csv', import.meta.url));

export interface TargetRef {
  id: string;
  indicator: string;
}

/** The id and indicator of every target of a targets CSV (header `id,group,indicator,…`). */
export async function readTargets(file: string = DEFAULT_TARGETS_FILE): Promise<TargetRef[]> {
  const [header, ...rows] = parseCsv(await readFile(file, 'utf8'));
  const id = header.indexOf('id');
  const indicator = header.indexOf('indicator');
  if (id < 0 || indicator < 0) throw new Error(`${file}: no 'id' or 'indicator' column`);
  return rows.filter((r) => r.length > 1).map((r) => ({ id: r[id], indicator: r[indicator] }));
}

/** RFC 4180 CSV: comma-separated, `"` quotes, `""` for a quote inside quotes; a BOM is dropped. */
export function parseCsv(text: string): string[][] {
  const src = text.replace(/^\uFEFF/, '');
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const endRow = () => {
    row.push(field);
    rows.push(row);
    row = [];
    field = '';
  };
  for (let i = 0; i < src.length; i += 1) {
    const c = src[i];
    if (quoted && c === '"' && src[i + 1] === '"') {
      field += '"';
      i += 1;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (quoted) {
      field += c;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i += 1;
      endRow();
    } else {
      field += c;
    }
  }
  if (field !== '' || row.length > 0) endRow();
  return rows;
}
