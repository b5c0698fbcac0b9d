// The choropleth drawn as SVG from the same joined features and fills as the MapLibre layers: shown
// while MapLibre starts (its worker and WebGL take a second or more on a slow machine), then removed
// once MapLibre has drawn the same view. Clicking a unit selects it already.
import { useMemo } from 'react';
import { fitView, labelPoint, pathOf, placeLabels, projectedArea } from './svg-map.ts';

export interface SvgMapFeature {
  geometry: { type: string; coordinates: unknown };
  properties: { code: string; label: string };
}

interface Props {
  features: SvgMapFeature[];
  /** fill per unit code */
  fills: Record<string, string>;
  width: number;
  height: number;
  labels: boolean;
  wall: boolean;
  onSelect?: (code: string) => void;
}

export function SvgMap({ features, fills, width, height, labels, wall, onSelect }: Props) {
  const fontSize = wall ? 16 : 12;
  const shapes = useMemo(() => {
    const fit = fitView(features, width, height, 24);
    if (!fit) return [];
    const all = features.map((f) => ({
      code: f.properties.code,
      label: f.properties.label,
      d: pathOf(f.geometry, fit),
      at: labelPoint(f.geometry, fit),
      weight: projectedArea(f.geometry),
    }));
    const shown = placeLabels(
      all.map((s) => ({ code: s.code, text: s.label, at: s.at, weight: s.weight })),
      fontSize,
    );
    return all.map((s) => ({ ...s, at: shown.has(s.code) ? s.at : null }));
  }, [features, width, height, fontSize]);
  if (!shapes.length) return null;
  const ink = wall ? '#f5f7fa' : '#1f2933';
  const halo = wall ? '#0b1220' : '#ffffff';
  return (
    <svg
      className="map-view__svg"
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      aria-hidden="true"
      data-testid="map-svg"
    >
      {shapes.map((s) => (
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
      {labels &&
        shapes.map(
          (s) =>
            s.at && (
              <text
                key={`t${s.code}`}
                x={s.at[0]}
                y={s.at[1]}
                textAnchor="middle"
                dominantBaseline="central"
                fontSize={fontSize}
                fill={ink}
                stroke={halo}
                strokeWidth={3.2}
                paintOrder="stroke"
              >
                {s.label}
              </text>
            ),
        )}
    </svg>
  );
}
