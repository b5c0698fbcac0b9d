// The sign-in screen, shown whenever the page has no session (also on /wall, and after a session
// ends): user name and password with their labels and autocomplete, the server's refusal (wrong
// password, too many attempts with the minutes to wait, disabled account) in an alert, the demo-data
// banner and the language switch, and nothing else. The URL stays: the same view opens after.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { login, type Me } from '../api/auth.ts';
import { ApiError } from '../api/client.ts';
import { GeneratedBanner } from '../components/GeneratedBanner.tsx';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { useI18n } from '../i18n/index.ts';
import { parseView, type Lang } from '../state/view-state.ts';
import type { SignedOutNotice } from './use-session.ts';
import { ShareNotice } from './ShareNotice.tsx';

interface Props {
  generated: boolean;
  notice?: SignedOutNotice;
  onLang: (lang: Lang) => void;
  onSignedIn: (me: Me) => void;
}

/**
 * While the user name and password are typed: the code of the screen that opens after the click (MapLibre's
 * chunk, the largest, and Arrow's for the map's values; the Overview's or the map screen's own chunk), fetched
 * and run once the sign-in page is on screen and the browser is idle, so that the click finds them loaded.
 * Once a page: a failure only means they load after the click, as without this.
 */
let preloaded = false;
function preloadFirstScreen(): void {
  if (preloaded) return;
  preloaded = true;
  const { screen } = parseView(window.location.pathname, window.location.search);
  if (screen !== 'overview' && screen !== 'map') return;
  const jobs: Promise<unknown>[] = [import('../map/GlMap.tsx'), import('apache-arrow')];
  jobs.push(screen === 'overview' ? import('../views/Overview.tsx') : import('../views/MapScreen.tsx'));
  void Promise.allSettled(jobs);
}

export function SignIn({ generated, notice, onLang, onSignedIn }: Props) {
  const { t } = useI18n();
  const id = useId();
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const user = useRef<HTMLInputElement>(null);
  const pass = useRef<HTMLInputElement>(null);

  useEffect(() => {
    document.title = `${t('auth.title')} – ${t('app.short')}`;
    user.current?.focus();
  }, [t]);

  // After the sign-in page's first paint, in an idle moment (at most 300 ms later): never ahead of the form itself.
  useEffect(() => {
    if (typeof requestIdleCallback !== 'function') {
      const timer = setTimeout(preloadFirstScreen, 300);
      return () => clearTimeout(timer);
    }
    const idle = requestIdleCallback(preloadFirstScreen, { timeout: 300 });
    return () => cancelIdleCallback(idle);
  }, []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const username = user.current?.value.trim() ?? '';
    const password = pass.current?.value ?? '';
    if (!username || !password) {
      setError(t('auth.missing'));
      (username ? pass : user).current?.focus();
      return;
    }
    setBusy(true);
    setError('');
    try {
      const me = await login(username, password);
      onSignedIn(me);
    } catch (err) {
      setBusy(false);
      setError(err instanceof ApiError ? err.message : t('auth.offline'));
      if (pass.current) pass.current.value = '';
      pass.current?.focus();
    }
  };

  return (
    <div className="app signin">
      <header className="app-header">
        <span className="brand">
          <img src="/favicon.svg" alt="" width={36} height={36} />
          <span>
            <span className="brand__title">{t('app.title')}</span>
            <span className="brand__sub">{t('app.short')}</span>
          </span>
        </span>
        <GeneratedBanner generated={generated} />
        <LanguageSwitch onChange={onLang} />
      </header>
      <main id="main" className="signin__main">
        <form
          className="signin__card"
          method="post"
          action="/api/auth/login"
          noValidate
          onSubmit={(e) => void submit(e)}
          aria-labelledby={`${id}-title`}
        >
          <h1 id={`${id}-title`}>{t('auth.title')}</h1>
          <p className="signin__lead">{t('auth.lead')}</p>
          <ShareNotice />
          {notice && (
            <p className="signin__notice" role="alert">
              {t(`auth.notice.${notice}`)}
            </p>
          )}
          <div className="field">
            <label htmlFor={`${id}-user`}>{t('auth.username')}</label>
            <input
              ref={user}
              id={`${id}-user`}
              name="username"
              type="text"
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              required
              aria-invalid={!!error || undefined}
              aria-describedby={`${id}-error`}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-pass`}>{t('auth.password')}</label>
            <input
              ref={pass}
              id={`${id}-pass`}
              name="password"
              type="password"
              autoComplete="current-password"
              required
              aria-invalid={!!error || undefined}
              aria-describedby={`${id}-error`}
            />
          </div>
          <p id={`${id}-error`} className="signin__error" role="alert">
            {error}
          </p>
          <button type="submit" className="button signin__submit" disabled={busy}>
            {busy ? t('auth.working') : t('auth.submit')}
          </button>
        </form>
      </main>
      <footer className="app-footer">{t('app.footer')}</footer>
    </div>
  );
}
