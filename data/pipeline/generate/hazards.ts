// Time-to-event draws from age-dependent yearly hazards (piecewise constant by year of age):
// the day a person dies, or moves out, if before the end of the window.
import { NEONATAL_DAYS, YEAR_DAYS, type HazardTable } from '../rates.ts';
import type { Rng } from './prng.ts';

const MAX_INDEX = 110;

/**
 * Day (fractional) of the first event after `from` for someone born on `birth`, under a yearly hazard
 * by single year of age (`byAge`, times `factor`), or Infinity if none happens before `until`.
 * With `infant`, the first year uses the neonatal and post-neonatal hazards instead of byAge[0].
 */
export function drawEvent(
  rng: Rng,
  birth: number,
  from: number,
  until: number,
  byAge: Float64Array,
  factor: number,
  infant?: HazardTable,
): number {
  let budget = -Math.log(1 - rng.next());
  let t = from;
  while (t < until) {
    const ageDays = t - birth;
    const age = Math.min(MAX_INDEX, Math.floor(ageDays / YEAR_DAYS));
    let h: number;
    let boundary: number;
    if (infant && ageDays < NEONATAL_DAYS) {
      h = infant.neonatal;
      boundary = birth + NEONATAL_DAYS;
    } else {
      h = (infant && age === 0 ? infant.postneonatal : byAge[age]) * factor;
      boundary = age >= MAX_INDEX ? until : birth + (age + 1) * YEAR_DAYS;
    }
    const segEnd = Math.min(Math.max(boundary, t + 1e-6), until);
    const spend = (h * (segEnd - t)) / YEAR_DAYS;
    if (budget <= spend && h > 0) return t + (budget / h) * YEAR_DAYS;
    budget -= spend;
    t = segEnd;
  }
  return Infinity;
}
