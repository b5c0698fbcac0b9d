// The map's local MapLibre style: background, the units around the account's own in grey (outline and name, for
// context), one GeoJSON source of units, fill (choropleth), outline, hover/selection outline, and the names from
// the shipped glyphs at one point a unit (a source of points: a polygon's own label repeats once per tile and part).
// No network source; pure and memoised.
import type { ExpressionSpecification, GeoJSONSourceSpecification, StyleSpecification } from 'maplibre-gl';
import { unitClass, type Breaks, type UnitClass } from './classify.ts';
import { NO_DATA_COLOR, SUPPRESSED_COLOR } from './palette.ts';

export const SOURCE = 'units';
export const FILL_LAYER = 'units-fill';
export const LABEL_LAYER = 'units-label';
/** one point a unit where its name goes (join.ts labelPoints) */
export const LABEL_SOURCE = 'unit-labels';
/** the units around the account's own: outline and name, no value (GET /api/geo/neighbours) */
export const CONTEXT_SOURCE = 'context';
export const CONTEXT_LABEL_SOURCE = 'context-labels';
export const CONTEXT_FILL_LAYER = 'context-fill';
export const CONTEXT_LABEL_LAYER = 'context-label';
/** the greys of the units around (light and wall themes): also the legend's swatch */
export const CONTEXT_COLORS = {
  light: { fill: '#f7f9fa', line: '#8a96a3', text: '#5b6775' },
  wall: { fill: '#131c2c', line: '#5b6775', text: '#aeb8c4' },
} as const;
const FONTSTACK = 'Noto Sans Regular';

/**
 * Feature properties the join adds: `value` (or null) and `state` ('value' | 'no_data' | 'suppressed';
 * 'pending' while the boundaries are drawn and the values are still on their way).
 */
export type FeatureState = 'value' | 'no_data' | 'suppressed' | 'pending';

/** The fill of boundaries whose values have not arrived yet (a light neutral, not a class colour). */
export const PENDING_COLOR = '#e4e9ee';

/**
 * The fill while values load. Data-driven like the choropleth's expression, so MapLibre compiles the
 * same fill program once, for the first frame, and the values only change the colours.
 */
export const PENDING_FILL: ExpressionSpecification = [
  'case',
  ['==', ['get', 'state'], 'pending'],
  PENDING_COLOR,
  NO_DATA_COLOR,
];

/** The colour of a class: the palette's, or the grey of "no data" / "suppressed". */
export function classColor(c: UnitClass, colors: readonly string[]): string {
  if (c === 'suppressed') return SUPPRESSED_COLOR;
  if (c === 'no_data') return NO_DATA_COLOR;
  return colors[Math.min(c, colors.length - 1)] ?? NO_DATA_COLOR;
}

/** The fill of one unit, the same answer as the fill expression gives (tests check both agree). */
export function fillFor(
  value: number | null | undefined,
  suppressed: boolean,
  breaks: Breaks,
  colors: readonly string[],
): string {
  return classColor(unitClass(value, suppressed, breaks), colors);
}

const cache = new Map<string, ExpressionSpecification>();

/** `case` expression on the joined properties; classes are upper-inclusive as in classIndex. Memoised. */
export function fillColorExpression(breaks: Breaks, colors: readonly string[]): ExpressionSpecification {
  const key = JSON.stringify([breaks, colors]);
  const hit = cache.get(key);
  if (hit) return hit;
  const branches: unknown[] = [
    ['==', ['get', 'state'], 'suppressed'],
    SUPPRESSED_COLOR,
    ['!=', ['get', 'state'], 'value'],
    NO_DATA_COLOR,
  ];
  const k = Math.max(1, breaks.length - 1);
  for (let i = 0; i < k - 1; i++) branches.push(['<=', ['to-number', ['get', 'value']], breaks[i + 1]], colors[i]);
  const expression = [
    'case',
    ...branches,
    colors[Math.min(k - 1, colors.length - 1)] ?? NO_DATA_COLOR,
  ] as ExpressionSpecification;
  if (cache.size > 50) cache.clear();
  cache.set(key, expression);
  return expression;
}

export interface StyleOptions {
  /** e.g. `${location.origin}/fonts/{fontstack}/{range}.pbf` */
  glyphs: string;
  data: GeoJSONSourceSpecification['data'];
  fill: ExpressionSpecification | string;
  wall?: boolean;
  labels?: boolean;
}

const EMPTY = { type: 'FeatureCollection', features: [] } as GeoJSONSourceSpecification['data'];

export function mapStyle({ glyphs, data, fill, wall = false, labels = true }: StyleOptions): StyleSpecification {
  const ink = wall ? '#f5f7fa' : '#1f2933';
  const halo = wall ? '#0b1220' : '#ffffff';
  const hovered: ExpressionSpecification = [
    'any',
    ['boolean', ['feature-state', 'hover'], false],
    ['boolean', ['feature-state', 'selected'], false],
  ];
  const around = wall ? CONTEXT_COLORS.wall : CONTEXT_COLORS.light;
  const visibility = labels ? 'visible' : 'none';
  const text = (color: string, size: number) => ({
    layout: {
      visibility,
      'text-field': ['get', 'label'],
      'text-font': [FONTSTACK],
      'text-size': size,
      'text-max-width': 7,
      'text-padding': 1,
      'symbol-sort-key': ['get', 'rank'],
    },
    paint: { 'text-color': color, 'text-halo-color': halo, 'text-halo-width': 1.6 },
  });
  return {
    version: 8,
    glyphs,
    sources: {
      [SOURCE]: { type: 'geojson', data, promoteId: 'code' },
      [LABEL_SOURCE]: { type: 'geojson', data: EMPTY },
      [CONTEXT_SOURCE]: { type: 'geojson', data: EMPTY, promoteId: 'code' },
      [CONTEXT_LABEL_SOURCE]: { type: 'geojson', data: EMPTY },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': wall ? '#0b1220' : '#eef2f5' } },
      { id: CONTEXT_FILL_LAYER, type: 'fill', source: CONTEXT_SOURCE, paint: { 'fill-color': around.fill } },
      {
        id: 'context-line',
        type: 'line',
        source: CONTEXT_SOURCE,
        paint: { 'line-color': around.line, 'line-width': 1, 'line-dasharray': [3, 2] },
      },
      { id: FILL_LAYER, type: 'fill', source: SOURCE, paint: { 'fill-color': fill, 'fill-opacity': 0.9 } },
      {
        id: 'units-line',
        type: 'line',
        source: SOURCE,
        paint: { 'line-color': wall ? '#0b1220' : '#ffffff', 'line-width': 1.2 },
      },
      {
        id: 'units-highlight',
        type: 'line',
        source: SOURCE,
        paint: { 'line-color': ink, 'line-width': ['case', hovered, 3, 0], 'line-opacity': ['case', hovered, 1, 0] },
      },
      // MapLibre places the upper symbol layer first: the units' names before their neighbours'
      { id: CONTEXT_LABEL_LAYER, type: 'symbol', source: CONTEXT_LABEL_SOURCE, ...text(around.text, wall ? 14 : 11) },
      { id: LABEL_LAYER, type: 'symbol', source: LABEL_SOURCE, ...text(ink, wall ? 16 : 12) },
    ],
  } as StyleSpecification;
}
