// Excel workbooks (.xlsx) through the importer: workbooks written here with exceljs (Vietnamese headers, Excel dates
// and dd/mm/yyyy text, numbers, booleans, formulas with their saved result, rich text, hyperlinks, totals rows), one
// written by LibreOffice (tests/fixtures/xlsx/README.md), every kind of the good folder as workbooks, refusals
// (merged header cells, error cells, formulas without a result, files that are no workbook) with their exact
// messages, and a 50,000-row sheet read as a stream. Stored values are compared with what the test wrote.
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../data/pipeline/generate/csv-read.ts';
import { importFolder, type ImportReport } from '../../data/pipeline/import/index.ts';
import { formatImportError } from '../../data/pipeline/import/types.ts';
import type { Store } from '../../data/pipeline/store.ts';
import { fingerprint, folder, memoryStore, NOW, rows, STORE_TABLES } from '../fixtures/import/helpers.ts';

const tmp = mkdtempSync(join(tmpdir(), 'ioc06-xlsx-test-'));
const XLSX_FIXTURES = new URL('../fixtures/xlsx/', import.meta.url).pathname;
const GOOD = folder('good');
const stores: Store[] = [];
afterAll(() => {
  for (const s of stores) s.instance.closeSync();
  rmSync(tmp, { recursive: true, force: true });
});

/** A UTC instant: exceljs writes a Date as the Excel serial of its UTC day and time. */
const at = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0) => new Date(Date.UTC(y, mo - 1, d, h, mi, s));
const DATE_TIME = 'dd/mm/yyyy hh:mm';

type Cell = ExcelJS.CellValue;
interface SheetSpec {
  name: string;
  /** Row number → the row's cells from column A. */
  rows: Record<number, Cell[]>;
  /** Cell address → number format. */
  formats?: Record<string, string>;
  merges?: string[];
}

function workbook(...sheets: SheetSpec[]): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  for (const spec of sheets) {
    const ws = wb.addWorksheet(spec.name);
    for (const [n, cells] of Object.entries(spec.rows)) ws.getRow(Number(n)).values = cells;
    for (const [address, fmt] of Object.entries(spec.formats ?? {})) ws.getCell(address).numFmt = fmt;
    for (const range of spec.merges ?? []) ws.mergeCells(range);
  }
  return wb;
}

let folders = 0;
/** A folder with the good units and procedures and the given files (workbooks, text or bytes). */
async function folderWith(
  files: Record<string, ExcelJS.Workbook | string | Buffer>,
  base = ['units.csv', 'procedures.csv'],
) {
  const dir = join(tmp, `f${++folders}`);
  mkdirSync(dir);
  for (const f of base) copyFileSync(join(GOOD, f), join(dir, f));
  for (const [name, content] of Object.entries(files)) {
    if (content instanceof ExcelJS.Workbook) await content.xlsx.writeFile(join(dir, name));
    else writeFileSync(join(dir, name), content);
  }
  return dir;
}

async function importInto(dir: string, dataDate?: string): Promise<{ store: Store; report: ImportReport }> {
  const store = await memoryStore();
  stores.push(store);
  const report = await importFolder(store.connection, dir, { now: NOW, dataDate });
  return { store, report };
}

/** Imports a folder that must be refused: nothing is loaded, no temporary file is left; its errors as text. */
async function refused(dir: string): Promise<string[]> {
  const store = await memoryStore();
  stores.push(store);
  const before = await fingerprint(store.connection);
  const left = () =>
    readdirSync(tmpdir()).filter((f) => f.startsWith('ioc06-xlsx-') && !f.startsWith('ioc06-xlsx-test'));
  const leftBefore = left();
  const report = await importFolder(store.connection, dir, { now: NOW });
  expect(report.ok).toBe(false);
  expect(report.files.every((f) => f.status === 'skipped')).toBe(true);
  expect(await fingerprint(store.connection)).toEqual(before);
  expect(left()).toEqual(leftBefore);
  return report.errors.map(formatImportError);
}

const DOSSIER_COLUMNS =
  'dossier_id, procedure_code, unit_id, received_at::VARCHAR AS received_at, due_at::VARCHAR AS due_at, ' +
  'resolved_at::VARCHAR AS resolved_at, channel, status, satisfaction, eid_authenticated, paid_online';

