import type { ReportValue } from '../domain/report-document.js';
import { parseViNumber } from '../domain/vietnamese/number.js';
import { isDigit, isFoldedWordCode, isRegExpWhitespace } from './char-codes.js';
import { matchLiteralAt, scanLiteral } from './literal-pattern.js';
import { blankQualifiers, defaultOcrConfusions, type OcrConfusions } from './ocr-noise.js';
import { originalOffset, type SourceText } from './source-text.js';
import { indexText, qualifierTable, type TextIndex } from './text-index.js';
import type { CompiledPattern } from './value-patterns.js';

/** A value found in the text, before it is turned into the document's ReportValue. */
export interface FoundValue {
  indicator: string;
  scope: ReportValue['scope'];
  qualifier: string | null;
  value: number;
  /** Span of the matched words in the NFC text. */
  start: number;
  end: number;
  /** Span of the number itself in the NFC text (the whole match for fixed values). */
  numberStart: number;
  numberEnd: number;
  confidence: number;
  weight: number;
  /** `indicator|scope`: values of one group must not overlap. */
  group: string;
}

/** Rounds away float noise from unit conversion (38,5 × 1e9, 850 × 0.001). */
function clean(value: number): number {
  return Number.parseFloat(value.toPrecision(12));
}

/**
 * Index of the first element ≥ value of a sorted list, searching from `from` (all elements before it
 * are known to be smaller) with growing steps: cheap when the answer is near, logarithmic when far.
 */
function gallop(list: readonly number[], from: number, value: number): number {
  let low = from;
  let step = 1;
  while (low + step < list.length && list[low + step]! < value) {
    low += step;
    step *= 2;
  }
  let high = Math.min(low + step, list.length);
  if (low < list.length && list[low]! >= value) return low;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (list[middle]! < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The union of two sorted lists of distinct positions, sorted. */
function mergeSorted(a: readonly number[], b: readonly number[]): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) out.push(a[i]! < b[j]! ? a[i++]! : b[j++]!);
  while (i < a.length) out.push(a[i++]!);
  while (j < b.length) out.push(b[j++]!);
  return out;
}

/** True when the sorted list holds a position in [from, to]. */
function hasWithin(list: readonly number[], from: number, to: number): boolean {
  const at = gallop(list, 0, from);
  return at < list.length && list[at]! <= to;
}

/** A match's span and its figure's (`figureStart` -1: the match holds no figure). */
type OnMatch = (start: number, end: number, figureStart: number, figureEnd: number) => void;

/** Reports a regular expression's match, offset by `offset`, with the place of its figure (group 1). */
function reportMatch(match: RegExpExecArray, offset: number, onMatch: OnMatch): void {
  const start = offset + match.index;
  const end = start + match[0].length;
  const figure = match[1];
  if (figure === undefined) {
    onMatch(start, end, -1, -1);
    return;
  }
  // Without the groups' places (a sticky try) the figure's digits occur once in the match.
  const at = offset + (match.indices?.[1]?.[0] ?? match.index + match[0].indexOf(figure));
  onMatch(start, end, at, at + figure.length);
}

/**
 * Runs value patterns over one text. Each pattern's expression is tried only where a match can
 * start: at its opening word or numeral, shortly before its rarest anchor word, and only where every
 * other anchor word and the figure follow within reach; a pattern with no known opening is scanned
 * over windows around its rarest anchor word. The scratch space is reused for every pattern:
 * allocating per pattern and text costs more than the checks save.
 */
class TextMatcher {
  private readonly index: TextIndex;
  /** Occurrences of each anchor word of the current pattern. */
  private readonly occurrences: Array<readonly number[]> = [];
  /** What a match starting at a place must hold after it: a position of each list within its reach. */
  private checkCount = 0;
  private readonly checkLists: Array<readonly number[]> = [];
  private readonly checkReaches: number[] = [];
  /** Per check, the first position not before the last start tried (starts only grow). */
  private readonly checkCursors: number[] = [];

  readonly text: string;

  constructor(text: string, confusions: OcrConfusions) {
    const table = qualifierTable(confusions.qualifiers);
    this.index = table ? indexText(text, table) : indexText(blankQualifiers(text, confusions), new Map());
    this.text = this.index.text;
  }

