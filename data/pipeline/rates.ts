// Demographic rates of the population model: growth to the start date, sex ratios by age, fertility,
// mortality and migration schedules. Figures come from readFacts(); shapes are documented
// assumptions (docs/calibration.md). Used by the demo generator, the live simulator and the population
// forecast's defaults (server/forecast). The mortality and migration levels are calibrated here.
import type { Facts } from './facts.ts';

export const YEAR_DAYS = 365.2425;
export const CENSUS_DAY_2019 = '2019-04-01';

/** Sex ratio by 5-year group before rescaling (males per 100 females): more boys, more old women. */
export const SEX_RATIO_SHAPE = [111, 110, 109, 107, 104, 102, 101, 100, 99, 97, 95, 92, 88, 83, 76, 68, 58, 42];
/** Sex ratio at birth (GSO, Population and Housing Census 2019, major findings): not in the facts file. */
export const SEX_RATIO_AT_BIRTH = 111.5;
/** Age-specific fertility shape, groups 15–19 … 45–49 (per woman-year, before scaling to the TFR). */
export const ASFR_SHAPE = [0.035, 0.14, 0.142, 0.095, 0.045, 0.012, 0.002];
/** Relative birth intensity per calendar month (Jan…Dec), normalised to a yearly mean of 1 below. */
const BIRTH_SEASON_RAW = [1.0, 0.92, 0.93, 0.92, 0.95, 0.98, 1.02, 1.04, 1.06, 1.07, 1.06, 1.05];
/** Out-migration intensity by 5-year group: peaked at 20–29 (labour and marriage moves). */
export const MIGRATION_SHAPE = [
  0.5, 0.3, 0.25, 1.0, 2.6, 2.4, 1.5, 0.9, 0.6, 0.45, 0.35, 0.3, 0.25, 0.2, 0.2, 0.2, 0.2, 0.2,
];
/** Gross out-moves per 1000 residents a year (assumption; the facts give only the net rate). */
export const GROSS_OUT_MIGRATION = 10;
/** Temporary residents move out this many times as often as permanent ones. */
export const TEMPORARY_MOVE_FACTOR = 3;

const MONTH_DAYS = [31, 28.2425, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const seasonMean = BIRTH_SEASON_RAW.reduce((s, f, i) => s + f * MONTH_DAYS[i], 0) / YEAR_DAYS;
export const BIRTH_SEASON = BIRTH_SEASON_RAW.map((f) => f / seasonMean);

/** Yearly growth factor of the province between the census (1/4/2019) and the survey (1/4/2024). */
export function annualGrowth(facts: Facts): number {
  return Math.pow(facts.pop2024 / facts.pop2019, 1 / 5);
}

/** Age-specific fertility rates per woman-year, scaled so that 5 × Σ ASFR = TFR. */
export function asfr(facts: Facts): number[] {
  const sum = ASFR_SHAPE.reduce((s, x) => s + x, 0) * 5;
  return ASFR_SHAPE.map((x) => (x * facts.tfr) / sum);
}

/** Male multiplier of adult mortality: high excess at working ages, converging at old age. */
function maleMultiplier(age: number): number {
  if (age < 15) return 1.2;
  if (age < 65) return 2.0;
  if (age < 85) return 2.0 - (0.7 * (age - 65)) / 20;
  return 1.3;
}

/** Unscaled mortality hazard per year from age 1 (Gompertz–Makeham, female base). */
export function baseMortality(age: number, male: boolean): number {
  const female = 0.0003 + 2.5e-5 * Math.exp(0.095 * age);
  return male ? female * maleMultiplier(age) : female;
}

export const MAX_AGE = 110;
export const NEONATAL_DAYS = 28;
/** Share of infant deaths in the first 28 days (assumption). */
export const NEONATAL_SHARE = 0.55;
/** Male infant mortality relative to the average (assumption). */
const MALE_INFANT_FACTOR = 1.12;

export interface HazardTable {
  /** Yearly hazard by single year of age, index 0 unused for mortality (see neonatal/postneonatal). */
  byAge: Float64Array;
  neonatal: number; // yearly hazard in the first 28 days
  postneonatal: number; // yearly hazard from day 28 to the first birthday
}

/** Per-sex mortality tables: infant hazards from the infant mortality rate, ages 1+ scaled by `scale`. */
export function mortalityTables(facts: Facts, scale: number): { male: HazardTable; female: HazardTable } {
  const q0 = facts.infantMortality / 1000;
  const pm = SEX_RATIO_AT_BIRTH / (100 + SEX_RATIO_AT_BIRTH);
  const q0m = q0 * MALE_INFANT_FACTOR;
  const q0f = (q0 - pm * q0m) / (1 - pm);
  const table = (q: number, male: boolean): HazardTable => {
    const neoYears = NEONATAL_DAYS / YEAR_DAYS;
    const neonatal = -Math.log(1 - NEONATAL_SHARE * q) / neoYears;
    const postneonatal = -Math.log((1 - q) / (1 - NEONATAL_SHARE * q)) / (1 - neoYears);
    const byAge = new Float64Array(MAX_AGE + 1);
    for (let a = 1; a <= MAX_AGE; a++) byAge[a] = Math.min(2, scale * baseMortality(a + 0.5, male));
    byAge[0] = postneonatal;
    return { byAge, neonatal, postneonatal };
  };
  return { male: table(q0m, true), female: table(q0f, false) };
}

/** Life expectancy at birth of a hazard table (for the calibration report). */
export function lifeExpectancy(t: HazardTable): number {
  const neoYears = NEONATAL_DAYS / YEAR_DAYS;
  let alive = 1;
  let years = 0;
  const step = (h: number, dt: number) => {
    const survive = Math.exp(-h * dt);
    years += h > 0 ? (alive * (1 - survive)) / h : alive * dt;
    alive *= survive;
  };
  step(t.neonatal, neoYears);
  step(t.postneonatal, 1 - neoYears);
  for (let a = 1; a <= MAX_AGE; a++) step(t.byAge[a], 1);
  return years;
}

/** Yearly out-migration hazard by single year of age, for permanent residents (before scaling). */
export function migrationByAge(): Float64Array {
  const out = new Float64Array(MAX_AGE + 1);
  for (let a = 0; a <= MAX_AGE; a++) out[a] = MIGRATION_SHAPE[Math.min(17, Math.floor(a / 5))];
  return out;
}
