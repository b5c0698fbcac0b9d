// The browser's only way to data: named API routes (never SQL). Indicator answers come as Arrow
// and are turned into columns, the shape ECharts datasets and map joins take.
import type { Static } from '@sinclair/typebox';
import type {
  IndicatorAnswerSchema,
  IndicatorListSchema,
  IndicatorMetaSchema,
  IndicatorRowSchema,
} from '../../../server/contracts/indicators.ts';
import type { Meta } from '../../../server/contracts/common.ts';
import type { TargetAnswerSchema, TargetTrajectory, TargetsAnswerSchema } from '../../../server/contracts/targets.ts';
import type { UnitsAnswerSchema, UnitNode } from '../../../server/contracts/units.ts';
import type { FilterKey, Grain, Lang } from '../state/view-state.ts';

export type IndicatorMeta = Static<typeof IndicatorMetaSchema>;
export type IndicatorRow = Static<typeof IndicatorRowSchema>;
export type IndicatorAnswer = Static<typeof IndicatorAnswerSchema>;
/** The server's disclosure method: cellkey (counts perturbed, never withheld) or suppress (small counts withheld). */
export type Disclosure = Meta['disclosure'];
/** Why a row is withheld: primary / complementary (suppress) or small_base (cellkey: a rate on a base below k). */
export type Suppression = IndicatorRow['suppression'];
/** The API always sends a target's outlook (only snapshots frozen before it lack it). */
export type TargetAnswer = Required<Static<typeof TargetAnswerSchema>>;
export type TargetsAnswer = Omit<Static<typeof TargetsAnswerSchema>, 'targets'> & { targets: TargetAnswer[] };
export type { TargetTrajectory, UnitNode };

export interface GeoFeature {
  type: 'Feature';
  properties: {
    code: string;
    gso_code: string;
    name: string;
    name_en: string | null;
    level: string;
    parent_id: string | null;
    area_km2: number | null;
  };
  geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown };
}
export interface GeoCollection {
  type: 'FeatureCollection';
  features: GeoFeature[];
}

export interface IndicatorParams {
  unit: string;
  from?: string;
  to?: string;
  by?: Grain | 'unit' | 'total';
  at?: string;
  filters?: Partial<Record<FilterKey, string>>;
}

/** An API error with the server's message, already in the user's language. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** the server's error code: unauthorized, forbidden, csrf, bad_credentials, too_many_attempts, … */
    readonly code = '',
  ) {
    super(message);
  }
}

let language: Lang = 'vi';
/** The language server messages should come in (Accept-Language). */
export function setApiLanguage(lang: Lang): void {
  language = lang;
}

let csrfToken = '';
/** The session's CSRF token, sent with every POST, PATCH and DELETE (set at sign-in, cleared at sign-out). */
export function setCsrfToken(token: string): void {
  csrfToken = token;
}

let onUnauthorized: (() => void) | null = null;
/**
 * What to do when a data request answers 401 (the session expired or was ended elsewhere): the app
 * goes back to its sign-in screen. The sign-in routes themselves never call it.
 */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  onUnauthorized = handler;
}

/** Signs the page out as a 401 would (e.g. the live link failed and /api/auth/me says the session is gone). */
export function signalUnauthorized(): void {
  onUnauthorized?.();
}

/** Throws the server's error (its message is in the user's language); a 401 outside /api/auth/ signs the page out. */
export async function check(path: string, res: Response): Promise<Response> {
  if (res.ok) return res;
  let message = `${res.status} ${res.statusText}`;
  let code = '';
  try {
    const body = (await res.json()) as { message?: string; error?: string };
    message = body.message ?? message;
    code = body.error ?? '';
  } catch {
    /* not JSON */
  }
  if (res.status === 401 && !path.startsWith('/api/auth/')) onUnauthorized?.();
  throw new ApiError(res.status, message, code);
}

const langHeader = () => ({ 'accept-language': language === 'en' ? 'en' : 'vi' });

/** The headers of every change: a JSON answer, the session's CSRF token and the user's language (uploads too). */
export const writeHeaders = (): Record<string, string> => ({
  accept: 'application/json',
  'x-csrf-token': csrfToken,
  ...langHeader(),
});

/** A GET on the API; errors thrown as ApiError. */
export async function get(path: string, accept = 'application/json'): Promise<Response> {
  return check(path, await fetch(path, { headers: { accept, ...langHeader() } }));
}

/**
 * The one way to change something on the server: POST, PATCH or DELETE with a JSON body, the
 * session's CSRF token (x-csrf-token) and the user's language.
 */
export async function send(method: 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<Response> {
  const headers = writeHeaders();
  if (body !== undefined) headers['content-type'] = 'application/json';
  return check(
    path,
    await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }),
  );
}

/** POST with a JSON body, the answer parsed as JSON (or undefined for 204). */
export async function post<T = unknown>(path: string, body?: unknown): Promise<T> {
  const res = await send('POST', path, body);
  return (res.status === 204 ? undefined : await res.json()) as T;
}

const json = async <T>(path: string): Promise<T> => (await get(path)).json() as Promise<T>;

