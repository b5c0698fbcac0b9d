// A national-portal dossier export (aliases, portal codes and date formats, BOM, CRLF) loaded on top of the good
// folder: upserts by dossier_id, and the cube of a unit a dossier moved away from is rebuilt too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFolder, type ImportReport } from '../../data/pipeline/import/index.ts';
import type { Store } from '../../data/pipeline/store.ts';
import { cubeFromStore, folder, memoryStore, NOW, rows } from '../fixtures/import/helpers.ts';
import { expectedDossierMonth, readCsv } from '../fixtures/import/oracle.ts';

const ALIASES: Record<string, string> = {
  MaHoSo: 'dossier_id',
  MaTTHC: 'procedure_code',
  MaDonVi: 'unit_id',
  NgayTiepNhan: 'received_at',
  NgayHenTra: 'due_at',
  NgayKetThucXuLy: 'resolved_at',
  KenhThucHien: 'channel',
  TrangThaiHoSo: 'status',
  XacThucDinhDanh: 'eid_authenticated',
  KhaiThacDuLieuDanCu: 'population_data_reused',
  SoHoaKetQua: 'result_digitised',
  ThanhToanTrucTuyen: 'paid_online',
  XuLyTrenMoiTruongMang: 'processed_online',
  MucDoHaiLong: 'satisfaction',
  MaLienThong: 'bundle_ref',
};

let store: Store;
let report: ImportReport;

beforeAll(async () => {
  store = await memoryStore();
  const good = await importFolder(store.connection, folder('good'), { now: NOW });
  expect(good.ok).toBe(true);
  report = await importFolder(store.connection, folder('portal'), { now: NOW });
});
afterAll(() => store.instance.closeSync());

const cell = async (unit: string, month: string, proc: string, channel: string) =>
  (
    await rows(
      store.connection,
      `SELECT * EXCLUDE (unit_id, month, procedure_code, channel) FROM dossier_month
   WHERE unit_id = '${unit}' AND month = DATE '${month}' AND procedure_code = '${proc}' AND channel = '${channel}'`,
    )
  )[0];

describe('a portal export', () => {
  it('is read through its aliases', () => {
    expect(report.errors).toEqual([]);
    expect(report.files).toMatchObject([{ file: 'dossiers_portal.csv', kind: 'dossiers', rows: 4, status: 'loaded' }]);
    expect(report.batchId).toBe(2);
  });

  it('maps portal channel codes, yyyyMMddHHmmss and dd/MM/yyyy timestamps, có/không', async () => {
    expect(
      await rows(
        store.connection,
        `SELECT dossier_id, channel, strftime(received_at, '%Y-%m-%d %H:%M') AS r,
        strftime(resolved_at, '%Y-%m-%d %H:%M') AS s, eid_authenticated AS e, population_data_reused AS p, applicant_had_eid AS a
      FROM dossiers WHERE dossier_id LIKE 'HS-%' ORDER BY 1`,
      ),
    ).toEqual([
      {
        dossier_id: 'HS-P1',
        channel: 'online',
        r: '2022-06-07 08:30',
        s: '2022-06-07 16:00',
        e: true,
        p: true,
        a: true,
      },
      {
        dossier_id: 'HS-P2',
        channel: 'counter',
        r: '2022-06-07 09:15',
        s: '2022-06-09 10:00',
        e: true,
        p: false,
        a: true,
      },
      { dossier_id: 'HS-P3', channel: 'post', r: '2022-06-10 08:00', s: null, e: false, p: false, a: true },
    ]);
    expect(await cell('10633', '2022-06-01', '2.000815', 'online')).toMatchObject({
      received: 1,
      resolved: 1,
      resolved_on_time: 1,
      satisfied: 1,
    });
    expect(await cell('10606', '2022-06-01', '2.000815', 'counter')).toMatchObject({
      received: 2,
      resolved: 2,
      resolved_late: 1,
      rated: 2,
    });
  });

  it('moves a re-sent dossier (d16) from 10636 to 10606, rebuilding both units', async () => {
    // Before: d15 and d16 in 10636, d16 late and without e-ID; now d16 is in 10606 and on time.
    expect(await cell('10636', '2022-01-01', '2.000815', 'counter')).toMatchObject({
      received: 1,
      resolved: 1,
      resolved_late: 0,
      received_without_eid: 0,
    });
    expect(await cell('10606', '2022-01-01', '2.000815', 'counter')).toMatchObject({
      received: 2,
      resolved: 2,
      resolved_on_time: 2,
    });
    expect((await rows(store.connection, `SELECT count(*)::INTEGER AS n FROM dossiers`))[0].n).toBe(35 + 3);
  });

  it('leaves dossier_month equal to the naive count of both files, the later row of an id winning', async () => {
    const portal = readCsv(`${folder('portal')}/dossiers_portal.csv`).map((r) =>
      Object.fromEntries(Object.entries(r).map(([k, v]) => [ALIASES[k] ?? k, v])),
    );
    const expected = expectedDossierMonth([...readCsv(`${folder('good')}/dossiers.csv`), ...portal]);
    const actual = await cubeFromStore(store.connection, 'dossier_month');
    expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [key, { resolution_days_sum: days = 0, ...counts }] of expected) {
      const { resolution_days_sum: got = 0, ...gotCounts } = actual.get(key)!;
      expect(gotCounts, key).toEqual(counts);
      expect(got, key).toBeCloseTo(days, 9);
    }
  });

  it('marks the dossiers dataset as real (no manifest) while the store stays generated', async () => {
    expect(
      await rows(store.connection, `SELECT kind, generated, source FROM datasets WHERE kind = 'dossiers'`),
    ).toEqual([{ kind: 'dossiers', generated: false, source: 'portal' }]);
    expect(
      await rows(
        store.connection,
        `SELECT key, value FROM store_meta WHERE key IN ('data_version', 'generated') ORDER BY 1`,
      ),
    ).toEqual([
      { key: 'data_version', value: '2' },
      { key: 'generated', value: 'true' },
    ]);
  });
});

