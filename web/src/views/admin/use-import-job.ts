// The import shown on the import screen, followed while the server works on it (imports-api.ts
// followImport: every ~500 ms while validating or loading, then it stops).
import { useEffect, useState } from 'react';
import { followImport, type ImportJob } from './imports-api.ts';

interface Followed {
  id: string;
  job: ImportJob | null;
  error: Error | null;
}

export interface ImportJobState {
  job: ImportJob | null;
  error: Error | null;
  /** shows an answer of an action at once (commit, undo) and follows the import again */
  update: (job: ImportJob) => void;
  /** reads the import again (after a failed read) */
  retry: () => void;
}

export function useImportJob(id: string | undefined): ImportJobState {
  const [state, setState] = useState<Followed | null>(null);
  const [round, setRound] = useState(0);
  useEffect(() => {
    if (!id) return;
    const stop = new AbortController();
    followImport(id, (job) => setState({ id, job, error: null }), { signal: stop.signal }).catch((err: unknown) => {
      if (stop.signal.aborted) return;
      const error = err instanceof Error ? err : new Error(String(err));
      setState((s) => ({ id, job: s?.id === id ? s.job : null, error }));
    });
    return () => stop.abort();
  }, [id, round]);
  const shown = state && state.id === id ? state : null;
  return {
    job: shown?.job ?? null,
    error: shown?.error ?? null,
    update: (job) => {
      setState({ id: job.id, job, error: null });
      setRound((r) => r + 1);
    },
    retry: () => setRound((r) => r + 1),
  };
}
