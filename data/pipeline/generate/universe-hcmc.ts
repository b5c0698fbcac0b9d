// The 'hcmc' universe: Hồ Chí Minh City as merged on 1/7/2025 (old HCMC 79 + Bình Dương 74 + Bà Rịa–Vũng Tàu 77),
// the benchmark of the largest province on one machine (issue 18). Base units are the communes of the census of
// 1/4/2019 (496, with their polygons from the national 2008–2016 layer where the code matched: 413) under their 41
// districts; the 168 communes of 2025-07 are later units reached by lineage (docs/scaling-hcmc.md, "decisions"):
// - 2019 → 2025-03: a commune still in the 2025-03 list is itself; one that was merged away between 2019 and 2025
//   (55 communes, 0.67 M people) goes to the nearest surviving commune of its 2019 district (centroids of the
//   polygons), or to the district's most populous survivor when a polygon is missing;
// - 2025-03 → 2025-07: the official crosswalk; an old commune split between n new ones gets share 1/n towards each
//   (the files give no areas or populations of the parts), so the importer counts it whole in the lowest code;
// - Côn Đảo district had no communes in 2019: one base unit 26732 (the code of Đặc khu Côn Đảo) stands for it.
// People: census 2019 grown to 14.0 M on 1/4/2024 (the merged city's figure given by issue 18) at a constant rate.
import type { Facts } from '../facts.ts';
import { Rng } from './prng.ts';
import { nameEn, readCsvRows, readGeojson, type Feature } from './reference.ts';
import { markChampions, type Commune, type LineageRow, type UnitRow, type Universe } from './universe.ts';

export const HCMC_PROVINCE = '79';
/** Old provinces merged into the new city on 1/7/2025. */
export const HCMC_OLD_PROVINCES = ['79', '74', '77'];
/** Population of the merged city on 1/4/2024 that the census is grown to (issue 18: ~14 M). */
export const HCMC_POP_2024 = 14_000_000;
export const HCMC_AGES_FILE = 'census2019/national/population_by_district_age5_urban_rural.csv';
const CON_DAO = { district: '755', unit: '26732' };
/** The rows of the three old provinces in a whole-country reference table (column province_code). */
const ofCity = (rows: Record<string, string>[]) => rows.filter((r) => HCMC_OLD_PROVINCES.includes(r.province_code));

type Ring = [number, number][];
type Coords = Ring[][]; // a MultiPolygon's coordinates

function polygons(geometry: unknown): Coords {
  const g = geometry as { type?: string; coordinates?: unknown } | null;
  if (!g || !g.coordinates) return [];
  if (g.type === 'Polygon') return [g.coordinates as Ring[]];
  if (g.type === 'MultiPolygon') return g.coordinates as Coords;
  return [];
}

/** The parts of several geometries as one MultiPolygon (no dissolve: inner borders stay), null when none. */
export function multiPolygon(geometries: unknown[]): unknown {
  const coordinates = geometries.flatMap(polygons);
  return coordinates.length > 0 ? { type: 'MultiPolygon', coordinates } : null;
}

/** Area in km² of a (Multi)Polygon on a local equirectangular projection: good to ~0.5 % at these latitudes. */
export function areaKm2(geometry: unknown): number | null {
  const parts = polygons(geometry);
  if (parts.length === 0) return null;
  let total = 0;
  for (const poly of parts)
    poly.forEach((ring, i) => {
      let s = 0;
      const k = Math.cos((ring[0][1] * Math.PI) / 180);
      for (let j = 0; j < ring.length - 1; j++) s += ring[j][0] * k * ring[j + 1][1] - ring[j + 1][0] * k * ring[j][1];
      total += (i === 0 ? 1 : -1) * Math.abs(s / 2);
    });
  const degKm = 111.195;
  return Math.round(total * degKm * degKm * 1000) / 1000;
}

function centroid(geometry: unknown): [number, number] | null {
  const ring = polygons(geometry)[0]?.[0];
  if (!ring) return null;
  const n = ring.length - 1 || 1;
  let x = 0;
  let y = 0;
  for (let i = 0; i < n; i++) [x, y] = [x + ring[i][0], y + ring[i][1]];
  return [x / n, y / n];
}

