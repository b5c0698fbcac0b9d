// Schemas of the API keys' administration (server/routes/keys.ts), shared with the admin screen "Khóa API"
// (web/src/views/admin/keys-api.ts). The key itself is server/contracts/open-data.ts's ApiKey.
import { Type, type Static } from '@sinclair/typebox';
import { KEY_DOMAINS, type KeyDomain } from './open-data.ts';

/** The domains as a schema (the same list as KEY_DOMAINS; the assertion below keeps them one). */
export const KeyDomainSchema = Type.Union([
  Type.Literal('population'),
  Type.Literal('procedures'),
  Type.Literal('targets'),
  Type.Literal('index'),
]);
/** KEY_DOMAINS and the schema hold the same names (a type error here otherwise). */
export const SAME_DOMAINS: [KeyDomain] extends [Static<typeof KeyDomainSchema>]
  ? [Static<typeof KeyDomainSchema>] extends [KeyDomain]
    ? true
    : never
  : never = true;

/** A key as the admin screen lists it (never its secret), with its units' names and its state now. */
export const ApiKeySchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  agency: Type.String(),
  units: Type.Array(Type.String()),
  unit_names: Type.Array(Type.String()),
  domains: Type.Array(KeyDomainSchema),
  expires: Type.String({ description: 'YYYY-MM-DD: the key works until the end of that day (Vietnam)' }),
  allowed: Type.Array(Type.String()),
  created_by: Type.String(),
  created_at: Type.String(),
  revoked_at: Type.Union([Type.String(), Type.Null()]),
  revoked_by: Type.Union([Type.String(), Type.Null()]),
  last_used_at: Type.Union([Type.String(), Type.Null()]),
  state: Type.Union([Type.Literal('active'), Type.Literal('expired'), Type.Literal('revoked')]),
});

export const KeyCreateSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 120, description: 'the system it is for; unique' }),
    agency: Type.String({ minLength: 1, maxLength: 200, description: 'the agency that holds it' }),
    units: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { minItems: 1, maxItems: 200 }),
    domains: Type.Array(KeyDomainSchema, { minItems: 1, maxItems: KEY_DOMAINS.length, uniqueItems: true }),
    expires: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'last day it works (Vietnam)' }),
    allowed: Type.Optional(
      Type.Array(Type.String({ minLength: 2, maxLength: 64 }), {
        maxItems: 50,
        description: 'IPv4/IPv6 addresses or CIDR ranges; empty or absent: any address',
      }),
    ),
  },
  { additionalProperties: false },
);
