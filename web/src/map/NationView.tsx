// The country view of MapView (level 'country'): the whole country from vector tiles (GET /api/geo/tiles), the
// provinces of the map's date (63 until 30/6/2025, 34 from 1/7/2025) at low zoom and the ~11,000 communes from
// COMMUNE_ZOOM, each coloured by the indicator's value where the store has one (nation-data.ts) and "no data"
// grey elsewhere. Classes, palette and legend are the other maps' (buildChoropleth, Legend), per layer: the legend
// follows the layer coloured at the current zoom. MapLibre loads as its own chunk (NationGl).
import { useCallback, useEffect, useMemo, useState, type ComponentType } from 'react';
import type { GeoCollection } from '../api/client.ts';
import { useAsync } from '../app/use-async.ts';
import { withheldUnitLabel } from '../charts/withheld.ts';
import { useI18n } from '../i18n/index.ts';
import { useLiveVersion } from '../live/LiveProvider.tsx';
import { buildChoropleth, type Choropleth, type UnitDatum } from './join.ts';
import { Legend } from './Legend.tsx';
import { legendTitle } from './legend-text.ts';
import type { MapViewProps } from './MapView.tsx';
import { LAYER_UNITS, loadNationData, provinceLayer, type NationUnit } from './nation-data.ts';
import type { NationGlProps, NationHover } from './NationGl.tsx';
import { codeFill } from './nation-style.ts';
import './map.css';

let Gl: ComponentType<NationGlProps> | undefined;
let glFailed: Error | undefined;
let glLoading: Promise<void> | undefined;
const loadGl = () =>
  (glLoading ??= import('./NationGl.tsx').then(
    (m) => {
      Gl = m.default;
    },
    (err: unknown) => {
      glFailed = err instanceof Error ? err : new Error(String(err));
    },
  ));

/** The joined units of one layer as the other maps classify them (geometry stays in the tiles). */
const asGeo = (units: NationUnit[]): GeoCollection =>
  ({
    type: 'FeatureCollection',
    features: units.map((u) => ({ type: 'Feature', properties: { code: u.code, name: u.name }, geometry: null })),
  }) as unknown as GeoCollection;

/** The legend's counts over the whole layer: every unit of the layer without a value is "no data". */
function overLayer(c: Choropleth, total: number): Choropleth {
  const shown = c.counts.classes.reduce((a, b) => a + b, 0) + c.counts.suppressed;
  return { ...c, counts: { ...c.counts, no_data: Math.max(0, total - shown) } };
}