export const fetchIndicators = () => json<Static<typeof IndicatorListSchema>>('/api/indicators');
export const fetchUnits = () => json<Static<typeof UnitsAnswerSchema>>('/api/units');
/** The plan's targets of a unit with their outlooks; with `trajectory` (a target id), also its monthly values. */
export function fetchTargets(unit: string, trajectory?: string): Promise<TargetsAnswer> {
  const q = new URLSearchParams({ unit });
  if (trajectory) q.set('trajectory', trajectory);
  return json<TargetsAnswer>(`/api/targets?${q}`);
}
export const fetchHealth = () =>
  json<{
    status: string;
    generated: boolean;
    data_version: number;
    datasets: { kind: string; generated: boolean; source: string; data_date: string | null }[];
  }>('/api/health');
/** The 63 provinces (reference boundaries of the map's country view). */
export const fetchProvinces = () => json<GeoCollection>('/api/geo/provinces');
export const fetchGeo = (level: 'commune' | 'district' | 'province', at?: string) =>
  json<GeoCollection>(`/api/units/geo?level=${level}${at ? `&at=${at}` : ''}`);

function indicatorQuery(id: string, p: IndicatorParams): string {
  const q = new URLSearchParams({ unit: p.unit, by: p.by ?? 'month' });
  if (p.from) q.set('from', p.from);
  if (p.to) q.set('to', p.to);
  if (p.at) q.set('at', p.at);
  for (const [k, v] of Object.entries(p.filters ?? {})) if (v) q.set(k, v);
  return `/api/indicators/${encodeURIComponent(id)}?${q}`;
}

/** One indicator as JSON rows with metadata (small answers, tables, exports). */
export const fetchIndicator = (id: string, p: IndicatorParams) => json<IndicatorAnswer>(indicatorQuery(id, p));

/** Columns of an indicator answer, read from Arrow IPC. */
export interface IndicatorColumns {
  unit: string[];
  unit_name: string[];
  period: string[];
  value: (number | null)[];
  numerator: (number | null)[];
  denominator: (number | null)[];
  suppressed: boolean[];
  /** why each row is withheld (null when published) */
  suppression: Suppression[];
  generated: boolean;
  data_date: string;
  /** the answer's disclosure method (schema metadata); null from a server that does not say */
  disclosure: Disclosure | null;
  /** k, the answer's min_cell (schema metadata); null when not sent */
  min_cell: number | null;
}

/** A disclosure method as the server wrote it, or null when it is none the app knows. */
export function readDisclosure(v: unknown): Disclosure | null {
  return v === 'cellkey' || v === 'suppress' ? v : null;
}

/** One indicator as columns through Arrow (charts and maps); apache-arrow loads only when used. */
export async function fetchIndicatorColumns(id: string, p: IndicatorParams): Promise<IndicatorColumns> {
  const [{ tableFromIPC }, res] = await Promise.all([
    import('apache-arrow'),
    get(indicatorQuery(id, p), 'application/vnd.apache.arrow.stream'),
  ]);
  const table = tableFromIPC(new Uint8Array(await res.arrayBuffer()));
  const col = <T>(name: string): T[] => {
    const c = table.getChild(name);
    return c ? Array.from({ length: table.numRows }, (_, i) => c.get(i) as T) : [];
  };
  const reasons = table.getChild('suppression');
  const k = Number(table.schema.metadata.get('min_cell'));
  return {
    unit: col<string>('unit'),
    unit_name: col<string>('unit_name'),
    period: col<string>('period'),
    value: col<number | null>('value'),
    numerator: col<number | null>('numerator'),
    denominator: col<number | null>('denominator'),
    suppressed: col<boolean>('suppressed'),
    suppression: Array.from({ length: table.numRows }, (_, i) => (reasons?.get(i) ?? null) as Suppression),
    generated: table.schema.metadata.get('generated') === 'true',
    data_date: table.schema.metadata.get('data_date') ?? '',
    disclosure: readDisclosure(table.schema.metadata.get('disclosure')),
    min_cell: Number.isInteger(k) && k > 0 ? k : null,
  };
}

export type PopulationForecast = Static<
  typeof import('../../../server/contracts/forecast.ts').PopulationForecastAnswerSchema
>;
export type TargetForecast = Static<
  typeof import('../../../server/forecast/targets-forecast-schema.ts').TargetForecastSchema
>;

export interface ForecastControls {
  scenario?: 'low' | 'medium' | 'high';
  tfr?: number;
  e0?: number;
  /** net migration per 1,000 a year */
  mig?: number;
}

/** A unit's population projection (cohort-component) under a scenario and optional controls. */
export function fetchPopulationForecast(unit: string, c: ForecastControls = {}): Promise<PopulationForecast> {
  const q = new URLSearchParams({ unit });
  if (c.scenario) q.set('scenario', c.scenario);
  if (c.tfr !== undefined) q.set('tfr', String(c.tfr));
  if (c.e0 !== undefined) q.set('e0', String(c.e0));
  if (c.mig !== undefined) q.set('net_migration', String(c.mig));
  return json<PopulationForecast>(`/api/forecast/population?${q}`);
}
