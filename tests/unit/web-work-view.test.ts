// The key of a view's exact state (web/src/work/view-key.ts): the screen and the unit always written out, the numbers'
// parameters in the server's canonical order, language and layout choices left out. The expected keys are written
// here by hand; each is also read by the server's own parser (server/work/view-key.ts) and comes back unchanged, so the
// browser asks for comments under the very key the server files them under.
import { describe, expect, it } from 'vitest';
import { parseViewKey } from '../../server/work/view-key.ts';
import { DEFAULT_STATE, parseView, type ViewState } from '../../web/src/state/view-state.ts';
import { viewKey, viewKeyOf, viewLink } from '../../web/src/work/view-key.ts';

const s = (patch: Partial<ViewState>): ViewState => ({ ...DEFAULT_STATE, filters: {}, ...patch });

const CASES: [string, ViewState, string][] = [
  ['the Overview of the home unit', s({ screen: 'overview', unit: '' }), 'screen=overview&unit=10633'],
  ['another unit', s({ screen: 'overview', unit: '291' }), 'screen=overview&unit=291'],
  [
    'a target, in English, sorted: language and sort left out',
    s({ screen: 'targets', unit: '10633', target: 'T05', lang: 'en', sort: 'status' }),
    'screen=targets&unit=10633&target=T05',
  ],
  [
    'a map with its period, day and classes (classes left out)',
    s({
      screen: 'map',
      unit: '10633',
      indicator: 'pct_vneid_level2',
      from: '2025-01',
      to: '2025-06',
      at: '2025-07-01',
      classes: 'jenks',
    }),
    'screen=map&unit=10633&indicator=pct_vneid_level2&from=2025-01&to=2025-06&at=2025-07-01',
  ],
  [
    'the 766 index by quarter',
    s({ screen: 'index766', unit: '291', grain: 'quarter', to: '2025-06' }),
    'screen=index766&unit=291&to=2025-06&by=quarter',
  ],
  [
    'filters after the rest',
    s({ screen: 'population', unit: '10633', indicator: 'births', filters: { sex: 'F' } }),
    'screen=population&unit=10633&indicator=births&sex=F',
  ],
];

describe('viewKey', () => {
  it.each(CASES)('%s', (_, state, key) => {
    expect(viewKey(state, '10633')).toBe(key);
  });

  it.each(CASES)('the server reads %s as the same key', (_, state, key) => {
    expect(parseViewKey(viewKey(state, '10633')).key).toBe(key);
  });

  it("reads the page's location: a URL without a unit is the home unit's view", () => {
    expect(viewKeyOf('/targets', '?target=T05&lang=en', '10633')).toBe('screen=targets&unit=10633&target=T05');
    expect(viewKeyOf('/', '', '291')).toBe('screen=overview&unit=291');
  });
});

describe('viewLink', () => {
  it.each([
    ['screen=overview&unit=291', '/?unit=291'],
    ['screen=targets&unit=10633&target=T05', '/targets?unit=10633&target=T05'],
    ['screen=index766&unit=291&to=2025-06&by=quarter', '/index766?unit=291&to=2025-06&grain=quarter'],
  ])('%s → %s', (key, link) => {
    expect(viewLink(key)).toBe(link);
  });

  it('a link opens the same view again', () => {
    for (const [, state] of CASES) {
      const key = viewKey(state, '10633');
      const url = new URL(viewLink(key), 'http://x');
      expect(viewKey(parseView(url.pathname, url.search), '10633')).toBe(key);
    }
  });
});
