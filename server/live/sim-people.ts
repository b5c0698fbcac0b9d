// Population events of the live simulator (server/live/simulator.ts): how often each happens per 1000
// residents, and who it concerns (sex, birth date, residence, what they hold), drawn from the demo
// generator's rates and shares for a commune of middling digital maturity. Never a name or an ID number.
import { civil, dateStr, dayOf } from '../../data/pipeline/generate/calendar.ts';
import { communeParams } from '../../data/pipeline/generate/maturity.ts';
import { OLDEST_DECAY } from '../../data/pipeline/generate/model.ts';
import type { Rng } from '../../data/pipeline/generate/prng.ts';
import {
  GROSS_OUT_MIGRATION,
  MIGRATION_SHAPE,
  SEX_RATIO_AT_BIRTH,
  TEMPORARY_MOVE_FACTOR,
  baseMortality,
} from '../../data/pipeline/rates.ts';
import type { PopulationEvent } from '../contracts/events.ts';

export const POP_TYPES = ['birth', 'death', 'move_in', 'move_out', 'id_card_issued', 'vneid_activated'] as const;
export type PopType = (typeof POP_TYPES)[number];

/** Digital maturity of the simulated communes: the middle of the demo's [0, 1) range. */
export const MATURITY = 0.5;
const NET_MIGRATION = -0.6; // per 1000 a year: hai_duong_demography_facts.csv, net_migration_rate 2024
/** Events a year per 1000 residents (docs/simulator.md gives each source). */
export const PER_1000: Record<PopType, number> = {
  birth: 13.5, // crude birth rate the demo generated 2022–2025: 14.1, 13.9, 13.4, 12.5‰ (docs/calibration.md)
  death: 6.4, // crude death rate 2016, hai_duong_demography_facts.csv: the generator's calibration target
  move_out: GROSS_OUT_MIGRATION,
  move_in: GROSS_OUT_MIGRATION + NET_MIGRATION,
  id_card_issued: 18.3, // one cohort turns 14 a year: the 5–9-year-olds of census 2019 (9.17 % in district 291) / 5
  vneid_activated: 16.2, // that cohort × the VNeID ceiling at maturity 0.5 (maturity.ts: vneidCap 0.885)
};

/**
 * Residents by 5-year group (%), census 2019, district 291
 * (census2019/population_by_district_age5_urban_rural.csv).
 */
export const CENSUS_AGE_SHARES = [
  8.8, 9.17, 6.6, 5.28, 5.15, 7.92, 8.26, 7.29, 6.04, 6.52, 6.22, 6.56, 5.53, 3.48, 2.12, 1.53, 1.6, 1.94,
];
const INFANT_MORTALITY = 0.0115; // per live birth: hai_duong_demography_facts.csv, 2016
const MORTALITY_SCALE = 0.681; // the generator's fitted scale of baseMortality for Nam Sách (docs/calibration.md)
const MALE_SHARE = 98.8 / 198.8; // sex ratio 2024, hai_duong_demography_facts.csv
const MALE_AT_BIRTH = SEX_RATIO_AT_BIRTH / (100 + SEX_RATIO_AT_BIRTH);
const MAX_AGE = 104;

const params = communeParams({
  unitId: '',
  name: '',
  districtId: '',
  popUrban: 0,
  popRural: 1,
  households: 0,
  maturity: MATURITY,
  champion: false,
});
/** In-movers are more often temporary residents (people.ts inTempShare). */
const IN_MOVER_TEMPORARY =
  (TEMPORARY_MOVE_FACTOR * params.temporaryShare) / (1 + (TEMPORARY_MOVE_FACTOR - 1) * params.temporaryShare);

/** Share of residents of an age (single years 0…104; the 85+ group falls off as in model.ts). */
function residentsAt(age: number): number {
  const g = Math.min(17, Math.floor(age / 5));
  if (g < 17) return CENSUS_AGE_SHARES[g] / 5;
  let norm = 0;
  for (let a = 85; a <= MAX_AGE; a++) norm += Math.exp(-OLDEST_DECAY * (a - 85));
  return (CENSUS_AGE_SHARES[17] * Math.exp(-OLDEST_DECAY * (age - 85))) / norm;
}

function cumulative(weights: number[]): Float64Array {
  let s = 0;
  return Float64Array.from(weights, (w) => (s += w));
}

/**
 * Temporary residents among residents of an age: mostly young adults (model.ts migrationShapeRelative,
 * people.ts seedStock).
 */
const SHAPE_MEAN = MIGRATION_SHAPE.reduce((sum, w, g) => sum + (w * CENSUS_AGE_SHARES[g]) / 100, 0);
const temporaryAt = (age: number) =>
  Math.min(0.5, (params.temporaryShare * MIGRATION_SHAPE[Math.min(17, Math.floor(age / 5))]) / SHAPE_MEAN);
