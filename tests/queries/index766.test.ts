// The Decision 766 index files (queries/index766, issue 16): every statement run on a scratch store made from
// data/pipeline/schema.sql with a handful of hand-made units, procedures, dossiers and petitions, its service_month
// cube built by the importer's rebuildServiceMonth, and each row compared with numbers worked out by hand below, from
// the headers and ../shared/product/DECISION-766.md, never from the SQL. A dossier (or petition) part is written as
// the list of the records it counts: its count is the list's length and its cell key the sum of their record keys
// (cell-key.ts), modulo 2^24. Working days: Monday to Friday but the public holidays of data/pipeline/holidays.ts
// (2024: Thursday 18 April, Monday 29 April to Wednesday 1 May).
import { readdirSync } from 'node:fs';
import { LIST, VARCHAR, listValue, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CELL_KEY_MODULUS, CELL_KEY_SECRET, recordKey } from '../../data/pipeline/cell-key.ts';
import { fillWorkDays } from '../../data/pipeline/holidays.ts';
import { rebuildServiceMonth } from '../../data/pipeline/import/load-service.ts';
import { openStore, type Store } from '../../data/pipeline/store.ts';
import { domainDataDate, type StoreInfo } from '../../server/context.ts';
import { composeKeyedSql, composeProcedureSql } from '../../server/indicators/compose.ts';
import { bindParams, checkRegistry, loadRegistry, type IndicatorDef } from '../../server/registry/index.ts';

const registry = await loadRegistry('queries');
const SECRET = 'tests-766';
const DATA_DATE = '2024-05-20'; // dossiers and petitions

// ---------------------------------------------------------------------------------------------------------------
// The store's rows

/** D1 (district-level office) ⊃ C1, C2 (communes); all three are base units. */
const UNITS = [
  { unit_id: 'D1', code: 'D1', name: 'Huyện Thử Nghiệm', level: 'district', parent_id: null, is_base: true },
  { unit_id: 'C1', code: 'C1', name: 'Xã Một', level: 'commune', parent_id: 'D1', is_base: true },
  { unit_id: 'C2', code: 'C2', name: 'Xã Hai', level: 'commune', parent_id: 'D1', is_base: true },
];
const MEMBERS = [
  ['D1', 'D1'],
  ['D1', 'C1'],
  ['D1', 'C2'],
  ['C1', 'C1'],
  ['C2', 'C2'],
];

type Cell = string | number | boolean | null;
const P = [
  'procedure_code',
  'level',
  'online_level',
  'paper_result',
  'has_fees',
  'payment_integrated',
  'citizen_applicants',
  'announced_on',
  'legal_effective_on',
  'published_on',
  'all_parts_published',
] as const;
/** Commune procedures A, B, C, E, F, G; district procedure X. */
const PROCEDURES: Cell[][] = [
  ['A', 'commune', 'full', false, true, true, true, '2024-04-22', '2024-05-02', '2024-05-02', true],
  ['B', 'commune', 'partial', true, true, false, true, '2024-04-23', '2024-05-02', '2024-05-06', false],
  ['C', 'commune', 'none', null, false, null, false, '2024-04-13', null, '2024-04-22', null],
  ['E', 'commune', null, false, true, null, null, '2024-03-29', '2024-04-05', '2024-04-05', true],
  ['F', 'commune', 'full', true, false, null, true, null, null, '2024-03-31', true],
  ['G', 'commune', 'partial', false, null, null, true, '2024-04-11', '2024-04-20', null, null],
  ['X', 'district', 'full', false, true, true, true, '2024-04-26', '2024-05-10', '2024-05-09', true],
];

interface Dossier {
  id: string;
  proc: string;
  unit?: string;
  ch?: 'online' | 'counter' | 'post';
  rec: string;
  due: string;
  res?: string;
  status?: string;
  sat?: number;
  eid?: boolean;
  popReused?: boolean;
  paid?: boolean;
  re?: boolean; // result_electronic
  cd?: boolean; // components_digitised
  reused?: boolean;
  from?: boolean; // from_data_store
  rtds?: boolean; // result_to_data_store
  sc?: number; // supplement_count
  sd?: number; // supplement_days
  fee?: number;
  synced?: boolean;
}

