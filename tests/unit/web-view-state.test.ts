// View state ↔ URL: every state survives a round trip, defaults stay out of the link, bad input falls back.
import { describe, expect, it } from 'vitest';
import { DEFAULT_STATE, parseView, viewUrl, type ViewState } from '../../web/src/state/view-state.ts';

const s = (patch: Partial<ViewState>): ViewState => ({ ...DEFAULT_STATE, filters: {}, ...patch });
const roundTrip = (state: ViewState) => {
  const url = new URL(viewUrl(state), 'http://x');
  return parseView(url.pathname, url.search);
};

describe('view state round trip', () => {
  it.each<[string, ViewState]>([
    ['default', s({})],
    ['map of Nam Trung', s({ screen: 'map', unit: '10633', indicator: 'population' })],
    ['today unit', s({ screen: 'map', unit: '10633@2025-07', at: '2025-07-01', classes: 'jenks' })],
    ['country layer', s({ screen: 'map', indicator: 'population', layer: 'country' })],
    ['district layer', s({ screen: 'map', layer: 'district' })],
    ['targets with target', s({ screen: 'targets', target: 'A19', lang: 'en' })],
    ['procedures with filters', s({ screen: 'procedures', from: '2023-01', to: '2024-12', grain: 'quarter', filters: { channel: 'online', field: 'ho_tich', procedure_level: 'commune' } })],
    ['population with filters', s({ screen: 'population', grain: 'year', filters: { sex: 'F', age_min: '15', age_max: '49', residence: 'permanent' } })],
    ['overview ranked', s({ indicator: 'pct_work_dossiers_online', unit: '10606', lang: 'en' })],
    ['procedure code with spaces', s({ screen: 'procedures', filters: { procedure: '1.001 & khai sinh' } })],
    ['forecast scenario', s({ screen: 'forecast', unit: '10633', scenario: 'low' })],
    ['forecast controls', s({ screen: 'forecast', scenario: 'high', tfr: 1.85, e0: 77.5, mig: -1.2 })],
  ])('%s', (_name, state) => {
    expect(roundTrip(state)).toEqual(state);
  });

  it.each([
    ['/', '', s({})],
    ['/nowhere', '?unit=10633', s({ unit: '10633' })],
    ['/map/', '?from=2024-13&to=2024-02&grain=week&classes=x&at=2025-1-1&lang=fr&layer=moon', s({ screen: 'map', to: '2024-02' })],
    ['/forecast', '?scenario=extreme&tfr=9&e0=abc&mig=', s({ screen: 'forecast' })],
    ['/forecast', '?tfr=1.5&e0=80&mig=-2.5', s({ screen: 'forecast', tfr: 1.5, e0: 80, mig: -2.5 })],
  ])('parses %s%s with fallbacks', (path, search, expected) => {
    expect(parseView(path, search)).toEqual(expected);
  });

  it('keeps defaults out of the link', () => {
    expect(viewUrl(s({}))).toBe('/');
    expect(viewUrl(s({ screen: 'map', lang: 'en' }))).toBe('/map?lang=en');
  });
});
