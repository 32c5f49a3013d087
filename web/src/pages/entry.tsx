import { useEffect, useMemo, useState } from 'preact/hooks';
import { parsePeriod, periodId as periodIdOf, previousPeriod } from '../../../src/domain/period.js';
import { reportHoldingPeriod } from '../../../src/domain/report-hold.js';
import { api, orgPath } from '../api.js';
import type {
  CatalogueIndicator,
  Finding,
  ReportSummary,
  ReportTemplateView,
  StoredValue,
  Unit,
} from '../api-types.js';
import { canEditUnit, useApp } from '../app-context.js';
import { bySeverity, FindingLine, FindingsList } from '../components/findings-list.js';
import { ErrorMessage, Loading } from '../components/status.js';
import { ValueSheetTools } from '../components/value-sheet-tools.js';
import { formatValue, readTypedNumber } from '../format.js';
import { periodLabel, unitLabel, useI18n } from '../i18n.js';
import { useLeaveGuard } from '../leave-guard.js';
import { listOf } from '../lists.js';
import { ratioOffer } from '../ratio-offer.js';
import { navigate, useRoute } from '../router.js';
import { flattenSections, sectionTitle } from '../template.js';
import { useAsync, useDebounced } from '../use-async.js';

interface EntryData {
  template: ReportTemplateView;
  indicators: Map<string, CatalogueIndicator>;
  values: StoredValue[];
  previousId: string;
  previous: StoredValue[];
  /** Unit names by code: a section names the unit that writes it by code. */
  unitNames: Map<string, string>;
  /** The submitted, approved or locked report that holds this period's figures, if any. */
  holding: ReportSummary | undefined;
}

/** The indicator's own figure for each code (a value without a breakdown), first one wins. */
function ownFigures(values: readonly StoredValue[]): Map<string, StoredValue> {
  const map = new Map<string, StoredValue>();
  for (const v of values) if (!v.breakdown && !map.has(v.indicator)) map.set(v.indicator, v);
  return map;
}