/** Out-movers of an age: temporary residents move TEMPORARY_MOVE_FACTOR times as often. */
const outMoverTemporaryAt = (age: number) =>
  (TEMPORARY_MOVE_FACTOR * temporaryAt(age)) / (1 + (TEMPORARY_MOVE_FACTOR - 1) * temporaryAt(age));

const AGES = Array.from({ length: MAX_AGE + 1 }, (_, a) => a);
/** Deaths by sex and age: residents × mortality (males 0…104, then females). Skewed old. */
const DEATHS = cumulative(
  [true, false].flatMap((male) =>
    AGES.map(
      (a) =>
        (male ? MALE_SHARE : 1 - MALE_SHARE) *
        residentsAt(a) *
        (a === 0 ? INFANT_MORTALITY : MORTALITY_SCALE * baseMortality(a + 0.5, male)),
    ),
  ),
);
/** Movers by age: residents × the migration profile (peaked at 20–29). */
const MOVERS = cumulative(AGES.map((a) => residentsAt(a) * MIGRATION_SHAPE[Math.min(17, Math.floor(a / 5))]));

/** The same calendar day `years` earlier (29 February becomes the 28th, so the age is never short). */
function yearsBefore(day: number, years: number): number {
  const [y, m, d] = civil(day);
  return dayOf(y - years, m, m === 2 && d === 29 ? 28 : d);
}

/** Birth day of someone aged `age` whole years on `day` (at least one day old). */
function bornAged(rng: Rng, day: number, age: number): number {
  if (age === 0) return day - 1 - rng.int(364);
  return yearsBefore(day, age) - rng.int(365);
}

/** The share of the VNeID ceiling an age reaches (person-attributes.ts vneidAgeFactor). */
const vneidAgeFactor = (age: number) => (age < 60 ? 1 : age < 70 ? 0.85 : age < 80 ? 0.6 : 0.3);

interface Holdings {
  chip: boolean;
  level: 0 | 1 | 2;
  incomplete: boolean;
}

/** What a resident of `age` holds: chip card, VNeID level, a record missing a field. */
function holdings(rng: Rng, age: number, incomplete: number): Holdings {
  const chip = age >= 14 && !rng.chance(params.cardNever);
  const eid = age >= 14 && rng.chance(params.vneidCap * vneidAgeFactor(age));
  return { chip, level: !eid ? 0 : chip && rng.chance(params.vneidLevel2) ? 2 : 1, incomplete: rng.chance(incomplete) };
}

/**
 * A population event of `type` in `unit` on Vietnam day `day`, at `occurredAt`. Object literals, no spreads:
 * they are slow.
 */
export function populationEvent(
  rng: Rng,
  type: PopType,
  unit: string,
  id: string,
  day: number,
  occurredAt: string,
): PopulationEvent {
  const stayed = params.incomplete * params.incompleteResidual; // records still incomplete years later
  let male = rng.chance(MALE_SHARE);
  let temporary = params.temporaryShare;
  let birth: number;
  let held: Holdings;
  let level: 1 | 2 | undefined;
  if (type === 'birth') {
    male = rng.chance(MALE_AT_BIRTH);
    birth = day;
    held = { chip: false, level: 0, incomplete: rng.chance(0.03 * (1 - MATURITY)) };
  } else if (type === 'death') {
    const i = rng.pickCumulative(DEATHS);
    const age = i % (MAX_AGE + 1);
    male = i <= MAX_AGE;
    // 55 % of infant deaths in the first 28 days (rates.ts NEONATAL_SHARE)
    birth = age === 0 ? day - (rng.chance(0.55) ? rng.int(28) : 28 + rng.int(337)) : bornAged(rng, day, age);
    temporary = temporaryAt(age);
    held = holdings(rng, age, stayed);
  } else if (type === 'move_in' || type === 'move_out') {
    const age = rng.pickCumulative(MOVERS);
    birth = bornAged(rng, day, age);
    temporary = type === 'move_in' ? IN_MOVER_TEMPORARY : outMoverTemporaryAt(age);
    held = holdings(rng, age, type === 'move_in' ? 0.01 + 0.04 * (1 - MATURITY) : stayed);
  } else {
    // mostly the cohort that just turned 14: the delay after the birthday as person-attributes.ts draws it
    birth = yearsBefore(day - Math.floor(rng.exp(params.teenCardDays)), 14);
    temporary = temporaryAt(14);
    if (type === 'vneid_activated') level = rng.chance(params.vneidLevel2) ? 2 : 1;
    held = { chip: level === 2, level: 0, incomplete: rng.chance(stayed) };
  }
  const e: PopulationEvent = {
    event_id: id,
    type,
    occurred_at: occurredAt,
    unit,
    sex: male ? 'M' : 'F',
    birth_date: dateStr(birth),
    residence: rng.chance(temporary) ? 'temporary' : 'permanent',
    personal_id: true,
    chip_card: held.chip,
    vneid_level: held.level,
    incomplete_record: held.incomplete,
  };
  if (level !== undefined) e.level = level;
  return e;
}
