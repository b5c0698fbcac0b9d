// The country view's MapLibre style: vector tile sources from GET /api/geo/tiles (the province layer of the map's
// date and the communes), each tile with a `units` layer (polygons, code and name) and a `labels` layer (one point
// a unit, ranked by area). Provinces are filled up to COMMUNE_ZOOM, communes from there (province borders stay
// drawn over them); province names up to PROVINCE_LABELS_UNTIL, commune names from COMMUNE_LABELS_FROM. The fill
// is a `match` on the unit code built from the joined values: a unit without a value takes the "no data" grey.
// Pure; tested in tests/unit/nation-style.test.ts.
import type { ExpressionSpecification, StyleSpecification } from 'maplibre-gl';
import type { ProvinceLayer } from './nation-data.ts';
import { NO_DATA_COLOR } from './palette.ts';

export const COMMUNE_ZOOM = 7.5;
export const PROVINCE_LABELS_UNTIL = 8;
export const COMMUNE_LABELS_FROM = 9;
/** Hoàng Sa and Trường Sa included */
export const VIETNAM_BOUNDS: [[number, number], [number, number]] = [
  [102.1, 8.2],
  [117.0, 23.4],
];
export const PROVINCE_FILL = 'nation-province-fill';
export const COMMUNE_FILL = 'nation-commune-fill';
export const PROVINCE_LABEL = 'nation-province-label';
export const COMMUNE_LABEL = 'nation-commune-label';
export const COMMUNES = 'communes';
const FONTSTACK = 'Noto Sans Regular';

/** The tile URL template of a layer on this origin. */
export const tileUrl = (origin: string, layer: string) => `${origin}/api/geo/tiles/${layer}/{z}/{x}/{y}.pbf`;

/** A fill colour by unit code: `match` over the coloured units, the "no data" grey for every other. */
export function codeFill(fills: Record<string, string>): ExpressionSpecification | string {
  const entries = Object.entries(fills);
  if (entries.length === 0) return NO_DATA_COLOR;
  return ['match', ['get', 'code'], ...entries.flat(), NO_DATA_COLOR] as unknown as ExpressionSpecification;
}

export interface NationStyleOptions {
  origin: string;
  provinces: ProvinceLayer;
  provinceFill: ExpressionSpecification | string;
  communeFill: ExpressionSpecification | string;
  wall?: boolean;
}

export function nationStyle(o: NationStyleOptions): StyleSpecification {
  const ink = o.wall ? '#f5f7fa' : '#1f2933';
  const halo = o.wall ? '#0b1220' : '#ffffff';
  const hovered: ExpressionSpecification = ['boolean', ['feature-state', 'hover'], false];
  const text = (size: number | ExpressionSpecification) => ({
    'text-field': ['get', 'label'],
    'text-font': [FONTSTACK],
    'text-size': size,
    'text-max-width': 7,
    'text-padding': 2,
    'symbol-sort-key': ['get', 'rank'],
  });
  const paint = { 'text-color': ink, 'text-halo-color': halo, 'text-halo-width': 1.6 };
  const source = (layer: string, minzoom: number, maxzoom: number) => ({
    type: 'vector' as const,
    tiles: [tileUrl(o.origin, layer)],
    minzoom,
    maxzoom,
    promoteId: 'code',
    attribution: 'vietnam63 (Marc Choisy, MIT)',
  });
  return {
    version: 8,
    glyphs: `${o.origin}/fonts/{fontstack}/{range}.pbf`,
    sources: {
      [o.provinces]: source(o.provinces, 0, 10),
      [COMMUNES]: source(COMMUNES, 7, 12),
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': o.wall ? '#0b1220' : '#eef2f5' } },
      {
        id: PROVINCE_FILL,
        type: 'fill',
        source: o.provinces,
        'source-layer': 'units',
        maxzoom: COMMUNE_ZOOM,
        paint: { 'fill-color': o.provinceFill, 'fill-opacity': 0.9 },
      },
      {
        id: COMMUNE_FILL,
        type: 'fill',
        source: COMMUNES,
        'source-layer': 'units',
        minzoom: COMMUNE_ZOOM,
        paint: { 'fill-color': o.communeFill, 'fill-opacity': 0.9 },
      },
      {
        id: 'nation-commune-line',
        type: 'line',
        source: COMMUNES,
        'source-layer': 'units',
        minzoom: COMMUNE_ZOOM,
        paint: {
          'line-color': o.wall ? '#0b1220' : '#ffffff',
          'line-width': ['interpolate', ['linear'], ['zoom'], 8, 0.4, 11, 1.2],
        },
      },
      {
        id: 'nation-province-line',
        type: 'line',
        source: o.provinces,
        'source-layer': 'units',
        paint: {
          'line-color': o.wall ? '#aeb8c4' : ['step', ['zoom'], '#ffffff', COMMUNE_ZOOM, '#5b6775'],
          'line-width': ['interpolate', ['linear'], ['zoom'], 4, 0.6, 8, 1.6],
        },
      },
      {
        id: 'nation-province-highlight',
        type: 'line',
        source: o.provinces,
        'source-layer': 'units',
        maxzoom: COMMUNE_ZOOM,
        paint: { 'line-color': ink, 'line-width': ['case', hovered, 2.5, 0] },
      },
      {
        id: 'nation-commune-highlight',
        type: 'line',
        source: COMMUNES,
        'source-layer': 'units',
        minzoom: COMMUNE_ZOOM,
        paint: { 'line-color': ink, 'line-width': ['case', hovered, 2.5, 0] },
      },
      {
        id: COMMUNE_LABEL,
        type: 'symbol',
        source: COMMUNES,
        'source-layer': 'labels',
        minzoom: COMMUNE_LABELS_FROM,
        layout: text(11),
        paint,
      },
      {
        id: PROVINCE_LABEL,
        type: 'symbol',
        source: o.provinces,
        'source-layer': 'labels',
        maxzoom: PROVINCE_LABELS_UNTIL,
        layout: text(['interpolate', ['linear'], ['zoom'], 4, 10, 7, 13]),
        paint,
      },
    ],
  } as StyleSpecification;
}
