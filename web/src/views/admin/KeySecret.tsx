// A new API key's token, shown once (ShownOnce): the token with a copy button, the header a system sends it in, and
// a warning that it will not be shown again (the server keeps only its hash). Kept in memory only, never in the URL.
import { useI18n } from '../../i18n/index.ts';
import { ShownOnce, type ShownOnceTexts } from './OneTimePassword.tsx';

const TOKEN_TEXTS: ShownOnceTexts = {
  title: 'keys.secret.label',
  copy: 'keys.secret.copy',
  copied: 'keys.secret.copied',
  copyFailed: 'keys.secret.copy_failed',
  warning: 'keys.secret.warning',
  dismiss: 'keys.secret.dismiss',
};

export function KeySecret({ name, token, onDone }: { name: string; token: string; onDone: () => void }) {
  const { t } = useI18n();
  return (
    <ShownOnce
      id="key-secret"
      secret={token}
      texts={TOKEN_TEXTS}
      params={{ name }}
      secretClass="key-secret__token"
      onDone={onDone}
    >
      <p>
        {t('keys.secret.lead')} <code className="key-secret__header">Authorization: Bearer {token}</code>
      </p>
    </ShownOnce>
  );
}
