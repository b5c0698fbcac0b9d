// Loading and error states of a panel: a polite live region while loading, an alert with a retry
// button when the API failed (its message is already in the user's language). A refusal (403: a
// unit outside the account's scope) says so, and retrying it would not help.
import { ApiError } from '../api/client.ts';
import { useI18n } from '../i18n/index.ts';

export function LoadingState({ label }: { label?: string }) {
  const { t } = useI18n();
  return (
    <div className="state state--loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label ?? t('loading')}
    </div>
  );
}

export function ErrorState({ error, retry }: { error: Error | string; retry?: () => void }) {
  const { t } = useI18n();
  const refused = error instanceof ApiError && error.status === 403;
  return (
    <div className="state state--error" role="alert">
      <strong>{t(refused ? 'scope.title' : 'error.title')}</strong>
      <span>{typeof error === 'string' ? error : error.message}</span>
      {retry && !refused && (
        <button type="button" className="button" onClick={retry}>
          {t('error.retry')}
        </button>
      )}
    </div>
  );
}
