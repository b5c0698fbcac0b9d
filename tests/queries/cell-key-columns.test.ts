// The cell-key columns of the indicator statements (issue 14, docs/disclosure.md, docs/indicators.md): beside its
// numerator and denominator, each statement returns their cell keys, the sums of the cubes' X_key over exactly the
// cells its counts add up. Checked on the demo store (generator files loaded by the importer, which fills the keys)
// against sums taken here cell by cell in TypeScript from the cube rows, with predicates written from the headers,
// never from the SQL. A store whose keys are all 0 fails: the keys must be there to be checked.
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasMinusPair } from '../../server/indicators/compose.ts';
import { bindParams, loadRegistry, type FilterValues, type IndicatorDef } from '../../server/registry/index.ts';
import { buildDemoStore } from '../helpers/demo-store.ts';

const registry = await loadRegistry('queries');
const UNITS = ['10606', '10639', '10615', '291'];
const FROM = '2022-05-01';
const TO = '2022-08-01';

type Row = Record<string, string | number | boolean | null>;
interface Cube {
  pop: Row[];
  dossier: Row[];
  bundle: Row[];
  /** service_month (the Decision 766 index), by unit, month and procedure: its statements return rows by procedure */
  service: Row[];
  /** petitions with their record key k (5.1) */
  petition: Row[];
}
/** A cube cell's contribution to a part's key, or undefined when the cell is not in the part. */
type Part = (r: Row) => number | undefined;
interface KeyDef {
  source: keyof Cube;
  num: Part | null;
  den: Part | null;
  minus?: Part;
  /** Cells of the source the statement reads at all (beyond the filters of the query). */
  where?: (r: Row) => boolean;
  /** Rows of the statement that are not sums of cells (1.4's fallback estimate): not recounted. */
  skip?: (r: Row) => boolean;
}

const n = (v: unknown) => Number(v);
const all =
  (column: string): Part =>
  (r) =>
    n(r[`${column}_key`]);
const when =
  (test: (r: Row) => boolean, column: string): Part =>
  (r) =>
    test(r) ? n(r[`${column}_key`]) : undefined;
const age = (r: Row) => n(r.age_group);

