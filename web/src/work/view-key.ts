// The key of a view's exact state, for comments (GET /api/comments?view=…) and for the view a directive was issued
// from: the web app's query string with the screen and the unit always written out, then what changes the numbers
// shown (indicator, target, period, grain, day of the units, filters), in the server's canonical order
// (server/work/view-key.ts), which reads any spelling. Pure; tests/unit/web-work-view.test.ts.
import { FILTER_NAMES } from '../../../server/registry/filter-defs.ts';
import { homeUnit, parseView, type ViewState } from '../state/view-state.ts';

/** The view's key: `screen=targets&unit=10633&target=T05` (language, sort and layout choices left out). */
export function viewKey(state: ViewState, home: string = homeUnit()): string {
  const q = new URLSearchParams();
  q.set('screen', state.screen);
  q.set('unit', state.unit || home);
  if (state.indicator) q.set('indicator', state.indicator);
  if (state.target) q.set('target', state.target);
  if (state.from) q.set('from', state.from);
  if (state.to) q.set('to', state.to);
  // the 766 index reads its period by month, quarter or year: a different grain is a different number
  if (state.grain !== 'month') q.set('by', state.grain);
  if (state.at) q.set('at', state.at);
  for (const k of FILTER_NAMES) if (state.filters[k]) q.set(k, state.filters[k]);
  return q.toString();
}

/** The key of the view at a path and query string (the page's location). */
export const viewKeyOf = (pathname: string, search: string, home: string = homeUnit()): string =>
  viewKey(parseView(pathname, search), home);

/** The app's link back to a keyed view: `/targets?unit=10633&target=T05`. */
export function viewLink(key: string): string {
  const q = new URLSearchParams(key);
  const screen = q.get('screen') ?? 'overview';
  q.delete('screen');
  const grain = q.get('by');
  if (grain) {
    q.delete('by');
    q.set('grain', grain);
  }
  const qs = q.toString();
  return `/${screen === 'overview' ? '' : screen}${qs ? `?${qs}` : ''}`;
}
