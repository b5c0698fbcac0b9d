// The Overview's first screen in one request (GET /api/overview): the targets, the map's values and boundaries
// (TopoJSON, decoded here), the lagging list's and the changes panel's values. What the map and the panels need is
// handed to them as seeds (map/map-data.ts for the map; takeValues for the panels), each taken once, so that
// they draw at once; a later refresh (a live change, another indicator) asks the server as before.
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { OverviewAnswer, UnitValues } from '../../../../server/contracts/overview.ts';
import {
  get,
  type GeoCollection,
  type IndicatorAnswer,
  type IndicatorMeta,
  type TargetAnswer,
} from '../../api/client.ts';
import { onSessionReset } from '../../app/data.ts';
import { DEFAULT_MIN_CELL } from '../../charts/withheld.ts';
import { hasBoundaries, loadBoundaries, seedBoundaries, seedMapData, valuesOfRows } from '../../map/map-data.ts';

export type FirstScreen = Omit<OverviewAnswer, 'targets' | 'indicators'> & {
  targets: TargetAnswer[];
  indicators: IndicatorMeta[];
};

/** a seed not taken within this time is dropped (it may be stale) */
const SEED_MS = 30_000;
const seeds = new Map<string, { at: number; answer: IndicatorAnswer }>();
onSessionReset(() => seeds.clear());

const valuesKey = (id: string, unit: string, from: string, to: string) => JSON.stringify([id, unit, from, to]);

/** The answer of /api/indicators/:id?by=unit for this period that the Overview's answer brought (once). */
export function takeValues(id: string, unit: string, from: string, to: string): IndicatorAnswer | undefined {
  const key = valuesKey(id, unit, from, to);
  const seed = seeds.get(key);
  seeds.delete(key);
  return seed && Date.now() - seed.at < SEED_MS ? seed.answer : undefined;
}

/** GET /api/overview for a unit (the map's indicator if the view chose one), its parts handed to the map and panels. */
export async function loadFirstScreen(unit: string, indicator: string | undefined): Promise<FirstScreen> {
  const q = new URLSearchParams({ unit });
  if (indicator) q.set('indicator', indicator);
  // the boundaries of the session's units come once: a later answer (another unit, a refresh) leaves them out
  const known = hasBoundaries('commune');
  if (known) q.set('boundaries', 'false');
  const answer = (await (await get(`/api/overview?${q}`)).json()) as FirstScreen;
  const meta = (id: string) => answer.indicators.find((m) => m.id === id);
  const seed = (v: UnitValues) => {
    const m = meta(v.indicator);
    if (!m) return;
    seeds.set(valuesKey(v.indicator, v.unit, v.from, v.to), { at: Date.now(), answer: { ...v, indicator: m } });
  };
  if (answer.map) seed(answer.map.values);
  for (const c of answer.changes) {
    seed(c.previous);
    seed(c.last);
  }
  if (answer.boundaries) {
    const topo = answer.boundaries as unknown as Topology;
    const decode = (name: string) =>
      feature(topo, topo.objects[name] as GeometryCollection) as unknown as GeoCollection;
    seedBoundaries('commune', undefined, decode('units'), decode('around'));
  }
  if (answer.map && (answer.boundaries || known)) {
    const { values, extra } = answer.map;
    const m = meta(answer.map.indicator);
    // the map's data as loadMapData makes them: the unit's children, then units asked one by one, on the map only
    const geo = await loadBoundaries('commune');
    const drawn = new Set(geo.features.map((f) => f.properties.code));
    const all = valuesOfRows(values.rows);
    for (const one of extra) for (const [code, v] of valuesOfRows(one.rows)) if (drawn.has(code)) all.set(code, v);
    seedMapData(
      { level: 'commune', unit, indicator: answer.map.indicator, from: answer.month, to: answer.month },
      {
        geo,
        values: all,
        meta: m,
        generated: values.meta.generated,
        dataDate: values.meta.data_date ?? '',
        disclosure: { method: values.meta.disclosure, minCell: values.meta.min_cell ?? DEFAULT_MIN_CELL },
        period: values.rows.find((r) => r.period)?.period ?? '',
      },
    );
  }
  return answer;
}
