// The administrative units of a demo universe: Nam Sách district (19 base communes, the district,
// the province, and the units of 2025 with their lineage), the whole Hải Dương province (benchmark), or Hồ Chí Minh
// City as merged in 2025 (the largest province, universe-hcmc.ts).
import type { Facts } from '../facts.ts';
import { Rng } from './prng.ts';
import { nameEn, readGeojson, type Feature } from './reference.ts';
import { buildHcmc } from './universe-hcmc.ts';

export type UniverseName = 'nam-sach' | 'hai-duong' | 'hcmc';
export const UNIVERSES: readonly UniverseName[] = ['nam-sach', 'hai-duong', 'hcmc'];

export interface UnitRow {
  unit_id: string;
  code: string;
  name: string;
  name_en: string;
  level: 'province' | 'district' | 'commune';
  parent_id: string | null;
  valid_from: string;
  valid_to: string | null;
  area_km2: number | null;
  is_base: boolean;
  geometry: unknown;
}

export interface LineageRow {
  from_unit_id: string;
  to_unit_id: string;
  effective_on: string;
  kind: 'kept' | 'merged' | 'split' | 'transferred';
  share: number;
}

/** A base commune and what the population model needs about it. */
export interface Commune {
  unitId: string;
  name: string;
  districtId: string;
  popUrban: number; // census 1/4/2019
  popRural: number;
  households: number;
  /** Seeded digital maturity in [0, 1): shifts every adoption share of the commune. */
  maturity: number;
  /** One of the few communes that meet the 2022 data targets (chip cards, records, e-ID requests). */
  champion: boolean;
}

export interface Universe {
  name: UniverseName;
  units: UnitRow[];
  lineage: LineageRow[];
  communes: Commune[];
  districts: { unitId: string; communes: Commune[] }[];
  /** Demography facts that replace the province's (data/pipeline/facts.ts) for this universe, e.g. its growth. */
  facts?: Partial<Facts>;
  /** The census 2019 district age table of the universe (relative to data/reference; default Hải Dương's). */
  agesFile?: string;
}

const str = (v: string | number | null | undefined) => (v === null || v === undefined ? '' : String(v));
const num = (v: unknown) => Number(v ?? 0);

function province30(): UnitRow {
  const f = readGeojson('boundaries/vietnam_provinces_63_2008-2025.geojson').find(
    (x) => x.properties.province_code === '30',
  );
  if (!f) throw new Error('province 30 missing from vietnam_provinces_63_2008-2025.geojson');
  const districts = readGeojson('boundaries/hai_duong_districts_2020-2025.geojson');
  const area = Math.round(districts.reduce((s, d) => s + num(d.properties.area_km2), 0) * 10) / 10;
  return {
    unit_id: '30',
    code: '30',
    name: 'Tỉnh Hải Dương',
    name_en: 'Hai Duong',
    level: 'province',
    parent_id: null,
    valid_from: '2008-01-01',
    valid_to: '2025-06-30',
    area_km2: area,
    is_base: false,
    geometry: f.geometry,
  };
}

function district(code: string, name: string): UnitRow {
  const f = readGeojson('boundaries/hai_duong_districts_2020-2025.geojson').find(
    (x) => x.properties.district_code === code,
  );
  return {
    unit_id: code,
    code,
    name,
    name_en: nameEn(name),
    level: 'district',
    parent_id: '30',
    valid_from: '2008-01-01',
    valid_to: '2025-06-30',
    area_km2: f ? num(f.properties.area_km2) : null,
    is_base: true,
    geometry: f?.geometry ?? null,
  };
}

function baseCommune(f: Feature): UnitRow {
  const p = f.properties;
  return {
    unit_id: str(p.commune_code_2019),
    code: str(p.commune_code_2019),
    name: str(p.commune_2019),
    name_en: str(p.commune_en),
    level: 'commune',
    parent_id: str(p.district_code_2019),
    valid_from: '2008-01-01',
    valid_to: '2024-12-31',
    area_km2: num(p.area_km2),
    is_base: true,
    geometry: f.geometry,
  };
}

/** Seeded maturity for every commune; the top tenth (at least one) are the champions. */
function communesOf(features: Feature[], seed: number): Commune[] {
  const communes = features.map((f): Commune => {
    const p = f.properties;
    const unitId = str(p.commune_code_2019);
    return {
      unitId,
      name: str(p.commune_2019),
      districtId: str(p.district_code_2019),
      popUrban: num(p.census2019_pop_urban),
      popRural: num(p.census2019_pop_rural),
      households: num(p.census2019_households),
      maturity: new Rng(seed, 'maturity', unitId).next(),
      champion: false,
    };
  });
  markChampions(communes);
  return communes;
}

