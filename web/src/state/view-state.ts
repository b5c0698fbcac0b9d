// The view state of every screen (screen, unit, period, indicator, filters, language) and its
// URL form: a copied link reopens the same view. A URL without `unit` means the signed-in account's
// own unit (setHomeUnit, called at sign-in): no unit is written here. The filters are the registry's
// (server/registry/filter-defs.ts). Pure but for the home unit; tests/unit/web-view-state.test.ts.
import { FILTER_NAMES, type FilterName } from '../../../server/registry/filter-defs.ts';

export const SCREENS = [
  'overview',
  'map',
  'targets',
  'procedures',
  'index766',
  'population',
  'forecast',
  'tasks',
  'briefs',
  'catalog',
] as const;
export type Screen = (typeof SCREENS)[number];
export type Lang = 'vi' | 'en';
export type Grain = 'month' | 'quarter' | 'year';

export type FilterKey = FilterName;

/** Overview: how the tiles are ordered inside each triage group; 'triage' (most urgent first) is the default. */
export const TILE_SORTS = ['triage', 'deadline', 'status', 'group'] as const;
export type TileSort = (typeof TILE_SORTS)[number];
/** Overview: the statuses a leader can filter the tiles on. */
export const TILE_STATUSES = ['at_risk', 'on_track', 'met', 'missed', 'no_data', 'suppressed'] as const;
export type TileStatus = (typeof TILE_STATUSES)[number];

export interface ViewState {
  screen: Screen;
  /** unit_id of /api/units (a commune, a district…); '' until the account's own unit is known */
  unit: string;
  /** YYYY-MM, both optional: the server's defaults are the whole range (the 766 index: `to` is its period's month) */
  from?: string;
  to?: string;
  /** the 766 index's period: the month, quarter or year that holds `to` */
  grain: Grain;
  /** indicator id for the map, charts and rankings */
  indicator?: string;
  /** a target id opened in the Targets screen */
  target?: string;
  filters: Partial<Record<FilterKey, string>>;
  lang: Lang;
  /** map: classification method and class count */
  classes?: 'quantile' | 'equal' | 'jenks';
  /** map: units valid on a day (YYYY-MM-DD) instead of the plan's base units */
  at?: string;
  /** map: which boundaries (default communes) */
  layer?: 'district' | 'country';
  /** forecast: the scenario, and user-set controls that override it */
  scenario?: 'low' | 'medium' | 'high';
  tfr?: number;
  e0?: number;
  /** forecast: net migration, per 1,000 people a year */
  mig?: number;
  /** overview: the tiles' order inside each triage group (absent: most urgent first) */
  sort?: Exclude<TileSort, 'triage'>;
  /** overview: only the targets of this status, group (target_group, e.g. tthc) or deadline year (YYYY) */
  status?: TileStatus;
  group?: string;
  due?: string;
}

/** A number from the URL within [lo, hi], or undefined. */
function numberIn(text: string | null, lo: number, hi: number): number | undefined {
  if (text === null || text.trim() === '') return undefined;
  const v = Number(text);
  return Number.isFinite(v) && v >= lo && v <= hi ? v : undefined;
}

/** A view of the home unit, whatever it is: `unit` is '' until setHomeUnit (the account's unit, at sign-in). */
export const DEFAULT_STATE: ViewState = { screen: 'overview', unit: '', grain: 'month', filters: {}, lang: 'vi' };

let home = DEFAULT_STATE.unit;
/** The unit a URL without `unit` opens: the account's own (a commune leader lands on their commune). */
export function setHomeUnit(unit: string): void {
  home = unit;
}
export const homeUnit = (): string => home;

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const GROUP = /^[a-z][a-z0-9_]{0,31}$/;
const YEAR = /^(19|20|21)\d{2}$/;

/** The Overview's sort and filters from the query; a value that is not one of them is left out (the default view). */
function tileChoice(q: URLSearchParams): Pick<ViewState, 'sort' | 'status' | 'group' | 'due'> {
  const [sort, status, group, due] = ['sort', 'status', 'group', 'due'].map((k) => q.get(k) ?? '');
  return {
    sort:
      sort !== 'triage' && (TILE_SORTS as readonly string[]).includes(sort) ? (sort as ViewState['sort']) : undefined,
    status: (TILE_STATUSES as readonly string[]).includes(status) ? (status as TileStatus) : undefined,
    group: GROUP.test(group) ? group : undefined,
    due: YEAR.test(due) ? due : undefined,
  };
}

