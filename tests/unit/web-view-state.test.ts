// View state ↔ URL: every state survives a round trip, defaults stay out of the link, bad input falls back. The
// filters are exactly the registry's; the unit a link without one opens is the signed-in account's, from its
// session and the unit tree, and the app writes no unit of its own.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Me } from '../../web/src/api/auth.ts';
import type { UnitNode } from '../../web/src/api/client.ts';
import { homeUnitOf } from '../../web/src/auth/session.ts';
import { FILTER_NAMES } from '../../server/registry/index.ts';
import {
  DEFAULT_STATE,
  explicitPath,
  nextPath,
  parseView,
  setHomeUnit,
  viewUrl,
  withLang,
  type ViewState,
} from '../../web/src/state/view-state.ts';

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
    [
      'procedures with filters',
      s({
        screen: 'procedures',
        from: '2023-01',
        to: '2024-12',
        grain: 'quarter',
        filters: { channel: 'online', field: 'ho_tich', procedure_level: 'commune' },
      }),
    ],
    [
      'population with filters',
      s({
        screen: 'population',
        grain: 'year',
        filters: { sex: 'F', age_min: '15', age_max: '49', residence: 'permanent' },
      }),
    ],
    ['overview ranked', s({ indicator: 'pct_work_dossiers_online', unit: '10606', lang: 'en' })],
    ['procedure code with spaces', s({ screen: 'procedures', filters: { procedure: '1.001 & khai sinh' } })],
    ['forecast scenario', s({ screen: 'forecast', unit: '10633', scenario: 'low' })],
    ['forecast controls', s({ screen: 'forecast', scenario: 'high', tfr: 1.85, e0: 77.5, mig: -1.2 })],
    ['766 index, a quarter', s({ screen: 'index766', unit: '291', grain: 'quarter', to: '2026-06' })],
  ])('%s', (_name, state) => {
    expect(roundTrip(state)).toEqual(state);
  });

  it.each([
    ['/', '', s({})],
    ['/nowhere', '?unit=10633', s({ unit: '10633' })],
    [
      '/map/',
      '?from=2024-13&to=2024-02&grain=week&classes=x&at=2025-1-1&lang=fr&layer=moon',
      s({ screen: 'map', to: '2024-02' }),
    ],
    ['/forecast', '?scenario=extreme&tfr=9&e0=abc&mig=', s({ screen: 'forecast' })],
    ['/forecast', '?tfr=1.5&e0=80&mig=-2.5', s({ screen: 'forecast', tfr: 1.5, e0: 80, mig: -2.5 })],
    ['/index766', '?grain=year&to=2025-12', s({ screen: 'index766', grain: 'year', to: '2025-12' })],
  ])('parses %s%s with fallbacks', (path, search, expected) => {
    expect(parseView(path, search)).toEqual(expected);
  });

  it('keeps defaults out of the link', () => {
    expect(viewUrl(s({}))).toBe('/');
    expect(viewUrl(s({ screen: 'map', lang: 'en' }))).toBe('/map?lang=en');
  });
});

// Issue 17: the Overview's sort and filters live in its URL; a value that is not one of them opens the default
// triage view, and other screens' links leave them out.
describe('the Overview’s sort and filters', () => {
  it.each<[string, ViewState]>([
    ['sorted by deadline', s({ sort: 'deadline' })],
    ['at risk only', s({ status: 'at_risk' })],
    ['one group, one deadline year, by status', s({ sort: 'status', group: 'cong_dan_so', due: '2030' })],
    [
      'all four with a unit and English',
      s({ unit: '10606', sort: 'group', status: 'missed', group: 'tthc', due: '2025', lang: 'en' }),
    ],
  ])('%s survives a round trip', (_name, state) => {
    expect(roundTrip(state)).toEqual(state);
  });

  it('writes exactly the parameters chosen', () => {
    expect(viewUrl(s({ sort: 'deadline', status: 'at_risk' }))).toBe('/?sort=deadline&status=at_risk');
    expect(viewUrl(s({ group: 'du_lieu', due: '2022' }))).toBe('/?group=du_lieu&due=2022');
  });

  it.each([
    ['?sort=triage', s({})],
    ['?sort=random&status=late&group=Nh%C3%B3m%201&due=30', s({})],
    ['?sort=DEADLINE&status=At_Risk&group=1tthc&due=2030-12', s({})],
    ['?status=&group=&due=&sort=', s({})],
    ['?sort=status&status=nope', s({ sort: 'status' })],
    ['?status=suppressed&due=2030&group=x', s({ status: 'suppressed', due: '2030', group: 'x' })],
  ])('%s falls back to the default triage view where a value is bad', (search, expected) => {
    expect(parseView('/', search)).toEqual(expected);
  });

  it('other screens neither read nor write them', () => {
    expect(parseView('/targets', '?sort=deadline&status=at_risk&group=tthc&due=2030')).toEqual(
      s({ screen: 'targets' }),
    );
    expect(viewUrl(s({ screen: 'targets', target: 'A18', sort: 'deadline', status: 'at_risk', group: 'tthc' }))).toBe(
      '/targets?target=A18',
    );
  });
});