interface CensusCommune {
  code: string;
  district: string;
  districtName: string;
  name: string;
  urban: number;
  rural: number;
  households: number;
  geometry: unknown;
}

function census(): CensusCommune[] {
  const hh = new Map<string, number>();
  for (const r of ofCity(readCsvRows('census2019/national/households_by_commune.csv')))
    hh.set(r.commune_code || r.district_code, Number(r.hh_total || 0));
  const geo = new Map<string, Feature>();
  for (const f of readGeojson('boundaries/vietnam_communes_2008-2016.geojson'))
    if (f.properties.commune_code && HCMC_OLD_PROVINCES.includes(String(f.properties.province_code)))
      geo.set(String(f.properties.commune_code), f);
  return ofCity(readCsvRows('census2019/national/population_by_commune.csv')).map((r) => {
    const code = r.commune_code || (r.district_code === CON_DAO.district ? CON_DAO.unit : '');
    if (!code) throw new Error(`census row without a commune code: ${r.district}`);
    return {
      code,
      district: r.district_code,
      districtName: r.district,
      name: r.commune,
      urban: Number(r.pop_urban || 0),
      rural: Number(r.pop_rural || 0),
      households: hh.get(r.commune_code || r.district_code) ?? 0,
      geometry: geo.get(code)?.geometry ?? null,
    };
  });
}

/** The 2025-03 commune each census commune had become (itself, or the survivor it was merged into). */
export function survivors(communes: CensusCommune[], listed: Set<string>): Map<string, string> {
  const out = new Map<string, string>();
  const alive = communes.filter((c) => listed.has(c.code));
  for (const c of communes) {
    if (listed.has(c.code) || c.code === CON_DAO.unit) {
      out.set(c.code, c.code);
      continue;
    }
    const inDistrict = alive.filter((a) => a.district === c.district);
    const candidates = inDistrict.length > 0 ? inDistrict : alive;
    const at = centroid(c.geometry);
    let best = candidates[0];
    let bestScore = Infinity;
    for (const a of candidates) {
      const ac = centroid(a.geometry);
      // nearest centroid; without polygons, the most populous survivor (a score below every distance)
      const score = at && ac ? Math.hypot(at[0] - ac[0], at[1] - ac[1]) : 1e6 - (a.urban + a.rural) / 1e7;
      if (score < bestScore) [best, bestScore] = [a, score];
    }
    out.set(c.code, best.code);
  }
  return out;
}