/** C1's dossiers, received from 28 March to 7 May 2024; D1's one. Times 08:00 unless said. */
const C1_DOSSIERS: Dossier[] = [
  // A: on time; electronic result, digitised, reused, from the data store, VNeID, paid online, synced
  {
    id: 'd01',
    proc: 'A',
    ch: 'online',
    rec: '2024-04-01 08:00',
    due: '2024-04-05 17:00',
    res: '2024-04-04 08:00',
    sat: 5,
    eid: true,
    paid: true,
    re: true,
    cd: true,
    reused: true,
    from: true,
    rtds: false,
    sc: 0,
    sd: 0,
    fee: 20000,
    synced: true,
  },
  // A: finished two days after due_at, but it waited 3 days on the applicant (one request): on time; disliked (2)
  {
    id: 'd02',
    proc: 'A',
    ch: 'online',
    rec: '2024-04-02 08:00',
    due: '2024-04-08 17:00',
    res: '2024-04-10 08:00',
    sat: 2,
    re: false,
    cd: true,
    reused: false,
    from: false,
    rtds: true,
    sc: 1,
    sd: 3,
    fee: 0,
    synced: true,
  },
  // A: finished before due_at, but two supplement requests: late
  {
    id: 'd03',
    proc: 'A',
    rec: '2024-04-03 08:00',
    due: '2024-04-09 17:00',
    res: '2024-04-08 08:00',
    re: true,
    sc: 2,
    sd: 1,
    fee: 20000,
    synced: false,
  },
  // B (paper result): finished at due_at exactly: on time; a petition names it (p05)
  {
    id: 'd04',
    proc: 'B',
    ch: 'online',
    rec: '2024-04-04 08:00',
    due: '2024-04-12 17:00',
    res: '2024-04-12 17:00',
    sat: 4,
    popReused: true,
    paid: true,
    re: true,
    cd: true,
    reused: true,
    sc: 0,
    fee: 50000,
    synced: true,
  },
  // B: rejected after due_at: late
  {
    id: 'd05',
    proc: 'B',
    ch: 'online',
    rec: '2024-04-05 08:00',
    due: '2024-04-15 17:00',
    res: '2024-04-16 08:00',
    status: 'rejected',
    re: false,
    cd: false,
    reused: false,
    from: false,
    rtds: false,
    fee: 50000,
  },
  // C: open, overdue from 30 April
  { id: 'd06', proc: 'C', rec: '2024-04-08 08:00', due: '2024-04-30 17:00', status: 'processing' },
  // C: open, due 10 May but 15 days waiting on the applicant: due 25 May, after the data date: not yet due
  { id: 'd07', proc: 'C', rec: '2024-04-25 08:00', due: '2024-05-10 17:00', status: 'supplement', sc: 1, sd: 15 },
  // C: open and not due by its dates, but two supplement requests: late
  { id: 'd08', proc: 'C', rec: '2024-04-26 08:00', due: '2024-05-06 17:00', status: 'processing', sc: 2 },
  // F (paper result): withdrawn, in no stock
  { id: 'd09', proc: 'F', rec: '2024-04-10 08:00', due: '2024-04-20 17:00', status: 'withdrawn' },
  // A: received in March by post, finished in April on time
  {
    id: 'd10',
    proc: 'A',
    ch: 'post',
    rec: '2024-03-28 08:00',
    due: '2024-04-03 17:00',
    res: '2024-04-02 08:00',
    synced: true,
  },
  // A: May, online, on time
  {
    id: 'd11',
    proc: 'A',
    ch: 'online',
    rec: '2024-05-06 08:00',
    due: '2024-05-10 17:00',
    res: '2024-05-08 08:00',
    sat: 4,
    eid: true,
    paid: false,
    re: true,
    cd: true,
    reused: true,
    from: true,
    fee: 20000,
    synced: true,
  },
  // G: open at the data date, due the day after
  { id: 'd12', proc: 'G', rec: '2024-05-07 08:00', due: '2024-05-21 17:00', status: 'processing' },
  // X at the district office
  {
    id: 'd20',
    proc: 'X',
    unit: 'D1',
    ch: 'online',
    rec: '2024-05-02 08:00',
    due: '2024-05-09 17:00',
    res: '2024-05-03 08:00',
    sat: 5,
    paid: true,
    re: true,
    cd: true,
    reused: true,
    from: true,
    fee: 100000,
    synced: true,
  },
];

const ids = (prefix: string, from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => `${prefix}${String(from + i).padStart(2, '0')}`);

/**
 * C2: 18 dossiers of A in 2023 (none reported as synchronised), then none until May 2024, when it gets ten:
 * c01–c05 online, c06–c10 at the counter; c01–c04 digitised with an electronic result, c05 digitised without one,
 * c06–c10 not reported; all 3 days long but c10 (11 days, late).
 */
const C2_DOSSIERS: Dossier[] = [
  ...ids('y', 1, 18).map((id, i) => {
    const month = String((i % 12) + 1).padStart(2, '0');
    const day = i < 12 ? '10' : '17';
    return {
      id,
      proc: 'A',
      unit: 'C2',
      rec: `2023-${month}-${day} 08:00`,
      due: `2023-${month}-20 17:00`,
      res: `2023-${month}-${day} 12:00`,
    };
  }),
  ...ids('c', 1, 10).map((id, i) => ({
    id,
    proc: 'A',
    unit: 'C2',
    ch: i < 5 ? ('online' as const) : ('counter' as const),
    rec: '2024-05-06 08:00',
    due: '2024-05-10 17:00',
    res: i === 9 ? '2024-05-17 08:00' : '2024-05-09 08:00',
    ...(i < 4 ? { cd: true, re: true } : i === 4 ? { cd: true, re: false } : {}),
  })),
];

/** Petitions of C1 (received in April, but p06 in May); data date 20 May. */
const PETITIONS: Cell[][] = [
  // id, kind, procedure, dossier, received, handled, outcome, disliked, repeated
  // from Wed 10 Apr, 15 working days (not Thu 18 Apr, nor 29 Apr–1 May): Tue 7 May; handled then: on time
  ['p01', 'procedure', 'A', null, '2024-04-10 09:00', '2024-05-07 16:00', 'answered', false, false],
  // from Fri 12 Apr, 15 working days: Thu 9 May: on time, but disliked
  ['p02', 'procedure', 'A', null, '2024-04-12 09:00', '2024-05-09 10:00', 'answered', true, false],
  // on Saturday 13 Apr: counted from Fri 12 Apr, refused within 2 working days: Tue 16 Apr; handled Wed 17: late
  ['p03', 'staff', null, null, '2024-04-13 10:00', '2024-04-17 09:00', 'refused', false, false],
  // from Fri 26 Apr, supplement within 5 working days: Wed 8 May (2, 3, 6, 7, 8 May); on time, but repeated
  ['p04', 'procedure', 'B', null, '2024-04-26 15:00', '2024-05-08 11:00', 'supplement', false, true],
  // from Wed 17 Apr, published within 2 working days: Mon 22 Apr; handled Fri 19: on time; names dossier d04
  ['p05', 'procedure', 'B', 'd04', '2024-04-17 09:00', '2024-04-19 09:00', 'published', false, false],
  // open, from Thu 2 May, 15 working days: Thu 23 May, after the data date: not overdue
  ['p06', 'staff', null, null, '2024-05-02 09:00', null, null, false, false],
  // open, from Mon 1 Apr, 15 working days: Tue 23 Apr: overdue
  ['p07', 'procedure', 'A', null, '2024-04-01 09:00', null, null, false, false],
  // open, from Wed 24 Apr, 15 working days: Mon 20 May, the data date itself: not overdue
  ['p08', 'procedure', 'C', null, '2024-04-24 10:00', null, null, false, false],
];

