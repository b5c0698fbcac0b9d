// Imports the hand-written good folder and checks the cubes against hand-computed cells and a naive JS oracle,
// the unit hierarchy, the book-keeping, idempotence, and that no per-person row survives.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFolder, type ImportReport } from '../../data/pipeline/import/index.ts';
import type { Store } from '../../data/pipeline/store.ts';
import { cubeFromStore, fingerprint, folder, memoryStore, NOW, rows } from '../fixtures/import/helpers.ts';
import { expectedDossierMonth, expectedPopMonth, readCsv } from '../fixtures/import/oracle.ts';

const GOOD = folder('good');
let store: Store;
let report: ImportReport;

beforeAll(async () => {
  store = await memoryStore();
  report = await importFolder(store.connection, GOOD, {
    now: NOW,
    knownIndicators: new Set(['pct_portal_accounts_eid_verified']),
  });
});
afterAll(() => store.instance.closeSync());

const one = async (sql: string) => (await rows(store.connection, sql))[0];

/** Sum of a pop_month measure over the cells of a unit and month. */
const pop = (unit: string, month: string, measure = 'population', where = 'true') =>
  one(
    `SELECT coalesce(sum(${measure}), 0)::INTEGER AS v FROM pop_month WHERE unit_id = '${unit}' AND month = DATE '${month}' AND ${where}`,
  ).then((r) => r.v);

