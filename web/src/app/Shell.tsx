// The signed-in app's frame: the header and menu (AppHeader.tsx: title, the account's unit, demo-data
// banner, language, the account, the screens and, for administrators, the admin screens), the view
// actions and the current screen or admin screen. A unit outside the account's scope shows the server's
// refusal instead of the screen.
import { lazy, Suspense, useEffect, type MouseEvent } from 'react';
import { ScopeGuard } from '../auth/ScopeGuard.tsx';
import { menuScreenOf } from '../auth/session.ts';
import { ErrorBoundary } from '../components/ErrorBoundary.tsx';
import { ErrorState, LoadingState } from '../components/States.tsx';
import { ViewActions } from '../components/ViewActions.tsx';
import { useI18n } from '../i18n/index.ts';
import { DEFAULT_STATE, homeUnit, type Lang, type ViewState } from '../state/view-state.ts';
import { AppHeader } from './AppHeader.tsx';
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
      <AppHeader
        state={state}
        current={admin ? { admin: menuScreenOf(admin.screen) } : { screen: screen.id }}
        generated={generated}
        setLang={setLang}
      />
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
                <ViewActions snapshot={screen.snapshot !== false} />
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
