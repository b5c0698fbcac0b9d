// Glyph rasteriser and signed distance field for MapLibre glyph PBFs (used by build-glyphs.ts and its test).
// Pure: outlines in, SDF bitmaps and protobuf bytes out; no font library and no canvas.
import Pbf from 'pbf';

/** One outline command in pixel space, y down (as opentype.js `getPath(0, 0, size)` gives them). */
export type PathCommand =
  | { type: 'M' | 'L'; x: number; y: number }
  | { type: 'Q'; x1: number; y1: number; x: number; y: number }
  | { type: 'C'; x1: number; y1: number; x2: number; y2: number; x: number; y: number }
  | { type: 'Z' };

export interface Glyph {
  id: number;
  bitmap?: Uint8Array;
  width: number;
  height: number;
  left: number;
  top: number;
  advance: number;
}

/** MapLibre's fixed glyph border (parse_glyph_pbf.ts) and the SDF radius and cutoff of fontnik / tiny-sdf. */
export const BUFFER = 3;
const RADIUS = 8;
const CUTOFF = 0.25;
const INF = 1e20;
const STEPS = 8;
const SUPER = 4;

type Edge = [number, number, number, number];

/** Flattens curves into straight edges (x0, y0, x1, y1). */
export function flatten(commands: PathCommand[]): Edge[] {
  const edges: Edge[] = [];
  let x = 0,
    y = 0,
    sx = 0,
    sy = 0;
  const line = (nx: number, ny: number) => {
    if (nx !== x || ny !== y) edges.push([x, y, nx, ny]);
    x = nx;
    y = ny;
  };
  for (const c of commands) {
    if (c.type === 'M') {
      if (x !== sx || y !== sy) line(sx, sy);
      x = sx = c.x;
      y = sy = c.y;
    } else if (c.type === 'L') line(c.x, c.y);
    else if (c.type === 'Q') {
      const [x0, y0] = [x, y];
      for (let i = 1; i <= STEPS; i++) {
        const t = i / STEPS,
          u = 1 - t;
        line(u * u * x0 + 2 * u * t * c.x1 + t * t * c.x, u * u * y0 + 2 * u * t * c.y1 + t * t * c.y);
      }
    } else if (c.type === 'C') {
      const [x0, y0] = [x, y];
      for (let i = 1; i <= STEPS; i++) {
        const t = i / STEPS,
          u = 1 - t;
        line(
          u * u * u * x0 + 3 * u * u * t * c.x1 + 3 * u * t * t * c.x2 + t * t * t * c.x,
          u * u * u * y0 + 3 * u * u * t * c.y1 + 3 * u * t * t * c.y2 + t * t * t * c.y,
        );
      }
    } else line(sx, sy);
  }
  line(sx, sy);
  return edges;
}

/** Coverage (0..1) of each pixel of a w × h grid whose origin is (ox, oy), nonzero winding, SUPER² samples a pixel. */
export function rasterise(edges: Edge[], w: number, h: number, ox: number, oy: number): Float64Array {
  const alpha = new Float64Array(w * h);
  const crossings: { x: number; dir: number }[] = [];
  for (let row = 0; row < h * SUPER; row++) {
    const sy = oy + (row + 0.5) / SUPER;
    crossings.length = 0;
    for (const [x0, y0, x1, y1] of edges) {
      if ((y0 <= sy && y1 > sy) || (y1 <= sy && y0 > sy)) {
        crossings.push({ x: x0 + ((sy - y0) / (y1 - y0)) * (x1 - x0), dir: y1 > y0 ? 1 : -1 });
      }
    }
    crossings.sort((a, b) => a.x - b.x);
    let winding = 0;
    for (let i = 0; i < crossings.length - 1; i++) {
      winding += crossings[i].dir;
      if (winding === 0) continue;
      const from = Math.max(0, Math.ceil((crossings[i].x - ox) * SUPER - 0.5));
      const to = Math.min(w * SUPER - 1, Math.floor((crossings[i + 1].x - ox) * SUPER - 0.5));
      const py = Math.floor(row / SUPER);
      for (let s = from; s <= to; s++) alpha[py * w + Math.floor(s / SUPER)] += 1 / (SUPER * SUPER);
    }
  }
  return alpha;
}

/** 1D squared Euclidean distance transform (Felzenszwalb & Huttenlocher 2012), in place along a row or column. */
function edt1d(
  grid: Float64Array,
  offset: number,
  stride: number,
  n: number,
  f: Float64Array,
  v: Uint16Array,
  z: Float64Array,
) {
  v[0] = 0;
  z[0] = -INF;
  z[1] = INF;
  f[0] = grid[offset];
  for (let q = 1, k = 0; q < n; q++) {
    f[q] = grid[offset + q * stride];
    const q2 = q * q;
    let s: number;
    do {
      const r = v[k];
      s = (f[q] - f[r] + q2 - r * r) / (q - r) / 2;
    } while (s <= z[k] && --k > -1);
    k++;
    v[k] = q;
    z[k] = s;
    z[k + 1] = INF;
  }
  for (let q = 0, k = 0; q < n; q++) {
    while (z[k + 1] < q) k++;
    const r = v[k];
    const qr = q - r;
    grid[offset + q * stride] = f[r] + qr * qr;
  }
}

