import sentenceData from '../../catalogue/sentence-templates.json' with { type: 'json' };
import type { Catalogue, Indicator } from '../domain/indicator.js';
import { statedRatio } from '../domain/ratio.js';
import type { ReportValue, ValueScope } from '../domain/report-document.js';
import { formatViMoney, formatViNumber, formatViPercent } from '../domain/vietnamese/number.js';
import { markQualifier, placeQualifiers } from './qualifiers.js';

/**
 * Figure sentences written from templates (catalogue/sentence-templates.json, overridable per
 * organisation). A template names figures as {code}, {code@scope} with an optional |filter, and
 * period words as {periodWords}; a part in [[…]] is dropped when one of its figures is missing.
 */

export interface SentenceTemplate {
  /** "<section key>.<name>". */
  key: string;
  section: string;
  text: string;
}

/** The shipped templates in their written order. */
export function defaultSentenceTemplates(): SentenceTemplate[] {
  return Object.entries(sentenceData.sentences).map(([key, text]) => ({
    key,
    section: sectionOfKey(key),
    text,
  }));
}

export function sectionOfKey(key: string): string {
  const dot = key.indexOf('.');
  return dot < 0 ? key : key.slice(0, dot);
}

/**
 * Applies an organisation's overrides: a known key gets the new text (an empty text switches the
 * sentence off), a new key is appended to its section.
 */
export function mergeSentenceTemplates(
  defaults: readonly SentenceTemplate[],
  overrides: ReadonlyMap<string, string>,
): SentenceTemplate[] {
  const merged = defaults.map((t) => ({ ...t, text: overrides.get(t.key) ?? t.text }));
  for (const [key, text] of overrides) {
    if (!defaults.some((t) => t.key === key)) merged.push({ key, section: sectionOfKey(key), text });
  }
  return merged.filter((t) => t.text.trim() !== '');
}

/** Figures by indicator and scope, summed over breakdowns already. */
export type FigureSet = ReadonlyMap<string, number>;

export function figureKey(indicator: string, scope: ValueScope): string {
  return `${indicator}|${scope}`;
}

export interface SentenceContext {
  catalogue: Catalogue;
  current: FigureSet;
  /** The period "|change_prev" compares with (previous month/quarter, or the same period last year). */
  previous: FigureSet;
  lastYear: FigureSet;
  /** Qualifiers ("hơn", "ước"…) of current figures, by figureKey(); a figure without one is exact. */
  qualifiers?: ReadonlyMap<string, string>;
  /** "trong tháng", "so với tháng trước"…, see periodWords(). */
  words: Readonly<Record<string, string>>;
  /** A draft shows a missing figure as a visible marker; a final document leaves its sentence out. */
  draft: boolean;
}

export interface MissingFigure {
  indicator: string;
  name: string;
  templateKey: string;
}

export interface WrittenSentence {
  /** Null when the sentence is left out (none of its figures exist, or a final document misses one). */
  text: string | null;
  values: ReportValue[];
  missing: MissingFigure[];
}

export const MISSING_MARKER_PREFIX = 'thiếu số liệu: ';
/** Matches the marker a draft shows for a missing figure, for renderers to highlight it. */
export const MISSING_MARKER = /\[thiếu số liệu: [^\]]*\]/g;

const PLACEHOLDER = /\{([A-Za-z][\w.]*)(?:@(period|as_of_end|cumulative))?(?:\|(\w+))?\}/g;
const SEGMENT = /\[\[([\s\S]*?)\]\]/g;

const DEFAULT_SCOPE: Record<Indicator['kind'], ValueScope> = {
  flow: 'period',
  stock: 'as_of_end',
  ratio: 'period',
};
const SCOPES: readonly ValueScope[] = ['period', 'as_of_end', 'cumulative'];

interface Resolved {
  value: number;
  scope: ValueScope;
  /** Recomputed from its formula's parts rather than read as stored. */
  computed?: boolean;
}

