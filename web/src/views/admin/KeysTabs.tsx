// The two tabs of the menu entry "Tài khoản": the people's accounts (/admin/accounts) and the API keys of other
// agencies' systems (/admin/keys). Links (the URL names the tab), the current one marked with aria-current.
import { useI18n } from '../../i18n/index.ts';
import { adminUrl, type AdminView } from '../../state/admin-state.ts';
import './keys.css';

export function KeysTabs({ view }: { view: AdminView }) {
  const { t } = useI18n();
  const tab = (screen: 'accounts' | 'keys', label: string) => (
    <li>
      <a
        href={adminUrl({ ...view, screen, create: false, edit: undefined })}
        aria-current={view.screen === screen ? 'page' : undefined}
      >
        {t(label)}
      </a>
    </li>
  );
  return (
    <nav className="admin-tabs" aria-label={t('admin.accounts')}>
      <ul>
        {tab('accounts', 'keys.tab.accounts')}
        {tab('keys', 'admin.keys')}
      </ul>
    </nav>
  );
}