// ---------------------------------------------------------------------------------------------------------------
// Expected rows

const keyOf = (id: string) => recordKey(SECRET, id.startsWith('p') ? 'p' : 'd', id);
const mod = (k: number) => ((k % CELL_KEY_MODULUS) + CELL_KEY_MODULUS) % CELL_KEY_MODULUS;

interface Part {
  n: number;
  key: number | null;
}
/** A count of records: how many, and the sum of their keys. */
const of = (...records: string[]): Part => ({ n: records.length, key: mod(records.reduce((a, r) => a + keyOf(r), 0)) });
/** A count of procedures, a sum of days or an estimate: no key. */
const n = (value: number): Part => ({ n: value, key: null });
/** A count of nobody in a row that counts records: 0 with the key 0. */
const none: Part = { n: 0, key: 0 };

/** unit, month (YYYY-MM), procedure_code, numerator, denominator[, numerator_minus]. */
type Expected = [string, string, string | null, Part, Part, Part?];

interface Row {
  unit_id: string;
  month: string;
  procedure_code: string | null;
  numerator: number;
  denominator: number;
  numerator_key: number | null;
  denominator_key: number | null;
  numerator_minus?: number;
  numerator_minus_key?: number | null;
}

function expectedRows(rows: Expected[]): Row[] {
  return sortRows(
    rows.map(([unit_id, month, procedure_code, num, den, minus]) => ({
      unit_id,
      month: `${month}-01`,
      procedure_code,
      // a difference (5.4): numerator_key is the key of numerator + numerator_minus
      numerator: minus ? num.n - minus.n : num.n,
      denominator: den.n,
      numerator_key: num.key,
      denominator_key: den.key,
      ...(minus ? { numerator_minus: minus.n, numerator_minus_key: minus.key } : {}),
    })),
  );
}

const sortRows = (rows: Row[]) =>
  rows.sort((a, b) =>
    `${a.unit_id}|${a.month}|${a.procedure_code ?? '~'}`.localeCompare(
      `${b.unit_id}|${b.month}|${b.procedure_code ?? '~'}`,
    ),
  );

