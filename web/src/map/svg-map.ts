// The map's first paint as SVG: Web Mercator projection, a fit like MapLibre's fitBounds, polygon
// paths and label points. Pure; MapView draws this while MapLibre (worker, WebGL) starts, so the
// choropleth is on screen about a second before the interactive map takes over the same view.

type Ring = number[][];
type Geometry = { type: string; coordinates: unknown };

/** Web Mercator to the unit square (x east, y south), as MapLibre projects. */
export function mercator(lon: number, lat: number): [number, number] {
  const clamped = Math.max(-85.051129, Math.min(85.051129, lat));
  const s = Math.sin((clamped * Math.PI) / 180);
  return [(lon + 180) / 360, 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)];
}

/** The polygons of a Polygon or MultiPolygon as lists of rings. */
function polygons(g: Geometry): Ring[][] {
  if (g.type === 'Polygon') return [g.coordinates as Ring[]];
  if (g.type === 'MultiPolygon') return g.coordinates as Ring[][];
  return [];
}

export interface Fit {
  scale: number;
  tx: number;
  ty: number;
}

/**
 * Scale and offset that fit the features into width × height less padding on every side, centred:
 * the same view MapLibre's fitBounds(bbox, { padding }) gives (both fit the projected box).
 */
export function fitView(
  features: { geometry: Geometry }[],
  width: number,
  height: number,
  padding: number,
): Fit | null {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const f of features)
    for (const poly of polygons(f.geometry))
      for (const ring of poly)
        for (const [lon, lat] of ring) {
          const [x, y] = mercator(lon, lat);
          [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x), Math.max(y1, y)];
        }
  if (!Number.isFinite(x0) || width <= 2 * padding || height <= 2 * padding) return null;
  const scale = Math.min(
    (width - 2 * padding) / Math.max(x1 - x0, 1e-12),
    (height - 2 * padding) / Math.max(y1 - y0, 1e-12),
  );
  return { scale, tx: width / 2 - ((x0 + x1) / 2) * scale, ty: height / 2 - ((y0 + y1) / 2) * scale };
}

const r1 = (v: number) => Math.round(v * 10) / 10;

/** An SVG path (even-odd rings) of a geometry under a fit, to 0.1 px. */
export function pathOf(g: Geometry, fit: Fit): string {
  let d = '';
  for (const poly of polygons(g))
    for (const ring of poly) {
      ring.forEach(([lon, lat], i) => {
        const [x, y] = mercator(lon, lat);
        d += `${i ? 'L' : 'M'}${r1(x * fit.scale + fit.tx)} ${r1(y * fit.scale + fit.ty)}`;
      });
      d += 'Z';
    }
  return d;
}

/** Signed area and centroid of a ring in projected coordinates (shoelace). */
function ringCentroid(ring: Ring): { area: number; x: number; y: number } {
  let [a, cx, cy] = [0, 0, 0];
  const pts = ring.map(([lon, lat]) => mercator(lon, lat));
  for (let i = 0, j = pts.length - 1; i < pts.length; j = i++) {
    const cross = pts[j][0] * pts[i][1] - pts[i][0] * pts[j][1];
    a += cross;
    cx += (pts[j][0] + pts[i][0]) * cross;
    cy += (pts[j][1] + pts[i][1]) * cross;
  }
  return a === 0
    ? { area: 0, x: pts[0]?.[0] ?? 0, y: pts[0]?.[1] ?? 0 }
    : { area: a / 2, x: cx / (3 * a), y: cy / (3 * a) };
}

/** Where a unit's name goes: the centroid of its largest outer ring, in pixels under the fit. */
export function labelPoint(g: Geometry, fit: Fit): [number, number] | null {
  let best: { area: number; x: number; y: number } | null = null;
  for (const poly of polygons(g)) {
    if (!poly[0]?.length) continue;
    const c = ringCentroid(poly[0]);
    if (!best || Math.abs(c.area) > Math.abs(best.area)) best = c;
  }
  return best ? [r1(best.x * fit.scale + fit.tx), r1(best.y * fit.scale + fit.ty)] : null;
}

export interface LabelCandidate {
  code: string;
  text: string;
  at: [number, number] | null;
  /** larger units place their names first */
  weight: number;
}

/**
 * Which labels to draw: greedily by weight, skipping any whose box (estimated from its length at
 * fontSize, plus pad) overlaps one placed already — as MapLibre's collision pass drops names.
 */
