// Default inputs of the population projection (GET /api/forecast/population) and its scenarios:
// mortality, fertility, sex ratio at birth and migration, each from a documented source (docs/forecast.md).
import { ASFR_SHAPE, MIGRATION_SHAPE, SEX_RATIO_AT_BIRTH, mortalityTables } from '../../data/pipeline/rates.ts';
import { readFacts, type Facts } from '../../data/pipeline/facts.ts';
import type { ProjectionInputs } from './cohort.ts';
import { lifeTable, scaleForE0 } from './life-table.ts';

export const INTERVAL = 5;
export const RADIX = 100000;
/** Lower bounds of the 5-year groups of pop_month: 0, 5, …, 80, 85 (= 85+). */
export const AGE_GROUPS = Array.from({ length: 18 }, (_, i) => i * INTERVAL);
/** First group with fertility in ASFR_SHAPE (15–19). */
const FIRST_FERTILE = 3;

export type ScenarioId = 'low' | 'medium' | 'high';

export interface Controls {
  /** total fertility rate, children per woman */
  tfr: number;
  /** life expectancy at birth, both sexes, years */
  e0: number;
  /** net migration, per 1000 residents a year */
  net_migration: number;
}

let facts: Facts | null = null;
const theFacts = (): Facts => (facts ??= readFacts());

/**
 * Medium: the latest figures of hai_duong_demography_facts.csv (TFR 2.11, e0 75.7, net migration
 * −0.6‰, all 2024). Low and high: TFR ∓ 0.5 (the UN World Population Prospects variants), e0 ∓ 1 year,
 * net migration −1.4‰ (the 2016 yearbook figure) and 0 (assumptions).
 */
export function scenario(id: ScenarioId): Controls {
  const f = theFacts();
  if (id === 'low') return { tfr: f.tfr - 0.5, e0: f.lifeExpectancy - 1, net_migration: -1.4 };
  if (id === 'high') return { tfr: f.tfr + 0.5, e0: f.lifeExpectancy + 1, net_migration: 0 };
  return { tfr: f.tfr, e0: f.lifeExpectancy, net_migration: f.netMigration };
}

/** Boys per girl at birth: 111.5 per 100 (GSO, census 2019), as in the demo generator. */
export const SEX_RATIO_AT_BIRTH_DEFAULT = SEX_RATIO_AT_BIRTH / 100;

/** The generator's age pattern of fertility on all 18 groups, scaled so that n · Σ ASFR = TFR. */
export function asfrForTfr(tfr: number, groups = AGE_GROUPS.length): number[] {
  const sum = ASFR_SHAPE.reduce((s, x) => s + x, 0) * INTERVAL;
  const out = new Array<number>(groups).fill(0);
  ASFR_SHAPE.forEach((x, j) => (out[FIRST_FERTILE + j] = (x * tfr) / sum));
  return out;
}

export interface Mortality {
  scale: number;
  female: number[];
  male: number[];
  e0_female: number;
  e0_male: number;
}

/** nLx of both sexes from the generator's mortality pattern, its level scaled to reach e0 (both sexes). */
export function mortalityForE0(e0: number, srb = SEX_RATIO_AT_BIRTH_DEFAULT): Mortality {
  const tables = mortalityTables(theFacts(), 1);
  const scale = scaleForE0(tables, e0, srb);
  const f = lifeTable(tables.female, scale, AGE_GROUPS, RADIX);
  const m = lifeTable(tables.male, scale, AGE_GROUPS, RADIX);
  return { scale, female: f.Lx, male: m.Lx, e0_female: f.e0, e0_male: m.e0 };
}

/**
 * Net migrants of one step by group and sex: rate‰ × total population × n years, spread over groups in
 * proportion to MIGRATION_SHAPE (peaked at 20–29) times each group's population.
 */
export function migrationCounts(
  ratePerThousand: number,
  female: number[],
  male: number[],
): { female: number[]; male: number[] } {
  const total = [...female, ...male].reduce((s, x) => s + x, 0);
  const migrants = (ratePerThousand / 1000) * total * INTERVAL;
  const weight = (p: number[]) => p.map((x, g) => x * MIGRATION_SHAPE[g]);
  const wf = weight(female);
  const wm = weight(male);
  const sum = [...wf, ...wm].reduce((s, x) => s + x, 0);
  const share = (w: number[]) => w.map((x) => (sum > 0 ? (migrants * x) / sum : 0));
  return { female: share(wf), male: share(wm) };
}

/** Full projection inputs for a base population by sex and 5-year group under the given controls. */
export function defaultInputs(
  base: { female: number[]; male: number[] },
  c: Controls,
  steps: number,
): { inputs: ProjectionInputs; mortality: Mortality } {
  const mortality = mortalityForE0(c.e0);
  const inputs: ProjectionInputs = {
    interval: INTERVAL,
    steps,
    radix: RADIX,
    sexRatioAtBirth: SEX_RATIO_AT_BIRTH_DEFAULT,
    female: { population: base.female, Lx: mortality.female, asfr: asfrForTfr(c.tfr) },
    male: { population: base.male, Lx: mortality.male },
    netMigration: migrationCounts(c.net_migration, base.female, base.male),
  };
  return { inputs, mortality };
}
