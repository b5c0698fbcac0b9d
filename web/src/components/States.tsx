// Loading and error states of a panel: a polite live region while loading, an alert with a retry
// button when the API failed (its message is already in the user's language).
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
  return (
    <div className="state state--error" role="alert">
      <strong>{t('error.title')}</strong>
      <span>{typeof error === 'string' ? error : error.message}</span>
      {retry && (
        <button type="button" className="button" onClick={retry}>
          {t('error.retry')}
        </button>
      )}
    </div>
  );
}