export function placeLabels(labels: LabelCandidate[], fontSize: number, pad = 2): Set<string> {
  const placed: [number, number, number, number][] = [];
  const out = new Set<string>();
  for (const l of [...labels].sort((a, b) => b.weight - a.weight)) {
    if (!l.at) continue;
    const w = l.text.length * fontSize * 0.56 + 2 * pad;
    const h = fontSize * 1.2 + 2 * pad;
    const box: [number, number, number, number] = [l.at[0] - w / 2, l.at[1] - h / 2, l.at[0] + w / 2, l.at[1] + h / 2];
    if (placed.some((p) => box[0] < p[2] && p[0] < box[2] && box[1] < p[3] && p[1] < box[3])) continue;
    placed.push(box);
    out.add(l.code);
  }
  return out;
}

/** The area of a geometry's outer rings in projected units (a label's weight). */
export function projectedArea(g: Geometry): number {
  let a = 0;
  for (const poly of polygons(g)) if (poly[0]?.length) a += Math.abs(ringCentroid(poly[0]).area);
  return a;
}

/** Web Mercator's inverse: the unit square back to [lon, lat]. */
export function unmercator(x: number, y: number): [number, number] {
  const lat = (Math.atan(Math.sinh(Math.PI * (1 - 2 * y))) * 180) / Math.PI;
  return [x * 360 - 180, lat];
}

/** Whether a projected point lies inside a polygon (outer ring less its holes), even-odd. */
function inside(poly: Ring[], [x, y]: [number, number]): boolean {
  let odd = false;
  for (const ring of poly) {
    const pts = ring.map(([lon, lat]) => mercator(lon, lat));
    for (let i = 0, j = pts.length - 1; i < pts.length; j = i++) {
      const [xi, yi] = pts[i];
      const [xj, yj] = pts[j];
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) odd = !odd;
    }
  }
  return odd;
}

/** The middle of the widest stretch of a horizontal line at projected y inside a polygon, or null. */
function widestAcross(poly: Ring[], y: number): [number, number] | null {
  const xs: number[] = [];
  for (const ring of poly) {
    const pts = ring.map(([lon, lat]) => mercator(lon, lat));
    for (let i = 0, j = pts.length - 1; i < pts.length; j = i++) {
      const [xi, yi] = pts[i];
      const [xj, yj] = pts[j];
      if (yi > y !== yj > y) xs.push(((xj - xi) * (y - yi)) / (yj - yi) + xi);
    }
  }
  xs.sort((a, b) => a - b);
  let best: [number, number] | null = null;
  for (let k = 0; k + 1 < xs.length; k += 2)
    if (!best || xs[k + 1] - xs[k] > best[1] - best[0]) best = [xs[k], xs[k + 1]];
  return best && [(best[0] + best[1]) / 2, y];
}

/**
 * Where a unit's one name goes, as [lon, lat]: in its largest part (a unit of several parts is named once), at the
 * centroid when that lies inside the part, else in the middle of the widest stretch across the part at that height
 * (a crescent's centroid lies outside it). The map's labels (MapLibre and SVG) are placed at these points only.
 */
export function labelAnchor(g: Geometry): [number, number] | null {
  let best: { poly: Ring[]; c: { area: number; x: number; y: number } } | null = null;
  for (const poly of polygons(g)) {
    if (!poly[0]?.length) continue;
    const c = ringCentroid(poly[0]);
    if (!best || Math.abs(c.area) > Math.abs(best.c.area)) best = { poly, c };
  }
  if (!best) return null;
  const { poly, c } = best;
  const at: [number, number] = inside(poly, [c.x, c.y]) ? [c.x, c.y] : (widestAcross(poly, c.y) ?? [c.x, c.y]);
  return unmercator(at[0], at[1]);
}

/** A [lon, lat] point in pixels under a fit. */
export function project([lon, lat]: [number, number], fit: Fit): [number, number] {
  const [x, y] = mercator(lon, lat);
  return [r1(x * fit.scale + fit.tx), r1(y * fit.scale + fit.ty)];
}

/** The fit of a [[w, s], [e, n]] box into width × height less padding, centred (as fitView, as fitBounds). */
export function fitBox(
  box: [[number, number], [number, number]],
  width: number,
  height: number,
  padding: number,
): Fit | null {
  const corners = [[box[0], [box[1][0], box[0][1]], box[1], [box[0][0], box[1][1]], box[0]]] as unknown as Ring[];
  return fitView([{ geometry: { type: 'Polygon', coordinates: corners } }], width, height, padding);
}
