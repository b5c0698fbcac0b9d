// Checks across the columns of one row, references to units/procedures/targets, and unique keys, per kind.
// SQL in `bad` sees the typed columns by name and the raw text as r_<name>; see stage.ts.
import { CUBE_START } from '../store.ts';
import { COUNT_NESTING, type Kind } from './columns.ts';
import { lit, shown } from './values.ts';

export interface RowRule {
  /** Column the error is reported under. */
  column: string;
  /** SQL condition, true when the row is wrong (NULL counts as fine). */
  bad: string;
  /** SQL text expression: the reason. */
  reason: string;
}

export interface RefRule {
  column: string;
  /** Temp table of known ids (column `id`) from the store and the folder. */
  known: 'known_units' | 'known_procedures' | 'known_targets';
  noun: string;
  /** SQL condition on the known row `k` that must hold, and what it means. */
  ok?: { sql: string; meaning: string };
}

export interface KindRules {
  key: string[];
  rows: RowRule[];
  refs: RefRule[];
}

const v = (col: string) => shown(`r_${col}`);

/** `later` must not be before `earlier` (both dates or timestamps). */
function notBefore(later: string, earlier: string, earlierExpr = earlier, label = earlier): RowRule {
  return {
    column: later,
    bad: `${later} < ${earlierExpr}`,
    reason: `${v(later)} || ' is before ${label} ' || ${v(earlier)}`,
  };
}

function peopleRules(today: string): RowRule[] {
  const dated = ['chip_card_issued_on', 'vneid_requested_on', 'vneid_level1_on', 'vneid_level2_on'];
  return [
    {
      column: 'birth_date',
      bad: `birth_date > DATE ${lit(today)}`,
      reason: `${v('birth_date')} || ' is in the future'`,
    },
    notBefore('moved_in_on', 'birth_date'),
    ...['moved_out_on', 'died_on'].map((col): RowRule => ({
      column: col,
      bad: `${col} < coalesce(moved_in_on, birth_date)`,
      reason:
        `${v(col)} || CASE WHEN moved_in_on IS NULL THEN ' is before birth_date ' || ${v('birth_date')}` +
        ` ELSE ' is before moved_in_on ' || ${v('moved_in_on')} END`,
    })),
    ...dated.map((col) => notBefore(col, 'birth_date')),
    notBefore('vneid_level2_on', 'vneid_level1_on'),
  ];
}

const dossierRows: RowRule[] = [
  notBefore('due_at', 'received_at'),
  notBefore('resolved_at', 'received_at'),
  {
    column: 'resolved_at',
    bad: `status IN ('resolved', 'rejected') AND r_resolved_at IS NULL`,
    reason: `'is required when status is "' || status || '"'`,
  },
  {
    column: 'resolved_at',
    bad: `status NOT IN ('resolved', 'rejected') AND resolved_at IS NOT NULL`,
    reason:
      `${v('resolved_at')} || ' is given but status is "' || status || '"` +
      ` (only resolved or rejected dossiers have one)'`,
  },
];

const petitionRows: RowRule[] = [
  notBefore('handled_at', 'received_at'),
  {
    column: 'outcome',
    bad: `r_outcome IS NULL AND handled_at IS NOT NULL`,
    reason: `'is required when handled_at is given (answered, refused, supplement or published)'`,
  },
];

/** A period of the portal's points: a month YYYY-MM, a quarter YYYY-Qn or a year YYYY. */
const portalScoreRows: RowRule[] = [
  {
    column: 'period',
    bad: `NOT regexp_full_match(period, '[0-9]{4}(-(0[1-9]|1[0-2])|-Q[1-4])?')`,
    reason: `${v('period')} || ' is not a period (YYYY-MM, YYYY-Qn or YYYY)'`,
  },
];

const unitRows: RowRule[] = [
  {
    column: 'parent_id',
    bad: `level IN ('district', 'commune') AND r_parent_id IS NULL`,
    reason: `'is required for a ' || level`,
  },
  { column: 'parent_id', bad: `parent_id = unit_id`, reason: `${v('parent_id')} || ' is the unit itself'` },
  notBefore('valid_to', 'valid_from'),
];

const procedureRows: RowRule[] = [
  {
    column: 'bundle_step',
    bad: `bundle IS NOT NULL AND r_bundle_step IS NULL`,
    reason: `'is required when bundle is given'`,
  },
  {
    column: 'bundle_step',
    bad: `bundle IS NULL AND r_bundle_step IS NOT NULL`,
    reason: `${v('bundle_step')} || ' is given without a bundle'`,
  },
];

const unitRef = (column: string, ok?: RefRule['ok']): RefRule => ({ column, known: 'known_units', noun: 'unit', ok });

/** Ids of offices and tasks (server/contracts/work.ts), and the user names an offices file lists. */
export const OFFICE_ID = '[A-Za-z0-9._-]{1,64}';
export const TASK_ID = '[A-Za-z0-9_-]{1,32}';
export const USERNAME = '[a-z0-9][a-z0-9._-]{2,31}';

/** The items of a ";"-separated list (trimmed, empty ones dropped); an empty list for NULL. */
export const listSql = (col: string) =>
  `list_filter(list_transform(string_split(coalesce(${col}, ''), ';'), x -> trim(x)), x -> x <> '')`;

