import { useState } from 'preact/hooks';
import { api, orgPath } from '../api.js';
import type { ImportEntry, ImportWithdrawn } from '../api-types.js';
import { useApp } from '../app-context.js';
import { periodLabel, useI18n } from '../i18n.js';
import { useAction } from '../use-action.js';
import { useAsync } from '../use-async.js';
import { localDate } from './learnt-wordings.js';
import { PeriodPicker } from './period-picker.js';
import { ActionOutcome, ErrorMessage } from './status.js';

const STATUS_LABELS = {
  review: 'importStatusReview',
  stored: 'importStatusStored',
  accepted: 'importStatusStored',
  pending_review: 'importStatusPartly',
  withdrawn: 'importStatusWithdrawn',
} as const;

/**
 * The files uploaded and imported, newest first. An accepted import can be withdrawn ("Rút lại") after a
 * confirmation naming what goes; afterwards its row says so and a notice offers to upload the file again,
 * under a period the person chooses. `version` changes when an upload or an acceptance adds a row.
 */
export function ImportHistory({
  version,
  busy: reading,
  onReupload,
}: {
  version: number;
  busy: boolean;
  onReupload: (file: File, periodId: string) => void;
}) {
  const { orgId, periodId: appPeriodId } = useApp();
  const { t, lang } = useI18n();
  const imports = useAsync(() => api<ImportEntry[]>('GET', orgPath(orgId, '/imports')), [orgId, version]);
  const { busy, error, run } = useAction();
  const [withdrawn, setWithdrawn] = useState<ImportWithdrawn | null>(null);
  const [period, setPeriod] = useState(appPeriodId);

  const withdraw = (entry: ImportEntry) => {
    const stored = entry.stored ?? { figures: 0, items: 0, citations: 0 };
    const question = t('importWithdrawConfirm', {
      file: entry.fileName,
      period: entry.periodId ? periodLabel(lang, entry.periodId) : '—',
      // What it holds now: figures someone changed since the import stay.
      figures: entry.heldFigures ?? 0,
      items: stored.items,
      citations: stored.citations,
    });
    if (!window.confirm(question)) return;
    setWithdrawn(null);
    void run(async () => {
      const result = await api<ImportWithdrawn>(
        'POST',
        orgPath(orgId, `/imports/${encodeURIComponent(entry.id)}/withdraw`),
        {},
      );
      setWithdrawn(result);
      if (result.periodId) setPeriod(result.periodId);
      imports.reload();
    });
  };

  const notice = withdrawn
    ? [
        t('importWithdrawn', {
          file: withdrawn.fileName,
          figures: withdrawn.removed.figures,
          items: withdrawn.removed.items,
          citations: withdrawn.removed.citations,
        }),
        withdrawn.removed.restored > 0 ? t('importWithdrawnRestored', { n: withdrawn.removed.restored }) : '',
        withdrawn.kept.figures.length > 0
          ? t('importWithdrawnKept', { n: withdrawn.kept.figures.length })
          : '',
        withdrawn.kept.reportId ? t('importWithdrawnReportKept', { n: withdrawn.kept.items }) : '',
      ]
        .filter(Boolean)
        .join(' ')
    : null;

  const list = imports.data ?? [];
  return (
    <section class="import-history" aria-labelledby="import-history-title">
      <h3 id="import-history-title">{t('importHistoryTitle')}</h3>
      {imports.error && <ErrorMessage error={imports.error} />}
      <ActionOutcome error={error} notice={notice} />
      {withdrawn && (
        <div class="reupload" data-testid="import-reupload">
          <p>{t('importReuploadHint', { file: withdrawn.fileName })}</p>
          <PeriodPicker value={period} onChange={setPeriod} />
          <label class="file-label">
            {t('importReuploadChoose', { period: periodLabel(lang, period) })}
            <input
              type="file"
              accept=".txt,.md,.docx,.pdf"
              disabled={reading}
              onChange={(e) => {
                const file = e.currentTarget.files?.[0];
                if (!file) return;
                setWithdrawn(null);
                onReupload(file, period);
              }}
            />
          </label>
        </div>
      )}
      {list.length === 0 && !imports.loading && !imports.error ? (
        <p class="muted">{t('importHistoryEmpty')}</p>
      ) : (
        <table class="import-history-table">
          <thead>
            <tr>
              <th scope="col">{t('importHistoryFile')}</th>
              <th scope="col">{t('period')}</th>
              <th scope="col">{t('importHistoryStatus')}</th>
              <th scope="col">{t('importHistoryBy')}</th>
              <th scope="col">
                <span class="visually-hidden">{t('actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.map((entry) => {
              // Waiting uploads and imports are numbered apart: the status tells them apart in the key.
              const key = `${entry.status === 'review' ? 'upload' : 'import'}-${entry.id}`;
              const label = STATUS_LABELS[entry.status as keyof typeof STATUS_LABELS];
              return (
                <tr key={key} data-import={key} class={entry.status === 'withdrawn' ? 'withdrawn' : ''}>
                  <th scope="row">{entry.fileName}</th>
                  <td>{entry.periodId ? periodLabel(lang, entry.periodId) : '—'}</td>
                  <td>
                    {label ? t(label) : entry.status}
                    {entry.status === 'withdrawn' && entry.withdrawnAt && (
                      <span class="muted">
                        {' '}
                        (
                        {t('importWithdrawnBy', {
                          by: entry.withdrawnBy ?? '—',
                          date: localDate(entry.withdrawnAt),
                        })}
                        )
                      </span>
                    )}
                  </td>
                  <td>
                    {entry.createdBy ?? '—'}, {localDate(entry.createdAt)}
                  </td>
                  <td class="row-actions">
                    {entry.withdrawable && (
                      <button
                        type="button"
                        class="secondary"
                        disabled={busy}
                        aria-label={`${t('importWithdraw')} ${entry.fileName}`}
                        onClick={() => withdraw(entry)}
                      >
                        {t('importWithdraw')}
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
