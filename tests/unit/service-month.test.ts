// The Decision 766 cube service_month (data/pipeline/import/load-service.ts): a small store made from hand-written
// CSV files through the importer, every count and cell key checked against a recount written here in plain
// TypeScript over the same rows (keys with node:crypto's md5, never the pipeline's SQL). Also: NULL kept for fields a
// file does not report, petitions re-loaded, live dossier events (incremental = rebuild), the build at store open,
// undo, and the errors of bad petitions and portal_scores rows.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyEvents, loadStoreFacts } from '../../data/pipeline/events/apply.ts';
import { checkImport, importFolder, loadChecked, releaseChecked } from '../../data/pipeline/import/index.ts';
import { listFolder, readManifest } from '../../data/pipeline/import/files.ts';
import { rebuildServiceMonth, SERVICE_MONTH_COUNTS } from '../../data/pipeline/import/load-service.ts';
import { formatImportError } from '../../data/pipeline/import/types.ts';
import { restoreImages, saveImages, touchedTables } from '../../data/pipeline/import/undo.ts';
import { closeStore, openStore, type Store } from '../../data/pipeline/store.ts';
import { memoryStore, NOW, rows } from '../fixtures/import/helpers.ts';

const tmp = mkdtempSync(join(tmpdir(), 'ioc06-service-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Writes the files of a folder (name → lines). */
function folder(name: string, files: Record<string, string[]>): string {
  const dir = join(tmp, name);
  mkdirSync(dir, { recursive: true });
  for (const [file, lines] of Object.entries(files)) writeFileSync(join(dir, file), lines.join('\n') + '\n');
  return dir;
}

const DATA_DATE = '2022-03-15';

const UNITS = [
  'unit_id,code,name,level,parent_id,valid_from,is_base',
  '30,30,Tỉnh Hải Dương,province,,2008-01-01,false',
  '291,291,Huyện Nam Sách,district,30,2008-01-01,false',
  '10633,10633,Xã Nam Trung,commune,291,2008-01-01,true',
  '10636,10636,Xã Nam Chính,commune,291,2008-01-01,true',
];
const PROCEDURES = [
  'procedure_code,name,field,level,due_days,online_level,paper_result,has_fees,payment_integrated,' +
    'citizen_applicants,announced_on,legal_effective_on,published_on,all_parts_published',
  'P1,Đăng ký khai sinh,civil_status,commune,3,Toàn trình,true,false,false,true,2022-01-10,2022-02-01,2022-01-12,true',
  'P2,Chứng thực bản sao,certification,commune,1,một phần,false,true,true,có,10/01/2022,2022-01-14,2022-01-20,0',
  'P3,Cấp phép,other,commune,5,none,,,,,,,,',
];
// every Decision 766 field in its own name
const DOSSIERS_A = [
  'dossier_id,procedure_code,unit_id,received_at,due_at,resolved_at,channel,status,eid_authenticated,' +
    'population_data_reused,paid_online,satisfaction,result_electronic,components_digitised,reused_digitised,' +
    'from_data_store,result_to_data_store,supplement_count,supplement_days,fee_amount,synced_portal',
  // on time, online, electronic result, digitised, reused, from the data store, synced
  'a1,P1,10633,2022-01-05 08:00,2022-01-08 08:00,2022-01-07 10:00,online,resolved,true,false,true,5,true,' +
    'true,true,true,false,0,,0,true',
  // two supplement requests: late although finished before due; a "dislike" (2)
  'a2,P1,10633,2022-01-10 09:00,2022-01-13 09:00,2022-01-12 09:00,counter,resolved,false,false,false,2,false,' +
    'false,false,false,false,2,1,20000,false',
  // open across two month ends; 40 days waiting on the applicant make it on time
  'a3,P1,10633,2022-01-25 14:00,2022-01-28 14:00,2022-03-05 10:00,counter,resolved,false,true,false,,1,' +
    'true,,,true,1,40,,true',
  // withdrawn: received, never in a stock
  'a4,P2,10633,2022-01-20 08:00,2022-01-21 08:00,,counter,withdrawn,false,false,false,,,,,,,,,,',
  // open and overdue at February's end, open at the data date
  'a5,P2,10633,2022-02-10 08:00,2022-02-11 08:00,,post,processing,false,false,false,,,,,,,0,,5000,true',
  // no fee; a petition names it
  'a6,P2,10636,2022-02-27 10:00,2022-03-01 10:00,2022-03-01 09:00,online,resolved,true,false,false,4,,' +
    'false,false,false,false,0,0,0,true',
  // finished after the data date (15 March): finished in March, and still open at the data date
  'a7,P3,10636,2022-03-02 08:00,2022-03-20 08:00,2022-03-18 08:00,counter,resolved,false,false,false,,,,,,,,,,',
  // three supplement requests, rejected
  'a8,P3,10636,2022-03-10 08:00,2022-03-11 08:00,2022-03-12 08:00,online,rejected,false,false,true,,,,,,,3,,,',
  // waiting for a supplement for 100 days: not due at any month's end
  'a9,P1,10636,2022-01-03 08:00,2022-01-06 08:00,,counter,supplement,false,false,false,,,,,,,1,100,,',
];
// the national portal's names: MaKetQua or DuongDanTepTinKetQua (either non-empty) = an electronic result
const DOSSIERS_B = [
  'MaHoSo,MaTTHC,MaDonVi,NgayTiepNhan,NgayHenTra,NgayKetThucXuLy,KenhThucHien,TrangThaiHoSo,' +
    'TaiKhoanDuocXacThucVoiVNeID,DuocThanhToanTrucTuyen,MucDoHaiLong,MaKetQua,DuongDanTepTinKetQua,' +
    'HoSoCoThanhPhanSoHoa,DuocLayTuKhoDMQG,SoLanBoSung,PhiLePhi,DongBoCongQuocGia',
  'b1,P1,10633,20220301080000,20220304080000,20220302080000,2,resolved,có,có,5,,https://kq.example/b1.pdf,có,,0,,1',
  'b2,P2,10636,20220105080000,20220106080000,20220105150000,1,resolved,không,không,1,,,không,có,2,15000,0',
];
// no Decision 766 field at all: NULL (not reported), never false
const DOSSIERS_C = [
  'dossier_id,procedure_code,unit_id,received_at,due_at,resolved_at,channel,status',
  'c1,P2,10633,2022-02-14 08:00,2022-02-15 08:00,2022-02-16 08:00,online,resolved',
  'c2,P3,10633,2022-03-14 08:00,2022-03-19 08:00,,counter,received',
];
const PETITIONS = [
  'petition_id,unit_id,received_at,kind,procedure_code,dossier_id,handled_at,outcome,disliked,repeated',
  'pe1,10636,2022-03-02 09:00,procedure,P2,a6,2022-03-04 10:00,answered,true,false',
  'pe2,10633,2022-03-03 09:00,staff,,,,,,',
  'pe3,10633,2022-03-04 09:00,Thủ tục hành chính,P2,c1,2022-03-07 09:00,Đã trả lời,,có',
  // names another unit's dossier (a8 is 10636's): it does not make it a complained-about one
  'pe4,10633,2022-03-12 09:00,procedure,P3,a8,,,,',
];

const md5Key = (secret: string, kind: string, id: string) =>
  parseInt(createHash('md5').update(`${secret}:${kind}:${id}`).digest('hex').slice(0, 6), 16);
const M = 2 ** 24;
const DAY = 86_400_000;

// ---------------------------------------------------------------------------------------------------------------
// The recount: the contract's definitions (c766 §1), over the rows as written above.

interface Dossier {
  id: string;
  proc: string;
  unit: string;
  rec: number;
  due: number;
  res: number | null;
  channel: string;
  status: string;
  eid: boolean;
  pop: boolean;
  paid: boolean;
  sat: number | null;
  eresult: boolean | null;
  comp: boolean | null;
  reused: boolean | null;
  fromStore: boolean | null;
  toStore: boolean | null;
  sc: number | null;
  sd: number | null;
  fee: number | null;
  synced: boolean | null;
}

/** Local time (no zone) as ms: minutes and the portal's yyyyMMddHHmmss. */
function ms(text: string): number {
  const t = /^\d{14}$/.test(text)
    ? `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}T${text.slice(8, 10)}:${text.slice(10, 12)}`
    : text.replace(' ', 'T');
  return Date.parse(`${t}Z`);
}
const flag = (v: string | undefined): boolean | null =>
  v === undefined || v === '' ? null : ['true', '1', 'có'].includes(v.toLowerCase());
const num = (v: string | undefined): number | null => (v === undefined || v === '' ? null : Number(v));

function parse(lines: string[], names: Record<string, string> = {}): Dossier[] {
  const header = lines[0].split(',').map((h) => names[h] ?? h);
  const channels: Record<string, string> = { 1: 'counter', 2: 'online', 3: 'post' };
  return lines.slice(1).map((line) => {
    const cells = line.split(',');
    const f = (c: string) => (header.includes(c) ? cells[header.indexOf(c)] : undefined);
    // the portal's result columns: a value given = true, empty = false (no column = not reported)
    const present = (cs: string[]) => (cs.some((c) => header.includes(c)) ? cs.some((c) => (f(c) ?? '') !== '') : null);
    return {
      id: f('dossier_id')!,
      proc: f('procedure_code')!,
      unit: f('unit_id')!,
      rec: ms(f('received_at')!),
      due: ms(f('due_at')!),
      res: f('resolved_at') ? ms(f('resolved_at')!) : null,
      channel: channels[f('channel')!] ?? f('channel')!,
      status: f('status')!,
      eid: flag(f('eid_authenticated')) ?? false,
      pop: flag(f('population_data_reused')) ?? false,
      paid: flag(f('paid_online')) ?? false,
      sat: num(f('satisfaction')),
      eresult: header.includes('result_electronic')
        ? flag(f('result_electronic'))
        : present(['MaKetQua', 'DuongDanTepTinKetQua']),
      comp: flag(f('components_digitised')),
      reused: flag(f('reused_digitised')),
      fromStore: flag(f('from_data_store')),
      toStore: flag(f('result_to_data_store')),
      sc: num(f('supplement_count')),
      sd: num(f('supplement_days')),
      fee: num(f('fee_amount')),
      synced: flag(f('synced_portal')),
    };
  });
}

const PORTAL_NAMES: Record<string, string> = {
  MaHoSo: 'dossier_id',
  MaTTHC: 'procedure_code',
  MaDonVi: 'unit_id',
  NgayTiepNhan: 'received_at',
  NgayHenTra: 'due_at',
  NgayKetThucXuLy: 'resolved_at',
  KenhThucHien: 'channel',
  TrangThaiHoSo: 'status',
  TaiKhoanDuocXacThucVoiVNeID: 'eid_authenticated',
  DuocThanhToanTrucTuyen: 'paid_online',
  MucDoHaiLong: 'satisfaction',
  HoSoCoThanhPhanSoHoa: 'components_digitised',
  DuocLayTuKhoDMQG: 'from_data_store',
  SoLanBoSung: 'supplement_count',
  PhiLePhi: 'fee_amount',
  DongBoCongQuocGia: 'synced_portal',
};

const monthText = (t: number) => new Date(t).toISOString().slice(0, 7);
const nextMonth = (m: string) => {
  const [y, mo] = m.split('-').map(Number);
  return mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
};

type Row = Record<string, number>;

/** service_month as the contract defines it: key `unit|YYYY-MM|procedure` → counts, keys, resolution_days_sum. */
function recount(dossiers: Dossier[], petitioned: Set<string>, dataDate: string, secret: string) {
  const out = new Map<string, Row>();
  const cell = (unit: string, month: string, proc: string) => {
    const key = `${unit}|${month}|${proc}`;
    let r = out.get(key);
    if (!r) {
      r = { resolution_days_sum: 0 };
      for (const c of SERVICE_MONTH_COUNTS) r[c] = r[`${c}_key`] = 0;
      out.set(key, r);
    }
    return r;
  };
  const count = (r: Row, c: string, d: Dossier) => {
    r[c] += 1;
    r[`${c}_key`] = (r[`${c}_key`] + md5Key(secret, 'd', d.id)) % M;
  };
  const end = ms(`${dataDate} 00:00`) + DAY;
  const lastMonth = dataDate.slice(0, 7);
  const first = new Map<string, string>();
  for (const d of dossiers) {
    const pair = `${d.unit}|${d.proc}`;
    if (!first.has(pair) || monthText(d.rec) < first.get(pair)!) first.set(pair, monthText(d.rec));
    const r = cell(d.unit, monthText(d.rec), d.proc);
    count(r, 'received', d);
    if (d.channel === 'online') count(r, 'received_online', d);
    if (d.channel === 'online' && d.eresult === true) count(r, 'received_online_eresult', d);
    if (d.synced === true) count(r, 'synced', d);
    if (d.synced !== null) count(r, 'synced_known', d);
    if (d.reused === true) count(r, 'reused', d);
    if (d.reused !== null) count(r, 'reused_known', d);
    if (d.fromStore === true || d.toStore === true) count(r, 'shared', d);
    if (d.fromStore !== null) count(r, 'shared_known', d);
    if (d.eid || d.fromStore === true || d.pop) count(r, 'population_data', d);
    if (d.paid) count(r, 'paid_online', d);
    if (d.fee === 0) count(r, 'fee_zero', d);
    const due = d.due + (d.sd ?? 0) * DAY;
    const fewSupplements = (d.sc ?? 0) <= 1;
    if (d.res !== null) {
      const f = cell(d.unit, monthText(d.res), d.proc);
      count(f, 'finished', d);
      if (d.res <= due && fewSupplements) count(f, 'finished_on_time', d);
      if (d.eresult === true) count(f, 'finished_eresult', d);
      if (d.eresult !== null) count(f, 'finished_eresult_known', d);
      if (d.comp === true && d.eresult === true) count(f, 'finished_digitised', d);
      if (d.comp !== null && d.eresult !== null) count(f, 'finished_digitised_known', d);
      if (petitioned.has(d.id) || (d.sat !== null && d.sat <= 2)) count(f, 'finished_complained', d);
      f.resolution_days_sum += (d.res - d.rec) / DAY - (d.sd ?? 0);
    }
    if (d.status === 'withdrawn') continue;
    // at each month's end (or the data date's end, when earlier): received before it, not finished by then
    for (let m = monthText(d.rec); m <= lastMonth; m = nextMonth(m)) {
      const boundary = Math.min(ms(`${nextMonth(m)}-01 00:00`), end);
      if (!(d.rec < boundary && (d.res === null || d.res >= boundary))) continue;
      const s = cell(d.unit, m, d.proc);
      count(s, 'open_end', d);
      if (due >= boundary && fewSupplements) count(s, 'open_not_due_end', d);
    }
  }
  // a row for every month from a procedure's first dossier in the unit to the data date's month
  for (const [pair, m0] of first) {
    const [unit, proc] = pair.split('|');
    for (let m = m0; m <= lastMonth; m = nextMonth(m)) cell(unit, m, proc);
  }
  return out;
}

/** service_month as stored, keyed like the recount. */
async function stored(conn: DuckDBConnection): Promise<Map<string, Row>> {
  const out = new Map<string, Row>();
  for (const r of await rows(conn, `SELECT * REPLACE (strftime(month, '%Y-%m') AS month) FROM service_month`)) {
    const row: Row = {};
    for (const [c, v] of Object.entries(r)) if (!['unit_id', 'month', 'procedure_code'].includes(c)) row[c] = Number(v);
    out.set(`${String(r.unit_id)}|${String(r.month)}|${String(r.procedure_code)}`, row);
  }
  return out;
}

function expectSame(actual: Map<string, Row>, expected: Map<string, Row>) {
  expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
  for (const [key, want] of expected) {
    const got = actual.get(key)!;
    const { resolution_days_sum: days, ...counts } = got;
    const { resolution_days_sum: wantDays, ...wantCounts } = want;
    expect(counts, key).toEqual(wantCounts);
    expect(days, key).toBeCloseTo(wantDays, 9);
  }
}

async function secretOf(conn: DuckDBConnection): Promise<string> {
  return String((await rows(conn, `SELECT value FROM store_meta WHERE key = 'cell_key_secret'`))[0].value);
}

/** The cube as a rebuild of every unit gives it (rolled back: the store is left as it was). */
async function rebuilt(conn: DuckDBConnection): Promise<Map<string, Row>> {
  await conn.run('BEGIN TRANSACTION');
  try {
    await rebuildServiceMonth(conn, 'ALL');
    return await stored(conn);
  } finally {
    await conn.run('ROLLBACK');
  }
}

const ALL_DOSSIERS = () => [...parse(DOSSIERS_A), ...parse(DOSSIERS_B, PORTAL_NAMES), ...parse(DOSSIERS_C)];

const BASE_FILES = {
  'manifest.json': [`{ "generated": false, "source": "service-month test", "data_date": "${DATA_DATE}" }`],
  'units.csv': UNITS,
  'procedures.csv': PROCEDURES,
  'dossiers_a.csv': DOSSIERS_A,
  'dossiers_b.csv': DOSSIERS_B,
  'dossiers_c.csv': DOSSIERS_C,
  'petitions.csv': PETITIONS,
};

describe('service_month of a store made from CSV files', () => {
  let store: Store;
  let secret: string;
  beforeAll(async () => {
    store = await memoryStore();
    const report = await importFolder(store.connection, folder('base', BASE_FILES), { now: NOW });
    expect(report.errors.map(formatImportError)).toEqual([]);
    secret = await secretOf(store.connection);
  });
  afterAll(() => closeStore(store));

  it('counts every dossier as the contract says, with keys of md5(secret:d:id)', async () => {
    const want = recount(ALL_DOSSIERS(), new Set(['a6', 'c1']), DATA_DATE, secret);
    expectSame(await stored(store.connection), want);
    // the cases the fixture was written for, spelled out
    const got = await stored(store.connection);
    expect(got.get('10633|2022-01|P1')).toMatchObject({ finished: 2, finished_on_time: 1, finished_complained: 1 });
    expect(got.get('10633|2022-01|P1')).toMatchObject({ open_end: 1, open_not_due_end: 1 }); // a3 across January
    expect(got.get('10633|2022-02|P1')).toMatchObject({ open_end: 1, open_not_due_end: 1 }); // … and February
    expect(got.get('10633|2022-03|P1')).toMatchObject({ finished: 2, finished_on_time: 2 }); // a3 late days excused
    expect(got.get('10633|2022-01|P2')).toMatchObject({ received: 1, open_end: 0 }); // a4 withdrawn
    expect(got.get('10633|2022-02|P2')).toMatchObject({ open_end: 1, open_not_due_end: 0 }); // a5 overdue
    expect(got.get('10636|2022-03|P2')).toMatchObject({ finished: 1, finished_complained: 1, fee_zero: 0 });
    expect(got.get('10636|2022-02|P2')).toMatchObject({ fee_zero: 1, open_end: 1, open_not_due_end: 1 });
    // a8: named by another unit's petition, not complained about
    expect(got.get('10636|2022-03|P3')).toMatchObject({ finished: 2, finished_on_time: 1, finished_complained: 0 });
    expect(got.get('10636|2022-03|P3')).toMatchObject({ open_end: 1 });
    expect(got.get('10636|2022-01|P2')).toMatchObject({ finished_complained: 1, shared: 1, shared_known: 1 }); // b2
    expect(got.get('10633|2022-03|P1')).toMatchObject({ received_online_eresult: 1, population_data: 1 }); // b1
    // no month after the data date's
    expect([...got.keys()].every((k) => k.split('|')[1] <= '2022-03')).toBe(true);
  });

  it('keeps NULL for the fields a file does not report, and reads present / portal values', async () => {
    const r = await rows(
      store.connection,
      `SELECT dossier_id, result_electronic AS e, components_digitised AS c, from_data_store AS s,
        supplement_count AS n, supplement_days AS d, fee_amount AS f, synced_portal AS p, eid_authenticated AS v
      FROM dossiers WHERE dossier_id IN ('a1', 'a2', 'b1', 'b2', 'c1') ORDER BY 1`,
    );
    expect(r).toEqual([
      { dossier_id: 'a1', e: true, c: true, s: true, n: 0, d: null, f: 0, p: true, v: true },
      { dossier_id: 'a2', e: false, c: false, s: false, n: 2, d: 1, f: 20000, p: false, v: false },
      { dossier_id: 'b1', e: true, c: true, s: null, n: 0, d: null, f: null, p: true, v: true },
      { dossier_id: 'b2', e: false, c: false, s: true, n: 2, d: null, f: 15000, p: false, v: false },
      { dossier_id: 'c1', e: null, c: null, s: null, n: null, d: null, f: null, p: null, v: false },
    ]);
    expect(
      await rows(
        store.connection,
        `SELECT procedure_code, online_level, paper_result, has_fees, citizen_applicants, announced_on::VARCHAR AS a,
          all_parts_published FROM procedures ORDER BY 1`,
      ),
    ).toEqual([
      {
        procedure_code: 'P1',
        online_level: 'full',
        paper_result: true,
        has_fees: false,
        citizen_applicants: true,
        a: '2022-01-10',
        all_parts_published: true,
      },
      {
        procedure_code: 'P2',
        online_level: 'partial',
        paper_result: false,
        has_fees: true,
        citizen_applicants: true,
        a: '2022-01-10',
        all_parts_published: false,
      },
      {
        procedure_code: 'P3',
        online_level: 'none',
        paper_result: null,
        has_fees: null,
        citizen_applicants: null,
        a: null,
        all_parts_published: null,
      },
    ]);
  });

  it('stores petitions with their record keys and dates the petitions dataset', async () => {
    expect(
      await rows(
        store.connection,
        `SELECT petition_id, kind, dossier_id, outcome, disliked, repeated, k FROM petitions ORDER BY 1`,
      ),
    ).toEqual(
      [
        {
          petition_id: 'pe1',
          kind: 'procedure',
          dossier_id: 'a6',
          outcome: 'answered',
          disliked: true,
          repeated: false,
        },
        { petition_id: 'pe2', kind: 'staff', dossier_id: null, outcome: null, disliked: false, repeated: false },
        {
          petition_id: 'pe3',
          kind: 'procedure',
          dossier_id: 'c1',
          outcome: 'answered',
          disliked: false,
          repeated: true,
        },
        { petition_id: 'pe4', kind: 'procedure', dossier_id: 'a8', outcome: null, disliked: false, repeated: false },
      ].map((p) => ({ ...p, k: md5Key(secret, 'p', p.petition_id) })),
    );
    expect(
      await rows(
        store.connection,
        `SELECT kind, data_date::VARCHAR AS d FROM datasets WHERE kind IN ('petitions',
        'dossiers') ORDER BY 1`,
      ),
    ).toEqual([
      { kind: 'dossiers', d: DATA_DATE },
      { kind: 'petitions', d: DATA_DATE },
    ]);
  });

  it('fills work_days: weekdays without the public holidays, numbered in order', async () => {
    const r = await rows(
      store.connection,
      `SELECT count(*)::INTEGER AS n, min(day)::VARCHAR AS a, max(day)::VARCHAR AS b,
        count(*) FILTER (isodow(day) > 5)::INTEGER AS weekend,
        count(*) FILTER (day IN (DATE '2022-02-01', DATE '2022-09-02', DATE '2025-04-30'))::INTEGER AS holidays,
        bool_and(seq = rn) AS ordered
      FROM (SELECT *, row_number() OVER (ORDER BY day) AS rn FROM work_days)`,
    );
    // the list has no holiday before 2021: 1 January 2015, a Thursday, is a working day there
    expect(r[0]).toMatchObject({ a: '2015-01-01', b: '2035-12-31', weekend: 0, holidays: 0, ordered: true });
    // 2022: 260 weekdays, 11 of them public holidays (holidays.ts)
    const y = await rows(store.connection, `SELECT count(*)::INTEGER AS n FROM work_days WHERE year(day) = 2022`);
    expect(y[0].n).toBe(260 - 11);
  });

  it('re-loading petitions rebuilds the cube of the units whose dossiers they name', async () => {
    // pe1 no longer names a6 (unit 10636); pe2 now names b1 (unit 10633)
    const again = [
      PETITIONS[0],
      'pe1,10636,2022-03-02 09:00,procedure,P2,,2022-03-04 10:00,answered,true,false',
      'pe2,10633,2022-03-03 09:00,procedure,P1,b1,,,,',
    ];
    const report = await importFolder(store.connection, folder('petitions-again', { 'petitions_2.csv': again }), {
      now: NOW,
    });
    expect(report.errors).toEqual([]);
    expectSame(await stored(store.connection), recount(ALL_DOSSIERS(), new Set(['b1', 'c1']), DATA_DATE, secret));
    expectSame(await stored(store.connection), await rebuilt(store.connection));
  });
});

describe('live dossier events', () => {
  it('keep service_month equal to a rebuild, also when the data date moves on', async () => {
    const store = await memoryStore();
    try {
      const conn = store.connection;
      const report = await importFolder(conn, folder('events-base', BASE_FILES), { now: NOW });
      expect(report.errors).toEqual([]);
      const facts = await loadStoreFacts(conn);
      const post = (events: object[]) => applyEvents(conn, events, facts);
      // all in 10636: 10633's open dossiers (a5, c2) must still get the new month's rows when the date moves on
      await post([
        {
          event_id: 'e1',
          type: 'dossier_received',
          occurred_at: '2022-03-15 09:00',
          unit: '10636',
          dossier: { dossier_id: 'ev1', procedure_code: 'P1', channel: 'online', synced_portal: true, fee_amount: 0 },
        },
        // a second supplement request of a9 (received in January): late in every month since
        {
          event_id: 'e2',
          type: 'dossier_supplement',
          occurred_at: '2022-03-15 10:00',
          unit: '10636',
          dossier: { dossier_id: 'a9' },
        },
      ]);
      expectSame(await stored(conn), await rebuilt(conn));
      expect((await stored(conn)).get('10636|2022-01|P1')).toMatchObject({ open_end: 1, open_not_due_end: 0 });
      expect(await rows(conn, `SELECT supplement_count AS n FROM dossiers WHERE dossier_id = 'a9'`)).toEqual([
        { n: 2 },
      ]);
      await post([
        {
          event_id: 'e3',
          type: 'dossier_resolved',
          occurred_at: '2022-04-02 10:00',
          unit: '10636',
          dossier: { dossier_id: 'ev1', result_electronic: true, components_digitised: true, supplement_days: 0.5 },
        },
      ]);
      const after = await stored(conn);
      expectSame(after, await rebuilt(conn));
      expect(after.get('10633|2022-04|P2')).toMatchObject({ open_end: 1 }); // a5, untouched by the events
      expect(after.get('10636|2022-04|P1')).toMatchObject({ finished: 1, finished_eresult: 1, finished_digitised: 1 });
      // the recount over the dossiers as they now are
      const ds = ALL_DOSSIERS().map((d) => (d.id === 'a9' ? { ...d, sc: 2 } : d));
      ds.push({
        ...parse(DOSSIERS_C)[0],
        id: 'ev1',
        proc: 'P1',
        unit: '10636',
        rec: ms('2022-03-15 09:00'),
        due: ms('2022-03-18 09:00'),
        res: ms('2022-04-02 10:00'),
        channel: 'online',
        status: 'resolved',
        eresult: true,
        comp: true,
        sd: 0.5,
        fee: 0,
        synced: true,
      });
      expectSame(after, recount(ds, new Set(['a6', 'c1']), '2022-04-02', await secretOf(conn)));
    } finally {
      closeStore(store);
    }
  });
});

describe('a store opened without service_month', () => {
  it('gets it built from its dossiers', async () => {
    const path = join(tmp, 'open.duckdb');
    let store = await openStore(path);
    expect((await importFolder(store.connection, folder('open', BASE_FILES), { now: NOW })).ok).toBe(true);
    const before = await stored(store.connection);
    await store.connection.run('DELETE FROM service_month');
    closeStore(store);
    store = await openStore(path);
    try {
      expect(before.size).toBeGreaterThan(0);
      expectSame(await stored(store.connection), before);
    } finally {
      closeStore(store);
    }
  });
});

describe('undo of an import of dossiers and petitions', () => {
  it('puts back the petitions, the dossiers and service_month as they were', async () => {
    const store = await memoryStore();
    try {
      const conn = store.connection;
      expect((await importFolder(conn, folder('undo-base', BASE_FILES), { now: NOW })).ok).toBe(true);
      const snapshot = async () =>
        JSON.stringify(
          await rows(
            conn,
            `SELECT (SELECT list(p ORDER BY petition_id) FROM petitions p) AS p,
              (SELECT list(d ORDER BY dossier_id) FROM dossiers d) AS d,
              (SELECT list(s ORDER BY unit_id, month, procedure_code) FROM service_month s) AS s,
              (SELECT list(x ORDER BY kind) FROM datasets x) AS x`,
          ),
        );
      const was = await snapshot();
      const dir = folder('undo-next', {
        'manifest.json': ['{ "data_date": "2022-04-30" }'],
        'dossiers_next.csv': [
          DOSSIERS_C[0],
          'n1,P1,10636,2022-04-10 08:00,2022-04-13 08:00,,online,received',
          'a5,P2,10633,2022-02-10 08:00,2022-02-11 08:00,2022-04-01 08:00,post,resolved',
        ],
        'petitions_next.csv': [PETITIONS[0], 'pe9,10633,2022-04-03 09:00,procedure,P2,a5,,,,'],
      });
      const checked = await checkImport(conn, await listFolder(dir), readManifest(dir), { now: NOW });
      const touched = touchedTables(checked.staged);
      const report = await loadChecked(conn, checked, {
        before: (c, _s, batch) => saveImages(c, touched, 'import_undo', `b${batch}`),
      });
      await releaseChecked(conn, checked);
      expect(report.errors).toEqual([]);
      expect(await snapshot()).not.toEqual(was);
      await conn.run('BEGIN TRANSACTION');
      await restoreImages(conn, report.batchId!);
      await conn.run('COMMIT');
      expect(await snapshot()).toEqual(was);
    } finally {
      closeStore(store);
    }
  });
});

describe('bad petitions and portal_scores rows', () => {
  it('are refused as file:line: column: reason, and nothing is loaded', async () => {
    const store = await memoryStore();
    try {
      const conn = store.connection;
      expect(
        (await importFolder(conn, folder('bad-base', { 'units.csv': UNITS, 'procedures.csv': PROCEDURES }))).ok,
      ).toBe(true);
      const dir = folder('bad', {
        'petitions.csv': [
          PETITIONS[0],
          'x1,10633,2022-03-02 09:00,procedure,P1,,2022-03-01 09:00,answered,,',
          'x2,10633,2022-03-02 09:00,staff,,,2022-03-03 09:00,,,',
          'x3,291,2022-03-02 09:00,complaint,P9,,,,,',
        ],
        'portal_scores.csv': [
          'unit_id,period,group,points',
          '10633,2022-03,1,15.5',
          '10633,2022-13,Tổng,80',
          '10633,2022-Q1,6,101',
          '99999,2022,3B,2',
        ],
      });
      const report = await importFolder(conn, dir, { now: NOW });
      expect(report.ok).toBe(false);
      expect(report.errors.map(formatImportError)).toEqual([
        'petitions.csv:2: handled_at: "2022-03-01 09:00" is before received_at "2022-03-02 09:00"',
        'petitions.csv:3: outcome: is required when handled_at is given (answered, refused, supplement or published)',
        'petitions.csv:4: kind: "complaint" is not one of procedure, staff',
        'petitions.csv:4: procedure_code: unknown procedure "P9" (not in the store nor in this folder)',
        'petitions.csv:4: unit_id: "291" is not a base unit',
        'portal_scores.csv:3: period: "2022-13" is not a period (YYYY-MM, YYYY-Qn or YYYY)',
        'portal_scores.csv:4: group: "6" is not one of 1, 2, 3, 3b, 4, 5, total (Tổng)',
        'portal_scores.csv:4: points: "101" is not a number ≥ 0 and ≤ 100',
        'portal_scores.csv:5: unit_id: unknown unit "99999" (not in the store nor in this folder)',
      ]);
      expect(await rows(conn, 'SELECT count(*)::INTEGER AS n FROM petitions')).toEqual([{ n: 0 }]);
      expect(await rows(conn, 'SELECT count(*)::INTEGER AS n FROM portal_scores')).toEqual([{ n: 0 }]);
      // the good rows, once the bad ones are gone
      const good = folder('good-scores', {
        'portal_scores.csv': [
          'Mã đơn vị,Kỳ,Nhóm,Điểm',
          '10633,2022-03,1,15.5',
          '10633,2022-Q1,Tổng,80',
          '291,2022,3B,2',
        ],
      });
      expect((await importFolder(conn, good, { now: NOW })).errors).toEqual([]);
      expect(await rows(conn, 'SELECT * FROM portal_scores ORDER BY ALL')).toEqual([
        { unit_id: '10633', period: '2022-03', group_id: '1', points: 15.5 },
        { unit_id: '10633', period: '2022-Q1', group_id: 'total', points: 80 },
        { unit_id: '291', period: '2022', group_id: '3b', points: 2 },
      ]);
    } finally {
      closeStore(store);
    }
  });
});
