// Runs every indicator file of queries/ on the synthetic cube fixture and compares numerator and denominator per
// (unit, month) with the independent TypeScript definitions of reference.ts, unfiltered, per filter and per scope.
// The Decision 766 index (queries/index766: its own cube, petitions and working days) is compared row by row with
// figures worked out by hand in index766.test.ts instead; here it is only prepared and checked (checkRegistry).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bindParams,
  checkRegistry,
  loadRegistry,
  readTargets,
  type FilterName,
  type FilterValues,
  type IndicatorDef,
} from '../../server/registry/index.ts';
import { buildCubeFixture, type CubeFixture } from '../fixtures/cube-fixture.ts';
import { REFERENCE, computeReference, type Query, type ReferenceRow } from './reference.ts';

const registry = await loadRegistry('queries');
/** The files with a reference definition: all but the Decision 766 index (index766.test.ts). */
const defs = registry.list().filter((d) => d.domain !== 'index766');
const BASE_UNITS = ['D1', 'C1', 'C2', 'C3', 'D2', 'X9'];
const ALL: Query = { units: BASE_UNITS, from: '2022-01-01', to: '2022-06-01', filters: {} };

/** A value per filter that changes the answer of every indicator taking it. */
const SAMPLE: Record<FilterName, string | number> = {
  sex: 'F',
  age_min: 15,
  age_max: 60,
  residence: 'temporary',
  procedure_level: 'district',
  field: 'residence',
  procedure: 'TT',
  channel: 'online',
};

/** Targets without data in the store: no indicator file, the server answers "no data". */
const NO_DATA = ['A01', 'A03', 'C03'];

let fixture: CubeFixture;
beforeAll(async () => {
  fixture = await buildCubeFixture();
});
afterAll(() => fixture?.close());

async function runSql(def: IndicatorDef, q: Query): Promise<ReferenceRow[]> {
  const { values, types } = bindParams(def, q);
  const reader = await fixture.conn.runAndReadAll(def.sql, values, types);
  return reader.getRowObjectsJson() as unknown as ReferenceRow[];
}

/** Rows sorted by unit and month, values rounded so float sums compare exactly. */
function normalise(rows: ReferenceRow[]) {
  const round = (v: number | null) => (v === null ? null : Math.round(v * 1e6) / 1e6);
  return rows
    .map((r) => ({ key: `${r.unit_id}|${r.month}`, numerator: round(r.numerator), denominator: round(r.denominator) }))
    .sort((a, b) => a.key.localeCompare(b.key));
}

async function expectMatch(def: IndicatorDef, q: Query) {
  const expected = normalise(computeReference(REFERENCE[def.id], fixture.rows, q));
  const actual = normalise(await runSql(def, q));
  expect(actual).toEqual(expected);
  return expected;
}

describe('indicator files', () => {
  it('cover a reference definition each, and the reference covers every file', () => {
    expect(defs.map((d) => d.id).sort()).toEqual(Object.keys(REFERENCE).sort());
    const others = registry.list().filter((d) => !defs.includes(d));
    expect(others.every((d) => d.file.startsWith('queries/index766/'))).toBe(true);
  });

  it('prepare on the store with exactly their parameters and the four columns (checkRegistry)', async () => {
    await expect(checkRegistry(registry, fixture.conn)).resolves.toBeUndefined();
  });
});

describe.each(defs.map((d) => [d.id, d] as const))('%s', (id, def) => {
  const ref = REFERENCE[id];
  const filterCases: [string, FilterValues][] = def.meta.filters.map((f) => [`${f}=${SAMPLE[f]}`, { [f]: SAMPLE[f] }]);
  if (def.meta.filters.includes('age_min') && def.meta.filters.includes('age_max')) {
    filterCases.push(['age band 15–60', { age_min: 15, age_max: 60 }]);
  }
  if (def.meta.filters.length > 1) {
    filterCases.push(['every filter at once', Object.fromEntries(def.meta.filters.map((f) => [f, SAMPLE[f]]))]);
  }

  it('declares the filters and time rule of its definition; a count has no denominator', () => {
    expect(ref, `no reference definition for ${id}`).toBeDefined();
    expect([...def.meta.filters].sort()).toEqual([...ref.filters].sort());
    expect(def.meta.time).toBe(ref.time);
    const hasDenominator =
      ref.source === 'milestone' || (ref.source === 'catalogue' ? ref.rate : ref.den !== undefined);
    expect(def.meta.denominator !== 'none').toBe(hasDenominator);
  });

  it('matches the reference on every base unit and month', async () => {
    const rows = await expectMatch(def, ALL);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.some((r) => r.numerator !== 0)).toBe(true);
    for (const r of rows) expect(r.denominator === null).toBe(def.meta.denominator === 'none');
  });

  it('keeps to the months $from..$to', async () => {
    const rows = await expectMatch(def, { ...ALL, from: '2022-02-01', to: '2022-05-01' });
    expect(rows.every((r) => r.key.slice(-10) >= '2022-02-01' && r.key.slice(-10) <= '2022-05-01')).toBe(true);
  });

  it('keeps to the scope $units', async () => {
    const rows = await expectMatch(def, { ...ALL, units: ['C2', 'D1'] });
    expect(rows.every((r) => r.key.startsWith('C2|') || r.key.startsWith('D1|'))).toBe(true);
  });

  it.each(filterCases)('filter %s', async (_, filters) => {
    const filtered = computeReference(ref, fixture.rows, { ...ALL, filters });
    // The sample must change the reference, else this case could not catch an ignored filter.
    expect(normalise(filtered)).not.toEqual(normalise(computeReference(ref, fixture.rows, ALL)));
    await expectMatch(def, { ...ALL, filters });
  });
});

describe('targets.csv', async () => {
  const targets = await readTargets();

  it('has the 29 targets of the plan', () => {
    expect(targets.map((t) => t.id)).toHaveLength(29);
  });

  it.each(targets.filter((t) => !NO_DATA.includes(t.id)).map((t) => [t.id, t.indicator]))(
    '%s is measured by the registered indicator %s, whose header names it',
    (target, indicator) => {
      const def = registry.indicators.get(indicator);
      expect(def, `${indicator} is not registered`).toBeDefined();
      expect(def!.meta.targets).toContain(target);
    },
  );

  it('targets without data (A01, A03, C03) have no indicator file', () => {
    for (const t of targets.filter((t) => NO_DATA.includes(t.id)))
      expect(registry.indicators.has(t.indicator)).toBe(false);
  });

  it('every target a header names is measured by that indicator in targets.csv', () => {
    const byId = new Map(targets.map((t) => [t.id, t.indicator]));
    for (const def of registry.list()) for (const t of def.meta.targets) expect([t, byId.get(t)]).toEqual([t, def.id]);
  });
});
