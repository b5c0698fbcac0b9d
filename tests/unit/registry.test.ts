// The indicator registry rejects bad files with a RegistryError naming each file and what is wrong, at load
// (headers, statements) and at the store check (parameters, columns and their cell keys, the optional minus pair,
// the optional procedure_code); bindParams binds every declared filter;
// the filters and the metadata schema are declared once, and the route, the contracts and the web derive theirs.
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DATE, INTEGER, LIST, VARCHAR } from '@duckdb/node-api';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { TObject } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import Fastify, { type FastifySchema } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Context } from '../../server/context.ts';
import {
  IndicatorAnswerSchema,
  IndicatorListSchema,
  IndicatorMetaSchema,
  IndicatorQuerySchema,
} from '../../server/contracts/indicators.ts';
import {
  FILTER_NAMES,
  FILTERS,
  IndicatorHeaderSchema,
  RegistryError,
  bindParams,
  checkRegistry,
  loadRegistry,
  type IndicatorDef,
} from '../../server/registry/index.ts';
import { indicatorRoutes } from '../../server/routes/indicators.ts';
import { splitStatements } from '../../server/registry/statement.ts';
import { buildCubeFixture, type CubeFixture } from '../fixtures/cube-fixture.ts';

const HEADER: Record<string, string> = {
  id: 'births',
  name_vi: 'Số trẻ sinh ra',
  name_en: 'Births',
  unit: 'persons',
  numerator: 'children born during the month',
  denominator: 'none',
  direction: 'none',
  targets: 'none',
  time: 'sum',
  units: 'sum',
  scale: '1',
  disclosure: 'count',
  filters: 'sex',
  domain: 'population',
};
const SQL = `SELECT unit_id, month, sum(births)::DOUBLE AS numerator, NULL::DOUBLE AS denominator,
  sum(births_key)::BIGINT AS numerator_key, NULL::BIGINT AS denominator_key
FROM pop_month
WHERE unit_id IN (SELECT unnest($units)) AND month BETWEEN $from AND $to AND ($sex IS NULL OR sex = $sex)
GROUP BY unit_id, month`;

/** The two columns a numerator that is a difference of two counts adds (here births minus deaths). */
const MINUS = 'sum(deaths)::DOUBLE AS numerator_minus, sum(deaths_key)::BIGINT AS numerator_minus_key';
/** The optional last column of rows by procedure (the Decision 766 index); a population statement has none: NULL. */
const PROCEDURE = 'NULL::VARCHAR AS procedure_code';

/** An indicator file: HEADER with `changes` (undefined drops a key), then `sql`. */
function indicatorFile(changes: Record<string, string | undefined> = {}, sql = SQL): string {
  const header = { ...HEADER, ...changes };
  const lines = Object.entries(header)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `-- ${k}: ${v}`);
  return `${lines.join('\n')}\n${sql}\n`;
}