/** Per file: the months asked ($from..$to, YYYY-MM) and every row the statement must return for units D1, C1, C2. */
const CASES: Record<string, { from: string; to: string; rows: Expected[] }> = {
  // 1.1: the working day 5 before legal_effective_on; A (22 Apr ≤ 22 Apr: 2 May less 5 working days over the
  // 29 Apr–1 May holidays) on time, B (23 Apr) late, G (11 Apr ≤ Sat 20 Apr less 5 = Thu 11 Apr, over Thu 18 Apr) on
  // time, C (legal date not known) left out, E (29 Mar ≤ 5 Apr less 5 = 29 Mar) on time; X on time (3 May)
  index766_1_1: {
    from: '2024-03',
    to: '2024-06',
    rows: [
      ...['C1', 'C2'].flatMap((u): Expected[] => [
        [u, '2024-03', 'E', n(1), n(1)],
        [u, '2024-04', 'A', n(1), n(1)],
        [u, '2024-04', 'B', n(0), n(1)],
        [u, '2024-04', 'G', n(1), n(1)],
      ]),
      ['D1', '2024-04', 'X', n(1), n(1)],
    ],
  },
  // 1.2: announced_on + 5 working days; A 22 Apr → 2 May, published 2 May; B 23 Apr → 3 May, published 6 May;
  // C Sat 13 Apr → counted from Fri 12 Apr → 22 Apr (not 18 Apr), published 22 Apr; G not published; E 29 Mar →
  // 5 Apr; X 26 Apr → 8 May, published 9 May
  index766_1_2: {
    from: '2024-03',
    to: '2024-06',
    rows: [
      ...['C1', 'C2'].flatMap((u): Expected[] => [
        [u, '2024-03', 'E', n(1), n(1)],
        [u, '2024-04', 'A', n(1), n(1)],
        [u, '2024-04', 'B', n(0), n(1)],
        [u, '2024-04', 'C', n(1), n(1)],
        [u, '2024-04', 'G', n(0), n(1)],
      ]),
      ['D1', '2024-04', 'X', n(0), n(1)],
    ],
  },
  // 1.3: published by month end (F on 31 March counts in March), all parts known (C, G left out)
  index766_1_3: {
    from: '2024-03',
    to: '2024-05',
    rows: [
      ...['C1', 'C2'].flatMap((u): Expected[] => [
        [u, '2024-03', 'F', n(1), n(1)],
        [u, '2024-04', 'E', n(1), n(1)],
        [u, '2024-04', 'F', n(1), n(1)],
        [u, '2024-05', 'A', n(1), n(1)],
        [u, '2024-05', 'B', n(0), n(1)],
        [u, '2024-05', 'E', n(1), n(1)],
        [u, '2024-05', 'F', n(1), n(1)],
      ]),
      ['D1', '2024-05', 'X', n(1), n(1)],
    ],
  },
  // 1.4: synced / synced reported; C2 received nothing from January to April 2024 after 18 dossiers in 2023: 0 of
  // round(18 ÷ 12) = 2 each month, without key; in May it received ten, none reported: no row; June is after the
  // data date; C1 had no dossier in 2023: no fallback in January and February
  index766_1_4: {
    from: '2024-01',
    to: '2024-06',
    rows: [
      ['C1', '2024-03', 'A', of('d10'), of('d10')],
      ['C1', '2024-04', 'A', of('d01', 'd02'), of('d01', 'd02', 'd03')],
      ['C1', '2024-04', 'B', of('d04'), of('d04')],
      ['C1', '2024-05', 'A', of('d11'), of('d11')],
      ...['01', '02', '03', '04'].map((m): Expected => ['C2', `2024-${m}`, null, none, n(2)]),
      ['D1', '2024-05', 'X', of('d20'), of('d20')],
    ],
  },
  // 2.1, finished: d02 late by its dates but within due_at + 3 supplement days; d03 early but two requests: late;
  // d04 at due_at exactly; d05 rejected late; C2: c10 late
  index766_2_1_finished: {
    from: '2024-03',
    to: '2024-06',
    rows: [
      ['C1', '2024-04', 'A', of('d01', 'd02', 'd10'), of('d01', 'd02', 'd03', 'd10')],
      ['C1', '2024-04', 'B', of('d04'), of('d04', 'd05')],
      ['C1', '2024-05', 'A', of('d11'), of('d11')],
      ['C2', '2024-05', 'A', of(...ids('c', 1, 9)), of(...ids('c', 1, 10))],
      ['D1', '2024-05', 'X', of('d20'), of('d20')],
    ],
  },
  // 2.1, in progress: at the end of March d10 (due 3 April); at the end of April d06 (overdue), d07 (not due),
  // d08 (two requests); at the data date 20 May the same, and d12 (due 21 May); d09 withdrawn: in none
  index766_2_1_open: {
    from: '2024-03',
    to: '2024-06',
    rows: [
      ['C1', '2024-03', 'A', of('d10'), of('d10')],
      ['C1', '2024-04', 'C', of('d07'), of('d06', 'd07', 'd08')],
      ['C1', '2024-05', 'C', of('d07'), of('d06', 'd07', 'd08')],
      ['C1', '2024-05', 'G', of('d12'), of('d12')],
    ],
  },
  // 2.2: days, less the supplement days: d01 3, d02 8 − 3, d03 5 − 1, d10 5; d04 8.375, d05 11; d11 2;
  // C2: 9 × 3 + 11; d20 1
  index766_2_2: {
    from: '2024-03',
    to: '2024-06',
    rows: [
      ['C1', '2024-04', 'A', n(3 + 5 + 4 + 5), of('d01', 'd02', 'd03', 'd10')],
      ['C1', '2024-04', 'B', n(8.375 + 11), of('d04', 'd05')],
      ['C1', '2024-05', 'A', n(2), of('d11')],
      ['C2', '2024-05', 'A', n(9 * 3 + 11), of(...ids('c', 1, 10))],
      ['D1', '2024-05', 'X', n(1), of('d20')],
    ],
  },
  // 3.1: A, B, F, G online, C not, E not known: 4 of 5 (80 %) in each commune, every month; X at D1
  index766_3_1: {
    from: '2024-04',
    to: '2024-05',
    rows: ['2024-04', '2024-05'].flatMap((m): Expected[] => [
      ...['C1', 'C2'].flatMap((u): Expected[] => [
        [u, m, 'A', n(1), n(1)],
        [u, m, 'B', n(1), n(1)],
        [u, m, 'C', n(0), n(1)],
        [u, m, 'F', n(1), n(1)],
        [u, m, 'G', n(1), n(1)],
      ]),
      ['D1', m, 'X', n(1), n(1)],
    ]),
  },
  // 3.2: online services A, B, F, G (X at D1) with an online dossier in the month; none after the data date (June)
  index766_3_2: {
    from: '2024-04',
    to: '2024-06',
    rows: [
      ['C1', '2024-04', 'A', n(1), n(1)],
      ['C1', '2024-04', 'B', n(1), n(1)],
      ['C1', '2024-04', 'F', n(0), n(1)],
      ['C1', '2024-04', 'G', n(0), n(1)],
      ['C1', '2024-05', 'A', n(1), n(1)],
      ['C1', '2024-05', 'B', n(0), n(1)],
      ['C1', '2024-05', 'F', n(0), n(1)],
      ['C1', '2024-05', 'G', n(0), n(1)],
      ...['A', 'B', 'F', 'G'].map((p): Expected => ['C2', '2024-04', p, n(0), n(1)]),
      ...['A', 'B', 'F', 'G'].map((p): Expected => ['C2', '2024-05', p, n(p === 'A' ? 1 : 0), n(1)]),
      ['D1', '2024-04', 'X', n(0), n(1)],
      ['D1', '2024-05', 'X', n(1), n(1)],
    ],
  },
  // 3.3: online dossiers; of paper-result procedures (B, F) only those with an electronic result (d04, not d05);
  // C (paper result not known) as without paper. C1 in May: 1 of 2, C2: 5 of 10 (50 %)
  index766_3_3: {
    from: '2024-03',
    to: '2024-06',
    rows: [
      ['C1', '2024-03', 'A', none, of('d10')],
      ['C1', '2024-04', 'A', of('d01', 'd02'), of('d01', 'd02', 'd03')],
      ['C1', '2024-04', 'B', of('d04'), of('d04', 'd05')],
      ['C1', '2024-04', 'C', none, of('d06', 'd07', 'd08')],
      ['C1', '2024-04', 'F', none, of('d09')],
      ['C1', '2024-05', 'A', of('d11'), of('d11')],
      ['C1', '2024-05', 'G', none, of('d12')],
      ['C2', '2024-05', 'A', of(...ids('c', 1, 5)), of(...ids('c', 1, 10))],
      ['D1', '2024-05', 'X', of('d20'), of('d20')],
    ],
  },
  // 3.5: fee-bearing with integration known: A yes, B no (50 %); E and G (not known) left out
  index766_3_5: {
    from: '2024-05',
    to: '2024-05',
    rows: [
      ...['C1', 'C2'].flatMap((u): Expected[] => [
        [u, '2024-05', 'A', n(1), n(1)],
        [u, '2024-05', 'B', n(0), n(1)],
      ]),
      ['D1', '2024-05', 'X', n(1), n(1)],
    ],
  },
  // 3.5b: fee-bearing A, B, E (X) with a dossier paid online in the month: d01 (A) and d04 (B) in April, d20 in May
  index766_3_5b: {
    from: '2024-04',
    to: '2024-06',
    rows: [
      ...['A', 'B', 'E'].map((p): Expected => ['C1', '2024-04', p, n(p === 'E' ? 0 : 1), n(1)]),
      ...['A', 'B', 'E'].map((p): Expected => ['C1', '2024-05', p, n(0), n(1)]),
      ...['2024-04', '2024-05'].flatMap((m) => ['A', 'B', 'E'].map((p): Expected => ['C2', m, p, n(0), n(1)])),
      ['D1', '2024-04', 'X', n(0), n(1)],
      ['D1', '2024-05', 'X', n(1), n(1)],
    ],
  },
  // 3.6: paid online / (received − fees all zero), of fee-bearing A and B (X): d02's fee was 0
  index766_3_6: {
    from: '2024-03',
    to: '2024-06',
    rows: [
      ['C1', '2024-03', 'A', none, of('d10')],
      ['C1', '2024-04', 'A', of('d01'), of('d01', 'd03')],
      ['C1', '2024-04', 'B', of('d04'), of('d04', 'd05')],
      ['C1', '2024-05', 'A', none, of('d11')],
      ['C2', '2024-05', 'A', none, of(...ids('c', 1, 10))],
      ['D1', '2024-05', 'X', of('d20'), of('d20')],
    ],
  },
  // 4.1: paper-result procedures (B, F): d04 with an electronic result, d05 without; F: nothing finished
  index766_4_1: {
    from: '2024-03',
    to: '2024-06',
    rows: [['C1', '2024-04', 'B', of('d04'), of('d04', 'd05')]],
  },
  // 4.2: digitised and electronic result, of those with both reported: C2 4 of 5 (80 %)
  index766_4_2: {
    from: '2024-03',
    to: '2024-06',
    rows: [
      ['C1', '2024-04', 'A', of('d01'), of('d01', 'd02')],
      ['C1', '2024-04', 'B', of('d04'), of('d04', 'd05')],
      ['C1', '2024-05', 'A', of('d11'), of('d11')],
      ['C2', '2024-05', 'A', of(...ids('c', 1, 4)), of(...ids('c', 1, 5))],
      ['D1', '2024-05', 'X', of('d20'), of('d20')],
    ],
  },
  // 4.3: reused digitised data, of those reported (d03, d10, C, F, G and C2's not reported: no row)
  index766_4_3: {
    from: '2024-03',
    to: '2024-06',
    rows: [
      ['C1', '2024-04', 'A', of('d01'), of('d01', 'd02')],
      ['C1', '2024-04', 'B', of('d04'), of('d04', 'd05')],
      ['C1', '2024-05', 'A', of('d11'), of('d11')],
      ['D1', '2024-05', 'X', of('d20'), of('d20')],
    ],
  },
  // 4.4: from the data store (d01, d11, d20) or result synced to it (d02), of those whose from_data_store is
  // reported (d04's is not; d05 reported, neither)
  index766_4_4: {
    from: '2024-03',
    to: '2024-06',
    rows: [
      ['C1', '2024-04', 'A', of('d01', 'd02'), of('d01', 'd02')],
      ['C1', '2024-04', 'B', none, of('d05')],
      ['C1', '2024-05', 'A', of('d11'), of('d11')],
      ['D1', '2024-05', 'X', of('d20'), of('d20')],
    ],
  },
  // 4.5a: citizens' procedures A, B, F, G (X) with a dossier using population data: d01 (VNeID), d04 (population
  // code) in April, d11 (VNeID) in May, d20 (data store)
  index766_4_5a: {
    from: '2024-04',
    to: '2024-06',
    rows: [
      ...['A', 'B', 'F', 'G'].map((p): Expected => ['C1', '2024-04', p, n(p === 'A' || p === 'B' ? 1 : 0), n(1)]),
      ...['A', 'B', 'F', 'G'].map((p): Expected => ['C1', '2024-05', p, n(p === 'A' ? 1 : 0), n(1)]),
      ...['2024-04', '2024-05'].flatMap((m) => ['A', 'B', 'F', 'G'].map((p): Expected => ['C2', m, p, n(0), n(1)])),
      ['D1', '2024-04', 'X', n(0), n(1)],
      ['D1', '2024-05', 'X', n(1), n(1)],
    ],
  },
  // 4.5b: population data of all dossiers received
  index766_4_5b: {
    from: '2024-03',
    to: '2024-06',
    rows: [
      ['C1', '2024-03', 'A', none, of('d10')],
      ['C1', '2024-04', 'A', of('d01'), of('d01', 'd02', 'd03')],
      ['C1', '2024-04', 'B', of('d04'), of('d04', 'd05')],
      ['C1', '2024-04', 'C', none, of('d06', 'd07', 'd08')],
      ['C1', '2024-04', 'F', none, of('d09')],
      ['C1', '2024-05', 'A', of('d11'), of('d11')],
      ['C1', '2024-05', 'G', none, of('d12')],
      ['C2', '2024-05', 'A', none, of(...ids('c', 1, 10))],
      ['D1', '2024-05', 'X', of('d20'), of('d20')],
    ],
  },
  // 5.1: petitions about a procedure, of all; by the procedure they concern (staff petitions: NULL)
  index766_5_1: {
    from: '2024-03',
    to: '2024-06',
    rows: [
      ['C1', '2024-04', 'A', of('p01', 'p02', 'p07'), of('p01', 'p02', 'p07')],
      ['C1', '2024-04', 'B', of('p04', 'p05'), of('p04', 'p05')],
      ['C1', '2024-04', 'C', of('p08'), of('p08')],
      ['C1', '2024-04', null, none, of('p03')],
      ['C1', '2024-05', null, none, of('p06')],
    ],
  },
  // 5.2: handled by the deadline, or open with a deadline on or after the data date (p08: on it)
  index766_5_2: {
    from: '2024-03',
    to: '2024-06',
    rows: [
      ['C1', '2024-04', 'A', of('p01', 'p02'), of('p01', 'p02', 'p07')],
      ['C1', '2024-04', 'B', of('p04', 'p05'), of('p04', 'p05')],
      ['C1', '2024-04', 'C', of('p08'), of('p08')],
      ['C1', '2024-04', null, none, of('p03')],
      ['C1', '2024-05', null, of('p06'), of('p06')],
    ],
  },
  // 5.3: neither disliked (p02) nor repeated (p04) nor overdue (p03, p07)
  index766_5_3: {
    from: '2024-03',
    to: '2024-06',
    rows: [
      ['C1', '2024-04', 'A', of('p01'), of('p01', 'p02', 'p07')],
      ['C1', '2024-04', 'B', of('p05'), of('p04', 'p05')],
      ['C1', '2024-04', 'C', of('p08'), of('p08')],
      ['C1', '2024-04', null, none, of('p03')],
      ['C1', '2024-05', null, of('p06'), of('p06')],
    ],
  },
  // 5.4: on time minus (petition or dislike), of finished: A in April 3 − 1 (d02 disliked) of 4; B 1 − 1 (d04
  // petitioned) of 2; C2 9 − 0 of 10 (90 %)
  index766_5_4: {
    from: '2024-03',
    to: '2024-06',
    rows: [
      ['C1', '2024-04', 'A', of('d01', 'd02', 'd10'), of('d01', 'd02', 'd03', 'd10'), of('d02')],
      ['C1', '2024-04', 'B', of('d04'), of('d04', 'd05'), of('d04')],
      ['C1', '2024-05', 'A', of('d11'), of('d11'), none],
      ['C2', '2024-05', 'A', of(...ids('c', 1, 9)), of(...ids('c', 1, 10)), none],
      ['D1', '2024-05', 'X', of('d20'), of('d20'), none],
    ],
  },
};

