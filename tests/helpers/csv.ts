// Reads an import file for tests without the importer (so expected values do not come from DuckDB).
import { readFileSync } from 'node:fs';
import { parseCsv } from '../../data/pipeline/generate/csv-read.ts';

export const readCsv = (path: string): Record<string, string>[] => parseCsv(readFileSync(path, 'utf8'));

/** Files that never quote a field (the generator's people.csv and dossiers.csv): a plain split is much faster. */
export function readPlainCsv(path: string): Record<string, string>[] {
  const text = readFileSync(path, 'utf8');
  if (text.includes('"')) throw new Error(`${path} has quoted fields`);
  const [head, ...lines] = text.split('\n');
  const header = head.split(',');
  return lines.filter((l) => l !== '').map((l) => {
    const cells = l.split(',');
    const row: Record<string, string> = {};
    for (let i = 0; i < header.length; i++) row[header[i]] = cells[i] ?? '';
    return row;
  });
}
