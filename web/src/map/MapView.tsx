// The choropleth map of an indicator by unit: data, classification, legend, tooltip; drawn at once
// as SVG (SvgMap) and then by MapLibre (GlMap, its own chunk: local style, shipped glyphs, zoom,
// hover, click). Light enough for the Overview's first load. The units around the account's own
// (a commune leader's neighbours) are drawn in grey with their names, never with a value. The
// legend sits below the map, inside the height given (or below the drawing's own height), so that it
// never covers the map. data-fills and window.__iocMapReady (MapLibre has drawn) /
// window.__iocMapFirstPaint (the choropleth is first on screen) are for tests.
// A live change of the indicator refetches the values in place: the colours change, nothing blinks.
import { useCallback, useEffect, useEffectEvent, useLayoutEffect, useMemo, useState, type ComponentType } from 'react';
import type { Lang } from '../state/view-state.ts';
import { useAsync } from '../app/use-async.ts';
import { isSmallBase, withheldRule, withheldUnitLabel, type DisclosureInfo } from '../charts/withheld.ts';
import { useI18n } from '../i18n/index.ts';
import { useLiveVersion } from '../live/LiveProvider.tsx';
import type { ClassMethod } from './classify.ts';
import type { GlHover, GlMapProps } from './GlMap.tsx';
import { buildChoropleth, pendingGeojson, type UnitDatum } from './join.ts';
import { Legend } from './Legend.tsx';
import { legendTitle } from './legend-text.ts';
import { loadBoundaries, loadContext, loadMapData, type MapLevel } from './map-data.ts';
import './map.css';
import { PENDING_COLOR } from './style.ts';
import { SvgMap } from './SvgMap.tsx';
import NationView from './NationView.tsx';

declare global {
  interface Window {
    /** true once MapLibre has drawn the first answer (tests wait for it) */
    __iocMapReady?: boolean;
    /** performance.now() when a coloured map was first on screen (the SVG drawing), for npm run perf */
    __iocMapFirstPaint?: number;
  }
}

export interface MapViewProps {
  unit: string;
  /** the indicator to colour by; until it is known the boundaries are drawn in a neutral grey */
  indicator?: string;
  from?: string;
  to?: string;
  at?: string;
  classes?: ClassMethod;
  onSelect?: (unitId: string) => void;
  /** the height of the map with its legend below it (the legend takes its share: the map's drawing is smaller) */
  height?: number | string;
  /** instead of `height`: the height of the map's drawing alone, the legend below it adding its own */
  stageHeight?: number | string;
  wall?: boolean;
  /** which boundaries: the unit's communes (default), the districts, or the 63 provinces */
  level?: MapLevel;
  /** a unit drawn with a heavy outline (the one whose profile is open) */
  selected?: string;
  /**
   * the joined units, whenever they change (for a keyboard list of units beside the map), with the unit of measure
   * and the server's disclosure method and k (the words for a withheld unit, the note on the method)
   */
  onData?: (units: UnitDatum[], unitOfMeasure: string, disclosure: DisclosureInfo) => void;
}

// MapLibre's chunk (the largest) is fetched once a first picture is on screen (compiling it would
// compete with the SVG drawing for the main thread) and shared by every map. Not React.lazy, which
// suspends at least once and lets React hold a revealed boundary back (~300 ms).
let Gl: ComponentType<GlMapProps> | undefined;
let glFailed: Error | undefined;
let glLoading: Promise<void> | undefined;
const loadGl = () =>
  (glLoading ??= import('./GlMap.tsx').then(
    (m) => {
      Gl = m.default;
    },
    (err: unknown) => {
      glFailed = err instanceof Error ? err : new Error(String(err));
    },
  ));
// Arrow decodes the values: fetch its chunk now rather than when the first answer comes.
void import('apache-arrow').catch(() => undefined);

/** MapLibre's layer (GlLayer) is ready once `start` is true and its chunk has loaded (an Error if it cannot load). */
function useGl(start: boolean): 'ready' | Error | undefined {
  const [, setTick] = useState(0);
  useEffect(() => {
    if (!start || Gl || glFailed) return;
    let live = true;
    void loadGl().then(() => live && setTick((n) => n + 1));
    return () => {
      live = false;
    };
  }, [start]);
  return glFailed ?? (Gl ? 'ready' : undefined);
}

