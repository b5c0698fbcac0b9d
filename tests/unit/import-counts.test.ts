// Aggregate population tables (population_counts, identity_counts; docs/data-formats.md). Person records are made
// here with a seeded generator, loaded as people into one store and, aggregated in this test in plain TypeScript
// (the naive oracle of the import tests, person by person and month by month, no SQL), written as a
// population_counts table and loaded into another store: every indicator the counts can feed must give the same
// numerators and denominators on both. Also: identity_counts, counts that are not known (no value, never 0), every
// error message, the cell keys, the data date.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LIST, VARCHAR, listValue } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CELL_KEY_SECRET, recordKey } from '../../data/pipeline/cell-key.ts';
import { importFolder, type ImportError } from '../../data/pipeline/import/index.ts';
import { countsUnitMonths } from '../../data/pipeline/import/load-counts.ts';
import type { StagedFile } from '../../data/pipeline/import/stage.ts';
import type { Store } from '../../data/pipeline/store.ts';
import { fullScope } from '../../server/auth/scope.ts';
import { createPool } from '../../server/db/pool.ts';
import { composeIndicatorSql } from '../../server/indicators/compose.ts';
import { IndicatorService } from '../../server/indicators/service.ts';
import { feedsOf } from '../../server/registry/feeds.ts';
import { bindParams, loadRegistry, type FilterValues, type IndicatorDef } from '../../server/registry/index.ts';
import { loadUnitDirectory } from '../../server/units/directory.ts';
import { cubeFromStore, fingerprint, folder, memoryStore, NOW, rows } from '../fixtures/import/helpers.ts';
import { expectedPopMonth, type Cell } from '../fixtures/import/oracle.ts';

const registry = await loadRegistry('queries');
const UNITS_CSV = join(folder('good'), 'units.csv');
const COMMUNES = ['10606', '10633', '10636'];
const DATA_DATE = '2024-12-31';
const LAST_MONTH = '2024-12';
const STOCKS = [
  'population',
  'with_personal_id',
  'card_age',
  'with_chip_card',
  'vneid_requested',
  'vneid_level1',
  'vneid_level2',
  'vneid_requested_level2',
  'incomplete_records',
];
const FLOWS = ['births', 'deaths', 'moves_in', 'moves_out'];
const IDENTITY = STOCKS.slice(1);
const lines = (errors: ImportError[]) => errors.map((e) => `${e.file}:${e.line}: ${e.column}: ${e.reason}`);

