// Independent definitions of every indicator, written in plain TypeScript over the fixture's JS rows, so that
// indicators.test.ts can compare each SQL file with a second computation. Never derived from the SQL files.
import type { FilterName, FilterValues } from '../../server/registry/index.ts';
import type { BundleMonthRow, DossierMonthRow, FixtureRows, PopRow, ProcedureRow } from '../fixtures/cube-fixture.ts';

export type DossierRow = DossierMonthRow & { p: ProcedureRow };
type PopDef = { source: 'pop'; num: (r: PopRow) => number; den?: ((r: PopRow) => number) | 'area' };
type DossierDef = {
  source: 'dossier';
  where?: (r: DossierRow) => boolean;
  num: (r: DossierRow) => number;
  den?: (r: DossierRow) => number;
};
type BundleDef = { source: 'bundle'; num: (r: BundleMonthRow) => number; den?: (r: BundleMonthRow) => number };
type CatalogueDef = {
  source: 'catalogue';
  where?: (p: ProcedureRow, monthEnd: string) => boolean;
  num: (p: ProcedureRow, monthEnd: string) => boolean;
  rate: boolean;
};
type MilestoneDef = { source: 'milestone'; target: string };

/** What the header must say (filters, time rule) and how to compute the indicator. */
export type Reference = { filters: FilterName[]; time: 'sum' | 'last' } & (
  PopDef | DossierDef | BundleDef | CatalogueDef | MilestoneDef
);

const POP: FilterName[] = ['sex', 'age_min', 'age_max', 'residence'];
const DOSSIER: FilterName[] = ['procedure_level', 'field', 'procedure', 'channel'];
const NO_CHANNEL: FilterName[] = ['procedure_level', 'field', 'procedure'];
const CATALOGUE: FilterName[] = ['procedure_level', 'field'];

const stock = (filters: FilterName[], num: PopDef['num'], den?: PopDef['den']): Reference => ({
  source: 'pop',
  time: 'last',
  filters,
  num,
  den,
});
const flow = (filters: FilterName[], num: PopDef['num']): Reference => ({ source: 'pop', time: 'sum', filters, num });
const dossier = (
  filters: FilterName[],
  num: DossierDef['num'],
  den?: DossierDef['den'],
  where?: DossierDef['where'],
): Reference => ({
  source: 'dossier',
  time: 'sum',
  filters,
  num,
  den,
  where,
});
const catalogue = (num: CatalogueDef['num'], rate: boolean, where?: CatalogueDef['where']): Reference => ({
  source: 'catalogue',
  time: 'last',
  filters: CATALOGUE,
  num,
  rate,
  where,
});
const by = (date: string | null, monthEnd: string) => date !== null && date <= monthEnd;
const young = (r: PopRow) => r.age_group < 15;