/** What each part counts, read from the headers (numerator:, denominator:); null: not a count, no key. */
const DEFS: Record<string, KeyDef> = {
  population: { source: 'pop', num: all('population'), den: null },
  births: { source: 'pop', num: all('births'), den: null },
  count_vneid_accounts: { source: 'pop', num: all('vneid_level1'), den: null },
  population_density: { source: 'pop', num: all('population'), den: null },
  sex_ratio: {
    source: 'pop',
    num: when((r) => r.sex === 'M', 'population'),
    den: when((r) => r.sex === 'F', 'population'),
  },
  dependency_ratio: {
    source: 'pop',
    num: when((r) => age(r) < 15 || age(r) >= 65, 'population'),
    den: when((r) => age(r) >= 15 && age(r) < 65, 'population'),
  },
  ageing_index: {
    source: 'pop',
    num: when((r) => age(r) >= 60, 'population'),
    den: when((r) => age(r) < 15, 'population'),
  },
  pct_citizens_with_personal_id: { source: 'pop', num: all('with_personal_id'), den: all('population') },
  pct_records_complete: {
    source: 'pop',
    num: (r) => n(r.population_key) - n(r.incomplete_records_key),
    den: all('population'),
  },
  pct_eid_requests_resolved: { source: 'pop', num: all('vneid_requested_level2'), den: all('vneid_requested') },
  net_migration: { source: 'pop', num: all('moves_in'), den: null, minus: all('moves_out') },
  dossiers_received: { source: 'dossier', num: all('received'), den: null },
  pct_online_dossiers: {
    source: 'dossier',
    num: when((r) => r.channel === 'online', 'received'),
    den: all('received'),
  },
  pct_resolved_on_time: { source: 'dossier', num: all('resolved_on_time'), den: all('resolved') },
  pct_onestop_visitors_eid_enrolled: {
    source: 'dossier',
    num: all('received_eid_enrolled'),
    den: all('received_without_eid'),
    where: (r) => r.channel === 'counter',
  },
  pct_satisfied_residence_civil_status_id: {
    source: 'dossier',
    num: all('satisfied'),
    den: all('rated'),
    where: (r) => r.field === 'residence' || r.field === 'civil_status',
  },
  pct_births_linked_flow: {
    source: 'dossier',
    num: all('received_in_bundle'),
    den: all('received'),
    where: (r) => r.bundle === 'birth' && n(r.bundle_step) === 1,
  },
  avg_resolution_days: { source: 'dossier', num: null, den: all('resolved') },
  bundles_started: { source: 'bundle', num: all('bundles_started'), den: null },
  pct_bundles_completed: { source: 'bundle', num: all('bundles_completed'), den: all('bundles_started') },
  // the Decision 766 index: service_month cells (one per unit, month and procedure), petitions
  index766_1_4: {
    source: 'service',
    num: all('synced'),
    den: all('synced_known'),
    skip: (r) => r.procedure_code === null, // a month without dossiers: last year's ÷ 12, an estimate without key
  },
  index766_2_1_finished: { source: 'service', num: all('finished_on_time'), den: all('finished') },
  index766_2_1_open: { source: 'service', num: all('open_not_due_end'), den: all('open_end') },
  index766_2_2: { source: 'service', num: null, den: all('finished') },
  index766_3_3: {
    source: 'service',
    num: (r) => n(r.paper_result === true ? r.received_online_eresult_key : r.received_online_key),
    den: all('received'),
  },
  index766_3_6: {
    source: 'service',
    num: all('paid_online'),
    den: (r) => n(r.received_key) - n(r.fee_zero_key),
    where: (r) => r.has_fees === true,
  },
  index766_4_1: {
    source: 'service',
    num: all('finished_eresult'),
    den: all('finished_eresult_known'),
    where: (r) => r.paper_result === true,
  },
  index766_4_2: { source: 'service', num: all('finished_digitised'), den: all('finished_digitised_known') },
  index766_4_3: { source: 'service', num: all('reused'), den: all('reused_known') },
  index766_4_4: { source: 'service', num: all('shared'), den: all('shared_known') },
  index766_4_5b: { source: 'service', num: all('population_data'), den: all('received') },
  index766_5_1: {
    source: 'petition',
    num: (r) => (r.kind === 'procedure' ? n(r.k) : undefined),
    den: (r) => n(r.k),
  },
  index766_5_4: {
    source: 'service',
    num: all('finished_on_time'),
    den: all('finished'),
    minus: all('finished_complained'),
  },
};

/** One value per filter the indicators above take, and the test each puts on a cube cell. */
const FILTER_CASES: Record<string, [FilterValues, (r: Row) => boolean]> = {
  sex: [{ sex: 'F' }, (r) => r.sex === 'F'],
  age_min: [{ age_min: 15 }, (r) => age(r) >= 15],
  age_max: [{ age_max: 60 }, (r) => age(r) <= 60],
  residence: [{ residence: 'temporary' }, (r) => r.residence === 'temporary'],
  procedure_level: [{ procedure_level: 'commune' }, (r) => r.level === 'commune'],
  field: [{ field: 'civil_status' }, (r) => r.field === 'civil_status'],
  procedure: [{ procedure: '' }, () => false], // set in beforeAll to the busiest procedure of the sample
  channel: [{ channel: 'counter' }, (r) => r.channel === 'counter'],
};

let instance: DuckDBInstance;
let conn: DuckDBConnection;
const cube: Cube = { pop: [], dossier: [], bundle: [], service: [], petition: [] };

async function rows(sql: string): Promise<Row[]> {
  return (await conn.runAndReadAll(sql)).getRowObjectsJson() as Row[];
}

