// The 'hcmc' universe (data/pipeline/generate/universe-hcmc.ts) against the shipped reference tables read here
// independently: its base communes are the census 2019 communes of provinces 79, 74 and 77 (population summed
// from the census file), its 2025-07 communes are the 168 of the new city (the 2025-07 list), every base commune
// leads to the targets the official crosswalk gives (itself or the survivor it was merged into), a split gives
// equal shares summing to 1, and the importer's unit_members count every base commune once in the 2025-07 units.
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateDemo } from '../../data/pipeline/generate/index.ts';
import { areaKm2, multiPolygon } from '../../data/pipeline/generate/universe-hcmc.ts';
import { buildUniverse } from '../../data/pipeline/generate/universe.ts';
import { writeLineage, writeUnits } from '../../data/pipeline/generate/units-files.ts';
import { importFolder } from '../../data/pipeline/import/index.ts';
import { closeStore, openStore } from '../../data/pipeline/store.ts';

const REF = join('data', 'reference');
/** A reference CSV (no quoted fields in these files) as rows of named fields. */
function rows(relative: string): Record<string, string>[] {
  const [head, ...lines] = readFileSync(join(REF, relative), 'utf8').trim().split(/\r?\n/);
  const names = head.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [names[i], v])));
}

const u = buildUniverse('hcmc', 20220330);
const OLD = new Set(['79', '74', '77']);
const census = rows('census2019/national/population_by_commune.csv').filter((r) => OLD.has(r.province_code));
const list2025 = rows('units/admin_units_2025-03-01_63prov_3level.csv').filter((r) => OLD.has(r.province_code));
const crosswalk = rows('units/crosswalk_2025-03-01_to_2025-07-01_communes.csv').filter((r) =>
  OLD.has(r.old_province_code),
);
const list2507 = rows('units/admin_units_2025-07-01_34prov_2level.csv').filter((r) => r.province_code === '79');
const DIR = join('tests', '.tmp', `universe-hcmc-${process.pid}`);
afterAll(() => rmSync(DIR, { recursive: true, force: true }));

