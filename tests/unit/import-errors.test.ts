// Rejected folders: every bad row is reported with file, line, column and reason, and nothing at all is loaded,
// also when the bad file comes after good ones in the same folder or the store already holds data.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFolder, type ImportError } from '../../data/pipeline/import/index.ts';
import type { Store } from '../../data/pipeline/store.ts';
import { fingerprint, folder, memoryStore, NOW, rows } from '../fixtures/import/helpers.ts';

const TS_FORMATS = '(YYYY-MM-DD HH:MM[:SS], dd/mm/yyyy HH:MM[:SS] or yyyyMMddHHmmss, no time zone)';
const lines = (errors: ImportError[]) => errors.map((e) => `${e.file}:${e.line}: ${e.column}: ${e.reason}`);

let empty: Store;
let loaded: Store;
const tmp = mkdtempSync(join(tmpdir(), 'ioc06-import-'));

beforeAll(async () => {
  empty = await memoryStore();
  loaded = await memoryStore();
  expect((await importFolder(loaded.connection, folder('good'), { now: NOW })).ok).toBe(true);
});
afterAll(() => {
  empty.instance.closeSync();
  loaded.instance.closeSync();
  rmSync(tmp, { recursive: true, force: true });
});

/** Imports a folder into a store and checks that the store did not change at all. */
async function rejected(store: Store, name: string): Promise<ImportError[]> {
  const before = await fingerprint(store.connection);
  const report = await importFolder(store.connection, name.startsWith('/') ? name : folder(name), { now: NOW });
  expect(report.ok).toBe(false);
  expect(report.batchId).toBeNull();
  expect(report.files.every((f) => f.status === 'skipped')).toBe(true);
  expect(await fingerprint(store.connection)).toEqual(before);
  expect(
    (await rows(store.connection, `SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE temporary`))[0].n,
  ).toBe(0);
  return report.errors;
}