describe('a dossiers workbook with Vietnamese headers', () => {
  const header = [
    'Mã hồ sơ',
    'Mã TTHC',
    '  Mã  đơn vị ',
    'Ngày tiếp nhận',
    'NGÀY HẸN TRẢ',
    'Ngày trả kết quả',
    'Kênh nộp',
    'Trạng thái'.normalize('NFD'),
    'Mức độ hài lòng',
    'Xác thực định danh',
    'Thanh toán trực tuyến',
    'Ghi chú',
  ];
  const sheet: SheetSpec = {
    name: 'Hồ sơ',
    rows: {
      // row 1 empty: the header is the first non-empty row
      2: header,
      3: [
        { richText: [{ text: 'HS-' }, { text: '001' }] },
        1.001193,
        10633,
        at(2022, 1, 5, 8, 0),
        '06/01/2022 08:00',
        at(2022, 1, 5, 15, 30, 20),
        'Trực tiếp',
        'Đã trả kết quả',
        { formula: '2+3', result: 5 },
        true,
        false,
        'đã gọi điện',
      ],
      4: [
        { text: 'HS-002', hyperlink: 'https://dichvucong.gov.vn/' },
        '1.004194',
        '10606',
        '10/02/2022 09:05:07',
        at(2022, 2, 17),
        null,
        'Trực tuyến',
        'Đang xử lý',
        null,
        'có',
        'không',
        null,
        'xem lại',
      ],
      // row 5 empty
      6: [
        'HS-003',
        '2.000815',
        10636,
        at(2022, 3, 1, 7, 45),
        { formula: 'D6+2', result: at(2022, 3, 3, 7, 45) },
        '3/3/2022 16:00',
        2,
        'Từ chối',
        null,
        false,
        true,
      ],
      7: ['Tổng cộng', null, null, null, null, null, null, null, { formula: 'SUM(I3:I6)', result: 5 }],
      8: [null, 'TỔNG SỐ:'.normalize('NFD'), null, null, null, null, null, null, 5],
    },
    formats: { D3: DATE_TIME, F3: 'dd/mm/yyyy', E4: DATE_TIME, D6: DATE_TIME, E6: DATE_TIME },
  };
  const notes = {
    name: 'Ghi chú',
    rows: { 1: ['Tệp xuất từ Cổng dịch vụ công'] },
  };
  let result: { store: Store; report: ImportReport };

  it('loads the sheet named like the kind, not the first one', async () => {
    result = await importInto(await folderWith({ 'dossiers.xlsx': workbook(notes, sheet) }));
    expect(result.report.errors).toEqual([]);
    expect(result.report.files.find((f) => f.file === 'dossiers.xlsx')).toEqual({
      file: 'dossiers.xlsx',
      kind: 'dossiers',
      rows: 3,
      status: 'loaded',
      ms: expect.any(Number),
      sheet: 'Hồ sơ',
      skippedRows: 2,
      notes: [
        'row 7 is a totals row ("Tổng cộng"): skipped',
        'row 8 is a totals row ("TỔNG SỐ:"): skipped',
        'cells right of the header (from M4) have no column name: ignored',
      ],
    });
  });

  it('stores each cell as written: dates, dd/mm/yyyy text, numbers, formulas, rich text, hyperlinks', async () => {
    expect(await rows(result.store.connection, `SELECT ${DOSSIER_COLUMNS} FROM dossiers ORDER BY dossier_id`)).toEqual([
      {
        dossier_id: 'HS-001',
        procedure_code: '1.001193',
        unit_id: '10633',
        received_at: '2022-01-05 08:00:00',
        due_at: '2022-01-06 08:00:00',
        resolved_at: '2022-01-05 15:30:20',
        channel: 'counter',
        status: 'resolved',
        satisfaction: 5,
        eid_authenticated: true,
        paid_online: false,
      },
      {
        dossier_id: 'HS-002',
        procedure_code: '1.004194',
        unit_id: '10606',
        received_at: '2022-02-10 09:05:07',
        // an Excel date at midnight in a cell whose format shows the time
        due_at: '2022-02-17 00:00:00',
        resolved_at: null,
        channel: 'online',
        status: 'processing',
        satisfaction: null,
        eid_authenticated: true,
        paid_online: false,
      },
      {
        dossier_id: 'HS-003',
        procedure_code: '2.000815',
        unit_id: '10636',
        received_at: '2022-03-01 07:45:00',
        due_at: '2022-03-03 07:45:00',
        resolved_at: '2022-03-03 16:00:00',
        channel: 'online', // portal code 2, a number cell
        status: 'rejected',
        satisfaction: null,
        eid_authenticated: false,
        paid_online: true,
      },
    ]);
  });
});