const tmp = mkdtempSync(join(tmpdir(), 'ioc06-counts-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

// ---------------------------------------------------------------------------------------------------------------
// Person records: a seeded generator whose rows pass the importer's checks (dates in order, within the data).

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY = 86_400_000;
const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function people(n: number, seed: number): Record<string, string>[] {
  const r = prng(seed);
  const between = (from: string, to: string) =>
    iso(day(from) + Math.floor(r() * ((day(to) - day(from)) / DAY + 1)) * DAY);
  const later = (from: string, to = DATA_DATE) => (from > to ? '' : between(from, to));
  const out: Record<string, string>[] = [];
  for (let i = 0; i < n; i++) {
    // a few 29 February birthdays, whose ages turn in March of common years
    const birth =
      i % 97 === 0 ? ['2008-02-29', '1960-02-29', '2020-02-29'][i % 3] : between('1930-01-01', '2024-11-30');
    const movedIn = r() < 0.3 ? later(birth > '2021-06-01' ? birth : '2021-06-01') : '';
    const since = movedIn || birth;
    const leaves = r();
    const movedOut = leaves < 0.12 ? later(since) : '';
    const died = leaves > 0.9 ? later(since) : '';
    const lv1 = r() < 0.45 ? later(birth) : '';
    const incomplete = r();
    out.push({
      person_key: `k${seed}-${i}`,
      unit_id: COMMUNES[Math.floor(r() * COMMUNES.length)],
      sex: r() < 0.5 ? 'M' : 'F',
      birth_date: birth,
      residence_type: r() < 0.8 ? 'permanent' : 'temporary',
      household_key: '',
      has_personal_id: r() < 0.93 ? 'true' : 'false',
      chip_card_issued_on: r() < 0.6 ? later(birth) : '',
      vneid_requested_on: r() < 0.5 ? later(birth) : '',
      vneid_level1_on: lv1,
      vneid_level2_on: lv1 && r() < 0.6 ? later(lv1) : '',
      moved_in_on: movedIn,
      moved_out_on: movedOut,
      died_on: died,
      missing_fields: incomplete < 0.08 ? 'ethnicity;religion' : '',
      completed_on: incomplete > 0.85 ? later(birth) : '',
    });
  }
  return out;
}

function writeCsv(path: string, header: string[], body: (string | number)[][]): void {
  writeFileSync(path, [header, ...body].map((row) => row.join(',')).join('\n') + '\n');
}

/** A folder with the good fixture's units and the given files. */
function makeFolder(name: string, files: Record<string, [string[], (string | number)[][]]>, manifest?: object) {
  const dir = join(tmp, name);
  mkdirSync(dir, { recursive: true });
  copyFileSync(UNITS_CSV, join(dir, 'units.csv'));
  for (const [file, [header, body]] of Object.entries(files)) writeCsv(join(dir, file), header, body);
  if (manifest) writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  return dir;
}

// ---------------------------------------------------------------------------------------------------------------
// The aggregation: the oracle's cube (unit|YYYY-MM-01|sex|age|residence → nonzero counts) as table rows.

const KEY_HEADER = ['unit_id', 'month', 'sex', 'age_group', 'residence'];
const VI_HEADER: Record<string, string> = {
  unit_id: 'Mã đơn vị',
  month: 'Tháng',
  sex: 'Giới tính',
  age_group: 'Nhóm tuổi',
  residence: 'Loại cư trú',
  population: 'Dân số',
  births: 'Sinh',
  deaths: 'Chết',
  moves_in: 'Chuyển đến',
  moves_out: 'Chuyển đi',
  with_personal_id: 'Có số định danh',
  card_age: 'Đủ tuổi cấp CCCD',
  with_chip_card: 'Đã cấp CCCD gắn chip',
  vneid_requested: 'Đề nghị VNeID',
  vneid_level1: 'VNeID mức 1',
  vneid_level2: 'VNeID mức 2',
  vneid_requested_level2: 'Đề nghị VNeID đã có mức 2',
  incomplete_records: 'Hồ sơ chưa đầy đủ',
};

/** The key columns of a cell, spelled in the ways the format accepts (so that every spelling is read). */
function keyFields(key: string, i: number): string[] {
  const [unit, month, sex, age, residence] = key.split('|');
  const a = Number(age);
  const band = [String(a), a === 85 ? '85+' : `${a}-${a + 4}`, a === 85 ? '85 trở lên' : `${a}–${a + 4}`][i % 3];
  const m = i % 4 === 3 ? `${month.slice(5, 7)}/${month.slice(0, 4)}` : month.slice(0, 7);
  const s = i % 2 ? sex : sex === 'M' ? 'Nam' : 'Nữ';
  const res = i % 5 === 0 ? (residence === 'permanent' ? 'thường trú' : 'tạm trú') : residence;
  return [unit, m, s, band, res];
}

function countsRows(cube: Map<string, Cell>, columns: string[], keep = (_key: string) => true): (string | number)[][] {
  return [...cube.entries()]
    .filter(([key]) => keep(key))
    .map(([key, cell], i) => [...keyFields(key, i), ...columns.map((c) => cell[c] ?? 0)]);
}

// ---------------------------------------------------------------------------------------------------------------
// Reading indicators: the registry's statements on a store, rolled up as the server does (compose.ts).

type Row = Record<string, unknown>;
const round = (v: unknown) => (v === null || v === undefined ? null : Math.round(Number(v) * 1e6) / 1e6);

async function statement(store: Store, def: IndicatorDef, filters: FilterValues = {}): Promise<string[]> {
  const { values, types } = bindParams(def, { units: COMMUNES, from: '2022-01-01', to: '2024-12-01', filters });
  const result = (await store.connection.runAndReadAll(def.sql, values, types)).getRowObjectsJson() as Row[];
  return result
    .map((r) => `${String(r.unit_id)}|${String(r.month)}|${round(r.numerator)}|${round(r.denominator)}`)
    .sort();
}

async function rolledUp(store: Store, def: IndicatorDef, by: 'month' | 'year'): Promise<string[]> {
  const { values, types } = bindParams(def, { units: COMMUNES, from: '2022-01-01', to: '2024-12-01', filters: {} });
  const result = (
    await store.connection.runAndReadAll(
      composeIndicatorSql(def, by),
      { ...values, groups: listValue(['291', '10633']) },
      { ...types, groups: LIST(VARCHAR) },
    )
  ).getRowObjectsJson() as Row[];
  return result.map((r) => `${String(r.unit)}|${String(r.period)}|${round(r.numerator)}|${round(r.denominator)}`);
}

async function serviceOf(store: Store, method: 'cellkey' | 'suppress' = 'cellkey') {
  const pool = await createPool(store.instance, 1, 10);
  const units = await loadUnitDirectory(store.connection);
  const service = new IndicatorService(pool, registry, units, {
    minCell: 5,
    method,
    cacheEntries: 0,
    firstMonth: '2022-01',
    dataMonth: () => LAST_MONTH,
  });
  const run = (id: string, unit: string, by: 'month' | 'year' = 'month', filters: Record<string, string> = {}) =>
    service.run({ id, unit, by, filters, scope: fullScope(units), from: '2022-01', to: LAST_MONTH });
  return { run, close: () => pool.close() };
}

const one = async (store: Store, sql: string) => (await rows(store.connection, sql))[0];

// ---------------------------------------------------------------------------------------------------------------

const PEOPLE = people(900, 20240601);
const CUBE = expectedPopMonth(PEOPLE, LAST_MONTH);
const ALL_COUNTS = [...STOCKS, ...FLOWS];
const PEOPLE_COLUMNS = Object.keys(PEOPLE[0]);

let fromPeople: Store;
let fromCounts: Store;

async function storeWithSecret(): Promise<Store> {
  const store = await memoryStore();
  // one fixed secret in every store of this file, so that keys can be compared across stores
  await store.connection.run(`UPDATE store_meta SET value = 'tests-counts' WHERE key = '${CELL_KEY_SECRET}'`);
  return store;
}

beforeAll(async () => {
  fromPeople = await storeWithSecret();
  const peopleDir = makeFolder('people', {
    'people.csv': [PEOPLE_COLUMNS, PEOPLE.map((p) => PEOPLE_COLUMNS.map((c) => p[c]))],
  });
  const p = await importFolder(fromPeople.connection, peopleDir, { now: NOW, dataDate: DATA_DATE });
  expect(p.errors).toEqual([]);
  fromCounts = await storeWithSecret();
  const countsDir = makeFolder('counts', {
    'population_counts.csv': [[...KEY_HEADER, ...ALL_COUNTS].map((c) => VI_HEADER[c]), countsRows(CUBE, ALL_COUNTS)],
  });
  const c = await importFolder(fromCounts.connection, countsDir, { now: NOW });
  expect(c.errors).toEqual([]);
}, 120_000);
afterAll(() => {
  fromPeople?.instance.closeSync();
  fromCounts?.instance.closeSync();
});

describe('population_counts made from person records', () => {
  it('the generated records exercise every count', () => {
    const totals = Object.fromEntries(ALL_COUNTS.map((c) => [c, 0]));
    for (const cell of CUBE.values()) for (const c of ALL_COUNTS) totals[c] += cell[c] ?? 0;
    for (const c of ALL_COUNTS) expect(totals[c], c).toBeGreaterThan(0);
    expect(CUBE.size).toBeGreaterThan(1000);
  });

  it('the people store holds what the TypeScript aggregation says (the comparison below starts from the same cube)', async () => {
    expect(await cubeFromStore(fromPeople.connection, 'pop_month')).toEqual(CUBE);
  });

  it('the counts store holds the table as it was written', async () => {
    expect(await cubeFromStore(fromCounts.connection, 'pop_month')).toEqual(CUBE);
    const nulls = await one(
      fromCounts,
      `SELECT count(*)::INTEGER AS n FROM pop_month WHERE ${ALL_COUNTS.map((c) => `${c} IS NULL`).join(' OR ')}`,
    );
    expect(nulls.n).toBe(0);
  });

  it('feeds every population indicator, and each agrees with the people store, unfiltered, filtered and rolled up', async () => {
    const fed = feedsOf(registry, 'population_counts');
    expect(fed).toEqual(
      registry
        .list()
        .filter((d) => d.domain === 'population')
        .map((d) => d.id),
    );
    for (const id of fed) {
      const def = registry.indicators.get(id)!;
      const expected = await statement(fromPeople, def);
      expect(expected.length, id).toBeGreaterThan(0);
      expect(await statement(fromCounts, def), id).toEqual(expected);
      for (const [name, value] of [
        ['sex', 'F'],
        ['residence', 'temporary'],
        ['age_min', 15],
        ['age_max', 60],
      ] as const) {
        if (!(def.meta.filters as string[]).includes(name)) continue;
        const f = { [name]: value } as FilterValues;
        expect(await statement(fromCounts, def, f), `${id} ${name}`).toEqual(await statement(fromPeople, def, f));
      }
      for (const by of ['month', 'year'] as const) {
        expect(await rolledUp(fromCounts, def, by), `${id} by ${by}`).toEqual(await rolledUp(fromPeople, def, by));
      }
    }
  });

  it('dates the people dataset with the last day of the latest month loaded', async () => {
    const r = await one(fromCounts, `SELECT data_date::VARCHAR AS d FROM datasets WHERE kind = 'people'`);
    expect(r.d).toBe('2024-12-31');
    const kinds = await rows(fromCounts.connection, 'SELECT kind FROM datasets ORDER BY kind');
    expect(kinds.map((k) => k.kind)).toEqual(['people', 'units']);
    const logged = await one(fromCounts, `SELECT kind FROM import_log WHERE file_name = 'population_counts.csv'`);
    expect(logged.kind).toBe('population_counts');
  });
});

describe('counts that are not known', () => {
  let store: Store;
  beforeAll(async () => {
    store = await storeWithSecret();
    // 10606 and 10636 with population and flows only; 10633 with everything
    const dir = makeFolder('partial', {
      'population_counts.csv': [
        [...KEY_HEADER, 'population', ...FLOWS],
        countsRows(CUBE, ['population', ...FLOWS], (k) => !k.startsWith('10633|')),
      ],
      'population_counts_10633.csv': [
        [...KEY_HEADER, ...ALL_COUNTS],
        countsRows(CUBE, ALL_COUNTS, (k) => k.startsWith('10633|')),
      ],
    });
    const r = await importFolder(store.connection, dir, { now: NOW });
    expect(r.errors).toEqual([]);
  });
  afterAll(() => store?.instance.closeSync());

  it('are stored empty, with no key, never 0', async () => {
    const r = await one(
      store,
      `SELECT count(*) FILTER (WHERE card_age IS NULL AND card_age_key IS NULL
          AND vneid_level1 IS NULL AND incomplete_records IS NULL)::INTEGER AS unknown,
        count(*) FILTER (WHERE births IS NULL OR population IS NULL)::INTEGER AS flows_unknown, count(*)::INTEGER AS n
      FROM pop_month WHERE unit_id = '10606'`,
    );
    expect(r.unknown).toBe(r.n);
    expect(r.flows_unknown).toBe(0);
  });

  it('give no value where a cell of the unit and month is not known, and the value elsewhere', async () => {
    const { run, close } = await serviceOf(store);
    try {
      for (const id of [
        'count_vneid_accounts',
        'pct_vneid_level2',
        'pct_records_complete',
        'pct_eligible_with_chip_id_card',
      ]) {
        const answer = await run(id, '10606');
        expect(answer.rows.length, id).toBe(36);
        expect(
          answer.rows.every((r) => r.value === null && !r.suppressed),
          id,
        ).toBe(true);
        // the district sums 10606 with communes whose counts are known: not known either, never a partial sum
        const district = await run(id, '291', 'year');
        expect(district.rows.length, `${id} 291`).toBe(3);
        expect(
          district.rows.every((r) => r.value === null && !r.suppressed),
          `${id} 291`,
        ).toBe(true);
        const known = await run(id, '10633');
        expect(known.rows.filter((r) => r.value !== null).length, `${id} 10633`).toBeGreaterThan(20);
      }
      for (const id of ['population', 'births', 'deaths', 'net_migration', 'sex_ratio']) {
        const answer = await run(id, '291', 'year');
        expect(answer.rows.length, id).toBe(3);
        expect(
          answer.rows.every((r) => r.value !== null),
          id,
        ).toBe(true);
      }
    } finally {
      await close();
    }
  });

  it('withhold nothing and give no value with suppression too (the exact path of compose.ts)', async () => {
    const { run, close } = await serviceOf(store, 'suppress');
    try {
      const answer = await run('count_vneid_accounts', '291', 'year');
      expect(answer.rows.length).toBe(3);
      expect(answer.rows.every((r) => r.value === null && !r.suppressed)).toBe(true);
      const stock = await run('pct_vneid_level1', '10606', 'year');
      expect(stock.rows.map((r) => [r.period, r.value, r.suppressed])).toEqual([
        ['2022', null, false],
        ['2023', null, false],
        ['2024', null, false],
      ]);
    } finally {
      await close();
    }
  });

  it('a flow over a year with one month not known has no value', async () => {
    const s = await storeWithSecret();
    try {
      const keep = (k: string) => k.startsWith('10633|2023-');
      const dir = makeFolder('one-month', {
        'population_counts.csv': [[...KEY_HEADER, 'population'], countsRows(CUBE, ['population'], keep)],
      });
      expect((await importFolder(s.connection, dir, { now: NOW })).errors).toEqual([]);
      const flows = makeFolder('flows', {
        'population_counts.csv': [
          [...KEY_HEADER, 'population', ...FLOWS],
          countsRows(CUBE, ['population', ...FLOWS], (k) => keep(k) && !k.includes('|2023-07-')),
        ],
      });
      expect((await importFolder(s.connection, flows, { now: NOW })).errors).toEqual([]);
      const { run, close } = await serviceOf(s);
      try {
        const months = await run('births', '10633');
        expect(months.rows.filter((r) => r.value === null).map((r) => r.period)).toEqual(['2023-07']);
        expect((await run('births', '10633', 'year')).rows.map((r) => [r.period, r.value])).toEqual([['2023', null]]);
      } finally {
        await close();
      }
    } finally {
      s.instance.closeSync();
    }
  });
});

describe('identity_counts', () => {
  it('sets the identity counts of the cells: population_counts then identity_counts is the full table, keys too', async () => {
    const store = await storeWithSecret();
    try {
      const first = makeFolder('two-step-1', {
        'population_counts.csv': [[...KEY_HEADER, 'population', ...FLOWS], countsRows(CUBE, ['population', ...FLOWS])],
      });
      expect((await importFolder(store.connection, first, { now: NOW })).errors).toEqual([]);
      // the identity counts in two files of another import: some columns in each
      const second = makeFolder('two-step-2', {
        'identity_counts_a.csv': [
          [...KEY_HEADER, 'with_personal_id', 'card_age', 'with_chip_card', 'incomplete_records'].map(
            (c) => VI_HEADER[c],
          ),
          countsRows(CUBE, ['with_personal_id', 'card_age', 'with_chip_card', 'incomplete_records']),
        ],
        'identity_counts_b.csv': [
          [...KEY_HEADER, 'vneid_requested', 'vneid_level1', 'vneid_level2', 'vneid_requested_level2'],
          countsRows(CUBE, ['vneid_requested', 'vneid_level1', 'vneid_level2', 'vneid_requested_level2']),
        ],
      });
      expect((await importFolder(store.connection, second, { now: NOW })).errors).toEqual([]);
      // the same pop_month, keys included, as the store loaded with the whole table at once
      const all = (s: Store) =>
        rows(s.connection, 'SELECT * FROM pop_month ORDER BY unit_id, month, sex, age_group, residence');
      expect(await all(store)).toEqual(await all(fromCounts));
    } finally {
      store.instance.closeSync();
    }
  });

  it('one column only changes that column; a file in the same import as its population_counts applies after it', async () => {
    const store = await storeWithSecret();
    try {
      const keep = (k: string) => k.startsWith('10633|2024-06-');
      const dir = makeFolder('same-import', {
        'population_counts.csv': [[...KEY_HEADER, ...ALL_COUNTS], countsRows(CUBE, ALL_COUNTS, keep)],
        'identity_counts.csv': [
          [...KEY_HEADER, 'with_chip_card'],
          countsRows(CUBE, ['card_age'], keep), // every card-age resident holds a chip card
        ],
      });
      expect((await importFolder(store.connection, dir, { now: NOW })).errors).toEqual([]);
      const r = await rows(
        store.connection,
        `SELECT with_chip_card = card_age AS chip, with_chip_card_key = card_age_key AS same_key, vneid_level1
        FROM pop_month`,
      );
      expect(r.length).toBe([...CUBE.keys()].filter(keep).length);
      expect(r.every((x) => x.chip === true && x.same_key === true)).toBe(true);
      const { run, close } = await serviceOf(store);
      try {
        // equal counts have equal keys, so the published share is exactly 100 %
        const answer = await run('pct_eligible_with_chip_id_card', '10633');
        expect(answer.rows.map((x) => [x.period, x.value])).toEqual([['2024-06', 100]]);
      } finally {
        await close();
      }
      const vneid = [...CUBE.entries()].filter(([k]) => keep(k)).reduce((s, [, c]) => s + (c.vneid_level1 ?? 0), 0);
      expect(r.reduce((s, x) => s + Number(x.vneid_level1), 0)).toBe(vneid);
    } finally {
      store.instance.closeSync();
    }
  });
});

describe('population_counts over a cube built from person records', () => {
  it('replaces the unit-month, keeps what the file does not give, and leaves the data date later', async () => {
    const store = await storeWithSecret();
    try {
      const peopleDir = makeFolder('people-again', {
        'people.csv': [PEOPLE_COLUMNS, PEOPLE.map((p) => PEOPLE_COLUMNS.map((c) => p[c]))],
      });
      expect((await importFolder(store.connection, peopleDir, { now: NOW, dataDate: DATA_DATE })).errors).toEqual([]);
      const keep = (k: string) => k.startsWith('10633|2024-06-');
      const cells = [...CUBE.entries()].filter(([k]) => keep(k));
      // one more resident in every cell, and a new cell of someone who was not there
      const body = cells.map(([k, c], i) => [...keyFields(k, i), (c.population ?? 0) + 1]);
      // a cell of the unit-month that the records do not have
      const absent = [0, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85]
        .flatMap((a) => ['M', 'F'].map((sex) => `${sex}|${a}|temporary`))
        .find((k) => !CUBE.has(`10633|2024-06-01|${k}`))!;
      const fresh = ['10633', '2024-06', ...absent.split('|')];
      const dir = makeFolder('correction', {
        'population_counts.csv': [
          [...KEY_HEADER, 'population'],
          [...body, [...fresh, 2]],
        ],
      });
      const before = await rows(
        store.connection,
        `SELECT * FROM pop_month WHERE NOT (unit_id = '10633' AND month = '2024-06-01') ORDER BY ALL`,
      );
      expect((await importFolder(store.connection, dir, { now: NOW })).errors).toEqual([]);
      expect(
        await rows(
          store.connection,
          `SELECT * FROM pop_month WHERE NOT (unit_id = '10633' AND month = '2024-06-01') ORDER BY ALL`,
        ),
      ).toEqual(before);
      const after = await rows(
        store.connection,
        `SELECT sex || '|' || age_group || '|' || residence AS k, * FROM pop_month WHERE unit_id = '10633' AND month = '2024-06-01'`,
      );
      expect(after.length).toBe(cells.length + 1);
      for (const [key, cell] of cells) {
        const [, , sex, age, res] = key.split('|');
        const got = after.find((a) => a.k === `${sex}|${age}|${res}`)!;
        expect(got.population).toBe((cell.population ?? 0) + 1);
        for (const c of [...IDENTITY, ...FLOWS]) expect(got[c], `${key} ${c}`).toBe(cell[c] ?? 0);
      }
      const added = after.find((a) => a.k === absent)!;
      expect(added.population).toBe(2);
      for (const c of [...IDENTITY, ...FLOWS]) expect(added[c], c).toBeNull();
      // the new cell makes the unit-month's identity counts and flows not known
      const { run, close } = await serviceOf(store);
      try {
        const chip = await run('pct_eligible_with_chip_id_card', '10633');
        const at = (m: string) => chip.rows.find((r) => r.period === m)!;
        expect([at('2024-06').value, at('2024-06').suppressed]).toEqual([null, false]);
        expect(at('2024-05').value).not.toBeNull();
        const births = await run('births', '10633');
        expect(births.rows.find((r) => r.period === '2024-06')!.value).toBeNull();
      } finally {
        await close();
      }
      const date = await one(store, `SELECT data_date::VARCHAR AS d FROM datasets WHERE kind = 'people'`);
      expect(date.d).toBe(DATA_DATE);
    } finally {
      store.instance.closeSync();
    }
  });
});

describe('cell keys of aggregate tables', () => {
  it('are the record keys of the cell and count, documented in docs/disclosure.md', async () => {
    const stored = await rows(fromCounts.connection, `SELECT *, strftime(month, '%Y-%m') AS ym FROM pop_month`);
    let checked = 0;
    for (const r of stored) {
      for (const c of ALL_COUNTS) {
        const n = Number(r[c]);
        const id = FLOWS.includes(c)
          ? `${r.unit_id}|${r.ym}|${r.sex}|${r.age_group}|${r.residence}|${c}|${n}`
          : `${r.unit_id}|${r.sex}|${r.age_group}|${r.residence}|${n}`;
        expect(r[`${c}_key`], `${id}`).toBe(n === 0 ? 0 : recordKey('tests-counts', 'a', id));
        checked += n === 0 ? 0 : 1;
      }
    }
    expect(checked).toBeGreaterThan(5000);
  });

  it('are the same when the same table is loaded again into another store, and do not depend on spelling', async () => {
    const store = await storeWithSecret();
    try {
      const dir = makeFolder('again', {
        'population_counts.csv': [
          [...KEY_HEADER, ...ALL_COUNTS],
          [...CUBE.entries()].map(([k, c]) => {
            const [unit, month, sex, age, res] = k.split('|');
            return [unit, month, sex, age, res, ...ALL_COUNTS.map((x) => c[x] ?? 0)];
          }),
        ],
      });
      expect((await importFolder(store.connection, dir, { now: NOW })).errors).toEqual([]);
      expect((await fingerprint(store.connection)).pop_month).toBe(
        (await fingerprint(fromCounts.connection)).pop_month,
      );
    } finally {
      store.instance.closeSync();
    }
  });

  it('give a stock that does not change the same key every month', async () => {
    const r = await one(
      fromCounts,
      `SELECT count(*)::INTEGER AS n FROM pop_month a JOIN pop_month b ON a.unit_id = b.unit_id AND a.sex = b.sex
        AND a.age_group = b.age_group AND a.residence = b.residence AND b.month = a.month + INTERVAL 1 MONTH
      WHERE a.population = b.population AND a.population > 0 AND a.population_key <> b.population_key`,
    );
    expect(r.n).toBe(0);
  });
});

describe('the unit-months an import replaces (for undo)', () => {
  it('countsUnitMonths lists the (unit, month) pairs of the aggregate tables', async () => {
    const conn = fromCounts.connection;
    await conn.run(`CREATE OR REPLACE TEMP TABLE t_pc AS SELECT * FROM (VALUES ('10633', DATE '2024-01-01'),
      ('10633', DATE '2024-01-01'), ('10606', DATE '2024-02-01')) v(unit_id, month)`);
    await conn.run(
      `CREATE OR REPLACE TEMP TABLE t_ic AS SELECT * FROM (VALUES ('10636', DATE '2023-05-01')) v(unit_id, month)`,
    );
    const staged = [
      { src: { kind: 'population_counts' }, table: 't_pc' },
      { src: { kind: 'identity_counts' }, table: 't_ic' },
      { src: { kind: 'people' }, table: 't_people' },
    ] as unknown as StagedFile[];
    const sql = countsUnitMonths(staged)!;
    const r = await rows(conn, `SELECT unit_id, month::VARCHAR AS month FROM (${sql}) ORDER BY ALL`);
    expect(r).toEqual([
      { unit_id: '10606', month: '2024-02-01' },
      { unit_id: '10633', month: '2024-01-01' },
      { unit_id: '10636', month: '2023-05-01' },
    ]);
    expect(countsUnitMonths([staged[2]])).toBeNull();
    await conn.run('DROP TABLE t_pc; DROP TABLE t_ic');
  });
});

describe('rejected aggregate tables', () => {
  let store: Store;
  beforeAll(async () => {
    store = await memoryStore();
    const dir = makeFolder('stored', {
      'population_counts.csv': [
        [...KEY_HEADER, 'population', 'card_age', 'with_chip_card'],
        [
          ['10633', '2024-05', 'M', '20', 'permanent', 12, 10, 4],
          ['10633', '2024-05', 'F', '25', 'temporary', 6, 6, 6],
          ['10606', '2024-05', 'F', '30', 'temporary', 10, 9, 2],
        ],
      ],
    });
    expect((await importFolder(store.connection, dir, { now: NOW })).errors).toEqual([]);
  });
  afterAll(() => store?.instance.closeSync());

  async function rejected(dir: string): Promise<string[]> {
    const before = await fingerprint(store.connection);
    const report = await importFolder(store.connection, dir, { now: NOW });
    expect(report.ok).toBe(false);
    expect(await fingerprint(store.connection)).toEqual(before);
    return lines(report.errors);
  }

  it('names every bad row, its column and why, and loads nothing', async () => {
    const header = [
      ...KEY_HEADER,
      'population',
      'births',
      'card_age',
      'with_chip_card',
      'vneid_level1',
      'vneid_level2',
    ];
    const dir = makeFolder('bad', {
      'population_counts.csv': [
        header,
        [
          ['10633', '2024-03', 'M', '0-4', 'permanent', 12, 3, 0, 0, 0, 0],
          ['10633', '2024-03', 'Nam', '0', 'thường trú', 12, 3, 0, 0, 0, 0],
          ['10633', '2024-03', 'F', '35', 'permanent', 7, 0, 8, 9, 3, 4],
          ['10633', '2025-07', 'F', '35', 'permanent', 7, '', '', '', '', ''],
          ['10633', '2021-12', 'F', '40', 'permanent', -7, 2.5, '', '', '', ''],
          ['291', '2024-03', 'F', '40', 'permanent', 7, '', '', '', '', ''],
          ['99999', '2024-03', 'F', '40', 'permanent', 7, '', '', '', '', ''],
          ['10633', '2024-13', 'X', '36', 'resident', '1.000', '', '', '', '', ''],
          ['10633', '2024-03', 'F', '40-44', 'permanent', 5, 1, '', '', '', ''],
          ['10633', '2024-05', 'M', '20', 'permanent', 3, '', '', '', '', ''],
          ['10633', '2024-03', 'F', '5-10', 'permanent', '', '', '', '', '', ''],
        ],
      ],
      'identity_counts.csv': [
        [...KEY_HEADER, 'card_age', 'with_chip_card'],
        [
          ['10633', '2024-03', 'M', '0', 'permanent', '', 1],
          ['10606', '2024-05', 'F', '30', 'temporary', 12, ''],
          ['10633', '2024-11', 'F', '35', 'permanent', '', 1],
          ['10633', '2024-05', 'F', '25', 'temporary', 6, 5],
          ['10606', '2024-05', 'F', '30–34', 'tạm trú', '', 3],
        ],
      ],
    });
    expect(await rejected(dir)).toEqual([
      'population_counts.csv:3: unit_id: duplicate unit_id, month, sex, age_group, residence ' +
        '"10633, 2024-03-01, M, 0, permanent" (first on line 2)',
      'population_counts.csv:4: card_age: "8" is more than population "7"',
      'population_counts.csv:4: with_chip_card: "9" is more than card_age "8"',
      'population_counts.csv:4: vneid_level2: "4" is more than vneid_level1 "3"',
      'population_counts.csv:5: month: "2025-07" is in the future',
      'population_counts.csv:6: population: "-7" is negative: a count is 0 or more',
      'population_counts.csv:6: births: "2.5" is not a whole number from 0 to 999999999',
      'population_counts.csv:6: month: "2021-12" is before 2022-01, the first month of the cube',
      'population_counts.csv:7: unit_id: "291" is not a base commune',
      'population_counts.csv:8: unit_id: unknown unit "99999" (not in the store nor in this folder)',
      'population_counts.csv:9: month: "2024-13" is not a month (YYYY-MM, MM/YYYY, YYYY-MM-DD or dd/mm/yyyy)',
      'population_counts.csv:9: sex: "X" is not one of M, F (Nam, Nữ)',
      'population_counts.csv:9: age_group: "36" is not one of the 18 five-year age bands: 0, 5, …, 85 ' +
        '(or 0-4, 5-9, …, 80-84, 85+)',
      'population_counts.csv:9: residence: "resident" is not one of permanent, temporary (thường trú, tạm trú)',
      'population_counts.csv:9: population: "1.000" is not a whole number from 0 to 999999999',
      'population_counts.csv:10: births: "1" in age band "40-44": births are counted in age band 0',
      'population_counts.csv:12: age_group: "5-10" is not one of the 18 five-year age bands: 0, 5, …, 85 ' +
        '(or 0-4, 5-9, …, 80-84, 85+)',
      'population_counts.csv:12: population: is required but empty',
      'identity_counts.csv:6: unit_id: duplicate unit_id, month, sex, age_group, residence ' +
        '"10606, 2024-05-01, F, 30, temporary" (first on line 3)',
      'population_counts.csv:11: population: "3" is less than card_age 10 stored for this cell',
      'identity_counts.csv:2: with_chip_card: "1" is more than card_age 0 given for this cell in population_counts.csv',
      'identity_counts.csv:3: card_age: "12" is more than population 10 stored for this cell',
      'identity_counts.csv:4: unit_id: no population cell for 10633 2024-11 F 35 permanent; load population_counts first',
      'identity_counts.csv:5: unit_id: no population cell for 10633 2024-05 F 25 temporary; load population_counts first',
    ]);
  });

  it('an identity_counts file without an identity column', async () => {
    const dir = makeFolder('no-identity', {
      'identity_counts.csv': [[...KEY_HEADER, 'population'], [['10633', '2024-05', 'M', '20', 'permanent', 3]]],
    });
    expect(await rejected(dir)).toEqual([
      'identity_counts.csv:1: : no identity column (with_personal_id, card_age, with_chip_card, vneid_requested, ' +
        'vneid_level1, vneid_level2, vneid_requested_level2, incomplete_records): an identity_counts file gives at ' +
        'least one',
    ]);
  });

  it('a required column missing, a unit-month in two files, a unit also in a people file', async () => {
    const row = ['10633', '2024-06', 'M', '20', 'permanent', 3];
    const dir = makeFolder('overlaps', {
      'population_counts_a.csv': [[...KEY_HEADER, 'population'], [row]],
      'population_counts_b.csv': [[...KEY_HEADER, 'population'], [['10633', '2024-06', 'F', '20', 'permanent', 3]]],
      'population_counts_c.csv': [[...KEY_HEADER, 'births'], [['10633', '2024-06', 'F', '0', 'permanent', 3]]],
      'identity_counts.csv': [[...KEY_HEADER, 'card_age'], [row]],
      'identity_counts_2.csv': [[...KEY_HEADER, 'card_age', 'with_chip_card'], [[...row.slice(0, 5), 2, 1]]],
      'people.csv': [
        PEOPLE_COLUMNS,
        PEOPLE.filter((p) => p.unit_id === '10606').map((p) => PEOPLE_COLUMNS.map((c) => p[c])),
      ],
      'population_counts_d.csv': [[...KEY_HEADER, 'population'], [['10606', '2024-06', 'F', '20', 'permanent', 3]]],
    });
    expect(await rejected(dir)).toEqual([
      'population_counts_c.csv:1: population: required column is missing',
      'population_counts_b.csv:1: unit_id: unit-month 10633 2024-06 is also in population_counts_a.csv; ' +
        'each unit-month must be in one population_counts file',
      'identity_counts_2.csv:1: card_age: cell 10633 2024-06 M 20 permanent is also given card_age in ' +
        'identity_counts.csv; each count of a cell must come from one identity_counts file',
      'population_counts_d.csv:1: unit_id: unit "10606" is also in people.csv, which rebuilds the unit\'s whole cube; ' +
        'load its aggregate tables in another import',
    ]);
  });
});

describe('the data date', () => {
  it('the manifest says otherwise; an older month does not move it back', async () => {
    const store = await memoryStore();
    try {
      const keep = (m: string) => (k: string) => k.startsWith(`10633|${m}-`);
      const first = makeFolder(
        'dated',
        {
          'population_counts.csv': [[...KEY_HEADER, 'population'], countsRows(CUBE, ['population'], keep('2024-03'))],
        },
        { data_date: '2024-04-15' },
      );
      expect((await importFolder(store.connection, first, { now: NOW })).errors).toEqual([]);
      const date = async () =>
        (await one(store, `SELECT data_date::VARCHAR AS d FROM datasets WHERE kind = 'people'`)).d;
      expect(await date()).toBe('2024-04-15');
      const older = makeFolder('older', {
        'population_counts.csv': [[...KEY_HEADER, 'population'], countsRows(CUBE, ['population'], keep('2023-02'))],
      });
      expect((await importFolder(store.connection, older, { now: NOW })).errors).toEqual([]);
      expect(await date()).toBe('2024-04-15');
      const identity = makeFolder('identity-later', {
        'identity_counts.csv': [[...KEY_HEADER, 'card_age'], countsRows(CUBE, ['card_age'], keep('2024-03'))],
      });
      expect((await importFolder(store.connection, identity, { now: NOW })).errors).toEqual([]);
      expect(await date()).toBe('2024-04-15');
      const newer = makeFolder('newer', {
        'population_counts.csv': [[...KEY_HEADER, 'population'], countsRows(CUBE, ['population'], keep('2024-09'))],
      });
      expect((await importFolder(store.connection, newer, { now: NOW })).errors).toEqual([]);
      expect(await date()).toBe('2024-09-30');
    } finally {
      store.instance.closeSync();
    }
  });
});
