// Names that a spreadsheet would run as a formula (issue 12): a unit, procedure or target whose name,
// title or code starts with =, +, -, @, a tab or a carriage return is refused at import with
// file:line: column: reason, and nothing of the folder is loaded. Free text and numbers are not touched.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFolder, type ImportError } from '../../data/pipeline/import/index.ts';
import type { Store } from '../../data/pipeline/store.ts';
import { fingerprint, memoryStore, NOW } from '../fixtures/import/helpers.ts';

const REASON = 'starts with =, +, -, @, a tab or a carriage return: a spreadsheet would run it as a formula';
const lines = (errors: ImportError[]) => errors.map((e) => `${e.file}:${e.line}: ${e.column}: ${e.reason}`);
const csvQuote = (v: string) => (/[",\r\n\t]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

let store: Store;
const tmp = mkdtempSync(join(tmpdir(), 'ioc06-formula-'));
let n = 0;

/** A folder with one file, its rows given as arrays of raw values. */
function folderWith(file: string, header: string, rows: string[][]): string {
  const dir = join(tmp, `f${++n}`);
  mkdirSync(dir);
  writeFileSync(join(dir, file), `${header}\n${rows.map((r) => r.map(csvQuote).join(',')).join('\n')}\n`);
  return dir;
}

async function errorsOf(dir: string): Promise<string[]> {
  const before = await fingerprint(store.connection);
  const report = await importFolder(store.connection, dir, { now: NOW });
  expect(report.ok).toBe(false);
  expect(await fingerprint(store.connection)).toEqual(before);
  return lines(report.errors);
}

beforeAll(async () => {
  store = await memoryStore();
});
afterAll(() => {
  store.instance.closeSync();
  rmSync(tmp, { recursive: true, force: true });
});

const UNITS = 'unit_id,code,name,name_en,level,parent_id,valid_from,valid_to,area_km2,is_base';
const unit = (id: string, name: string, nameEn = 'Ok'): string[] => [
  id,
  id.replace(/\D/g, '') || '1',
  name,
  nameEn,
  'province',
  '',
  '2008-01-01',
  '',
  '',
  '',
];

describe('import: names that would be spreadsheet formulas', () => {
  it('refuses unit names and codes starting with =, +, -, @, a tab or a carriage return, one line each', async () => {
    const dir = folderWith('units.csv', UNITS, [
      unit('31', 'Tỉnh Bình Thường'),
      unit('32', '=HYPERLINK("http://x","y")'),
      unit('33', '@SUM(A1:A9)'),
      unit('34', "-2+3+cmd|' /C calc'!A0"),
      unit('35', '+1'),
      unit('36', '\t=1+1'),
      unit('37', '\r=1+1'),
      unit('38', 'Tỉnh Ổn', '=evil()'),
      unit('-39', 'Tỉnh Mã Lạ'),
    ]);
    expect(await errorsOf(dir)).toEqual([
      `units.csv:3: name: "=HYPERLINK("http://x","y")" ${REASON}`,
      `units.csv:4: name: "@SUM(A1:A9)" ${REASON}`,
      `units.csv:5: name: "-2+3+cmd|' /C calc'!A0" ${REASON}`,
      `units.csv:6: name: "+1" ${REASON}`,
      `units.csv:7: name: "\t=1+1" ${REASON}`,
      `units.csv:8: name: "\r=1+1" ${REASON}`,
      // the carriage return quoted on line 8 is a line break (as editors show it): the next rows are one line further
      `units.csv:10: name_en: "=evil()" ${REASON}`,
      `units.csv:11: unit_id: "-39" ${REASON}`,
    ]);
  });

  it('refuses procedure names and target titles the same way', async () => {
    const procs = folderWith('procedures.csv', 'procedure_code,name,name_en,field,level,due_days', [
      ['9.000001', '=cmd|"/c calc"!A1', 'Fine', 'other', 'commune', '3'],
      ['9.000002', 'Thủ tục tốt', '@x', 'other', 'commune', '3'],
    ]);
    expect(await errorsOf(procs)).toEqual([
      `procedures.csv:2: name: "=cmd|"/c calc"!A1" ${REASON}`,
      `procedures.csv:3: name_en: "@x" ${REASON}`,
    ]);
    const targets = folderWith(
      'targets.csv',
      'id,group,indicator,title_vi,title_en,level,comparator,target,unit,deadline,source_clause',
      [
        [
          'Z01',
          'tthc',
          'births',
          '=HYPERLINK("http://x","y")',
          'Fine',
          'all',
          '>=',
          '-3',
          'count',
          '2030-12-31',
          'II.1',
        ],
        ['Z02', '+g', 'births', 'Tốt', 'Fine', 'all', '>=', '1', 'count', '2030-12-31', 'II.1'],
      ],
    );
    expect(await errorsOf(targets)).toEqual([
      `targets.csv:2: title_vi: "=HYPERLINK("http://x","y")" ${REASON}`,
      `targets.csv:3: group: "+g" ${REASON}`,
    ]);
  });

  it('still loads names with those characters inside, and a negative target number', async () => {
    const dir = folderWith(
      'targets.csv',
      'id,group,indicator,title_vi,title_en,level,comparator,target,unit,deadline,source_clause',
      [
        [
          'Z03',
          'tthc',
          'births',
          'Giảm 3% = mục tiêu - tốt @ xã',
          'A + B',
          'all',
          '>=',
          '-3',
          'count',
          '2030-12-31',
          '- II.1 (a bullet, free text)',
        ],
      ],
    );
    const report = await importFolder(store.connection, dir, { now: NOW });
    expect(report.errors).toEqual([]);
    const r = (
      await store.connection.runAndReadAll(`SELECT title_vi, target FROM targets WHERE target_id = 'Z03'`)
    ).getRowObjectsJson();
    expect(r).toEqual([{ title_vi: 'Giảm 3% = mục tiêu - tốt @ xã', target: -3 }]);
  });
});