describe('a people workbook with Vietnamese headers', () => {
  const header = [
    'Mã công dân',
    'Mã đơn vị',
    'Giới tính',
    'Ngày sinh',
    'Loại cư trú',
    'Có số định danh cá nhân',
    'Ngày cấp CCCD',
  ];
  // [cells, birth date as the test means it, sex, residence, holds a personal id]
  const people: [Cell[], string, string, string, number][] = [
    [['p1', 10633, 'Nam', at(1990, 3, 10), 'Thường trú', 'có', at(2021, 5, 10)], '1990-03-10', 'M', 'permanent', 1],
    [['p2', '10633', 'Nữ', '05/09/1992', 'tạm trú', 'không', null], '1992-09-05', 'F', 'temporary', 0],
    [['p3', 10633, 'NỮ', '25/12/1957', 'thường trú', true, '01/06/2021'], '1957-12-25', 'F', 'permanent', 1],
    [['p4', 10633, 'nam', at(2020, 2, 29), 'Thường trú', false, null], '2020-02-29', 'M', 'permanent', 0],
  ];
  /** Completed years on a day, and the 5-year group. */
  const group = (birth: string, day: string) => {
    const years = Number(day.slice(0, 4)) - Number(birth.slice(0, 4)) - (day.slice(5) < birth.slice(5) ? 1 : 0);
    return 5 * Math.floor(years / 5);
  };

  it('aggregates the people by the birth dates written as Excel dates and as dd/mm/yyyy text', async () => {
    const rowsOf = Object.fromEntries(people.map(([cells], i) => [i + 2, cells]));
    const wb = workbook({ name: 'Dân cư', rows: { 1: header, ...rowsOf } });
    const { store, report } = await importInto(await folderWith({ 'people.xlsx': wb }, ['units.csv']), '2022-06-30');
    expect(report.errors).toEqual([]);
    expect(report.files.find((f) => f.file === 'people.xlsx')).toMatchObject({ rows: 4, sheet: 'Dân cư' });
    // every birthday is outside June, so the group on 2022-06-15 holds for the whole month
    const expected = people
      .map(([, birth, sex, residence, pid]) => ({
        sex,
        age_group: group(birth, '2022-06-15'),
        residence,
        population: 1,
        with_personal_id: pid,
      }))
      .sort((a, b) => a.sex.localeCompare(b.sex) || a.age_group - b.age_group);
    expect(expected.map((e) => e.age_group)).toEqual([25, 60, 0, 30]);
    expect(
      await rows(
        store.connection,
        `SELECT sex, age_group::INTEGER AS age_group, residence, population, with_personal_id FROM pop_month
         WHERE month = DATE '2022-06-01' AND population > 0 ORDER BY sex, age_group`,
      ),
    ).toEqual(expected);
  });

  it('refuses a year of birth alone, in a workbook and in a CSV', async () => {
    const yearOnly = ['Mã công dân', 'Mã đơn vị', 'Giới tính', 'Năm sinh', 'Loại cư trú', 'Có số định danh cá nhân'];
    const reason =
      'Năm sinh: gives only the year of birth; people need the full birth_date (Ngày sinh: YYYY-MM-DD or ' +
      'dd/mm/yyyy) for ages in months and years; a year is only enough for aggregate tables';
    const wb = workbook({ name: 'Dân cư', rows: { 1: yearOnly, 2: ['p1', 10633, 'Nam', 1990, 'thường trú', 'có'] } });
    expect(await refused(await folderWith({ 'people.xlsx': wb }, ['units.csv']))).toEqual([
      `people.xlsx:Dân cư:1: ${reason}`,
    ]);
    const csv = `${yearOnly.join(',')}\np1,10633,Nam,1990,thường trú,có\n`;
    expect(await refused(await folderWith({ 'people.csv': csv }, ['units.csv']))).toEqual([`people.csv:1: ${reason}`]);
  });
});

