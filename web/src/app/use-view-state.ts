// Routing from the URL: the view state is read from location, every change is pushed with
// history.pushState, and Back/Forward (popstate) bring the earlier view back. /admin/… paths are the
// admin screens (state/admin-state.ts); every other path is a screen of state/view-state.ts.
import { useCallback, useEffect, useState } from 'react';
import { parseAdmin, type AdminView } from '../state/admin-state.ts';
import { parseView, viewUrl, type ViewState } from '../state/view-state.ts';
import { WALL_PATH } from './screen-paths.ts';

export interface Route {
  /** /wall is the rotating wall screen; every other path is a screen of the app */
  wall: boolean;
  /** an admin screen, or null */
  admin: AdminView | null;
  state: ViewState;
  search: string;
}

const readRoute = (): Route => ({
  wall: window.location.pathname === WALL_PATH || window.location.pathname === `${WALL_PATH}/`,
  admin: parseAdmin(window.location.pathname, window.location.search),
  state: parseView(window.location.pathname, window.location.search),
  search: window.location.search,
});

export function useRoute(): {
  route: Route;
  update: (patch: Partial<ViewState>) => void;
  navigate: (url: string) => void;
  reread: () => void;
} {
  const [route, setRoute] = useState<Route>(readRoute);

  useEffect(() => {
    const onPop = () => setRoute(readRoute());
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);

  const navigate = useCallback((url: string) => {
    if (url !== window.location.pathname + window.location.search) window.history.pushState(null, '', url);
    setRoute(readRoute());
  }, []);

  const update = useCallback(
    (patch: Partial<ViewState>) => {
      const current = parseView(window.location.pathname, window.location.search);
      navigate(viewUrl({ ...current, ...patch, filters: { ...current.filters, ...(patch.filters ?? {}) } }));
    },
    [navigate],
  );

  /** reads the URL again (e.g. after sign-in, when a URL without a unit now means the account's own) */
  const reread = useCallback(() => setRoute(readRoute()), []);

  return { route, update, navigate, reread };
}

/** A link's click handled in the app (no reload); modified clicks keep the browser's behaviour. */
export function isPlainClick(e: {
  button: number;
  metaKey: boolean;
  ctrlKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}): boolean {
  return e.button === 0 && !e.metaKey && !e.ctrlKey && !e.shiftKey && !e.altKey;
}
