// Answers the screens share (health, units, indicator and procedure catalogues), fetched once per session: what
// an account may see depends on who signed in, so a sign-in or sign-out forgets them (resetSessionData).
import type { Static } from '@sinclair/typebox';
import type { ProcedureSchema } from '../../../server/routes/procedures.ts';
import { fetchGeo, fetchHealth, fetchIndicators, fetchUnits, get, type GeoCollection } from '../api/client.ts';

const resets = new Set<() => void>();

/** Registers what to forget when the signed-in account changes (module caches elsewhere too). */
export function onSessionReset(reset: () => void): void {
  resets.add(reset);
}

/** Forgets every answer that depends on the account (after sign-in, sign-out, an expired session). */
export function resetSessionData(): void {
  for (const reset of resets) reset();
}

const once = <T>(load: () => Promise<T>, perSession = true) => {
  let p: Promise<T> | undefined;
  if (perSession) onSessionReset(() => (p = undefined));
  return () => {
    p ??= load().catch((err: unknown) => {
      p = undefined;
      throw err;
    });
    return p;
  };
};

/** public, the same for everyone */
export const health = once(fetchHealth, false);
export const units = once(fetchUnits);
export const indicators = once(fetchIndicators);

type Procedure = Static<typeof ProcedureSchema>;
/** The fields of the procedure catalogue (/api/procedures): the values of the Procedures screen's `field` filter. */
export const procedureFields = once(async () => {
  const { procedures } = (await (await get('/api/procedures')).json()) as { procedures: Procedure[] };
  return [...new Set(procedures.map((p) => p.field))];
}, false);

const geoCache = new Map<string, () => Promise<GeoCollection>>();
onSessionReset(() => geoCache.clear());
/** Boundaries of a level (on a day), fetched once per session: the Overview asks early, the map reuses it. */
export function geo(level: 'commune' | 'district' | 'province', at?: string): Promise<GeoCollection> {
  const key = `${level}|${at ?? ''}`;
  let load = geoCache.get(key);
  if (!load) geoCache.set(key, (load = once(() => fetchGeo(level, at), false)));
  return load();
}
