// A view of a unit outside the account's scope is not drawn at all: the server is asked once (so the
// refusal is its own, in the user's language, and is written to the audit log) and its message shows
// as a clear state, with a link back to the account's own unit. A unit in scope renders the view.
import type { ReactNode } from 'react';
import { fetchTargets, ApiError } from '../api/client.ts';
import { useAsync } from '../app/use-async.ts';
import { ErrorState, LoadingState } from '../components/States.tsx';
import { useI18n } from '../i18n/index.ts';
import { homeUnit, viewUrl, type ViewState } from '../state/view-state.ts';
import { useMe } from './SessionContext.tsx';
import { inScope } from './session.ts';

export function ScopeGuard({ state, children }: { state: ViewState; children: ReactNode }) {
  const me = useMe();
  if (!me || inScope(me, state.unit)) return <>{children}</>;
  return <ScopeCheck state={state}>{children}</ScopeCheck>;
}

function ScopeCheck({ state, children }: { state: ViewState; children: ReactNode }) {
  const { t } = useI18n();
  // The unit list may be older than the server's rules: the server has the last word.
  const answer = useAsync(() => fetchTargets(state.unit).then(() => null), `scope|${state.unit}`);
  if (answer.status === 'loading') return <LoadingState label={t('scope.checking')} />;
  if (answer.status === 'ready') return <>{children}</>;
  const err = answer.error;
  if (err instanceof ApiError && (err.status === 403 || err.status === 404))
    return <OutOfScope state={state} status={err.status} message={err.message} />;
  return <ErrorState error={err} retry={answer.retry} />;
}

/** The same view on the account's own unit (on the wall: the wall, without its unit). */
function homeHref(state: ViewState): string {
  if (!/^\/wall\/?$/.test(window.location.pathname)) return viewUrl({ ...state, unit: homeUnit(), target: undefined });
  const q = new URLSearchParams(window.location.search);
  q.delete('unit');
  const qs = q.toString().replace(/%2C/g, ',');
  return `/wall${qs ? `?${qs}` : ''}`;
}

function OutOfScope({ state, status, message }: { state: ViewState; status: number; message: string }) {
  const { t } = useI18n();
  const me = useMe();
  return (
    <section className="state state--scope" role="alert" aria-labelledby="scope-title">
      <h1 id="scope-title">{t(status === 404 ? 'scope.not_found' : 'scope.title')}</h1>
      <p>{message}</p>
      {me && (
        <p>
          <a href={homeHref(state)}>{t('scope.home', { unit: me.account.unit_name })}</a>
        </p>
      )}
    </section>
  );
}
