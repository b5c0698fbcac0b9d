// The SVG first paint of the map: Web Mercator, the fit (as MapLibre's fitBounds), paths, label
// points and the label collision pass. Expected values are computed here independently.
import { describe, expect, it } from 'vitest';
import {
  fitBox,
  fitView,
  labelAnchor,
  labelPoint,
  mercator,
  pathOf,
  placeLabels,
  project,
  projectedArea,
  unmercator,
} from '../../web/src/map/svg-map.ts';

/** Web Mercator in its textbook form: y = ln(tan(π/4 + φ/2)), scaled to the unit square. */
const textbook = (lon: number, lat: number): [number, number] => [
  (lon + 180) / 360,
  0.5 - Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360)) / (2 * Math.PI),
];

const square = (lon: number, lat: number, d: number) => ({
  type: 'Polygon',
  coordinates: [
    [
      [lon, lat],
      [lon + d, lat],
      [lon + d, lat + d],
      [lon, lat + d],
      [lon, lat],
    ],
  ],
});

describe('mercator', () => {
  it.each([
    [0, 0],
    [106.4, 21.05], // Nam Sách
    [-73.98, 40.75],
    [151.2, -33.87],
    [180, 60],
  ])('(%f, %f) matches the textbook formula', (lon, lat) => {
    const [x, y] = mercator(lon, lat);
    const [ex, ey] = textbook(lon, lat);
    expect(x).toBeCloseTo(ex, 12);
    expect(y).toBeCloseTo(ey, 12);
  });

  it('clamps at the poles to the square MapLibre uses', () => {
    expect(mercator(0, 90)[1]).toBeCloseTo(0, 6);
    expect(mercator(0, -90)[1]).toBeCloseTo(1, 6);
  });
});

describe('fitView', () => {
  const features = [{ geometry: square(106.3, 20.95, 0.2) }, { geometry: square(106.5, 21.0, 0.1) }];
  it.each([
    [800, 400, 24],
    [400, 800, 24],
    [1480, 720, 24],
    [300, 300, 0],
  ])('%i×%i, padding %i: the box touches the padding on its limiting side and is centred', (w, h, pad) => {
    const fit = fitView(features, w, h, pad)!;
    const [x0, y1] = textbook(106.3, 20.95); // west, south
    const [x1, y0] = textbook(106.6, 21.15); // east, north
    const px = (x: number) => x * fit.scale + fit.tx;
    const py = (y: number) => y * fit.scale + fit.ty;
    const [left, right, top, bottom] = [px(x0), px(x1), py(y0), py(y1)];
    // centred
    expect((left + right) / 2).toBeCloseTo(w / 2, 6);
    expect((top + bottom) / 2).toBeCloseTo(h / 2, 6);
    // inside the padding, and touching it on one axis
    expect(left).toBeGreaterThanOrEqual(pad - 1e-6);
    expect(top).toBeGreaterThanOrEqual(pad - 1e-6);
    const slack = Math.min(left - pad, top - pad);
    expect(slack).toBeCloseTo(0, 6);
  });

  it('has no view for no features or a box smaller than its padding', () => {
    expect(fitView([], 800, 400, 24)).toBeNull();
    expect(fitView(features, 40, 400, 24)).toBeNull();
  });
});

describe('pathOf and labelPoint', () => {
  const fit = { scale: 1000, tx: -500, ty: -400 };
  it('draws each ring as M…L…Z in pixels, to 0.1 px', () => {
    const d = pathOf(
      { type: 'MultiPolygon', coordinates: [square(0, 0, 1).coordinates, square(2, 0, 1).coordinates] },
      fit,
    );
    expect(d.match(/M/g)).toHaveLength(2);
    expect(d.match(/Z/g)).toHaveLength(2);
    const first = d.slice(1, d.indexOf('L')).split(' ').map(Number);
    const [x, y] = textbook(0, 0);
    expect(first[0]).toBeCloseTo(x * 1000 - 500, 1);
    expect(first[1]).toBeCloseTo(y * 1000 - 400, 1);
    expect(pathOf({ type: 'Point', coordinates: [0, 0] }, fit)).toBe('');
  });

  it('puts a label at the centre of a square, and on the larger part of a multipolygon', () => {
    const [cx, cy] = textbook(106.5, 21.05);
    const [lx, ly] = labelPoint(square(106.4, 20.95, 0.2), { scale: 1e6, tx: 0, ty: 0 })!;
    expect(lx).toBeCloseTo(cx * 1e6, 0);
    // the projected square is not symmetric in y: its centroid sits between the mid-latitude's y and the box's centre
    const [, yTop] = textbook(106.5, 21.15);
    const [, yBottom] = textbook(106.5, 20.95);
    expect(Math.abs(ly - ((yTop + yBottom) / 2) * 1e6)).toBeLessThan(0.5);
    expect(Math.abs(ly - cy * 1e6)).toBeLessThan(50);
    const big = square(10, 10, 2);
    const small = square(0, 0, 0.1);
    const [bx] = labelPoint(
      { type: 'MultiPolygon', coordinates: [small.coordinates, big.coordinates] },
      { scale: 1, tx: 0, ty: 0 },
    )!;
    expect(bx).toBeCloseTo(Math.round(textbook(11, 11)[0] * 10) / 10, 1);
  });

  it('weighs units by their projected area', () => {
    expect(projectedArea(square(0, 0, 2))).toBeGreaterThan(projectedArea(square(0, 0, 1)) * 3.9);
  });
});

