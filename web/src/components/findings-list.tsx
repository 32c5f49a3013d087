import type { Finding } from '../api-types.js';
import { type MessageKey, useI18n } from '../i18n.js';

const SEVERITY_KEYS: Record<string, MessageKey> = {
  error: 'severity_error',
  warning: 'severity_warning',
  info: 'severity_info',
};

export function FindingsList({
  findings,
  checking = false,
  names,
}: {
  findings: readonly Finding[];
  checking?: boolean;
  names?: ReadonlyMap<string, string>;
}) {
  const { t } = useI18n();
  return (
    <section class="findings" aria-labelledby="findings-heading">
      <h3 id="findings-heading">{t('findings')}</h3>
      <div role="status" aria-live="polite">
        {checking && <p class="muted">{t('checking')}</p>}
        {!checking && findings.length === 0 && <p class="ok">{t('noFindings')}</p>}
        {findings.length > 0 && (
          <ul>
            {findings.map((finding, index) => (
              <li
                key={`${finding.rule}-${index}`}
                class={`finding ${finding.severity}`}
                data-rule={finding.rule}
              >
                <strong>{t(SEVERITY_KEYS[finding.severity] ?? 'severity_info')}:</strong> {finding.message}
                {names && finding.indicators.length > 0 && (
                  <span class="muted"> ({finding.indicators.map((c) => names.get(c) ?? c).join('; ')})</span>
                )}
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