/** Reads a view from a path and query string such as `/map?unit=10633&indicator=population`. */
export function parseView(pathname: string, search: string): ViewState {
  const q = new URLSearchParams(search);
  const segment = pathname.replace(/^\/+|\/+$/g, '').split('/')[0] as Screen;
  const filters: ViewState['filters'] = {};
  for (const k of FILTER_NAMES) {
    const v = q.get(k);
    if (v) filters[k] = v;
  }
  const grain = q.get('grain');
  const classes = q.get('classes');
  const from = q.get('from') ?? undefined;
  const to = q.get('to') ?? undefined;
  const at = q.get('at') ?? undefined;
  const layer = q.get('layer');
  const scenario = q.get('scenario');
  const screen = (SCREENS as readonly string[]).includes(segment) ? segment : DEFAULT_STATE.screen;
  const tiles = screen === 'overview' ? tileChoice(q) : {};
  return {
    screen,
    unit: q.get('unit') || home,
    from: from && MONTH.test(from) ? from : undefined,
    to: to && MONTH.test(to) ? to : undefined,
    grain: grain === 'quarter' || grain === 'year' ? grain : 'month',
    indicator: q.get('indicator') || undefined,
    target: q.get('target') || undefined,
    filters,
    lang: q.get('lang') === 'en' ? 'en' : 'vi',
    classes: classes === 'quantile' || classes === 'equal' || classes === 'jenks' ? classes : undefined,
    at: at && DAY.test(at) ? at : undefined,
    layer: layer === 'district' || layer === 'country' ? layer : undefined,
    scenario: scenario === 'low' || scenario === 'medium' || scenario === 'high' ? scenario : undefined,
    tfr: numberIn(q.get('tfr'), 0.5, 6),
    e0: numberIn(q.get('e0'), 40, 95),
    mig: numberIn(q.get('mig'), -50, 50),
    ...tiles,
  };
}

/** The URL of a view; default values are left out so links stay short. */
export function viewUrl(state: ViewState): string {
  const q = new URLSearchParams();
  if (state.unit !== home) q.set('unit', state.unit);
  if (state.from) q.set('from', state.from);
  if (state.to) q.set('to', state.to);
  if (state.grain !== 'month') q.set('grain', state.grain);
  if (state.indicator) q.set('indicator', state.indicator);
  if (state.target) q.set('target', state.target);
  for (const k of FILTER_NAMES) if (state.filters[k]) q.set(k, state.filters[k]);
  if (state.classes) q.set('classes', state.classes);
  if (state.at) q.set('at', state.at);
  if (state.layer) q.set('layer', state.layer);
  if (state.scenario) q.set('scenario', state.scenario);
  if (state.tfr !== undefined) q.set('tfr', String(state.tfr));
  if (state.e0 !== undefined) q.set('e0', String(state.e0));
  if (state.mig !== undefined) q.set('mig', String(state.mig));
  if (state.screen === 'overview') {
    // the Overview's own choices: other screens' links leave them out
    for (const k of ['sort', 'status', 'group', 'due'] as const) if (state[k]) q.set(k, state[k]);
  }
  if (state.lang !== 'vi') q.set('lang', state.lang);
  const qs = q.toString();
  return `/${state.screen === 'overview' ? '' : state.screen}${qs ? `?${qs}` : ''}`;
}

/**
 * A view's path with its unit written out, for links that leave this page (copied links, the
 * server's PDF/PNG renderer, snapshots): they open the same unit whoever opens them.
 */
export function explicitPath(pathname: string, search: string): string {
  const q = new URLSearchParams(search);
  if (q.get('unit') || !home || /^\/admin(\/|$)/.test(pathname)) return `${pathname}${search}`;
  const out = new URLSearchParams([['unit', home], ...q.entries()]);
  return `${pathname}?${out}`;
}

/** The same path in another language (any page, /wall and /admin too): only `lang` changes. */
export function withLang(pathname: string, search: string, lang: Lang): string {
  const q = new URLSearchParams(search);
  if (lang === 'en') q.set('lang', 'en');
  else q.delete('lang');
  // commas kept readable, as in the wall's links (app/wall.ts)
  const qs = q.toString().replace(/%2C/g, ',');
  return `${pathname}${qs ? `?${qs}` : ''}`;
}

/**
 * Where to go after signing in when the server sent the visitor to sign in first (`?next=/s/<id>`,
 * a share link opened without a session): a path of this site only, never another origin.
 */
export function nextPath(search: string): string | null {
  const next = new URLSearchParams(search).get('next');
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.includes('\\')) return null;
  const url = new URL(next, 'http://app.invalid');
  return url.origin === 'http://app.invalid' ? `${url.pathname}${url.search}` : null;
}
