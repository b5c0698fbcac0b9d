// Which indicators each kind of import file can feed, and which kinds of file can feed each indicator: computed from
// the indicators' statements (queries/, the registry) and the store columns each kind writes, never written by hand.
// Read by the import preview (feedsOf), the catalogue (sourcesOf: `sources` of GET /api/indicators) and
// docs/data-formats.md (feedsTable; tests/unit/feeds.test.ts checks that the doc shows it).
import { COLUMNS, KIND_ORDER, type Kind } from '../../data/pipeline/import/columns.ts';
import { PROCEDURE_766_COLUMNS } from '../../data/pipeline/import/load-catalogue.ts';
import { BUNDLE_MONTH_COUNTS, DOSSIER_MONTH_COUNTS } from '../../data/pipeline/import/load-dossiers.ts';
import { SERVICE_MONTH_COUNTS } from '../../data/pipeline/import/load-service.ts';
import { POP_MEASURES } from '../../data/pipeline/events/population.ts';
import type { IndicatorDef, Registry } from './schema.ts';

/**
 * The facts of the store tables indicators read: what they count or measure. Keys, months, dimensions and
 * attributes that only select rows (sex, a procedure's field or level, its bundle step) are not facts.
 */
const FACTS: Record<string, readonly string[]> = {
  pop_month: POP_MEASURES,
  dossier_month: [...DOSSIER_MONTH_COUNTS, 'resolution_days_sum'],
  bundle_month: BUNDLE_MONTH_COUNTS,
  service_month: [...SERVICE_MONTH_COUNTS, 'resolution_days_sum'],
  units: ['area_km2', 'geometry'],
  procedures: [
    'full_online_eligible',
    'full_online_since',
    'population_data_since',
    'standardised_since',
    'simplified_since',
    'essential_service',
    ...PROCEDURE_766_COLUMNS,
  ],
  milestones: ['achieved_on'],
  petitions: ['received_at', 'kind', 'handled_at', 'outcome', 'disliked', 'repeated'],
  portal_scores: ['points'],
};

/** The cubes: records (people, dossiers) or aggregate tables counted by month. */
const CUBES = new Set(['pop_month', 'dossier_month', 'bundle_month', 'service_month']);

/**
 * Counts of a cube that a kind of file changes without giving the records they count: petitions decide which
 * finished dossiers count in finished_complained. Such a count feeds an indicator as a fact other than a cube's does
 * (combined with the dossiers stored).
 */
const COMBINED = new Set(['service_month.finished_complained']);

/** The table a kind's file columns are written to under their own names (aggregate tables: their counts). */
const TABLE_OF: Partial<Record<Kind, string>> = {
  units: 'units',
  procedures: 'procedures',
  milestones: 'milestones',
  petitions: 'petitions',
  portal_scores: 'portal_scores',
  population_counts: 'pop_month',
  identity_counts: 'pop_month',
};

const all = (table: string) => (FACTS[table] ?? []).map((c) => `${table}.${c}`);

/**
 * The store facts (`table.column`) a kind of file writes. People and dossier records are aggregated into every count
 * of their cubes; a table file writes its columns, or, with `columnsPresent` (the store columns of a file's
 * header), its required columns and those present.
 */
export function writtenBy(kind: Kind, columnsPresent?: Iterable<string>): Set<string> {
  if (kind === 'people') return new Set(all('pop_month'));
  if (kind === 'dossiers') return new Set([...all('dossier_month'), ...all('bundle_month'), ...all('service_month')]);
  const table = TABLE_OF[kind];
  if (!table) return new Set();
  const present = columnsPresent === undefined ? null : new Set(columnsPresent);
  const names = COLUMNS[kind].filter((c) => c.required || present === null || present.has(c.name)).map((c) => c.name);
  const facts = names.filter((c) => FACTS[table].includes(c)).map((c) => `${table}.${c}`);
  // a petition naming a dossier makes it a complained one (load-service.ts)
  if (kind === 'petitions' && (present === null || present.has('dossier_id')))
    facts.push('service_month.finished_complained');
  return new Set(facts);
}

/** The store tables an indicator's statement reads (FROM, JOIN), from its SQL text without comments. */
export function tablesOf(def: IndicatorDef): Set<string> {
  const sql = def.sql.replace(/--[^\n]*/g, ' ');
  return new Set([...sql.matchAll(/\b(?:FROM|JOIN)\s+([a-z_][a-z0-9_]*)/gi)].map((m) => m[1].toLowerCase()));
}

/** The store facts (`table.column`) an indicator's statement reads, from its SQL text without comments. */
export function readsOf(def: IndicatorDef): string[] {
  const sql = def.sql.replace(/--[^\n]*/g, ' ');
  const tables = tablesOf(def);
  const words = new Set((sql.match(/[a-z_][a-z0-9_]*/gi) ?? []).map((w) => w.toLowerCase()));
  return [...tables]
    .filter((t) => FACTS[t])
    .flatMap((t) => FACTS[t].filter((c) => words.has(c)).map((c) => `${t}.${c}`))
    .sort();
}

/**
 * Whether the facts `provided` feed an indicator: every count of the cubes it reads is among them (a cube with one
 * count missing makes no value), or they give one of the other facts it reads (a unit's area, a procedure's dates,
 * a milestone's date), which the indicator combines with what is stored.
 */
function feeds(def: IndicatorDef, provided: Set<string>): boolean {
  const reads = readsOf(def);
  const isCube = (c: string) => CUBES.has(c.split('.')[0]) && !COMBINED.has(c);
  const cube = reads.filter(isCube);
  const other = reads.filter((c) => !isCube(c));
  return (cube.length > 0 && cube.every((c) => provided.has(c))) || other.some((c) => provided.has(c));
}

const isKind = (kind: string): kind is Kind => (KIND_ORDER as string[]).includes(kind);

/**
 * The ids of the indicators a kind of file can feed, in the registry's order; with `columnsPresent` (the store
 * column names found in the file's header), those this very file can feed. An unknown kind feeds none.
 */
export function feedsOf(
  registry: Registry | readonly IndicatorDef[],
  kind: string,
  columnsPresent?: Iterable<string>,
): string[] {
  if (!isKind(kind)) return [];
  const provided = writtenBy(kind, columnsPresent);
  const defs = 'list' in registry ? registry.list() : registry;
  return defs.filter((d) => feeds(d, provided)).map((d) => d.id);
}

const sourcesCache = new WeakMap<IndicatorDef, Kind[]>();

/** The kinds of file that can feed an indicator, in load order (KIND_ORDER). */
export function sourcesOf(def: IndicatorDef): Kind[] {
  let kinds = sourcesCache.get(def);
  if (!kinds) sourcesCache.set(def, (kinds = KIND_ORDER.filter((k) => feeds(def, writtenBy(k)))));
  return [...kinds];
}

/** The table of docs/data-formats.md: each kind of file and the indicators it can feed. */
export function feedsTable(registry: Registry): string {
  const rows = KIND_ORDER.map((k) => {
    const ids = feedsOf(registry, k);
    return `| \`${k}\` | ${ids.length === 0 ? 'none' : ids.map((id) => `\`${id}\``).join(', ')} |`;
  });
  return ['| kind of file | indicators it can feed |', '|---|---|', ...rows].join('\n');
}