/** The layer as one component declared here, whatever render asks for it: GlMap once loaded. */
function GlLayer(props: GlMapProps) {
  return Gl ? <Gl {...props} /> : null;
}

/** MapLibre's UI strings in the app's language (one object a language: a new one makes the map anew). */
const LOCALE_KEYS = {
  'NavigationControl.ZoomIn': 'map.gl.zoomIn',
  'NavigationControl.ZoomOut': 'map.gl.zoomOut',
  'NavigationControl.ResetBearing': 'map.gl.resetBearing',
  'AttributionControl.ToggleAttribution': 'map.gl.attribution',
  'Map.Title': 'map.title',
} as const;
const locales = new Map<Lang, Record<string, string>>();
function glLocale(lang: Lang, t: (key: string) => string): Record<string, string> {
  let locale = locales.get(lang);
  if (!locale) locales.set(lang, (locale = Object.fromEntries(Object.entries(LOCALE_KEYS).map(([k, v]) => [k, t(v)]))));
  return locale;
}

/** The map of a level: the country from vector tiles (NationView), the communes and districts from GeoJSON. */
export default function MapView(props: MapViewProps) {
  return props.level === 'country' ? <NationView {...props} /> : <UnitMapView {...props} />;
}

function UnitMapView({
  unit,
  indicator,
  from,
  to,
  at,
  classes = 'quantile',
  onSelect,
  height = 480,
  stageHeight,
  wall = false,
  level = 'commune',
  selected,
  onData,
}: MapViewProps) {
  const i = useI18n();
  const [box, setBox] = useState<HTMLDivElement | null>(null);
  const [hover, setHover] = useState<GlHover | null>(null);

  const key = JSON.stringify([level, unit, indicator, from, to, at]);
  // Every unit's value may show (the map draws the neighbours too): the version follows the indicator
  // (and its domain: the server names only the indicators of the plan's targets) in every unit.
  const [domain, setDomain] = useState<string>();
  const version = useLiveVersion({ indicators: indicator ? [indicator] : [], domains: domain ? [domain] : undefined });
  const data = useAsync(
    () => (indicator ? loadMapData({ level, unit, indicator, from, to, at }) : Promise.resolve(undefined)),
    key,
    version,
  );
  const ready = data.status === 'ready' ? data.data : undefined;
  // The domain comes with the answer (the version asks for it before the answer is known): kept as
  // state, updated during render when an answer brings another (React renders again at once).
  const answerDomain = ready?.meta?.domain;
  if (answerDomain !== domain) setDomain(answerDomain);
  // The boundaries come first (shared, often fetched already), with the units around for context: drawn and
  // labelled while the values load.
  const outline = useAsync(
    () => Promise.all([loadBoundaries(level, at), loadContext(level, at)]),
    JSON.stringify([level, at]),
  );
  const boundaries = outline.status === 'ready' ? outline.data[0] : undefined;
  const context = outline.status === 'ready' ? outline.data[1] : undefined;
  const direction = ready?.meta?.direction ?? 'none';
  const choropleth = useMemo(
    () => (ready ? buildChoropleth(ready.geo, ready.values, classes, direction, 5) : undefined),
    [ready, classes, direction],
  );
  const fills = useMemo(
    () => (choropleth ? Object.fromEntries(choropleth.units.map((u) => [u.code, u.fill])) : undefined),
    [choropleth],
  );

  // Told when the units change, not when a new onData callback comes
  const tell = useEffectEvent((units: UnitDatum[]) =>
    onData?.(units, ready?.meta?.unit ?? '', ready?.disclosure ?? { method: null, minCell: 5 }),
  );
  useEffect(() => {
    if (choropleth) tell(choropleth.units);
  }, [choropleth]);

  // Until MapLibre has drawn (or when it cannot load), the same features are drawn as SVG.
  const [glDrawn, setGlDrawn] = useState(false);
  const onDrawn = useCallback(() => setGlDrawn(true), []);
  const [size, setSize] = useState<{ width: number; height: number } | null>(null);
  useLayoutEffect(() => {
    if (!box || glDrawn) return;
    const measure = () =>
      setSize((old) =>
        old && old.width === box.clientWidth && old.height === box.clientHeight
          ? old
          : { width: box.clientWidth, height: box.clientHeight },
      );
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(box);
    return () => observer.disconnect();
  }, [box, glDrawn]);
  const svgFeatures = useMemo(
    () => (choropleth ? choropleth.geojson.features : boundaries ? pendingGeojson(boundaries).features : undefined),
    [choropleth, boundaries],
  );
  const svgFills = useMemo(
    () => fills ?? Object.fromEntries((svgFeatures ?? []).map((f) => [f.properties.code, PENDING_COLOR])),
    [fills, svgFeatures],
  );
  // MapLibre starts once the SVG choropleth is on screen: its set-up (WebGL, shaders) holds the main
  // thread for several hundred ms on a slow machine, and would otherwise delay the first picture.
  const [painted, setPainted] = useState(false);
  const gl = useGl(painted || outline.status === 'error' || data.status === 'error');
  useEffect(() => {
    if (!choropleth || painted) return;
    const frame = requestAnimationFrame(() => {
      window.__iocMapFirstPaint ??= performance.now();
      setPainted(true);
    });
    return () => cancelAnimationFrame(frame);
  }, [choropleth, painted]);

  const name = ready?.meta ? (i.lang === 'en' ? ready.meta.name_en : ready.meta.name_vi) : (indicator ?? '');
  const legend = legendTitle(i, {
    name,
    unit: ready?.meta?.unit ?? '',
    period: ready?.period ?? '',
    time: ready?.meta?.time,
    dataDate: ready?.dataDate,
  });
  const hovered = hover && !hover.context ? choropleth?.units.find((u) => u.code === hover.code) : undefined;
  const hoveredAround = hover?.context ? context?.features.find((f) => f.properties.code === hover.code) : undefined;
  const locale = glLocale(i.lang, i.t);
  return (
    <div
      className={`map-view${wall ? ' map-view--wall' : ''}`}
      style={stageHeight === undefined ? { height } : undefined}
      data-testid="map"
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
        {box && painted && gl === 'ready' && (
          <GlLayer
            container={box}
            boundaries={boundaries}
            context={context}
            choropleth={choropleth}
            level={level}
            wall={wall}
            locale={locale}
            selected={selected}
            onSelect={onSelect}
            onHover={setHover}
            onDrawn={onDrawn}
          />
        )}
        {(!glDrawn || gl instanceof Error) && size && svgFeatures && (
          <SvgMap
            features={svgFeatures}
            fills={svgFills}
            context={context}
            width={size.width}
            height={size.height}
            labels={level !== 'country'}
            wall={wall}
            onSelect={onSelect}
          />
        )}
        {!svgFeatures && outline.status === 'loading' && (
          <div className="map-view__status" role="status">
            {i.t('map.loading')}
          </div>
        )}
        {(data.status === 'error' || outline.status === 'error') && (
          <div className="map-view__status" role="alert">
            {i.t('map.error', {
              message: (data.status === 'error'
                ? data.error
                : outline.status === 'error'
                  ? outline.error
                  : new Error('')
              ).message,
            })}
          </div>
        )}
        {ready?.generated && <span className="map-view__badge">{i.t('map.generated')}</span>}
        {hover && hoveredAround && (
          <div className="map-tooltip" role="tooltip" style={{ left: hover.x, top: hover.y }}>
            <strong>{hoveredAround.properties.name}</strong>
            <small>{i.t('map.around.note')}</small>
          </div>
        )}
        {hover && hovered && (
          <div className="map-tooltip" role="tooltip" style={{ left: hover.x, top: hover.y }}>
            <strong>{hovered.name}</strong>
            <small>
              {hovered.suppressed
                ? isSmallBase(hovered.reason, ready?.disclosure)
                  ? withheldRule(i, hovered.reason, ready?.disclosure)
                  : `${i.t('map.suppressed')}. ${i.t('map.suppressed.explainShort')}`
                : hovered.value === null
                  ? i.t('map.noData')
                  : i.value(hovered.value, ready?.meta?.unit ?? '')}
            </small>
          </div>
        )}
      </div>
      {choropleth && (
        <Legend
          choropleth={choropleth}
          method={classes}
          unit={ready?.meta?.unit ?? ''}
          title={legend.what}
          period={legend.when}
          withheld={withheldUnitLabel(i, ready?.disclosure, choropleth.units.find((u) => u.suppressed)?.reason)}
          around={context?.features.length ?? 0}
          wall={wall}
        />
      )}
    </div>
  );
}
