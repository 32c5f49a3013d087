import { useMemo, useRef, useState } from 'preact/hooks';
import { ApiError, api, orgPath, upload } from '../api.js';
import type {
  CatalogueIndicator,
  Finding,
  ImportAccepted,
  ImportReview,
  LearntWording,
} from '../api-types.js';
import { useApp } from '../app-context.js';
import { FindingsList } from '../components/findings-list.js';
import { ImportHistory } from '../components/import-history.js';
import { LearntWordings } from '../components/learnt-wordings.js';
import { PeriodPicker } from '../components/period-picker.js';
import { ActionOutcome } from '../components/status.js';
import { type SourceSelection, selectionWithin, WordingTeacher } from '../components/wording-teacher.js';
import { formatValue, readTypedNumber } from '../format.js';
import { segmentText } from '../highlight.js';
import { periodLabel, useI18n } from '../i18n.js';
import { type ImportDecision, importChoices, willStore } from '../import-decisions.js';
import { listOf } from '../lists.js';
import { useAsync } from '../use-async.js';

const ACCEPTED = '.txt,.md,.docx,.pdf';

const MAX_BYTES = 10 * 1024 * 1024;

type Decision = ImportDecision;

export function ImportPage() {
  const { orgId, periodId: appPeriodId } = useApp();
  const { t, lang } = useI18n();
  const [result, setResult] = useState<ImportReview | null>(null);
  const [decisions, setDecisions] = useState<Record<string, Decision>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const [selected, setSelected] = useState<string | null>(null);
  const [storedFindings, setStoredFindings] = useState<Finding[] | null>(null);
  const [sourceSelection, setSourceSelection] = useState<SourceSelection | null>(null);
  // A file whose period the importer cannot tell waits here for the person to choose its period.
  const [periodless, setPeriodless] = useState<File | null>(null);
  const [statedPeriod, setStatedPeriod] = useState(appPeriodId);
  // Bumped when a wording is learnt (or kept though the file was refused), so that the list shows it.
  const [wordingsVersion, setWordingsVersion] = useState(0);
  // Bumped when an upload waits for review or is accepted, so that the list of imports shows it.
  const [importsVersion, setImportsVersion] = useState(0);
  const sourceRef = useRef<HTMLPreElement>(null);

  const catalogue = useAsync(
    async () => listOf<CatalogueIndicator>(await api('GET', orgPath(orgId, '/catalogue')), 'indicators'),
    [orgId],
  );
  const names = useMemo(
    () => new Map((catalogue.data ?? []).map((i) => [i.code, lang === 'en' && i.nameEn ? i.nameEn : i.name])),
    [catalogue.data, lang],
  );
  const segments = useMemo(() => (result ? segmentText(result.sourceText, result.values) : []), [result]);
  const choices = result ? importChoices(result.values, decisions) : { ok: true as const, choices: [] };

  const read = async (file: File, periodId?: string) => {
    setError(null);
    setPeriodless(null);
    setNotice(null);
    setStoredFindings(null);
    setSourceSelection(null);
    if (file.size > MAX_BYTES) {
      setError(new Error('Tệp lớn hơn 10 MB.'));
      return;
    }
    setBusy(true);
    try {
      const form = new FormData();
      form.append('file', file, file.name);
      if (periodId) form.append('periodId', periodId);
      const imported = await upload<ImportReview>(orgPath(orgId, '/imports'), form);
      setImportsVersion((v) => v + 1);
      setResult(imported);
      // Another period is chosen starting from the one the file was read under.
      if (imported.meta?.periodId) setStatedPeriod(imported.meta.periodId);
      setDecisions(
        Object.fromEntries(imported.values.map((v) => [v.id, { accept: true, text: formatValue(v.value) }])),
      );
    } catch (err) {
      if (err instanceof ApiError && err.code === 'import.period_unknown') {
        setResult(null);
        setPeriodless(file);
      } else setError(err as Error);
    } finally {
      setBusy(false);
    }
  };

  const acceptAll = async () => {
    if (!result) return;
    const chosen = importChoices(result.values, decisions);
    if (!chosen.ok) return;
    setBusy(true);
    setError(null);
    try {
      const values = chosen.choices;
      const stored = await api<ImportAccepted>(
        'POST',
        orgPath(orgId, `/imports/${encodeURIComponent(result.importId)}/accept`),
        { values },
      );
      const counts = stored?.values;
      setNotice(
        counts
          ? t('importStored', {
              inserted: counts.inserted,
              updated: counts.updated,
              unchanged: counts.unchanged,
            })
          : t('importAccepted'),
      );
      setStoredFindings(stored?.findings ?? []);
      setImportsVersion((v) => v + 1);
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(false);
    }
  };

  // The file read again: decisions already made keep their figures (ids are stable), new figures are accepted.
  const showReadAgain = (review: ImportReview) => {
    setResult(review);
    setDecisions((previous) =>
      Object.fromEntries(
        review.values.map((v) => [v.id, previous[v.id] ?? { accept: true, text: formatValue(v.value) }]),
      ),
    );
  };

  // Read again under the period the person chooses.
  const rereadAs = async (periodId: string) => {
    if (!result) return;
    setBusy(true);
    setError(null);
    try {
      const review = await api<ImportReview>(
        'POST',
        orgPath(orgId, `/imports/${encodeURIComponent(result.importId)}/period`),
        { periodId },
      );
      showReadAgain(review);
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(false);
    }
  };

  // The review open now, read by callbacks made in an earlier render (a wording's edit answers later).
  const openReview = useRef<{ importId: ImportReview['importId']; accepted: boolean } | null>(null);
  openReview.current = result ? { importId: result.importId, accepted: storedFindings !== null } : null;

  // A wording corrected or forgotten: the file still waiting for review is read again with the wordings as they are.
  const rereadOpen = async () => {
    const open = openReview.current;
    if (!open || open.accepted) return;
    setBusy(true);
    setError(null);
    // Accepted, or another file opened, while the file was read again: that answer is of no use.
    const stillOpen = () =>
      openReview.current?.importId === open.importId && openReview.current.accepted === false;
    try {
      const review = await api<ImportReview>(
        'POST',
        orgPath(orgId, `/imports/${encodeURIComponent(open.importId)}/reread`),
      );
      if (!stillOpen()) return;
      showReadAgain(review);
      setNotice(t('importReadAgainWordings', { file: review.fileName }));
    } catch (err) {
      if (stillOpen()) setError(err as Error);
    } finally {
      setBusy(false);
    }
  };

  const noteSelection = () => {
    if (sourceRef.current) setSourceSelection(selectionWithin(sourceRef.current, window.getSelection()));
  };

  // The file read again with the new wording.
  const learnt = (wording: LearntWording) => {
    setWordingsVersion((v) => v + 1);
    const review = wording.review;
    showReadAgain(review);
    const added = review.values.find(
      (v) => v.indicator === wording.wording.indicator && v.start === wording.found.start,
    );
    if (added) requestAnimationFrame(() => showInText(added.id));
  };

  const showInText = (id: string) => {
    setSelected(id);
    document.getElementById(`src-${id}`)?.scrollIntoView({ block: 'center' });
  };

  return (
    <section class="content" aria-labelledby="import-title">
      <h2 id="import-title">{t('importTitle')}</h2>
      {/* biome-ignore lint/a11y/noStaticElementInteractions: dropping is a mouse shortcut; the file input inside is the keyboard path */}
      <div
        class={`dropzone${dragging ? ' dragging' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          const file = e.dataTransfer?.files[0];
          if (file) read(file);
        }}
      >
        <p>{t('dropHere')}</p>
        <label class="file-label">
          {t('chooseFile')}
          <input
            type="file"
            name="file"
            accept={ACCEPTED}
            disabled={busy}
            onChange={(e) => {
              const file = e.currentTarget.files?.[0];
              if (file) read(file);
            }}
          />
        </label>
        {busy && (
          <p role="status" class="muted">
            {t('reading')}
          </p>
        )}
      </div>
      <ActionOutcome error={error} notice={notice} />
      {periodless && (
        <section class="period-stated" aria-labelledby="period-stated-title">
          <p id="period-stated-title" class="alert-error" role="alert">
            {t('importNoPeriod', { file: periodless.name })}
          </p>
          <PeriodPicker value={statedPeriod} onChange={setStatedPeriod} />
          <button type="button" disabled={busy} onClick={() => read(periodless, statedPeriod)}>
            {t('importReadWithPeriod', { period: periodLabel(lang, statedPeriod) })}
          </button>
        </section>
      )}
      <LearntWordings
        names={names}
        indicators={catalogue.data ?? []}
        version={wordingsVersion}
        onChanged={() => void rereadOpen()}
      />
      <ImportHistory
        version={importsVersion}
        busy={busy}
        onReupload={(file, periodId) => read(file, periodId)}
      />
      {result && (
        <>
          <p>
            {t('detectedPeriod')}:{' '}
            <strong>{result.meta?.periodId ? periodLabel(lang, result.meta.periodId) : '—'}</strong>
            {result.meta?.number ? ` · ${result.meta.number}` : ''}
          </p>
          <details class="period-change">
            <summary>{t('importChangePeriod')}</summary>
            <PeriodPicker value={statedPeriod} onChange={setStatedPeriod} />
            <button type="button" disabled={busy} onClick={() => rereadAs(statedPeriod)}>
              {t('importReadWithPeriod', { period: periodLabel(lang, statedPeriod) })}
            </button>
          </details>
          {result.importedBefore && (
            <p class="alert-error" role="alert">
              {t('importedBefore', { id: result.importedBefore })}
            </p>
          )}
          {result.warnings && result.warnings.length > 0 && (
            <details>
              <summary>
                {t('warnings')} ({result.warnings.length})
              </summary>
              <ul>
                {result.warnings.map((w) => (
                  <li key={w}>{w}</li>
                ))}
              </ul>
            </details>
          )}
          <div class="import-grid">
            <div>
              <h3>{t('sourceText')}</h3>
              <pre class="source-text" ref={sourceRef} onMouseUp={noteSelection} onKeyUp={noteSelection}>
                {segments.map((s) =>
                  s.valueId ? (
                    <mark
                      key={s.start}
                      id={`src-${s.valueId}`}
                      title={
                        names.get(result.values.find((v) => v.id === s.valueId)?.indicator ?? '') ?? undefined
                      }
                      class={`${decisions[s.valueId]?.accept === false ? 'rejected' : ''}${selected === s.valueId ? ' selected' : ''}`}
                      data-value-id={s.valueId}
                    >
                      {s.text}
                    </mark>
                  ) : (
                    s.text
                  ),
                )}
              </pre>
              <WordingTeacher
                uploadId={result.importId}
                selection={sourceSelection}
                indicators={catalogue.data ?? []}
                names={names}
                onLearnt={learnt}
                onKept={() => setWordingsVersion((v) => v + 1)}
              />
            </div>
            <div>
              <h3>
                {t('extracted')} ({result.values.length})
              </h3>
              <div class="extracted-wrap">
                <table class="extracted">
                  <thead>
                    <tr>
                      <th scope="col">{t('indicator')}</th>
                      <th scope="col">{t('value')}</th>
                      <th scope="col">{t('accept')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {result.values.map((v) => {
                      const decision = decisions[v.id] ?? { accept: true, text: formatValue(v.value) };
                      const bad = !readTypedNumber(decision.text).ok;
                      return (
                        <tr key={v.id} class={willStore(decision) ? '' : 'rejected'} data-value-id={v.id}>
                          <th scope="row">
                            <button
                              type="button"
                              class="link"
                              title={v.indicator}
                              onClick={() => showInText(v.id)}
                            >
                              {names.get(v.indicator) ?? v.indicator}
                            </button>
                            {v.qualifier && <span class="muted"> ({v.qualifier})</span>}
                          </th>
                          <td>
                            <input
                              class="num"
                              inputMode="decimal"
                              aria-label={`${t('value')} ${v.indicator}`}
                              aria-invalid={bad ? 'true' : undefined}
                              value={decision.text}
                              onFocus={() => showInText(v.id)}
                              onInput={(e) => {
                                const text = e.currentTarget.value;
                                setDecisions((d) => ({ ...d, [v.id]: { ...decision, text } }));
                              }}
                            />
                          </td>
                          <td>
                            <input
                              type="checkbox"
                              aria-label={`${t('accept')} ${v.indicator}`}
                              checked={decision.accept}
                              onChange={(e) => {
                                const accept = e.currentTarget.checked;
                                setDecisions((d) => ({ ...d, [v.id]: { ...decision, accept } }));
                              }}
                            />
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
              {!choices.ok && (
                <p class="alert-error" role="alert">
                  {t('importUnreadable', {
                    names: choices.unreadable.map((code) => names.get(code) ?? code).join('; '),
                  })}
                </p>
              )}
              <button
                type="button"
                onClick={acceptAll}
                disabled={busy || notice !== null || !choices.ok || Boolean(result.importedBefore)}
              >
                {t('acceptImport')}
              </button>
            </div>
          </div>
          {storedFindings ? (
            <FindingsList findings={storedFindings} names={names} />
          ) : (
            result.findings &&
            result.findings.length > 0 && <FindingsList findings={result.findings} names={names} />
          )}
        </>
      )}
    </section>
  );
}
