// Cell keys of the cubes (docs/disclosure.md, data/pipeline/cell-key.ts): every count's X_key is the sum of the
// record keys of the records it counts, modulo 2^24. The expected keys are computed here from the raw fixture rows
// with node:crypto's md5 and the naive oracle of the import tests, never with the pipeline's SQL. Live events keep
// the dossier keys a rebuild gives; the store's secret is made once; a demo store built before keys is rebuilt.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addKey, CELL_KEY_MODULUS, recordKey, recordKeySql } from '../../data/pipeline/cell-key.ts';
import { applyEvents, loadStoreFacts } from '../../data/pipeline/events/apply.ts';
import { importFolder } from '../../data/pipeline/import/index.ts';
import { rebuildBundleMonth, rebuildDossierMonth } from '../../data/pipeline/import/load-dossiers.ts';
import { closeStore, openStore, type Store } from '../../data/pipeline/store.ts';
import { loadConfig } from '../../server/config.ts';
import { ensureDemoStore } from '../../server/demo.ts';
import { folder, memoryStore, NOW, rows } from '../fixtures/import/helpers.ts';
import { expectedDossierMonth, expectedPopMonth, readCsv, type Cell } from '../fixtures/import/oracle.ts';

const GOOD = folder('good');
const M = 2 ** 24;
const mod = (x: number) => ((x % M) + M) % M;
/** The contract's record key, spelled out independently of cell-key.ts. */
const md5Key = (secret: string, kind: string, id: string) =>
  parseInt(createHash('md5').update(`${secret}:${kind}:${id}`).digest('hex').slice(0, 6), 16);

const POP_KEYS = ['unit_id', 'month', 'sex', 'age_group', 'residence'];
const DM_KEYS = ['unit_id', 'month', 'procedure_code', 'channel'];

async function secretOf(conn: DuckDBConnection): Promise<string> {
  const r = await rows(conn, `SELECT value FROM store_meta WHERE key = 'cell_key_secret'`);
  expect(r).toHaveLength(1);
  return String(r[0].value);
}

/**
 * Expected X_key of every cell: each record's own cube (the oracle run on that record alone) times its key.
 * Cells as `key columns joined by |` → { X_key: value }.
 */
function expectedKeys(
  records: Record<string, string>[],
  cubeOf: (r: Record<string, string>) => Map<string, Cell>,
  keyOf: (r: Record<string, string>) => number,
): Map<string, Record<string, number>> {
  const out = new Map<string, Record<string, number>>();
  for (const r of records) {
    const k = keyOf(r);
    for (const [cell, measures] of cubeOf(r)) {
      const keys = out.get(cell) ?? {};
      for (const [m, n] of Object.entries(measures)) {
        if (m === 'resolution_days_sum') continue;
        keys[`${m}_key`] = mod((keys[`${m}_key`] ?? 0) + n * k);
      }
      out.set(cell, keys);
    }
  }
  return out;
}

/** The X_key columns of a cube, cells keyed like the oracle's; zero keys left out. */
async function keysFromStore(conn: DuckDBConnection, table: string, dims: string[]) {
  const out = new Map<string, Record<string, number>>();
  for (const r of await rows(conn, `SELECT * REPLACE (month::VARCHAR AS month) FROM ${table}`)) {
    const keys: Record<string, number> = {};
    for (const [c, v] of Object.entries(r)) if (c.endsWith('_key') && Number(v) !== 0) keys[c] = Number(v);
    out.set(dims.map((d) => String(r[d])).join('|'), keys);
  }
  return out;
}

/** Every store cell's keys equal the expected ones (a key absent from the expectation is 0). */
function expectSameKeys(actual: Map<string, Record<string, number>>, expected: Map<string, Record<string, number>>) {
  expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
  for (const [cell, keys] of expected) {
    const want = Object.fromEntries(Object.entries(keys).filter(([, v]) => v !== 0));
    expect(actual.get(cell), cell).toEqual(want);
  }
}