// The filters a link carries are the registry's (server/registry/filter-defs.ts), all of them and nothing else.
describe('filters', () => {
  it('a link reads exactly the registry’s filters', () => {
    const search = new URLSearchParams([...FILTER_NAMES.map((k) => [k, `v_${k}`]), ['gender', 'F'], ['age', '15']]);
    const { filters } = parseView('/population', `?${search}`);
    expect(Object.keys(filters)).toEqual(FILTER_NAMES);
    const written = new URLSearchParams(FILTER_NAMES.map((k) => [k, `v_${k}`]));
    expect(viewUrl(s({ screen: 'population', filters }))).toBe(`/population?${written}`);
  });
});

// The units below stand for /api/units as accounts see it; the codes are made up, so a unit written in the app
// could not pass. A URL without `unit` means the signed-in account's own unit: a commune leader lands on their commune.
const node = (unit_id: string, level: UnitNode['level'], children: UnitNode[] = []) =>
  ({ unit_id, level, children }) as unknown as UnitNode;
const TREE = node('P7', 'province', [node('D7', 'district', [node('C71', 'commune'), node('C72', 'commune')])]);
const [DISTRICT] = TREE.children;
const [COMMUNE] = DISTRICT.children;
/** /api/auth/me of an account bound to `unit`: it sees the unit and its children, and the unit above as totals. */
const account = (unit: UnitNode, above?: UnitNode): Me => {
  const seen = (u: UnitNode, totals_only: boolean) => ({
    unit_id: u.unit_id,
    name: u.unit_id,
    level: u.level,
    totals_only,
  });
  return {
    account: {
      username: 'u',
      display_name: 'U',
      role: 'leader',
      unit_id: unit.unit_id,
      unit_name: unit.unit_id,
      active: true,
      demo: false,
      created_at: '',
      updated_at: '',
    },
    csrf_token: 't',
    expires_at: '',
    can: ['read'],
    units: [...(above ? [seen(above, true)] : []), ...[unit, ...unit.children].map((u) => seen(u, false))],
  };
};

describe('the home unit', () => {
  afterEach(() => setHomeUnit(''));

  it('the app has no unit of its own: before sign-in a view has none, and links do not invent one', () => {
    expect(DEFAULT_STATE.unit).toBe('');
    expect(parseView('/targets', '').unit).toBe('');
    expect(viewUrl(s({ screen: 'targets' }))).toBe('/targets');
    expect(explicitPath('/targets', '?lang=en')).toBe('/targets?lang=en');
  });

  it.each<[string, Me, UnitNode]>([
    ['a commune leader', account(COMMUNE, DISTRICT), DISTRICT],
    ['a district officer', account(DISTRICT, TREE), TREE],
    ['a province officer', account(TREE), DISTRICT],
  ])('%s: a URL without a unit opens the account’s unit, which stays out of links', (_name, me, other) => {
    setHomeUnit(homeUnitOf(me));
    expect(parseView('/targets', '').unit).toBe(me.account.unit_id);
    expect(viewUrl(s({ screen: 'targets', unit: me.account.unit_id }))).toBe('/targets');
    // Another unit (the one above, seen as totals, or one below) is written out: it would read back as the account's.
    expect(viewUrl(s({ screen: 'targets', unit: other.unit_id }))).toBe(`/targets?unit=${other.unit_id}`);
    expect(parseView('/targets', `?unit=${other.unit_id}`).unit).toBe(other.unit_id);
  });

  it.each([
    ['/targets', '', `/targets?unit=${COMMUNE.unit_id}`],
    ['/map', '?indicator=births&lang=en', `/map?unit=${COMMUNE.unit_id}&indicator=births&lang=en`],
    ['/map', `?unit=${DISTRICT.unit_id}&indicator=births`, `/map?unit=${DISTRICT.unit_id}&indicator=births`],
    ['/admin/audit', '?action=denied', '/admin/audit?action=denied'],
  ])('links that leave the page carry the unit: %s%s → %s', (path, search, out) => {
    setHomeUnit(homeUnitOf(account(COMMUNE, DISTRICT)));
    expect(explicitPath(path, search)).toBe(out);
  });
});

// No unit code in the web app: units come from /api/units and the session. A quoted number of two or more
// digits outside comments (the form of a unit code: '291', "30") fails here, with the file and the line.
describe('no unit code is written in web/src', () => {
  const root = resolve(import.meta.dirname, '../../web/src');
  const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => /\.tsx?$/.test(f));

  it(`none in ${files.length} files`, () => {
    expect(files.length).toBeGreaterThan(50);
    const hits = files.flatMap((file) => {
      const text = readFileSync(join(root, file), 'utf8');
      // comments out, their line breaks kept so that line numbers stay right
      const code = text.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, '')).replace(/(^|[^:])\/\/.*$/gm, '$1');
      const quotedNumber = /(['"`])\d{2,}\1/;
      return code
        .split('\n')
        .flatMap((line, n) => (quotedNumber.test(line) ? [`${file}:${n + 1}: ${line.trim()}`] : []));
    });
    expect(hits).toEqual([]);
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
