// The map's style and data join: a local style (no network source), a fill expression that MapLibre's own
// evaluator colours exactly as fillFor / data-fills do, direction-aware palettes, and the join on `code`.
import { createExpression, validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import { describe, expect, it } from 'vitest';
import type { GeoCollection, UnitNode } from '../../web/src/api/client.ts';
import { classBreaks } from '../../web/src/map/classify.ts';
import {
  bbox,
  buildChoropleth,
  CONTEXT_MARGIN,
  contextGeojson,
  labelPoints,
  shortName,
  valuesByUnit,
  viewBounds,
} from '../../web/src/map/join.ts';
import { mapParent, mapProvince } from '../../web/src/map/map-unit.ts';
import { NO_DATA_COLOR, palette, SUPPRESSED_COLOR } from '../../web/src/map/palette.ts';
import {
  CONTEXT_LABEL_SOURCE,
  CONTEXT_SOURCE,
  fillColorExpression,
  fillFor,
  LABEL_SOURCE,
  mapStyle,
  SOURCE,
} from '../../web/src/map/style.ts';

const square = (x: number, y: number) => ({
  type: 'Polygon' as const,
  coordinates: [
    [
      [x, y],
      [x + 1, y],
      [x + 1, y + 1],
      [x, y + 1],
      [x, y],
    ],
  ],
});
const feature = (code: string, name: string, x: number) => ({
  type: 'Feature' as const,
  properties: { code, gso_code: code, name, name_en: null, level: 'commune', parent_id: '291', area_km2: 5 },
  geometry: square(x, 20),
});
const GEO: GeoCollection = {
  type: 'FeatureCollection',
  features: [
    feature('1', 'Xã Nam Trung', 106),
    feature('2', 'Xã Đồng Lạc', 107),
    feature('3', 'Thị trấn Nam Sách', 108),
    feature('4', 'Xã Hiệp Cát', 109),
    feature('5', 'Xã An Lâm', 110),
  ],
};
const COLS = {
  unit: ['1', '2', '3', '4', '9'],
  value: [10, 20, 40, null, 5],
  suppressed: [false, false, false, true, false],
};

describe('fill expression', () => {
  const breaks = classBreaks([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 'quantile', 4);
  const colors = palette('higher', 4);
  const expr = createExpression(fillColorExpression(breaks, colors), {
    type: 'color',
    'property-type': 'data-driven',
    expression: { interpolated: false, parameters: ['zoom', 'feature'] },
  } as never);

  it('parses in MapLibre and is memoised', () => {
    expect(expr.result).toBe('success');
    expect(fillColorExpression(breaks, colors)).toBe(fillColorExpression([...breaks], [...colors]));
  });

  it.each([
    [1, false],
    [3.25, false],
    [3.3, false],
    [5.5, false],
    [7.75, false],
    [8, false],
    [10, false],
    [null, false],
    [4, true],
    [null, true],
  ])('colours %s (suppressed %s) as fillFor does', (value, suppressed) => {
    if (expr.result !== 'success') throw new Error('no expression');
    const state = suppressed ? 'suppressed' : value === null ? 'no_data' : 'value';
    const c = expr.value.evaluate({ zoom: 10 }, { type: 'Polygon', properties: { value, state } } as never) as {
      r: number;
      g: number;
      b: number;
    };
    const hex =
      '#' +
      [c.r, c.g, c.b]
        .map((v) =>
          Math.round(v * 255)
            .toString(16)
            .padStart(2, '0'),
        )
        .join('');
    expect(hex).toBe(fillFor(value, suppressed, breaks, colors));
  });
});

describe('palettes', () => {
  it('go from light to dark, by direction, and never reuse the no-data greys', () => {
    const lum = (hex: string) =>
      [1, 3, 5].reduce((a, i, k) => a + [0.2126, 0.7152, 0.0722][k] * parseInt(hex.slice(i, i + 2), 16), 0);
    for (const d of ['higher', 'lower', 'none'] as const) {
      for (let k = 1; k <= 7; k++) {
        const p = palette(d, k);
        expect(p).toHaveLength(k);
        for (let j = 1; j < k; j++) expect(lum(p[j])).toBeLessThan(lum(p[j - 1]));
        expect(p).not.toContain(NO_DATA_COLOR);
        expect(p).not.toContain(SUPPRESSED_COLOR);
      }
    }
    expect(palette('higher', 5)).not.toEqual(palette('lower', 5));
  });
});

describe('style', () => {
  it('is a valid style with only a local GeoJSON source and the shipped glyphs', () => {
    const style = mapStyle({
      glyphs: 'http://127.0.0.1:8080/fonts/{fontstack}/{range}.pbf',
      data: GEO as never,
      fill: fillColorExpression([0, 5, 10], palette('none', 2)),
    });
    expect(validateStyleMin(style as never)).toEqual([]);
    expect(Object.values(style.sources).map((s) => s.type)).toEqual(['geojson', 'geojson', 'geojson', 'geojson']);
    expect(JSON.stringify(style)).not.toMatch(/https?:\/\/(?!127\.0\.0\.1)/);
    // the neighbours under the units; the names last (MapLibre places the upper layer first: units before neighbours)
    expect(style.layers.map((l) => [l.type, 'source' in l ? l.source : null])).toEqual([
      ['background', null],
      ['fill', CONTEXT_SOURCE],
      ['line', CONTEXT_SOURCE],
      ['fill', SOURCE],
      ['line', SOURCE],
      ['line', SOURCE],
      ['symbol', CONTEXT_LABEL_SOURCE],
      ['symbol', LABEL_SOURCE],
    ]);
    // no name is placed from a polygon (MapLibre would repeat it once per tile and per part)
    for (const l of style.layers)
      if (l.type === 'symbol') expect([LABEL_SOURCE, CONTEXT_LABEL_SOURCE]).toContain(l.source);
  });

  it('hides both name layers when asked (the country view)', () => {
    const style = mapStyle({
      glyphs: 'http://127.0.0.1/fonts/{fontstack}/{range}.pbf',
      data: GEO as never,
      fill: '#000',
      labels: false,
    });
    const symbols = style.layers.filter((l) => l.type === 'symbol');
    expect(symbols).toHaveLength(2);
    for (const l of symbols) expect((l.layout as { visibility?: string }).visibility).toBe('none');
  });
});

describe('join', () => {
  const ch = buildChoropleth(GEO, valuesByUnit(COLS), 'equal', 'higher', 3);

  it('joins on code: values, suppressed, no data; rows without a feature are ignored', () => {
    expect(ch.units.map((u) => [u.code, u.value, u.cls])).toEqual([
      ['1', 10, 0],
      ['2', 20, 0],
      ['3', 40, 2],
      ['4', null, 'suppressed'],
      ['5', null, 'no_data'],
    ]);
    expect(ch.breaks).toEqual([10, 20, 30, 40]);
    expect(ch.counts).toEqual({ no_data: 1, suppressed: 1, classes: [2, 0, 1] });
    expect(ch.units.map((u) => u.fill)).toEqual([
      ch.colors[0],
      ch.colors[0],
      ch.colors[2],
      SUPPRESSED_COLOR,
      NO_DATA_COLOR,
    ]);
    expect(ch.geojson.features.map((f) => f.properties.state)).toEqual([
      'value',
      'value',
      'value',
      'suppressed',
      'no_data',
    ]);
  });

  it('labels without the unit kind, keeps diacritics, and boxes the features', () => {
    expect(ch.geojson.features.map((f) => f.properties.label)).toEqual([
      'Nam Trung',
      'Đồng Lạc',
      'TT. Nam Sách',
      'Hiệp Cát',
      'An Lâm',
    ]);
    expect(shortName('Phường Trần Phú')).toBe('Trần Phú');
    expect(bbox(GEO)).toEqual([
      [106, 20],
      [111, 21],
    ]);
    expect(bbox({ features: [] })).toBeNull();
  });
});

// The units a map asks for come from the unit tree the account sees (/api/units), never from a code in the app:
// the codes below are made up, so a unit written in map-unit.ts could not pass.
describe('the units a map asks for, from the unit tree', () => {
  const node = (unit_id: string, level: UnitNode['level'], parent_id: string | null, children: UnitNode[] = []) =>
    ({ unit_id, level, parent_id, children }) as unknown as UnitNode;
  const communes = [node('C1', 'commune', 'D1'), node('C2', 'commune', 'D1')];
  const WHOLE = [node('P1', 'province', null, [node('D0', 'district', 'P1'), node('D1', 'district', 'P1', communes)])];
  // a commune account: its commune, and its district as a total (no province)
  const COMMUNE = [node('D1', 'district', null, [node('C1', 'commune', 'D1')])];
  // the communes of a later reform, which have no parent in the store
  const ORPHANS = [...WHOLE, node('C9', 'commune', null)];

  it.each<[string, UnitNode[], string, string | undefined, string | undefined]>([
    // tree, view's unit, → district of the commune map, → province of the district and country maps
    ['a commune', WHOLE, 'C2', 'D1', 'P1'],
    ['a commune on a later day', WHOLE, 'C2@2025-07', 'D1', 'P1'],
    ['a district', WHOLE, 'D1', 'D1', 'P1'],
    ['a district without communes', WHOLE, 'D0', 'D0', 'P1'],
    ['the province', WHOLE, 'P1', 'D1', 'P1'],
    ['a unit the tree does not hold', WHOLE, 'X', 'D1', 'P1'],
    ['a commune account: its commune', COMMUNE, 'C1', 'D1', 'D1'],
    ['a commune account: its district', COMMUNE, 'D1', 'D1', 'D1'],
    ['a commune without a parent', ORPHANS, 'C9', 'D1', 'P1'],
    ['an empty tree', [], 'C1', undefined, undefined],
  ])('%s', (_name, tree, unit, district, province) => {
    expect(mapParent(tree, unit)).toBe(district);
    expect(mapProvince(tree, unit)).toBe(province);
  });
});

describe('labels and neighbours', () => {
  /** an L: its centroid lies outside it (in the notch), so its name must go elsewhere */
  const ell = {
    type: 'Polygon' as const,
    coordinates: [
      [
        [106, 20],
        [106.3, 20],
        [106.3, 20.05],
        [106.05, 20.05],
        [106.05, 20.3],
        [106, 20.3],
        [106, 20],
      ],
    ],
  };
  /** point in polygon, even-odd, in degrees (an independent check) */
  const inside = ([x, y]: number[], ring: number[][]) => {
    let odd = false;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i];
      const [xj, yj] = ring[j];
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) odd = !odd;
    }
    return odd;
  };

  it('names each unit once, at a point inside it, larger units first, whatever its parts', () => {
    const islands = {
      type: 'MultiPolygon' as const,
      coordinates: [
        square(108, 20).coordinates,
        square(109.5, 20).coordinates,
        [
          [
            [111, 20],
            [111.1, 20],
            [111.1, 20.1],
            [111, 20],
          ],
        ],
      ],
    };
    const geo = {
      features: [
        { geometry: ell, properties: { code: 'L', label: 'Ell' } },
        { geometry: islands, properties: { code: 'I', label: 'Islands' } },
        { geometry: square(112, 20), properties: { code: 'S', label: 'Square' } },
      ],
    };
    const labels = labelPoints(geo).features;
    expect(labels.map((l) => l.properties.code).sort()).toEqual(['I', 'L', 'S']);
    const at = Object.fromEntries(labels.map((l) => [l.properties.code, l.geometry.coordinates]));
    expect(inside(at.L, ell.coordinates[0])).toBe(true);
    // the islands are named once, in their first (largest-first: equal squares, the first found) part
    expect(inside(at.I, islands.coordinates[0][0]) || inside(at.I, islands.coordinates[1][0])).toBe(true);
    expect(at.S[0]).toBeCloseTo(112.5, 6);
    expect(labels.find((l) => l.properties.code === 'L')!.properties.rank).toBe(2);
    expect(labelPoints(geo)).toBe(labelPoints(geo));
  });

  it('keeps only outline and name of the neighbours, labelled like the units', () => {
    const around = contextGeojson({
      features: [{ geometry: square(105, 20), properties: { code: '10606', name: 'Thị trấn Nam Sách' } }],
    });
    expect(around.features[0].properties).toEqual({ code: '10606', name: 'Thị trấn Nam Sách', label: 'TT. Nam Sách' });
  });

  it('fits the units with a margin of their neighbours, never past the neighbours, never cutting the units', () => {
    const own = { features: [{ geometry: square(106, 20) }] };
    const around = { features: [{ geometry: square(104, 18) }, { geometry: square(108, 22) }] };
    expect(viewBounds(own)).toEqual(bbox(own));
    expect(viewBounds(own, { features: [] })).toEqual(bbox(own));
    expect(viewBounds(own, around)).toEqual([
      [106 - CONTEXT_MARGIN, 20 - CONTEXT_MARGIN],
      [107 + CONTEXT_MARGIN, 21 + CONTEXT_MARGIN],
    ]);
    // neighbours on one side only: the view does not run past them on that side, nor into the void on the others
    const west = { features: [{ geometry: square(105.9, 20) }] };
    expect(viewBounds(own, west)).toEqual([
      [105.9, 20],
      [107, 21],
    ]);
    // no unit of one's own (a merged commune): the neighbours' box
    expect(viewBounds({ features: [] }, around)).toEqual(bbox(around));
  });
});