describe('record keys', () => {
  it('are the first 24 bits of md5(secret:kind:id), the same in SQL and TypeScript', async () => {
    const store = await memoryStore();
    try {
      const secret = await secretOf(store.connection);
      const cases: ['p' | 'd' | 'b' | 'e', string][] = [
        ['p', 'p01'],
        ['d', 'd16'],
        ['b', 'B1:birth'],
        ['e', 'ev-1|10636'],
        ['d', 'hồ sơ 1'],
      ];
      const sql = cases.map(([k, id], i) => `${recordKeySql(k, `'${id}'`)} AS k${i}`).join(', ');
      const got = (await rows(store.connection, `SELECT ${sql}`))[0];
      cases.forEach(([kind, id], i) => {
        expect(recordKey(secret, kind, id)).toBe(md5Key(secret, kind, id));
        expect(Number(got[`k${i}`])).toBe(md5Key(secret, kind, id));
      });
      expect(CELL_KEY_MODULUS).toBe(M);
    } finally {
      closeStore(store);
    }
  });

  it('add modulo 2^24 into [0, 2^24), negative deltas too', () => {
    expect(addKey(M - 1, 1)).toBe(0);
    expect(addKey(5, -7)).toBe(M - 2);
    expect(addKey(0, -3 * M - 1)).toBe(M - 1);
    expect(addKey(10, 3 * M + 2)).toBe(12);
  });
});

