// The signed-in app's header and menu (used by Shell.tsx): the brand with the account's unit and the unit
// above it, the demo-data notice, the language, the account, then the menu of screens (and the admin
// screens for administrators), the live link's state and the wall. On a laptop all of it shows, the
// header in one row; on a phone or a tablet, and on a laptop too narrow for the menu's row (the admin
// screens make it longer), the menu, the language and the account fold behind one "Menu" button, which
// Escape closes (focus goes back to the button). styles/base.css draws both.
import { useCallback, useEffect, useId, useRef, useState, useSyncExternalStore, type MouseEvent } from 'react';
import { AccountMenu } from '../auth/AccountMenu.tsx';
import { useMe } from '../auth/SessionContext.tsx';
import { accountPlace, adminScreens } from '../auth/session.ts';
import { GeneratedBanner } from '../components/GeneratedBanner.tsx';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { useI18n } from '../i18n/index.ts';
import { LiveStatus } from '../live/LiveStatus.tsx';
import { adminUrl, parseAdmin } from '../state/admin-state.ts';
import { viewUrl, type Lang, type ViewState } from '../state/view-state.ts';
import { AVAILABLE } from './screens.ts';

/**
 * The narrowest window that shows the header in one row and the menu in one row: the brand, the demo notice,
 * the language and the account need 1280 px; the menu with the admin screens, its live state and the wall's
 * link need 1366 px.
 */
const ONE_ROW = { screens: 1280, admin: 1366 };

/** Whether the window is narrower than `width` px, following its changes. */
function useNarrower(width: number): boolean {
  const query = `(max-width: ${width - 1}px)`;
  const subscribe = useCallback(
    (changed: () => void) => {
      const list = window.matchMedia(query);
      list.addEventListener('change', changed);
      return () => list.removeEventListener('change', changed);
    },
    [query],
  );
  return useSyncExternalStore(subscribe, () => window.matchMedia(query).matches);
}

interface Props {
  /** the view the menu's links start from */
  state: ViewState;
  /** the screen shown (marked in the menu), or the admin screen */
  current: { screen: string } | { admin: string };
  generated: boolean;
  setLang: (lang: Lang) => void;
}

export function AppHeader({ state, current, generated, setLang }: Props) {
  const i18n = useI18n();
  const me = useMe();
  const id = useId();
  const [open, setOpen] = useState(false);
  const admins = adminScreens(me);
  const compact = useNarrower(admins.length > 0 ? ONE_ROW.admin : ONE_ROW.screens);
  const button = useRef<HTMLButtonElement>(null);
  const navId = `${id}-nav`;
  const accountId = `${id}-account`;

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      // Escape in a dialog opened from the menu (the password) closes the dialog only
      if (e.key !== 'Escape' || (e.target instanceof Element && e.target.closest('dialog'))) return;
      const inside = document.activeElement?.closest(`[id="${navId}"], [id="${accountId}"]`);
      setOpen(false);
      if (inside || document.activeElement === document.body) button.current?.focus();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [open, navId, accountId]);

  /** Following a link of the menu closes it (the screen changes under it). */
  const onNavClick = (e: MouseEvent) => {
    if ((e.target as Element).closest('a')) setOpen(false);
  };

  const place = me ? accountPlace(me, i18n.lang) : null;
  const subtitle = place && (place.parent ? i18n.t('app.subtitle', { ...place, parent: place.parent }) : place.unit);
  const isCurrent = (key: 'screen' | 'admin', value: string) =>
    key in current && (current as Record<string, string>)[key] === value ? 'page' : undefined;
  return (
    <header className={`app-header${compact ? ' app-header--compact' : ''}${open ? ' app-header--open' : ''}`}>
      <div className="app-header__bar">
        <a className="brand" href={viewUrl({ ...state, screen: 'overview' })}>
          <img src="/favicon.svg" alt="" width={36} height={36} />
          <span className="brand__text">
            <span className="brand__title">
              <span className="brand__long">{i18n.t('app.title')}</span>
              <span className="brand__short">{i18n.t('app.short')}</span>
            </span>
            {subtitle && <span className="brand__sub">{subtitle}</span>}
          </span>
        </a>
        <GeneratedBanner generated={generated} />
        <button
          ref={button}
          type="button"
          className="menu-button"
          aria-expanded={open}
          aria-controls={`${navId} ${accountId}`}
          onClick={() => setOpen((o) => !o)}
        >
          <span className="menu-button__icon" aria-hidden="true">
            {open ? '✕' : '☰'}
          </span>{' '}
          {i18n.t('layout.menu')}
        </button>
        <div className="app-header__account" id={accountId}>
          <LanguageSwitch onChange={setLang} />
          <AccountMenu />
        </div>
      </div>
      <nav className="app-nav" id={navId} aria-label={i18n.t('app.menu')} onClick={onNavClick}>
        <ul>
          {AVAILABLE.map((s) => (
            <li key={s.id}>
              <a href={viewUrl({ ...state, screen: s.id })} aria-current={isCurrent('screen', s.id)}>
                {i18n.t(s.label)}
              </a>
            </li>
          ))}
          {admins.map((a) => (
            <li key={a} className="app-nav__admin">
              <a
                href={adminUrl({ ...parseAdmin(`/admin/${a}`, '')!, lang: state.lang })}
                aria-current={isCurrent('admin', a)}
              >
                {i18n.t(`admin.${a}`)}
              </a>
            </li>
          ))}
        </ul>
        <LiveStatus />
        <a className="app-nav__wall" href={`/wall${state.lang === 'en' ? '?lang=en' : ''}`}>
          <span className="app-nav__long">{i18n.t('app.wall_link')}</span>
          <span className="app-nav__short">{i18n.t('layout.wall_short')}</span>
        </a>
      </nav>
    </header>
  );
}
