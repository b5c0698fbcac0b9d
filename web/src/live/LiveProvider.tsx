// The app's one link to live data (mounted in App, on /wall too), kept in a small store that
// components read through hooks: the link's state and time (LiveStatus), a version per scope that
// screens pass to useAsync so they refetch in place, and the last changes and alerts (the feed).
import { createContext, useContext, useEffect, useState, useSyncExternalStore, type ReactNode } from 'react';
import { fetchMe } from '../api/auth.ts';
import { signalUnauthorized } from '../api/client.ts';
import { indicators, resetSessionData, units } from '../app/data.ts';
import { connectLive } from './live-connection.ts';
import type { LiveMessage } from './live-message.ts';
import { REACH_UNKNOWN, reachOf, type Reach } from './live-reach.ts';
import {
  applyConnection,
  applyMessages,
  applyReset,
  initialLive,
  scopeVersion,
  type LiveScope,
  type LiveState,
} from './live-store.ts';
import { throttle } from './throttle.ts';

export const LIVE_URL = '/api/live';
/** At most one batch of updates, and so one refetch per screen, per this many ms. */
export const LIVE_THROTTLE_MS = 1500;

class LiveStore {
  state: LiveState = initialLive();
  reach: Reach = REACH_UNKNOWN;
  names = new Map<string, string>();
  domains = new Map<string, string>();
  domainOf = (indicator: string) => this.domains.get(indicator) ?? null;
  private learning: Promise<void> | null = null;
  private listeners = new Set<() => void>();
  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  };
  set(next: LiveState) {
    if (next === this.state) return;
    this.state = next;
    for (const l of this.listeners) l();
  }
  /** The unit tree (which screens a change reaches, the names in the feed) and the indicators' domains. */
  learn() {
    if (this.learning) return;
    this.learning = Promise.all([units(), indicators()]).then(
      ([tree, catalogue]) => {
        this.reach = reachOf(tree.units);
        const walk = (n: (typeof tree.units)[number]) => {
          this.names.set(n.unit_id, n.name);
          n.children.forEach(walk);
        };
        tree.units.forEach(walk);
        for (const m of catalogue.indicators) this.domains.set(m.id, m.domain);
        this.set({ ...this.state }); // the feed can now name its units
      },
      () => {
        this.learning = null; // tried again at the next (re)connection
      },
    );
  }
}

const LiveContext = createContext<LiveStore | null>(null);
/** Without a provider (a screen rendered alone), a store that never changes. */
const STILL = new LiveStore();

export function LiveProvider({ children, url = LIVE_URL }: { children: ReactNode; url?: string }) {
  const [store] = useState(() => new LiveStore());
  useEffect(() => {
    let pending: LiveMessage[] = [];
    let reset = false;
    const flush = throttle(() => {
      const [batch, wasReset] = [pending, reset];
      pending = [];
      reset = false;
      const base = wasReset ? applyReset(store.state, new Date().toISOString()) : store.state;
      store.set(applyMessages(base, batch, store.reach, Date.now(), store.domainOf));
    }, LIVE_THROTTLE_MS);
    /** the session was checked since the link went down */
    let checked = false;
    const stop = connectLive(url, {
      onConnection: (connection) => {
        store.set(applyConnection(store.state, connection, new Date().toISOString()));
        if (connection === 'live') {
          checked = false;
          store.learn();
        } else if (connection === 'down' && !checked) {
          // The link may have failed because the session ended (a wall screen asks nothing else):
          // then the page goes back to its sign-in screen.
          checked = true;
          fetchMe().then(
            (me) => me || signalUnauthorized(),
            () => undefined,
          );
        }
      },
      onMessage: (message) => {
        pending.push(message);
        flush.trigger();
      },
      onReset: () => {
        // data changed wholesale (an import, its undo) or unknown (a restart): the shared catalogues too
        // (units, indicators, boundaries) are asked again by whoever needs them next
        resetSessionData();
        reset = true;
        flush.trigger();
      },
    });
    return () => {
      stop();
      flush.cancel();
    };
  }, [store, url]);
  return <LiveContext.Provider value={store}>{children}</LiveContext.Provider>;
}

const useStore = () => useContext(LiveContext) ?? STILL;

/** A part of the live state; the component renders again only when that part changes. */
export function useLiveState<T>(select: (s: LiveState) => T): T {
  const store = useStore();
  return useSyncExternalStore(store.subscribe, () => select(store.state));
}

/**
 * The version of what a screen shows, to add to its data keys (useAsync's `refresh`): it changes
 * when a change reaches these indicators of these units, or on a reset; otherwise it stays.
 */
export function useLiveVersion(scope: LiveScope = {}): string {
  return useLiveState((s) => scopeVersion(s, scope));
}

/** Which screens a unit's change reaches, and unit names (both known once the unit tree is loaded). */
export function useLiveUnits(): { reach: Reach; name: (unit: string) => string } {
  const store = useStore();
  return { reach: (u) => store.reach(u), name: (u) => store.names.get(u) ?? u };
}
