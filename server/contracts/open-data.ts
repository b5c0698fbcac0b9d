// The open interface for other agencies' systems (issue 20): API keys (server/auth/keys.ts), the datasets that
// can be taken out (server/bulk/datasets.ts), the bulk downloads (server/routes/bulk.ts) and the DCAT catalogue
// (server/catalog/dcat.ts). The shared types only; each part lives in its own module.
import type { FastifyRequest } from 'fastify';

/** What a key may read, by subject: the population, the procedures (dossiers), the plan's targets, the 766 index. */
export const KEY_DOMAINS = ['population', 'procedures', 'targets', 'index'] as const;
export type KeyDomain = (typeof KEY_DOMAINS)[number];

/**
 * Which routes a key may call (route config `keys`): 'any' (the catalogue, the unit list), one domain, or a function
 * of the request (its params and query, parsed by the router before any hook) giving the domain the request reads,
 * or null when the route itself will answer 404 (an unknown indicator or dataset). A route without `keys` is closed
 * to keys (403): every admin, events, import, snapshot, brief and export route.
 */
export type KeyRule = 'any' | KeyDomain | ((request: FastifyRequest) => KeyDomain | null);

/** A key as the server holds it (never its secret: only the secret's SHA-256 is stored). */
export interface ApiKey {
  /** public id, part of the token (`ioc06_<id>_<secret>`) */
  id: string;
  /** the system it is for, e.g. "Kho dữ liệu tỉnh Hải Dương" */
  name: string;
  /** the agency that holds it */
  agency: string;
  /** the units it may read in detail (each within the creating admin's scope) */
  units: string[];
  domains: KeyDomain[];
  /** ISO date (YYYY-MM-DD, Vietnam's day): the key works until the end of that day */
  expires: string;
  /** IPv4/IPv6 addresses or CIDR ranges; empty: any address */
  allowed: string[];
  created_by: string;
  created_at: string;
  revoked_at: string | null;
  revoked_by: string | null;
  last_used_at: string | null;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** the key a machine client sent as `Authorization: Bearer …`, or null (then `user` may be a person) */
    apiKey: ApiKey | null;
  }
  interface FastifyContextConfig {
    /** whether, and for which domain, a key may call this route (absent: never) */
    keys?: KeyRule;
  }
}

/** The formats of a bulk download. */
export const BULK_FORMATS = ['csv', 'parquet', 'arrow'] as const;
export type BulkFormat = (typeof BULK_FORMATS)[number];

export interface Bilingual {
  vi: string;
  en: string;
}

export interface DatasetColumn {
  name: string;
  type: 'string' | 'integer' | 'double' | 'boolean';
  title: Bilingual;
}

/** A dataset that can be taken out: one per indicator, the two cubes, the targets, the 766 index. */
export interface DatasetInfo {
  /** 'indicator.<id>', 'population_cube', 'dossier_cube', 'targets', 'index766' */
  id: string;
  kind: 'indicator' | 'cube' | 'targets' | 'index766';
  domain: KeyDomain;
  title: Bilingual;
  description: Bilingual;
  /** definitions, as the SQL header says (indicators), or what is counted (cubes) */
  numerator: string | null;
  denominator: string | null;
  /** the measure's unit: persons, count, percent, days, points, … */
  unit: string;
  columns: DatasetColumn[];
  /** months with data (YYYY-MM), null when there are none */
  coverage: { from: string; to: string } | null;
  /** how often the data changes: 'monthly' (imports), 'continuous' (live events) */
  frequency: 'monthly' | 'continuous';
  /** the last day the data covers (YYYY-MM-DD) */
  data_date: string | null;
  /** how counts are protected (docs/disclosure.md): 'cellkey' or 'suppress', with a sentence in both languages */
  disclosure: { method: string; note: Bilingual };
  /** whether it can be downloaded on this store now, and why not */
  available: boolean;
  unavailable_reason: Bilingual | null;
}
