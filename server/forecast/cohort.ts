// Cohort-component population projection (Leslie matrix), following Preston, Heuveline & Guillot,
// Demography (2001), ch. 6 (Boxes 6.1 and 6.2). Pure; used by the forecast routes and their tests.

export interface SexInputs {
  /** population by age group at the start (lower bounds 0, n, 2n, …; the last group is open) */
  population: number[];
  /** life-table person-years lived in each group per `radix` births; the last one is T for the open group */
  Lx: number[];
}

export interface ProjectionInputs {
  /** width of the age groups and of a projection step, in years */
  interval: number;
  steps: number;
  radix: number;
  /** boys per girl at birth */
  sexRatioAtBirth: number;
  female: SexInputs & { asfr: number[] };
  male?: SexInputs;
  /** net migrants during one step, by age group (counts per step, the same every step); absent = closed */
  netMigration?: { female?: number[]; male?: number[] };
}

export interface ProjectionStep {
  /** years since the start */
  t: number;
  female: number[];
  male: number[] | null;
  /** births of both sexes during the step ending at t (null at t = 0) */
  births: number | null;
  birthsFemale: number | null;
  birthsMale: number | null;
}

/**
 * Survival ratios for one step: S[0] = L0 / (n · radix) for births, S[i] = L(i) / L(i−1) for i < k−1,
 * and for the open group S[k−1] = T(last) / T(last−1) = L(last) / (L(last−1) + L(last)).
 */
export function survivalRatios(Lx: number[], interval: number, radix: number): number[] {
  const k = Lx.length;
  const s = new Array<number>(k);
  s[0] = Lx[0] / (interval * radix);
  for (let i = 1; i < k - 1; i++) s[i] = Lx[i] / Lx[i - 1];
  s[k - 1] = Lx[k - 1] / (Lx[k - 2] + Lx[k - 1]);
  return s;
}

/**
 * Ages one sex by one step. Migrants follow Preston's Box 6.2: half of each group's net migrants
 * join at the start and are exposed to survival, the other half join at the end of the step.
 * The first group (births) is filled by the caller.
 */
function ageOneStep(p: number[], s: number[], m: number[]): number[] {
  const k = p.length;
  const start = p.map((x, i) => x + m[i] / 2);
  const out = new Array<number>(k).fill(0);
  for (let i = 1; i < k - 1; i++) out[i] = start[i - 1] * s[i] + m[i] / 2;
  out[k - 1] = (start[k - 2] + start[k - 1]) * s[k - 1] + m[k - 1] / 2;
  return out;
}

/** Runs the projection; step 0 is the starting population. */
export function project(inp: ProjectionInputs): ProjectionStep[] {
  const { interval: n, radix, sexRatioAtBirth: srb } = inp;
  const k = inp.female.population.length;
  const zeros = new Array<number>(k).fill(0);
  const mf = inp.netMigration?.female ?? zeros;
  const mm = inp.netMigration?.male ?? zeros;
  const sf = survivalRatios(inp.female.Lx, n, radix);
  const sm = inp.male ? survivalRatios(inp.male.Lx, n, radix) : null;
  let f = [...inp.female.population];
  let m = inp.male ? [...inp.male.population] : null;
  const out: ProjectionStep[] = [{ t: 0, female: f, male: m, births: null, birthsFemale: null, birthsMale: null }];
  for (let step = 1; step <= inp.steps; step++) {
    const nf = ageOneStep(f, sf, mf);
    // births = n · Σ ASFR_x · ½ (W_x(t) + M_x/2 + W_x(t+n)): women exposed over the step
    let births = 0;
    for (let i = 0; i < k; i++) births += n * inp.female.asfr[i] * ((f[i] + mf[i] / 2 + nf[i]) / 2);
    const birthsFemale = births / (1 + srb);
    const birthsMale = births - birthsFemale;
    nf[0] = birthsFemale * sf[0] + mf[0] / 2;
    let nm: number[] | null = null;
    if (m && sm) {
      nm = ageOneStep(m, sm, mm);
      nm[0] = birthsMale * sm[0] + mm[0] / 2;
    }
    f = nf;
    m = nm;
    out.push({ t: step * n, female: f, male: m, births, birthsFemale, birthsMale });
  }
  return out;
}

/** The first cell that fell below zero (net emigration larger than the people there), or null. */
export function firstNegative(steps: ProjectionStep[]): { t: number; sex: 'female' | 'male'; group: number } | null {
  for (const st of steps) {
    for (const sex of ['female', 'male'] as const) {
      const v = st[sex];
      const g = v ? v.findIndex((x) => x < -1e-9) : -1;
      if (g >= 0) return { t: st.t, sex, group: g };
    }
  }
  return null;
}