export const REFERENCE: Record<string, Reference> = {
  // population: stocks at month end, flows during the month
  population: stock(POP, (r) => r.population),
  population_density: stock(POP, (r) => r.population, 'area'),
  sex_ratio: stock(
    ['age_min', 'age_max', 'residence'],
    (r) => (r.sex === 'M' ? r.population : 0),
    (r) => (r.sex === 'F' ? r.population : 0),
  ),
  dependency_ratio: stock(
    ['sex', 'residence'],
    (r) => (young(r) || r.age_group >= 65 ? r.population : 0),
    (r) => (!young(r) && r.age_group < 65 ? r.population : 0),
  ),
  ageing_index: stock(
    ['sex', 'residence'],
    (r) => (r.age_group >= 60 ? r.population : 0),
    (r) => (young(r) ? r.population : 0),
  ),
  births: flow(['sex', 'residence'], (r) => r.births),
  deaths: flow(POP, (r) => r.deaths),
  moves_in: flow(POP, (r) => r.moves_in),
  moves_out: flow(POP, (r) => r.moves_out),
  net_migration: flow(POP, (r) => r.moves_in - r.moves_out),
  pct_citizens_with_personal_id: stock(
    POP,
    (r) => r.with_personal_id,
    (r) => r.population,
  ),
  pct_eligible_with_chip_id_card: stock(
    POP,
    (r) => r.with_chip_card,
    (r) => r.card_age,
  ),
  pct_records_complete: stock(
    POP,
    (r) => r.population - r.incomplete_records,
    (r) => r.population,
  ),
  pct_vneid_level1: stock(
    POP,
    (r) => r.vneid_level1,
    (r) => r.card_age,
  ),
  pct_vneid_level2: stock(
    POP,
    (r) => r.vneid_level2,
    (r) => r.card_age,
  ),
  count_vneid_accounts: stock(POP, (r) => r.vneid_level1),
  // asked by month end and level 2 by then: level-2 holders without a request (in vneid_level2) are not counted
  pct_eid_requests_resolved: stock(
    POP,
    (r) => r.vneid_requested_level2,
    (r) => r.vneid_requested,
  ),

  // procedures: dossier cube joined with the catalogue
  dossiers_received: dossier(DOSSIER, (r) => r.received),
  dossiers_resolved: dossier(DOSSIER, (r) => r.resolved),
  pct_resolved_on_time: dossier(
    DOSSIER,
    (r) => r.resolved_on_time,
    (r) => r.resolved,
  ),
  dossiers_overdue: dossier(DOSSIER, (r) => r.resolved_late),
  pct_online_dossiers: dossier(
    NO_CHANNEL,
    (r) => (r.channel === 'online' ? r.received : 0),
    (r) => r.received,
  ),
  pct_online_dossiers_eid_authenticated: dossier(
    NO_CHANNEL,
    (r) => r.received_eid_authenticated,
    (r) => r.received,
    (r) => r.channel === 'online',
  ),
  pct_onestop_dossiers_eid_authenticated: dossier(
    NO_CHANNEL,
    (r) => r.received_eid_authenticated,
    (r) => r.received,
    (r) => r.channel === 'counter',
  ),
  pct_dossiers_no_proof_documents: dossier(
    DOSSIER,
    (r) => r.received_population_reused,
    (r) => r.received,
  ),
  pct_results_digitized_with_pid: dossier(
    DOSSIER,
    (r) => r.resolved_digitised,
    (r) => r.resolved,
  ),
  pct_paid_online: dossier(
    DOSSIER,
    (r) => r.received_paid_online,
    (r) => r.received,
  ),
  pct_satisfied: dossier(
    DOSSIER,
    (r) => r.satisfied,
    (r) => r.rated,
  ),
  pct_satisfied_residence_civil_status_id: dossier(
    ['procedure_level', 'procedure', 'channel'],
    (r) => r.satisfied,
    (r) => r.rated,
    (r) => ['residence', 'civil_status'].includes(r.p.field),
  ),
  avg_resolution_days: dossier(
    DOSSIER,
    (r) => r.resolution_days_sum,
    (r) => r.resolved,
  ),
  pct_work_dossiers_online: dossier(
    DOSSIER,
    (r) => r.received_processed_online,
    (r) => r.received,
    (r) => r.p.population_management,
  ),
  pct_population_records_electronic: dossier(
    DOSSIER,
    (r) => r.resolved_digitised,
    (r) => r.resolved,
    (r) => r.p.population_management,
  ),
  pct_onestop_visitors_eid_enrolled: dossier(
    NO_CHANNEL,
    (r) => r.received_eid_enrolled,
    (r) => r.received_without_eid,
    (r) => r.channel === 'counter',
  ),
  pct_births_linked_flow: dossier(
    ['channel'],
    (r) => r.received_in_bundle,
    (r) => r.received,
    (r) => r.p.bundle === 'birth' && r.p.bundle_step === 1,
  ),
  pct_deaths_linked_flow: dossier(
    ['channel'],
    (r) => r.received_in_bundle,
    (r) => r.received,
    (r) => r.p.bundle === 'death' && r.p.bundle_step === 1,
  ),
  pct_dossiers_returned_for_supplement: dossier(
    DOSSIER,
    (r) => r.returned_for_supplement,
    (r) => r.received,
  ),
  pct_bundles_completed: {
    source: 'bundle',
    time: 'sum',
    filters: [],
    num: (r) => r.bundles_completed,
    den: (r) => r.bundles_started,
  },
  bundles_started: { source: 'bundle', time: 'sum', filters: [], num: (r) => r.bundles_started },

  // catalogue: the procedures table at each month end, the same for every unit
  pct_eligible_procedures_full_online: catalogue(
    (p, end) => by(p.full_online_since, end),
    true,
    (p) => p.full_online_eligible,
  ),
  pct_forms_standardized: catalogue((p, end) => by(p.standardised_since, end), true),
  pct_population_procedures_simplified: catalogue(
    (p, end) => by(p.simplified_since, end),
    true,
    (p) => p.population_management,
  ),
  count_essential_services_on_population_data: catalogue(
    (p, end) => p.essential_service !== null && by(p.population_data_since, end),
    false,
  ),

  // milestones
  milestone_eid_portal_connected: { source: 'milestone', time: 'last', filters: [], target: 'A02' },
  milestone_realtime_kpi_monitoring: { source: 'milestone', time: 'last', filters: [], target: 'A07' },
};

