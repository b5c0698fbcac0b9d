// Joins indicator columns to boundary features on feature.properties.code (= the rows' unit key) and
// classifies them: what the fill, the legend, the tooltip and data-fills all read. Pure.
import type { GeoCollection, GeoFeature, IndicatorColumns, Suppression } from '../api/client.ts';
import { classBreaks, unitClass, type Breaks, type ClassMethod, type UnitClass } from './classify.ts';
import { palette, type Direction } from './palette.ts';
import { classColor, type FeatureState } from './style.ts';
import { labelAnchor, projectedArea } from './svg-map.ts';

/** A unit's value as the server sent it: withheld or not, and why (when it said). */
export interface UnitValue {
  value: number | null;
  suppressed: boolean;
  reason?: Suppression;
}

export interface UnitDatum {
  code: string;
  name: string;
  value: number | null;
  suppressed: boolean;
  /** the server's reason for a withheld value (primary, complementary, small_base) */
  reason?: Suppression;
  cls: UnitClass;
  fill: string;
}

export interface Choropleth {
  /** the boundaries joined (the same object as the map's boundaries when they were shared) */
  source: GeoCollection;
  breaks: Breaks;
  colors: string[];
  units: UnitDatum[];
  /** GeoJSON for the source, with `value`, `state` and `label` added to each feature's properties */
  geojson: {
    type: 'FeatureCollection';
    features: (GeoFeature & {
      properties: GeoFeature['properties'] & { value: number | null; state: FeatureState; label: string };
    })[];
  };
  counts: { no_data: number; suppressed: number; classes: number[] };
}

/** "Xã Nam Trung" → "Nam Trung" for labels; towns keep "TT." so they stand out. */
export function shortName(name: string): string {
  return name.replace(/^(Xã|Phường|Huyện|Tỉnh|Thành phố)\s+/u, '').replace(/^Thị trấn\s+/u, 'TT. ');
}

/** Several by=unit answers of one indicator joined: each unit's value (only units `keep` accepts), and their meta. */
export function mergeAnswers(answers: readonly (IndicatorColumns | undefined)[], keep: (code: string) => boolean) {
  const values = new Map<string, UnitValue>();
  let generated = false;
  let dataDate = '';
  let method: IndicatorColumns['disclosure'] | null = null;
  let minCell: number | null = null;
  let period = '';
  for (const a of answers) {
    if (!a) continue;
    generated ||= a.generated;
    dataDate ||= a.data_date;
    method ??= a.disclosure;
    minCell ??= a.min_cell;
    period ||= a.period.find(Boolean) ?? '';
    for (const [code, v] of valuesByUnit(a)) if (keep(code)) values.set(code, v);
  }
  return { values, generated, dataDate, method, minCell, period };
}

/** The value of each unit: the last row of that unit (answers by=unit have one row a unit). */
export function valuesByUnit(
  cols: Pick<IndicatorColumns, 'unit' | 'value' | 'suppressed'> & Partial<Pick<IndicatorColumns, 'suppression'>>,
): Map<string, UnitValue> {
  const out = new Map<string, UnitValue>();
  cols.unit.forEach((u, i) =>
    out.set(u, {
      value: cols.value[i] ?? null,
      suppressed: Boolean(cols.suppressed[i]),
      ...(cols.suppression?.[i] ? { reason: cols.suppression[i] } : {}),
    }),
  );
  return out;
}

export function buildChoropleth(
  geo: GeoCollection,
  values: Map<string, UnitValue>,
  method: ClassMethod,
  direction: Direction,
  k = 5,
): Choropleth {
  const joined = geo.features.map((f) => ({ f, v: values.get(f.properties.code) }));
  const breaks = classBreaks(
    joined.map(({ v }) => (v && !v.suppressed ? v.value : null)),
    method,
    k,
  );
  const colors = palette(direction, Math.max(1, breaks.length - 1));
  const counts = { no_data: 0, suppressed: 0, classes: colors.map(() => 0) };
  const units: UnitDatum[] = [];
  const features = joined.map(({ f, v }) => {
    const value = v?.value ?? null;
    const suppressed = v?.suppressed ?? false;
    const cls = unitClass(value, suppressed, breaks);
    if (cls === 'no_data' || cls === 'suppressed') counts[cls]++;
    else counts.classes[cls]++;
    // Place names are proper nouns: they keep their Vietnamese spelling and diacritics in English too.
    const name = f.properties.name;
    units.push({
      code: f.properties.code,
      name,
      value: suppressed ? null : value,
      suppressed,
      ...(suppressed && v?.reason ? { reason: v.reason } : {}),
      cls,
      fill: classColor(cls, colors),
    });
    const state: FeatureState = cls === 'suppressed' ? 'suppressed' : cls === 'no_data' ? 'no_data' : 'value';
    return { ...f, properties: { ...f.properties, value: suppressed ? null : value, state, label: shortName(name) } };
  });
  return { source: geo, breaks, colors, units, geojson: { type: 'FeatureCollection', features }, counts };
}