describe('hcmc universe', () => {
  it('has the census communes of provinces 79, 74, 77 as base units, under their 41 districts', () => {
    expect(new Set(census.map((r) => r.province_code))).toEqual(new Set(['79', '74', '77']));
    const base = u.units.filter((x) => x.level === 'commune' && x.is_base);
    expect(base).toHaveLength(census.length);
    expect(census.length).toBe(496);
    const districts = new Set(census.map((r) => r.district_code));
    expect(u.units.filter((x) => x.level === 'district').map((x) => x.unit_id)).toEqual([...districts].sort());
    expect(districts.size).toBe(41);
    const pop = census.reduce((s, r) => s + Number(r.pop_total), 0);
    expect(pop).toBe(12_567_956);
    expect(u.communes.reduce((s, c) => s + c.popUrban + c.popRural, 0)).toBe(pop);
    expect(u.facts?.pop2019).toBe(pop);
    expect(u.facts?.pop2024).toBe(14_000_000);
    // the census' one district without communes (Côn Đảo, 755) is one base unit
    const conDao = u.communes.find((c) => c.districtId === '755')!;
    expect(conDao.unitId).toBe('26732');
    expect(conDao.popRural).toBe(8827);
  });

  it('has the 168 communes of 2025-07 as later units of the city, reached from the base communes', () => {
    const later = u.units.filter((x) => x.unit_id.endsWith('@2025-07'));
    expect(list2507).toHaveLength(168);
    expect(later.map((x) => x.code).sort()).toEqual(list2507.map((r) => r.commune_code).sort());
    expect(later.every((x) => !x.is_base && x.parent_id === '79' && x.valid_from === '2025-07-01')).toBe(true);
    const reached = new Set(u.lineage.map((l) => l.to_unit_id));
    expect(later.filter((x) => !reached.has(x.unit_id)).map((x) => x.name)).toEqual([]);
  });

  it('follows the crosswalk: targets of a listed commune, equal shares of a split summing to 1', () => {
    const targets = new Map<string, string[]>();
    for (const r of crosswalk)
      targets.set(r.old_commune_code, [...(targets.get(r.old_commune_code) ?? []), r.new_commune_code]);
    const listed = new Set(list2025.map((r) => r.commune_code));
    const byFrom = new Map<string, { to: string; share: number; kind: string }[]>();
    for (const l of u.lineage)
      byFrom.set(l.from_unit_id, [
        ...(byFrom.get(l.from_unit_id) ?? []),
        { to: l.to_unit_id, share: l.share, kind: l.kind },
      ]);
    let splits = 0;
    for (const r of census.filter((x) => listed.has(x.commune_code))) {
      const got = byFrom.get(r.commune_code)!;
      const want = targets.get(r.commune_code)!;
      expect(got.map((g) => g.to).sort()).toEqual(want.map((c) => `${c}@2025-07`).sort());
      expect(got.reduce((s, g) => s + g.share, 0)).toBeCloseTo(1, 12);
      if (want.length > 1) {
        splits++;
        expect(got.every((g) => g.kind === 'split' && Math.abs(g.share - 1 / want.length) < 1e-12)).toBe(true);
      }
    }
    const splitCodes = new Set(
      crosswalk.filter((r) => Number(r['n_targets(>1 means split)']) > 1).map((r) => r.old_commune_code),
    );
    expect(splits).toBe(census.filter((r) => splitCodes.has(r.commune_code)).length);
    expect(splits).toBeGreaterThan(40);
    // a commune merged away before 2025-03 goes where a survivor of its own 2019 district goes
    const districtOf = new Map(census.map((r) => [r.commune_code, r.district_code]));
    const gone = census.filter((r) => r.commune_code && !listed.has(r.commune_code));
    expect(gone).toHaveLength(54);
    for (const r of gone) {
      const to = byFrom
        .get(r.commune_code)!
        .map((g) => g.to)
        .sort()
        .join();
      const same = [...targets].filter(
        ([old, ts]) =>
          districtOf.get(old) === r.district_code &&
          ts
            .map((t) => `${t}@2025-07`)
            .sort()
            .join() === to,
      );
      expect(same.length, r.commune).toBeGreaterThan(0);
    }
  });

  it('has polygons where the national layer had the code, and a plausible area for the city', () => {
    const withGeometry = u.units.filter((x) => x.level === 'commune' && x.is_base && x.geometry !== null);
    expect(withGeometry.length).toBeGreaterThan(400);
    // the merged city: about 6,772 km² (2,095 + 2,695 + 1,982 published; the shipped layer is ~100 m coarse)
    const area = u.units.find((x) => x.unit_id === '79')!.area_km2!;
    expect(area).toBeGreaterThan(6_000);
    expect(area).toBeLessThan(7_500);
    // a 1 km × 1 km square at 10.8° N, measured independently: 1 km = 1/111.195° of latitude
    const d = 1 / 111.195;
    const k = Math.cos((10.8 * Math.PI) / 180);
    const square = {
      type: 'Polygon',
      coordinates: [
        [
          [106, 10.8],
          [106 + d / k, 10.8],
          [106 + d / k, 10.8 + d],
          [106, 10.8 + d],
          [106, 10.8],
        ],
      ],
    };
    expect(areaKm2(square)).toBeCloseTo(1, 2);
    expect(multiPolygon([square, null, square])).toEqual({
      type: 'MultiPolygon',
      coordinates: [square.coordinates, square.coordinates],
    });
  });

  it('imports: every base commune counted once in the 2025-07 communes, the city holding all base units', async () => {
    mkdirSync(DIR, { recursive: true });
    writeUnits(join(DIR, 'units.geojson'), u);
    writeLineage(join(DIR, 'lineage.csv'), u);
    const store = await openStore(':memory:');
    try {
      const report = await importFolder(store.connection, DIR);
      expect(report.errors).toEqual([]);
      const one = async (sql: string) => (await store.connection.runAndReadAll(sql)).getRowObjectsJson()[0];
      const r = await one(`SELECT
        (SELECT count(*) FROM unit_members m JOIN units b ON b.unit_id = m.member_id AND b.is_base
          AND b.level = 'commune' WHERE m.group_id LIKE '%@2025-07')::INTEGER AS in_wards,
        (SELECT count(DISTINCT m.member_id) FROM unit_members m JOIN units b ON b.unit_id = m.member_id AND b.is_base
          AND b.level = 'commune' WHERE m.group_id LIKE '%@2025-07')::INTEGER AS distinct_in_wards,
        (SELECT count(*) FROM unit_members m JOIN units b ON b.unit_id = m.member_id AND b.is_base
          WHERE m.group_id = '79')::INTEGER AS in_city`);
      expect(r).toEqual({ in_wards: 496, distinct_in_wards: 496, in_city: 496 + 41 });
    } finally {
      closeStore(store);
    }
  });

  it('generates people from the census grown to 14.0 M in 2024 (one district, two months)', async () => {
    const out = join(DIR, 'gen');
    const s = await generateDemo({
      outDir: out,
      universe: 'hcmc',
      start: '2024-04-01',
      end: '2024-05-31',
      districts: 1,
    });
    const district = u.districts[0];
    const pop = district.communes.reduce((x, c) => x + c.popUrban + c.popRural, 0);
    // on 1/4/2024 the growth is (14.0 M / census) over exactly five years: the stock is the census × 14.0/12.57
    const want = pop * (14_000_000 / 12_567_956);
    expect(Math.abs(s.population_start - want) / want).toBeLessThan(0.001);
    expect(s.communes).toBe(district.communes.length);
    expect(s.units).toBe(1 + 41 + 496 + 168);
  });
});