export interface ReferenceRow {
  unit_id: string;
  month: string;
  numerator: number;
  denominator: number | null;
}

export interface Query {
  units: string[];
  from: string;
  to: string;
  filters: FilterValues;
}

/** The rows an indicator's statement must return for `query` on the fixture `rows`. */
export function computeReference(ref: Reference, rows: FixtureRows, query: Query): ReferenceRow[] {
  const inRange = (month: string) => month >= query.from && month <= query.to;
  const scoped = <T extends { unit_id: string; month: string }>(rs: T[]) =>
    rs.filter((r) => query.units.includes(r.unit_id) && inRange(r.month));
  switch (ref.source) {
    case 'pop': {
      const den = ref.den === 'area' ? (rs: PopRow[]) => area(rows, rs[0].unit_id) : ref.den && sumOf(ref.den);
      return grouped(
        scoped(rows.pop_month).filter((r) => popFilter(r, query.filters)),
        sumOf(ref.num),
        den,
      );
    }
    case 'dossier': {
      const procs = new Map(rows.procedures.map((p) => [p.procedure_code, p]));
      const joined = scoped(rows.dossier_month).map((r) => ({ ...r, p: procs.get(r.procedure_code)! }));
      const kept = joined.filter((r) => dossierFilter(r, query.filters) && (ref.where?.(r) ?? true));
      return grouped(kept, sumOf(ref.num), ref.den && sumOf(ref.den));
    }
    case 'bundle':
      noFilters(query.filters);
      return grouped(scoped(rows.bundle_month), sumOf(ref.num), ref.den && sumOf(ref.den));
    case 'catalogue':
      return eachUnitMonth(query, (month) => {
        const end = monthEnd(month);
        const procs = rows.procedures.filter((p) => catalogueFilter(p, query.filters) && (ref.where?.(p, end) ?? true));
        const numerator = procs.filter((p) => ref.num(p, end)).length;
        return ref.rate
          ? procs.length > 0
            ? { numerator, denominator: procs.length }
            : undefined
          : { numerator, denominator: null };
      });
    case 'milestone':
      noFilters(query.filters);
      return eachUnitMonth(query, (month, unit) => ({
        numerator: reached(rows, ref.target, unit, monthEnd(month)) ? 1 : 0,
        denominator: 1,
      }));
  }
}

const sumOf =
  <T>(f: (r: T) => number) =>
  (rs: T[]) =>
    rs.reduce((a, r) => a + f(r), 0);

/** Groups by (unit, month); a rate's group whose denominator is not positive has no row (a count's always has one). */
function grouped<T extends { unit_id: string; month: string }>(
  rs: T[],
  num: (rs: T[]) => number,
  den?: (rs: T[]) => number | null,
): ReferenceRow[] {
  const groups = new Map<string, T[]>();
  for (const r of rs) {
    const key = `${r.unit_id}|${r.month}`;
    const group = groups.get(key);
    if (group) group.push(r);
    else groups.set(key, [r]);
  }
  const out: ReferenceRow[] = [];
  for (const g of groups.values()) {
    const denominator = den ? den(g) : null;
    if (den && !(denominator !== null && denominator > 0)) continue;
    out.push({ unit_id: g[0].unit_id, month: g[0].month, numerator: num(g), denominator });
  }
  return out;
}

function eachUnitMonth(
  query: Query,
  value: (month: string, unit: string) => Omit<ReferenceRow, 'unit_id' | 'month'> | undefined,
): ReferenceRow[] {
  const out: ReferenceRow[] = [];
  for (const unit_id of new Set(query.units)) {
    for (let month = query.from; month <= query.to; month = nextMonth(month)) {
      const v = value(month, unit_id);
      if (v) out.push({ unit_id, month, ...v });
    }
  }
  return out;
}

