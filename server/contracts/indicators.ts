// Schemas of the indicator routes: the catalogue, the query parameters and the answer rows. The metadata and
// the filters are the registry's (server/registry/schema.ts, filter-defs.ts), not written again here.
import { Type, type TInteger, type TOptional, type TString, type TUnion } from '@sinclair/typebox';
import { FILTER_DEFS, FILTER_NAMES, type FilterDef, type FilterName } from '../registry/filter-defs.ts';
import { IndicatorHeaderSchema, oneOf, type Literals } from '../registry/schema.ts';
import { MetaSchema, MonthSchema, Nullable } from './common.ts';

/**
 * An indicator's id, domain and metadata, exactly as the registry validated its header, and the kinds of import file
 * that can feed it (computed from its statement: server/registry/feeds.ts).
 */
export const IndicatorMetaSchema = Type.Object({
  ...IndicatorHeaderSchema.properties,
  sources: Type.Optional(
    Type.Array(Type.String(), {
      description:
        'kinds of import file that can feed it (docs/data-formats.md): people, population_counts, identity_counts, ' +
        'dossiers, procedures, units, milestones; absent in snapshots taken before it existed',
    }),
  ),
});

export const IndicatorListSchema = Type.Object({ indicators: Type.Array(IndicatorMetaSchema) });

export const IndicatorParamsSchema = Type.Object({ id: Type.String({ pattern: '^[a-z0-9_]+$' }) });

/** The request schema of one filter: a choice is one of its words, an integer within its bounds, a text as declared. */
type FilterSchema<D extends FilterDef> = D extends { kind: 'choice'; values: infer V extends readonly string[] }
  ? TUnion<Literals<V>>
  : D extends { kind: 'integer' }
    ? TInteger
    : TString;
type FilterProperties = { [K in FilterName]: TOptional<FilterSchema<(typeof FILTER_DEFS)[K]>> };

function filterSchema(def: FilterDef) {
  if (def.kind === 'choice') return oneOf(def.values);
  if (def.kind === 'integer') return Type.Integer({ minimum: def.minimum, maximum: def.maximum });
  const { name: _, kind: __, ...options } = def;
  return Type.String(options);
}

/** Every filter of the registry, each optional: the part of an indicator request that the SQL's `$filters` take. */
export const IndicatorFiltersSchema = Type.Object(
  Object.fromEntries(
    FILTER_NAMES.map((name) => [name, Type.Optional(filterSchema(FILTER_DEFS[name]))]),
  ) as FilterProperties,
);

export const IndicatorQuerySchema = Type.Object({
  unit: Type.String({ minLength: 1, description: 'unit_id (GSO code), e.g. 291 or 10633' }),
  from: Type.Optional(MonthSchema),
  to: Type.Optional(MonthSchema),
  by: Type.Union(
    [Type.Literal('month'), Type.Literal('quarter'), Type.Literal('year'), Type.Literal('unit'), Type.Literal('total')],
    {
      default: 'month',
      description:
        'month, quarter or year: a series for the unit; unit: one value per child unit over the range; ' +
        'total: the unit itself over the range',
    },
  ),
  at: Type.Optional(
    Type.String({
      pattern: '^\\d{4}-\\d{2}-\\d{2}$',
      description: "with by=unit: the children valid on this day (default: the plan's base units)",
    }),
  ),
  ...IndicatorFiltersSchema.properties,
});

export const IndicatorRowSchema = Type.Object({
  unit: Type.String(),
  unit_name: Type.String(),
  period: Type.String({ description: 'YYYY-MM, YYYY-Qn, YYYY, or YYYY-MM..YYYY-MM for by=unit' }),
  last_month: Type.String({ description: 'last month with data in the period' }),
  value: Nullable(Type.Number()),
  numerator: Nullable(Type.Number()),
  denominator: Nullable(Type.Number()),
  suppressed: Type.Boolean({
    description:
      'true when the value is withheld: no value; no numerator or denominator either, but for small_base ' +
      '(whose numerator and denominator are published counts)',
  }),
  suppression: Type.Union(
    [Type.Literal('primary'), Type.Literal('complementary'), Type.Literal('small_base'), Type.Null()],
    {
      description:
        'why it is withheld: primary / complementary (IOC_DISCLOSURE=suppress); small_base: a rate whose ' +
        'published denominator is below k (IOC_DISCLOSURE=cellkey)',
    },
  ),
});

export const IndicatorAnswerSchema = Type.Object({
  indicator: IndicatorMetaSchema,
  unit: Type.String(),
  by: Type.String(),
  from: Type.String(),
  to: Type.String(),
  meta: MetaSchema,
  rows: Type.Array(IndicatorRowSchema),
});
