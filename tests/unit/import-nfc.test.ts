// Text imported in Unicode NFD (Vietnamese as some Windows tools write it: a letter, then its combining marks) is
// stored in NFC, from CSV, Parquet and GeoJSON alike, so that it equals, sorts and joins with the same text typed
// composed: a dossier or a person naming a unit or procedure in one form finds it given in the other. Live event
// files too. The expected values are JavaScript's own normalize('NFC') of the text written.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importEventFiles } from '../../data/pipeline/events/files.ts';
import { importFolder } from '../../data/pipeline/import/index.ts';
import type { Store } from '../../data/pipeline/store.ts';
import { memoryStore, NOW, rows } from '../fixtures/import/helpers.ts';

const nfd = (s: string) => s.normalize('NFD');
const nfc = (s: string) => s.normalize('NFC');

// Codes with Vietnamese letters (the format allows any text but a formula start), each written in one form in the
// file that defines it and in the other form in the files that refer to it.
const UNIT_A = 'Phú-Điền';
const UNIT_B = 'Thượng-Vũ';
const PROC_A = 'TTHC-Hộ-tịch';
const PROC_B = 'TTHC-Cư-trú';
const NAMES = ['Xã Phú Điền', 'Xã Thượng Vũ', 'Đăng ký khai sinh', 'Đăng ký thường trú', 'Huyện Nam Sách'];

const tmp = mkdtempSync(join(tmpdir(), 'ioc06-nfc-'));
const dir = join(tmp, 'folder');
let store: Store;
let report: Awaited<ReturnType<typeof importFolder>>;

beforeAll(async () => {
  for (const s of [...NAMES, UNIT_A, UNIT_B, PROC_A, PROC_B]) expect(nfd(s)).not.toBe(s); // really decomposed
  mkdirSync(dir);
  const file = (name: string, lines: string[]) => writeFileSync(join(dir, name), lines.join('\n') + '\n');
  file('units.csv', [
    'unit_id,code,name,name_en,level,parent_id,valid_from',
    `30,30,${nfd('Tỉnh Hải Dương')},Hai Duong,province,,2008-01-01`,
    `291,291,${nfd('Huyện Nam Sách')},Nam Sach,district,30,2008-01-01`,
    `${nfd(UNIT_A)},10639,${nfd('Xã Phú Điền')},Phu Dien,commune,291,2008-01-01`,
  ]);
  file('procedures.csv', [
    'procedure_code,name,field,level,due_days',
    `${nfd(PROC_A)},${nfd('Đăng ký khai sinh')},civil_status,commune,1`,
    `${PROC_B},${nfd('Đăng ký thường trú')},residence,commune,7`,
  ]);
  file('people.csv', [
    'person_key,unit_id,sex,birth_date,residence_type,has_personal_id,missing_fields',
    `k1,${UNIT_A},${nfd('Nữ')},1990-01-01,${nfd('thường trú')},${nfd('có')},`,
    `k2,${UNIT_B},M,1980-01-01,permanent,true,${nfd('quê_quán')}`,
  ]);
  file('dossiers.csv', [
    'dossier_id,procedure_code,unit_id,received_at,due_at,resolved_at,channel,status,bundle_ref',
    `d1,${PROC_A},${UNIT_A},2022-01-05 08:00,2022-01-06 08:00,2022-01-05 15:00,counter,resolved,${nfd('Khai-sinh-Bé')}`,
    `d2,${nfd(PROC_B)},${nfd(UNIT_A)},2022-01-06 08:00,2022-01-13 08:00,,online,processing,`,
  ]);
  // A second units file in Parquet (the commune UNIT_B, in NFD), written by DuckDB from NFD literals.
  const setup = await memoryStore();
  await setup.connection.run(`COPY (SELECT '${nfd(UNIT_B)}' AS unit_id, '10642' AS code,
      '${nfd('Xã Thượng Vũ')}' AS name, 'commune' AS level, '291' AS parent_id, DATE '2008-01-01' AS valid_from)
    TO '${join(dir, 'units_b.parquet')}' (FORMAT parquet)`);
  setup.instance.closeSync();
  // Today's unit in GeoJSON, its name in NFD.
  const properties = {
    unit_id: '10639@2025-01',
    code: '10639',
    name: nfd('Xã Phú Điền mới'),
    level: 'commune',
    parent_id: '291',
    valid_from: '2025-01-01',
  };
  const feature = { type: 'Feature', properties, geometry: null };
  writeFileSync(join(dir, 'units_2025-01.geojson'), JSON.stringify({ type: 'FeatureCollection', features: [feature] }));
  store = await memoryStore();
  report = await importFolder(store.connection, dir, { now: NOW, dataDate: '2022-01-31' });
});
afterAll(() => {
  store?.instance.closeSync();
  rmSync(tmp, { recursive: true, force: true });
});

