// Loads every indicator file under a folder (default `queries/`) into a Registry, at server boot and in tests.
// Collects the problems of all files and throws them together as one RegistryError.
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { RegistryError, type RegistryProblem } from './errors.ts';
import { parseIndicatorFile } from './header.ts';
import { QUOTIENT_UNITS, type IndicatorDef, type IndicatorHeader, type Registry } from './schema.ts';
import { DEFAULT_TARGETS_FILE, readTargets } from './targets.ts';

export interface LoadOptions {
  /** The targets CSV that `targets` ids must exist in (default data/reference/targets.csv). */
  targetsFile?: string;
}

export async function loadRegistry(dir = 'queries', options: LoadOptions = {}): Promise<Registry> {
  const base = dir.split(path.sep).join('/').replace(/\/+$/, '');
  const files = await listSqlFiles(dir, base);
  const targetIds = new Set((await readTargets(options.targetsFile ?? DEFAULT_TARGETS_FILE)).map((t) => t.id));
  const problems: RegistryProblem[] = [];
  const indicators = new Map<string, IndicatorDef>();
  for (const rel of files) {
    const file = `${base}/${rel}`;
    const report = (message: string) => problems.push({ file, message });
    const def = readDef(rel, file, await readFile(path.join(dir, rel), 'utf8'), targetIds, report);
    if (!def) continue;
    const other = indicators.get(def.id);
    if (other) report(`duplicate id '${def.id}' (also ${other.file})`);
    else indicators.set(def.id, def);
  }
  if (problems.length > 0) throw new RegistryError(problems);
  return makeRegistry(indicators);
}

export function makeRegistry(indicators: Map<string, IndicatorDef>): Registry {
  const sorted = [...indicators.values()].sort((a, b) => a.domain.localeCompare(b.domain) || a.id.localeCompare(b.id));
  return { indicators, list: () => [...sorted] };
}

async function listSqlFiles(dir: string, base: string): Promise<string[]> {
  let entries: string[];
  try {
    entries = await readdir(dir, { recursive: true });
  } catch (error) {
    throw new RegistryError([{ file: base, message: `cannot read the folder (${(error as Error).message})` }]);
  }
  const files = entries
    .map((e) => e.split(path.sep).join('/'))
    .filter((e) => e.endsWith('.sql'))
    .sort();
  if (files.length === 0) throw new RegistryError([{ file: base, message: 'no indicator file (*.sql)' }]);
  return files;
}

function readDef(
  rel: string,
  file: string,
  text: string,
  targetIds: Set<string>,
  report: (message: string) => void,
): IndicatorDef | undefined {
  const parsed = parseIndicatorFile(text);
  parsed.problems.forEach(report);
  const parts = rel.split('/');
  const name = path.posix.basename(rel, '.sql');
  if (parts.length !== 2) report('not at <folder>/<domain>/<id>.sql');
  const { header, sql } = parsed;
  if (!header) return undefined;
  const ok = checkHeader(header, name, parts.length === 2 ? parts[0] : undefined, targetIds, report);
  if (!ok || !sql || parsed.problems.length > 0) return undefined;
  const { id, domain, ...meta } = header;
  return { id, domain, file, sql, meta };
}

/** Checks the schema cannot express; returns false when one fails. */
function checkHeader(
  header: IndicatorHeader,
  name: string,
  folder: string | undefined,
  targetIds: Set<string>,
  report: (message: string) => void,
): boolean {
  const problems: string[] = [];
  if (header.id !== name) problems.push(`id '${header.id}' does not match the file name '${name}.sql'`);
  if (folder !== undefined && header.domain !== folder) {
    problems.push(`domain '${header.domain}' does not match the folder '${folder}'`);
  }
  for (const target of header.targets) {
    if (!targetIds.has(target)) problems.push(`targets: '${target}' is not a target of targets.csv`);
  }
  const noDenominator = header.denominator === 'none';
  if (noDenominator && QUOTIENT_UNITS.includes(header.unit)) {
    problems.push(`unit '${header.unit}' is a quotient but denominator is none`);
  }
  if (noDenominator && header.disclosure === 'rate') problems.push(`disclosure 'rate' needs a denominator`);
  if (header.name_vi !== header.name_vi.normalize('NFC')) {
    problems.push('name_vi is not in Unicode NFC (compose the diacritics)');
  }
  problems.forEach(report);
  return problems.length === 0;
}