// ---------------------------------------------------------------------------------------------------------------
// The store

const sqlValue = (v: Cell | undefined): string =>
  v === null || v === undefined ? 'NULL' : typeof v === 'string' ? `'${v.replaceAll("'", "''")}'` : String(v);

async function insert(conn: DuckDBConnection, table: string, columns: readonly string[], rows: Cell[][]) {
  const values = rows.map((r) => `(${r.map(sqlValue).join(', ')})`).join(',\n');
  await conn.run(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values}`);
}

function dossierRow(d: Dossier): Cell[] {
  const status = d.status ?? (d.res ? 'resolved' : 'received');
  return [
    ...[d.id, d.proc, d.unit ?? 'C1', d.rec, d.due, d.res ?? null, d.ch ?? 'counter', status],
    ...[d.eid ?? false, d.popReused ?? false, false, d.paid ?? false, false, true, false, d.sat ?? null],
    ...[d.re, d.cd, d.reused, d.from, d.rtds, d.sc, d.sd, d.fee, d.synced].map((v) => v ?? null),
  ];
}
const DOSSIER_COLUMNS = [
  ...['dossier_id', 'procedure_code', 'unit_id', 'received_at', 'due_at', 'resolved_at', 'channel', 'status'],
  ...['eid_authenticated', 'population_data_reused', 'result_digitised', 'paid_online', 'processed_online'],
  ...['applicant_had_eid', 'eid_enrolled_on_site', 'satisfaction', 'result_electronic', 'components_digitised'],
  ...['reused_digitised', 'from_data_store', 'result_to_data_store', 'supplement_count', 'supplement_days'],
  ...['fee_amount', 'synced_portal'],
];

let store: Store;
let conn: DuckDBConnection;

beforeAll(async () => {
  store = await openStore(':memory:');
  conn = store.connection;
  await conn.run(`UPDATE store_meta SET value = '${SECRET}' WHERE key = '${CELL_KEY_SECRET}'`);
  await fillWorkDays(conn); // a no-op when the store's opening filled it
  await insert(
    conn,
    'units',
    ['unit_id', 'code', 'name', 'level', 'parent_id', 'valid_from', 'is_base'],
    UNITS.map((u) => [u.unit_id, u.code, u.name, u.level, u.parent_id, '2008-08-01', u.is_base]),
  );
  await insert(conn, 'unit_members', ['group_id', 'member_id'], MEMBERS);
  await insert(
    conn,
    'procedures',
    [...P, 'name', 'field', 'due_days', 'population_management', 'full_online_eligible'],
    PROCEDURES.map((p) => [...p, `Thủ tục ${String(p[0])}`, 'other', 5, false, false]),
  );
  await insert(conn, 'dossiers', DOSSIER_COLUMNS, [...C1_DOSSIERS, ...C2_DOSSIERS].map(dossierRow));
  await insert(
    conn,
    'petitions',
    [
      ...['petition_id', 'kind', 'procedure_code', 'dossier_id', 'received_at', 'handled_at', 'outcome'],
      ...['disliked', 'repeated', 'unit_id', 'k'],
    ],
    PETITIONS.map((p) => [...p, 'C1', keyOf(String(p[0]))]),
  );
  await insert(
    conn,
    'datasets',
    ['kind', 'generated', 'source', 'data_date'],
    ['dossiers', 'petitions', 'procedures', 'units'].map((k) => [k, false, 'tests', DATA_DATE]),
  );
  await rebuildServiceMonth(conn, 'ALL');
});
afterAll(() => {
  conn?.closeSync();
  store?.instance.closeSync();
});

const month = (ym: string) => `${ym}-01`;
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const round = (v: number | null) => (v === null ? null : Math.round(v * 1e6) / 1e6);

async function run(def: IndicatorDef, from: string, to: string, units = ['D1', 'C1', 'C2']): Promise<Row[]> {
  const { values, types } = bindParams(def, { units, from: month(from), to: month(to) });
  const result = await conn.runAndReadAll(def.sql, values, types);
  return sortRows(
    (result.getRowObjectsJson() as Record<string, unknown>[]).map((r) => {
      const key = (v: unknown) => (v === null ? null : mod(Number(v)));
      const row: Row = {
        unit_id: String(r.unit_id),
        month: String(r.month),
        procedure_code: r.procedure_code === null ? null : String(r.procedure_code),
        numerator: round(num(r.numerator))!,
        denominator: round(num(r.denominator))!,
        numerator_key: key(r.numerator_key),
        denominator_key: key(r.denominator_key),
      };
      if ('numerator_minus' in r) {
        row.numerator_minus = num(r.numerator_minus)!;
        row.numerator_minus_key = key(r.numerator_minus_key);
      }
      return row;
    }),
  );
}

// ---------------------------------------------------------------------------------------------------------------

describe('queries/index766', () => {
  it('has a case here for every file, and every file is in the index766 domain', () => {
    const files = readdirSync('queries/index766').map((f) => f.replace(/\.sql$/, ''));
    expect(files.sort()).toEqual(Object.keys(CASES).sort());
    for (const id of files) expect(registry.indicators.get(id)?.domain).toBe('index766');
  });

  it('every statement prepares on the store and returns its columns, procedure_code last', async () => {
    await expect(checkRegistry(registry, conn)).resolves.toBeUndefined();
    for (const id of Object.keys(CASES)) {
      const def = registry.indicators.get(id)!;
      const { values, types } = bindParams(def, { units: ['C1'], from: '2024-04-01', to: '2024-04-01' });
      const names = (await conn.runAndReadAll(def.sql, values, types)).columnNames();
      expect([id, names.at(-1)]).toEqual([id, 'procedure_code']);
    }
  });

  it('headers: disclosure none and no keys for counts of procedures, rate for dossiers and petitions', () => {
    const procedureCounts = ['1_1', '1_2', '1_3', '3_1', '3_2', '3_5', '3_5b', '4_5a'].map((s) => `index766_${s}`);
    for (const id of Object.keys(CASES)) {
      const meta = registry.indicators.get(id)!.meta;
      expect([id, meta.disclosure]).toEqual([id, procedureCounts.includes(id) ? 'none' : 'rate']);
      expect([id, meta.unit, meta.scale, meta.direction]).toEqual(
        id === 'index766_2_2'
          ? [id, 'days', 1, 'lower']
          : [id, 'percent', 100, id === 'index766_5_1' ? 'none' : 'higher'],
      );
      expect([id, meta.units, meta.filters, meta.targets]).toEqual([id, 'sum', [], []]);
      expect(meta.source).toMatch(/^Decision 766\/QĐ-TTg/);
    }
  });
});

describe.each(Object.entries(CASES))('%s', (id, c) => {
  it(`returns the rows worked out by hand (${c.from}..${c.to})`, async () => {
    const def = registry.indicators.get(id)!;
    expect(await run(def, c.from, c.to)).toEqual(expectedRows(c.rows));
  });

  it('keeps to the scope $units and the months $from..$to (C1, its last month with rows)', async () => {
    const def = registry.indicators.get(id)!;
    const c1 = expectedRows(c.rows).filter((r) => r.unit_id === 'C1');
    const last = c1.at(-1)!.month;
    expect(await run(def, last.slice(0, 7), last.slice(0, 7), ['C1'])).toEqual(c1.filter((r) => r.month === last));
  });
});

describe('working-day deadlines', () => {
  it('work_days skips weekends and the 2024 holidays', async () => {
    const r = await conn.runAndReadAll(`SELECT strftime(day, '%m-%d') AS d FROM work_days
      WHERE day BETWEEN '2024-04-15' AND '2024-05-03' ORDER BY day`);
    expect(r.getRowObjectsJson().map((x) => x.d)).toEqual([
      '04-15',
      '04-16',
      '04-17',
      '04-19',
      '04-22',
      '04-23',
      '04-24',
      '04-25',
      '04-26',
      '05-02',
      '05-03',
    ]);
  });
});

describe('the roll-ups with the trailing procedure_code', () => {
  const sum = (...parts: Part[]): Part => ({
    n: parts.reduce((a, p) => a + p.n, 0),
    key: parts.some((p) => p.key === null) ? null : mod(parts.reduce((a, p) => a + p.key!, 0)),
  });

  async function compose(sql: string, def: IndicatorDef, groups: string[], from: string, to: string) {
    const { values, types } = bindParams(def, { units: ['D1', 'C1', 'C2'], from: month(from), to: month(to) });
    const result = await conn.runAndReadAll(
      sql,
      { ...values, groups: listValue(groups) },
      { ...types, groups: LIST(VARCHAR) },
    );
    return result.getRowObjectsJson() as Record<string, unknown>[];
  }
  const part = (r: Record<string, unknown>, c: string): Part => ({
    n: round(num(r[c]))!,
    key: r[`${c}_key`] === null ? null : mod(Number(r[`${c}_key`])),
  });

  it('composeKeyedSql sums the procedures of a unit-month (2.1 finished, D1 = D1 + C1 + C2)', async () => {
    const def = registry.indicators.get('index766_2_1_finished')!;
    const rows = await compose(composeKeyedSql(def), def, ['D1'], '2024-04', '2024-05');
    expect(rows.map((r) => [r.unit, r.month, part(r, 'numerator'), part(r, 'denominator')])).toEqual([
      ['D1', '2024-04-01', of('d01', 'd02', 'd10', 'd04'), of('d01', 'd02', 'd03', 'd10', 'd04', 'd05')],
      ['D1', '2024-05-01', of('d11', 'd20', ...ids('c', 1, 9)), of('d11', 'd20', ...ids('c', 1, 10))],
    ]);
  });

  it('composeProcedureSql: a flow summed over the months, by procedure, with its keys (2.1 finished)', async () => {
    const def = registry.indicators.get('index766_2_1_finished')!;
    const rows = await compose(composeProcedureSql(def), def, ['D1', 'C2'], '2024-03', '2024-05');
    const cols = (r: Record<string, unknown>) => [
      r.unit,
      r.procedure_code,
      part(r, 'numerator'),
      part(r, 'denominator'),
    ];
    expect(rows.map(cols)).toEqual([
      ['C2', 'A', of(...ids('c', 1, 9)), of(...ids('c', 1, 10))],
      [
        'D1',
        'A',
        of('d01', 'd02', 'd10', 'd11', ...ids('c', 1, 9)),
        of('d01', 'd02', 'd03', 'd10', 'd11', ...ids('c', 1, 10)),
      ],
      ['D1', 'B', of('d04'), of('d04', 'd05')],
      ['D1', 'X', of('d20'), of('d20')],
    ]);
  });

  it('composeProcedureSql: a stock at the last month (2.1 in progress), the fallback rows under NULL (1.4)', async () => {
    const open = registry.indicators.get('index766_2_1_open')!;
    const stock = await compose(composeProcedureSql(open), open, ['D1'], '2024-03', '2024-05');
    expect(stock.map((r) => [r.procedure_code, part(r, 'numerator'), part(r, 'denominator')])).toEqual([
      ['C', of('d07'), of('d06', 'd07', 'd08')],
      ['G', of('d12'), of('d12')],
    ]);
    const synced = registry.indicators.get('index766_1_4')!;
    const flow = await compose(composeProcedureSql(synced), synced, ['D1'], '2024-01', '2024-05');
    expect(flow.map((r) => [r.procedure_code, part(r, 'numerator'), part(r, 'denominator')])).toEqual([
      ['A', of('d10', 'd01', 'd02', 'd11'), of('d10', 'd01', 'd02', 'd03', 'd11')],
      ['B', of('d04'), of('d04')],
      ['X', of('d20'), of('d20')],
      [null, sum(none, none, none, none), n(8)],
    ]);
  });

  it('composeProcedureSql keeps the minus pair (5.4)', async () => {
    const def = registry.indicators.get('index766_5_4')!;
    const rows = await compose(composeProcedureSql(def), def, ['C1'], '2024-04', '2024-05');
    expect(
      rows.map((r) => [r.procedure_code, num(r.numerator), num(r.denominator), part(r, 'numerator_minus')]),
    ).toEqual([
      ['A', 3 - 1 + 1, 5, of('d02')],
      ['B', 0, 2, of('d04')],
    ]);
    expect(mod(Number(rows[0].numerator_key))).toBe(of('d01', 'd02', 'd10', 'd11').key);
  });
});

describe('the domain', () => {
  it("reads the dossiers' data date", () => {
    const info: StoreInfo = {
      dataVersion: 1,
      generated: false,
      dataDates: { people: '2024-06-30', dossiers: DATA_DATE, petitions: '2024-05-31' },
      datasets: [],
    };
    expect(domainDataDate(info, 'index766')).toBe(DATA_DATE);
  });
});
