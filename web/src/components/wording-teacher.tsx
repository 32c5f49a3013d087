import { useLayoutEffect, useState } from 'preact/hooks';
import { ApiError, api, orgPath } from '../api.js';
import type { CatalogueIndicator, LearntWording, WordingRequest } from '../api-types.js';
import { useApp } from '../app-context.js';
import { formatValue } from '../format.js';
import { useI18n } from '../i18n.js';
import { useAction } from '../use-action.js';
import { ActionOutcome } from './status.js';

/** A span of the source text a person selected. */
export interface SourceSelection {
  start: number;
  end: number;
  text: string;
}

/**
 * The selection inside `root` as offsets into its text, or null when nothing inside it is selected.
 * The source text is rendered as it came, so the offsets are the API's offsets into the decoded file.
 */
export function selectionWithin(root: Element, selection: Selection | null): SourceSelection | null {
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  if (!root.contains(range.startContainer) || !root.contains(range.endContainer)) return null;
  const offset = (node: Node, at: number) => {
    const before = document.createRange();
    before.setStart(root, 0);
    before.setEnd(node, at);
    return before.toString().length;
  };
  const start = offset(range.startContainer, range.startOffset);
  const end = offset(range.endContainer, range.endOffset);
  return end > start ? { start, end, text: range.toString() } : null;
}

const SCOPES: Array<{
  scope: WordingRequest['scope'];
  label: 'scopePeriod' | 'scopeAsOfEnd' | 'scopeCumulative';
}> = [
  { scope: 'period', label: 'scopePeriod' },
  { scope: 'as_of_end', label: 'scopeAsOfEnd' },
  { scope: 'cumulative', label: 'scopeCumulative' },
];

/** The scope an indicator's figures are usually stated in: stocks as of the end of the period, flows within it. */
export function usualScope(indicators: readonly CatalogueIndicator[], code: string): WordingRequest['scope'] {
  return indicators.find((i) => i.code === code)?.kind === 'stock' ? 'as_of_end' : 'period';
}

/** The catalogue's indicators as the options of an indicator select: name, then code. */
export function IndicatorOptions({
  indicators,
  names,
}: {
  indicators: readonly CatalogueIndicator[];
  names: ReadonlyMap<string, string>;
}) {
  return (
    <>
      {indicators.map((i) => (
        <option key={i.code} value={i.code}>
          {names.get(i.code) ?? i.name} ({i.code})
        </option>
      ))}
    </>
  );
}

/** The scopes as the options of a scope select. */
export function ScopeOptions() {
  const { t } = useI18n();
  return (
    <>
      {SCOPES.map((s) => (
        <option key={s.scope} value={s.scope}>
          {t(s.label)}
        </option>
      ))}
    </>
  );
}

/**
 * Teaches the importer a wording it missed: the selected words and an indicator become a pattern of the
 * organisation; the server checks that it reads the figure there and returns the file's review again.
 */
export function WordingTeacher({
  uploadId,
  selection,
  indicators,
  names,
  onLearnt,
  onKept,
}: {
  uploadId: string;
  selection: SourceSelection | null;
  indicators: readonly CatalogueIndicator[];
  names: ReadonlyMap<string, string>;
  onLearnt: (learnt: LearntWording) => void;
  /** The wording was kept but the file could not be read again (its period frozen meanwhile). */
  onKept: () => void;
}) {
  const { orgId } = useApp();
  const { t } = useI18n();
  const [indicator, setIndicator] = useState('');
  const [scope, setScope] = useState<WordingRequest['scope']>('period');
  const [value, setValue] = useState('');
  const { busy, error, run, clear } = useAction();
  const [notice, setNotice] = useState<string | null>(null);

  // A new selection is a new figure: what was typed for the previous one no longer applies. Cleared before
  // the teacher paints (a layout effect): an effect a frame later would wipe what was typed meanwhile.
  useLayoutEffect(() => {
    setValue('');
    setNotice(null);
    clear();
  }, [selection?.start, selection?.end]);

  const choose = (code: string) => {
    setIndicator(code);
    setScope(usualScope(indicators, code));
  };

  const submit = (event: Event) => {
    event.preventDefault();
    if (!selection || !indicator) return;
    setNotice(null);
    void run(async () => {
      const request: WordingRequest = {
        start: selection.start,
        end: selection.end,
        indicator,
        scope,
        ...(value.trim() !== '' ? { value: value.trim() } : {}),
      };
      const learnt = await api<LearntWording>(
        'POST',
        orgPath(orgId, `/imports/${encodeURIComponent(uploadId)}/wordings`),
        request,
      ).catch((refused: unknown) => {
        if (refused instanceof ApiError && refused.details?.wordingId !== undefined) onKept();
        throw refused;
      });
      setNotice(t('teachLearnt', { match: learnt.wording.match, value: formatValue(learnt.found.value) }));
      onLearnt(learnt);
    });
  };

  return (
    <details class="wording-teacher">
      <summary>{t('teachTitle')}</summary>
      <p class="muted">{t('teachHelp')}</p>
      <form onSubmit={submit}>
        <p>
          <strong>{t('teachSelected')}:</strong>{' '}
          {selection ? <q data-testid="teach-selection">{selection.text}</q> : t('teachNothingSelected')}
        </p>
        <label class="teach-field">
          {t('teachIndicator')}
          <select
            class="teach-control"
            value={indicator}
            required
            onChange={(e) => choose(e.currentTarget.value)}
          >
            <option value="">—</option>
            <IndicatorOptions indicators={indicators} names={names} />
          </select>
        </label>
        <label class="teach-field">
          {t('teachScope')}
          <select
            class="teach-control"
            value={scope}
            onChange={(e) => setScope(e.currentTarget.value as WordingRequest['scope'])}
          >
            <ScopeOptions />
          </select>
        </label>
        <label class="teach-field">
          {t('teachValue')}
          <input
            class="num teach-control"
            inputMode="decimal"
            value={value}
            onInput={(e) => setValue(e.currentTarget.value)}
          />
        </label>
        <button type="submit" disabled={busy || !selection || !indicator}>
          {t('teachSubmit')}
        </button>
      </form>
      <ActionOutcome error={error} notice={notice} />
    </details>
  );
}
