import { useLayoutEffect, useState } from 'preact/hooks';
import { formatViDate, parseViDate } from '../../../src/domain/vietnamese/date.js';
import { api, downloadFile, fetchText, orgPath } from '../api.js';
import type { ReportDetail, ReportSummary } from '../api-types.js';
import { hasRole, useApp } from '../app-context.js';
import { FindingsList } from '../components/findings-list.js';
import { ErrorMessage, Loading } from '../components/status.js';
import { type MessageKey, periodLabel, useI18n } from '../i18n.js';
import { listOf } from '../lists.js';
import { createReport, errorsPassedOn, newestFirst, statusActions } from '../reports.js';
import { navigate } from '../router.js';
import { useAsync } from '../use-async.js';

export function StatusBadge({ status }: { status: string }) {
  const { t } = useI18n();
  return <span class={`badge status-${status}`}>{t(`status_${status}` as MessageKey)}</span>;
}

export function ReportsPage() {
  const { orgId, periodId, session } = useApp();
  const { t, lang } = useI18n();
  const list = useAsync(
    async () => newestFirst(listOf<ReportSummary>(await api('GET', orgPath(orgId, '/reports')), 'reports')),
    [orgId],
  );
  const [creating, setCreating] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const current = list.data?.find((r) => r.periodId === periodId);

  const create = async () => {
    setCreating(true);
    setError(null);
    try {
      const report = await createReport(orgId, periodId);
      navigate(`#/reports/${report.id}`);
    } catch (err) {
      setError(err as Error);
      setCreating(false);
    }
  };

  return (
    <section class="content" aria-labelledby="reports-title">
      <h2 id="reports-title">{t('reports')}</h2>
      {list.data && !current && hasRole(session, 'office') && (
        <p>
          {t('noReport')}{' '}
          <button type="button" onClick={create} disabled={creating}>
            {t('createReport')} — {periodLabel(lang, periodId)}
          </button>
        </p>
      )}
      {error && <ErrorMessage error={error} />}
      {list.loading && !list.data && <Loading />}
      {list.error && <ErrorMessage error={list.error} onRetry={list.reload} />}
      {list.data && (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('period')}</th>
              <th scope="col">{t('reportNumber')}</th>
              <th scope="col">{t('status')}</th>
              <th scope="col">
                <span class="visually-hidden">{t('open')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.data.map((report) => (
              <tr key={report.id} class={report.periodId === periodId ? 'current' : ''}>
                <td>{periodLabel(lang, report.periodId)}</td>
                <td>{report.number ?? '—'}</td>
                <td>
                  <StatusBadge status={report.status} />
                  {report.origin === 'imported' && (
                    <span class="badge origin-imported">{t('originImported')}</span>
                  )}
                </td>
                <td>
                  <a href={`#/reports/${encodeURIComponent(report.id)}`}>{t('open')}</a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function ReportPreview({ path, version }: { path: string; version: number }) {
  const { t } = useI18n();
  const preview = useAsync(() => fetchText(`${path}/render?format=html`), [path, version]);
  if (preview.loading && preview.data === undefined) return <Loading />;
  if (preview.error) return <ErrorMessage error={preview.error} onRetry={preview.reload} />;
  // A sandbox without scripts: the rendered report is shown, never run.
  return <iframe class="preview" title={t('preview')} sandbox="" srcdoc={preview.data ?? ''} />;
}

const EMPTY_META = {
  number: '',
  issuedDate: '',
  title: '',
  onBehalf: '',
  position: '',
  signerName: '',
  recipients: '',
};

export function ReportPage({ reportId }: { reportId: string }) {
  const { orgId, session, setPeriodId } = useApp();
  const { t, lang } = useI18n();
  const path = orgPath(orgId, `/reports/${encodeURIComponent(reportId)}`);
  const report = useAsync(() => api<ReportDetail>('GET', path), [path]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const [reason, setReason] = useState('');
  const [version, setVersion] = useState(0);
  const [downloading, setDownloading] = useState<'docx' | 'pdf' | null>(null);
  const [meta, setMeta] = useState(EMPTY_META);
  const field = (name: keyof typeof EMPTY_META) => (e: Event) =>
    setMeta((current) => ({ ...current, [name]: (e.currentTarget as HTMLInputElement).value }));

  // A layout effect: the form shows the report's own values from the render that first shows it. An effect
  // runs a frame later, and would wipe what was typed in that frame.
  useLayoutEffect(() => {
    const r = report.data;
    if (!r) return;
    setMeta({
      number: r.number ?? '',
      issuedDate: r.issuedDate ? formatViDate(r.issuedDate) : '',
      title: r.title ?? '',
      onBehalf: r.signer?.onBehalf ?? '',
      position: r.signer?.position ?? '',
      signerName: r.signer?.name ?? '',
      recipients: (r.recipients ?? []).join('\n'),
    });
    setPeriodId(r.periodId);
  }, [report.data]);

  if (report.loading && !report.data) return <Loading />;
  if (report.error) return <ErrorMessage error={report.error} onRetry={report.reload} />;
  const r = report.data;
  if (!r) return null;
  const roles = session.roles.map((g) => g.role);
  const actions = statusActions(r.status, roles);
  const office = hasRole(session, 'office');
  // The server accepts metadata from the office until the report is approved.
  const metaEditable = office && (r.status === 'draft' || r.status === 'submitted');

  /** Sends a change to the report, then shows the report (and its preview) as the server now has it. */
  const change = async (send: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await send();
      report.reload();
      setVersion((v) => v + 1);
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(false);
    }
  };

  const changeStatus = async (action: (typeof actions)[number]) => {
    const { to, needsReason } = action;
    const asksReason = action.asksReason === true;
    if (needsReason && !reason.trim()) {
      setError(new Error(t('reasonRequired')));
      return;
    }
    const errors = errorsPassedOn(action.key, r.findings ?? []);
    if (
      errors > 0 &&
      !window.confirm(
        t(action.key === 'submit' ? 'submitOverErrors' : 'approveOverErrors', { count: errors }),
      )
    ) {
      return;
    }
    const why = needsReason || asksReason ? reason.trim() : '';
    await change(async () => {
      await api('POST', `${path}/status`, { status: to, ...(why ? { reason: why } : {}) });
      setReason('');
    });
  };

  const saveMeta = async (event: Event) => {
    event.preventDefault();
    const issued = meta.issuedDate.trim() ? parseViDate(meta.issuedDate) : null;
    if (meta.issuedDate.trim() && !issued) {
      setError(new Error(t('invalidDate')));
      return;
    }
    await change(() =>
      api('PATCH', path, {
        number: meta.number || null,
        issuedDate: issued,
        title: meta.title || null,
        signer: {
          onBehalf: meta.onBehalf.trim() || null,
          position: meta.position.trim() || null,
          name: meta.signerName.trim() || null,
        },
        recipients: meta.recipients
          .split('\n')
          .map((line) => line.trim())
          .filter(Boolean),
      }),
    );
  };

  const download = async (format: 'docx' | 'pdf') => {
    setDownloading(format);
    setError(null);
    try {
      await downloadFile(`${path}/render?format=${format}`, `bao-cao-${r.periodId}.${format}`);
    } catch (err) {
      setError(err as Error);
    } finally {
      setDownloading(null);
    }
  };

  const needsReason = actions.some((a) => a.needsReason);
  const asksReason = !needsReason && actions.some((a) => a.asksReason);
  return (
    <section class="content report-page" aria-labelledby="report-title">
      <h2 id="report-title">
        {t('report')} {periodLabel(lang, r.periodId)} <StatusBadge status={r.status} />
      </h2>
      <fieldset class="toolbar">
        <legend class="visually-hidden">{t('status')}</legend>
        {(needsReason || asksReason) && (
          <label>
            {t(needsReason ? 'reopenReason' : 'returnReason')}
            <input value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
          </label>
        )}
        {actions.map((action) => (
          <button
            key={action.key}
            type="button"
            class={action.key === 'backToDraft' || action.key === 'reopen' ? 'secondary' : ''}
            disabled={busy}
            onClick={() => changeStatus(action)}
          >
            {t(action.key)}
          </button>
        ))}
        <button
          type="button"
          class="secondary"
          disabled={downloading !== null}
          onClick={() => download('docx')}
        >
          {downloading === 'docx' ? t('downloading') : t('downloadDocx')}
        </button>
        <button
          type="button"
          class="secondary"
          disabled={downloading !== null}
          onClick={() => download('pdf')}
        >
          {downloading === 'pdf' ? t('downloading') : t('downloadPdf')}
        </button>
      </fieldset>
      {error && <ErrorMessage error={error} />}
      {r.origin === 'imported' && <p class="notice">{t('importedReportNotice')}</p>}
      {r.status === 'draft' && r.reopenedReason && (
        <p class="notice">{t('reopenedBecause', { reason: r.reopenedReason })}</p>
      )}
      <form class="meta-form" onSubmit={saveMeta}>
        <label>
          {t('reportNumber')}
          <input value={meta.number} disabled={!metaEditable} onInput={field('number')} />
        </label>
        <label>
          {t('issuedDate')}
          <input
            placeholder={t('datePlaceholder')}
            inputMode="numeric"
            value={meta.issuedDate}
            disabled={!metaEditable}
            onInput={field('issuedDate')}
          />
        </label>
        <label class="wide">
          {t('title')}
          <input value={meta.title} disabled={!metaEditable} onInput={field('title')} />
        </label>
        <details class="wide">
          <summary>{t('signerAndRecipients')}</summary>
          <div class="meta-form">
            <label>
              {t('signerOnBehalf')}
              <input value={meta.onBehalf} disabled={!metaEditable} onInput={field('onBehalf')} />
            </label>
            <label>
              {t('signerPosition')}
              <input value={meta.position} disabled={!metaEditable} onInput={field('position')} />
            </label>
            <label>
              {t('signerName')}
              <input value={meta.signerName} disabled={!metaEditable} onInput={field('signerName')} />
            </label>
            <label class="wide">
              {t('recipients')}
              <textarea
                rows={5}
                value={meta.recipients}
                disabled={!metaEditable}
                onInput={field('recipients')}
              />
            </label>
          </div>
        </details>
        {metaEditable && (
          <button type="submit" class="secondary" disabled={busy}>
            {t('save')}
          </button>
        )}
      </form>
      <p>
        <a href={`#/items?report=${encodeURIComponent(r.id)}`}>{t('items')}</a>
      </p>
      <FindingsList findings={r.findings ?? []} />
      <h3>{t('preview')}</h3>
      <ReportPreview path={path} version={version} />
    </section>
  );
}