  /** Calls `onMatch` for each match of the pattern, in text order. */
  run(compiled: CompiledPattern, onMatch: OnMatch): void {
    const { anchors } = compiled;
    if (anchors.length === 0 && !compiled.opens) {
      scanAll(this.text, compiled, 0, this.text.length, onMatch);
      return;
    }
    for (let a = 0; a < anchors.length; a++) {
      const found = this.index.words[anchors[a]!.id];
      if (!found) return;
      this.occurrences[a] = found;
    }
    if (compiled.opens) this.tryAtOpenings(compiled, onMatch);
    else this.scanWindows(compiled, onMatch);
  }

  private tryAtOpenings(compiled: CompiledPattern, onMatch: OnMatch): void {
    const starts = this.openingStarts(compiled);
    if (!starts) return;
    const { anchors } = compiled;
    // Drive the search from the rarest anchor word: only starts shortly before it can begin a match.
    let driving = -1;
    let rarest: readonly number[] = starts;
    for (let a = 0; a < anchors.length; a++) {
      if (this.occurrences[a]!.length < rarest.length) {
        rarest = this.occurrences[a]!;
        driving = a;
      }
    }
    this.prepareChecks(compiled, driving);
    const followers = compiled.numeralFollowers;
    if (driving < 0) {
      for (const start of starts) {
        if ((!followers || this.numeralFollowedBy(start, followers)) && this.worthTrying(start)) {
          this.tryAt(compiled, start, onMatch);
        }
      }
      return;
    }
    const reach = anchors[driving]!.before;
    let i = 0;
    for (const anchorPosition of rarest) {
      i = gallop(starts, i, anchorPosition - reach);
      for (; i < starts.length && starts[i]! <= anchorPosition; i++) {
        const start = starts[i]!;
        if ((!followers || this.numeralFollowedBy(start, followers)) && this.worthTrying(start)) {
          this.tryAt(compiled, start, onMatch);
        }
      }
    }
  }

  /**
   * Whether the numeral at `start` ends in a digit and, after any whitespace, the text goes on with one
   * of `words`: a numeral a match reads is all of the digits, dots and commas there (it cannot end
   * before a digit, and a dot or comma after it is neither whitespace nor a letter).
   */
  private numeralFollowedBy(start: number, words: readonly string[]): boolean {
    const { text } = this;
    let at = start;
    let code = text.charCodeAt(at);
    while (isDigit(code) || code === 0x2e || code === 0x2c) code = text.charCodeAt(++at);
    if (!isDigit(text.charCodeAt(at - 1))) return false;
    while (isRegExpWhitespace(code)) code = text.charCodeAt(++at);
    for (const word of words) if (text.startsWith(word, at)) return true;
    return false;
  }

  /** Where the pattern can start, in text order; undefined when it cannot occur in this text. */
  private openingStarts(compiled: CompiledPattern): readonly number[] | undefined {
    const ids = compiled.openingWordIds;
    if (ids.length === 0) return this.index.numerals;
    let merged: readonly number[] | undefined;
    for (const id of ids) {
      const list = this.index.words[id];
      if (list) merged = merged ? mergeSorted(merged, list) : list;
    }
    return merged;
  }

  /** The checks for every anchor but the driving one, rarest first, then for the figure. */
  private prepareChecks(compiled: CompiledPattern, driving: number): void {
    let count = 0;
    for (let a = 0; a < compiled.anchors.length; a++) {
      if (a === driving) continue;
      const list = this.occurrences[a]!;
      const reach = compiled.anchors[a]!.before;
      let at = count++;
      while (at > 0 && this.checkLists[at - 1]!.length > list.length) {
        this.checkLists[at] = this.checkLists[at - 1]!;
        this.checkReaches[at] = this.checkReaches[at - 1]!;
        at--;
      }
      this.checkLists[at] = list;
      this.checkReaches[at] = reach;
    }
    if (compiled.numberReach !== Number.POSITIVE_INFINITY) {
      this.checkLists[count] = this.index.numerals;
      this.checkReaches[count++] = compiled.numberReach;
    }
    for (let c = 0; c < count; c++) this.checkCursors[c] = 0;
    this.checkCount = count;
  }

  /** Whether a match starting at `start` can hold what the checks ask: far cheaper than an attempt. */
  private worthTrying(start: number): boolean {
    for (let c = 0; c < this.checkCount; c++) {
      const list = this.checkLists[c]!;
      const at = gallop(list, this.checkCursors[c]!, start);
      this.checkCursors[c] = at;
      if (at >= list.length || list[at]! > start + this.checkReaches[c]!) return false;
    }
    return true;
  }

