// Reads an indicator file: the leading `-- key: value` lines (the header) and the statement after them,
// and validates the header with IndicatorHeaderSchema. Returns problems instead of throwing.
import { KindGuard } from '@sinclair/typebox';
import { Value, ValueErrorType } from '@sinclair/typebox/value';
import { HEADER_KEYS, IndicatorHeaderSchema, LIST_KEYS, describeSchema, type IndicatorHeader } from './schema.ts';
import { splitStatements } from './statement.ts';

export interface ParsedFile {
  header?: IndicatorHeader;
  sql?: string;
  problems: string[];
}

const HEADER_LINE = /^--\s*([A-Za-z_][A-Za-z0-9_]*)\s*:\s*(.*?)\s*$/;

export function parseIndicatorFile(text: string): ParsedFile {
  const problems: string[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const raw: Record<string, string> = {};
  let n = 0;
  while (n < lines.length && lines[n].trim() === '') n += 1;
  for (; n < lines.length && lines[n].startsWith('--'); n += 1) {
    const match = HEADER_LINE.exec(lines[n]);
    if (!match) {
      problems.push(`line ${n + 1}: header line is not "-- key: value"`);
      continue;
    }
    const [, key, value] = match;
    if (Object.hasOwn(raw, key)) problems.push(`line ${n + 1}: key '${key}' is given twice`);
    raw[key] = value;
  }
  const sql = readStatement(lines.slice(n).join('\n'), problems);
  if (Object.keys(raw).length === 0) {
    problems.push('no header (the file must start with "-- key: value" lines)');
    return { sql, problems };
  }
  return { header: validateHeader(raw, problems), sql, problems };
}

function readStatement(body: string, problems: string[]): string | undefined {
  const statements = splitStatements(body);
  if (statements.length === 0) problems.push('empty statement (no SQL after the header)');
  if (statements.length > 1) problems.push(`more than one statement (${statements.length}); a file holds one SELECT`);
  return statements.length === 1 ? statements[0] : undefined;
}

/** Turns the raw strings into typed values, then checks them against the schema. */
function validateHeader(raw: Record<string, string>, problems: string[]): IndicatorHeader | undefined {
  const candidate: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) candidate[key] = coerce(key, value);
  const before = problems.length;
  const reported = new Set<string>();
  for (const error of Value.Errors(IndicatorHeaderSchema, candidate)) {
    const [, key, item] = error.path.split('/');
    if (reported.has(key)) continue;
    reported.add(key);
    problems.push(describeError(error.type, key, item, raw, candidate));
  }
  return problems.length === before ? (candidate as IndicatorHeader) : undefined;
}

function coerce(key: string, value: string): unknown {
  if (LIST_KEYS.has(key)) return value === 'none' ? [] : value.split(',').map((v) => v.trim());
  if (key === 'scale') return /^[0-9]+(\.[0-9]+)?$/.test(value) ? Number(value) : value;
  return value;
}

function describeError(
  type: ValueErrorType,
  key: string,
  item: string | undefined,
  raw: Record<string, string>,
  candidate: Record<string, unknown>,
): string {
  if (type === ValueErrorType.ObjectAdditionalProperties) {
    return `unknown key '${key}' (keys: ${HEADER_KEYS.join(', ')})`;
  }
  if (type === ValueErrorType.ObjectRequiredProperty) return `missing key '${key}'`;
  const schema = IndicatorHeaderSchema.properties[key as keyof typeof IndicatorHeaderSchema.properties];
  if (item !== undefined && LIST_KEYS.has(key)) {
    const value = (candidate[key] as string[])[Number(item)];
    const itemSchema = KindGuard.IsArray(schema) ? schema.items : undefined;
    return `${key}: bad value '${value}' (expected ${describeSchema(itemSchema)})`;
  }
  if (type === ValueErrorType.ArrayUniqueItems) return `${key}: a value is repeated in '${raw[key]}'`;
  return `${key}: bad value '${raw[key]}' (expected ${describeSchema(schema)})`;
}
