// The choropleth map of an indicator by unit (MapLibre, local style, shipped glyphs): legend, hover
// tooltip, click to select. Lazy-loadable default export; data-fills and window.__iocMapReady for tests.
import maplibregl, { type GeoJSONSource, type MapGeoJSONFeature } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useAsync } from '../app/use-async.ts';
import { useI18n } from '../i18n/index.ts';
import type { ClassMethod } from './classify.ts';
import { bbox, buildChoropleth, type UnitDatum } from './join.ts';
import { Legend } from './Legend.tsx';
import { loadMapData, type MapLevel } from './map-data.ts';
import './map.css';
import type { Direction } from './palette.ts';
import { FILL_LAYER, fillColorExpression, LABEL_LAYER, mapStyle, SOURCE } from './style.ts';

declare global {
  interface Window {
    __iocMapReady?: boolean;
  }
}

export interface MapViewProps {
  unit: string;
  indicator: string;
  from?: string;
  to?: string;
  at?: string;
  classes?: ClassMethod;
  onSelect?: (unitId: string) => void;
  height?: number | string;
  wall?: boolean;
  /** which boundaries: the unit's communes (default), the districts, or the 63 provinces */
  level?: MapLevel;
  /** a unit drawn with a heavy outline (the one whose profile is open) */
  selected?: string;
  /** the joined units, whenever they change (for a keyboard list of units beside the map) */
  onData?: (units: UnitDatum[], unitOfMeasure: string) => void;
}

type GeoJSONData = Parameters<GeoJSONSource['setData']>[0];

// Start MapLibre's worker as soon as this chunk loads, before the first map needs it.
maplibregl.prewarm();

const EMPTY: GeoJSONData = { type: 'FeatureCollection', features: [] };

interface Hover { code: string; x: number; y: number }