/** The top tenth of the communes by maturity (at least one) are the champions. */
export function markChampions(communes: Commune[]): void {
  const champions = Math.max(1, Math.round(communes.length / 10));
  [...communes]
    .sort((a, b) => b.maturity - a.maturity)
    .slice(0, champions)
    .forEach((c) => (c.champion = true));
}

/** Units of 2025: the 15 of 2025-01 (NQ 1318) and the 5 of 2025-07 in Hải Phòng (NQ 1669), with lineage. */
function units2025(base: Feature[]): { units: UnitRow[]; lineage: LineageRow[] } {
  const units: UnitRow[] = [
    {
      unit_id: '31@2025-07',
      code: '31',
      name: 'Thành phố Hải Phòng',
      name_en: 'Hai Phong',
      level: 'province',
      parent_id: null,
      valid_from: '2025-07-01',
      valid_to: null,
      area_km2: null,
      is_base: false,
      geometry: null,
    },
  ];
  const lineage: LineageRow[] = [];
  for (const f of readGeojson('boundaries/nam_sach_communes_2025-01.geojson')) {
    const p = f.properties;
    const code = str(p.commune_code_2025_01);
    units.push({
      unit_id: `${code}@2025-01`,
      code,
      name: str(p.commune_2025_01),
      name_en: nameEn(str(p.commune_2025_01)),
      level: 'commune',
      parent_id: '291',
      valid_from: '2025-01-01',
      valid_to: '2025-06-30',
      area_km2: num(p.area_km2),
      is_base: false,
      geometry: f.geometry,
    });
  }
  for (const f of readGeojson('boundaries/nam_sach_communes_2025-07_approx.geojson')) {
    const p = f.properties;
    const code = str(p.commune_code_2025_07);
    units.push({
      unit_id: `${code}@2025-07`,
      code,
      name: str(p.commune_2025_07),
      name_en: nameEn(str(p.commune_2025_07)),
      level: 'commune',
      parent_id: '31@2025-07',
      valid_from: '2025-07-01',
      valid_to: null,
      area_km2: num(p.area_km2),
      is_base: false,
      geometry: f.geometry,
    });
  }
  const to202507 = new Map<string, string>();
  for (const f of base) {
    const p = f.properties;
    const from = str(p.commune_code_2019);
    const to = str(p.commune_code_2025_01);
    lineage.push({
      from_unit_id: from,
      to_unit_id: `${to}@2025-01`,
      effective_on: '2025-01-01',
      kind: str(p.status_2025_01) === 'kept' ? 'kept' : 'merged',
      share: 1,
    });
    // Cộng Hòa (10639) was split three ways by NQ 1669; the shipped 2025-07 geometry puts it whole into An Phú (10645).
    const codes07 = str(p.commune_code_2025_07).split(';');
    to202507.set(to, codes07.includes('10645') && codes07.length > 1 ? '10645' : codes07[0]);
  }
  for (const [code01, code07] of [...to202507].sort()) {
    lineage.push({
      from_unit_id: `${code01}@2025-01`,
      to_unit_id: `${code07}@2025-07`,
      effective_on: '2025-07-01',
      kind: code01 === code07 ? 'kept' : 'merged',
      share: 1,
    });
  }
  lineage.push({ from_unit_id: '30', to_unit_id: '31@2025-07', effective_on: '2025-07-01', kind: 'merged', share: 1 });
  return { units, lineage };
}

export function buildUniverse(name: UniverseName, seed: number): Universe {
  if (name === 'hcmc') return buildHcmc(seed);
  const file =
    name === 'nam-sach'
      ? 'boundaries/nam_sach_communes_2008-2024.geojson'
      : 'boundaries/hai_duong_communes_2008-2019.geojson';
  const base = readGeojson(file);
  const communes = communesOf(base, seed);
  const districtNames = new Map<string, string>();
  for (const f of base) districtNames.set(str(f.properties.district_code_2019), str(f.properties.district_2019));
  const units: UnitRow[] = [province30()];
  for (const [code, dname] of [...districtNames].sort()) units.push(district(code, dname));
  units.push(...base.map(baseCommune));
  let lineage: LineageRow[] = [];
  if (name === 'nam-sach') {
    const later = units2025(base);
    units.push(...later.units);
    lineage = later.lineage;
  }
  const districts = [...districtNames.keys()]
    .sort()
    .map((unitId) => ({ unitId, communes: communes.filter((c) => c.districtId === unitId) }));
  return { name, units, lineage, communes, districts };
}