/** The boundaries alone, labelled and in the 'pending' state: drawn while the values load. */
export function pendingGeojson(geo: GeoCollection): Choropleth['geojson'] {
  return {
    type: 'FeatureCollection',
    features: geo.features.map((f) => ({
      ...f,
      properties: { ...f.properties, value: null, state: 'pending' as const, label: shortName(f.properties.name) },
    })),
  };
}

/** The bounding box [[w, s], [e, n]] of polygon features (for fitBounds). */
export function bbox(geo: {
  features: { geometry: { coordinates: unknown } }[];
}): [[number, number], [number, number]] | null {
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  const walk = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number') {
      const [x, y] = c as number[];
      [w, s, e, n] = [Math.min(w, x), Math.min(s, y), Math.max(e, x), Math.max(n, y)];
    } else if (Array.isArray(c)) c.forEach(walk);
  };
  geo.features.forEach((f) => walk(f.geometry.coordinates));
  return Number.isFinite(w)
    ? [
        [w, s],
        [e, n],
      ]
    : null;
}

/** One name a unit: a point feature at labelAnchor, with `rank` (larger units first: 0, 1, …) for placement. */
export interface LabelFeature {
  type: 'Feature';
  properties: { code: string; label: string; rank: number };
  geometry: { type: 'Point'; coordinates: [number, number] };
}
export interface LabelCollection {
  type: 'FeatureCollection';
  features: LabelFeature[];
}

const labelCache = new WeakMap<object, LabelCollection>();

/**
 * The labels of polygon features, one point per unit (never one per part, nor one per tile as MapLibre places a
 * polygon's label), larger units ranked first. Memoised per collection.
 */
export function labelPoints(geo: {
  features: { geometry: { type: string; coordinates: unknown }; properties: { code: string; label: string } }[];
}): LabelCollection {
  const hit = labelCache.get(geo);
  if (hit) return hit;
  const placed = geo.features
    .map((f) => ({ f, at: labelAnchor(f.geometry), weight: projectedArea(f.geometry) }))
    .filter((p): p is typeof p & { at: [number, number] } => p.at !== null)
    .sort((a, b) => b.weight - a.weight);
  const out: LabelCollection = {
    type: 'FeatureCollection',
    features: placed.map(({ f, at }, rank) => ({
      type: 'Feature',
      properties: { code: f.properties.code, label: f.properties.label, rank },
      geometry: { type: 'Point', coordinates: at },
    })),
  };
  labelCache.set(geo, out);
  return out;
}

/** The units around the account's own (outline and name only): labelled like the units, no value, no state. */
export interface ContextCollection {
  type: 'FeatureCollection';
  features: {
    type: 'Feature';
    properties: { code: string; name: string; label: string };
    geometry: GeoFeature['geometry'];
  }[];
}

export function contextGeojson(geo: {
  features: { geometry: GeoFeature['geometry']; properties: { code: string; name: string } }[];
}): ContextCollection {
  return {
    type: 'FeatureCollection',
    features: geo.features.map((f) => ({
      type: 'Feature',
      properties: { code: f.properties.code, name: f.properties.name, label: shortName(f.properties.name) },
      geometry: f.geometry,
    })),
  };
}

/** How much of the neighbours' land shows around the account's units: this share of their extent on each side. */
export const CONTEXT_MARGIN = 0.35;

/**
 * The view a map fits: the units' box; with units around them for context, that box widened by CONTEXT_MARGIN on
 * each side (the neighbours show around, the account's units stay the centre), or the neighbours' box when the
 * account draws no unit of its own.
 */
export function viewBounds(
  main: { features: { geometry: { coordinates: unknown } }[] },
  context?: { features: { geometry: { coordinates: unknown } }[] },
): [[number, number], [number, number]] | null {
  const own = bbox(main);
  const around = context && context.features.length > 0 ? bbox(context) : null;
  if (!own) return around;
  if (!around) return own;
  const [[w, s], [e, n]] = own;
  const dx = Math.max(e - w, 1e-4) * CONTEXT_MARGIN;
  const dy = Math.max(n - s, 1e-4) * CONTEXT_MARGIN;
  // never past the neighbours' own extent (nothing to show there), never cutting the account's units
  return [
    [Math.min(w, Math.max(w - dx, around[0][0])), Math.min(s, Math.max(s - dy, around[0][1]))],
    [Math.max(e, Math.min(e + dx, around[1][0])), Math.max(n, Math.min(n + dy, around[1][1]))],
  ];
}
