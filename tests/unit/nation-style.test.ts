// The country view's style and rules (web/src/map/nation-style.ts, nation-data.ts): which province layer a date
// draws, the fill by code (a unit without a value is the "no data" grey, never a class colour), the tile sources,
// and the layer sizes the legend counts, checked against the shipped files.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COMMUNES_FILE, UNITS_2025_FILE, PROVINCES_FILE } from '../../server/geo/layers.ts';
import { LAYER_UNITS, provinceLayer } from '../../web/src/map/nation-data.ts';
import { codeFill, COMMUNE_ZOOM, nationStyle, tileUrl } from '../../web/src/map/nation-style.ts';
import { NO_DATA_COLOR } from '../../web/src/map/palette.ts';

describe('country view', () => {
  it('draws the 63 provinces until 30/6/2025 and the 34 from 1/7/2025', () => {
    expect(provinceLayer('2025-06-30', undefined)).toBe('provinces');
    expect(provinceLayer('2025-07-01', undefined)).toBe('provinces-2025');
    expect(provinceLayer(undefined, '2025-06')).toBe('provinces');
    expect(provinceLayer(undefined, '2025-07')).toBe('provinces-2025');
    expect(provinceLayer(undefined, '2019-04')).toBe('provinces');
  });

  it('fills by code, every other unit "no data" grey', () => {
    expect(codeFill({})).toBe(NO_DATA_COLOR);
    expect(codeFill({ '10633': '#123456', '30': '#abcdef' })).toEqual([
      'match',
      ['get', 'code'],
      // integer-like keys in numeric order (Object.entries), then the default
      '30',
      '#abcdef',
      '10633',
      '#123456',
      NO_DATA_COLOR,
    ]);
  });

  it('takes its boundaries from the vector tiles of this origin, communes from COMMUNE_ZOOM', () => {
    const style = nationStyle({
      origin: 'http://x',
      provinces: 'provinces-2025',
      provinceFill: NO_DATA_COLOR,
      communeFill: NO_DATA_COLOR,
    });
    expect(Object.keys(style.sources).sort()).toEqual(['communes', 'provinces-2025']);
    expect((style.sources.communes as { tiles: string[] }).tiles).toEqual([tileUrl('http://x', 'communes')]);
    expect(tileUrl('http://x', 'communes')).toBe('http://x/api/geo/tiles/communes/{z}/{x}/{y}.pbf');
    const commune = style.layers.find((l) => l.id === 'nation-commune-fill') as { minzoom: number };
    expect(commune.minzoom).toBe(COMMUNE_ZOOM);
    for (const l of style.layers)
      if ('source' in l) expect(['units', 'labels']).toContain((l as { 'source-layer': string })['source-layer']);
  });

  it('counts the units of each layer as the shipped files hold them', () => {
    const features = (file: string) => (JSON.parse(readFileSync(file, 'utf8')) as { features: unknown[] }).features;
    expect(features(COMMUNES_FILE)).toHaveLength(LAYER_UNITS.communes);
    expect(features(PROVINCES_FILE)).toHaveLength(LAYER_UNITS.provinces);
    const rows = readFileSync(UNITS_2025_FILE, 'utf8').trim().split('\n').slice(1);
    expect(new Set(rows.map((r) => r.split(',')[0])).size).toBe(LAYER_UNITS['provinces-2025']);
  });
});