describe('the cubes of the good folder', () => {
  let store: Store;
  let secret: string;
  const people = readCsv(`${GOOD}/people.csv`);
  const dossiers = readCsv(`${GOOD}/dossiers.csv`);
  const p = (id: string) => md5Key(secret, 'p', id);
  const d = (id: string) => md5Key(secret, 'd', id);
  const one = async (sql: string) => (await rows(store.connection, sql))[0];

  beforeAll(async () => {
    store = await memoryStore();
    const report = await importFolder(store.connection, GOOD, { now: NOW });
    expect(report.errors).toEqual([]);
    secret = await secretOf(store.connection);
  });
  afterAll(() => closeStore(store));

  it('pop_month: a stock keeps the keys of who is there at month end, across a death and a move', async () => {
    const cell = (unit: string, month: string, sex: string, group: number, res = 'permanent') =>
      one(`SELECT population, population_key, deaths, deaths_key, moves_in, moves_in_key FROM pop_month
        WHERE unit_id = '${unit}' AND month = DATE '${month}' AND sex = '${sex}' AND age_group = ${group}
          AND residence = '${res}'`);
    // p02 (F, 69) alone in her cell until she died on 5/3: her key leaves the stock and enters the deaths.
    expect(await cell('10633', '2022-02-01', 'F', 65)).toMatchObject({ population: 1, population_key: p('p02') });
    expect(await cell('10633', '2022-03-01', 'F', 65)).toEqual({
      population: 0,
      population_key: 0,
      deaths: 1,
      deaths_key: p('p02'),
      moves_in: 0,
      moves_in_key: 0,
    });
    // q12 (M, 34) moved into 10636 on 15/3 beside q07 (33); at 35 in April he leaves the 30–34 group.
    expect(await cell('10636', '2022-02-01', 'M', 30)).toMatchObject({ population: 1, population_key: p('q07') });
    expect(await cell('10636', '2022-03-01', 'M', 30)).toMatchObject({
      population: 2,
      population_key: mod(p('q07') + p('q12')),
      moves_in: 1,
      moves_in_key: p('q12'),
    });
    expect(await cell('10636', '2022-04-01', 'M', 30)).toMatchObject({ population: 1, population_key: p('q07') });
  });

  it('pop_month: every key of every cell is the sum of the keys of the people the count counts', async () => {
    const expected = expectedKeys(
      people,
      (r) => expectedPopMonth([r], '2022-06'),
      (r) => p(r.person_key),
    );
    expectSameKeys(await keysFromStore(store.connection, 'pop_month', POP_KEYS), expected);
  });

  it('dossier_month: every key is the sum of the keys of the dossiers counted', async () => {
    // d03 and d04 received in January at the counter; d03 and d35 (received in December) resolved then.
    expect(
      await one(`SELECT received, received_key, resolved, resolved_key, resolved_late_key FROM dossier_month
        WHERE unit_id = '10633' AND month = DATE '2022-01-01' AND procedure_code = '2.000815' AND channel = 'counter'`),
    ).toEqual({
      received: 2,
      received_key: mod(d('d03') + d('d04')),
      resolved: 2,
      resolved_key: mod(d('d03') + d('d35')),
      resolved_late_key: d('d35'),
    });
    const byId = new Map(dossiers.map((r) => [r.dossier_id, r]));
    const expected = expectedKeys(
      [...byId.values()],
      (r) => expectedDossierMonth([r]),
      (r) => d(r.dossier_id),
    );
    expectSameKeys(await keysFromStore(store.connection, 'dossier_month', DM_KEYS), expected);
  });

  it('bundle_month: the keys of the bundles started and completed', async () => {
    const procedures = new Map(readCsv(`${GOOD}/procedures.csv`).map((r) => [r.procedure_code, r]));
    const bundles = new Map<string, { first: string; unit: string; steps: Set<string> }>();
    for (const r of dossiers) {
      const proc = procedures.get(r.procedure_code)!;
      if (!r.bundle_ref || !proc.bundle) continue;
      const id = `${r.bundle_ref}:${proc.bundle}`;
      const b = bundles.get(id) ?? { first: r.received_at, unit: r.unit_id, steps: new Set<string>() };
      if (r.received_at < b.first) Object.assign(b, { first: r.received_at, unit: r.unit_id });
      if (r.status === 'resolved') b.steps.add(proc.bundle_step);
      bundles.set(id, b);
    }
    const expected = new Map<string, Record<string, number>>();
    for (const [id, b] of bundles) {
      const cell = `${b.unit}|${b.first.slice(0, 7)}-01|${id.split(':')[1]}`;
      const e = expected.get(cell) ?? { s: 0, sk: 0, c: 0, ck: 0 };
      const done = ['1', '2', '3'].every((s) => b.steps.has(s));
      const k = md5Key(secret, 'b', id);
      expected.set(cell, {
        s: e.s + 1,
        sk: mod(e.sk + k),
        c: e.c + (done ? 1 : 0),
        ck: mod(e.ck + (done ? k : 0)),
      });
    }
    const got = await rows(
      store.connection,
      `SELECT unit_id || '|' || month::VARCHAR || '|' || bundle AS cell, bundles_started AS s,
        bundles_started_key AS sk, bundles_completed AS c, bundles_completed_key AS ck FROM bundle_month`,
    );
    expect(Object.fromEntries(got.map(({ cell, ...v }) => [cell, v]))).toEqual(Object.fromEntries(expected));
    expect([...expected.values()].some((v) => v.c === 1 && v.ck !== 0)).toBe(true);
  });

  it('marks the store as built with keys', async () => {
    expect(await rows(store.connection, `SELECT value FROM store_meta WHERE key = 'cell_keys'`)).toEqual([
      { value: '1' },
    ]);
  });
});

describe('an import over cubes built before the keys', () => {
  it('does not mark the store', async () => {
    const store = await memoryStore();
    try {
      await store.connection.run(`INSERT INTO pop_month (unit_id, month, sex, age_group, residence, population,
        births, deaths, moves_in, moves_out, with_personal_id, card_age, with_chip_card, vneid_requested,
        vneid_level1, vneid_level2, vneid_requested_level2, incomplete_records)
        VALUES ('99999', DATE '2022-01-01', 'F', 0, 'permanent', 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)`);
      expect((await importFolder(store.connection, GOOD, { now: NOW })).ok).toBe(true);
      expect(await rows(store.connection, `SELECT value FROM store_meta WHERE key = 'cell_keys'`)).toEqual([]);
    } finally {
      closeStore(store);
    }
  });
});

