// The national aggregate tables (data/pipeline/generate/national.ts): every commune's cells in the first month add
// up to its census 2019 total, read here from the census file on its own; every month's age bands, sexes and
// residences add up to the commune's total; the identity counts keep their nesting; and the importer accepts a
// sample of two provinces (units, lineage of 2025, population_counts), storing the census totals.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../data/pipeline/generate/csv-read.ts';
import {
  COUNT_COLUMNS,
  generateNational,
  MONTHS,
  NationalModel,
  nationalParams,
  readNationalCensus,
} from '../../data/pipeline/generate/national.ts';
import { importFolder } from '../../data/pipeline/import/index.ts';
import { openStore } from '../../data/pipeline/store.ts';

const CENSUS_FILE = new URL('../../data/reference/census2019/national/population_by_commune.csv', import.meta.url);
const tmp = mkdtempSync(join(tmpdir(), 'ioc06-national-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Census 2019 totals by base unit, straight from the file (an island district without communes: `<district>-0`). */
function censusTotals(): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of parseCsv(readFileSync(CENSUS_FILE, 'utf8'))) {
    const id = r.commune_code === '' ? `${r.district_code}-0` : r.commune_code;
    out.set(id, (out.get(id) ?? 0) + Number(r.pop_total));
  }
  return out;
}

const census = readNationalCensus();
const model = new NationalModel(census);
const POP = COUNT_COLUMNS.indexOf('population');
const col = (name: string) => COUNT_COLUMNS.indexOf(name);

describe('national generator', () => {
  it('gives every commune its census 2019 total in the first month (2022-01)', () => {
    const expected = censusTotals();
    const got = new Map<string, number>();
    for (const c of census.communes) {
      model.cells(c, 0, nationalParams(c), (f) => got.set(c.unitId, (got.get(c.unitId) ?? 0) + Number(f[POP])));
    }
    expect(got.size).toBe(expected.size);
    expect(got.size).toBe(11_165);
    const wrong = [...expected].filter(([id, n]) => got.get(id) !== n);
    expect(wrong).toEqual([]);
    expect([...got.values()].reduce((s, n) => s + n, 0)).toBe(96_208_984);
  });

  it('splits each month of a commune into ages, sexes and residences that add up to its total', () => {
    // a sample across the country: every 97th commune, a few months
    for (const c of census.communes.filter((_, i) => i % 97 === 0)) {
      const p = nationalParams(c);
      for (const m of [0, 1, 23, MONTHS - 1]) {
        const total = model.total(c, m);
        const bands = model.bands(c, m);
        expect(bands.reduce((s, n) => s + n, 0)).toBe(total);
        const byBand = new Array<number>(18).fill(0);
        model.cells(c, m, p, (f) => {
          byBand[Number(f[3]) / 5] += Number(f[POP]);
          const v = (name: string) => Number(f[col(name)]);
          // the importer's nesting (columns.ts COUNT_NESTING), checked here on every cell
          expect(v('card_age')).toBeLessThanOrEqual(v('population'));
          expect(v('with_chip_card')).toBeLessThanOrEqual(v('card_age'));
          expect(v('vneid_level2')).toBeLessThanOrEqual(v('vneid_level1'));
          expect(v('vneid_level1')).toBeLessThanOrEqual(v('vneid_requested'));
          expect(v('vneid_requested_level2')).toBeLessThanOrEqual(Math.min(v('vneid_requested'), v('vneid_level2')));
          expect(v('incomplete_records')).toBeLessThanOrEqual(v('population'));
        });
        expect(byBand).toEqual(bands);
      }
    }
  });

  it('grows the country month by month from the census', () => {
    const sum = (m: number) => census.communes.reduce((s, c) => s + model.total(c, m), 0);
    const first = sum(0);
    const last = sum(MONTHS - 1);
    expect(first).toBe(96_208_984);
    // the yearly growth of the facts file over 59 months, within rounding
    expect(last / first).toBeCloseTo(Math.pow(model.growth, 59 / 12), 4);
  });

  it('writes import folders the importer accepts, and the store holds the census totals', async () => {
    const provinces = ['48', '95']; // Đà Nẵng and Bạc Liêu, the two with fewest communes
    const s = generateNational({ outDir: tmp, provinces, months: 2 });
    const expected = censusTotals();
    const communes = census.communes.filter((c) => provinces.includes(c.provinceId));
    expect(s.communes).toBe(communes.length);
    expect(s.people2022).toBe(communes.reduce((n, c) => n + expected.get(c.unitId)!, 0));
    const { instance, connection } = await openStore(':memory:');
    try {
      for (const f of ['units', ...provinces.map((p) => `p${p}`)]) {
        const report = await importFolder(connection, join(tmp, f));
        expect(report.errors).toEqual([]);
        expect(report.ok).toBe(true);
      }
      const rows = (
        await connection.runAndReadAll(
          `SELECT unit_id, sum(population)::INTEGER AS n FROM pop_month WHERE month = DATE '2022-01-01' GROUP BY 1`,
        )
      ).getRowObjectsJson();
      expect(rows.length).toBe(communes.length);
      for (const r of rows) expect(Number(r.n)).toBe(expected.get(String(r.unit_id)));
      // each province is made of its communes; the 2025-07 units of the sample have members through lineage
      const members = (
        await connection.runAndReadAll(
          `SELECT group_id, count(*)::INTEGER AS n FROM unit_members m JOIN units u ON u.unit_id = m.member_id
          WHERE u.level = 'commune' AND u.is_base AND group_id IN ('48', '95', '48@2025-07') GROUP BY 1 ORDER BY 1`,
        )
      ).getRowObjectsJson();
      const count = (p: string) => communes.filter((c) => c.provinceId === p).length;
      expect(members.find((m) => m.group_id === '48')?.n).toBe(count('48'));
      expect(members.find((m) => m.group_id === '95')?.n).toBe(count('95'));
      expect(Number(members.find((m) => m.group_id === '48@2025-07')?.n)).toBeGreaterThan(0);
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  }, 60_000);
});
