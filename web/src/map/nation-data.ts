// The values of the country view (MapView level 'country'): the boundaries come as vector tiles
// (GET /api/geo/tiles, codes and names only) and are coloured in the browser by joining, on the unit code, the
// values the server returns for the units the account sees: each province of the unit tree (the province itself,
// by=unit on a day without children), and the base communes of each of its districts (by=unit). Every other unit
// of the national layers is "no data" grey, never 0. Which provinces are drawn follows the map's date: the 63 until
// 30/6/2025, the 34 from 1/7/2025.
import { fetchIndicatorColumns, type IndicatorColumns, type IndicatorMeta, type UnitNode } from '../api/client.ts';
import { indicators, units as loadUnits } from '../app/data.ts';
import { DEFAULT_MIN_CELL, type DisclosureInfo } from '../charts/withheld.ts';
import { mergeAnswers, type UnitValue } from './join.ts';

/** the first day of the 34 provinces (Nghị quyết 202/2025/QH15) */
export const PROVINCES_2025_FROM = '2025-07-01';
export type ProvinceLayer = 'provinces' | 'provinces-2025';
/** How many units each national layer holds (the "no data" count of the legend); tests check them on the tiles. */
export const LAYER_UNITS = { provinces: 63, 'provinces-2025': 34, communes: 11_162 } as const;

/** The province layer of a map's date (`at`, else the last month shown, else today). */
export function provinceLayer(at: string | undefined, to: string | undefined): ProvinceLayer {
  const day = at ?? (to ? `${to}-28` : new Date().toISOString().slice(0, 10));
  return day >= PROVINCES_2025_FROM ? 'provinces-2025' : 'provinces';
}

export interface NationUnit {
  code: string;
  name: string;
}

export interface NationData {
  /** the units of the store the account sees, with their values (those absent: no data) */
  provinces: NationUnit[];
  communes: NationUnit[];
  values: Map<string, UnitValue>;
  meta: IndicatorMeta | undefined;
  generated: boolean;
  dataDate: string;
  disclosure: DisclosureInfo;
  period: string;
}

/** A day on which no unit has children: by=unit then reports the unit itself (the server's rule). */
const SELF_DAY = '2100-01-01';
/** at most this many requests at once */
const PARALLEL = 6;

function walk(nodes: UnitNode[], fn: (u: UnitNode) => void): void {
  for (const u of nodes) {
    fn(u);
    walk(u.children, fn);
  }
}

/** Runs the loads PARALLEL at a time; a load that fails gives undefined (its units stay "no data"). */
async function pool<T>(jobs: (() => Promise<T>)[]): Promise<(T | undefined)[]> {
  const out: (T | undefined)[] = [];
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const i = next++;
      out[i] = await jobs[i]().catch(() => undefined);
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, jobs.length) }, worker));
  return out;
}

export async function loadNationData(r: {
  indicator: string;
  from?: string;
  to?: string;
  layer: ProvinceLayer;
}): Promise<NationData> {
  const [tree, catalogue] = await Promise.all([loadUnits(), indicators()]);
  const provinces: NationUnit[] = [];
  const communes: NationUnit[] = [];
  const districts: string[] = [];
  const lone: string[] = [];
  // the provinces of the drawn layer's time, and the base communes (the 2008–2016 commune layer's codes)
  walk(tree.units, (u) => {
    const current = r.layer === 'provinces-2025' ? u.valid_from >= PROVINCES_2025_FROM : u.valid_from < '2025-07-01';
    if (u.level === 'province' && current) provinces.push({ code: u.unit_id, name: u.name });
    if (u.level === 'district' && u.children.some((c) => c.is_base)) districts.push(u.unit_id);
    if (u.level === 'commune' && u.is_base) communes.push({ code: u.unit_id, name: u.name });
  });
  // communes seen without their district (a commune account): asked one by one
  const inDistricts = new Set<string>();
  walk(tree.units, (u) => {
    if (u.level === 'district' && districts.includes(u.unit_id)) for (const c of u.children) inDistricts.add(c.unit_id);
  });
  for (const c of communes) if (!inDistricts.has(c.code)) lone.push(c.code);
  const period = { from: r.from, to: r.to };
  const answers = await pool<IndicatorColumns>([
    ...[...provinces.map((p) => p.code), ...lone].map(
      (unit) => () => fetchIndicatorColumns(r.indicator, { unit, by: 'unit', ...period, at: SELF_DAY }),
    ),
    ...districts.map((unit) => () => fetchIndicatorColumns(r.indicator, { unit, by: 'unit', ...period })),
  ]);
  const known = new Set([...provinces, ...communes].map((u) => u.code));
  const {
    values,
    generated,
    dataDate,
    method,
    minCell,
    period: months,
  } = mergeAnswers(answers, (code) => known.has(code));
  return {
    provinces,
    communes,
    values,
    meta: catalogue.indicators.find((m) => m.id === r.indicator),
    generated,
    dataDate,
    disclosure: { method, minCell: minCell ?? DEFAULT_MIN_CELL },
    period: months,
  };
}
