// The signed-in app's frame: header (title, demo-data banner, language, the account), the menu of
// screens (and, for administrators, the admin screens), the view actions and the current screen or
// admin screen. A unit outside the account's scope shows the server's refusal instead of the screen.
import { lazy, Suspense, useEffect, type MouseEvent } from 'react';
import { AccountMenu } from '../auth/AccountMenu.tsx';
import { ScopeGuard } from '../auth/ScopeGuard.tsx';
import { useMe } from '../auth/SessionContext.tsx';
import { adminScreens } from '../auth/session.ts';
import { ErrorBoundary } from '../components/ErrorBoundary.tsx';
import { GeneratedBanner } from '../components/GeneratedBanner.tsx';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { ErrorState, LoadingState } from '../components/States.tsx';
import { ViewActions } from '../components/ViewActions.tsx';
import { useI18n } from '../i18n/index.ts';
import { LiveStatus } from '../live/LiveStatus.tsx';
import { adminUrl, parseAdmin } from '../state/admin-state.ts';
import { DEFAULT_STATE, homeUnit, viewUrl, type Lang, type ViewState } from '../state/view-state.ts';
import { AVAILABLE, screenById } from './screens.ts';
import { isPlainClick, type Route } from './use-view-state.ts';

// Administrators only: its own chunk, never loaded for other accounts.
const AdminScreen = lazy(() => import('../views/admin/AdminScreen.tsx'));

interface Props {
  route: Route;
  update: (patch: Partial<ViewState>) => void;
  navigate: (url: string) => void;
  setLang: (lang: Lang) => void;
  generated: boolean;
}

export function Shell({ route, update, navigate, setLang, generated }: Props) {
  const i18n = useI18n();
  const me = useMe();
  const { admin } = route;
  // On an admin screen the menu's links open the account's own unit.
  const state: ViewState = admin ? { ...DEFAULT_STATE, unit: homeUnit(), lang: route.state.lang } : route.state;
  const screen = screenById(state.screen) ?? AVAILABLE[0];
  const label = admin ? `admin.${admin.screen}` : screen.label;

  useEffect(() => {
    document.title = `${i18n.t(label)} – ${i18n.t('app.short')}`;
  }, [label, i18n]);

  /** Links inside the app change the view without a reload (and keep Back working). */
  const onClick = (e: MouseEvent) => {
    const a = (e.target as HTMLElement).closest('a');
    if (
      !a ||
      !isPlainClick(e) ||
      a.target ||
      a.hasAttribute('download') ||
      a.origin !== window.location.origin ||
      /^\/(api|docs|fonts|s)\b/.test(a.pathname)
    )
      return;
    e.preventDefault();
    navigate(a.pathname + a.search);
    window.scrollTo(0, 0);
  };

  const { Component } = screen;
  return (
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
        <LanguageSwitch onChange={setLang} />
        <AccountMenu />
      </header>
      <nav className="app-nav" aria-label={i18n.t('app.menu')}>
        <ul>
          {AVAILABLE.map((s) => (
            <li key={s.id}>
              <a
                href={viewUrl({ ...state, screen: s.id })}
                aria-current={!admin && s.id === screen.id ? 'page' : undefined}
              >
                {i18n.t(s.label)}
              </a>
            </li>
          ))}
          {adminScreens(me).map((id) => (
            <li key={id} className="app-nav__admin">
              <a
                href={adminUrl({ ...parseAdmin(`/admin/${id}`, '')!, lang: state.lang })}
                aria-current={admin?.screen === id ? 'page' : undefined}
              >
                {i18n.t(`admin.${id}`)}
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
        <ErrorBoundary
          resetKey={admin ? `admin-${admin.screen}` : screen.id}
          fallback={(err) => <ErrorState error={`${i18n.t('error.screen')} ${err.message}`} />}
        >
          <Suspense fallback={<LoadingState />}>
            {admin ? (
              <AdminScreen view={admin} navigate={navigate} />
            ) : (
              <ScopeGuard state={state}>
                <ViewActions />
                <Component state={state} update={update} />
              </ScopeGuard>
            )}
          </Suspense>
        </ErrorBoundary>
      </main>
      <footer className="app-footer">{i18n.t('app.footer')}</footer>
    </div>
  );
}
