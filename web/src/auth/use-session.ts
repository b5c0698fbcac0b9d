// The page's session: asks /api/auth/me once at load (signed in, or the sign-in screen), takes the
// answer of a sign-in, signs out, and goes back to the sign-in screen whenever a data request answers
// 401 (the session expired or was ended). Each change forgets what the previous account could see,
// sets the CSRF token every state-changing request sends, and the unit a URL without one opens. A
// share link opened without a session comes back as /?next=/s/<id>: after signing in, it opens.
import { useCallback, useEffect, useRef, useState } from 'react';
import { fetchMe, logout, type Me } from '../api/auth.ts';
import { setCsrfToken, setUnauthorizedHandler } from '../api/client.ts';
import { resetSessionData } from '../app/data.ts';
import { nextPath, setHomeUnit } from '../state/view-state.ts';
import { homeUnitOf } from './session.ts';

export type SignedOutNotice = 'expired' | 'signed_out';

export type SessionState =
  | { status: 'checking' }
  | { status: 'failed'; error: Error }
  | { status: 'signed-out'; notice?: SignedOutNotice }
  | { status: 'signed-in'; me: Me };

export interface SessionControl {
  state: SessionState;
  signedIn: (me: Me) => void;
  signOut: () => Promise<void>;
  retry: () => void;
}

/** `changed` runs after every change of account (the app reads its URL again). */
export function useSessionState(changed: () => void): SessionControl {
  const [state, setState] = useState<SessionState>({ status: 'checking' });
  const [attempt, setAttempt] = useState(0);
  /** the state as of now, before React renders it (several requests may fail in the same tick) */
  const now = useRef<SessionState>(state);

  const apply = useCallback(
    (me: Me | null, notice?: SignedOutNotice) => {
      resetSessionData();
      setCsrfToken(me?.csrf_token ?? '');
      setHomeUnit(me ? homeUnitOf(me) : '');
      now.current = me ? { status: 'signed-in', me } : { status: 'signed-out', notice };
      setState(now.current);
      changed();
    },
    [changed],
  );

  useEffect(() => {
    let live = true;
    fetchMe().then(
      (me) => {
        if (!live) return;
        // signed in already, on the way back to a share link: go there
        const next = nextPath(window.location.search);
        if (me && next) return window.location.replace(next);
        apply(me);
      },
      (error: unknown) =>
        live && setState({ status: 'failed', error: error instanceof Error ? error : new Error(String(error)) }),
    );
    return () => {
      live = false;
    };
  }, [apply, attempt]);

  useEffect(() => {
    // Several requests may fail at once: the first one signs the page out, the others find it done.
    setUnauthorizedHandler(() => {
      if (now.current.status === 'signed-in') apply(null, 'expired');
    });
    return () => setUnauthorizedHandler(null);
  }, [apply]);

  const signOut = useCallback(async () => {
    try {
      await logout();
    } finally {
      apply(null, 'signed_out');
    }
  }, [apply]);

  return {
    state,
    signedIn: useCallback(
      (me: Me) => {
        // a share link (/s/<id>) is the server's page: a full load, with the new session's cookie
        const next = nextPath(window.location.search);
        if (next) window.location.assign(next);
        else apply(me);
      },
      [apply],
    ),
    signOut,
    retry: () => {
      now.current = { status: 'checking' };
      setState(now.current);
      setAttempt((a) => a + 1);
    },
  };
}
