// Answers every screen shares (health, units, indicator catalogue), fetched once per page load.
import { fetchGeo, fetchHealth, fetchIndicators, fetchUnits, type GeoCollection } from '../api/client.ts';

const once = <T,>(load: () => Promise<T>) => {
  let p: Promise<T> | undefined;
  return () => {
    p ??= load().catch((err: unknown) => {
      p = undefined;
      throw err;
    });
    return p;
  };
};

export const health = once(fetchHealth);
export const units = once(fetchUnits);
export const indicators = once(fetchIndicators);

const geoCache = new Map<string, () => Promise<GeoCollection>>();
/** Boundaries of a level (on a day), fetched once per page load: the Overview asks early, the map reuses it. */
export function geo(level: 'commune' | 'district' | 'province', at?: string): Promise<GeoCollection> {
  const key = `${level}|${at ?? ''}`;
  let load = geoCache.get(key);
  if (!load) geoCache.set(key, (load = once(() => fetchGeo(level, at))));
  return load();
}
