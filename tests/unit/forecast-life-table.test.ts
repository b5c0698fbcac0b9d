// Life tables from yearly hazards against closed forms (constant hazard) and the generator's own e0,
// the e0 solver, and the default inputs built on them (TFR, migration totals).
import { describe, expect, it } from 'vitest';
import { MAX_AGE, lifeExpectancy, mortalityTables, type HazardTable } from '../../data/pipeline/rates.ts';
import { readFacts } from '../../data/pipeline/facts.ts';
import { e0BothSexes, lifeTable, scaleForE0 } from '../../server/forecast/life-table.ts';
import { AGE_GROUPS, migrationCounts, mortalityForE0, scenario } from '../../server/forecast/defaults.ts';

const constant = (mu: number): HazardTable => ({
  byAge: new Float64Array(MAX_AGE + 1).fill(mu),
  neonatal: mu,
  postneonatal: mu,
});

describe('life table from hazards', () => {
  it('matches the closed form for a constant hazard: nLx = (l(x) − l(x+5))/μ, e0 = 1/μ', () => {
    const mu = 0.02;
    const t = lifeTable(constant(mu), 1, AGE_GROUPS, 100000);
    expect(t.e0).toBeCloseTo(1 / mu, 9);
    AGE_GROUPS.slice(0, -1).forEach((x, g) => {
      expect(t.Lx[g]).toBeCloseTo((100000 * (Math.exp(-mu * x) - Math.exp(-mu * (x + 5)))) / mu, 6);
      expect(t.lx[g]).toBeCloseTo(100000 * Math.exp(-mu * x), 6);
    });
    expect(t.Lx[17]).toBeCloseTo((100000 * Math.exp(-mu * 85)) / mu, 6); // T85
  });

  it("gives the generator's own life expectancy for its mortality tables", () => {
    const tables = mortalityTables(readFacts(), 1.3);
    for (const sex of ['female', 'male'] as const) {
      expect(lifeTable(tables[sex], 1, AGE_GROUPS).e0).toBeCloseTo(lifeExpectancy(tables[sex]), 3);
    }
  });

  it('sums to e0 × radix', () => {
    const t = lifeTable(mortalityTables(readFacts(), 1).female, 0.9, AGE_GROUPS, 100000);
    expect(t.Lx.reduce((a, b) => a + b)).toBeCloseTo(t.e0 * 100000, 4);
  });
});

describe('e0 control', () => {
  const tables = mortalityTables(readFacts(), 1);

  it('solves the mortality scale for a target e0 (both sexes, weighted by the sex ratio at birth)', () => {
    for (const target of [70, 75.7, 80]) {
      const k = scaleForE0(tables, target, 1.115);
      const e0 = e0BothSexes(lifeTable(tables.female, k, [0]).e0, lifeTable(tables.male, k, [0]).e0, 1.115);
      expect(e0).toBeCloseTo(target, 6);
    }
    expect(scaleForE0(tables, 70, 1.115)).toBeGreaterThan(scaleForE0(tables, 80, 1.115));
  });

  it('refuses an e0 out of reach', () => {
    expect(() => scaleForE0(tables, 1e6, 1.115)).toThrow(RangeError);
  });

  it('default mortality: e0 75.7 with women outliving men, Lx falling with age', () => {
    const m = mortalityForE0(scenario('medium').e0);
    expect(scenario('medium').e0).toBe(75.7);
    expect(e0BothSexes(m.e0_female, m.e0_male, 1.115)).toBeCloseTo(75.7, 6);
    expect(m.e0_female).toBeGreaterThan(m.e0_male);
    for (const Lx of [m.female, m.male]) for (let i = 1; i < 17; i++) expect(Lx[i]).toBeLessThan(Lx[i - 1]);
  });
});

describe('default migration and scenarios', () => {
  it('spreads rate‰ × population × 5 years over groups and sexes', () => {
    const female = AGE_GROUPS.map((_, g) => 1000 + 10 * g);
    const male = AGE_GROUPS.map(() => 900);
    const m = migrationCounts(-0.6, female, male);
    const total = [...female, ...male].reduce((a, b) => a + b);
    expect([...m.female, ...m.male].reduce((a, b) => a + b)).toBeCloseTo((-0.6 / 1000) * total * 5, 9);
    expect(m.female[5]).toBeLessThan(m.female[0]); // peak of moves at 20–29
  });

  it('orders the scenarios low < medium < high in TFR and e0', () => {
    const [lo, med, hi] = (['low', 'medium', 'high'] as const).map(scenario);
    expect(med).toEqual({ tfr: 2.11, e0: 75.7, net_migration: -0.6 });
    expect(lo.tfr).toBeLessThan(med.tfr);
    expect(hi.tfr).toBeGreaterThan(med.tfr);
    expect(lo.e0).toBeLessThan(hi.e0);
    expect(lo.net_migration).toBeLessThan(hi.net_migration);
  });
});