/** 2D squared EDT of a w × h grid, exact (columns then rows). */
export function edt(grid: Float64Array, w: number, h: number): Float64Array {
  const n = Math.max(w, h);
  const f = new Float64Array(n),
    v = new Uint16Array(n),
    z = new Float64Array(n + 1);
  for (let x = 0; x < w; x++) edt1d(grid, x, w, h, f, v, z);
  for (let y = 0; y < h; y++) edt1d(grid, y * w, 1, w, f, v, z);
  return grid;
}

/** Alpha coverage → SDF bytes as tiny-sdf computes them (edge at 192, RADIUS px each way). */
export function alphaToSdf(alpha: Float64Array, w: number, h: number): Uint8Array {
  const outer = new Float64Array(w * h),
    inner = new Float64Array(w * h);
  for (let i = 0; i < w * h; i++) {
    const a = Math.min(1, alpha[i]);
    if (a >= 1) [outer[i], inner[i]] = [0, INF];
    else if (a <= 0) [outer[i], inner[i]] = [INF, 0];
    else {
      const d = 0.5 - a;
      outer[i] = d > 0 ? d * d : 0;
      inner[i] = d < 0 ? d * d : 0;
    }
  }
  edt(outer, w, h);
  edt(inner, w, h);
  const out = new Uint8Array(w * h);
  for (let i = 0; i < w * h; i++) {
    const d = Math.sqrt(outer[i]) - Math.sqrt(inner[i]);
    out[i] = Math.max(0, Math.min(255, Math.round(255 - 255 * (d / RADIUS + CUTOFF))));
  }
  return out;
}

/** A glyph from its outline: metrics as fontnik writes them (`top` relative to the ascender). */
export function makeGlyph(id: number, commands: PathCommand[], advance: number, ascender: number): Glyph {
  const edges = flatten(commands);
  if (edges.length === 0) return { id, width: 0, height: 0, left: 0, top: -ascender, advance: Math.round(advance) };
  let x1 = Infinity,
    y1 = Infinity,
    x2 = -Infinity,
    y2 = -Infinity;
  for (const [a, b, c, d] of edges) {
    x1 = Math.min(x1, a, c);
    x2 = Math.max(x2, a, c);
    y1 = Math.min(y1, b, d);
    y2 = Math.max(y2, b, d);
  }
  const left = Math.floor(x1),
    topY = Math.floor(y1);
  const width = Math.ceil(x2) - left,
    height = Math.ceil(y2) - topY;
  const w = width + 2 * BUFFER,
    h = height + 2 * BUFFER;
  const alpha = rasterise(edges, w, h, left - BUFFER, topY - BUFFER);
  return {
    id,
    bitmap: alphaToSdf(alpha, w, h),
    width,
    height,
    left,
    top: -topY - ascender,
    advance: Math.round(advance),
  };
}

/** glyphs.proto: glyphs { stacks = 1: fontstack { name = 1, range = 2, glyphs = 3: glyph {…} } }. */
export function encodeGlyphs(name: string, range: string, glyphs: Glyph[]): Uint8Array {
  const pbf = new Pbf();
  pbf.writeMessage(
    1,
    (_: unknown, p: Pbf) => {
      p.writeStringField(1, name);
      p.writeStringField(2, range);
      for (const g of glyphs) {
        p.writeMessage(
          3,
          (_g: unknown, q: Pbf) => {
            q.writeVarintField(1, g.id);
            if (g.bitmap && g.width > 0) q.writeBytesField(2, g.bitmap);
            q.writeVarintField(3, g.width);
            q.writeVarintField(4, g.height);
            q.writeSVarintField(5, g.left);
            q.writeSVarintField(6, g.top);
            q.writeVarintField(7, g.advance);
          },
          g,
        );
      }
    },
    null,
  );
  return pbf.finish();
}

/** Reads a glyph PBF back (tests, and the build's own check). */
export function decodeGlyphs(bytes: Uint8Array): { name: string; range: string; glyphs: Glyph[] } {
  const out = { name: '', range: '', glyphs: [] as Glyph[] };
  new Pbf(bytes).readFields((tag, o, pbf) => {
    if (tag !== 1) return;
    pbf.readMessage((t, s: typeof out, p) => {
      if (t === 1) s.name = p.readString();
      else if (t === 2) s.range = p.readString();
      else if (t === 3) {
        s.glyphs.push(
          p.readMessage(
            (k, g: Glyph, r) => {
              if (k === 1) g.id = r.readVarint();
              else if (k === 2) g.bitmap = r.readBytes();
              else if (k === 3) g.width = r.readVarint();
              else if (k === 4) g.height = r.readVarint();
              else if (k === 5) g.left = r.readSVarint();
              else if (k === 6) g.top = r.readSVarint();
              else if (k === 7) g.advance = r.readVarint();
            },
            { id: 0, width: 0, height: 0, left: 0, top: 0, advance: 0 },
          ),
        );
      }
    }, o);
  }, out);
  return out;
}
