// The wall screen (/wall?screens=overview,map&every=30): full screen, dark theme, large type, no
// controls; shows each chosen screen in turn for `every` seconds, the live link's status and the overdue directives
// and tasks of the unit (work/FollowUp.tsx). A unit
// outside the account's scope shows the refusal instead (ScopeGuard).
import { Suspense, useEffect, useState } from 'react';
import { AVAILABLE, availableIds, screenById } from '../app/screens.ts';
import { ScopeGuard } from '../auth/ScopeGuard.tsx';
import { msToNext, parseWall, wallIndex } from '../app/wall.ts';
import { ErrorBoundary } from '../components/ErrorBoundary.tsx';
import { GeneratedBanner } from '../components/GeneratedBanner.tsx';
import { ErrorState, LoadingState } from '../components/States.tsx';
import { useI18n } from '../i18n/index.ts';
import { LiveStatus } from '../live/LiveStatus.tsx';
import { FollowUpTile } from '../work/FollowUp.tsx';
import type { ViewState } from '../state/view-state.ts';

export default function Wall({ search, state, generated }: { search: string; state: ViewState; generated: boolean }) {
  const { t } = useI18n();
  const config = parseWall(search, availableIds());
  const [start] = useState(() => Date.now());
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    document.title = `${t('app.wall_link')} – ${t('app.short')}`;
  }, [t]);
  useEffect(() => {
    document.documentElement.classList.add('theme-wall');
    return () => document.documentElement.classList.remove('theme-wall');
  }, []);
  useEffect(() => {
    const timer = setTimeout(() => setNow(Date.now()), msToNext(now - start, config.every));
    return () => clearTimeout(timer);
  }, [now, start, config.every]);

  const index = wallIndex(now - start, config.every, config.screens.length);
  const screen = screenById(config.screens[index]) ?? AVAILABLE[0];
  const { Component } = screen;
  return (
    <div className="wall">
      <header className="wall__head">
        <p className="wall__title">
          {t('app.title')} · {t(screen.label)}
        </p>
        <GeneratedBanner generated={generated} />
        {state.unit && <FollowUpTile unit={state.unit} />}
        <LiveStatus wall />
        <p className="wall__progress" aria-live="polite">
          {t('wall.label', { screen: t(screen.label), n: index + 1, count: config.screens.length })}
        </p>
      </header>
      <main className="wall__main">
        <ErrorBoundary
          resetKey={screen.id}
          fallback={(err) => <ErrorState error={`${t('error.screen')} ${err.message}`} />}
        >
          <Suspense fallback={<LoadingState />}>
            <ScopeGuard state={state}>
              <Component key={screen.id} state={{ ...state, screen: screen.id }} update={() => undefined} wall />
            </ScopeGuard>
          </Suspense>
        </ErrorBoundary>
      </main>
    </div>
  );
}
