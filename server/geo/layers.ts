// The national boundary layers the map's country view draws as vector tiles (server/geo/tiles.ts), built from the
// shipped reference files (data/reference/PROVENANCE.md): `communes` (~11,000 communes of 2008–2016, GSO codes),
// `provinces` (the 63 of 2008 – 30/6/2025) and `provinces-2025` (the 34 from 1/7/2025: the 63 dissolved by the
// official old province → new province mapping, shared borders removed by topojson's merge). Each layer has its
// polygons (properties code, name, and for communes the province and district codes; never a value) and one label
// point a unit (code, label, rank by area: MapLibre places each name once, the largest units first).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson';
import { topology } from 'topojson-server';
import { merge } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { labelAnchor, projectedArea } from '../../web/src/map/svg-map.ts';

const ref = (path: string) => fileURLToPath(new URL(`../../data/reference/${path}`, import.meta.url));
export const COMMUNES_FILE = ref('boundaries/vietnam_communes_2008-2016.geojson');
export const PROVINCES_FILE = ref('boundaries/vietnam_provinces_63_2008-2025.geojson');
export const CROSSWALK_FILE = ref('units/crosswalk_2025-03-01_to_2025-07-01_communes.csv');
export const UNITS_2025_FILE = ref('units/admin_units_2025-07-01_34prov_2level.csv');

export const GEO_LAYERS = ['communes', 'provinces', 'provinces-2025'] as const;
export type GeoLayer = (typeof GEO_LAYERS)[number];

export type UnitProps = { code?: string; name: string; province?: string; district?: string };
export type LabelProps = { code: string; label: string; rank: number };
type Area = Polygon | MultiPolygon;

export interface LayerData {
  units: FeatureCollection<Area, UnitProps>;
  labels: FeatureCollection<Point, LabelProps>;
}

const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;

/** "Xã Nam Trung" → "Nam Trung" (as the map's own labels, web/src/map/join.ts shortName). */
export const shortLabel = (name: string): string =>
  name.replace(/^(Xã|Phường|Huyện|Tỉnh|Thành phố)\s+/u, '').replace(/^Thị trấn\s+/u, 'TT. ');

/** One label point a coded unit, ranked by projected area (0 = largest). */
export function labelsOf(units: FeatureCollection<Area, UnitProps>): FeatureCollection<Point, LabelProps> {
  const placed = units.features
    .filter((f) => f.properties.code)
    .map((f) => ({ f, at: labelAnchor(f.geometry), weight: projectedArea(f.geometry) }))
    .filter((p) => p.at !== null)
    .sort((a, b) => b.weight - a.weight);
  return {
    type: 'FeatureCollection',
    features: placed.map(({ f, at }, rank) => ({
      type: 'Feature',
      properties: { code: f.properties.code!, label: shortLabel(f.properties.name), rank },
      geometry: { type: 'Point', coordinates: at! },
    })),
  };
}

interface CommuneSource {
  province_code: string;
  district_code: string;
  commune_code: string | null;
  commune: string;
}

export function loadCommunes(file = COMMUNES_FILE): FeatureCollection<Area, UnitProps> {
  const src = readJson<FeatureCollection<Area, CommuneSource>>(file);
  return {
    type: 'FeatureCollection',
    features: src.features.map((f) => ({
      type: 'Feature',
      // 116 communes have no GSO code (matched by name only where unambiguous): drawn, never joined to a value
      properties: {
        ...(f.properties.commune_code ? { code: f.properties.commune_code } : {}),
        name: f.properties.commune,
        province: f.properties.province_code,
        district: f.properties.district_code,
      },
      geometry: f.geometry,
    })),
  };
}

interface ProvinceSource {
  province_code: string;
  province: string;
}

export function loadProvinces(file = PROVINCES_FILE): FeatureCollection<Area, UnitProps> {
  const src = readJson<FeatureCollection<Area, ProvinceSource>>(file);
  return {
    type: 'FeatureCollection',
    features: src.features.map((f) => ({
      type: 'Feature',
      properties: { code: f.properties.province_code, name: f.properties.province },
      geometry: f.geometry,
    })),
  };
}

/** The first columns of a CSV without quoted fields (the unit lists have none), by header name. */
function readCsv(file: string, names: string[]): string[][] {
  const [head, ...rows] = readFileSync(file, 'utf8').trim().split(/\r?\n/);
  const at = names.map((n) => head.split(',').indexOf(n));
  if (at.includes(-1)) throw new Error(`${file}: a column of ${names.join(', ')} is missing`);
  return rows.map((line) => {
    const cells = line.split(',');
    return at.map((i) => cells[i]);
  });
}

/**
 * old province code → { code, name } of the province it belongs to from 1/7/2025 (63 → 34), read from the official
 * commune crosswalk (every commune of an old province goes to the same new province: checked) and named from the
 * 34-province list.
 */
export function readProvinceMapping(
  crosswalk = CROSSWALK_FILE,
  list = UNITS_2025_FILE,
): Map<string, { code: string; name: string }> {
  const names = new Map(readCsv(list, ['province_code', 'province_name']).map(([c, n]) => [c, n] as const));
  const out = new Map<string, { code: string; name: string }>();
  for (const [from, to] of readCsv(crosswalk, ['old_province_code', 'new_province_code'])) {
    const seen = out.get(from);
    if (seen && seen.code !== to) throw new Error(`province ${from} goes to both ${seen.code} and ${to}`);
    if (!names.has(to)) throw new Error(`province ${to} is not in ${list}`);
    out.set(from, { code: to, name: names.get(to)! });
  }
  return out;
}

/**
 * The 34 provinces of 1/7/2025: the 63 merged by the mapping, through a topology so that the borders the old
 * provinces shared are one arc and vanish in the merge (no slivers along them).
 */
export function dissolveProvinces(
  provinces: FeatureCollection<Area, UnitProps>,
  mapping: Map<string, { code: string; name: string }>,
): FeatureCollection<Area, UnitProps> {
  const missing = provinces.features.filter((f) => !mapping.has(f.properties.code!));
  if (missing.length) throw new Error(`no 2025 province for ${missing.map((f) => f.properties.code).join(', ')}`);
  const topo = topology({ p: provinces }) as unknown as Topology<{ p: GeometryCollection<UnitProps> }>;
  const groups = new Map<string, { name: string; members: GeometryCollection<UnitProps>['geometries'] }>();
  for (const g of topo.objects.p.geometries) {
    const to = mapping.get((g.properties as UnitProps).code!)!;
    const group = groups.get(to.code) ?? { name: to.name, members: [] };
    group.members.push(g);
    groups.set(to.code, group);
  }
  const features: Feature<Area, UnitProps>[] = [...groups]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, { name, members }]) => {
      const merged = merge(topo, members as Parameters<typeof merge>[1]);
      const geometry: Area =
        merged.coordinates.length === 1 ? { type: 'Polygon', coordinates: merged.coordinates[0] } : merged;
      return { type: 'Feature', properties: { code, name }, geometry };
    });
  return { type: 'FeatureCollection', features };
}

/** A layer's polygons and label points, read (and for provinces-2025 dissolved) from the shipped files. */
export function buildLayer(layer: GeoLayer): LayerData {
  const units =
    layer === 'communes'
      ? loadCommunes()
      : layer === 'provinces'
        ? loadProvinces()
        : dissolveProvinces(loadProvinces(), readProvinceMapping());
  return { units, labels: labelsOf(units) };
}
