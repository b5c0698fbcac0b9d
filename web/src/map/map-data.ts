// Loads what a map needs: boundaries of a layer, the units around the account's own (outline and name),
// the indicator's values per unit (joined on `code`), the period they cover, and the indicator's metadata.
// Used by MapView. The Overview's one answer (GET /api/overview) seeds them: boundaries, the units around and the
// first map's values, so that its map draws without asking again (seedBoundaries, seedMapData).
import {
  fetchIndicatorColumns,
  fetchProvinces,
  get,
  type GeoCollection,
  type IndicatorColumns,
  type IndicatorMeta,
} from '../api/client.ts';
import { geo as loadGeo, indicators, onSessionReset } from '../app/data.ts';
import { DEFAULT_MIN_CELL, type DisclosureInfo } from '../charts/withheld.ts';
import { MAX_SINGLE, SELF_DAY } from '../../../server/overview/rules.ts';
import { contextGeojson, mergeAnswers, valuesByUnit, type ContextCollection, type UnitValue } from './join.ts';

export type MapLevel = 'commune' | 'district' | 'country';

export interface MapRequest {
  level: MapLevel;
  /**
   * commune and district maps: the unit whose children are mapped (a district's communes, a province's districts,
   * web/src/map/map-unit.ts); the country map: the one province of the store it colours
   */
  unit: string;
  indicator: string;
  from?: string;
  to?: string;
  at?: string;
}

export interface MapData {
  geo: GeoCollection;
  values: Map<string, UnitValue>;
  meta: IndicatorMeta | undefined;
  generated: boolean;
  dataDate: string;
  /** the server's disclosure method and k, as the answers said (the words for a withheld unit) */
  disclosure: DisclosureInfo;
  /** the months the values cover, as the server answered ("2026-11..2026-11", "2022-01..2026-12"); '' if unknown */
  period: string;
}

// SELF_DAY: a day on which no unit has children (asked `by=unit` with it, a unit reports itself), for the units the
// parent's answer does not cover; at most MAX_SINGLE of them (server/overview/rules.ts: the server's Overview answer
// follows the same rule).

export const indicatorCatalogue = (): Promise<IndicatorMeta[]> => indicators().then((a) => a.indicators);

let provinces: Promise<GeoCollection> | undefined;
function loadProvinces(): Promise<GeoCollection> {
  provinces ??= fetchProvinces().catch((err: unknown) => {
    provinces = undefined;
    throw err;
  });
  return provinces;
}

const NO_CONTEXT: ContextCollection = { type: 'FeatureCollection', features: [] };
const contexts = new Map<string, Promise<ContextCollection>>();
onSessionReset(() => contexts.clear());

/**
 * The units around the account's own on a map of this level (GET /api/geo/neighbours: outline and name, no value),
 * drawn in grey for context; none for the country view, and none (the map still draws) when they cannot load.
 */
export function loadContext(level: MapLevel, at?: string): Promise<ContextCollection> {
  if (level === 'country') return Promise.resolve(NO_CONTEXT);
  const key = `${level}|${at ?? ''}`;
  let p = contexts.get(key);
  if (!p) {
    p = get(`/api/geo/neighbours?level=${level}${at ? `&at=${at}` : ''}`, 'application/geo+json')
      .then((res) => res.json() as Promise<GeoCollection>)
      .then(contextGeojson)
      .catch(() => {
        contexts.delete(key);
        return NO_CONTEXT;
      });
    contexts.set(key, p);
  }
  return p;
}

/** Boundaries that came with another answer (the Overview's), per level and day, for this session. */
const seededGeo = new Map<string, Promise<GeoCollection>>();
onSessionReset(() => seededGeo.clear());

/**
 * Boundaries and the units around, as another answer brought them (GET /api/overview: the same units as
 * /api/units/geo and /api/geo/neighbours), so that the map does not ask for them again this session.
 */
export function seedBoundaries(level: MapLevel, at: string | undefined, geo: GeoCollection, around: GeoCollection) {
  seededGeo.set(`${level}|${at ?? ''}`, Promise.resolve(geo));
  contexts.set(`${level}|${at ?? ''}`, Promise.resolve(contextGeojson(around)));
}