describe('every kind of the good folder as workbooks', () => {
  it('builds the same store as the CSV files', async () => {
    const dir = join(tmp, 'good-xlsx');
    mkdirSync(dir);
    for (const file of readdirSync(GOOD)) {
      if (!file.endsWith('.csv')) {
        copyFileSync(join(GOOD, file), join(dir, file));
        continue;
      }
      const text = readFileSync(join(GOOD, file), 'utf8');
      const records = parseCsv(text);
      const header = Object.keys(records[0]);
      // numbers where the text is a number as written (1.001193, 10633, 5.6), text elsewhere
      const typed = (v: string): Cell => (v !== '' && String(Number(v)) === v ? Number(v) : v === '' ? null : v);
      const wb = workbook({
        name: 'Sheet1',
        rows: Object.fromEntries([[1, header], ...records.map((r, i) => [i + 2, header.map((h) => typed(r[h]))])]),
      });
      await wb.xlsx.writeFile(join(dir, file.replace(/\.csv$/, '.xlsx')));
    }
    const opts = { now: NOW, knownIndicators: new Set(['pct_portal_accounts_eid_verified']) };
    const fromCsv = await memoryStore();
    const fromXlsx = await memoryStore();
    stores.push(fromCsv, fromXlsx);
    expect((await importFolder(fromCsv.connection, GOOD, opts)).errors).toEqual([]);
    const report = await importFolder(fromXlsx.connection, dir, opts);
    expect(report.errors).toEqual([]);
    expect(report.files.filter((f) => f.file.endsWith('.xlsx')).map((f) => f.kind)).toEqual([
      'units',
      'lineage',
      'procedures',
      'targets',
      'milestones',
      'people',
      'dossiers',
    ]);
    // Every table holds the same rows, but import_log (it names the .xlsx files and their hashes), store_meta and
    // the cubes' cell keys (both depend on each store's own secret).
    const content = async (store: Store) => {
      const out: Record<string, unknown[]> = {};
      for (const t of STORE_TABLES.filter((t) => t !== 'import_log' && t !== 'store_meta'))
        out[t] = await rows(store.connection, `SELECT COLUMNS(c -> NOT ends_with(c, '_key')) FROM ${t} ORDER BY ALL`);
      return out;
    };
    const expected = await content(fromCsv);
    expect(expected.pop_month.length).toBeGreaterThan(0);
    expect(await content(fromXlsx)).toEqual(expected);
  });
});

describe('a workbook written by LibreOffice', () => {
  it('loads the rows of the CSV it was made from', async () => {
    const dir = await folderWith({});
    copyFileSync(join(XLSX_FIXTURES, 'dossiers_libreoffice.xlsx'), join(dir, 'dossiers_libreoffice.xlsx'));
    const { store, report } = await importInto(dir);
    expect(report.errors).toEqual([]);
    const source = parseCsv(readFileSync(join(XLSX_FIXTURES, 'dossiers_libreoffice.csv'), 'utf8'));
    const data = source.filter((r) => r['Mã hồ sơ'] !== 'Tổng cộng');
    expect(report.files.find((f) => f.file === 'dossiers_libreoffice.xlsx')).toMatchObject({
      rows: 20,
      sheet: 'dossiers_libreoffice',
      skippedRows: 1,
      notes: ['row 22 is a totals row ("Tổng cộng"): skipped'],
    });
    /** dd/mm/yyyy HH:MM[:SS] → YYYY-MM-DD HH:MM:SS */
    const iso = (t: string) => {
      if (t === '') return null;
      const [d, m, y, hh, mm, ss = '00'] = t.split(/[/ :]/);
      return `${y}-${m}-${d} ${hh}:${mm}:${ss}`;
    };
    const CHANNEL: Record<string, string> = { 'Trực tuyến': 'online', 'Trực tiếp': 'counter', 'Bưu chính': 'post' };
    const STATUS: Record<string, string> = {
      'Đã trả kết quả': 'resolved',
      'Đang xử lý': 'processing',
      'Từ chối': 'rejected',
      'Chờ bổ sung': 'supplement',
    };
    expect(await rows(store.connection, `SELECT ${DOSSIER_COLUMNS} FROM dossiers ORDER BY dossier_id`)).toEqual(
      data.map((r) => ({
        dossier_id: r['Mã hồ sơ'],
        procedure_code: r['Mã thủ tục'],
        unit_id: r['Mã đơn vị'],
        received_at: iso(r['Ngày tiếp nhận']),
        due_at: iso(r['Ngày hẹn trả']),
        resolved_at: iso(r['Ngày trả kết quả']),
        channel: CHANNEL[r['Kênh nộp']],
        status: STATUS[r['Trạng thái']],
        satisfaction: r['Mức độ hài lòng'] === '' ? null : Number(r['Mức độ hài lòng']),
        eid_authenticated: false, // empty: false
        paid_online: r['Thanh toán trực tuyến'] === 'có',
      })),
    );
  });
});