export function buildHcmc(seed: number): Universe & { facts: Partial<Facts>; agesFile: string } {
  const base = census();
  const listed = new Set(
    ofCity(readCsvRows('units/admin_units_2025-03-01_63prov_3level.csv')).map((r) => r.commune_code),
  );
  const survivorOf = survivors(base, listed);
  // 2025-03 commune → its 2025-07 targets (crosswalk); Côn Đảo from the 2025-07 list
  const targets = new Map<string, string[]>();
  const crosswalk = readCsvRows('units/crosswalk_2025-03-01_to_2025-07-01_communes.csv');
  for (const r of crosswalk.filter((x) => HCMC_OLD_PROVINCES.includes(x.old_province_code))) {
    if (r.new_province_code !== HCMC_PROVINCE) throw new Error(`${r.old_commune_code} leaves province 79`);
    const list = targets.get(r.old_commune_code) ?? [];
    list.push(r.new_commune_code);
    targets.set(r.old_commune_code, list);
  }
  targets.set(CON_DAO.unit, [CON_DAO.unit]);
  const news = readCsvRows('units/admin_units_2025-07-01_34prov_2level.csv').filter(
    (r) => r.province_code === HCMC_PROVINCE,
  );

  const lineage: LineageRow[] = [];
  const sources = new Map<string, number>(); // new unit → how many base communes lead to it
  const members = new Map<string, unknown[]>(); // new unit → polygons of the base communes counted in it
  for (const c of base) {
    const to = [...(targets.get(survivorOf.get(c.code)!) ?? [])].sort();
    if (to.length === 0) throw new Error(`no 2025-07 commune for ${c.code} ${c.name}`);
    for (const t of to) sources.set(t, (sources.get(t) ?? 0) + 1);
    // the importer counts a split commune whole in its largest-share successor, ties to the lowest code
    const whole = members.get(to[0]) ?? [];
    whole.push(c.geometry);
    members.set(to[0], whole);
  }
  for (const c of base) {
    const to = [...targets.get(survivorOf.get(c.code)!)!].sort();
    const kept = survivorOf.get(c.code) === c.code;
    for (const t of to)
      lineage.push({
        from_unit_id: c.code,
        to_unit_id: `${t}@2025-07`,
        effective_on: '2025-07-01',
        kind: to.length > 1 ? 'split' : kept && sources.get(t) === 1 ? 'kept' : 'merged',
        share: 1 / to.length,
      });
  }

  const provinces = readGeojson('boundaries/vietnam_provinces_63_2008-2025.geojson').filter((f) =>
    HCMC_OLD_PROVINCES.includes(String(f.properties.province_code)),
  );
  const provinceGeometry = multiPolygon(provinces.map((f) => f.geometry));
  const units: UnitRow[] = [
    {
      unit_id: HCMC_PROVINCE,
      code: HCMC_PROVINCE,
      name: 'Thành phố Hồ Chí Minh',
      name_en: 'Ho Chi Minh City',
      level: 'province',
      parent_id: null,
      valid_from: '2008-01-01',
      valid_to: null,
      area_km2: areaKm2(provinceGeometry),
      is_base: false,
      geometry: provinceGeometry,
    },
  ];
  const districtNames = new Map<string, string>();
  for (const c of base) districtNames.set(c.district, c.districtName);
  for (const [code, name] of [...districtNames].sort()) {
    const geometry = multiPolygon(base.filter((c) => c.district === code).map((c) => c.geometry));
    units.push({
      unit_id: code,
      code,
      name,
      name_en: nameEn(name),
      level: 'district',
      parent_id: HCMC_PROVINCE,
      valid_from: '2008-01-01',
      valid_to: '2025-06-30',
      area_km2: areaKm2(geometry),
      is_base: true,
      geometry,
    });
  }
  for (const c of base)
    units.push({
      unit_id: c.code,
      code: c.code,
      name: c.name,
      name_en: nameEn(c.name),
      level: 'commune',
      parent_id: c.district,
      valid_from: '2008-01-01',
      valid_to: '2025-06-30',
      area_km2: areaKm2(c.geometry),
      is_base: true,
      geometry: c.geometry,
    });
  for (const r of news) {
    // approximate: the polygons of the old communes counted in it, inner borders kept, split communes whole
    const geometry = multiPolygon(members.get(r.commune_code) ?? []);
    units.push({
      unit_id: `${r.commune_code}@2025-07`,
      code: r.commune_code,
      name: r.commune_name,
      name_en: nameEn(r.commune_name),
      level: 'commune',
      parent_id: HCMC_PROVINCE,
      valid_from: '2025-07-01',
      valid_to: null,
      area_km2: areaKm2(geometry),
      is_base: false,
      geometry,
    });
  }

  const communes: Commune[] = base.map((c) => ({
    unitId: c.code,
    name: c.name,
    districtId: c.district,
    popUrban: c.urban,
    popRural: c.rural,
    households: c.households,
    maturity: new Rng(seed, 'maturity', c.code).next(),
    champion: false,
  }));
  markChampions(communes);
  const districts = [...districtNames.keys()]
    .sort()
    .map((unitId) => ({ unitId, communes: communes.filter((c) => c.districtId === unitId) }));
  const pop2019 = communes.reduce((s, c) => s + c.popUrban + c.popRural, 0);
  return {
    name: 'hcmc',
    units,
    lineage,
    communes,
    districts,
    facts: { pop2019, pop2024: HCMC_POP_2024 },
    agesFile: HCMC_AGES_FILE,
  };
}