/** Whether this session has the boundaries of this level already (from a seed). */
export const hasBoundaries = (level: MapLevel, at?: string): boolean => seededGeo.has(`${level}|${at ?? ''}`);

/** The boundaries a map of this level draws (fetched once per page load and shared). */
export const loadBoundaries = (level: MapLevel, at?: string): Promise<GeoCollection> =>
  seededGeo.get(`${level}|${at ?? ''}`) ??
  (level === 'country' ? loadProvinces() : loadGeo(level, level === 'commune' ? at : undefined));

const requestKey = (r: MapRequest) =>
  JSON.stringify([r.level, r.unit, r.indicator, r.from ?? null, r.to ?? null, r.at ?? null]);
/** answers asked for ahead, with when; one not taken within PREFETCH_MS is dropped (it may be stale) */
const prefetched = new Map<string, { at: number; data: Promise<MapData> }>();
onSessionReset(() => prefetched.clear());
const PREFETCH_MS = 30_000;

/**
 * Starts loading a map's data before the map asks (e.g. the Overview, as soon as it knows which
 * indicator its map shows); the next loadMapData of the same request takes this answer, once.
 */
export function prefetchMapData(r: MapRequest): void {
  const key = requestKey(r);
  if (prefetched.has(key)) return;
  const data = fetchMapData(r);
  data.catch(() => prefetched.delete(key));
  prefetched.set(key, { at: Date.now(), data });
  while (prefetched.size > 8) prefetched.delete(prefetched.keys().next().value!);
}

/** A map's data that another answer brought (the Overview's): the next loadMapData of the request takes it, once. */
export function seedMapData(r: MapRequest, data: MapData): void {
  prefetched.set(requestKey(r), { at: Date.now(), data: Promise.resolve(data) });
  while (prefetched.size > 8) prefetched.delete(prefetched.keys().next().value!);
}

/** The values of an answer's rows by unit (as valuesByUnit reads Arrow columns). */
export function valuesOfRows(
  rows: readonly { unit: string; value: number | null; suppressed: boolean; suppression: UnitValue['reason'] | null }[],
): Map<string, UnitValue> {
  return valuesByUnit({
    unit: rows.map((r) => r.unit),
    value: rows.map((r) => r.value),
    suppressed: rows.map((r) => r.suppressed),
    suppression: rows.map((r) => r.suppression ?? null),
  });
}

export function loadMapData(r: MapRequest): Promise<MapData> {
  const key = requestKey(r);
  const early = prefetched.get(key);
  prefetched.delete(key);
  return early && Date.now() - early.at < PREFETCH_MS ? early.data : fetchMapData(r);
}

async function fetchMapData(r: MapRequest): Promise<MapData> {
  const geoP = loadBoundaries(r.level, r.at);
  const period = { from: r.from, to: r.to };
  const [geo, cols, list] = await Promise.all([
    geoP,
    r.level === 'country'
      ? Promise.resolve(undefined)
      : fetchIndicatorColumns(r.indicator, {
          unit: r.unit,
          by: 'unit',
          ...period,
          at: r.level === 'commune' ? r.at : undefined,
        }),
    indicatorCatalogue(),
  ]);
  const parent = cols ? valuesByUnit(cols) : new Map<string, UnitValue>();
  // Only units of the data store can answer: in the country view, the province of the store (r.unit).
  const known = r.level === 'country' ? [r.unit] : geo.features.map((f) => f.properties.code);
  const missing = known.filter((code) => !parent.has(code)).slice(0, MAX_SINGLE);
  const singles = await Promise.all(
    missing.map((code) =>
      fetchIndicatorColumns(r.indicator, { unit: code, by: 'unit', ...period, at: SELF_DAY }).catch(
        () => undefined as IndicatorColumns | undefined,
      ),
    ),
  );
  const {
    values,
    generated,
    dataDate,
    method,
    minCell,
    period: months,
  } = mergeAnswers([cols, ...singles], (code) => parent.has(code) || known.includes(code));
  return {
    geo,
    values,
    meta: list.find((m) => m.id === r.indicator),
    generated,
    dataDate,
    disclosure: { method, minCell: minCell ?? DEFAULT_MIN_CELL },
    period: months,
  };
}
