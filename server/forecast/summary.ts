// Summaries of a projected population by sex and 5-year group (totals, school ages, working age,
// old age, dependency and ageing ratios) and the yearly interpolation between steps for charts.
import type { ProjectionStep } from './cohort.ts';

export interface PopulationSummary {
  year: number;
  total: number;
  female: number;
  male: number;
  age_0_14: number;
  /** primary school ages 6–10 (Vietnam), from 5-year groups assuming ages spread evenly in a group */
  school_6_10: number;
  /** lower secondary 11–14 */
  school_11_14: number;
  /** upper secondary 15–17 */
  school_15_17: number;
  working_15_64: number;
  age_60_plus: number;
  age_65_plus: number;
  /** (0–14 + 65+) per 100 aged 15–64 */
  dependency_total: number | null;
  /** 0–14 per 100 aged 15–64 */
  dependency_child: number | null;
  /** 65+ per 100 aged 15–64 */
  dependency_old_age: number | null;
  /** 60+ per 100 aged 0–14 (GSO's ageing index) */
  ageing_index: number | null;
}

const sumRange = (p: number[], from: number, to: number) => p.slice(from, to).reduce((s, x) => s + x, 0);
const per100 = (a: number, b: number) => (b > 0 ? (100 * a) / b : null);

/** Summary of both sexes by 5-year group (lower bounds 0, 5, …, 85); `male` may be null (one sex). */
export function summarize(year: number, female: number[], male: number[] | null): PopulationSummary {
  const both = female.map((x, g) => x + (male ? male[g] : 0));
  const g = (lower: number) => both[lower / 5];
  const child = sumRange(both, 0, 3);
  const working = sumRange(both, 3, 13);
  const old65 = sumRange(both, 13, both.length);
  const old60 = sumRange(both, 12, both.length);
  return {
    year,
    total: sumRange(both, 0, both.length),
    female: sumRange(female, 0, female.length),
    male: male ? sumRange(male, 0, male.length) : 0,
    age_0_14: child,
    // ages 6–9 are 4/5 of 5–9, age 10 is 1/5 of 10–14; 11–14 the other 4/5; 15–17 is 3/5 of 15–19
    school_6_10: (4 / 5) * g(5) + (1 / 5) * g(10),
    school_11_14: (4 / 5) * g(10),
    school_15_17: (3 / 5) * g(15),
    working_15_64: working,
    age_60_plus: old60,
    age_65_plus: old65,
    dependency_total: per100(child + old65, working),
    dependency_child: per100(child, working),
    dependency_old_age: per100(old65, working),
    ageing_index: per100(old60, child),
  };
}

const COUNTS = [
  'total',
  'female',
  'male',
  'age_0_14',
  'school_6_10',
  'school_11_14',
  'school_15_17',
  'working_15_64',
  'age_60_plus',
  'age_65_plus',
] as const;
const RATIOS = ['dependency_total', 'dependency_child', 'dependency_old_age', 'ageing_index'] as const;

/** For answers: persons to whole numbers, ratios to one decimal. */
export function roundSummary(s: PopulationSummary): PopulationSummary {
  const out = { ...s };
  for (const k of COUNTS) out[k] = Math.round(s[k]);
  for (const k of RATIOS) out[k] = s[k] === null ? null : Math.round(s[k] * 10) / 10;
  return out;
}

export interface YearPopulation {
  year: number;
  female: number[];
  male: number[] | null;
}

/**
 * Population by group for every whole year from baseYear to the last step: linear interpolation of
 * each group between the two steps around the year (the steps themselves are kept exactly).
 */
export function interpolateYearly(steps: ProjectionStep[], baseYear: number): YearPopulation[] {
  const out: YearPopulation[] = [];
  const last = steps[steps.length - 1].t;
  for (let t = 0; t <= last; t++) {
    const j = Math.max(
      1,
      steps.findIndex((s) => s.t >= t),
    );
    const a = steps[j - 1];
    const b = steps[j];
    const w = b.t === a.t ? 0 : (t - a.t) / (b.t - a.t);
    const mix = (x: number[], y: number[]) => x.map((v, i) => v + w * (y[i] - v));
    out.push({
      year: baseYear + t,
      female: mix(a.female, b.female),
      male: a.male && b.male ? mix(a.male, b.male) : null,
    });
  }
  return out;
}