describe('a refused workbook loads nothing, and says why with the sheet and its row', () => {
  const HEADER = [
    'Mã hồ sơ',
    'Mã TTHC',
    'Mã đơn vị',
    'Ngày tiếp nhận',
    'Ngày hẹn trả',
    'Ngày trả kết quả',
    'Kênh',
    'Trạng thái',
    'Mức độ hài lòng',
  ];
  const good = (id: string): Cell[] => [
    id,
    '1.001193',
    '10633',
    '05/01/2022 08:00',
    '06/01/2022 08:00',
    null,
    'Trực tuyến',
    'Đang xử lý',
    null,
  ];
  const dossiers = (rowsOf: Record<number, Cell[]>, extra: Partial<SheetSpec> = {}) =>
    folderWith({ 'dossiers.xlsx': workbook({ name: 'Hồ sơ', rows: rowsOf, ...extra }) });

  it('merged header cells', async () => {
    const header = ['Mã hồ sơ', 'Mã TTHC', 'Ngày', null, 'Kênh'];
    const dir = await folderWith({
      'dossiers.xlsx': workbook({
        name: 'Sheet1',
        rows: { 1: header, 2: [null, null, 'tiếp nhận', 'hẹn trả'], 3: ['HS-1', '1.001193', '05/01/2022'] },
        merges: ['C1:D1'],
      }),
    });
    expect(await refused(dir)).toEqual([
      'dossiers.xlsx:Sheet1:1: C1:D1: merged header cells; make one header row with one name per column',
    ]);
  });

  it('error cells and a formula without a saved result', async () => {
    const naCell = good('HS-2');
    naCell[4] = { error: '#N/A' };
    const noResult = good('HS-3');
    noResult[8] = { formula: 'A4*2' };
    expect(await refused(await dossiers({ 1: HEADER, 2: good('HS-1'), 3: naCell, 4: noResult }))).toEqual([
      'dossiers.xlsx:Hồ sơ:3: Ngày hẹn trả: cell E3 holds the error #N/A',
      'dossiers.xlsx:Hồ sơ:4: Mức độ hài lòng: cell I4 has a formula without a saved result (=A4*2); ' +
        'open the workbook in Excel and save it again',
    ]);
  });

  it('bad values, named by the sheet row (header on row 3, an empty row between)', async () => {
    const unknown = good('HS-2');
    unknown[7] = 'Không rõ';
    const badDate = good('HS-3');
    badDate[3] = '31/02/2022 08:00';
    expect(
      await refused(await dossiers({ 3: HEADER, 4: good('HS-1'), 5: unknown, 7: badDate, 8: good('HS-1') })),
    ).toEqual([
      'dossiers.xlsx:Hồ sơ:5: Trạng thái: "Không rõ" is not one of received, processing, supplement, resolved, ' +
        'rejected, withdrawn',
      'dossiers.xlsx:Hồ sơ:7: Ngày tiếp nhận: "31/02/2022 08:00" is not a timestamp (YYYY-MM-DD HH:MM[:SS], ' +
        'dd/mm/yyyy HH:MM[:SS] or yyyyMMddHHmmss, no time zone)',
      'dossiers.xlsx:Hồ sơ:8: Mã hồ sơ: duplicate Mã hồ sơ "HS-1" (first on row 4)',
    ]);
  });

  it('a missing column, on the header row', async () => {
    const header = HEADER.filter((h) => h !== 'Kênh');
    const row = good('HS-1').filter((_, i) => HEADER[i] !== 'Kênh');
    expect(await refused(await dossiers({ 2: header, 3: row }))).toEqual([
      'dossiers.xlsx:Hồ sơ:2: channel: required column is missing',
    ]);
  });

  it('a workbook whose sheets are all empty', async () => {
    expect(await refused(await dossiers({}))).toEqual(['dossiers.xlsx: sheet "Hồ sơ" is empty']);
    const other = await folderWith({ 'dossiers.xlsx': workbook({ name: 'Trang 1', rows: {} }) });
    expect(await refused(other)).toEqual(['dossiers.xlsx: has no sheet with data (every sheet is empty)']);
  });

  describe('a file that is no readable workbook: one error naming it', () => {
    const real = async () => {
      const wb = workbook({ name: 'Hồ sơ', rows: { 1: HEADER, 2: good('HS-1') } });
      return Buffer.from(await wb.xlsx.writeBuffer());
    };
    /** An OLE compound file (as Excel writes an encrypted workbook, or an .xls) holding the given stream names. */
    const ole = (...streams: string[]) => {
      const buf = Buffer.alloc(2048);
      Buffer.from('d0cf11e0a1b11ae1', 'hex').copy(buf, 0);
      streams.forEach((s, i) => Buffer.from(s, 'utf16le').copy(buf, 1024 + 128 * i));
      return buf;
    };

    it.each([
      [
        'a CSV renamed .xlsx',
        () => 'Mã hồ sơ,Mã TTHC\nHS-1,1.001193\n',
        'is not an Excel workbook (.xlsx) but text ' +
          '(a CSV file renamed?); name it .csv, or save it from Excel as .xlsx',
      ],
      [
        'bytes of no known format',
        () => Buffer.from(Array.from({ length: 600 }, (_, i) => (i * 37) % 256)),
        'is not an Excel workbook (.xlsx)',
      ],
      ['an empty file', () => '', 'is empty'],
      [
        'an encrypted workbook',
        () => ole('EncryptionInfo', 'EncryptedPackage'),
        'is protected by a password (encrypted); remove the password in Excel and save it again',
      ],
      [
        'an .xls renamed',
        () => ole('Workbook', 'SummaryInformation'),
        'is an old Excel 97–2003 workbook (.xls); save it as Excel Workbook (.xlsx) or CSV UTF-8',
      ],
    ])('%s', async (_, content, reason) => {
      expect(await refused(await folderWith({ 'dossiers.xlsx': content() }))).toEqual([`dossiers.xlsx: ${reason}`]);
    });

    it('a workbook cut short', async () => {
      const bytes = await real();
      expect(await refused(await folderWith({ 'dossiers.xlsx': bytes.subarray(0, bytes.length >> 1) }))).toEqual([
        'dossiers.xlsx: is damaged or cut short (the end of its zip archive is missing); copy or save it again',
      ]);
    });

    it('a workbook whose sheet does not match its checksum', async () => {
      const bytes = await real();
      // the central directory's record of the sheet: signature PK\1\2, CRC-32 at +16, the name at +46
      const name = Buffer.from('xl/worksheets/sheet1.xml');
      let record = bytes.indexOf(Buffer.from('PK\x01\x02', 'latin1'));
      while (!bytes.subarray(record + 46, record + 46 + name.length).equals(name))
        record = bytes.indexOf(Buffer.from('PK\x01\x02', 'latin1'), record + 4);
      bytes.writeUInt32LE((bytes.readUInt32LE(record + 16) ^ 1) >>> 0, record + 16);
      expect(await refused(await folderWith({ 'dossiers.xlsx': bytes }))).toEqual([
        'dossiers.xlsx: is damaged (xl/worksheets/sheet1.xml does not match its checksum); ' +
          'copy it again or save it again from Excel',
      ]);
    });

    it('a workbook with damaged compressed data', async () => {
      const bytes = await real();
      const sheet = bytes.indexOf(Buffer.from('xl/worksheets/sheet1.xml'));
      for (let i = sheet + 60; i < sheet + 90; i++) bytes[i] ^= 0x5a;
      const errors = await refused(await folderWith({ 'dossiers.xlsx': bytes }));
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(/^dossiers\.xlsx: is damaged \(.+\); copy it again or save it again from Excel$/);
    });
  });
});

