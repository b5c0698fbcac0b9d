// The choropleth drawn as SVG from the same joined features and fills as the MapLibre layers: shown
// while MapLibre starts (its worker and WebGL take a second or more on a slow machine), then removed
// once MapLibre has drawn the same view (the same fit, the units around in grey, one name a unit at the
// same points). Clicking a unit selects it already.
import { useMemo } from 'react';
import { labelPoints, viewBounds, type ContextCollection } from './join.ts';
import { CONTEXT_COLORS } from './style.ts';
import { fitBox, pathOf, placeLabels, project, type Fit } from './svg-map.ts';

export interface SvgMapFeature {
  geometry: { type: string; coordinates: unknown };
  properties: { code: string; label: string };
}

interface Props {
  features: SvgMapFeature[];
  /** fill per unit code */
  fills: Record<string, string>;
  /** the units around the account's own: grey outlines and names */
  context?: ContextCollection;
  width: number;
  height: number;
  labels: boolean;
  wall: boolean;
  onSelect?: (code: string) => void;
}

interface Name {
  code: string;
  text: string;
  at: [number, number];
  around: boolean;
}

/** The names to draw, units first then the units around, each dropped where it would overlap one placed before. */
function names(features: SvgMapFeature[], context: ContextCollection | undefined, fit: Fit, size: number): Name[] {
  const all = [
    ...labelPoints({ features }).features.map((l) => ({ l, around: false })),
    ...(context ? labelPoints(context).features.map((l) => ({ l, around: true })) : []),
  ].map(({ l, around }, k) => ({
    code: `${around ? 'c' : 'u'}${l.properties.code}`,
    text: l.properties.label,
    at: project(l.geometry.coordinates, fit),
    around,
    weight: -k,
  }));
  const shown = placeLabels(all, size);
  return all.filter((n) => shown.has(n.code));
}

export function SvgMap({ features, fills, context, width, height, labels, wall, onSelect }: Props) {
  const fontSize = wall ? 16 : 12;
  const drawing = useMemo(() => {
    const box = viewBounds({ features }, context);
    const fit = box && fitBox(box, width, height, 24);
    if (!fit) return null;
    return {
      units: features.map((f) => ({ code: f.properties.code, d: pathOf(f.geometry, fit) })),
      around: (context?.features ?? []).map((f) => ({ code: f.properties.code, d: pathOf(f.geometry, fit) })),
      names: labels ? names(features, context, fit, fontSize) : [],
    };
  }, [features, context, width, height, labels, fontSize]);
  if (!drawing) return null;
  const ink = wall ? '#f5f7fa' : '#1f2933';
  const halo = wall ? '#0b1220' : '#ffffff';
  const grey = wall ? CONTEXT_COLORS.wall : CONTEXT_COLORS.light;
  return (
    <svg
      className="map-view__svg"
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      aria-hidden="true"
      data-testid="map-svg"
    >
      {drawing.around.map((s) => (
        <path
          key={`c${s.code}`}
          className="map-view__around"
          d={s.d}
          fill={grey.fill}
          fillRule="evenodd"
          stroke={grey.line}
          strokeWidth={1}
          strokeDasharray="3 2"
        />
      ))}
      {drawing.units.map((s) => (
        <path
          key={s.code}
          data-code={s.code}
          d={s.d}
          fill={fills[s.code]}
          fillOpacity={0.9}
          fillRule="evenodd"
          stroke={wall ? '#0b1220' : '#ffffff'}
          strokeWidth={1.2}
          onClick={onSelect ? () => onSelect(s.code) : undefined}
        />
      ))}
      {drawing.names.map((n) => (
        <text
          key={`t${n.code}`}
          x={n.at[0]}
          y={n.at[1]}
          textAnchor="middle"
          dominantBaseline="central"
          fontSize={n.around ? fontSize - 1 : fontSize}
          fill={n.around ? grey.text : ink}
          stroke={halo}
          strokeWidth={3.2}
          paintOrder="stroke"
        >
          {n.text}
        </text>
      ))}
    </svg>
  );
}
