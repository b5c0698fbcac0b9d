// The calibrated population model of a universe: every commune's starting stock by 5-year group and
// sex (census 2019 × province growth), and the mortality and migration levels fitted to the facts.
import type { Facts } from '../facts.ts';
import { AGE_GROUPS, type DistrictAges } from './reference.ts';
import {
  CENSUS_DAY_2019,
  GROSS_OUT_MIGRATION,
  MIGRATION_SHAPE,
  SEX_RATIO_SHAPE,
  TEMPORARY_MOVE_FACTOR,
  YEAR_DAYS,
  annualGrowth,
  asfr,
  baseMortality,
  lifeExpectancy,
  mortalityTables,
  type HazardTable,
} from '../rates.ts';
import { parseDate } from './calendar.ts';
import { communeParams, type CommuneParams } from './maturity.ts';
import type { Commune } from './universe.ts';

export const GROUPS = AGE_GROUPS.length;
/** Within 85+, ages fall off exponentially at this rate per year (mean about 90), capped at 105. */
export const OLDEST_DECAY = 0.17;

export interface Stock {
  commune: Commune;
  params: CommuneParams;
  total: number;
  males: number[]; // by 5-year group
  females: number[];
}

export interface Model {
  facts: Facts;
  asfr: number[];
  mortality: { male: HazardTable; female: HazardTable };
  mortalityScale: number;
  /** Yearly out-migration hazard per unit of MIGRATION_SHAPE, for permanent residents. */
  migrationScale: number;
  /** Cumulative weights of the in-movers' 5-year groups, and the male share in each group. */
  inMoverGroups: Float64Array;
  maleShare: number[];
  /** MIGRATION_SHAPE relative to its population-weighted mean (temporary residents are mostly young adults). */
  migrationShapeRelative: number[];
  stocks: Stock[];
  lifeExpectancy: { male: number; female: number };
}

/** Integers summing to `total`, proportional to `weights` (largest remainder). */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  if (sum <= 0) return weights.map(() => 0);
  const exact = weights.map((w) => (total * w) / sum);
  const out = exact.map(Math.floor);
  let left = total - out.reduce((s, x) => s + x, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) out[order[k][1]]++;
  return out;
}

/** Males per group so the commune's overall ratio is the target: the shape is rescaled by a factor k. */
function splitSexes(groups: number[], sexRatio: number): number[] {
  const total = groups.reduce((s, x) => s + x, 0);
  const targetMales = Math.round((total * sexRatio) / (100 + sexRatio));
  const males = (k: number) => groups.map((n, g) => (n * k * SEX_RATIO_SHAPE[g]) / (100 + k * SEX_RATIO_SHAPE[g]));
  let lo = 0.5;
  let hi = 1.5;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (males(mid).reduce((s, x) => s + x, 0) < targetMales) lo = mid;
    else hi = mid;
  }
  const out = apportion(targetMales, males((lo + hi) / 2));
  return out.map((m, g) => Math.min(m, groups[g]));
}

/** Starting population of a commune: census 2019 grown at the province's rate up to the start date. */
export function startPopulation(censusTotal: number, facts: Facts, start: string): number {
  const years = (parseDate(start) - parseDate(CENSUS_DAY_2019)) / YEAR_DAYS;
  return Math.round(censusTotal * Math.pow(annualGrowth(facts), years));
}

function stockOf(c: Commune, ages: DistrictAges, facts: Facts, start: string): Stock {
  const census = c.popUrban + c.popRural;
  const total = startPopulation(census, facts, start);
  const urban = Math.round((total * c.popUrban) / census);
  const u = apportion(urban, ages.urban);
  const r = apportion(total - urban, ages.rural);
  const groups = u.map((x, g) => x + r[g]);
  const males = splitSexes(groups, facts.sexRatio);
  return { commune: c, params: communeParams(c), total, males, females: groups.map((n, g) => n - males[g]) };
}

/** Mean of the unscaled hazard over a 5-year group (ages 1–4 only for 0–4: infants are separate). */
function groupMeanHazard(g: number, male: boolean): number {
  if (g === GROUPS - 1) {
    let s = 0;
    let w = 0;
    for (let a = 85; a < 105; a++) {
      const wt = Math.exp(-OLDEST_DECAY * (a - 85));
      s += wt * baseMortality(a + 0.5, male);
      w += wt;
    }
    return s / w;
  }
  let s = 0;
  for (let a = g * 5; a < g * 5 + 5; a++) if (a >= 1) s += baseMortality(a + 0.5, male);
  return s / 5;
}

export function buildModel(
  communes: Commune[],
  districtAges: Map<string, DistrictAges>,
  facts: Facts,
  start: string,
): Model {
  const stocks = communes.map((c) => {
    const ages = districtAges.get(c.districtId);
    if (!ages) throw new Error(`no census age table for district ${c.districtId}`);
    return stockOf(c, ages, facts, start);
  });
  const males = new Array<number>(GROUPS).fill(0);
  const females = new Array<number>(GROUPS).fill(0);
  let total = 0;
  for (const s of stocks) {
    s.males.forEach((n, g) => (males[g] += n));
    s.females.forEach((n, g) => (females[g] += n));
    total += s.total;
  }
  const fert = asfr(facts);
  const birthsPerYear = fert.reduce((sum, f, j) => sum + f * females[j + 3], 0);
  const infantDeaths = (birthsPerYear * facts.infantMortality) / 1000;
  let adult = 0;
  for (let g = 0; g < GROUPS; g++)
    adult += males[g] * groupMeanHazard(g, true) + females[g] * groupMeanHazard(g, false);
  const mortalityScale = ((facts.crudeDeathRate / 1000) * total - infantDeaths) / adult;
  const mortality = mortalityTables(facts, mortalityScale);
  const shapeExposure = MIGRATION_SHAPE.reduce((s, w, g) => s + w * (males[g] + females[g]), 0);
  const relative = MIGRATION_SHAPE.map((w) => (w * total) / shapeExposure);
  // exposure weighted by the hazard, temporary residents (mostly young adults) moving more often
  let weighted = 0;
  for (const s of stocks) {
    for (let g = 0; g < GROUPS; g++) {
      const temp = Math.min(0.5, s.params.temporaryShare * relative[g]);
      weighted += (s.males[g] + s.females[g]) * MIGRATION_SHAPE[g] * (1 + (TEMPORARY_MOVE_FACTOR - 1) * temp);
    }
  }
  const migrationScale = ((GROSS_OUT_MIGRATION / 1000) * total) / weighted;
  let acc = 0;
  const inMoverGroups = new Float64Array(GROUPS);
  for (let g = 0; g < GROUPS; g++) inMoverGroups[g] = acc += MIGRATION_SHAPE[g] * (males[g] + females[g]);
  return {
    facts,
    asfr: fert,
    mortality,
    mortalityScale,
    migrationScale,
    inMoverGroups,
    stocks,
    maleShare: males.map((m, g) => m / Math.max(1, m + females[g])),
    migrationShapeRelative: relative,
    lifeExpectancy: { male: lifeExpectancy(mortality.male), female: lifeExpectancy(mortality.female) },
  };
}