function lookup(
  set: FigureSet,
  catalogue: Catalogue,
  code: string,
  scope: ValueScope | undefined,
): Resolved | null {
  const indicator = catalogue.get(code);
  const order = scope
    ? [scope]
    : [indicator ? DEFAULT_SCOPE[indicator.kind] : 'period', ...SCOPES].filter(
        (s, i, all) => all.indexOf(s) === i,
      );
  for (const s of order) {
    const value = set.get(figureKey(code, s));
    if (value !== undefined) return { value, scope: s };
  }
  return null;
}

/**
 * A figure as the report states it; a ratio with a formula is recomputed from its parts (same scope
 * first) so the stated percentage always agrees with the stated counts.
 */
export function resolveFigure(
  set: FigureSet,
  catalogue: Catalogue,
  code: string,
  scope: ValueScope | undefined,
): Resolved | null {
  const indicator = catalogue.get(code);
  const formula = indicator?.kind === 'ratio' ? indicator.formula : null;
  if (formula) {
    const stored = lookup(set, catalogue, code, scope);
    const partScope = scope ?? stored?.scope;
    const numerator =
      (partScope ? lookup(set, catalogue, formula.numerator, partScope) : null) ??
      lookup(set, catalogue, formula.numerator, undefined);
    const denominator =
      (partScope ? lookup(set, catalogue, formula.denominator, partScope) : null) ??
      lookup(set, catalogue, formula.denominator, undefined);
    const value = numerator && denominator ? statedRatio(formula, numerator.value, denominator.value) : null;
    if (numerator && value !== null) return { value, scope: partScope ?? numerator.scope, computed: true };
    return stored;
  }
  return lookup(set, catalogue, code, scope);
}

function formatFigure(value: number, filter: string | undefined, indicator: Indicator | undefined): string {
  switch (filter) {
    case 'pad':
      return formatViNumber(value, { pad: true });
    case 'pct':
      return formatViPercent(value);
    case 'money':
      return formatViMoney(value);
    case 'num':
      return formatViNumber(value);
    default:
      if (indicator?.unit === 'đồng') return formatViMoney(value);
      return formatViNumber(value);
  }
}

function formatChange(delta: number, asPercent: boolean): string {
  if (delta === 0) return 'không tăng';
  const amount = asPercent ? formatViPercent(Math.abs(delta)) : formatViNumber(Math.abs(delta));
  return `${delta > 0 ? 'tăng' : 'giảm'} ${amount}`;
}

const FILTERS = ['pad', 'pct', 'money', 'num', 'change_prev', 'change_yoy'] as const;
/** The words a sentence may name besides figures (see periodWords()). */
export const SENTENCE_WORDS = ['periodWords', 'PeriodWords', 'period', 'previousWords', 'yoyWords'] as const;

/**
 * What is wrong with a sentence template an organisation writes, in Vietnamese, or null when it can be
 * written: every {…} names a known word or an indicator of the catalogue with a known scope and filter,
 * and every [[ opens a part that ]] closes.
 */
export function sentenceTemplateProblem(text: string, isIndicator: (code: string) => boolean): string | null {
  let open = false;
  for (const mark of text.matchAll(/\[\[|\]\]/g)) {
    if ((mark[0] === '[[') === open) {
      return 'Dấu [[ … ]] (phần bỏ đi khi thiếu số liệu) không khớp: mỗi [[ cần một ]] đóng lại, không lồng nhau.';
    }
    open = !open;
  }
  if (open)
    return 'Dấu [[ … ]] (phần bỏ đi khi thiếu số liệu) không khớp: mỗi [[ cần một ]] đóng lại, không lồng nhau.';
  for (const brace of text.matchAll(/\{[^{}]*\}|[{}]/g)) {
    const whole = brace[0];
    const match = /^\{([A-Za-z][\w.]*)(?:@([\w]+))?(?:\|(\w+))?\}$/.exec(whole);
    if (!match)
      return `"${whole}" không phải là chỗ điền số liệu hợp lệ (ví dụ: {ioffice.docs_sent} hoặc {periodWords}).`;
    const [, name, scope, filter] = match as unknown as [
      string,
      string,
      string | undefined,
      string | undefined,
    ];
    if (!name.includes('.')) {
      if (!(SENTENCE_WORDS as readonly string[]).includes(name) || scope || filter) {
        return `"${whole}" không phải là từ điền sẵn; dùng ${SENTENCE_WORDS.map((w) => `{${w}}`).join(', ')}.`;
      }
      continue;
    }
    if (!isIndicator(name)) return `Chỉ tiêu "${name}" trong "${whole}" không có trong danh mục.`;
    if (scope !== undefined && !(SCOPES as readonly string[]).includes(scope)) {
      return `Phạm vi "@${scope}" trong "${whole}" không có; dùng @period, @as_of_end hoặc @cumulative.`;
    }
    if (filter !== undefined && !(FILTERS as readonly string[]).includes(filter)) {
      return `Cách viết "|${filter}" trong "${whole}" không có; dùng ${FILTERS.map((f) => `|${f}`).join(', ')}.`;
    }
  }
  return null;
}