export default function MapView({ unit, indicator, from, to, at, classes = 'quantile', onSelect, height = 480, wall = false, level = 'commune', selected, onData }: MapViewProps) {
  const i = useI18n();
  const box = useRef<HTMLDivElement>(null);
  const mapRef = useRef<maplibregl.Map | null>(null);
  const drawn = useRef(false);
  const [hover, setHover] = useState<Hover | null>(null);
  const selectRef = useRef(onSelect);
  selectRef.current = onSelect;
  const key = JSON.stringify([level, unit, indicator, from, to, at]);
  const data = useAsync(() => loadMapData({ level, unit, indicator, from, to, at }), key);
  const ready = data.status === 'ready' ? data.data : undefined;
  const direction = (ready?.meta?.direction ?? 'none') as Direction;
  const choropleth = useMemo(
    () => (ready ? buildChoropleth(ready.geo, ready.values, classes, direction, 5) : undefined),
    [ready, classes, direction],
  );
  const fills = useMemo(() => (choropleth ? JSON.stringify(Object.fromEntries(choropleth.units.map((u) => [u.code, u.fill]))) : undefined), [choropleth]);

  const dataRef = useRef(onData);
  dataRef.current = onData;
  useEffect(() => {
    if (choropleth) dataRef.current?.(choropleth.units, ready?.meta?.unit ?? '');
  }, [choropleth]);

  // Create the map at mount, so that MapLibre's worker, WebGL and style start while the data load;
  // the data then fill the source (first screen: the map is drawn about a second sooner).
  useEffect(() => {
    if (!box.current) return;
    window.__iocMapReady = false;
    const map = new maplibregl.Map({
      container: box.current,
      style: mapStyle({ glyphs: `${location.origin}/fonts/{fontstack}/{range}.pbf`, data: EMPTY, fill: 'rgba(0,0,0,0)', wall, labels: level !== 'country' }),
      canvasContextAttributes: { preserveDrawingBuffer: true },
      attributionControl: wall ? false : { compact: true, customAttribution: 'vietnam63 (Marc Choisy, MIT) · Noto Sans (OFL)' },
      dragRotate: false,
      pitchWithRotate: false,
      fadeDuration: 0,
    });
    map.touchZoomRotate.disableRotation();
    if (!wall) map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
    let hovered: string | null = null;
    const setHovered = (code: string | null) => {
      if (hovered) map.setFeatureState({ source: SOURCE, id: hovered }, { hover: false });
      hovered = code;
      if (code) map.setFeatureState({ source: SOURCE, id: code }, { hover: true });
    };
    map.on('mousemove', FILL_LAYER, (e) => {
      const f = e.features?.[0] as MapGeoJSONFeature | undefined;
      const code = f ? String(f.properties.code) : null;
      setHovered(code);
      map.getCanvas().style.cursor = code ? 'pointer' : '';
      setHover(code ? { code, x: e.point.x, y: e.point.y } : null);
    });
    map.on('mouseleave', FILL_LAYER, () => {
      setHovered(null);
      map.getCanvas().style.cursor = '';
      setHover(null);
    });
    map.on('click', FILL_LAYER, (e) => {
      const code = e.features?.[0]?.properties.code;
      if (code !== undefined) selectRef.current?.(String(code));
    });
    mapRef.current = map;
    drawn.current = false;
    return () => {
      map.remove();
      mapRef.current = null;
    };
  }, [wall]);

  // Each answer updates the source and the fill expression; the first one also fits the view.
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !choropleth) return;
    const apply = () => {
      (map.getSource(SOURCE) as GeoJSONSource | undefined)?.setData(choropleth.geojson as unknown as GeoJSONData);
      map.setPaintProperty(FILL_LAYER, 'fill-color', fillColorExpression(choropleth.breaks, choropleth.colors));
      // Multi-part provinces (islands) would repeat their name many times: the country view names them in the tooltip.
      if (map.getLayer(LABEL_LAYER)) map.setLayoutProperty(LABEL_LAYER, 'visibility', level === 'country' ? 'none' : 'visible');
      if (drawn.current) return;
      drawn.current = true;
      const bounds = bbox(choropleth.geojson);
      if (bounds) map.fitBounds(bounds, { padding: 24, animate: false });
      map.once('idle', () => {
        window.__iocMapReady = true;
      });
    };
    if (map.getSource(SOURCE)) apply();
    else map.once('load', apply);
  }, [choropleth, wall]);

  // Fit again when the layer (its boundaries) changes.
  useEffect(() => {
    const map = mapRef.current;
    const bounds = ready ? bbox(ready.geo) : null;
    if (map && bounds) map.fitBounds(bounds, { padding: 24, animate: false });
  }, [ready?.geo]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !selected || !choropleth) return;
    const apply = (on: boolean) => choropleth.units.some((u) => u.code === selected) && map.setFeatureState({ source: SOURCE, id: selected }, { selected: on });
    if (map.isStyleLoaded()) apply(true);
    else map.once('idle', () => apply(true));
    return () => {
      if (map.getSource(SOURCE)) apply(false);
    };
  }, [selected, choropleth]);

  const name = ready?.meta ? (i.lang === 'en' ? ready.meta.name_en : ready.meta.name_vi) : indicator;
  const hovered = hover && choropleth?.units.find((u) => u.code === hover.code);
  return (
    <div
      className={`map-view${wall ? ' map-view--wall' : ''}`}
      style={{ height }}
      data-testid="map"
      data-fills={fills}
      data-indicator={indicator}
      role="region"
      aria-label={i.t('map.aria', { indicator: name })}
    >
      <div ref={box} className="map-view__canvas" />
      {data.status === 'loading' && !mapRef.current && (
        <div className="map-view__status" role="status">{i.t('map.loading')}</div>
      )}
      {data.status === 'error' && (
        <div className="map-view__status" role="alert">{i.t('map.error', { message: data.error.message })}</div>
      )}
      {ready?.generated && <span className="map-view__badge">{i.t('map.generated')}</span>}
      {choropleth && <Legend choropleth={choropleth} method={classes} unit={ready?.meta?.unit ?? ''} title={name} />}
      {hover && hovered && (
        <div className="map-tooltip" role="tooltip" style={{ left: hover.x, top: hover.y }}>
          <strong>{hovered.name}</strong>
          <small>
            {hovered.suppressed
              ? `${i.t('map.suppressed')}. ${i.t('map.suppressed.explainShort')}`
              : hovered.value === null
                ? i.t('map.noData')
                : i.value(hovered.value, ready?.meta?.unit ?? '')}
          </small>
        </div>
      )}
    </div>
  );
}
