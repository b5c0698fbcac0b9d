// The cohort-component projection against Preston, Heuveline & Guillot (2001) Box 6.2 (Swedish females
// 1993 → 1998), against an explicit Leslie matrix, and its invariants; plus the summaries.
import { describe, expect, it } from 'vitest';
import { project, survivalRatios, firstNegative, type ProjectionInputs } from '../../server/forecast/cohort.ts';
import { interpolateYearly, summarize } from '../../server/forecast/summary.ts';
import { asfrForTfr, mortalityForE0 } from '../../server/forecast/defaults.ts';

// Preston, Heuveline & Guillot, Demography: Measuring and Modeling Population Processes (Blackwell
// 2001), ch. 6, Box 6.2: Swedish females, 1993 population, 1993–98 life table (radix 100000, last =
// T85), ASFR and net female migrants per 5 years; SRB 1.05. Inputs and the book's 1998 results as
// transcribed in the R package ccmppWPP (github.com/markalava/ccmppWPP, data-raw/sweden_1993.R:
// P0F, LxF, Fx, NMxF, Bx, PzF, PzM; its male inputs reuse the female ones).
const SWEDEN = {
  P: [
    293395, 248369, 240012, 261346, 285209, 314388, 281290, 286923, 304108, 324946, 247613, 211351, 215140, 221764,
    223506, 183654, 141990, 112424,
  ],
  L: [
    497487, 497138, 496901, 496531, 495902, 495168, 494213, 492760, 490447, 486613, 480665, 471786, 457852, 436153,
    402775, 350358, 271512, 291707,
  ],
  F: [0, 0, 0, 0.012, 0.0908, 0.1499, 0.1125, 0.0441, 0.0074, 0.0003, 0, 0, 0, 0, 0, 0, 0, 0],
  M: [6840, 4150, 3365, 5270, 9240, 8230, 5470, 3155, 1770, 1115, 1075, 845, 645, 530, 465, 300, 250, 175],
  /** births by age of mother, 1993–98 (15–19 … 45–49) */
  births: [15244, 126688, 229354, 170057, 63203, 10971, 472],
  female1998: [
    302392, 298682, 252007, 244150, 268267, 293515, 320624, 284767, 288031, 303166, 322062, 243989, 205841, 205516,
    205270, 194771, 142565, 131966,
  ],
  male0to4in1998: 317340,
};

const sweden = (withMigration: boolean, male = false): ProjectionInputs => ({
  interval: 5,
  steps: 1,
  radix: 100000,
  sexRatioAtBirth: 1.05,
  female: { population: SWEDEN.P, Lx: SWEDEN.L, asfr: SWEDEN.F },
  male: male ? { population: SWEDEN.P, Lx: SWEDEN.L } : undefined,
  netMigration: withMigration ? { female: SWEDEN.M, male: male ? SWEDEN.M : undefined } : undefined,
});

describe('Preston et al. (2001) Box 6.2: Swedish females 1993 → 1998', () => {
  const [, y1998] = project(sweden(true, true));

  it('gives the published 1998 female population in every age group (to the person)', () => {
    y1998.female.forEach((x, i) => expect(Math.abs(x - SWEDEN.female1998[i]), `group ${i * 5}`).toBeLessThanOrEqual(1));
  });

  it('gives the published births 1993–98 (sum of the births by age of mother) and the male 0–4', () => {
    const total = SWEDEN.births.reduce((s, x) => s + x, 0);
    expect(Math.abs(y1998.births! - total)).toBeLessThanOrEqual(4); // the book rounds each age's births
    expect(Math.abs(y1998.male![0] - SWEDEN.male0to4in1998)).toBeLessThanOrEqual(1);
    expect(y1998.birthsFemale! * 1.05).toBeCloseTo(y1998.birthsMale!, 6);
  });
});

describe('against an explicit Leslie matrix (closed female population)', () => {
  it('one step equals the matrix product, with the first row ½ (F_i + F_{i+1} s_{i+1}) n L0/(n l0) / (1+SRB)', () => {
    const k = SWEDEN.P.length;
    const s = SWEDEN.L.map((l, i) =>
      i === 0 ? l / 500000 : i === k - 1 ? l / (SWEDEN.L[k - 2] + l) : l / SWEDEN.L[i - 1],
    );
    const A = Array.from({ length: k }, () => new Array<number>(k).fill(0));
    for (let i = 0; i < k - 1; i++) A[0][i] = (5 * s[0] * (SWEDEN.F[i] + SWEDEN.F[i + 1] * s[i + 1])) / 2 / 2.05;
    for (let i = 1; i < k; i++) A[i][i - 1] = s[i];
    A[k - 1][k - 1] = s[k - 1];
    let p = SWEDEN.P;
    const steps = project({ ...sweden(false), steps: 3 });
    for (let t = 1; t <= 3; t++) {
      p = A.map((row) => row.reduce((acc, a, j) => acc + a * p[j], 0));
      p.forEach((x, i) => expect(steps[t].female[i]).toBeCloseTo(x, 6));
    }
  });
});

