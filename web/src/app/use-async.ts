// A small data hook: runs an async loader when its key changes and keeps loading / error / data;
// a newer key wins over a late answer for an older one.
import { useEffect, useState } from 'react';

export type Async<T> = { status: 'loading' } | { status: 'error'; error: Error } | { status: 'ready'; data: T };

export function useAsync<T>(load: () => Promise<T>, key: string): Async<T> & { retry: () => void } {
  const [state, setState] = useState<Async<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    setState({ status: 'loading' });
    load().then(
      (data) => live && setState({ status: 'ready', data }),
      (error: unknown) => live && setState({ status: 'error', error: error instanceof Error ? error : new Error(String(error)) }),
    );
    return () => {
      live = false;
    };
  }, [key, attempt]);
  return { ...state, retry: () => setAttempt((a) => a + 1) };
}