function popFilter(r: PopRow, f: FilterValues): boolean {
  onlyFilters(f, ['sex', 'age_min', 'age_max', 'residence']);
  return (
    (f.sex == null || r.sex === f.sex) &&
    (f.age_min == null || r.age_group >= Number(f.age_min)) &&
    (f.age_max == null || r.age_group <= Number(f.age_max)) &&
    (f.residence == null || r.residence === f.residence)
  );
}

function dossierFilter(r: DossierRow, f: FilterValues): boolean {
  onlyFilters(f, ['procedure_level', 'field', 'procedure', 'channel']);
  return (
    (f.procedure_level == null || r.p.level === f.procedure_level) &&
    (f.field == null || r.p.field === f.field) &&
    (f.procedure == null || r.procedure_code === f.procedure) &&
    (f.channel == null || r.channel === f.channel)
  );
}

function catalogueFilter(p: ProcedureRow, f: FilterValues): boolean {
  onlyFilters(f, ['procedure_level', 'field']);
  return (f.procedure_level == null || p.level === f.procedure_level) && (f.field == null || p.field === f.field);
}

const noFilters = (f: FilterValues) => onlyFilters(f, []);

function onlyFilters(f: FilterValues, allowed: FilterName[]): void {
  const wrong = Object.keys(f).filter((k) => !allowed.includes(k as FilterName));
  if (wrong.length > 0) throw new Error(`the reference has no meaning for the filter(s) ${wrong.join(', ')}`);
}

function area(rows: FixtureRows, unitId: string): number | null {
  return rows.units.find((u) => u.unit_id === unitId)?.area_km2 ?? null;
}

/** A unit reached a milestone when it, or a group containing it (unit_members), reached it by that day. */
function reached(rows: FixtureRows, target: string, unitId: string, day: string): boolean {
  const groups = new Set([unitId, ...rows.unit_members.filter((m) => m.member_id === unitId).map((m) => m.group_id)]);
  return rows.milestones.some((m) => m.target_id === target && groups.has(m.unit_id) && m.achieved_on <= day);
}

export function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

export function monthEnd(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return `${month.slice(0, 8)}${new Date(Date.UTC(y, m, 0)).getUTCDate()}`;
}

/** A pseudonymised person record as an import file gives it (docs/data-formats.md), dates YYYY-MM-DD or ''. */
export interface PersonRecord {
  unit_id: string;
  sex: 'M' | 'F';
  birth_date: string;
  residence_type: 'permanent' | 'temporary';
  vneid_requested_on: string;
  vneid_level2_on: string;
  moved_in_on: string;
  moved_out_on: string;
  died_on: string;
}

/**
 * pct_eid_requests_resolved computed person by person from the records, as its header defines it: of the residents
 * at a month's end who asked for a VNeID e-identity by then, those who hold level 2 by then. Age filters compare the
 * 5-year group (lower bound) at the month's end.
 */
export function eidRequestsResolvedFromRecords(people: PersonRecord[], query: Query): ReferenceRow[] {
  const f = query.filters;
  onlyFilters(f, ['sex', 'age_min', 'age_max', 'residence']);
  const out: ReferenceRow[] = [];
  for (const unit_id of new Set(query.units)) {
    for (let month = query.from; month <= query.to; month = nextMonth(month)) {
      const end = monthEnd(month);
      const on = (d: string) => d !== '' && d <= end;
      let numerator = 0;
      let denominator = 0;
      for (const p of people) {
        const arrived = p.birth_date <= end && (p.moved_in_on === '' || p.moved_in_on <= end);
        const resident = p.unit_id === unit_id && arrived && !on(p.moved_out_on) && !on(p.died_on);
        if (!resident || !on(p.vneid_requested_on)) continue;
        const birthdayYet = end.slice(5) >= p.birth_date.slice(5);
        const age = Number(end.slice(0, 4)) - Number(p.birth_date.slice(0, 4)) - (birthdayYet ? 0 : 1);
        const group = Math.min(85, age - (age % 5));
        if ((f.sex != null && p.sex !== f.sex) || (f.residence != null && p.residence_type !== f.residence)) continue;
        if (f.age_min != null && group < Number(f.age_min)) continue;
        if (f.age_max != null && group > Number(f.age_max)) continue;
        denominator += 1;
        if (on(p.vneid_level2_on)) numerator += 1;
      }
      if (denominator > 0) out.push({ unit_id, month, numerator, denominator });
    }
  }
  return out;
}
