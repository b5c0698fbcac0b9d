// The one list of indicator filters (docs/indicators.md) and the values a request may give each. Pure, no
// imports: the registry (header schema, DuckDB types), the request schemas (server/contracts/indicators.ts)
// and the web app (view state, filter menus) all read it, so adding a filter is one edit here.

/** A filter whose value is one of a few words. */
interface ChoiceFilter {
  name: string;
  kind: 'choice';
  values: readonly string[];
}
/** An integer filter (bound as INTEGER). */
interface IntegerFilter {
  name: string;
  kind: 'integer';
  minimum: number;
  maximum: number;
}
/** A free text filter (a catalogue code). */
interface TextFilter {
  name: string;
  kind: 'text';
  pattern?: string;
  minLength?: number;
  maxLength?: number;
}
export type FilterDef = ChoiceFilter | IntegerFilter | TextFilter;

/** Every filter, in the order of docs/indicators.md (and of the request schema). */
export const FILTER_LIST = [
  { name: 'sex', kind: 'choice', values: ['M', 'F'] },
  // compared with the 5-year group's lower bound: age_group >= $age_min
  { name: 'age_min', kind: 'integer', minimum: 0, maximum: 85 },
  // age_group <= $age_max
  { name: 'age_max', kind: 'integer', minimum: 0, maximum: 85 },
  { name: 'residence', kind: 'choice', values: ['permanent', 'temporary'] },
  { name: 'procedure_level', kind: 'choice', values: ['commune', 'district'] },
  // procedures.field
  { name: 'field', kind: 'text', pattern: '^[a-z_]+$' },
  // procedures.procedure_code
  { name: 'procedure', kind: 'text', minLength: 1, maxLength: 64 },
  { name: 'channel', kind: 'choice', values: ['online', 'counter', 'post'] },
] as const satisfies readonly FilterDef[];

type Filters = typeof FILTER_LIST;
export type FilterName = Filters[number]['name'];

// A tuple type (not FilterName[]), so that a union of the names types as those names in every TypeBox version.
type NamesOf<T extends readonly FilterDef[]> = { -readonly [K in keyof T]: T[K] extends { name: infer N } ? N : never };

export const FILTER_NAMES = FILTER_LIST.map((f) => f.name) as unknown as NamesOf<Filters>;

/** Each filter by name: FILTER_DEFS.sex.values is ['M', 'F']. */
export const FILTER_DEFS = Object.fromEntries(FILTER_LIST.map((f) => [f.name, f])) as {
  [D in Filters[number] as D['name']]: D;
};

export function isFilterName(name: string): name is FilterName {
  return Object.hasOwn(FILTER_DEFS, name);
}