const tmpRoots: string[] = [];
/** Writes `files` (path → text) into a fresh temporary queries folder and returns its path. */
async function queriesFolder(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ioc06-registry-'));
  tmpRoots.push(dir);
  for (const [rel, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
    await writeFile(path.join(dir, rel), text);
  }
  return dir;
}
afterAll(async () => {
  await Promise.all(tmpRoots.map((d) => rm(d, { recursive: true, force: true })));
});

/** The RegistryError that loading (and, with a store, checking) the folder throws. */
async function registryError(files: Record<string, string>, conn?: CubeFixture['conn']): Promise<RegistryError> {
  const dir = await queriesFolder(files);
  try {
    const registry = await loadRegistry(dir);
    if (conn) await checkRegistry(registry, conn);
  } catch (error) {
    expect(error).toBeInstanceOf(RegistryError);
    return Object.assign(error as RegistryError, { dir });
  }
  throw new Error('expected a RegistryError');
}

const loadCases: [string, Record<string, string>, string][] = [
  [
    'a missing key',
    { 'population/births.sql': indicatorFile({ direction: undefined }) },
    "population/births.sql: missing key 'direction'",
  ],
  [
    'a bad direction',
    { 'population/births.sql': indicatorFile({ direction: 'best' }) },
    "population/births.sql: direction: bad value 'best' (expected one of higher, lower, none)",
  ],
  [
    'an id that is not the file name',
    { 'population/births.sql': indicatorFile({ id: 'birth_count' }) },
    "population/births.sql: id 'birth_count' does not match the file name 'births.sql'",
  ],
  [
    'two statements',
    { 'population/births.sql': indicatorFile({}, `${SQL};\nSELECT 1;`) },
    'population/births.sql: more than one statement (2)',
  ],
  [
    'an empty statement',
    { 'population/births.sql': indicatorFile({}, '-- nothing here\n;') },
    'population/births.sql: empty statement',
  ],
  [
    'an unknown filter',
    { 'population/births.sql': indicatorFile({ filters: 'sex, gender' }) },
    "population/births.sql: filters: bad value 'gender'",
  ],
  [
    'an unknown key',
    { 'population/births.sql': indicatorFile({ colour: 'red' }) },
    "population/births.sql: unknown key 'colour'",
  ],
  [
    'an unknown target',
    { 'population/births.sql': indicatorFile({ targets: 'D01, Z99' }) },
    "population/births.sql: targets: 'Z99' is not a target of targets.csv",
  ],
  [
    'a bad scale',
    { 'population/births.sql': indicatorFile({ scale: 'hundred' }) },
    "population/births.sql: scale: bad value 'hundred'",
  ],
  [
    'a name_vi without diacritics',
    { 'population/births.sql': indicatorFile({ name_vi: 'So tre sinh ra' }) },
    "population/births.sql: name_vi: bad value 'So tre sinh ra'",
  ],
  [
    'a domain that is not its folder',
    { 'procedures/births.sql': indicatorFile() },
    "procedures/births.sql: domain 'population' does not match the folder 'procedures'",
  ],
  [
    'a rate disclosure without denominator',
    { 'population/births.sql': indicatorFile({ disclosure: 'rate' }) },
    "population/births.sql: disclosure 'rate' needs a denominator",
  ],
  [
    'a header line that is not key: value',
    { 'population/births.sql': `-- births per month\n${indicatorFile()}` },
    'population/births.sql: line 1: header line is not "-- key: value"',
  ],
  ['a file without header', { 'population/births.sql': SQL }, 'population/births.sql: no header'],
  [
    'a duplicate id',
    {
      'population/births.sql': indicatorFile(),
      'procedures/births.sql': indicatorFile({ domain: 'procedures' }),
    },
    "procedures/births.sql: duplicate id 'births' (also ",
  ],
];

describe('loadRegistry', () => {
  it('loads a good folder: header parsed, statement without header, path as reached from the folder', async () => {
    const dir = await queriesFolder({
      'population/births.sql': indicatorFile({ targets: 'D01, D02', source: 'GSO' }),
      'README.md': '# not SQL',
    });
    const registry = await loadRegistry(dir);
    const def = registry.indicators.get('births')!;
    expect(def).toMatchObject({ id: 'births', domain: 'population', file: `${dir}/population/births.sql`, sql: SQL });
    const { id: _id, domain: _domain, ...meta } = HEADER;
    expect(def.meta).toEqual({ ...meta, scale: 1, targets: ['D01', 'D02'], filters: ['sex'], source: 'GSO' });
    expect(registry.list().map((d) => d.id)).toEqual(['births']);
  });

  it('loads the real queries/ folder, every file under its domain', async () => {
    const registry = await loadRegistry('queries');
    for (const def of registry.list()) expect(def.file).toBe(`queries/${def.domain}/${def.id}.sql`);
  });

  it.each(loadCases)('rejects %s', async (_, files, problem) => {
    const error = await registryError(files);
    expect(error.message).toContain(`${(error as RegistryError & { dir: string }).dir}/${problem}`);
  });

  it('collects the problems of every file into one error', async () => {
    const error = await registryError({
      'population/births.sql': indicatorFile({ direction: 'up' }),
      'population/deaths.sql': indicatorFile({ id: 'deaths', time: 'always', filters: 'sex, sex' }),
      'milestones/m.sql': '-- id: m\n',
    });
    const files = error.problems.map((p) => path.basename(p.file));
    expect(new Set(files)).toEqual(new Set(['births.sql', 'deaths.sql', 'm.sql']));
    expect(error.problems.length).toBeGreaterThanOrEqual(5);
    expect(error.message.split('\n')).toHaveLength(error.problems.length + 1);
  });

  it('rejects a folder without indicator files', async () => {
    await expect(loadRegistry(await queriesFolder({ 'README.md': 'x' }))).rejects.toThrow(/no indicator file/);
  });
});

describe('splitStatements', () => {
  it.each([
    ["SELECT ';' AS a -- a comment; with a semicolon\n", 1],
    ['SELECT 1; -- trailing comment', 1],
    ['/* ; */ SELECT "a;b" FROM t;\n;\n', 1],
    ['SELECT 1; SELECT 2', 2],
    ['-- only a comment', 0],
  ] as const)('%j holds %i statement(s)', (text, count) => {
    expect(splitStatements(text)).toHaveLength(count);
  });
});

describe('checkRegistry', () => {
  let fixture: CubeFixture;
  beforeAll(async () => {
    fixture = await buildCubeFixture();
  });
  afterAll(() => fixture?.close());

  it.each([
    ['an undeclared $param', indicatorFile({ filters: 'none' }), 'uses the undeclared parameter $sex'],
    [
      'a declared filter it does not use',
      indicatorFile({ filters: 'sex, residence' }),
      'does not use the parameter $residence',
    ],
    [
      'a positional parameter',
      indicatorFile({}, SQL.replace('$from', '$1')),
      'the statement does not prepare: Not implemented Error: Mixing named and positional',
    ],
    [
      'a wrong column name',
      indicatorFile({}, SQL.replace('AS numerator,', 'AS births,')),
      'returns the columns (unit_id, month, births, denominator, numerator_key, denominator_key); expected ' +
        '(unit_id, month, numerator, denominator, numerator_key, denominator_key), ' +
        'optionally followed by (numerator_minus, numerator_minus_key), then optionally by (procedure_code)',
    ],
    [
      'a statement without the key columns',
      indicatorFile({}, SQL.replace(/,\n {2}sum\(births_key\).*\n/, '\n')),
      'returns the columns (unit_id, month, numerator, denominator); expected',
    ],
    [
      'a key not cast to BIGINT',
      indicatorFile({}, SQL.replace('sum(births_key)::BIGINT', 'sum(births_key)')),
      'column numerator_key is HUGEINT; expected BIGINT',
    ],
    [
      'a key cast to DOUBLE',
      indicatorFile({}, SQL.replace('NULL::BIGINT AS denominator_key', 'NULL::DOUBLE AS denominator_key')),
      'column denominator_key is DOUBLE; expected BIGINT',
    ],
    [
      'numerator_minus without its key',
      indicatorFile({}, SQL.replace('AS denominator_key', 'AS denominator_key, 0::DOUBLE AS numerator_minus')),
      'returns the columns (unit_id, month, numerator, denominator, numerator_key, denominator_key, ' +
        'numerator_minus); expected',
    ],
    [
      'the minus pair before the keys',
      indicatorFile(
        {},
        SQL.replace('sum(births_key)', '0::DOUBLE AS numerator_minus, 0::BIGINT AS numerator_minus_key, $&'),
      ),
      'returns the columns (unit_id, month, numerator, denominator, numerator_minus, numerator_minus_key, ' +
        'numerator_key, denominator_key); expected',
    ],
    [
      'the minus pair in the wrong order',
      indicatorFile(
        {},
        SQL.replace('AS denominator_key', `AS denominator_key, ${MINUS.split(', ').reverse().join(', ')}`),
      ),
      'returns the columns (unit_id, month, numerator, denominator, numerator_key, denominator_key, ' +
        'numerator_minus_key, numerator_minus)',
    ],
    [
      'a minus key not cast to BIGINT',
      indicatorFile({}, SQL.replace('AS denominator_key', `AS denominator_key, ${MINUS.replace('::BIGINT', '')}`)),
      'column numerator_minus_key is HUGEINT; expected BIGINT',
    ],
    [
      'procedure_code before the minus pair',
      indicatorFile({}, SQL.replace('AS denominator_key', `AS denominator_key, ${PROCEDURE}, ${MINUS}`)),
      'returns the columns (unit_id, month, numerator, denominator, numerator_key, denominator_key, ' +
        'procedure_code, numerator_minus, numerator_minus_key); expected',
    ],
    [
      'procedure_code between the keys',
      indicatorFile({}, SQL.replace('sum(births_key)', `${PROCEDURE}, $&`)),
      'returns the columns (unit_id, month, numerator, denominator, procedure_code, numerator_key, ' +
        'denominator_key); expected',
    ],
    [
      'a procedure_code that is not VARCHAR',
      indicatorFile({}, SQL.replace('AS denominator_key', 'AS denominator_key, 1 AS procedure_code')),
      'column procedure_code is INTEGER; expected VARCHAR',
    ],
    [
      'a seventh column that is neither',
      indicatorFile({}, SQL.replace('AS denominator_key', 'AS denominator_key, NULL::VARCHAR AS procedure')),
      'returns the columns (unit_id, month, numerator, denominator, numerator_key, denominator_key, procedure); ' +
        'expected',
    ],
    [
      'a sum not cast to DOUBLE',
      indicatorFile({}, SQL.replace('sum(births)::DOUBLE', 'sum(births)')),
      'column numerator is HUGEINT; expected DOUBLE',
    ],
    [
      'a statement that writes',
      indicatorFile(
        {},
        'DELETE FROM pop_month WHERE unit_id IN (SELECT unnest($units)) AND month BETWEEN $from AND $to AND sex = $sex RETURNING unit_id, month, 1::DOUBLE AS numerator, NULL::DOUBLE AS denominator',
      ),
      'the statement is not a SELECT',
    ],
    [
      'an unknown table',
      indicatorFile({}, SQL.replace('FROM pop_month', 'FROM people')),
      'the statement does not prepare: Catalog Error',
    ],
  ])('rejects %s', async (_, text, problem) => {
    const error = await registryError({ 'population/births.sql': text }, fixture.conn);
    expect(error.message).toContain(`population/births.sql: ${problem}`);
  });

  it('accepts the pair numerator_minus, numerator_minus_key after the six columns', async () => {
    const sql = SQL.replace('AS denominator_key', `AS denominator_key, ${MINUS}`);
    const registry = await loadRegistry(await queriesFolder({ 'population/births.sql': indicatorFile({}, sql) }));
    await expect(checkRegistry(registry, fixture.conn)).resolves.toBeUndefined();
  });

  it.each([
    ['after the six columns', SQL.replace('AS denominator_key', `AS denominator_key, ${PROCEDURE}`)],
    ['after the minus pair', SQL.replace('AS denominator_key', `AS denominator_key, ${MINUS}, ${PROCEDURE}`)],
  ])('accepts the trailing procedure_code (rows by procedure, queries/index766) %s', async (_, sql) => {
    const registry = await loadRegistry(await queriesFolder({ 'population/births.sql': indicatorFile({}, sql) }));
    await expect(checkRegistry(registry, fixture.conn)).resolves.toBeUndefined();
  });

  it('lists every bad file', async () => {
    const error = await registryError(
      {
        'population/births.sql': indicatorFile({ filters: 'none' }),
        'population/deaths.sql': indicatorFile({ id: 'deaths' }, SQL.replace('::DOUBLE AS numerator', ' AS numerator')),
      },
      fixture.conn,
    );
    expect(error.problems.map((p) => path.basename(p.file)).sort()).toEqual(['births.sql', 'deaths.sql']);
  });
});

describe('bindParams', () => {
  const def = { id: 'x', meta: { filters: ['sex', 'age_min', 'age_max'] } } as unknown as IndicatorDef;

  it('binds scope, months and every declared filter, NULL when not asked', () => {
    const { values, types } = bindParams(def, {
      units: ['C1'],
      from: '2022-01-01',
      to: '2022-12-01',
      filters: { sex: 'F', age_min: '15' },
    });
    expect(Object.keys(values).sort()).toEqual(['age_max', 'age_min', 'from', 'sex', 'to', 'units']);
    expect(values).toMatchObject({ sex: 'F', age_min: 15, age_max: null });
    expect(String(values.from)).toBe('2022-01-01');
    expect(types).toEqual({
      units: LIST(VARCHAR),
      from: DATE,
      to: DATE,
      sex: VARCHAR,
      age_min: INTEGER,
      age_max: INTEGER,
    });
  });

  it.each([
    [{ filters: { channel: 'online' } }, /does not take the filter 'channel'/],
    [{ filters: { age_min: 'old' } }, /must be an integer/],
    [{ from: '2022-01-15' }, /first day of a month/],
    [{ to: '2022-13-01' }, /first day of a month/],
  ])('refuses %j', (change, message) => {
    expect(() => bindParams(def, { units: [], from: '2022-01-01', to: '2022-02-01', ...change })).toThrow(message);
  });
});

// One list of filters and one metadata schema (issue 13): docs/indicators.md names the filters; the registry
// declares them once (server/registry/filter-defs.ts); the route's request schema, the catalogue's schema and the
// web's view state are built from it. Adding a filter is one edit, and nothing else can drift.
describe('one source for the filters and the metadata', () => {
  /** The filters docs/indicators.md lists in its header table, read from the page a reviewer reads. */
  async function documentedFilters(): Promise<string[]> {
    const doc = await readFile('docs/indicators.md', 'utf8');
    const row = doc.split('\n').find((line) => line.startsWith('| `filters` |'));
    return [
      ...(row ?? '')
        .split('|')[3]
        .split(':')[1]
        .matchAll(/`([a-z_]+)`/g),
    ].map((m) => m[1]);
  }

  /** The schemas the indicator routes register, as Fastify sees them. */
  async function routeSchemas(): Promise<Map<string, FastifySchema>> {
    const app = Fastify().withTypeProvider<TypeBoxTypeProvider>();
    const schemas = new Map<string, FastifySchema>();
    app.addHook('onRoute', (route) => {
      if (route.method === 'GET' && route.schema) schemas.set(route.url, route.schema);
    });
    await app.register(indicatorRoutes, { ctx: {} as Context });
    await app.ready();
    await app.close();
    return schemas;
  }

  it('the registry declares the filters docs/indicators.md lists, in its order', async () => {
    const documented = ['sex', 'age_min', 'age_max', 'residence', 'procedure_level', 'field', 'procedure', 'channel'];
    expect(await documentedFilters()).toEqual(documented);
    expect(FILTER_NAMES).toEqual(await documentedFilters());
  });

  it('GET /api/indicators/:id takes the query keys and exactly the registry’s filters', async () => {
    const query = (await routeSchemas()).get('/api/indicators/:id')?.querystring as TObject;
    expect(Object.keys(query.properties)).toEqual(['unit', 'from', 'to', 'by', 'at', ...FILTER_NAMES]);
    for (const name of FILTER_NAMES) expect(query.required ?? []).not.toContain(name);
  });

  it.each([
    // filter, DuckDB type, a value the request takes, one it refuses (hand-written from docs/indicators.md)
    ['sex', VARCHAR, 'F', 'X'],
    ['age_min', INTEGER, 15, 90],
    ['age_max', INTEGER, 85, -1],
    ['residence', VARCHAR, 'temporary', 'visitor'],
    ['procedure_level', VARCHAR, 'district', 'province'],
    ['field', VARCHAR, 'civil_status', 'Civil Status'],
    ['procedure', VARCHAR, '1.001', ''],
    ['channel', VARCHAR, 'post', 'fax'],
  ] as const)('%s: bound as %s, the request takes %j and refuses %j', (name, type, good, bad) => {
    expect(FILTERS[name]).toBe(type);
    const schema = IndicatorQuerySchema.properties[name];
    expect(Value.Check(schema, good)).toBe(true);
    expect(Value.Check(schema, bad)).toBe(false);
  });

  it('the catalogue’s metadata schema is the registry’s header schema, not a looser copy', async () => {
    const list = (await routeSchemas()).get('/api/indicators')?.response as Record<number, TObject>;
    expect(list[200].properties.indicators).toEqual(IndicatorListSchema.properties.indicators);
    // … with one more field, computed rather than read from the header: the kinds of file that can feed it
    const { sources, ...header } = IndicatorMetaSchema.properties;
    expect(header).toEqual(IndicatorHeaderSchema.properties);
    expect(sources.type).toBe('array');
    expect(IndicatorAnswerSchema.properties.indicator).toBe(IndicatorMetaSchema);
    // the strictness shows: a meta with a unit or a filter the registry refuses is not a valid answer
    const meta = { ...HEADER, scale: 1, targets: [], filters: ['sex'] };
    expect(Value.Check(IndicatorMetaSchema, meta)).toBe(true);
    expect(Value.Check(IndicatorMetaSchema, { ...meta, unit: 'litres' })).toBe(false);
    expect(Value.Check(IndicatorMetaSchema, { ...meta, filters: ['gender'] })).toBe(false);
  });
});