beforeAll(async () => {
  const { db } = await buildDemoStore(join('tests', '.tmp', 'queries-cell-keys'));
  instance = await DuckDBInstance.create(db, { access_mode: 'READ_ONLY' });
  conn = await instance.connect();
  const scope = `unit_id IN (${UNITS.map((u) => `'${u}'`).join(', ')}) AND month BETWEEN '${FROM}' AND '${TO}'`;
  cube.pop = await rows(`SELECT * FROM pop_month WHERE ${scope}`);
  // the procedure's attributes copied onto each dossier cell, joined here rather than in SQL
  const procedures = new Map((await rows('SELECT * FROM procedures')).map((p) => [String(p.procedure_code), p]));
  cube.dossier = (await rows(`SELECT * FROM dossier_month WHERE ${scope}`)).map((r) => {
    const p = procedures.get(String(r.procedure_code))!;
    return { ...r, level: p.level, field: p.field, bundle: p.bundle, bundle_step: p.bundle_step };
  });
  cube.bundle = await rows(`SELECT * FROM bundle_month WHERE ${scope}`);
  cube.service = (await rows(`SELECT * FROM service_month WHERE ${scope}`)).map((r) => {
    const p = procedures.get(String(r.procedure_code));
    return { ...r, paper_result: p?.paper_result ?? null, has_fees: p?.has_fees ?? null };
  });
  cube.petition = await rows(`SELECT unit_id, date_trunc('month', received_at)::DATE AS month, procedure_code, kind, k
    FROM petitions WHERE ${scope.replace('month BETWEEN', "date_trunc('month', received_at) BETWEEN")}`);
  // the busiest procedure of the sample, so that the procedure filter keeps some cells
  const counts = new Map<string, number>();
  for (const r of cube.dossier) counts.set(String(r.procedure_code), (counts.get(String(r.procedure_code)) ?? 0) + 1);
  const busiest = [...counts].sort((a, b) => b[1] - a[1])[0][0];
  FILTER_CASES.procedure = [{ procedure: busiest }, (r) => r.procedure_code === busiest];
}, 180_000);
afterAll(() => {
  conn?.closeSync();
  instance?.closeSync();
});

interface Keys {
  numerator_key: number | null;
  denominator_key: number | null;
  numerator_minus_key?: number | null;
}

/** A row's or a cell's place: unit|month, and |procedure for the statements that return rows by procedure. */
const placeOf = (r: Row, byProcedure: boolean) =>
  byProcedure ? `${r.unit_id}|${r.month}|${r.procedure_code}` : `${r.unit_id}|${r.month}`;

/** The statement's rows for the sample, keyed by placeOf. */
async function fromSql(def: IndicatorDef, filters: FilterValues): Promise<Map<string, Row>> {
  const { values, types } = bindParams(def, { units: UNITS, from: FROM, to: TO, filters });
  const result = (await conn.runAndReadAll(def.sql, values, types)).getRowObjectsJson() as Row[];
  return new Map(result.map((r) => [placeOf(r, 'procedure_code' in r), r]));
}

/** The keys of one (unit, month): each part's cell contributions added up, cell by cell. */
function expectedKeys(def: KeyDef, cells: Row[], id: string): Keys {
  const sum = (part: Part | null | undefined) => {
    if (!part) return null;
    let total = 0;
    for (const c of cells) total += part(c) ?? 0;
    return total;
  };
  const keys: Keys = { numerator_key: sum(def.num), denominator_key: sum(def.den) };
  // a store without the level-2-after-request count has no numerator, so no key either (schema.sql)
  if (id === 'pct_eid_requests_resolved' && cells.some((c) => c.vneid_requested_level2 === null)) {
    keys.numerator_key = null;
  }
  if (def.minus) keys.numerator_minus_key = sum(def.minus);
  return keys;
}

const actualKeys = (r: Row, withMinus: boolean): Keys => {
  const key = (v: unknown) => (v === null ? null : n(v));
  const keys: Keys = { numerator_key: key(r.numerator_key), denominator_key: key(r.denominator_key) };
  if (withMinus) keys.numerator_minus_key = key(r.numerator_minus_key);
  return keys;
};

describe('the demo store', () => {
  it.each(['pop', 'dossier', 'bundle', 'service'] as const)(
    '%s cube carries keys (not all 0) beside its counts',
    (source) => {
      const rowsOf = cube[source];
      expect(rowsOf.length).toBeGreaterThan(0);
      const keyColumns = Object.keys(rowsOf[0]).filter((c) => c.endsWith('_key'));
      expect(keyColumns.length).toBeGreaterThanOrEqual(2);
      for (const c of keyColumns) {
        const nonZero = rowsOf.filter((r) => n(r[c]) !== 0).length;
        expect(nonZero, `${source} ${c}: every sampled key is 0`).toBeGreaterThan(0);
      }
    },
  );
});

