// TypeBox schema of an indicator file's header (docs/indicators.md) and the types the registry hands out.
// The schema is the type: IndicatorMeta is Static<typeof IndicatorMetaSchema>. Free of server code, so the
// API's contract (server/contracts/indicators.ts) is built from it and the web app can read its types.
import { Type, type Static, type TLiteral, type TSchema, type TUnion } from '@sinclair/typebox';
import { FILTER_NAMES } from './filter-defs.ts';

export const UNITS = ['percent', 'count', 'persons', 'persons_per_km2', 'ratio_per_100', 'days'] as const;
export const DIRECTIONS = ['higher', 'lower', 'none'] as const;
export const TIME_RULES = ['sum', 'last'] as const;
export const UNIT_RULES = ['sum', 'max'] as const;
export const DISCLOSURES = ['count', 'rate', 'none'] as const;
export const DOMAINS = ['population', 'procedures', 'catalogue', 'milestones', 'index766'] as const;

/** Units whose value is a quotient: their statement must return a denominator. */
export const QUOTIENT_UNITS: readonly string[] = ['percent', 'ratio_per_100', 'persons_per_km2', 'days'];

/** TLiteral of each value, as a tuple: a union of them types as those values for every TypeBox reader. */
export type Literals<T extends readonly string[]> = { -readonly [K in keyof T]: TLiteral<T[K]> };

export function oneOf<const T extends readonly string[]>(values: T, description = `one of ${values.join(', ')}`) {
  return Type.Union(
    values.map((v) => Type.Literal(v)),
    { description },
  ) as unknown as TUnion<Literals<T>>;
}

const text = (description: string) => Type.String({ minLength: 1, description });

export const IndicatorMetaSchema = Type.Object(
  {
    name_vi: Type.String({
      minLength: 1,
      pattern: '[^\\u0000-\\u007f]',
      description: 'a Vietnamese name with diacritics',
    }),
    name_en: text('an English name'),
    unit: oneOf(UNITS),
    numerator: text('a sentence saying what the numerator counts'),
    denominator: text('a sentence saying what the denominator counts, or none'),
    direction: oneOf(DIRECTIONS),
    targets: Type.Array(Type.String({ pattern: '^[A-Z][0-9]{2}$', description: 'a target id such as A08' }), {
      uniqueItems: true,
      description: 'comma-separated target ids of targets.csv, or none',
    }),
    time: oneOf(TIME_RULES),
    units: oneOf(UNIT_RULES),
    scale: Type.Number({ exclusiveMinimum: 0, description: 'a positive number' }),
    disclosure: oneOf(DISCLOSURES),
    filters: Type.Array(oneOf(FILTER_NAMES), {
      uniqueItems: true,
      description: `comma-separated filters among ${FILTER_NAMES.join(', ')}, or none`,
    }),
    source: Type.Optional(text('the definition the indicator follows')),
  },
  { additionalProperties: false },
);

export const IndicatorHeaderSchema = Type.Object(
  {
    id: Type.String({ pattern: '^[a-z][a-z0-9]*(_[a-z0-9]+)*$', description: 'snake_case' }),
    domain: oneOf(DOMAINS),
    ...IndicatorMetaSchema.properties,
  },
  { additionalProperties: false },
);

export type IndicatorMeta = Static<typeof IndicatorMetaSchema>;
export type IndicatorHeader = Static<typeof IndicatorHeaderSchema>;
export type Domain = (typeof DOMAINS)[number];

export interface IndicatorDef {
  id: string;
  domain: Domain;
  /** Path of the file as reached from the registry folder given to loadRegistry, e.g. queries/population/births.sql. */
  file: string;
  /** The statement without its header and without a trailing semicolon. */
  sql: string;
  meta: IndicatorMeta;
}

export interface Registry {
  indicators: Map<string, IndicatorDef>;
  /** Every indicator, sorted by domain then id. */
  list(): IndicatorDef[];
}

/** The keys a header may hold, in the order docs/indicators.md lists them. */
export const HEADER_KEYS = Object.keys(IndicatorHeaderSchema.properties);
export const LIST_KEYS = new Set(['targets', 'filters']);

export function describeSchema(schema: TSchema | undefined): string {
  return schema?.description ?? 'a valid value';
}
