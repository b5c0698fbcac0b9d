// Answers every screen shares (health, units, indicator catalogue), fetched once per page load.
import { fetchHealth, fetchIndicators, fetchUnits } from '../api/client.ts';

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
