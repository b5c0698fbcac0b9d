// The interactive MapLibre layer of MapView: local style, shipped glyphs, the choropleth source,
// hover and selection outlines, click to select. Loaded on its own (it carries MapLibre, the
// largest chunk); MapView shows the same choropleth as SVG until this has drawn.
import maplibregl, { type GeoJSONSource } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import { useEffect, useEffectEvent, useRef } from 'react';
import type { GeoCollection } from '../api/client.ts';
import { bbox, pendingGeojson, type Choropleth } from './join.ts';
import type { MapLevel } from './map-data.ts';
import { FILL_LAYER, fillColorExpression, LABEL_LAYER, mapStyle, PENDING_FILL, SOURCE } from './style.ts';

export interface GlMapProps {
  /** the element MapLibre draws into (MapView's box) */
  container: HTMLElement;
  boundaries?: GeoCollection;
  choropleth?: Choropleth;
  level: MapLevel;
  wall: boolean;
  selected?: string;
  onSelect?: (code: string) => void;
  onHover: (hover: { code: string; x: number; y: number } | null) => void;
  /** once the first choropleth is drawn (and again after the map is made anew) */
  onDrawn: () => void;
}

type GeoJSONData = Parameters<GeoJSONSource['setData']>[0];
const EMPTY: GeoJSONData = { type: 'FeatureCollection', features: [] };

// Start MapLibre's worker as soon as this chunk loads, before the first map needs it.
maplibregl.prewarm();

/** The joined features as MapLibre takes them: their geometry is the server's GeoJSON, coordinates untyped here. */
const asData = (collection: { type: 'FeatureCollection'; features: unknown[] }) => collection as GeoJSONData;

/** Runs fn once the style is parsed (its source exists): 'style.load' comes well before 'load'. */
function whenStyled(map: maplibregl.Map, fn: () => void): void {
  if (map.getSource(SOURCE)) fn();
  else void map.once('style.load', fn);
}

export default function GlMap({
  container,
  boundaries,
  choropleth,
  level,
  wall,
  selected,
  onSelect,
  onHover,
  onDrawn,
}: GlMapProps) {
  const mapRef = useRef<maplibregl.Map | null>(null);
  const drawn = useRef(false);
  /** the boundaries the camera was last fitted to */
  const fitted = useRef<unknown>(null);
  // The latest callbacks and level, read when the map needs them: none of them makes the map anew.
  const hover = useEffectEvent((h: { code: string; x: number; y: number } | null) => onHover(h));
  const select = useEffectEvent((code: string) => onSelect?.(code));
  const drawnFirst = useEffectEvent(() => onDrawn());
  const labelled = useEffectEvent(() => level !== 'country');

  useEffect(() => {
    window.__iocMapReady = false;
    const map = new maplibregl.Map({
      container,
      style: mapStyle({
        glyphs: `${location.origin}/fonts/{fontstack}/{range}.pbf`,
        data: EMPTY,
        fill: PENDING_FILL,
        wall,
        labels: labelled(),
      }),
      canvasContextAttributes: { preserveDrawingBuffer: true },
      attributionControl: wall
        ? false
        : { compact: true, customAttribution: 'vietnam63 (Marc Choisy, MIT) · Noto Sans (OFL)' },
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
      const f = e.features?.[0];
      const code = f ? String(f.properties.code) : null;
      setHovered(code);
      map.getCanvas().style.cursor = code ? 'pointer' : '';
      hover(code ? { code, x: e.point.x, y: e.point.y } : null);
    });
    map.on('mouseleave', FILL_LAYER, () => {
      setHovered(null);
      map.getCanvas().style.cursor = '';
      hover(null);
    });
    map.on('click', FILL_LAYER, (e) => {
      const properties = e.features?.[0]?.properties;
      if (properties?.code !== undefined) select(String(properties.code));
    });
    mapRef.current = map;
    drawn.current = false;
    fitted.current = null;
    return () => {
      map.remove();
      mapRef.current = null;
    };
  }, [container, wall]);

  // Boundaries before values: shaders, glyphs, labels and camera are made while the values are on
  // their way; later the values only recolour the map.
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !boundaries) return;
    whenStyled(map, () => {
      if (fitted.current === boundaries) return;
      fitted.current = boundaries;
      if (!drawn.current) map.getSource<GeoJSONSource>(SOURCE)?.setData(asData(pendingGeojson(boundaries)));
      const bounds = bbox(boundaries);
      if (bounds) map.fitBounds(bounds, { padding: 24, animate: false });
    });
  }, [boundaries, container, wall]);

  // Each answer updates the source and the fill expression; the first one says when it is drawn.
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !choropleth) return;
    whenStyled(map, () => {
      map.getSource<GeoJSONSource>(SOURCE)?.setData(asData(choropleth.geojson));
      map.setPaintProperty(FILL_LAYER, 'fill-color', fillColorExpression(choropleth.breaks, choropleth.colors));
      // Multi-part provinces (islands) would repeat their name many times: the country view names them in the tooltip.
      if (map.getLayer(LABEL_LAYER)) map.setLayoutProperty(LABEL_LAYER, 'visibility', labelled() ? 'visible' : 'none');
      if (fitted.current !== choropleth.source) {
        fitted.current = choropleth.source;
        const bounds = bbox(choropleth.geojson);
        if (bounds) map.fitBounds(bounds, { padding: 24, animate: false });
      }
      if (drawn.current) return;
      drawn.current = true;
      void map.once('idle', () => {
        drawnFirst();
        window.__iocMapReady = true;
      });
    });
  }, [choropleth, container, wall]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !selected || !choropleth) return;
    const apply = (on: boolean) =>
      choropleth.units.some((u) => u.code === selected) &&
      map.setFeatureState({ source: SOURCE, id: selected }, { selected: on });
    if (map.isStyleLoaded()) apply(true);
    else void map.once('idle', () => apply(true));
    return () => {
      // On unmount the map's own effect has removed it already (cleanups run in order): a removed
      // map has no style, and getSource would throw and take the page down (e.g. signing out on /map).
      if (mapRef.current === map && map.getSource(SOURCE)) apply(false);
    };
  }, [selected, choropleth]);

  return null;
}
