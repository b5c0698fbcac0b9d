// The caller's scope: which data a request may read, computed on the server from the account's unit.
// `has(id)` says whether a base unit's data may be read in detail (the account's unit and the units
// below it); `aggregates` are units whose totals only may be read, for comparison (the level above).
import type { UnitDirectory } from '../units/directory.ts';

export interface Scope extends ReadonlySet<string> {
  /** units readable as one total only (their parts stay hidden) */
  readonly aggregates: ReadonlySet<string>;
}

export function makeScope(base: Iterable<string>, aggregates: Iterable<string> = []): Scope {
  const set = new Set(base) as Set<string> & { aggregates: ReadonlySet<string> };
  set.aggregates = new Set(aggregates);
  return set;
}

/** Every base unit of the store (server-side computations: warm-up, live recomputation). */
export const fullScope = (units: UnitDirectory): Scope => makeScope(units.baseIds());

/** The scope of an account bound to `unitId`: the unit and below in detail, its parent as a total. */
export function scopeOfUnit(units: UnitDirectory, unitId: string): Scope {
  const unit = units.get(unitId);
  if (!unit) return makeScope([]);
  const parent = unit.parent_id ? units.get(unit.parent_id) : undefined;
  return makeScope(units.members(unitId), parent ? [parent.unit_id] : []);
}

/**
 * Whether a unit may be shown at all: its data in detail (every base unit it is made of is in
 * scope) or as a total (it is one of the scope's aggregates).
 */
export function canSee(units: UnitDirectory, scope: Scope, unitId: string): boolean {
  if (scope.aggregates.has(unitId)) return true;
  const m = units.members(unitId);
  return m.length > 0 && m.every((id) => scope.has(id));
}

/** Whether a unit lies wholly within the scope's detail (not a total above it): where an account may write. */
export function inDetail(units: UnitDirectory, scope: Scope, unitId: string): boolean {
  const m = units.members(unitId);
  return m.length > 0 && m.every((id) => scope.has(id));
}

/** The base units whose rows make up `groups`, as far as the scope lets each group be read. */
export function membersInScope(units: UnitDirectory, scope: Scope, groups: string[]): string[] {
  const out = new Set<string>();
  for (const g of groups) for (const id of units.members(g)) if (scope.has(id) || scope.aggregates.has(g)) out.add(id);
  return [...out];
}
