// The app: the URL (view state), the language and the session. Without a session the sign-in
// screen shows (on /wall too) and the URL stays, so the same view opens after signing in; with one,
// the shell (Shell.tsx) or the wall screen. One live link (LiveProvider) for the signed-in page: both
// branches put it at the same place in the tree, so React keeps it (and its state) when the page goes
// to /wall and back.
import { useEffect, useMemo } from 'react';
import { setApiLanguage } from '../api/client.ts';
import { SessionContext } from '../auth/SessionContext.tsx';
import { SignIn } from '../auth/SignIn.tsx';
import { useSessionState } from '../auth/use-session.ts';
import { ErrorState, LoadingState } from '../components/States.tsx';
import { I18nContext, makeI18n } from '../i18n/index.ts';
import { LiveProvider } from '../live/LiveProvider.tsx';
import { withLang } from '../state/view-state.ts';
import Wall from '../views/Wall.tsx';
import { health } from './data.ts';
import { Shell } from './Shell.tsx';
import { useAsync } from './use-async.ts';
import { useRoute } from './use-view-state.ts';

export function App() {
  const { route, update, navigate, reread } = useRoute();
  const { state } = route;
  const i18n = useMemo(() => makeI18n(state.lang), [state.lang]);
  const status = useAsync(health, 'health');
  const generated = status.status === 'ready' && status.data.generated;
  const session = useSessionState(reread);
  const setLang = (lang: typeof state.lang) =>
    navigate(withLang(window.location.pathname, window.location.search, lang));

  useEffect(() => {
    setApiLanguage(state.lang);
    document.documentElement.lang = state.lang;
  }, [state.lang]);

  const s = session.state;
  const signedIn = s.status === 'signed-in' ? s.me : null;
  const value = useMemo(
    () => (signedIn ? { me: signedIn, signOut: session.signOut } : null),
    [signedIn, session.signOut],
  );
  let page;
  if (s.status === 'checking') {
    page = (
      <main id="main" className="app-main">
        <LoadingState label={i18n.t('auth.checking')} />
      </main>
    );
  } else if (s.status === 'failed') {
    page = (
      <main id="main" className="app-main">
        <ErrorState error={s.error} retry={session.retry} />
      </main>
    );
  } else if (s.status === 'signed-out') {
    page = <SignIn generated={generated} notice={s.notice} onLang={setLang} onSignedIn={session.signedIn} />;
  } else {
    page = (
      <SessionContext.Provider value={value}>
        <LiveProvider>
          {route.wall ? (
            <Wall search={route.search} state={state} generated={generated} />
          ) : (
            <Shell route={route} update={update} navigate={navigate} setLang={setLang} generated={generated} />
          )}
        </LiveProvider>
      </SessionContext.Provider>
    );
  }
  return <I18nContext.Provider value={i18n}>{page}</I18nContext.Provider>;
}
