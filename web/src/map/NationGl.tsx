// The country view's MapLibre map (its own chunk, with MapLibre): vector tiles of the provinces of the map's date
// and of the communes (nation-style.ts), coloured by a match on the unit code; hover outline and tooltip; the names
// placed on screen in data-labels after each frame settles (tests: no unit named twice). window.__iocMapReady once
// the first view with its tiles is drawn; under automation (navigator.webdriver) the map is window.__iocNationMap
// for the perf script's programmatic panning.
import maplibregl from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import { useEffect, useEffectEvent, useRef } from 'react';
import type { ExpressionSpecification } from 'maplibre-gl';
import type { ProvinceLayer } from './nation-data.ts';
import {
  COMMUNE_FILL,
  COMMUNE_LABEL,
  COMMUNE_ZOOM,
  COMMUNES,
  nationStyle,
  PROVINCE_FILL,
  PROVINCE_LABEL,
  VIETNAM_BOUNDS,
} from './nation-style.ts';

declare global {
  interface Window {
    /** the country map under automation (tests/perf/national-map.ts pans it) */
    __iocNationMap?: maplibregl.Map;
    /** performance.now() when the country map first drew with its tiles */
    __iocNationDrawn?: number;
  }
}

export interface NationHover {
  code: string;
  name: string;
  x: number;
  y: number;
}

export interface NationGlProps {
  container: HTMLElement;
  provinces: ProvinceLayer;
  provinceFill: ExpressionSpecification | string;
  communeFill: ExpressionSpecification | string;
  wall: boolean;
  locale: Record<string, string>;
  onHover: (hover: NationHover | null) => void;
  /** whether communes (true) or provinces are the coloured layer at the current zoom */
  onCommunes: (communes: boolean) => void;
  onDrawn: () => void;
}

maplibregl.prewarm();

/** room at the top for the zoom hint */
const FIT_PADDING = { top: 36, bottom: 12, left: 12, right: 12 };

export default function NationGl({
  container,
  provinces,
  provinceFill,
  communeFill,
  wall,
  locale,
  onHover,
  onCommunes,
  onDrawn,
}: NationGlProps) {
  const mapRef = useRef<maplibregl.Map | null>(null);
  const hover = useEffectEvent((h: NationHover | null) => onHover(h));
  const band = useEffectEvent((communes: boolean) => onCommunes(communes));
  const drawn = useEffectEvent(() => onDrawn());
  const fills = useEffectEvent(() => ({ provinceFill, communeFill }));

  useEffect(() => {
    window.__iocMapReady = false;
    const map = new maplibregl.Map({
      container,
      style: nationStyle({ origin: location.origin, provinces, ...fills(), wall }),
      bounds: VIETNAM_BOUNDS,
      fitBoundsOptions: { padding: FIT_PADDING },
      canvasContextAttributes: { preserveDrawingBuffer: true },
      locale,
      attributionControl: wall ? false : { compact: true, customAttribution: 'Noto Sans (OFL)' },
      dragRotate: false,
      pitchWithRotate: false,
      fadeDuration: 0,
      maxZoom: 13,
    });
    map.touchZoomRotate.disableRotation();
    if (!wall) map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
    if (navigator.webdriver) window.__iocNationMap = map;
    let hovered: { source: string; id: string } | null = null;
    const setHovered = (next: { source: string; id: string } | null) => {
      if (hovered) map.setFeatureState({ ...hovered, sourceLayer: 'units' }, { hover: false });
      hovered = next;
      if (next) map.setFeatureState({ ...next, sourceLayer: 'units' }, { hover: true });
    };
    map.on('mousemove', (e) => {
      const f = map.queryRenderedFeatures(e.point, { layers: [PROVINCE_FILL, COMMUNE_FILL] })[0];
      const code = f?.properties.code === undefined ? null : String(f.properties.code);
      setHovered(code ? { source: f.source, id: code } : null);
      hover(code ? { code, name: String(f.properties.name), x: e.point.x, y: e.point.y } : null);
    });
    map.on('mouseout', () => {
      setHovered(null);
      hover(null);
    });
    // Until someone moves the map, a new size (the screen's layout settling) fits the country again.
    let moved = false;
    map.on('movestart', (e: { originalEvent?: unknown }) => {
      if (e.originalEvent) moved = true;
    });
    map.on('resize', () => {
      if (!moved) map.fitBounds(VIETNAM_BOUNDS, { padding: FIT_PADDING, animate: false });
    });
    let communes = map.getZoom() >= COMMUNE_ZOOM;
    band(communes);
    map.on('zoom', () => {
      const now = map.getZoom() >= COMMUNE_ZOOM;
      if (now !== communes) band((communes = now));
    });
    let first = true;
    map.on('idle', () => {
      const placed = map.queryRenderedFeatures({ layers: [PROVINCE_LABEL, COMMUNE_LABEL] });
      container.dataset.labels = JSON.stringify(
        placed.map((f) => [f.layer.id === PROVINCE_LABEL ? provinces : COMMUNES, String(f.properties.code)]),
      );
      if (first && map.areTilesLoaded()) {
        first = false;
        window.__iocNationDrawn ??= performance.now();
        window.__iocMapReady = true;
        drawn();
      }
    });
    mapRef.current = map;
    return () => {
      if (window.__iocNationMap === map) delete window.__iocNationMap;
      map.remove();
      mapRef.current = null;
    };
  }, [container, provinces, wall, locale]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    const apply = () => {
      map.setPaintProperty(PROVINCE_FILL, 'fill-color', provinceFill);
      map.setPaintProperty(COMMUNE_FILL, 'fill-color', communeFill);
    };
    // the layers exist once the style is parsed (isStyleLoaded() is false again while tiles load)
    if (map.getLayer(COMMUNE_FILL)) apply();
    else void map.once('style.load', apply);
  }, [provinceFill, communeFill, container, provinces, wall, locale]);

  return null;
}