describe('a later folder without manifest', () => {
  let report: ImportReport;
  beforeAll(async () => {
    report = await importFolder(store.connection, folder('update'), { now: NOW, dataDate: '2022-04-30' });
  });

  it('upserts a procedure by its code', async () => {
    expect(report.errors).toEqual([]);
    expect(
      await rows(
        store.connection,
        `SELECT count(*)::INTEGER AS n, max(CASE WHEN procedure_code = '2.000815' THEN name || ' / ' || due_days END) AS p FROM procedures`,
      ),
    ).toEqual([{ n: 4, p: 'Chứng thực bản sao / 2' }]);
  });

  it('replaces the population cube of the units in the people file only, up to the given data date', async () => {
    expect(
      await rows(
        store.connection,
        `SELECT strftime(month, '%Y-%m') AS m, sum(population)::INTEGER AS p, sum(births)::INTEGER AS b
      FROM pop_month WHERE unit_id = '10606' GROUP BY 1 ORDER BY 1`,
      ),
    ).toEqual([
      { m: '2022-01', p: 1, b: 0 },
      { m: '2022-02', p: 1, b: 0 },
      { m: '2022-03', p: 2, b: 1 },
      { m: '2022-04', p: 2, b: 0 },
    ]);
    // 10633 keeps what the good folder gave it (11 residents at the end of March 2022).
    expect(
      await rows(
        store.connection,
        `SELECT sum(population)::INTEGER AS p FROM pop_month WHERE unit_id = '10633' AND month = DATE '2022-03-01'`,
      ),
    ).toEqual([{ p: 11 }]);
    expect(
      await rows(
        store.connection,
        `SELECT generated, strftime(data_date, '%Y-%m-%d') AS d FROM datasets WHERE kind = 'people'`,
      ),
    ).toEqual([{ generated: false, d: '2022-04-30' }]);
  });
});

describe('a store made before dossiers lost their primary key', () => {
  it('is upserted with INSERT OR REPLACE to the same cube', async () => {
    const legacy = await memoryStore();
    try {
      const ddl = (await rows(legacy.connection, `SELECT sql FROM duckdb_tables() WHERE table_name = 'dossiers'`))[0]
        .sql as string;
      await legacy.connection.run('DROP TABLE dossiers');
      await legacy.connection.run(ddl.replace(/dossier_id VARCHAR NOT NULL/, 'dossier_id VARCHAR PRIMARY KEY'));
      expect(
        await rows(
          legacy.connection,
          `SELECT constraint_type FROM duckdb_constraints() WHERE table_name = 'dossiers' AND constraint_type = 'PRIMARY KEY'`,
        ),
      ).toHaveLength(1);
      for (const name of ['good', 'portal'])
        expect((await importFolder(legacy.connection, folder(name), { now: NOW })).ok).toBe(true);
      const expected = await cubeFromStore(store.connection, 'dossier_month');
      expect(Object.fromEntries(await cubeFromStore(legacy.connection, 'dossier_month'))).toEqual(
        Object.fromEntries(expected),
      );
    } finally {
      legacy.instance.closeSync();
    }
  });
});