describe('placeLabels', () => {
  it.each([
    [
      'far apart: all shown',
      [
        [0, 0],
        [200, 0],
        [0, 200],
      ],
      ['a', 'b', 'c'],
    ],
    [
      'two overlapping: the heavier stays',
      [
        [0, 0],
        [10, 4],
        [300, 300],
      ],
      ['a', 'c'],
    ],
    [
      'side by side just clear of each other',
      [
        [0, 0],
        [60, 0],
      ],
      ['a', 'b'],
    ],
  ] as const)('%s', (_, points, expected) => {
    const labels = points.map((at, i) => ({
      code: 'abc'[i],
      text: 'Nam Trung'.slice(0, 6),
      at: [at[0], at[1]] as [number, number],
      weight: 10 - i,
    }));
    expect([...placeLabels(labels, 10)].sort()).toEqual([...expected]);
  });

  it('skips units without a label point', () => {
    expect(placeLabels([{ code: 'x', text: 'X', at: null, weight: 1 }], 12).size).toBe(0);
  });
});

describe('label anchors and boxes', () => {
  it('unmercator undoes mercator', () => {
    for (const [lon, lat] of [
      [106.4, 21.05],
      [-73.98, 40.75],
      [0, 0],
    ]) {
      const [x, y] = textbook(lon, lat);
      const [a, b] = unmercator(x, y);
      expect(a).toBeCloseTo(lon, 9);
      expect(b).toBeCloseTo(lat, 9);
    }
  });

  it('fitBox fits a box as fitView fits the same rectangle; project places a point under the fit', () => {
    const box: [[number, number], [number, number]] = [
      [106.3, 20.95],
      [106.6, 21.15],
    ];
    const a = fitBox(box, 800, 400, 24)!;
    const b = fitView(
      [{ geometry: square(106.3, 20.95, 0.2) }, { geometry: square(106.5, 21.0, 0.15) }],
      800,
      400,
      24,
    )!;
    expect(a.scale).toBeCloseTo(b.scale, 6);
    const [x, y] = textbook(106.45, 21.05);
    expect(project([106.45, 21.05], a)[0]).toBeCloseTo(x * a.scale + a.tx, 1);
    expect(project([106.45, 21.05], a)[1]).toBeCloseTo(y * a.scale + a.ty, 1);
  });

  it('puts a crescent’s name inside it, a square’s at its centre, and a unit of parts in its largest part', () => {
    // a C open to the east: its centroid falls in the opening
    const c = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [1, 0],
          [1, 0.2],
          [0.2, 0.2],
          [0.2, 0.8],
          [1, 0.8],
          [1, 1],
          [0, 1],
          [0, 0],
        ],
      ],
    };
    const [lon, lat] = labelAnchor(c)!;
    const ring = c.coordinates[0];
    let odd = false;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i];
      const [xj, yj] = ring[j];
      if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) odd = !odd;
    }
    expect(odd, `${lon}, ${lat}`).toBe(true);
    const sq = labelAnchor(square(10, 10, 2))!;
    expect(sq[0]).toBeCloseTo(11, 6);
    expect(sq[1]).toBeCloseTo(11, 2);
    const parts = labelAnchor({
      type: 'MultiPolygon',
      coordinates: [square(0, 0, 0.1).coordinates, square(5, 5, 1).coordinates],
    })!;
    expect(parts[0]).toBeCloseTo(5.5, 6);
  });
});
