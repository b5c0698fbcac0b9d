// Joins indicator columns to boundary features on feature.properties.code (= the rows' unit key) and
// classifies them: what the fill, the legend, the tooltip and data-fills all read. Pure.
import type { GeoCollection, GeoFeature, IndicatorColumns, Suppression } from '../api/client.ts';
import { classBreaks, unitClass, type Breaks, type ClassMethod, type UnitClass } from './classify.ts';
import { palette, type Direction } from './palette.ts';
import { classColor, type FeatureState } from './style.ts';

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
