// The browser's only way to data: named API routes (never SQL). Indicator answers come as Arrow
// and are turned into columns, the shape ECharts datasets and map joins take.
import type { Static } from '@sinclair/typebox';
import type { IndicatorAnswerSchema, IndicatorListSchema, IndicatorMetaSchema, IndicatorRowSchema } from '../../../server/contracts/indicators.ts';
import type { TargetAnswerSchema, TargetsAnswerSchema } from '../../../server/contracts/targets.ts';
import type { UnitsAnswerSchema, UnitNode } from '../../../server/contracts/units.ts';
import type { FilterKey, Grain, Lang } from '../state/view-state.ts';

export type IndicatorMeta = Static<typeof IndicatorMetaSchema>;
export type IndicatorRow = Static<typeof IndicatorRowSchema>;
export type IndicatorAnswer = Static<typeof IndicatorAnswerSchema>;
export type TargetAnswer = Static<typeof TargetAnswerSchema>;
export type TargetsAnswer = Static<typeof TargetsAnswerSchema>;
export type { UnitNode };

export interface GeoFeature {
  type: 'Feature';
  properties: { code: string; gso_code: string; name: string; name_en: string | null; level: string; parent_id: string | null; area_km2: number | null };
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
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

let language: Lang = 'vi';
/** The language server messages should come in (Accept-Language). */
export function setApiLanguage(lang: Lang): void {
  language = lang;
}

async function get(path: string, accept = 'application/json'): Promise<Response> {
  const res = await fetch(path, { headers: { accept, 'accept-language': language === 'en' ? 'en' : 'vi' } });
  if (!res.ok) {
    let message = `${res.status} ${res.statusText}`;
    try {
      message = ((await res.json()) as { message?: string }).message ?? message;
    } catch {
      /* not JSON */
    }
    throw new ApiError(res.status, message);
  }
  return res;
}

const json = async <T>(path: string): Promise<T> => (await get(path)).json() as Promise<T>;

export const fetchIndicators = () => json<Static<typeof IndicatorListSchema>>('/api/indicators');
export const fetchUnits = () => json<Static<typeof UnitsAnswerSchema>>('/api/units');
export const fetchTargets = (unit: string) => json<TargetsAnswer>(`/api/targets?unit=${encodeURIComponent(unit)}`);
export const fetchHealth = () =>
  json<{ status: string; generated: boolean; data_version: number; datasets: { kind: string; generated: boolean; source: string; data_date: string | null }[] }>('/api/health');
export const fetchGeo = (level: 'commune' | 'district' | 'province', at?: string) =>
  json<GeoCollection>(`/api/units/geo?level=${level}${at ? `&at=${at}` : ''}`);

export function indicatorQuery(id: string, p: IndicatorParams): string {
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
  generated: boolean;
  data_date: string;
}

/** One indicator as columns through Arrow (charts and maps); apache-arrow loads only when used. */
export async function fetchIndicatorColumns(id: string, p: IndicatorParams): Promise<IndicatorColumns> {
  const [{ tableFromIPC }, res] = await Promise.all([import('apache-arrow'), get(indicatorQuery(id, p), 'application/vnd.apache.arrow.stream')]);
  const table = tableFromIPC(new Uint8Array(await res.arrayBuffer()));
  const col = <T,>(name: string): T[] => {
    const c = table.getChild(name);
    return c ? (Array.from({ length: table.numRows }, (_, i) => c.get(i)) as T[]) : [];
  };
  return {
    unit: col<string>('unit'),
    unit_name: col<string>('unit_name'),
    period: col<string>('period'),
    value: col<number | null>('value'),
    numerator: col<number | null>('numerator'),
    denominator: col<number | null>('denominator'),
    suppressed: col<boolean>('suppressed'),
    generated: table.schema.metadata.get('generated') === 'true',
    data_date: table.schema.metadata.get('data_date') ?? '',
  };
}

export type PopulationForecast = Static<typeof import('../../../server/contracts/forecast.ts').PopulationForecastAnswerSchema>;
export type TargetForecast = Static<typeof import('../../../server/forecast/targets-forecast-schema.ts').TargetForecastSchema>;

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

/** Each target's forecast at its deadline with intervals and the probability of meeting it. */
export const fetchTargetForecasts = (unit: string) => json<{ unit: string; targets: TargetForecast[] }>(`/api/forecast/targets?unit=${encodeURIComponent(unit)}`);