  private tryAt(compiled: CompiledPattern, start: number, onMatch: OnMatch): void {
    if (compiled.literal) {
      const found = matchLiteralAt(compiled.literal, this.text, start);
      if (found) onMatch(found.start, found.end, found.figureStart, found.figureEnd);
      return;
    }
    const sticky = compiled.sticky!;
    sticky.lastIndex = start;
    let match = sticky.exec(this.text);
    if (!match) return;
    const figure = match[1];
    if (figure !== undefined && match[0].indexOf(figure) !== match[0].lastIndexOf(figure)) {
      const indexed = compiled.stickyWithIndices!;
      indexed.lastIndex = start;
      match = indexed.exec(this.text)!;
    }
    reportMatch(match, 0, onMatch);
  }

  private scanWindows(compiled: CompiledPattern, onMatch: OnMatch): void {
    const { anchors } = compiled;
    const { text } = this;
    let driving = 0;
    for (let a = 1; a < anchors.length; a++) {
      if (this.occurrences[a]!.length < this.occurrences[driving]!.length) driving = a;
    }
    const { before, after } = anchors[driving]!;
    // A window is worth scanning only when every other anchor word occurs inside it too; overlapping
    // windows are merged so that no stretch of text is scanned twice.
    let from = -1;
    let to = -1;
    for (const position of this.occurrences[driving]!) {
      let inside = true;
      for (let a = 0; a < anchors.length && inside; a++) {
        inside = a === driving || hasWithin(this.occurrences[a]!, position - before, position + after);
      }
      if (!inside) continue;
      const start = Math.max(position - before, 0);
      const end = Math.min(text.length, position + after);
      if (start <= to) to = Math.max(to, end);
      else {
        if (to > from) scanWindow(text, compiled, from, to, onMatch);
        from = start;
        to = end;
      }
    }
    if (to > from) scanWindow(text, compiled, from, to, onMatch);
  }
}

/** Every match of a global expression in `text`, reported with `offset` added to its place. */
function execAll(text: string, re: RegExp, offset: number, onMatch: OnMatch): void {
  re.lastIndex = 0;
  for (let match = re.exec(text); match; match = re.exec(text)) {
    if (match[0] === '') re.lastIndex++;
    reportMatch(match, offset, onMatch);
  }
}

/** Every match of the pattern in `text[start, end)` as its global expression finds them there. */
function scanAll(
  text: string,
  compiled: CompiledPattern,
  start: number,
  end: number,
  onMatch: OnMatch,
): void {
  const slice = start === 0 && end === text.length ? text : text.slice(start, end);
  if (!compiled.literal) {
    execAll(slice, compiled.re, start, onMatch);
    return;
  }
  scanLiteral(compiled.literal, slice, (m) =>
    onMatch(
      start + m.start,
      start + m.end,
      m.figureStart < 0 ? -1 : start + m.figureStart,
      m.figureStart < 0 ? -1 : start + m.figureEnd,
    ),
  );
}

function scanWindow(
  text: string,
  compiled: CompiledPattern,
  start: number,
  end: number,
  onMatch: OnMatch,
): void {
  // A match cut by the window start would begin inside a word: the whole word is outside the window.
  const cut = start > 0 && isFoldedWordCode(text.charCodeAt(start - 1));
  scanAll(text, compiled, start, end, (matchStart, matchEnd, figureStart, figureEnd) => {
    if (!(cut && matchStart === start)) onMatch(matchStart, matchEnd, figureStart, figureEnd);
  });
}

/**
 * Reports write counts of a thousand and more with a thousands dot ("1.918 chứng thư số"): a bare
 * four-digit number from 1900 to 2099 is far more often a year ("chỉ số chuyển đổi số cấp tỉnh 2020").
 * Read as a figure it is held for a person to review, below the review threshold, not stored.
 */
const YEAR = /^(?:19|20)\d\d$/;
const YEAR_CONFIDENCE = 0.5;

