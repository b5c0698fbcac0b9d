// A small data hook: runs an async loader when its key changes and keeps loading / error / data;
// a newer key wins over a late answer for an older one. A change of `refresh` alone (a live
// version: the data changed on the server) loads again quietly: the shown data stay until the new
// answer replaces them in place, with no loading state, and a failed refresh keeps them.
import { useEffect, useEffectEvent, useRef, useState } from 'react';

export type Async<T> = { status: 'loading' } | { status: 'error'; error: Error } | { status: 'ready'; data: T };

export function useAsync<T>(load: () => Promise<T>, key: string, refresh = ''): Async<T> & { retry: () => void } {
  const [state, setState] = useState<Async<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  /** the key whose data are shown */
  const shown = useRef<string | null>(null);
  // the loader of the latest render, not a reason to load again: `key` says when
  const run = useEffectEvent(load);
  useEffect(() => {
    let live = true;
    const quiet = shown.current === key;
    if (!quiet) setState({ status: 'loading' });
    run().then(
      (data) => {
        if (!live) return;
        shown.current = key;
        setState({ status: 'ready', data });
      },
      (error: unknown) => {
        if (!live || quiet) return;
        shown.current = null;
        setState({ status: 'error', error: error instanceof Error ? error : new Error(String(error)) });
      },
    );
    return () => {
      live = false;
    };
  }, [key, refresh, attempt]);
  return {
    ...state,
    retry: () => {
      shown.current = null;
      setAttempt((a) => a + 1);
    },
  };
}
