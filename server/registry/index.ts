// The indicator registry: the SQL files of queries/, their validated headers, the boot-time check
// against the store, and parameter binding. The server, the exports and the tests import from here.
export { checkIndicator, checkRegistry } from './check.ts';
export { RegistryError, type RegistryProblem } from './errors.ts';
export { FILTER_DEFS, FILTER_NAMES, isFilterName, type FilterDef, type FilterName } from './filter-defs.ts';
export { FILTERS, type FilterValues } from './filters.ts';
export { loadRegistry, makeRegistry, type LoadOptions } from './load.ts';
export { bindParams, type BoundParams, type IndicatorParams } from './params.ts';
export {
  DIRECTIONS,
  DISCLOSURES,
  DOMAINS,
  IndicatorHeaderSchema,
  IndicatorMetaSchema,
  TIME_RULES,
  UNITS,
  UNIT_RULES,
  type Domain,
  type IndicatorDef,
  type IndicatorHeader,
  type IndicatorMeta,
  type Registry,
} from './schema.ts';
export { DEFAULT_TARGETS_FILE, readTargets, type TargetRef } from './targets.ts';