describe.each(Object.entries(DEFS))('%s', (id, keyDef) => {
  const def = registry.indicators.get(id)!;
  const withMinus = keyDef.minus !== undefined;
  // the Decision 766 index returns rows by procedure (a trailing procedure_code): cells are matched by procedure too
  const byProcedure = def?.domain === 'index766';
  const cases = ['no filter', ...(def?.meta.filters ?? [])];

  it('is registered, with the key columns after numerator and denominator', async () => {
    expect(def, `${id} is not registered`).toBeDefined();
    const { values, types } = bindParams(def, { units: UNITS, from: FROM, to: TO });
    const result = await conn.runAndReadAll(def.sql, values, types);
    const extra = withMinus ? ['numerator_minus', 'numerator_minus_key'] : [];
    expect(result.columnNames()).toEqual([
      'unit_id',
      'month',
      'numerator',
      'denominator',
      'numerator_key',
      'denominator_key',
      ...extra,
      ...(byProcedure ? ['procedure_code'] : []),
    ]);
  });

  it.each(cases)('returns the keys summed cell by cell from the cube: %s', async (name) => {
    const [filters, test] = name === 'no filter' ? [{}, () => true] : FILTER_CASES[name];
    const actual = await fromSql(def, filters);
    expect(actual.size).toBeGreaterThan(0);
    const groups = new Map<string, Row[]>();
    for (const r of cube[keyDef.source]) {
      if ((keyDef.where && !keyDef.where(r)) || !test(r)) continue;
      const key = placeOf(r, byProcedure);
      groups.set(key, [...(groups.get(key) ?? []), r]);
    }
    let nonZero = 0;
    for (const [key, row] of actual) {
      if (keyDef.skip?.(row)) continue;
      const got = actualKeys(row, withMinus);
      expect([key, got]).toEqual([key, expectedKeys(keyDef, groups.get(key) ?? [], id)]);
      if (Object.values(got).some((k) => k !== null && k !== 0)) nonZero += 1;
    }
    expect(nonZero, 'every key the statement returned is 0').toBeGreaterThan(0);
  });
});

describe('every indicator statement', () => {
  const defs = registry.list();

  it.each(defs.map((d) => [d.id, d] as const))(
    '%s: keys NULL where the part counts nobody, 0 where its count is 0',
    async (id, def) => {
      const rowsOf = [...(await fromSql(def, {})).values()];
      expect(rowsOf.length).toBeGreaterThan(0);
      for (const r of rowsOf) {
        if (def.meta.disclosure === 'none') {
          expect([r.numerator_key, r.denominator_key]).toEqual([null, null]);
          continue;
        }
        if (def.meta.denominator === 'none') expect(r.denominator_key).toBeNull();
        // a count of nobody has the key of nobody: 0 (for a difference, the numerator's key is that of numerator +
        // numerator_minus: moves in for net_migration, the dossiers on time for index766_5_4)
        const counted = hasMinusPair(def) ? n(r.numerator) + n(r.numerator_minus) : n(r.numerator);
        if (r.numerator_key !== null && counted === 0) expect([id, n(r.numerator_key)]).toEqual([id, 0]);
        if (r.denominator_key !== null && n(r.denominator) === 0) expect([id, n(r.denominator_key)]).toEqual([id, 0]);
      }
    },
  );

  it('the keys of a split add up: males + females = all residents (sex_ratio and population)', async () => {
    const split = await fromSql(registry.indicators.get('sex_ratio')!, {});
    const whole = await fromSql(registry.indicators.get('population')!, {});
    expect(split.size).toBeGreaterThan(0);
    for (const [key, r] of split) {
      expect([key, n(r.numerator_key) + n(r.denominator_key)]).toEqual([key, n(whole.get(key)!.numerator_key)]);
    }
  });
});
