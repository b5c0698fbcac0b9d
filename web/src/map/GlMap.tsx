// The interactive MapLibre layer of MapView: local style, shipped glyphs, the choropleth source,
// hover and selection outlines, click to select, the units around in grey, controls in the app's
// language. Loaded on its own (it carries MapLibre, the largest chunk); MapView shows the same
// choropleth as SVG until this has drawn.
import maplibregl, { type GeoJSONSource } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import { useEffect, useEffectEvent, useRef } from 'react';
import type { GeoCollection } from '../api/client.ts';
import { labelPoints, pendingGeojson, viewBounds, type Choropleth, type ContextCollection } from './join.ts';
import type { MapLevel } from './map-data.ts';
import {
  CONTEXT_FILL_LAYER,
  CONTEXT_LABEL_LAYER,
  CONTEXT_LABEL_SOURCE,
  CONTEXT_SOURCE,
  FILL_LAYER,
  fillColorExpression,
  LABEL_LAYER,
  LABEL_SOURCE,
  mapStyle,
  PENDING_FILL,
  SOURCE,
} from './style.ts';

export interface GlHover {
  code: string;
  x: number;
  y: number;
  /** a unit around the account's own (outline and name only) */
  context?: boolean;
}

export interface GlMapProps {
  /** the element MapLibre draws into (MapView's box) */
  container: HTMLElement;
  boundaries?: GeoCollection;
  /** the units around the account's own, drawn in grey (outline and name) */
  context?: ContextCollection;
  choropleth?: Choropleth;
  level: MapLevel;
  wall: boolean;
  /** MapLibre's UI strings (zoom buttons, attribution) in the app's language; a new object makes the map anew */
  locale: Record<string, string>;
  selected?: string;
  onSelect?: (code: string) => void;
  onHover: (hover: GlHover | null) => void;
  /** once the first choropleth is drawn (and again after the map is made anew) */
  onDrawn: () => void;
}

type GeoJSONData = Parameters<GeoJSONSource['setData']>[0];
const EMPTY: GeoJSONData = { type: 'FeatureCollection', features: [] };
const EMPTY_CONTEXT: ContextCollection = { type: 'FeatureCollection', features: [] };

// Start MapLibre's worker as soon as this chunk loads, before the first map needs it.
maplibregl.prewarm();

/** The joined features as MapLibre takes them: their geometry is the server's GeoJSON, coordinates untyped here. */
const asData = (collection: { type: 'FeatureCollection'; features: unknown[] }) => collection as GeoJSONData;

/** Runs fn once the style is parsed (its source exists): 'style.load' comes well before 'load'. */
function whenStyled(map: maplibregl.Map, fn: () => void): void {
  if (map.getSource(SOURCE)) fn();
  else void map.once('style.load', fn);
}

/** Both label layers shown or hidden. */
function showLabels(map: maplibregl.Map, on: boolean): void {
  for (const id of [LABEL_LAYER, CONTEXT_LABEL_LAYER])
    if (map.getLayer(id)) map.setLayoutProperty(id, 'visibility', on ? 'visible' : 'none');
}

export default function GlMap({
  container,
  boundaries,
  context,
  choropleth,
  level,
  wall,
  locale,
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
  const hover = useEffectEvent((h: GlHover | null) => onHover(h));
  const select = useEffectEvent((code: string) => onSelect?.(code));
  const drawnFirst = useEffectEvent(() => onDrawn());
  const labelled = useEffectEvent(() => level !== 'country');
  const around = useEffectEvent(() => context);

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
      locale,
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
    map.on('mousemove', (e) => {
      const layers = [FILL_LAYER, CONTEXT_FILL_LAYER].filter((id) => map.getLayer(id));
      const f = layers.length ? map.queryRenderedFeatures(e.point, { layers })[0] : undefined;
      const code = f ? String(f.properties.code) : null;
      const outside = f?.layer.id === CONTEXT_FILL_LAYER;
      setHovered(code && !outside ? code : null);
      map.getCanvas().style.cursor = code && !outside ? 'pointer' : '';
      hover(code ? { code, x: e.point.x, y: e.point.y, ...(outside ? { context: true } : {}) } : null);
    });
    map.on('mouseout', () => {
      setHovered(null);
      map.getCanvas().style.cursor = '';
      hover(null);
    });
    // The names on screen after each frame settles, one entry a name drawn, on the container's data-labels (tests
    // read them: no unit named twice).
    map.on('idle', () => {
      const layers = [LABEL_LAYER, CONTEXT_LABEL_LAYER].filter((id) => map.getLayer(id));
      const placed = layers.length ? map.queryRenderedFeatures({ layers }) : [];
      container.dataset.labels = JSON.stringify(
        placed.map((f) => [f.layer.id === LABEL_LAYER ? 'unit' : 'around', String(f.properties.code)]),
      );
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
  }, [container, wall, locale]);

  // The units around, in grey, with their names: drawn whenever they are known (they come with the boundaries).
  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    whenStyled(map, () => {
      map.getSource<GeoJSONSource>(CONTEXT_SOURCE)?.setData(asData(context ?? EMPTY_CONTEXT));
      map.getSource<GeoJSONSource>(CONTEXT_LABEL_SOURCE)?.setData(asData(labelPoints(context ?? EMPTY_CONTEXT)));
    });
  }, [context, container, wall, locale]);

  // Boundaries before values: shaders, glyphs, labels and camera are made while the values are on
  // their way; later the values only recolour the map.
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !boundaries) return;
    whenStyled(map, () => {
      if (fitted.current === boundaries) return;
      fitted.current = boundaries;
      if (!drawn.current) {
        const pending = pendingGeojson(boundaries);
        map.getSource<GeoJSONSource>(SOURCE)?.setData(asData(pending));
        map.getSource<GeoJSONSource>(LABEL_SOURCE)?.setData(asData(labelPoints(pending)));
      }
      const bounds = viewBounds(boundaries, context);
      if (bounds) map.fitBounds(bounds, { padding: 24, animate: false });
    });
  }, [boundaries, context, container, wall, locale]);

  // Each answer updates the source and the fill expression; the first one says when it is drawn.
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !choropleth) return;
    whenStyled(map, () => {
      map.getSource<GeoJSONSource>(SOURCE)?.setData(asData(choropleth.geojson));
      map.getSource<GeoJSONSource>(LABEL_SOURCE)?.setData(asData(labelPoints(choropleth.geojson)));
      map.setPaintProperty(FILL_LAYER, 'fill-color', fillColorExpression(choropleth.breaks, choropleth.colors));
      showLabels(map, labelled());
      if (fitted.current !== choropleth.source) {
        fitted.current = choropleth.source;
        const bounds = viewBounds(choropleth.geojson, around());
        if (bounds) map.fitBounds(bounds, { padding: 24, animate: false });
      }
      if (drawn.current) return;
      drawn.current = true;
      void map.once('idle', () => {
        drawnFirst();
        window.__iocMapReady = true;
      });
    });
  }, [choropleth, container, wall, locale]);

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
  }, [selected, choropleth, container, wall, locale]);

  return null;
}
