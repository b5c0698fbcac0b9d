// The admin screens (/admin/accounts, /admin/keys, /admin/audit, /admin/imports), for administrators only:
// another account that opens such a URL sees a refusal and nothing is asked of the server. Loaded as its own chunk.
import { useMe } from '../../auth/SessionContext.tsx';
import { may } from '../../auth/session.ts';
import { useI18n } from '../../i18n/index.ts';
import { adminUrl, type AdminView } from '../../state/admin-state.ts';
import Accounts from './Accounts.tsx';
import Audit from './Audit.tsx';
import Imports from './Imports.tsx';
import Keys from './Keys.tsx';

export interface AdminProps {
  view: AdminView;
  /** changes the admin view; the URL follows */
  go: (patch: Partial<AdminView>) => void;
}

export default function AdminScreen({ view, navigate }: { view: AdminView; navigate: (url: string) => void }) {
  const { t } = useI18n();
  const me = useMe();
  if (!may(me, 'admin')) {
    return (
      <section className="state state--scope" role="alert" aria-labelledby="admin-forbidden">
        <h1 id="admin-forbidden">{t('scope.title')}</h1>
        <p>{t('admin.forbidden')}</p>
      </section>
    );
  }
  const go = (patch: Partial<AdminView>) => navigate(adminUrl({ ...view, ...patch }));
  if (view.screen === 'imports') return <Imports view={view} go={go} />;
  if (view.screen === 'keys') return <Keys view={view} go={go} />;
  return view.screen === 'audit' ? <Audit view={view} go={go} /> : <Accounts view={view} go={go} />;
}
