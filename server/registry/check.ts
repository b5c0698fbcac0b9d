// Checks every indicator statement against a store at boot: it prepares, takes exactly $units, $from, $to
// and its declared filters, and returns unit_id, month, numerator, denominator and their cell keys numerator_key,
// denominator_key with the right types, then optionally the pair numerator_minus, numerator_minus_key (a numerator
// that is a difference of two counts: docs/indicators.md, docs/disclosure.md), then optionally procedure_code (rows by
// procedure, for the breakdown of the Decision 766 index: compose.ts composeProcedureSql).
import { StatementType, type DuckDBConnection } from '@duckdb/node-api';
import { RegistryError, type RegistryProblem } from './errors.ts';
import { bindParams } from './params.ts';
import type { IndicatorDef, Registry } from './schema.ts';

type Column = readonly [name: string, type: string];

/** The columns every statement returns, in this order. */
const COLUMNS: readonly Column[] = [
  ['unit_id', 'VARCHAR'],
  ['month', 'DATE'],
  ['numerator', 'DOUBLE'],
  ['denominator', 'DOUBLE'],
  ['numerator_key', 'BIGINT'],
  ['denominator_key', 'BIGINT'],
];
/** The subtracted count of a numerator that is a difference (net_migration) and its key: both or neither, last. */
const MINUS_COLUMNS: readonly Column[] = [
  ['numerator_minus', 'DOUBLE'],
  ['numerator_minus_key', 'BIGINT'],
];
/** The procedure a row is about (NULL when not by procedure): optional, last. */
const PROCEDURE_COLUMN: Column = ['procedure_code', 'VARCHAR'];

export async function checkRegistry(registry: Registry, conn: DuckDBConnection): Promise<void> {
  const problems: RegistryProblem[] = [];
  for (const def of registry.list()) {
    for (const message of await checkIndicator(def, conn)) problems.push({ file: def.file, message });
  }
  if (problems.length > 0) throw new RegistryError(problems);
}

/** The problems of one indicator against the store `conn`; empty when it is fine. */
export async function checkIndicator(def: IndicatorDef, conn: DuckDBConnection): Promise<string[]> {
  let names: string[];
  try {
    const prepared = await conn.prepare(def.sql);
    const isSelect = prepared.statementType === StatementType.SELECT;
    names = Array.from({ length: prepared.parameterCount }, (_, i) => prepared.parameterName(i + 1));
    prepared.destroySync();
    if (!isSelect) return ['the statement is not a SELECT'];
  } catch (error) {
    return [`the statement does not prepare: ${firstLine(error)}`];
  }
  const problems = checkParameters(def, names);
  if (problems.length > 0) return problems;
  try {
    // An empty scope: cheap on any store, yet DuckDB binds every parameter and types every column.
    const { values, types } = bindParams(def, { units: [], from: '2022-01-01', to: '2022-12-01' });
    const result = await conn.runAndReadAll(def.sql, values, types);
    return checkColumns(result.columnNames(), result.columnTypes().map(String));
  } catch (error) {
    return [`the statement fails on the store: ${firstLine(error)}`];
  }
}

function checkParameters(def: IndicatorDef, used: string[]): string[] {
  const declared = ['units', 'from', 'to', ...def.meta.filters];
  const problems: string[] = [];
  for (const name of used) {
    if (!declared.includes(name)) {
      const hint = /^\d+$/.test(name) ? ' (positional parameters are not allowed)' : ' (not a declared filter)';
      problems.push(`uses the undeclared parameter $${name}${hint}`);
    }
  }
  for (const name of declared) {
    if (!used.includes(name)) problems.push(`does not use the parameter $${name}`);
  }
  return problems;
}

function checkColumns(names: string[], types: string[]): string[] {
  const withMinus = names[COLUMNS.length] === MINUS_COLUMNS[0][0] || names.length === COLUMNS.length + 2;
  const columns = [...COLUMNS, ...(withMinus ? MINUS_COLUMNS : [])];
  if (names.length > columns.length) columns.push(PROCEDURE_COLUMN);
  const expected = columns.map(([name]) => name);
  if (names.join(',') !== expected.join(',')) {
    const optional = MINUS_COLUMNS.map(([name]) => name).join(', ');
    return [
      `returns the columns (${names.join(', ')}); expected (${COLUMNS.map(([name]) => name).join(', ')}), ` +
        `optionally followed by (${optional}), then optionally by (${PROCEDURE_COLUMN[0]})`,
    ];
  }
  return columns
    .filter(([, type], i) => types[i] !== type)
    .map(([name, type]) => `column ${name} is ${types[names.indexOf(name)]}; expected ${type}`);
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0];
}