const idRule = (column: string, pattern: string, label: string): RowRule => ({
  column,
  bad: `NOT regexp_full_match(${column}, '${pattern}')`,
  reason: `${v(column)} || ${lit(` is not ${label}`)}`,
});

const officeRows: RowRule[] = [
  idRule('office_id', OFFICE_ID, 'an office id (1 to 64 letters, digits, ".", "_" or "-")'),
  {
    column: 'accounts',
    bad: `NOT list_bool_and(list_transform(${listSql('accounts')}, x -> regexp_full_match(x, '${USERNAME}')))`,
    reason:
      `'"' || list_filter(${listSql('accounts')}, x -> NOT regexp_full_match(x, '${USERNAME}'))[1] ||` +
      ` '" is not a user name (3 to 32 lower-case letters, digits, ".", "_", "-"; accounts are separated by ";")'`,
  },
  {
    column: 'accounts',
    bad: `len(${listSql('accounts')}) <> len(list_distinct(${listSql('accounts')}))`,
    reason: `'names an account twice'`,
  },
];

const taskRows: RowRule[] = [
  idRule('task_id', TASK_ID, 'a task id (1 to 32 letters, digits, "_" or "-")'),
  {
    column: 'unit_id',
    bad: 'r_unit_id IS NULL',
    reason:
      `'is required: the row names no unit and the import names none (import as the unit''s administrator ` +
      `or with --unit <unit_id>)'`,
  },
];

/** Rows of an aggregate population table (population_counts, identity_counts): month in range, counts nested. */
function countRules(kind: 'population_counts' | 'identity_counts', today: string): RowRule[] {
  const nesting = COUNT_NESTING.filter(([, sup]) => kind === 'population_counts' || sup !== 'population');
  return [
    {
      column: 'month',
      bad: `month > date_trunc('month', DATE ${lit(today)})`,
      reason: `${v('month')} || ' is in the future'`,
    },
    {
      column: 'month',
      bad: `month < DATE ${lit(CUBE_START)}`,
      reason: `${v('month')} || ${lit(` is before ${CUBE_START.slice(0, 7)}, the first month of the cube`)}`,
    },
    ...nesting.map(([sub, sup]): RowRule => ({
      column: sub,
      bad: `${sub} > ${sup}`,
      reason: `${v(sub)} || ' is more than ${sup} ' || ${v(sup)}`,
    })),
    ...(kind === 'population_counts'
      ? [
          {
            column: 'births',
            bad: `births > 0 AND age_group <> '0'`,
            reason: `${v('births')} || ' in age band ' || ${v('age_group')} || ': births are counted in age band 0'`,
          },
        ]
      : []),
  ];
}

/** Rules of each kind; `today` (YYYY-MM-DD) bounds birth dates. */
export function rulesFor(kind: Kind, today: string): KindRules {
  switch (kind) {
    case 'units':
      return { key: ['unit_id'], rows: unitRows, refs: [unitRef('parent_id')] };
    case 'lineage':
      return {
        key: ['from_unit_id', 'to_unit_id'],
        rows: [
          {
            column: 'to_unit_id',
            bad: 'to_unit_id = from_unit_id',
            reason: `${v('to_unit_id')} || ' is from_unit_id itself'`,
          },
        ],
        refs: [unitRef('from_unit_id'), unitRef('to_unit_id')],
      };
    case 'procedures':
      return { key: ['procedure_code'], rows: procedureRows, refs: [] };
    case 'targets':
      return { key: ['target_id'], rows: [], refs: [] };
    case 'milestones':
      return {
        key: ['target_id', 'unit_id'],
        rows: [],
        refs: [{ column: 'target_id', known: 'known_targets', noun: 'target' }, unitRef('unit_id')],
      };
    case 'people':
      return {
        key: ['person_key'],
        rows: peopleRules(today),
        refs: [unitRef('unit_id', { sql: `k.is_base AND k.level = 'commune'`, meaning: 'a base commune' })],
      };
    case 'population_counts':
    case 'identity_counts':
      return {
        key: ['unit_id', 'month', 'sex', 'age_group', 'residence'],
        rows: countRules(kind, today),
        refs: [unitRef('unit_id', { sql: `k.is_base AND k.level = 'commune'`, meaning: 'a base commune' })],
      };
    case 'dossiers':
      return {
        key: ['dossier_id'],
        rows: dossierRows,
        refs: [
          { column: 'procedure_code', known: 'known_procedures', noun: 'procedure' },
          unitRef('unit_id', { sql: 'k.is_base', meaning: 'a base unit' }),
        ],
      };
    case 'petitions':
      return {
        key: ['petition_id'],
        rows: petitionRows,
        refs: [
          { column: 'procedure_code', known: 'known_procedures', noun: 'procedure' },
          unitRef('unit_id', { sql: 'k.is_base', meaning: 'a base unit' }),
        ],
      };
    case 'portal_scores':
      return { key: ['unit_id', 'period', 'group_id'], rows: portalScoreRows, refs: [unitRef('unit_id')] };
    // names of lead and partner offices, targets and accounts in two offices: checked by load-work.ts
    case 'offices':
      return { key: ['office_id'], rows: officeRows, refs: [unitRef('unit_id')] };
    case 'tasks':
      return { key: ['task_id', 'unit_id'], rows: taskRows, refs: [unitRef('unit_id')] };
  }
}