describe('importing the good folder', () => {
  it('loads every file in dependency order', () => {
    expect(report.errors).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.batchId).toBe(1);
    expect(report.files.map((f) => [f.file, f.kind, f.rows, f.status])).toEqual([
      ['units.csv', 'units', 5, 'loaded'],
      ['units_2025-01.geojson', 'units', 2, 'loaded'],
      ['lineage.csv', 'lineage', 4, 'loaded'],
      ['procedures.csv', 'procedures', 4, 'loaded'],
      ['targets.csv', 'targets', 3, 'loaded'],
      ['milestones.csv', 'milestones', 2, 'loaded'],
      ['people.csv', 'people', 40, 'loaded'],
      ['dossiers.csv', 'dossiers', 35, 'loaded'],
    ]);
  });

  it('population cells match hand-computed values', async () => {
    // 10633 at 31/3/2022: 16 rows, minus p02 (died 5/3), p08 (arrives 20/4), p12 (left 25/2), p14, p15 (born later).
    expect(await pop('10633', '2022-03-01')).toBe(11);
    expect(await pop('10633', '2022-02-01', 'births')).toBe(1); // p07, born 10/2
    expect(await pop('10633', '2022-03-01', 'deaths', `sex = 'F' AND age_group = 65`)).toBe(1); // p02 died at 69
    expect(await pop('10636', '2022-01-01', 'deaths', `sex = 'M' AND age_group = 75`)).toBe(1); // q06, 76 on 31/1
    expect(await pop('10636', '2022-01-01')).toBe(9); // q06 died on the last day: not resident at month end
    expect(await pop('10606', '2022-02-01', 'moves_out')).toBe(1); // r07 left 20/2 …
    expect(await pop('10606', '2022-04-01', 'deaths')).toBe(0); // … and died elsewhere on 4/4
    expect(await pop('10633', '2022-05-01', 'births')).toBe(0); // p14 was born elsewhere …
    expect(await pop('10633', '2022-06-01', 'moves_in', 'age_group = 0')).toBe(1); // … and moved in on 3/6
  });

  it('a 29 February birthday turns 14 in March, so the chip card age starts then', async () => {
    const cell = `sex = 'M' AND age_group = 10 AND residence = 'permanent'`; // p05, born 29/2/2008, the only one
    expect(await pop('10633', '2022-02-01', 'card_age', cell)).toBe(0);
    expect(await pop('10633', '2022-03-01', 'card_age', cell)).toBe(1);
    expect(await pop('10633', '2022-03-01', 'with_chip_card', cell)).toBe(0);
    expect(await pop('10633', '2022-04-01', 'with_chip_card', cell)).toBe(1); // issued 10/4
  });

  it('age groups move on the birthday month, and VNeID level 2 implies level 1', async () => {
    expect(await pop('10633', '2022-03-01', 'population', `sex = 'F' AND age_group = 15`)).toBe(1); // p06, 19
    expect(await pop('10633', '2022-04-01', 'population', `sex = 'F' AND age_group = 15`)).toBe(0); // 20 on 15/4
    expect(
      await pop('10633', '2022-04-01', 'population', `sex = 'F' AND age_group = 20 AND residence = 'permanent'`),
    ).toBe(1);
    const p16 = `sex = 'M' AND age_group = 80`;
    expect(await pop('10633', '2022-05-01', 'vneid_requested', p16)).toBe(0);
    expect(await pop('10633', '2022-06-01', 'vneid_level1', p16)).toBe(1); // level 2 only, on 15/6
    expect(await pop('10633', '2022-06-01', 'vneid_level2', p16)).toBe(1);
    expect(await pop('10633', '2022-06-01', 'vneid_requested_level2', p16)).toBe(1); // asked on 1/6
  });

  it('level 2 without a request on record counts as level 2, not as a request resolved', async () => {
    const r01 = `sex = 'M' AND age_group = 55`; // level 1 and 2 on 3/1, no vneid_requested_on
    expect(await pop('10606', '2022-01-01', 'vneid_level2', r01)).toBe(1);
    expect(await pop('10606', '2022-01-01', 'vneid_requested', r01)).toBe(0);
    expect(await pop('10606', '2022-01-01', 'vneid_requested_level2', r01)).toBe(0);
    // 10606 at the end of March: r02 and r10 asked, r01 did not; none of the two askers holds level 2 yet.
    expect(await pop('10606', '2022-03-01', 'vneid_level2')).toBe(1);
    expect(await pop('10606', '2022-03-01', 'vneid_requested')).toBe(2);
    expect(await pop('10606', '2022-03-01', 'vneid_requested_level2')).toBe(0);
  });

  it('a record completed on 10/3 is incomplete at the end of February only', async () => {
    const p11 = `sex = 'M' AND age_group = 45`; // Nam, thường trú
    expect(await pop('10633', '2022-02-01', 'incomplete_records', p11)).toBe(1);
    expect(await pop('10633', '2022-03-01', 'incomplete_records', p11)).toBe(0);
  });

  it('keeps a cell with flows but nobody at month end (in and out within February)', async () => {
    const r = await one(`SELECT population, moves_in, moves_out FROM pop_month
      WHERE unit_id = '10633' AND month = DATE '2022-02-01' AND sex = 'F' AND age_group = 20 AND residence = 'temporary'`);
    expect(r).toEqual({ population: 0, moves_in: 1, moves_out: 1 });
  });

  it('pop_month equals the naive month-by-month count of the raw rows, cell by cell', async () => {
    const expected = expectedPopMonth(readCsv(`${GOOD}/people.csv`), '2022-06');
    const actual = await cubeFromStore(store.connection, 'pop_month');
    expect(Object.fromEntries(actual)).toEqual(Object.fromEntries(expected));
    const months = await rows(
      store.connection,
      `SELECT DISTINCT strftime(month, '%Y-%m') AS m FROM pop_month ORDER BY m`,
    );
    expect(months.map((m) => m.m)).toEqual(['2022-01', '2022-02', '2022-03', '2022-04', '2022-05', '2022-06']);
  });

  it('dossier cells match hand-computed values', async () => {
    const cell = (unit: string, month: string, proc: string, channel: string) =>
      one(`SELECT * EXCLUDE (unit_id, month, procedure_code, channel)
      FROM dossier_month WHERE unit_id = '${unit}' AND month = DATE '${month}' AND procedure_code = '${proc}' AND channel = '${channel}'`);
    // d03 (received 20/1, resolved exactly at the due time: on time) and d04 (received 31/1, resolved 1/2);
    // d35 was received in December and resolved on 4/1, five days after, late.
    const jan = await cell('10633', '2022-01-01', '2.000815', 'counter');
    expect(jan).toMatchObject({
      received: 2,
      resolved: 2,
      resolved_on_time: 1,
      resolved_late: 1,
      received_without_eid: 2,
      received_eid_enrolled: 1,
      rated: 1,
      satisfied: 1,
    });
    expect(jan.resolution_days_sum).toBeCloseTo(6, 9);
    const feb = await cell('10633', '2022-02-01', '2.000815', 'counter');
    expect(feb).toMatchObject({ received: 0, resolved: 1, resolved_on_time: 1, resolved_digitised: 1 });
    expect(feb.resolution_days_sum).toBeCloseTo(17 / 24, 9);
    expect(await cell('10633', '2022-01-01', '1.001193', 'online')).toMatchObject({
      received: 1,
      resolved: 1,
      resolved_late: 1,
      received_paid_online: 1,
      rated: 1,
      satisfied: 0,
    });
    expect(await cell('10633', '2022-02-01', '1.004194', 'counter')).toMatchObject({
      received: 1,
      returned_for_supplement: 1,
      received_without_eid: 1,
      received_eid_enrolled: 0,
      resolved: 0,
    });
    expect(await cell('10633', '2022-03-01', '2.000815', 'counter')).toMatchObject({
      resolved: 1,
      resolved_on_time: 1,
    }); // d11, rejected
    expect(await cell('291', '2022-02-01', '1.009999', 'online')).toMatchObject({
      received: 1,
      received_without_eid: 0,
      received_in_bundle: 1,
    });
    expect(await cell('10633', '2022-07-01', '2.000815', 'counter')).toMatchObject({ received: 0, resolved: 1 }); // d14
  });

  it('dossier_month equals the naive count of the raw rows', async () => {
    const expected = expectedDossierMonth(readCsv(`${GOOD}/dossiers.csv`));
    const actual = await cubeFromStore(store.connection, 'dossier_month');
    expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [key, cell] of expected) {
      const { resolution_days_sum: days = 0, ...counts } = cell;
      const { resolution_days_sum: gotDays = 0, ...gotCounts } = actual.get(key)!;
      expect(gotCounts, key).toEqual(counts);
      expect(gotDays, key).toBeCloseTo(days, 9);
    }
  });

  it('bundles start in the month and unit of their first dossier; only B1 has all three steps resolved', async () => {
    expect(
      await rows(
        store.connection,
        `SELECT unit_id, strftime(month, '%Y-%m') AS month, bundle, bundles_started, bundles_completed
      FROM bundle_month ORDER BY unit_id`,
      ),
    ).toEqual([
      { unit_id: '10606', month: '2022-01', bundle: 'birth', bundles_started: 1, bundles_completed: 0 }, // step 3 rejected
      { unit_id: '10633', month: '2022-02', bundle: 'birth', bundles_started: 1, bundles_completed: 1 },
      { unit_id: '10636', month: '2022-04', bundle: 'birth', bundles_started: 1, bundles_completed: 0 }, // step 2 open
    ]);
  });

  it('unit_members: self, descendants, and later units through lineage (a split counts whole in the larger share)', async () => {
    const members = await rows(
      store.connection,
      `SELECT group_id, list(member_id ORDER BY member_id) AS m FROM unit_members GROUP BY 1 ORDER BY 1`,
    );
    const all = ['10606', '10606@2025-01', '10633', '10633@2025-01', '10636'];
    expect(Object.fromEntries(members.map((r) => [r.group_id, r.m]))).toEqual({
      '10606': ['10606'],
      '10606@2025-01': ['10606', '10606@2025-01'],
      '10633': ['10633'],
      '10633@2025-01': ['10633', '10633@2025-01', '10636'],
      '10636': ['10636'],
      '291': [...all, '291'],
      '30': [...all, '291', '30'],
    });
  });

  it('stores units with default is_base, GeoJSON geometry and lineage share default 1', async () => {
    expect(
      await rows(store.connection, `SELECT unit_id, is_base, geometry IS NOT NULL AS geo FROM units ORDER BY unit_id`),
    ).toEqual([
      { unit_id: '10606', is_base: true, geo: false },
      { unit_id: '10606@2025-01', is_base: false, geo: true },
      { unit_id: '10633', is_base: true, geo: false },
      { unit_id: '10633@2025-01', is_base: false, geo: true },
      { unit_id: '10636', is_base: true, geo: false },
      { unit_id: '291', is_base: true, geo: false },
      { unit_id: '30', is_base: false, geo: false },
    ]);
    expect((await one(`SELECT share FROM unit_lineage WHERE from_unit_id = '10636'`)).share).toBe(1);
    // Blanks around CSV values are dropped.
    expect(await one(`SELECT name, valid_from::VARCHAR AS v FROM units WHERE unit_id = '10636'`)).toEqual({
      name: 'Xã Nam Chính',
      v: '2008-01-01',
    });
  });

  it('maps targets columns and accepts an indicator missing from the registry', async () => {
    expect(
      await rows(store.connection, `SELECT target_id, target_group, indicator, target FROM targets ORDER BY 1`),
    ).toEqual([
      { target_id: 'A01', target_group: 'tthc', indicator: 'pct_portal_accounts_eid_verified', target: 100 },
      { target_id: 'A02', target_group: 'tthc', indicator: 'milestone_eid_portal_connected', target: 1 },
      { target_id: 'X09', target_group: 'du_lieu', indicator: 'indicator_without_data_yet', target: 5 },
    ]);
    expect((await one(`SELECT name FROM procedures WHERE procedure_code = '2.000815'`)).name).toBe(
      'Chứng thực bản sao từ bản chính, giấy tờ',
    );
  });

  it('records the batch, the datasets and the store version from the manifest', async () => {
    expect(
      await rows(
        store.connection,
        `SELECT kind, generated, source, strftime(data_date, '%Y-%m-%d') AS d FROM datasets WHERE kind IN ('people', 'dossiers') ORDER BY 1`,
      ),
    ).toEqual([
      { kind: 'dossiers', generated: true, source: 'hand-written test fixture', d: '2022-06-30' },
      { kind: 'people', generated: true, source: 'hand-written test fixture', d: '2022-06-30' },
    ]);
    expect(
      await rows(
        store.connection,
        `SELECT key, value FROM store_meta WHERE key NOT IN ('imported_at', 'cell_key_secret') ORDER BY 1`,
      ),
    ).toEqual([
      { key: 'cell_keys', value: '1' },
      { key: 'data_version', value: '1' },
      { key: 'generated', value: 'true' },
    ]);
    expect(
      await one(
        `SELECT count(*)::INTEGER AS n, count(DISTINCT batch_id)::INTEGER AS b, bool_and(generated) AS g FROM import_log`,
      ),
    ).toEqual({ n: 8, b: 1, g: true });
  });

  it('keeps no row per person: no table or temp table has a person_key column', async () => {
    expect(await one(`SELECT count(*)::INTEGER AS n FROM duckdb_columns() WHERE column_name = 'person_key'`)).toEqual({
      n: 0,
    });
    expect(await one(`SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE temporary`)).toEqual({ n: 0 });
  });

  it('importing the same folder again skips every file and changes nothing', async () => {
    const before = await fingerprint(store.connection);
    const again = await importFolder(store.connection, GOOD, { now: NOW });
    expect(again.ok).toBe(true);
    expect(again.batchId).toBeNull();
    expect(again.files.every((f) => f.status === 'skipped')).toBe(true);
    expect(again.files.find((f) => f.file === 'people.csv')?.rows).toBe(40);
    expect(await fingerprint(store.connection)).toEqual(before);
  });
});
