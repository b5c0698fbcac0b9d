// View state ↔ URL: every state survives a round trip, defaults stay out of the link, bad input falls back.
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_STATE, explicitPath, nextPath, parseView, setHomeUnit, viewUrl, withLang, type ViewState } from '../../web/src/state/view-state.ts';

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

// A URL without `unit` means the signed-in account's own unit: a commune leader lands on their commune.
describe('the home unit', () => {
  afterEach(() => setHomeUnit(DEFAULT_STATE.unit));

  it('a URL without a unit opens the account’s unit, and that unit stays out of links', () => {
    setHomeUnit('10633');
    expect(parseView('/targets', '').unit).toBe('10633');
    expect(viewUrl(s({ screen: 'targets', unit: '10633' }))).toBe('/targets');
    // The district, seen as totals by a commune account, is written out, or it would read back as the commune.
    expect(viewUrl(s({ screen: 'targets', unit: '291' }))).toBe('/targets?unit=291');
    expect(parseView('/targets', '?unit=291').unit).toBe('291');
  });

  it('an empty home falls back to the default unit', () => {
    setHomeUnit('');
    expect(parseView('/', '').unit).toBe(DEFAULT_STATE.unit);
  });

  it.each([
    ['/targets', '', '/targets?unit=10633'],
    ['/map', '?indicator=births&lang=en', '/map?unit=10633&indicator=births&lang=en'],
    ['/map', '?unit=291&indicator=births', '/map?unit=291&indicator=births'],
    ['/admin/audit', '?action=denied', '/admin/audit?action=denied'],
  ])('links that leave the page carry the unit: %s%s → %s', (path, search, out) => {
    setHomeUnit('10633');
    expect(explicitPath(path, search)).toBe(out);
  });
});

describe('withLang', () => {
  it.each([
    ['/wall', '?screens=overview,map', 'en', '/wall?screens=overview,map&lang=en'],
    ['/admin/audit', '?lang=en&page=2', 'vi', '/admin/audit?page=2'],
    ['/', '', 'vi', '/'],
    ['/targets', '?unit=10633', 'en', '/targets?unit=10633&lang=en'],
  ] as const)('%s%s in %s → %s', (path, search, lang, out) => expect(withLang(path, search, lang)).toBe(out));
});

// The server sends a share link opened without a session to /?next=/s/<id>; after signing in it opens,
// and nothing else than a path of this site is followed.
describe('nextPath', () => {
  it.each([
    ['?next=%2Fs%2FAbC_12-x', '/s/AbC_12-x'],
    ['?next=/targets?unit=10633&lang=en', '/targets?unit=10633'],
    ['?next=%2Ftargets%3Funit%3D10633', '/targets?unit=10633'],
    ['', null],
    ['?next=', null],
    ['?next=https://evil.example/', null],
    ['?next=//evil.example/x', null],
    ['?next=/\\evil.example', null],
    ['?next=javascript:alert(1)', null],
  ])('%s → %s', (search, out) => expect(nextPath(search)).toBe(out));
});