describe('Vietnamese text across the chunks a workbook is read in', () => {
  it.each([
    ['inline strings', false],
    ['shared strings', true],
  ])('%s', { timeout: 60_000 }, async (_, useSharedStrings) => {
    const N = 5000;
    const dir = await folderWith({});
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: join(dir, 'dossiers.xlsx'), useSharedStrings });
    const ws = writer.addWorksheet('Hồ sơ');
    ws.addRow(['Mã hồ sơ', 'Mã TTHC', 'Mã đơn vị', 'Ngày tiếp nhận', 'Ngày hẹn trả', 'Kênh', 'Trạng thái']).commit();
    const id = (i: number) => `Hồ sơ ${i}: Đăng ký khai sinh – Nguyễn Thị Hương, Xã Nam Trung`;
    for (let i = 0; i < N; i++)
      ws.addRow([
        id(i),
        '1.001193',
        '10633',
        '05/01/2022 08:00',
        '06/01/2022 08:00',
        'Trực tiếp',
        'Đang xử lý',
      ]).commit();
    ws.commit();
    await writer.commit();
    const { store, report } = await importInto(dir);
    expect(report.errors).toEqual([]);
    const stored = await rows(store.connection, 'SELECT dossier_id FROM dossiers');
    expect(new Set(stored.map((r) => r.dossier_id))).toEqual(new Set(Array.from({ length: N }, (_, i) => id(i))));
  });
});