interface SegmentResult {
  text: string;
  values: ReportValue[];
  missing: string[];
  present: number;
}

function writeSegment(segment: string, context: SentenceContext): SegmentResult {
  const values: ReportValue[] = [];
  const missing: string[] = [];
  let present = 0;
  const text = segment.replace(PLACEHOLDER, (whole, name: string, scopeText?: string, filter?: string) => {
    if (!name.includes('.')) {
      const word = context.words[name];
      if (word === undefined) throw new Error(`Unknown sentence placeholder ${whole}`);
      return word;
    }
    const scope = scopeText as ValueScope | undefined;
    const indicator = context.catalogue.get(name);
    const current = resolveFigure(context.current, context.catalogue, name, scope);
    if (filter === 'change_prev' || filter === 'change_yoy') {
      const base = resolveFigure(
        filter === 'change_prev' ? context.previous : context.lastYear,
        context.catalogue,
        name,
        current?.scope ?? scope,
      );
      if (!current || !base) {
        missing.push(name);
        return whole;
      }
      present++;
      return formatChange(Math.round((current.value - base.value) * 100) / 100, indicator?.kind === 'ratio');
    }
    if (!current) {
      missing.push(name);
      return whole;
    }
    present++;
    const stated = formatFigure(current.value, filter, indicator);
    const qualifier = current.computed
      ? null
      : (context.qualifiers?.get(figureKey(name, current.scope)) ?? null);
    values.push({
      indicator: name,
      value: current.value,
      scope: current.scope,
      qualifier,
      text: stated,
      confidence: 1,
    });
    return markQualifier(qualifier, stated);
  });
  return { text: placeQualifiers(text), values, missing, present };
}

function capitalise(text: string): string {
  return text.charAt(0).toLocaleUpperCase('vi') + text.slice(1);
}

/** Writes one sentence; see WrittenSentence for when it is left out. */
export function writeSentence(template: SentenceTemplate, context: SentenceContext): WrittenSentence {
  const values: ReportValue[] = [];
  const missingCodes: string[] = [];
  let present = 0;
  const optional = template.text.replace(SEGMENT, (_, inner: string) => {
    const part = writeSegment(inner, context);
    if (part.missing.length > 0) return '';
    present += part.present;
    values.push(...part.values);
    return part.text;
  });
  const main = writeSegment(optional, context);
  present += main.present;
  values.push(...main.values);
  missingCodes.push(...main.missing);
  // Lines only made of optional parts count as present when any part was written.
  if (present === 0) return { text: null, values: [], missing: [] };
  const missing = missingCodes.map((code) => ({
    indicator: code,
    name: context.catalogue.get(code)?.name ?? code,
    templateKey: template.key,
  }));
  if (missing.length > 0 && !context.draft) return { text: null, values: [], missing };
  let text = main.text;
  for (const m of missing) {
    text = text.replace(PLACEHOLDER, (whole, name: string) =>
      name === m.indicator ? `[${MISSING_MARKER_PREFIX}${m.name}]` : whole,
    );
  }
  return { text: capitalise(text), values, missing };
}
