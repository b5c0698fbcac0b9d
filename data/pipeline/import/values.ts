// SQL that parses one raw text value of an import file into its type, and the reason shown when it cannot.
// Used by stage.ts for every column; parsing happens in DuckDB, never row by row in JavaScript.

export type ValueType =
  | { type: 'text' }
  /** a name or code (unit, procedure, target): text that does not start like a spreadsheet formula */
  | { type: 'name' }
  | { type: 'digits' }
  | { type: 'date' }
  /** a month: YYYY-MM, MM/YYYY or a date YYYY-MM-DD, stored as the month's first day */
  | { type: 'month' }
  | { type: 'timestamp' }
  | { type: 'bool' }
  | { type: 'enum'; values: Record<string, string>; label?: string }
  | { type: 'int'; min: number; max: number }
  /** a count of people: a whole number from 0 to 999,999,999 (`12.0` accepted, a thousands separator is not) */
  | { type: 'count' }
  | { type: 'number'; min?: number; minExclusive?: boolean; max?: number }
  | { type: 'geometry' };

/**
 * What a name may not start with: =, +, -, @, a tab or a carriage return would make it a live formula in
 * a spreadsheet that opens an export (OWASP's CSV-injection list); no unit, procedure or target is named so.
 */
const FORMULA_START = ['=', '+', '-', '@', '\t', '\r'];