describe('a sheet of 50,000 rows', () => {
  it('is read as a stream: the JavaScript heap stays small', { timeout: 120_000 }, async () => {
    const N = 50_000;
    const dir = await folderWith({});
    // shared strings, as Excel writes them: sharedStrings.xml of 50,000 Vietnamese ids spans many chunks
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({
      filename: join(dir, 'dossiers.xlsx'),
      useSharedStrings: true,
    });
    const ws = writer.addWorksheet('Hồ sơ');
    ws.addRow(['Mã hồ sơ', 'Mã TTHC', 'Mã đơn vị', 'Ngày tiếp nhận', 'Ngày hẹn trả', 'Kênh', 'Trạng thái']).commit();
    const received = (i: number) => at(2022, 1, 1, 7).getTime() + i * 60_000;
    for (let i = 0; i < N; i++) {
      const row = ws.addRow([
        `HS-Đồng-${i}`,
        1.001193,
        10633,
        new Date(received(i)),
        new Date(received(i) + 86_400_000),
        i % 2 ? 'Trực tuyến' : 'Trực tiếp',
        'Đang xử lý',
      ]);
      row.getCell(4).numFmt = DATE_TIME;
      row.getCell(5).numFmt = DATE_TIME;
      row.commit();
    }
    ws.commit();
    await writer.commit();

    const store = await memoryStore();
    stores.push(store);
    const base = process.memoryUsage().heapUsed;
    let peak = base;
    const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 5);
    const report = await importFolder(store.connection, dir, { now: NOW });
    clearInterval(sample);
    expect(report.errors).toEqual([]);
    expect(report.files.find((f) => f.file === 'dossiers.xlsx')?.rows).toBe(N);
    // The sheet's XML is about 9 MB and exceljs would build a Row and a Cell object per cell for the whole sheet if
    // it read it at once (hundreds of MB); streamed, the heap grows by the shared strings and a few rows at a time.
    expect((peak - base) / 2 ** 20).toBeLessThan(120);
    const iso = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
    expect(
      await rows(
        store.connection,
        `SELECT count(*)::INTEGER AS n, min(received_at)::VARCHAR AS first, max(received_at)::VARCHAR AS last,
           count(*) FILTER (WHERE channel = 'online')::INTEGER AS online,
           count(*) FILTER (WHERE regexp_full_match(dossier_id, 'HS-Đồng-[0-9]+'))::INTEGER AS ids FROM dossiers`,
      ),
    ).toEqual([{ n: N, first: iso(received(0)), last: iso(received(N - 1)), online: N / 2, ids: N }]);
  });
});
