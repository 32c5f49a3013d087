import type { Finding } from '../api-types.js';
import { findingText } from '../findings.js';
import { type MessageKey, useI18n } from '../i18n.js';

const SEVERITY_KEYS: Record<string, MessageKey> = {
  error: 'severity_error',
  warning: 'severity_warning',
  info: 'severity_info',
};
const SEVERITY_ORDER: Record<string, number> = { error: 0, warning: 1, info: 2 };

/** Errors before warnings before notes; the order within a severity is the server's. */
export function bySeverity(findings: readonly Finding[]): Finding[] {
  return findings
    .map((finding, index) => ({ finding, index }))
    .sort(
      (a, b) =>
        (SEVERITY_ORDER[a.finding.severity] ?? 3) - (SEVERITY_ORDER[b.finding.severity] ?? 3) ||
        a.index - b.index,
    )
    .map((entry) => entry.finding);
}

export function FindingLine({
  finding,
  names,
}: {
  finding: Finding;
  names?: ReadonlyMap<string, string> | undefined;
}) {
  const { t, lang } = useI18n();
  return (
    <li class={`finding ${finding.severity}`} data-rule={finding.rule}>
      <strong>{t(SEVERITY_KEYS[finding.severity] ?? 'severity_info')}:</strong> {findingText(finding, lang)}
      {names && finding.indicators.length > 0 && (
        <span class="muted"> ({finding.indicators.map((c) => names.get(c) ?? c).join('; ')})</span>
      )}
    </li>
  );
}

/** The findings of a check, most serious first; a long list shows `limit` and folds the rest away. */
export function FindingsList({
  findings,
  checking = false,
  names,
  limit = 8,
}: {
  findings: readonly Finding[];
  checking?: boolean;
  names?: ReadonlyMap<string, string>;
  limit?: number;
}) {
  const { t } = useI18n();
  const sorted = bySeverity(findings);
  const shown = sorted.slice(0, limit);
  const rest = sorted.slice(limit);
  return (
    <section class="findings" aria-labelledby="findings-heading">
      <h3 id="findings-heading">
        {t('findings')} {findings.length > 0 && <span class="muted">({findings.length})</span>}
      </h3>
      <div role="status" aria-live="polite">
        {checking && <p class="muted">{t('checking')}</p>}
        {!checking && findings.length === 0 && <p class="ok">{t('noFindings')}</p>}
        {shown.length > 0 && (
          <ul>
            {shown.map((finding, index) => (
              <FindingLine key={`${finding.rule}-${index}`} finding={finding} names={names} />
            ))}
          </ul>
        )}
        {rest.length > 0 && (
          <details>
            <summary>{t('moreFindings', { n: rest.length })}</summary>
            <ul>
              {rest.map((finding, index) => (
                <FindingLine key={`${finding.rule}-more-${index}`} finding={finding} names={names} />
              ))}
            </ul>
          </details>
        )}
      </div>
    </section>
  );
}
