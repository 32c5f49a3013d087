import { useLayoutEffect, useState } from 'preact/hooks';
import { isPeriodId } from '../../../src/domain/period.js';
import { downloadFile, orgPath, upload } from '../api.js';
import type { ValueSheetImport } from '../api-types.js';
import { hasRole, useApp } from '../app-context.js';
import { useI18n } from '../i18n.js';
import { useAction } from '../use-action.js';
import { ActionOutcome } from './status.js';

/**
 * Figures as a spreadsheet: download a run of periods as XLSX or CSV; those who enter figures upload such a
 * sheet back (checked first if they like), all of it or nothing.
 */
export function ValueSheetTools({ onImported }: { onImported: () => void }) {
  const { orgId, periodId, session } = useApp();
  const { t } = useI18n();
  const [from, setFrom] = useState(periodId);
  const [to, setTo] = useState(periodId);
  const [format, setFormat] = useState<'xlsx' | 'csv'>('xlsx');
  const [file, setFile] = useState<File | null>(null);
  const { busy, error, run } = useAction();
  const [notice, setNotice] = useState<string | null>(null);

  // Before the page paints (a layout effect): an effect a frame later would wipe what was typed meanwhile.
  useLayoutEffect(() => {
    setFrom(periodId);
    setTo(periodId);
  }, [periodId]);

  const rangeOk = isPeriodId(from) && isPeriodId(to);
  const canImport = hasRole(session, 'office', 'editor');

  const download = () => {
    setNotice(null);
    return run(async () => {
      const query = new URLSearchParams({ from: from.trim(), to: to.trim(), format });
      await downloadFile(orgPath(orgId, `/values/export?${query}`), `so-lieu-${from}-${to}.${format}`);
    });
  };

  const send = (dryRun: boolean) => {
    if (!file) return;
    setNotice(null);
    return run(async () => {
      const form = new FormData();
      form.set('file', file);
      if (dryRun) form.set('dryRun', 'true');
      const result = await upload<ValueSheetImport>(orgPath(orgId, '/values/import'), form);
      const counts = {
        figures: result.figures,
        inserted: result.inserted,
        updated: result.updated,
        unchanged: result.unchanged,
      };
      setNotice(t(dryRun ? 'sheetChecked' : 'sheetImported', counts));
      if (!dryRun) onImported();
    });
  };

  return (
    <details class="sheet-tools">
      <summary>{t('sheetTitle')}</summary>
      <fieldset class="toolbar">
        <legend>{t('downloadSheet')}</legend>
        <label>
          {t('sheetFrom')}
          <input
            value={from}
            size={9}
            aria-invalid={isPeriodId(from) ? undefined : 'true'}
            onInput={(e) => setFrom(e.currentTarget.value)}
          />
        </label>
        <label>
          {t('sheetTo')}
          <input
            value={to}
            size={9}
            aria-invalid={isPeriodId(to) ? undefined : 'true'}
            onInput={(e) => setTo(e.currentTarget.value)}
          />
        </label>
        <label>
          {t('sheetFormat')}
          <select value={format} onChange={(e) => setFormat(e.currentTarget.value as 'xlsx' | 'csv')}>
            <option value="xlsx">Excel (.xlsx)</option>
            <option value="csv">CSV (UTF-8)</option>
          </select>
        </label>
        <button type="button" onClick={download} disabled={busy || !rangeOk}>
          {busy ? t('downloading') : t('downloadSheet')}
        </button>
      </fieldset>
      <p class="muted">{t('sheetHint')}</p>
      {canImport && (
        <fieldset class="toolbar">
          <legend>{t('importSheet')}</legend>
          <label>
            {t('chooseSheet')}
            <input
              type="file"
              accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
              onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)}
            />
          </label>
          <button type="button" class="secondary" onClick={() => send(true)} disabled={busy || !file}>
            {t('checkSheet')}
          </button>
          <button type="button" onClick={() => send(false)} disabled={busy || !file}>
            {t('importSheet')}
          </button>
        </fieldset>
      )}
      <ActionOutcome error={error} notice={notice} />
    </details>
  );
}