/** Runs every pattern over `folded[0, limit)` and returns all candidate values. */
export function findValueCandidates(
  folded: string,
  patterns: readonly CompiledPattern[],
  limit = folded.length,
  confusions: OcrConfusions = defaultOcrConfusions(),
): FoundValue[] {
  const text = limit < folded.length ? folded.slice(0, limit) : folded;
  const matcher = new TextMatcher(text, confusions);
  const found: FoundValue[] = [];
  for (const compiled of patterns) {
    const { pattern } = compiled;
    // Matches come in text order: a repeated span is the previous one.
    let lastStart = -1;
    let lastEnd = -1;
    matcher.run(compiled, (start, end, figureStart, figureEnd) => {
      if (start === lastStart && end === lastEnd) return;
      lastStart = start;
      lastEnd = end;
      let value: number | null;
      let numberStart = start;
      let numberEnd = end;
      let confidence = pattern.confidence;
      if (pattern.value !== undefined) {
        value = pattern.value;
      } else {
        if (figureStart < 0) return;
        const figure = matcher.text.slice(figureStart, figureEnd);
        value = parseViNumber(figure);
        numberStart = figureStart;
        numberEnd = figureEnd;
        if (YEAR.test(figure)) confidence = Math.min(confidence, YEAR_CONFIDENCE);
      }
      if (value === null) return;
      found.push({
        indicator: pattern.indicator,
        scope: pattern.scope,
        qualifier: pattern.qualifier,
        value: pattern.multiplier === 1 ? value : clean(value * pattern.multiplier),
        start,
        end,
        numberStart,
        numberEnd,
        confidence,
        weight: compiled.weight,
        group: compiled.group,
      });
    });
  }
  return resolveOverlaps(found);
}

/** Two values of one group and qualifier: the same reading of a number, whichever pattern found it. */
function sameReading(a: FoundValue, b: FoundValue): boolean {
  return a.group === b.group && (a.qualifier ?? '') === (b.qualifier ?? '');
}

/** The default collation `localeCompare` uses, made once. */
const byIndicator = new Intl.Collator().compare;

/**
 * On one number several patterns may match: the most specific (longest) wins, so that
 * "1.452 hồ sơ mức độ 3" is not also read as all dossiers. Equal weights for different
 * indicators are kept (a number can be two indicators) but lose confidence.
 */
function resolveOverlaps(found: FoundValue[]): FoundValue[] {
  const bySpan = new Map<number, FoundValue[]>();
  for (const value of found) {
    const key = value.numberStart * 4096 + (value.numberEnd - value.numberStart);
    const list = bySpan.get(key);
    if (list) list.push(value);
    else bySpan.set(key, [value]);
  }
  const kept: FoundValue[] = [];
  for (const list of bySpan.values()) {
    if (list.length === 1) {
      kept.push(list[0]!);
      continue;
    }
    let best = Number.NEGATIVE_INFINITY;
    for (const v of list) if (v.weight > best) best = v.weight;
    // The first of each group and qualifier among the heaviest (a handful: a list beats a keyed map).
    const winners: FoundValue[] = [];
    for (const v of list) {
      if (v.weight === best && !winners.some((w) => sameReading(w, v))) winners.push(v);
    }
    const shared = winners.some((w) => w.indicator !== winners[0]!.indicator);
    for (const v of winners) kept.push(shared ? { ...v, confidence: Math.min(v.confidence, 0.6) } : v);
  }
  // Statements without a number ("Không có công dân đến") may be matched by a shorter and a longer wording.
  const byWeight = kept.sort((a, b) => b.weight - a.weight);
  const result: FoundValue[] = [];
  const keptOf = new Map<string, FoundValue[]>();
  for (const value of byWeight) {
    const same = keptOf.get(value.group);
    const overlapping = same?.some(
      (other) =>
        other.start < value.end &&
        value.start < other.end &&
        (other.numberStart === value.numberStart ||
          value.numberEnd - value.numberStart === value.end - value.start),
    );
    if (overlapping) continue;
    result.push(value);
    if (same) same.push(value);
    else keptOf.set(value.group, [value]);
  }
  return result.sort((a, b) => a.start - b.start || byIndicator(a.indicator, b.indicator));
}

/** Turns found values into document values with spans into the original decoded text. */
export function toReportValues(source: SourceText, found: readonly FoundValue[]): ReportValue[] {
  return found.map((v) => ({
    indicator: v.indicator,
    value: v.value,
    scope: v.scope,
    qualifier: v.qualifier,
    text: source.text.slice(v.start, v.end),
    start: originalOffset(source, v.start),
    end: originalOffset(source, v.end),
    confidence: v.confidence,
  }));
}
