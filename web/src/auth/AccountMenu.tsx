// The header's account part: who is signed in (name and role; the header's brand names the unit),
// "Đổi mật khẩu" (a dialog) and "Đăng xuất".
import { useState } from 'react';
import { useI18n } from '../i18n/index.ts';
import { PasswordDialog } from './PasswordDialog.tsx';
import { useSession } from './SessionContext.tsx';
import { roleKey } from './session.ts';

export function AccountMenu() {
  const { t } = useI18n();
  const session = useSession();
  const [changing, setChanging] = useState(false);
  const [leaving, setLeaving] = useState(false);
  if (!session) return null;
  const { account } = session.me;
  return (
    <section className="account-menu" aria-label={t('auth.account')}>
      <p className="account-menu__who">
        <span className="account-menu__name">{account.display_name}</span>
        <span className="account-menu__role">{t(roleKey(account.role))}</span>
      </p>
      <button type="button" className="account-menu__button" onClick={() => setChanging(true)}>
        {t('auth.change_password')}
      </button>
      <button
        type="button"
        className="account-menu__button"
        disabled={leaving}
        onClick={() => {
          setLeaving(true);
          void session.signOut().finally(() => setLeaving(false));
        }}
      >
        {t('auth.sign_out')}
      </button>
      {changing && <PasswordDialog username={account.username} onClose={() => setChanging(false)} />}
    </section>
  );
}
