// Abridged life tables (nLx by 5-year group, open last group) from piecewise-constant yearly hazards,
// and the mortality scale that reaches a target life expectancy. Used by forecast/defaults.ts.
import { NEONATAL_DAYS, YEAR_DAYS, MAX_AGE, type HazardTable } from '../../data/pipeline/rates.ts';

export interface LifeTable {
  /** survivors at the lower bound of each group, per radix */
  lx: number[];
  /** person-years lived in each group per radix; the last is T for the open group */
  Lx: number[];
  e0: number;
}

/** Person-years and survivors after a segment of `dt` years at constant hazard `h`, from `l` alive. */
function segment(l: number, h: number, dt: number): { years: number; left: number } {
  const left = l * Math.exp(-h * dt);
  return { years: h > 0 ? (l - left) / h : l * dt, left };
}

/**
 * Life table of a hazard table with every hazard multiplied by `scale`. Past MAX_AGE the hazard stays
 * at its last value, so the open group's T adds l(MAX_AGE + 1) / h.
 */
export function lifeTable(t: HazardTable, scale: number, groups: number[], radix = 100000): LifeTable {
  const byYear = new Float64Array(MAX_AGE + 2);
  const lAt = new Float64Array(MAX_AGE + 2);
  let l = radix;
  lAt[0] = l;
  const neo = NEONATAL_DAYS / YEAR_DAYS;
  const a = segment(l, t.neonatal * scale, neo);
  const b = segment(a.left, t.postneonatal * scale, 1 - neo);
  byYear[0] = a.years + b.years;
  l = b.left;
  for (let age = 1; age <= MAX_AGE; age++) {
    lAt[age] = l;
    const s = segment(l, t.byAge[age] * scale, 1);
    byYear[age] = s.years;
    l = s.left;
  }
  lAt[MAX_AGE + 1] = l;
  const hLast = t.byAge[MAX_AGE] * scale;
  byYear[MAX_AGE + 1] = hLast > 0 ? l / hLast : 0;
  const Lx = groups.map((lo, g) => {
    const hi = g + 1 < groups.length ? groups[g + 1] : MAX_AGE + 2;
    let sum = 0;
    for (let age = lo; age < hi; age++) sum += byYear[age];
    return sum;
  });
  const total = byYear.reduce((s, x) => s + x, 0);
  return { lx: groups.map((lo) => lAt[lo]), Lx, e0: total / radix };
}

/** Life expectancy at birth of both sexes: the sexes' e0 weighted by their shares of births. */
export function e0BothSexes(female: number, male: number, sexRatioAtBirth: number): number {
  return (female + sexRatioAtBirth * male) / (1 + sexRatioAtBirth);
}

/**
 * The factor on all hazards (both sexes) at which e0 of both sexes equals `target`, by bisection on
 * log(scale) (e0 falls as the scale rises). Throws when the target is out of reach.
 */
export function scaleForE0(
  tables: { female: HazardTable; male: HazardTable },
  target: number,
  sexRatioAtBirth: number,
): number {
  const e0 = (k: number) =>
    e0BothSexes(lifeTable(tables.female, k, [0]).e0, lifeTable(tables.male, k, [0]).e0, sexRatioAtBirth);
  let lo = Math.log(1e-3);
  let hi = Math.log(1e3);
  if (target > e0(Math.exp(lo)) || target < e0(Math.exp(hi))) {
    throw new RangeError(`e0 ${target} is out of reach of this mortality pattern`);
  }
  for (let i = 0; i < 80; i++) {
    const mid = (lo + hi) / 2;
    if (e0(Math.exp(mid)) > target) lo = mid;
    else hi = mid;
  }
  return Math.exp((lo + hi) / 2);
}
