import { useI18n } from '../i18n.js';

export function Loading() {
  const { t } = useI18n();
  return (
    <p class="loading" role="status" aria-live="polite">
      {t('loading')}
    </p>
  );
}

/** Shows the API's Vietnamese message as it came, with a retry when the caller can retry. */
export function ErrorMessage({ error, onRetry }: { error: Error; onRetry?: () => void }) {
  const { t } = useI18n();
  return (
    <div class="alert-error" role="alert">
      <span>{error.message}</span>
      {onRetry && (
        <button type="button" class="secondary" onClick={onRetry}>
          {t('retry')}
        </button>
      )}
    </div>
  );
}

/** What the last action came to: the server's refusal, or what it did, announced politely. */
export function ActionOutcome({ error, notice }: { error: Error | null; notice: string | null }) {
  return (
    <>
      {error && <ErrorMessage error={error} />}
      {notice && (
        <p class="ok" role="status">
          {notice}
        </p>
      )}
    </>
  );
}
