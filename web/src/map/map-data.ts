// Loads what a map needs: boundaries of a layer, the indicator's values per unit (joined on `code`),
// and the indicator's metadata. Used by MapView.
import { fetchGeo, fetchIndicatorColumns, fetchIndicators, type GeoCollection, type IndicatorColumns, type IndicatorMeta } from '../api/client.ts';
import { valuesByUnit } from './join.ts';

export type MapLevel = 'commune' | 'district' | 'country';

export interface MapRequest {
  level: MapLevel;
  /** the unit whose children are mapped (its communes, or its districts) */
  unit: string;
  indicator: string;
  from?: string;
  to?: string;
  at?: string;
}

export interface MapData {
  geo: GeoCollection;
  values: Map<string, { value: number | null; suppressed: boolean }>;
  meta: IndicatorMeta | undefined;
  generated: boolean;
  dataDate: string;
}

/**
 * A day on which no unit has children: asked `by=unit` with it, a unit reports itself (the server's rule:
 * no children valid that day → the unit). Used for units the parent's answer does not cover, e.g. the
 * communes of 2025-07, which have no parent in the store, and the province in the country view.
 */
const SELF_DAY = '2100-01-01';
const MAX_SINGLE = 30;

let catalogue: Promise<IndicatorMeta[]> | undefined;
export const indicatorCatalogue = () => (catalogue ??= fetchIndicators().then((a) => a.indicators, (e: unknown) => { catalogue = undefined; throw e; }));

async function fetchProvinces(): Promise<GeoCollection> {
  const res = await fetch('/api/geo/provinces');
  if (!res.ok) throw new Error(`${res.status} ${res.statusText}`);
  return (await res.json()) as GeoCollection;
}

export async function loadMapData(r: MapRequest): Promise<MapData> {
  const geoP = r.level === 'country' ? fetchProvinces() : fetchGeo(r.level, r.level === 'commune' ? r.at : undefined);
  const parent = r.level === 'commune' ? r.unit : '30';
  const period = { from: r.from, to: r.to };
  const [geo, cols, list] = await Promise.all([
    geoP,
    r.level === 'country' ? Promise.resolve(undefined) : fetchIndicatorColumns(r.indicator, { unit: parent, by: 'unit', ...period, at: r.level === 'commune' ? r.at : undefined }),
    indicatorCatalogue(),
  ]);
  const values = cols ? valuesByUnit(cols) : new Map<string, { value: number | null; suppressed: boolean }>();
  let generated = cols?.generated ?? false;
  let dataDate = cols?.data_date ?? '';
  // Only units of the data store can answer: in the country view, the province of the store (Hải Dương, 30).
  const known = r.level === 'country' ? ['30'] : geo.features.map((f) => f.properties.code);
  const missing = known.filter((code) => !values.has(code)).slice(0, MAX_SINGLE);
  const singles = await Promise.all(
    missing.map((code) =>
      fetchIndicatorColumns(r.indicator, { unit: code, by: 'unit', ...period, at: SELF_DAY }).catch(() => undefined as IndicatorColumns | undefined),
    ),
  );
  for (const one of singles) {
    if (!one) continue;
    generated ||= one.generated;
    dataDate ||= one.data_date;
    for (const [code, v] of valuesByUnit(one)) if (known.includes(code)) values.set(code, v);
  }
  return { geo, values, meta: list.find((m) => m.id === r.indicator), generated, dataDate };
}