describe('invariants', () => {
  const mortality = mortalityForE0(75.7);

  it('without births or migration the population only ages and shrinks', () => {
    const p = SWEDEN.P;
    const steps = project({
      ...sweden(false),
      steps: 4,
      female: { population: p, Lx: SWEDEN.L, asfr: p.map(() => 0) },
    });
    for (let t = 1; t < steps.length; t++) {
      const [prev, cur] = [steps[t - 1].female, steps[t].female];
      expect(cur[0]).toBe(0);
      for (let i = 1; i < p.length - 1; i++) expect(cur[i]).toBeLessThanOrEqual(prev[i - 1]);
      expect(cur.at(-1)!).toBeLessThanOrEqual(prev.at(-1)! + prev.at(-2)!);
      expect(cur.reduce((a, b) => a + b)).toBeLessThan(prev.reduce((a, b) => a + b));
    }
  });

  it('survival ratios of the default life tables are at most 1', () => {
    for (const Lx of [mortality.female, mortality.male, SWEDEN.L]) {
      for (const s of survivalRatios(Lx, 5, 100000)) expect(s).toBeLessThanOrEqual(1);
    }
  });

  it('scales the fertility pattern exactly to the TFR', () => {
    for (const tfr of [1.2, 2.11, 3.5]) expect(5 * asfrForTfr(tfr).reduce((a, b) => a + b)).toBeCloseTo(tfr, 12);
  });

  it('migrants: half exposed to survival, half added at the end (groups 5+)', () => {
    const [, closed] = project(sweden(false));
    const [, open] = project(sweden(true));
    const s = survivalRatios(SWEDEN.L, 5, 100000);
    const k = SWEDEN.P.length;
    for (let i = 1; i < k - 1; i++)
      expect(open.female[i] - closed.female[i]).toBeCloseTo((s[i] * SWEDEN.M[i - 1]) / 2 + SWEDEN.M[i] / 2, 6);
    expect(open.female[k - 1] - closed.female[k - 1]).toBeCloseTo(
      (s[k - 1] * (SWEDEN.M[k - 2] + SWEDEN.M[k - 1])) / 2 + SWEDEN.M[k - 1] / 2,
      6,
    );
  });

  it('reports a cell driven below zero by net emigration', () => {
    const steps = project({
      ...sweden(false),
      netMigration: { female: SWEDEN.M.map((m, i) => (i === 17 ? -1e6 : 0)) },
    });
    expect(firstNegative(steps)).toEqual({ t: 5, sex: 'female', group: 17 });
  });
});

describe('summaries', () => {
  const female = Array.from({ length: 18 }, (_, g) => 100 + g);
  const male = Array.from({ length: 18 }, () => 50);
  const s = summarize(2030, female, male);

  it('computes the groups and ratios from 5-year groups', () => {
    const both = female.map((x, g) => x + male[g]);
    expect(s.total).toBe(both.reduce((a, b) => a + b));
    expect(s.school_6_10).toBeCloseTo(0.8 * both[1] + 0.2 * both[2], 9);
    expect(s.school_11_14).toBeCloseTo(0.8 * both[2], 9);
    expect(s.school_15_17).toBeCloseTo(0.6 * both[3], 9);
    const child = both[0] + both[1] + both[2];
    const working = both.slice(3, 13).reduce((a, b) => a + b);
    const old = both.slice(13).reduce((a, b) => a + b);
    expect(s.working_15_64).toBe(working);
    expect(s.age_60_plus).toBe(old + both[12]);
    expect(s.dependency_total).toBeCloseTo((100 * (child + old)) / working, 9);
    expect(s.ageing_index).toBeCloseTo((100 * (old + both[12])) / child, 9);
  });

  it('interpolates yearly, linearly, and keeps the steps exact', () => {
    const steps = project({ ...sweden(true, true), steps: 2 });
    const years = interpolateYearly(steps, 1993);
    expect(years.map((y) => y.year)).toEqual(Array.from({ length: 11 }, (_, i) => 1993 + i));
    expect(years[5].female).toEqual(steps[1].female);
    expect(years[7].male![4]).toBeCloseTo(steps[1].male![4] + 0.4 * (steps[2].male![4] - steps[1].male![4]), 9);
  });
});
