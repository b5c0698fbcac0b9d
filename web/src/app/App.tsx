// The app shell: header (title, unit of the plan, language), the menu of available screens, the
// generated-data banner, the live link's status and the current screen, all driven by the URL; /wall
// is the wall screen. One live link (LiveProvider) for the page: both branches put it at the same place
// in the tree, so React keeps it (and its state) when the page goes to /wall and back.
import { Suspense, useEffect, useMemo, type MouseEvent } from 'react';
import { setApiLanguage } from '../api/client.ts';
import { ErrorBoundary } from '../components/ErrorBoundary.tsx';
import { GeneratedBanner } from '../components/GeneratedBanner.tsx';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { ErrorState, LoadingState } from '../components/States.tsx';
import { I18nContext, makeI18n } from '../i18n/index.ts';
import { LiveProvider } from '../live/LiveProvider.tsx';
import { LiveStatus } from '../live/LiveStatus.tsx';
import { ViewActions } from '../components/ViewActions.tsx';
import { viewUrl } from '../state/view-state.ts';
import Wall from '../views/Wall.tsx';
import { health } from './data.ts';
import { AVAILABLE, screenById } from './screens.ts';
import { useAsync } from './use-async.ts';
import { isPlainClick, useRoute } from './use-view-state.ts';

export function App() {
  const { route, update, navigate } = useRoute();
  const { state } = route;
  const i18n = useMemo(() => makeI18n(state.lang), [state.lang]);
  const status = useAsync(health, 'health');
  const generated = status.status === 'ready' && status.data.generated;
  const screen = screenById(state.screen) ?? AVAILABLE[0];

  useEffect(() => {
    setApiLanguage(state.lang);
    document.documentElement.lang = state.lang;
    document.title = `${i18n.t(route.wall ? 'app.wall_link' : screen.label)} – ${i18n.t('app.short')}`;
  }, [state.lang, route.wall, screen, i18n]);

  /** Links inside the app change the view without a reload (and keep Back working). */
  const onClick = (e: MouseEvent) => {
    const a = (e.target as HTMLElement).closest('a');
    if (!a || !isPlainClick(e) || a.target || a.origin !== window.location.origin || /^\/(api|docs|fonts)\b/.test(a.pathname)) return;
    e.preventDefault();
    navigate(a.pathname + a.search);
    window.scrollTo(0, 0);
  };

  if (route.wall)
    return (
      <I18nContext.Provider value={i18n}>
        <LiveProvider>
          <Wall search={route.search} state={state} generated={generated} />
        </LiveProvider>
      </I18nContext.Provider>
    );

  const { Component } = screen;
  return (
    <I18nContext.Provider value={i18n}>
      <LiveProvider>
        <div className="app" onClick={onClick}>
          <a className="skip-link" href="#main">
            {i18n.t('app.skip')}
          </a>
          <header className="app-header">
            <a className="brand" href={viewUrl({ ...state, screen: 'overview' })}>
              <img src="/favicon.svg" alt="" width={36} height={36} />
              <span>
                <span className="brand__title">{i18n.t('app.title')}</span>
                <span className="brand__sub">{i18n.t('app.subtitle')}</span>
              </span>
            </a>
            <GeneratedBanner generated={generated} />
            <LanguageSwitch onChange={(lang) => update({ lang })} />
          </header>
          <nav className="app-nav" aria-label={i18n.t('app.menu')}>
            <ul>
              {AVAILABLE.map((s) => (
                <li key={s.id}>
                  <a href={viewUrl({ ...state, screen: s.id })} aria-current={s.id === screen.id ? 'page' : undefined}>
                    {i18n.t(s.label)}
                  </a>
                </li>
              ))}
            </ul>
            <LiveStatus />
            <a className="app-nav__wall" href={`/wall${state.lang === 'en' ? '?lang=en' : ''}`}>
              {i18n.t('app.wall_link')}
            </a>
          </nav>
          <main id="main" className="app-main" tabIndex={-1}>
          <ViewActions />
            <ErrorBoundary resetKey={screen.id} fallback={(err) => <ErrorState error={`${i18n.t('error.screen')} ${err.message}`} />}>
              <Suspense fallback={<LoadingState />}>
                <Component state={state} update={update} />
              </Suspense>
            </ErrorBoundary>
          </main>
          <footer className="app-footer">{i18n.t('app.footer')}</footer>
        </div>
      </LiveProvider>
    </I18nContext.Provider>
  );
}