const column = async (sql: string) => (await rows(store.connection, sql)).map((r) => Object.values(r)[0]);

describe('text imported in NFD', () => {
  it('loads: the references in the other form are found', () => {
    expect(report.errors).toEqual([]);
    expect(report.ok).toBe(true);
  });

  it('stores unit names and ids in NFC, from CSV, Parquet and GeoJSON', async () => {
    expect(await column('SELECT name FROM units ORDER BY code::INTEGER, valid_from')).toEqual(
      ['Tỉnh Hải Dương', 'Huyện Nam Sách', 'Xã Phú Điền', 'Xã Phú Điền mới', 'Xã Thượng Vũ'].map(nfc),
    );
    const communes = `SELECT unit_id FROM units WHERE level = 'commune' AND valid_from < DATE '2025-01-01' ORDER BY 1`;
    expect(await column(communes)).toEqual([UNIT_A, UNIT_B].map(nfc));
    expect(await column(`SELECT count(*)::INTEGER FROM units WHERE name = '${nfc('Xã Phú Điền')}'`)).toEqual([1]);
  });

  it('stores procedure codes and names in NFC', async () => {
    expect(await column("SELECT procedure_code || '|' || name FROM procedures ORDER BY due_days")).toEqual(
      [`${PROC_A}|Đăng ký khai sinh`, `${PROC_B}|Đăng ký thường trú`].map(nfc),
    );
  });

  it('joins dossiers to their unit and procedure whichever form each file used', async () => {
    const joined = await rows(
      store.connection,
      `SELECT d.dossier_id, d.bundle_ref, u.name AS unit, p.name AS procedure
      FROM dossiers d JOIN units u USING (unit_id) JOIN procedures p USING (procedure_code) ORDER BY d.dossier_id`,
    );
    const unit = nfc('Xã Phú Điền');
    expect(joined).toEqual([
      { dossier_id: 'd1', bundle_ref: nfc('Khai-sinh-Bé'), unit, procedure: nfc('Đăng ký khai sinh') },
      { dossier_id: 'd2', bundle_ref: null, unit, procedure: nfc('Đăng ký thường trú') },
    ]);
    expect(await column('SELECT DISTINCT unit_id FROM dossier_month')).toEqual([nfc(UNIT_A)]);
  });

  it('counts people under the NFC unit, and reads NFD spellings of enums and booleans', async () => {
    const pop = await rows(
      store.connection,
      `SELECT unit_id, sex, residence, sum(population)::INTEGER AS n,
      sum(with_personal_id)::INTEGER AS pid, sum(incomplete_records)::INTEGER AS inc
      FROM pop_month WHERE month = DATE '2022-01-01' GROUP BY ALL ORDER BY unit_id`,
    );
    expect(pop).toEqual([
      { unit_id: nfc(UNIT_A), sex: 'F', residence: 'permanent', n: 1, pid: 1, inc: 0 },
      { unit_id: nfc(UNIT_B), sex: 'M', residence: 'permanent', n: 1, pid: 1, inc: 1 },
    ]);
  });

  it('live event files: an NFD unit and procedure code are found, and stored in NFC', async () => {
    const events = join(tmp, 'events');
    mkdirSync(events);
    const event = {
      event_id: 'nfc-1',
      type: 'dossier_received',
      occurred_at: '2022-01-20T09:00:00',
      unit: nfd(UNIT_A),
      dossier: {
        dossier_id: 'd3',
        procedure_code: nfd(PROC_A),
        channel: 'online',
        due_at: '2022-01-21T09:00:00',
        bundle_ref: nfd('Khai-sinh-Bé'),
      },
    };
    writeFileSync(join(events, 'events.ndjson'), JSON.stringify(event) + '\n');
    const result = await importEventFiles(store.connection, events);
    expect(result.errors).toEqual([]);
    const d3 = await rows(
      store.connection,
      `SELECT unit_id, procedure_code, bundle_ref FROM dossiers
      WHERE dossier_id = 'd3'`,
    );
    expect(d3).toEqual([{ unit_id: nfc(UNIT_A), procedure_code: nfc(PROC_A), bundle_ref: nfc('Khai-sinh-Bé') }]);
    expect(await column(`SELECT unit_id FROM events WHERE event_id = 'nfc-1'`)).toEqual([nfc(UNIT_A)]);
  });
});