export function EntryPage() {
  const { orgId, periodId, session } = useApp();
  const { t, lang } = useI18n();
  const route = useRoute();
  const data = useAsync<EntryData>(async () => {
    // The previous period's figures sit beside the inputs: continuity is what people check first.
    const previousId = periodIdOf(previousPeriod(parsePeriod(periodId)));
    const [template, catalogue, values, previous, units, reports] = await Promise.all([
      api<ReportTemplateView>('GET', orgPath(orgId, '/template')),
      api<unknown>('GET', orgPath(orgId, '/catalogue')),
      api<unknown>('GET', orgPath(orgId, `/values?period=${encodeURIComponent(periodId)}`)),
      api<unknown>('GET', orgPath(orgId, `/values?period=${encodeURIComponent(previousId)}`)),
      api<unknown>('GET', orgPath(orgId, '/units')),
      api<unknown>('GET', orgPath(orgId, '/reports')),
    ]);
    const indicators = new Map(listOf<CatalogueIndicator>(catalogue, 'indicators').map((i) => [i.code, i]));
    return {
      template,
      indicators,
      values: listOf<StoredValue>(values, 'values'),
      previousId,
      previous: listOf<StoredValue>(previous, 'values'),
      unitNames: new Map(listOf<Unit>(units, 'units').map((u) => [u.code, u.name])),
      holding: reportHoldingPeriod(listOf<ReportSummary>(reports, 'reports'), periodId),
    };
  }, [orgId, periodId]);

  const sections = useMemo(
    () =>
      data.data ? flattenSections(data.data.template.sections).filter((s) => s.indicators.length > 0) : [],
    [data.data],
  );
  const own = sections.find((s) => canEditUnit(session, s.unit));
  const sectionKey = route.query.get('section') ?? own?.key ?? sections[0]?.key ?? '';
  const section = sections.find((s) => s.key === sectionKey);

  const [edits, setEdits] = useState<Record<string, string>>({});
  const [findings, setFindings] = useState<Finding[]>([]);
  const [checking, setChecking] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<Error | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const settledEdits = useDebounced(edits, 400);

  useEffect(() => {
    setEdits({});
    setNotice(null);
    setSaveError(null);
  }, [periodId, sectionKey]);

  // Typed figures not yet saved: leaving the section, the period, the page or the tab asks first.
  useLeaveGuard(Object.keys(edits).length > 0 ? t('entryUnsavedLeave') : null);

  const storedByIndicator = useMemo(() => ownFigures(data.data?.values ?? []), [data.data]);
  const previousByIndicator = useMemo(() => ownFigures(data.data?.previous ?? []), [data.data]);

  const parsedEdits = useMemo(() => {
    const out: { indicator: string; value: number }[] = [];
    for (const [indicator, text] of Object.entries(settledEdits)) {
      const read = readTypedNumber(text);
      if (read.ok && read.value !== null) out.push({ indicator, value: read.value });
    }
    return out;
  }, [settledEdits]);

  useEffect(() => {
    if (!data.data) return;
    let stale = false;
    setChecking(true);
    api<{ findings: Finding[] }>('POST', orgPath(orgId, '/validate'), { periodId, values: parsedEdits }).then(
      (result) => {
        if (stale) return;
        setFindings(result.findings ?? []);
        setChecking(false);
      },
      (error: Error) => {
        if (stale) return;
        setFindings([]);
        setSaveError(error);
        setChecking(false);
      },
    );
    return () => {
      stale = true;
    };
  }, [orgId, periodId, parsedEdits, data.data]);

  if (data.loading && !data.data) return <Loading />;
  if (data.error) return <ErrorMessage error={data.error} onRetry={data.reload} />;
  if (!data.data) return null;
  const { indicators } = data.data;
  const names = new Map(
    [...indicators.values()].map((i) => [i.code, lang === 'en' && i.nameEn ? i.nameEn : i.name]),
  );
  const { holding } = data.data;
  // Figures of a period whose report is with the director, approved or locked are shown, not edited.
  const editable = section ? canEditUnit(session, section.unit) && holding === undefined : false;
  const sectionCodes = new Set(section?.indicators ?? []);
  const sectionFindings = findings.filter((f) => f.indicators.some((code) => sectionCodes.has(code)));
  const invalid = Object.entries(edits).filter(([, text]) => !readTypedNumber(text).ok);
  // Beside a field: the checks between figures (parts, ratios, continuity); missing figures only in the list below.
  const rowFindings = (code: string) =>
    bySeverity(sectionFindings.filter((f) => f.indicators.includes(code) && !f.rule.startsWith('required')));

  const save = async (event: Event) => {
    event.preventDefault();
    if (!section) return;
    const read = Object.entries(edits).map(([indicator, text]) => ({
      indicator,
      read: readTypedNumber(text),
    }));
    const values = read
      .filter((e) => e.read.ok && e.read.value !== null)
      .map((e) => ({ indicator: e.indicator, value: (e.read as { value: number }).value }));
    // An emptied field takes back the figure stored for the organisation.
    const remove = read
      .filter((e) => e.read.ok && e.read.value === null)
      .map((e) => storedByIndicator.get(e.indicator))
      .filter((v): v is StoredValue => v !== undefined && v.unitId === null)
      .map((v) => ({ indicator: v.indicator, scope: v.scope }));
    if (values.length === 0 && remove.length === 0) {
      setNotice(t('nothingToSave'));
      return;
    }
    setSaving(true);
    setSaveError(null);
    setNotice(null);
    try {
      const result = await api<{ saved: number; removed?: number; findings?: Finding[] }>(
        'PUT',
        orgPath(orgId, '/values'),
        {
          periodId,
          ...(section.unit ? { unitCode: section.unit } : {}),
          values,
          ...(remove.length > 0 ? { remove } : {}),
        },
      );
      const removed = result.removed ?? 0;
      const saved = result.saved ?? values.length;
      setNotice(
        removed > 0
          ? t('savedRemoved', { n: saved, m: removed })
          : saved === 0
            ? t('nothingToSave')
            : t('saved', { n: saved }),
      );
      if (result.findings) setFindings(result.findings);
      setEdits({});
      data.reload();
    } catch (error) {
      setSaveError(error as Error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <div class="with-sidebar">
      <nav class="sidebar" aria-label={t('section')}>
        <ul>
          {sections.map((s) => (
            <li key={s.key}>
              <a
                href={`#/entry?section=${s.key}`}
                aria-current={s.key === sectionKey ? 'page' : undefined}
                class={canEditUnit(session, s.unit) ? 'own' : 'other'}
              >
                {s.path && <span class="muted">{s.path} </span>}
                {sectionTitle(s, lang, periodId)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <section class="content" aria-labelledby="entry-title">
        {section ? (
          <form onSubmit={save} noValidate>
            <h2 id="entry-title">{sectionTitle(section, lang, periodId)}</h2>
            <p class="muted">
              {t('sectionUnit')}:{' '}
              {section.unit ? (data.data?.unitNames.get(section.unit) ?? section.unit) : '—'}
            </p>
            {holding ? (
              <p class="notice">
                {t(holding.status === 'submitted' ? 'entrySubmitted' : 'entryFrozen', {
                  period: periodLabel(lang, holding.periodId),
                  status: t(`status_${holding.status}`),
                })}
              </p>
            ) : (
              !editable && <p class="notice">{t('readOnlySection')}</p>
            )}
            <table class="entry-table">
              <thead>
                <tr>
                  <th scope="col">{t('indicator')}</th>
                  <th scope="col">{t('value')}</th>
                  <th scope="col">{t('unit')}</th>
                  <th scope="col" class="num">
                    {t('previous')}
                    <br />
                    <span class="muted">{periodLabel(lang, data.data.previousId)}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {section.indicators.map((code) => {
                  const indicator = indicators.get(code);
                  const stored = storedByIndicator.get(code);
                  const text = edits[code] ?? formatValue(stored?.value ?? null);
                  const bad = edits[code] !== undefined && !readTypedNumber(edits[code]!).ok;
                  const inputId = `value-${code.replace(/\./g, '-')}`;
                  const near = rowFindings(code);
                  const numerator = indicator?.formula
                    ? indicators.get(indicator.formula.numerator)
                    : undefined;
                  const computed = indicator
                    ? ratioOffer(
                        indicator,
                        { typed: edits, stored: data.data?.values ?? [] },
                        numerator !== undefined &&
                          [numerator.subsetOf, numerator.partOf].includes(indicator.formula?.denominator),
                      )
                    : null;
                  const described = [
                    bad ? `${inputId}-error` : '',
                    near.length > 0 ? `${inputId}-findings` : '',
                  ]
                    .filter(Boolean)
                    .join(' ');
                  return (
                    <tr key={code} class={edits[code] !== undefined ? 'changed' : ''}>
                      <th scope="row">
                        <label for={inputId}>{names.get(code) ?? code}</label>
                        {indicator?.required && (
                          <abbr class="required" title={t('requiredFigure')}>
                            {' '}
                            *
                          </abbr>
                        )}
                        {near.length > 0 && (
                          <ul id={`${inputId}-findings`} class="row-findings">
                            {near.map((finding, index) => (
                              <FindingLine key={`${finding.rule}-${index}`} finding={finding} />
                            ))}
                          </ul>
                        )}
                      </th>
                      <td>
                        <input
                          id={inputId}
                          data-indicator={code}
                          class="num"
                          inputMode="decimal"
                          autoComplete="off"
                          value={text}
                          disabled={!editable}
                          aria-invalid={bad ? 'true' : undefined}
                          aria-describedby={described || undefined}
                          onInput={(e) => {
                            const next = e.currentTarget.value;
                            setEdits((current) => ({ ...current, [code]: next }));
                          }}
                        />
                        {bad && (
                          <span id={`${inputId}-error`} class="field-error">
                            {t('invalidNumber')}
                          </span>
                        )}
                        {editable && computed && (
                          <span class="computed-ratio">
                            {t('entryRatioFromParts', {
                              numerator: formatValue(computed.numerator),
                              denominator: formatValue(computed.denominator),
                              value: formatValue(computed.value),
                            })}{' '}
                            <button
                              type="button"
                              class="link"
                              aria-label={t('entryRatioUseLabel', {
                                value: formatValue(computed.value),
                                indicator: names.get(code) ?? code,
                              })}
                              onClick={() =>
                                setEdits((current) => ({ ...current, [code]: formatValue(computed.value) }))
                              }
                            >
                              {t('entryRatioUse')}
                            </button>
                          </span>
                        )}
                      </td>
                      <td class="muted">{indicator ? unitLabel(lang, indicator.unit) : ''}</td>
                      <td class="num muted">{formatValue(previousByIndicator.get(code)?.value ?? null)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            {saveError && <ErrorMessage error={saveError} />}
            {notice && (
              <p class="ok" role="status">
                {notice}
              </p>
            )}
            {editable && (
              <button type="submit" disabled={saving || invalid.length > 0}>
                {saving ? t('saving') : t('save')}
              </button>
            )}
            <FindingsList findings={sectionFindings} checking={checking} names={names} />
          </form>
        ) : (
          <p>{t('noIndicators')}</p>
        )}
        <ValueSheetTools onImported={data.reload} />
        {sections.length > 0 && !section && (
          <button type="button" onClick={() => navigate(`#/entry?section=${sections[0]!.key}`)}>
            {t('open')}
          </button>
        )}
      </section>
    </div>
  );
}
