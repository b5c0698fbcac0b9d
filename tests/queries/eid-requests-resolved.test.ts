// pct_eid_requests_resolved (C01) from person records to the indicator: records written as an import file, loaded
// by the importer, the SQL file run on the store, and compared with the definition computed person by person
// (reference.ts). Some records hold VNeID level 2 without a request date, as the import format allows; they are
// in no part of the rate, which counting every level-2 holder would put above the truth (above 100 % in 10606).
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFolder } from '../../data/pipeline/import/index.ts';
import type { Store } from '../../data/pipeline/store.ts';
import { bindParams, loadRegistry, type FilterValues, type IndicatorDef } from '../../server/registry/index.ts';
import { folder, memoryStore, NOW } from '../fixtures/import/helpers.ts';
import { eidRequestsResolvedFromRecords, type PersonRecord, type Query, type ReferenceRow } from './reference.ts';

const UNITS = ['10606', '10633', '10636'];
const ALL: Query = { units: UNITS, from: '2022-01-01', to: '2022-06-01', filters: {} };

/** mulberry32, so that the records are the same on every run. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n) };
}

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const between = (r: ReturnType<typeof random>, from: string, to: string) => {
  const a = Date.parse(from);
  return iso(a + r.int((Date.parse(to) - a) / DAY + 1) * DAY);
};
const later = (r: ReturnType<typeof random>, d: string, days: number) => iso(Date.parse(d) + r.int(days + 1) * DAY);

/** 400 residents of 10633 and 10636; about one level-2 holder in ten never asked (no request date). */
function records(): PersonRecord[] {
  const r = random(13);
  const people: PersonRecord[] = [];
  for (let i = 0; i < 400; i++) {
    const birth = between(r, '1935-01-01', '2007-12-31');
    const p: PersonRecord = {
      unit_id: i % 2 === 0 ? '10633' : '10636',
      sex: r.next() < 0.5 ? 'M' : 'F',
      birth_date: birth,
      residence_type: r.next() < 0.8 ? 'permanent' : 'temporary',
      vneid_requested_on: '',
      vneid_level2_on: '',
      moved_in_on: r.next() < 0.1 ? between(r, '2022-01-01', '2022-06-30') : '',
      moved_out_on: '',
      died_on: '',
    };
    const u = r.next();
    if (u < 0.6) {
      p.vneid_requested_on = between(r, '2021-07-01', '2022-06-30');
      if (r.next() < 0.7) p.vneid_level2_on = later(r, p.vneid_requested_on, 60);
    } else if (u < 0.66) p.vneid_level2_on = between(r, '2021-09-01', '2022-06-30'); // at the card counter, never asked
    if (r.next() < 0.06) p[r.next() < 0.5 ? 'moved_out_on' : 'died_on'] = later(r, p.moved_in_on || '2022-01-01', 170);
    people.push(p);
  }
  // A small commune: two requests, one resolved, and three level-2 holders who never asked.
  const small = (requested: string, level2: string): PersonRecord => ({
    ...people[0],
    unit_id: '10606',
    moved_in_on: '',
    moved_out_on: '',
    died_on: '',
    vneid_requested_on: requested,
    vneid_level2_on: level2,
  });
  people.push(small('2022-01-10', '2022-02-01'), small('2022-01-20', ''));
  people.push(small('', '2021-12-01'), small('', '2022-01-15'), small('', '2022-03-03'));
  return people;
}

const PEOPLE = records();
const HEADER = [
  'person_key',
  'unit_id',
  'sex',
  'birth_date',
  'residence_type',
  'has_personal_id',
  'vneid_requested_on',
  'vneid_level1_on',
  'vneid_level2_on',
  'moved_in_on',
  'moved_out_on',
  'died_on',
];
const csvLine = (p: PersonRecord, i: number) =>
  [
    `k${i}`,
    p.unit_id,
    p.sex,
    p.birth_date,
    p.residence_type,
    'true',
    p.vneid_requested_on,
    p.vneid_level2_on,
    p.vneid_level2_on,
    p.moved_in_on,
    p.moved_out_on,
    p.died_on,
  ].join(',');

const tmp = mkdtempSync(join(tmpdir(), 'ioc06-c01-'));
let store: Store;
let def: IndicatorDef;

beforeAll(async () => {
  copyFileSync(join(folder('good'), 'units.csv'), join(tmp, 'units.csv'));
  writeFileSync(join(tmp, 'people.csv'), [HEADER.join(','), ...PEOPLE.map(csvLine)].join('\n') + '\n');
  store = await memoryStore();
  const report = await importFolder(store.connection, tmp, { now: NOW, dataDate: '2022-06-30' });
  expect(report.errors).toEqual([]);
  def = (await loadRegistry('queries')).indicators.get('pct_eid_requests_resolved')!;
});
afterAll(() => {
  store?.instance.closeSync();
  rmSync(tmp, { recursive: true, force: true });
});

async function fromSql(filters: FilterValues): Promise<ReferenceRow[]> {
  const { values, types } = bindParams(def, { ...ALL, filters });
  const reader = await store.connection.runAndReadAll(def.sql, values, types);
  return sorted(reader.getRowObjectsJson() as unknown as ReferenceRow[]);
}

/** The rows' numerator and denominator (the statement's key columns are tested in cell-key-columns.test.ts). */
const sorted = (rows: ReferenceRow[]) =>
  rows
    .map((r) => ({
      unit_id: r.unit_id,
      month: String(r.month),
      numerator: Number(r.numerator),
      denominator: Number(r.denominator),
    }))
    .sort((a, b) => `${a.unit_id}|${a.month}`.localeCompare(`${b.unit_id}|${b.month}`));

describe('pct_eid_requests_resolved on person records', () => {
  it('the records hold level-2 holders without a request, enough to change the rate', () => {
    const end = '2022-06-30';
    const level2 = PEOPLE.filter((p) => p.vneid_level2_on !== '' && p.vneid_level2_on <= end);
    const unasked = level2.filter((p) => p.vneid_requested_on === '');
    expect(unasked.length / level2.length).toBeGreaterThan(0.05);
  });

  it.each<[string, FilterValues]>([
    ['no filter', {}],
    ['sex=F', { sex: 'F' }],
    ['residence=temporary', { residence: 'temporary' }],
    ['age band 15–60', { age_min: 15, age_max: 60 }],
  ])('equals the definition computed from the records: %s', async (_, filters) => {
    const expected = sorted(eidRequestsResolvedFromRecords(PEOPLE, { ...ALL, filters }));
    expect(expected.length).toBeGreaterThan(6);
    expect(await fromSql(filters)).toEqual(expected);
  });

  it('never passes 100 %, also in the small commune where level-2 holders outnumber the requests', async () => {
    const rows = await fromSql({});
    for (const r of rows) expect(r.numerator).toBeLessThanOrEqual(r.denominator!);
    expect(rows.filter((r) => r.unit_id === '10606').map((r) => [r.month, r.numerator, r.denominator])).toEqual([
      ['2022-01-01', 0, 2],
      ['2022-02-01', 1, 2],
      ['2022-03-01', 1, 2],
      ['2022-04-01', 1, 2],
      ['2022-05-01', 1, 2],
      ['2022-06-01', 1, 2],
    ]);
  });
});