describe('live events', () => {
  let store: Store;
  let secret: string;
  let n = 0;
  const at = (day: string) => `${day}T09:30:00+07:00`;
  const apply = async (events: unknown[]) =>
    applyEvents(store.connection, events, await loadStoreFacts(store.connection), NOW.getTime());
  const dossier = (type: string, day: string, unit: string, fields: Record<string, unknown>) => ({
    event_id: `dv-${++n}`,
    type,
    occurred_at: at(day),
    unit,
    dossier: fields,
  });
  const cubes = async () => ({
    dm: await rows(
      store.connection,
      'SELECT * REPLACE (month::VARCHAR AS month, round(resolution_days_sum, 6) AS resolution_days_sum) ' +
        'FROM dossier_month ORDER BY ALL',
    ),
    bm: await rows(store.connection, 'SELECT * REPLACE (month::VARCHAR AS month) FROM bundle_month ORDER BY ALL'),
  });

  beforeAll(async () => {
    store = await memoryStore();
    expect((await importFolder(store.connection, GOOD, { now: NOW })).ok).toBe(true);
    secret = await secretOf(store.connection);
  });
  afterAll(() => closeStore(store));

  it('keep dossier_month and bundle_month keys equal to a rebuild from the dossiers table', async () => {
    const recv = (id: string, extra: Record<string, unknown> = {}) =>
      dossier('dossier_received', '2022-06-02', '10633', {
        dossier_id: id,
        procedure_code: '2.000815',
        channel: 'counter',
        ...extra,
      });
    // E1, E2 received in one cell, E1 returned for supplement; a stored dossier (d21) too; then a batch where
    // E2 is returned and E1 resolved: the cell's count stays 1 and only its key changes.
    let r = await apply([
      recv('E1'),
      recv('E2', { eid_authenticated: true, applicant_had_eid: false, eid_enrolled_on_site: true }),
      recv('E3', { paid_online: true, channel: 'post' }),
      dossier('dossier_supplement', '2022-06-03', '10633', { dossier_id: 'E1' }),
      dossier('dossier_supplement', '2022-06-03', '10636', { dossier_id: 'd21' }),
      // the stored bundle B2 of 10636 (step 1 resolved, step 2 open): its steps 2 and 3 now resolved
      dossier('dossier_resolved', '2022-06-04', '10636', { dossier_id: 'd20' }),
      dossier('dossier_received', '2022-06-04', '10636', {
        dossier_id: 'E4',
        procedure_code: '1.009999',
        channel: 'online',
        bundle_ref: 'B2',
      }),
      // a new bundle of two steps in 10633
      dossier('dossier_received', '2022-06-05', '10633', {
        dossier_id: 'E5',
        procedure_code: '1.001193',
        channel: 'online',
        bundle_ref: 'L1',
      }),
      dossier('dossier_received', '2022-06-05', '10633', {
        dossier_id: 'E6',
        procedure_code: '1.004194',
        channel: 'online',
        bundle_ref: 'L1',
      }),
    ]);
    expect(r.accepted).toBe(9);
    r = await apply([
      dossier('dossier_supplement', '2022-06-10', '10633', { dossier_id: 'E2' }),
      dossier('dossier_resolved', '2022-07-01', '10633', { dossier_id: 'E1', satisfaction: 5 }),
      dossier('dossier_resolved', '2022-06-11', '10633', { dossier_id: 'E3', result_digitised: true }),
      dossier('dossier_resolved', '2022-06-12', '10636', { dossier_id: 'E4', satisfaction: 2 }),
      dossier('dossier_resolved', '2022-06-12', '10633', { dossier_id: 'E5' }),
    ]);
    expect(r.accepted).toBe(5);
    const dk = (id: string) => md5Key(secret, 'd', id);
    expect(
      await rows(
        store.connection,
        `SELECT returned_for_supplement, returned_for_supplement_key FROM dossier_month WHERE unit_id = '10633'
          AND month = DATE '2022-06-01' AND procedure_code = '2.000815' AND channel = 'counter'`,
      ),
    ).toEqual([{ returned_for_supplement: 1, returned_for_supplement_key: dk('E2') }]);
    expect(
      await rows(
        store.connection,
        `SELECT bundles_completed, bundles_completed_key FROM bundle_month WHERE unit_id = '10636'`,
      ),
    ).toEqual([{ bundles_completed: 1, bundles_completed_key: md5Key(secret, 'b', 'B2:birth') }]);

    const live = await cubes();
    await store.connection.run('BEGIN TRANSACTION');
    await store.connection.run(
      'CREATE OR REPLACE TEMP TABLE dossier_units_touched AS SELECT DISTINCT unit_id FROM dossiers',
    );
    await rebuildDossierMonth(store.connection);
    await rebuildBundleMonth(store.connection);
    await store.connection.run('COMMIT');
    const rebuilt = await cubes();
    expect(live.dm.length).toBe(rebuilt.dm.length);
    expect(live.dm).toEqual(rebuilt.dm);
    expect(live.bm).toEqual(rebuilt.bm);
  });

  it("population events carry their stored event's key, the cube's extension carries the stock keys", async () => {
    /** A cell's measures (0 when the cell has no row). */
    const cell = async (id: string, month: string, cols: string[]) =>
      (
        await rows(
          store.connection,
          `SELECT ${cols.map((c) => `coalesce(sum(${c}), 0)::INTEGER AS ${c}`).join(', ')} FROM pop_month
          WHERE unit_id || '|' || sex || '|' || age_group || '|' || residence = '${id}' AND month = DATE '${month}'`,
        )
      )[0] as Record<string, number>;
    const e = (id: string) => md5Key(secret, 'e', id);
    const births = ['population', 'population_key', 'births', 'births_key'];
    const deaths = ['population', 'population_key', 'deaths', 'deaths_key'];
    const girls = '10633|F|0|permanent';
    const p13 = '10633|F|60|permanent';
    const men = '10606|M|55|permanent';
    const girlsBefore = await cell(girls, '2022-06-01', births);
    const p13Before = await cell(p13, '2022-06-01', deaths);
    const menBefore = await cell(men, '2022-06-01', ['population', 'population_key']);
    expect(p13Before.population).toBe(1);
    expect(menBefore.population).toBeGreaterThan(0);
    const person = (id: string, type: string, day: string, unit: string, extra: Record<string, unknown> = {}) => ({
      event_id: id,
      type,
      occurred_at: at(day),
      unit,
      sex: 'F',
      birth_date: day,
      residence: 'permanent',
      ...extra,
    });
    const r = await apply([
      person('pe-1', 'birth', '2022-06-10', '10633'),
      person('pe-2', 'death', '2022-06-12', '10633', { birth_date: '1960-10-10', personal_id: false }),
      // the same id from another unit is kept as pe-1|10636: its key is of that
      person('pe-1', 'birth', '2022-06-11', '10636'),
      // July: the cube grows a month, carrying June's stocks and their keys
      person('pe-3', 'birth', '2022-07-01', '10606'),
    ]);
    expect(r.accepted).toBe(4);
    expect(await cell(girls, '2022-06-01', births)).toEqual({
      population: girlsBefore.population + 1,
      population_key: mod(girlsBefore.population_key + e('pe-1')),
      births: girlsBefore.births + 1,
      births_key: mod(girlsBefore.births_key + e('pe-1')),
    });
    // a death takes away the key of its event: nobody is kept to know whose key it was
    expect(await cell(p13, '2022-06-01', deaths)).toEqual({
      population: 0,
      population_key: mod(p13Before.population_key - e('pe-2')),
      deaths: 1,
      deaths_key: e('pe-2'),
    });
    expect(await cell('10636|F|0|permanent', '2022-06-01', ['births', 'births_key'])).toEqual({
      births: 1,
      births_key: e('pe-1|10636'),
    });
    expect(await cell(men, '2022-07-01', ['population', 'population_key'])).toEqual(menBefore);
    expect(await cell(girls, '2022-07-01', ['population_key', 'births_key'])).toEqual({
      population_key: mod(girlsBefore.population_key + e('pe-1')),
      births_key: 0,
    });
  });
});

