// Routing from the URL: the view state is read from location, every change is pushed with
// history.pushState, and Back/Forward (popstate) bring the earlier view back.
import { useCallback, useEffect, useState } from 'react';
import { parseView, viewUrl, type ViewState } from '../state/view-state.ts';

export interface Route {
  /** /wall is the rotating wall screen; every other path is a screen of the app */
  wall: boolean;
  state: ViewState;
  search: string;
}

export const readRoute = (): Route => ({
  wall: /^\/wall\/?$/.test(window.location.pathname),
  state: parseView(window.location.pathname, window.location.search),
  search: window.location.search,
});

export function useRoute(): { route: Route; update: (patch: Partial<ViewState>) => void; navigate: (url: string) => void } {
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

  return { route, update, navigate };
}

/** A link's click handled in the app (no reload); modified clicks keep the browser's behaviour. */
export function isPlainClick(e: { button: number; metaKey: boolean; ctrlKey: boolean; shiftKey: boolean; altKey: boolean }): boolean {
  return e.button === 0 && !e.metaKey && !e.ctrlKey && !e.shiftKey && !e.altKey;
}