export default function NationView({
  indicator,
  from,
  to,
  at,
  classes = 'quantile',
  height = 480,
  stageHeight,
  wall = false,
  onData,
}: MapViewProps) {
  const i = useI18n();
  const [box, setBox] = useState<HTMLDivElement | null>(null);
  const [hover, setHover] = useState<NationHover | null>(null);
  const [communes, setCommunes] = useState(false);
  const [drawn, setDrawn] = useState(false);
  const onDrawn = useCallback(() => setDrawn(true), []);
  const layer = provinceLayer(at, to);
  const [domain, setDomain] = useState<string>();
  const version = useLiveVersion({ indicators: indicator ? [indicator] : [], domains: domain ? [domain] : undefined });
  const data = useAsync(
    () => (indicator ? loadNationData({ indicator, from, to, layer }) : Promise.resolve(undefined)),
    JSON.stringify(['nation', indicator, from, to, layer]),
    version,
  );
  const ready = data.status === 'ready' ? data.data : undefined;
  const answerDomain = ready?.meta?.domain;
  if (answerDomain !== domain) setDomain(answerDomain);
  const direction = ready?.meta?.direction ?? 'none';
  const provinceMap = useMemo(
    () => (ready ? buildChoropleth(asGeo(ready.provinces), ready.values, classes, direction, 5) : undefined),
    [ready, classes, direction],
  );
  const communeMap = useMemo(
    () => (ready ? buildChoropleth(asGeo(ready.communes), ready.values, classes, direction, 5) : undefined),
    [ready, classes, direction],
  );
  const fillsOf = (c?: Choropleth) => Object.fromEntries((c?.units ?? []).map((u) => [u.code, u.fill]));
  const provinceFills = useMemo(() => fillsOf(provinceMap), [provinceMap]);
  const communeFills = useMemo(() => fillsOf(communeMap), [communeMap]);
  const provinceFill = useMemo(() => codeFill(provinceFills), [provinceFills]);
  const communeFill = useMemo(() => codeFill(communeFills), [communeFills]);

  useEffect(() => {
    if (!provinceMap || !communeMap || !ready) return;
    onData?.([...provinceMap.units, ...communeMap.units], ready.meta?.unit ?? '', ready.disclosure);
    // told when the units change only
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [provinceMap, communeMap]);

  // MapLibre's chunk starts at once: there is no SVG picture to wait for here
  const [, setTick] = useState(0);
  useEffect(() => {
    if (Gl || glFailed) return;
    let live = true;
    void loadGl().then(() => live && setTick((n) => n + 1));
    return () => {
      live = false;
    };
  }, []);

  const active = communes ? communeMap : provinceMap;
  const legendMap = active && overLayer(active, communes ? LAYER_UNITS.communes : LAYER_UNITS[layer]);
  const name = ready?.meta ? (i.lang === 'en' ? ready.meta.name_en : ready.meta.name_vi) : (indicator ?? '');
  const legend = legendTitle(i, {
    name,
    unit: ready?.meta?.unit ?? '',
    period: ready?.period ?? '',
    time: ready?.meta?.time,
    dataDate: ready?.dataDate,
  });
  const hovered: UnitDatum | undefined = hover
    ? (communes ? communeMap : provinceMap)?.units.find((u) => u.code === hover.code)
    : undefined;
  const locale = useMemo(
    () => ({
      'NavigationControl.ZoomIn': i.t('map.gl.zoomIn'),
      'NavigationControl.ZoomOut': i.t('map.gl.zoomOut'),
      'AttributionControl.ToggleAttribution': i.t('map.gl.attribution'),
      'Map.Title': i.t('map.title'),
    }),
    [i],
  );
  const fills = ready ? { ...provinceFills, ...communeFills } : undefined;
  const error = data.status === 'error' ? data.error : glFailed;
  return (
    <div
      className={`map-view map-view--nation${wall ? ' map-view--wall' : ''}`}
      style={stageHeight === undefined ? { height } : undefined}
      data-testid="map"
      data-level="country"
      data-provinces={layer}
      data-fills={fills ? JSON.stringify(fills) : undefined}
      data-indicator={indicator}
      role="region"
      aria-label={i.t('map.aria', { indicator: [legend.what, legend.when].filter(Boolean).join(' · ') })}
    >
      <div
        className="map-view__stage"
        style={stageHeight === undefined ? undefined : { height: stageHeight, flex: 'none' }}
      >
        <div ref={setBox} className="map-view__canvas" />
        {box && Gl && (
          <Gl
            container={box}
            provinces={layer}
            provinceFill={provinceFill}
            communeFill={communeFill}
            wall={wall}
            locale={locale}
            onHover={setHover}
            onCommunes={setCommunes}
            onDrawn={onDrawn}
          />
        )}
        {!drawn && !error && (
          <div className="map-view__status" role="status">
            {i.t('map.loading')}
          </div>
        )}
        {error && (
          <div className="map-view__status" role="alert">
            {i.t('map.error', { message: error.message })}
          </div>
        )}
        {drawn && !communes && <span className="map-view__badge">{i.t('nation.zoomHint')}</span>}
        {hover && (
          <div className="map-tooltip" role="tooltip" style={{ left: hover.x, top: hover.y }}>
            <strong>{hover.name}</strong>
            <small>
              {hovered?.suppressed
                ? (withheldUnitLabel(i, ready?.disclosure, hovered.reason) ?? i.t('map.suppressed'))
                : hovered && hovered.value !== null
                  ? i.value(hovered.value, ready?.meta?.unit ?? '')
                  : i.t('map.noData')}
            </small>
          </div>
        )}
      </div>
      {legendMap && (
        <Legend
          choropleth={legendMap}
          method={classes}
          unit={ready?.meta?.unit ?? ''}
          title={legend.what}
          period={legend.when}
          withheld={withheldUnitLabel(i, ready?.disclosure, legendMap.units.find((u) => u.suppressed)?.reason)}
          wall={wall}
        />
      )}
    </div>
  );
}