/** A SQL string literal. */
export function lit(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** A SQL identifier. */
export function ident(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** The raw value quoted for a message, cut to 60 characters. */
export function shown(raw: string): string {
  return `('"' || left(${raw}, 60) || CASE WHEN length(${raw}) > 60 THEN '…' ELSE '' END || '"')`;
}

const TRUE_WORDS = ['true', '1', 'yes', 'có'];
const FALSE_WORDS = ['false', '0', 'no', 'không'];

function inList(words: string[]): string {
  return words.map(lit).join(', ');
}

/**
 * Maps spellings to stored values, or NULL: exact spellings first (cheap), then case-insensitive and
 * NFC-normalised.
 */
function enumSql(raw: string, values: Record<string, string>): string {
  const exact = Object.entries(values)
    .map(([spelling, value]) => `WHEN ${lit(spelling)} THEN ${lit(value)}`)
    .join(' ');
  const folded = Object.entries(values)
    .map(([spelling, value]) => `WHEN ${lit(spelling.normalize('NFC').toLowerCase())} THEN ${lit(value)}`)
    .join(' ');
  return `CASE ${raw} ${exact} ELSE CASE nfc_normalize(lower(${raw})) ${folded} END END`;
}

function numberSql(raw: string, t: { min?: number; minExclusive?: boolean; max?: number }): string {
  const v = `TRY_CAST(${raw} AS DOUBLE)`;
  const conds = [`isfinite(${v})`];
  if (t.min !== undefined) conds.push(`${v} ${t.minExclusive ? '>' : '>='} ${t.min}`);
  if (t.max !== undefined) conds.push(`${v} <= ${t.max}`);
  return `CASE WHEN ${conds.join(' AND ')} THEN ${v} END`;
}

function intSql(raw: string, min: number, max: number): string {
  if (max - min <= 20) {
    const words = Array.from({ length: max - min + 1 }, (_, i) => String(min + i));
    return `CASE WHEN ${raw} IN (${inList(words)}) THEN CAST(${raw} AS INTEGER) END`;
  }
  // Nested CASE: the cast runs only on rows that are digits (AND does not short-circuit).
  return (
    `CASE WHEN regexp_full_match(${raw}, '[+-]?[0-9]{1,9}') THEN` +
    ` CASE WHEN CAST(${raw} AS INTEGER) BETWEEN ${min} AND ${max} THEN CAST(${raw} AS INTEGER) END END`
  );
}

/** Day first, as Vietnam writes dates: `dd/mm/yyyy` (one-digit day or month accepted). */
const DMY = '[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}';

/** `YYYY-MM-DD`, or `dd/mm/yyyy` (checked by pattern first: strptime alone would take `5/1/22` as year 22). */
function dateSql(raw: string): string {
  return (
    `CASE WHEN length(${raw}) = 10 AND ${raw} LIKE '____-__-__' THEN TRY_CAST(${raw} AS DATE)` +
    ` WHEN contains(${raw}, '/') AND regexp_full_match(${raw}, '${DMY}')` +
    ` THEN CAST(try_strptime(${raw}, '%d/%m/%Y') AS DATE) END`
  );
}

/** `YYYY-MM`, `MM/YYYY` (or `M/YYYY`), or a date (dateSql): the first day of the month. */
function monthSql(raw: string): string {
  return (
    `CASE WHEN regexp_full_match(${raw}, '[0-9]{4}-[0-9]{2}') THEN TRY_CAST(${raw} || '-01' AS DATE)` +
    ` WHEN regexp_full_match(${raw}, '[0-9]{1,2}/[0-9]{4}')` +
    ` THEN CAST(try_strptime('1/' || ${raw}, '%d/%m/%Y') AS DATE)` +
    ` ELSE CAST(date_trunc('month', ${dateSql(raw)}) AS DATE) END`
  );
}

/** A count: digits (at most 9), or digits and `.0` as spreadsheets write whole numbers; never `1.000` (a thousand). */
function countSql(raw: string): string {
  const whole = `regexp_full_match(${raw}, '[0-9]{1,9}(\\.0)?')`;
  return `CASE WHEN ${whole} THEN CAST(split_part(${raw}, '.', 1) AS INTEGER) END`;
}

/**
 * `YYYY-MM-DD HH:MM[:SS[.fff]]`, ISO `T`, the portal's `yyyyMMddHHmmss` and `dd/mm/yyyy HH:MM[:SS]`; no time zone.
 * Branches by form first: TRY_CAST alone would also take a date without time or a trailing `Z`.
 */
function timestampSql(raw: string): string {
  const dmy = (seconds: boolean) =>
    `regexp_full_match(${raw}, '${DMY} [0-9]{1,2}:[0-9]{2}${seconds ? ':[0-9]{2}' : ''}')`;
  return (
    `CASE WHEN contains(${raw}, '/') THEN CASE WHEN ${dmy(false)} THEN try_strptime(${raw}, '%d/%m/%Y %H:%M')` +
    ` WHEN ${dmy(true)} THEN try_strptime(${raw}, '%d/%m/%Y %H:%M:%S') END` +
    ` WHEN length(${raw}) IN (16, 19) THEN TRY_CAST(${raw} AS TIMESTAMP)` +
    ` WHEN length(${raw}) = 14 THEN try_strptime(${raw}, '%Y%m%d%H%M%S')` +
    ` WHEN length(${raw}) BETWEEN 21 AND 26 AND substr(${raw}, 20, 1) = '.' AND NOT contains(${raw}, '+')` +
    ` THEN TRY_CAST(${raw} AS TIMESTAMP) END`
  );
}

/** SQL giving the typed value of `raw` (a trimmed VARCHAR, NULL when empty), NULL when it does not parse. */
export function parseSql(raw: string, t: ValueType): string {
  switch (t.type) {
    case 'text':
      return raw;
    case 'name':
      return `CASE WHEN left(${raw}, 1) NOT IN (${inList(FORMULA_START)}) THEN ${raw} END`;
    case 'digits':
      return `CASE WHEN regexp_full_match(${raw}, '[0-9]+') THEN ${raw} END`;
    case 'date':
      return dateSql(raw);
    case 'month':
      return monthSql(raw);
    case 'timestamp':
      return timestampSql(raw);
    case 'bool':
      return (
        `CASE ${raw} WHEN 'true' THEN true WHEN 'false' THEN false WHEN '1' THEN true WHEN '0' THEN false ELSE` +
        ` CASE WHEN nfc_normalize(lower(${raw})) IN (${inList(TRUE_WORDS)}) THEN true` +
        ` WHEN nfc_normalize(lower(${raw})) IN (${inList(FALSE_WORDS)}) THEN false END END`
      );
    case 'enum':
      return enumSql(raw, t.values);
    case 'int':
      return intSql(raw, t.min, t.max);
    case 'count':
      return countSql(raw);
    case 'number':
      return numberSql(raw, t);
    case 'geometry':
      return (
        `CASE WHEN json_valid(${raw}) THEN` +
        ` CASE WHEN json_extract_string(${raw}, '$.type') IN ('Polygon', 'MultiPolygon') THEN ${raw} END END`
      );
  }
}

function enumLabel(t: { values: Record<string, string>; label?: string }): string {
  return t.label ?? [...new Set(Object.values(t.values))].join(', ');
}

/** SQL text expression: why `raw` is not a valid value of type `t`. */
export function reasonSql(raw: string, t: ValueType): string {
  const v = shown(raw);
  switch (t.type) {
    case 'text':
      return lit('is not valid text');
    case 'name':
      return `${v} || ' starts with =, +, -, @, a tab or a carriage return: a spreadsheet would run it as a formula'`;
    case 'digits':
      return `${v} || ' is not a code of digits'`;
    case 'date':
      return `${v} || ' is not a date (YYYY-MM-DD or dd/mm/yyyy)'`;
    case 'month':
      return `${v} || ' is not a month (YYYY-MM, MM/YYYY, YYYY-MM-DD or dd/mm/yyyy)'`;
    case 'timestamp':
      return (
        `${v} || ' is not a timestamp (YYYY-MM-DD HH:MM[:SS], dd/mm/yyyy HH:MM[:SS] or yyyyMMddHHmmss,` +
        " no time zone)'"
      );
    case 'bool':
      return `${v} || ' is not a boolean (true/false, 1/0, yes/no, có/không)'`;
    case 'enum':
      return `${v} || ${lit(` is not one of ${enumLabel(t)}`)}`;
    case 'int':
      return `${v} || ${lit(` is not a whole number from ${t.min} to ${t.max}`)}`;
    case 'count':
      return (
        `${v} || CASE WHEN regexp_full_match(${raw}, '-\\s*[0-9]+([.,][0-9]+)?')` +
        ` THEN ' is negative: a count is 0 or more' ELSE ' is not a whole number from 0 to 999999999' END`
      );
    case 'number': {
      const range = [
        t.min !== undefined ? `${t.minExclusive ? '>' : '≥'} ${t.min}` : '',
        t.max !== undefined ? `≤ ${t.max}` : '',
      ]
        .filter(Boolean)
        .join(' and ');
      return `${v} || ${lit(` is not a number${range ? ' ' + range : ''}`)}`;
    }
    case 'geometry':
      return (
        `CASE WHEN json_valid(${raw}) THEN 'geometry of type "' ||` +
        ` coalesce(json_extract_string(${raw}, '$.type'), '?')` +
        ` || '" is not a Polygon or MultiPolygon' ELSE 'geometry is not valid JSON' END`
      );
  }
}
