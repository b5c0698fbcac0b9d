// Reads an import file for tests without the importer (so expected values do not come from DuckDB), with the
// project's one CSV reader (data/pipeline/generate/csv-read.ts).
import { readFileSync } from 'node:fs';
import { parseCsv } from '../../data/pipeline/generate/csv-read.ts';

export const readCsv = (path: string): Record<string, string>[] => parseCsv(readFileSync(path, 'utf8'));