describe('the store secret', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ioc-cell-keys-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('is made once on the first write open and survives reopening, read-only too', async () => {
    const path = join(dir, 'secret.duckdb');
    let store = await openStore(path);
    const first = await secretOf(store.connection);
    expect(first).toMatch(/^[0-9a-f]{32}$/);
    closeStore(store);
    store = await openStore(path);
    expect(await secretOf(store.connection)).toBe(first);
    closeStore(store);
    store = await openStore(path, { readOnly: true });
    expect(await secretOf(store.connection)).toBe(first);
    closeStore(store);
    const other = await openStore(join(dir, 'other.duckdb'));
    expect(await secretOf(other.connection)).not.toBe(first);
    closeStore(other);
  });
});

describe('ensureDemoStore', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ioc-cell-keys-demo-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const config = (db: string) =>
    loadConfig({ IOC_DB: db, IOC_DEMO: 'true', IOC_DEMO_DIR: join(dir, 'files'), IOC_DEMO_END: '2022-01-31' });
  const messages: string[] = [];
  const log = { info: (m: string) => messages.push(m), warn: (m: string) => messages.push(`WARN ${m}`) };
  /** Makes the store look built before the keys: no marker, every key 0, and a row to tell a rebuild. */
  const age = async (db: string, generated: boolean) => {
    const store = await openStore(db);
    await store.connection.run(`DELETE FROM store_meta WHERE key = 'cell_keys';
      UPDATE pop_month SET population_key = 0; INSERT INTO store_meta VALUES ('test_old', 'x');
      UPDATE datasets SET generated = ${generated} WHERE kind = 'people'`);
    closeStore(store);
  };
  const state = async (db: string) => {
    const store = await openStore(db, { readOnly: true });
    try {
      return (
        await rows(
          store.connection,
          `SELECT (SELECT list(key ORDER BY key) FROM store_meta WHERE key IN ('cell_keys', 'test_old')) AS meta,
            (SELECT count(*) FILTER (population_key <> 0)::INTEGER FROM pop_month) AS keyed`,
        )
      )[0];
    } finally {
      closeStore(store);
    }
  };

  it('builds a demo store made before the keys again, and only warns about real data', async () => {
    const db = join(dir, 'ioc.duckdb');
    await ensureDemoStore(config(db), log);
    expect(await state(db)).toMatchObject({ meta: ['cell_keys'] });
    expect(Number((await state(db)).keyed)).toBeGreaterThan(0);

    await age(db, true);
    messages.length = 0;
    await ensureDemoStore(config(db), log);
    expect(messages[0]).toMatch(/built before cell keys: deleting it/);
    expect(await state(db)).toMatchObject({ meta: ['cell_keys'] });
    expect(Number((await state(db)).keyed)).toBeGreaterThan(0);
    expect(existsSync(`${db}.wal`)).toBe(false);

    await age(db, false);
    messages.length = 0;
    await ensureDemoStore(config(db), log);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/^WARN .*built before cell keys/);
    expect(await state(db)).toMatchObject({ meta: ['test_old'], keyed: 0 });
  }, 120_000);

  it('builds a demo store made before offices and tasks again, and leaves real data without offices as it is', async () => {
    const db = join(dir, 'offices.duckdb');
    await ensureDemoStore(config(db), log);
    const count = async () => {
      const store = await openStore(db, { readOnly: true });
      try {
        return Number((await rows(store.connection, 'SELECT count(*) AS n FROM offices'))[0].n);
      } finally {
        closeStore(store);
      }
    };
    const before = await count();
    expect(before).toBeGreaterThan(0);
    const strip = async (generated: boolean) => {
      const store = await openStore(db);
      await store.connection.run(`DELETE FROM offices; DELETE FROM office_accounts;
        UPDATE datasets SET generated = ${generated}`);
      closeStore(store);
    };
    await strip(true);
    messages.length = 0;
    await ensureDemoStore(config(db), log);
    expect(messages[0]).toMatch(/built before offices and tasks: deleting it/);
    expect(await count()).toBe(before);

    await strip(false);
    messages.length = 0;
    await ensureDemoStore(config(db), log);
    expect(messages).toHaveLength(0);
    expect(await count()).toBe(0);
  }, 120_000);
});