describe('a rejected folder', () => {
  it('lists each bad people row, and the good units file before it is not loaded either', async () => {
    expect(lines(await rejected(empty, 'bad-people'))).toEqual([
      'people.csv:3: birth_date: "2023-02-30" is not a date (YYYY-MM-DD or dd/mm/yyyy)',
      'people.csv:4: sex: "X" is not one of M, F (Nam, Nữ)',
      'people.csv:5: unit_id: unknown unit "99999" (not in the store nor in this folder)',
      'people.csv:6: person_key: duplicate person_key "b01" (first on line 2)',
      'people.csv:7: moved_in_on: "1979-05-05" is before birth_date "1980-01-01"',
      'people.csv:8: unit_id: "291" is not a base commune',
      'people.csv:9: residence_type: "resident" is not one of permanent, temporary (thường trú, tạm trú)',
      'people.csv:9: has_personal_id: "maybe" is not a boolean (true/false, 1/0, yes/no, có/không)',
      'people.csv:10: vneid_level2_on: "2022-05-01" is before vneid_level1_on "2022-05-02"',
      'people.csv:11: birth_date: "2090-01-01" is in the future',
      'people.csv:12: unit_id: is required but empty',
      'people.csv:13: moved_out_on: "2022-02-01" is before moved_in_on "2022-03-01"',
    ]);
    expect((await rows(empty.connection, 'SELECT count(*)::INTEGER AS n FROM units'))[0].n).toBe(0);
  });

  it('is rejected the same way over a store that already holds data, which stays as it was', async () => {
    expect(await rejected(loaded, 'bad-people')).toHaveLength(12);
  });

  it('lists bad dossiers, checking units and procedures against the store', async () => {
    expect(lines(await rejected(loaded, 'bad-dossiers'))).toEqual([
      'dossiers.csv:3: resolved_at: is required when status is "resolved"',
      'dossiers.csv:4: due_at: "2022-07-02 08:00:00" is before received_at "2022-07-03 08:00:00"',
      'dossiers.csv:5: channel: "9" is not one of online, counter, post (portal codes 1 = counter, 2 = online, 3 = post)',
      `dossiers.csv:6: received_at: "2022-13-01 08:00:00" is not a timestamp ${TS_FORMATS}`,
      'dossiers.csv:7: procedure_code: unknown procedure "9.999999" (not in the store nor in this folder)',
      'dossiers.csv:8: satisfaction: "7" is not a whole number from 1 to 5',
      'dossiers.csv:9: resolved_at: "2022-07-01 09:00:00" is given but status is "processing" (only resolved or rejected dossiers have one)',
      'dossiers.csv:10: unit_id: "10633@2025-01" is not a base unit',
      'dossiers.csv:11: unit_id: unknown unit "XYZ" (not in the store nor in this folder)',
      `dossiers.csv:12: received_at: "2022-07-01 08:00:00+07" is not a timestamp ${TS_FORMATS}`,
      `dossiers.csv:12: due_at: "2022-07-02" is not a timestamp ${TS_FORMATS}`,
    ]);
  });

  it('reports missing and doubled columns once per file, on line 1', async () => {
    expect(lines(await rejected(loaded, 'bad-columns'))).toEqual([
      'targets.csv:1: group: required column is missing',
      'dossiers.csv:1: MaHoSo: column "dossier_id" is given twice ("dossier_id" and "MaHoSo")',
      'dossiers.csv:1: due_at: required column is missing',
    ]);
  });

  it('reports a row with too many fields', async () => {
    expect(lines(await rejected(empty, 'bad-csv'))).toEqual(['units_extra.csv:3: : has 11 fields, the header has 10']);
  });

  describe('names the physical line of a row after a quoted field holding line breaks', () => {
    /** The line (from 1) of the text that starts with `prefix`, counted on the text itself, not by any CSV reader. */
    const lineOf = (text: string, prefix: string) =>
      text.split(/\r\n|\r|\n/).findIndex((l) => l.startsWith(prefix)) + 1;
    const HEADER = 'procedure_code,name,field,level,due_days';
    const write = (name: string, text: string) => {
      const dir = join(tmp, name);
      mkdirSync(dir);
      writeFileSync(join(dir, 'procedures.csv'), text);
      return dir;
    };

    it.each([
      ['LF', '\n'],
      ['CRLF', '\r\n'],
    ])('a bad value and a duplicate (%s line ends)', async (name, nl) => {
      const text =
        [
          HEADER,
          'X.1,Đăng ký khai sinh,civil_status,commune,1',
          `X.2,"Chứng thực bản sao${nl}từ bản chính,${nl}giấy tờ",certification,commune,1`,
          'X.3,Đăng ký thường trú,residence,commune,7',
          'X.4,Đăng ký tạm trú,residence,commune,x',
          '',
          'X.3,Đăng ký thường trú lần hai,residence,commune,7',
        ].join(nl) + nl;
      const bad = lineOf(text, 'X.4,');
      const again = lineOf(text, 'X.3,Đăng ký thường trú lần hai');
      expect([bad, again]).toEqual([7, 9]); // header 1, X.1 2, X.2 3–5, X.3 6, X.4 7, empty 8
      const first = lineOf(text, 'X.3,');
      expect(lines(await rejected(empty, write(`lines-${name}`, text)))).toEqual([
        `procedures.csv:${bad}: due_days: "x" is not a whole number from 0 to 3650`,
        `procedures.csv:${again}: procedure_code: duplicate procedure_code "X.3" (first on line ${first})`,
      ]);
    });

    it('a row with too many fields, found by DuckDB', async () => {
      const records = [
        'X.1,"Đăng ký\nkhai\nsinh",civil_status,commune,1',
        '',
        'X.2,Chứng thực,certification,commune,1,1',
      ];
      const text = [HEADER, ...records].join('\n') + '\n';
      expect(lines(await rejected(empty, write('lines-fields', text)))).toEqual([
        `procedures.csv:${lineOf(text, 'X.2,')}: : has 6 fields, the header has 5`,
      ]);
    });
  });

  it('reports every problem of manifest.json', async () => {
    expect(lines(await rejected(empty, 'bad-manifest'))).toEqual([
      'manifest.json:1: generated: "yes" is not true or false',
      'manifest.json:1: data_date: "2022-06-31" is not a date (YYYY-MM-DD)',
    ]);
  });

  it('lists at most 1000 errors of a file and counts the rest', async () => {
    const dir = join(tmp, 'many');
    mkdirSync(dir);
    const body = Array.from({ length: 1005 }, (_, i) => `k${i},10633,X,1980-01-01,permanent,true`).join('\n');
    writeFileSync(
      join(dir, 'people.csv'),
      `person_key,unit_id,sex,birth_date,residence_type,has_personal_id\n${body}\n`,
    );
    const errors = await rejected(loaded, dir);
    expect(errors).toHaveLength(1001);
    expect(errors[999]).toEqual({
      file: 'people.csv',
      line: 1001,
      column: 'sex',
      reason: '"X" is not one of M, F (Nam, Nữ)',
    });
    expect(errors[1000]).toEqual({
      file: 'people.csv',
      line: 0,
      column: '',
      reason: '… and 5 more errors in this file',
    });
  });

  it('numbers Parquet rows from 1, typed or text columns alike', async () => {
    const dir = join(tmp, 'parquet');
    mkdirSync(dir);
    // Typed columns (TIMESTAMP, BOOLEAN, INTEGER) as another tool would write them; row 3 is resolved before it was received.
    await loaded.connection.run(`COPY (
      SELECT 'pq' || i AS dossier_id, '2.000815' AS procedure_code, '10633' AS unit_id,
        TIMESTAMP '2022-08-01 08:00:00' + to_days(i) AS received_at, TIMESTAMP '2022-08-02 08:00:00' + to_days(i) AS due_at,
        CASE WHEN i = 3 THEN TIMESTAMP '2022-07-01 08:00:00' ELSE TIMESTAMP '2022-08-01 09:00:00' + to_days(i) END AS resolved_at,
        'counter' AS channel, 'resolved' AS status, true AS eid_authenticated, 5 AS satisfaction
      FROM range(1, 5) t(i) ORDER BY i) TO '${join(dir, 'dossiers.parquet')}' (FORMAT parquet)`);
    expect(lines(await rejected(loaded, dir))).toEqual([
      'dossiers.parquet:3: resolved_at: "2022-07-01 08:00:00" is before received_at "2022-08-04 08:00:00"',
    ]);
  });

  it('loads the same Parquet file once fixed', async () => {
    const dir = join(tmp, 'parquet-ok');
    mkdirSync(dir);
    copyFileSync(join(folder('good'), 'procedures.csv'), join(dir, 'procedures.csv'));
    await loaded.connection
      .run(`COPY (SELECT * REPLACE ('pq-ok' || dossier_id AS dossier_id) FROM read_csv('${join(folder('good'), 'dossiers.csv')}', all_varchar = true))
      TO '${join(dir, 'dossiers.parquet')}' (FORMAT parquet)`);
    const report = await importFolder(loaded.connection, dir, { now: NOW });
    expect(report.errors).toEqual([]);
    expect(report.files.map((f) => [f.file, f.rows, f.status])).toEqual([
      ['procedures.csv', 4, 'skipped'],
      ['dossiers.parquet', 35, 'loaded'],
    ]);
  });
});

describe('a load that fails half-way', () => {
  it('rolls back everything loaded before the failure', async () => {
    const store = await memoryStore();
    try {
      // bundle_month is rebuilt after units, procedures and dossiers were written: make that step fail.
      await store.connection.run('DROP TABLE bundle_month');
      const report = await importFolder(store.connection, folder('good'), { now: NOW });
      expect(report.ok).toBe(false);
      expect(report.errors).toHaveLength(1);
      expect(report.errors[0].reason).toMatch(/^import failed, nothing was loaded: .*bundle_month/);
      const counts = await rows(
        store.connection,
        `SELECT (SELECT count(*) FROM units)::INTEGER AS u, (SELECT count(*) FROM dossiers)::INTEGER AS d,
        (SELECT count(*) FROM pop_month)::INTEGER AS p, (SELECT count(*) FROM import_log)::INTEGER AS l,
        (SELECT count(*) FROM store_meta WHERE key <> 'cell_key_secret')::INTEGER AS m`,
      );
      expect(counts).toEqual([{ u: 0, d: 0, p: 0, l: 0, m: 0 }]);
    } finally {
      store.instance.closeSync();
    }
  });
});
