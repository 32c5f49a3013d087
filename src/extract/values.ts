import type { ReportValue } from '../domain/report-document.js';
import { parseViNumber } from '../domain/vietnamese/number.js';
import { idOfWord, patternWordCount } from './pattern-words.js';
import { originalOffset, type SourceText } from './source-text.js';
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
}

/** Rounds away float noise from unit conversion (38,5 × 1e9, 850 × 0.001). */
function clean(value: number): number {
  return Number.parseFloat(value.toPrecision(12));
}

/** Where words, numerals and digits occur in a text, so that each pattern runs only near its words. */
interface TextIndex {
  /**
   * Starts of the words patterns look for, by `patternWordId` (undefined: not in the text). A word
   * is a run of letters: digits split runs, "850kg" holds "kg".
   */
  words: Array<number[] | undefined>;
  /** Start of every numeral: a digit not preceded by a letter, digit, ".", "," or "_". */
  numerals: number[];
}

function isLetter(code: number): boolean {
  return code >= 0x61 && code <= 0x7a;
}

/** Indexes `text` in one pass. */
function indexText(text: string): TextIndex {
  const words: Array<number[] | undefined> = new Array(patternWordCount());
  const numerals: number[] = [];
  let start = -1;
  let key = 0;
  let previous = 0x20;
  for (let i = 0; i <= text.length; i++) {
    const code = i < text.length ? text.charCodeAt(i) : 0;
    if (isLetter(code)) {
      if (start < 0) {
        start = i;
        key = 0;
      }
      key = key * 27 + (code - 0x60);
      previous = code;
      continue;
    }
    if (
      isDigit(code) &&
      !isDigit(previous) &&
      !isLetter(previous) &&
      previous !== 0x2e &&
      previous !== 0x2c &&
      previous !== 0x5f
    ) {
      numerals.push(i);
    }
    previous = code;
    if (start >= 0) {
      const id = idOfWord(key, i - start);
      if (id >= 0) {
        const list = words[id];
        if (list) list.push(start);
        else words[id] = [start];
      }
    }
    start = -1;
  }
  return { words, numerals };
}

/** Where a pattern with a known opening can start, in text order; null when it cannot occur. */
function openingStarts(compiled: CompiledPattern, index: TextIndex): readonly number[] | null {
  if (compiled.openingWordId !== null) return index.words[compiled.openingWordId] ?? null;
  return compiled.opening?.kind === 'numeral' ? index.numerals : null;
}

type OnMatch = (match: RegExpExecArray, absolute: number) => void;

function stickyAt(text: string, sticky: RegExp, position: number, onMatch: OnMatch): void {
  sticky.lastIndex = position;
  const match = sticky.exec(text);
  if (match) onMatch(match, 0);
}

/** Index of the first element of a sorted list that is ≥ value. */
function firstAtOrAfter(list: readonly number[], value: number): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (list[middle]! < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** True when the sorted list holds a position in [from, to]. */
function hasWithin(list: readonly number[], from: number, to: number): boolean {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (list[middle]! < from) low = middle + 1;
    else high = middle;
  }
  return low < list.length && list[low]! <= to;
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

// Scratch space of `patternMatches`, reused for every pattern: allocating per pattern and text costs more
// than the checks save. (The matcher is synchronous, so one set suffices.)
const anchorOccurrences: Array<readonly number[]> = [];
const checkLists: Array<readonly number[]> = [];
const checkReaches: number[] = [];

/** Fills `anchorOccurrences` with each anchor's occurrences; false when one does not occur in the text. */
function findAnchors(
  anchors: CompiledPattern['anchors'],
  words: ReadonlyArray<number[] | undefined>,
): boolean {
  anchorOccurrences.length = 0;
  for (const anchor of anchors) {
    const found = words[anchor.id];
    if (!found) return false;
    anchorOccurrences.push(found);
  }
  return true;
}

/**
 * Fills `checkLists`/`checkReaches` with what a match must hold after its start: every anchor but
 * the driving one, rarest first, each within its reach, then the figure within its reach.
 */
function prepareChecks(compiled: CompiledPattern, driving: number, numerals: readonly number[]): void {
  checkLists.length = 0;
  checkReaches.length = 0;
  for (let a = 0; a < anchorOccurrences.length; a++) {
    if (a === driving) continue;
    const list = anchorOccurrences[a]!;
    const reach = compiled.anchors[a]!.before;
    let at = checkLists.length;
    checkLists.push(list);
    checkReaches.push(reach);
    while (at > 0 && checkLists[at - 1]!.length > list.length) {
      checkLists[at] = checkLists[at - 1]!;
      checkReaches[at] = checkReaches[at - 1]!;
      at--;
    }
    checkLists[at] = list;
    checkReaches[at] = reach;
  }
  if (compiled.numberReach !== Number.POSITIVE_INFINITY) {
    checkLists.push(numerals);
    checkReaches.push(compiled.numberReach);
  }
}

/** Whether a match starting at `start` can hold what `prepareChecks` asked for: far cheaper than an attempt. */
function worthTrying(start: number): boolean {
  for (let c = 0; c < checkLists.length; c++) {
    if (!hasWithin(checkLists[c]!, start, start + checkReaches[c]!)) return false;
  }
  return true;
}

function isWordCode(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || isDigit(code);
}

/**
 * Every match of a global expression, as `matchAll` gives them, without the copy of the
 * expression that `matchAll` makes on each call.
 */
function execAll(text: string, re: RegExp, onMatch: (match: RegExpExecArray) => void): void {
  re.lastIndex = 0;
  for (let match = re.exec(text); match; match = re.exec(text)) {
    if (match[0] === '') re.lastIndex++;
    onMatch(match);
  }
}

/**
 * Matches of one pattern: tried at its opening places shortly before its rarest anchor word, or,
 * for a pattern whose opening is unknown, scanned over windows around that word.
 */
function patternMatches(text: string, compiled: CompiledPattern, index: TextIndex, onMatch: OnMatch): void {
  const { re, anchors, sticky } = compiled;
  const { words, numerals } = index;
  if (sticky) {
    const starts = openingStarts(compiled, index);
    if (!starts) return;
    if (!findAnchors(anchors, words)) return;
    // Drive the search from the rarest anchor word: only starts shortly before it can begin a match.
    let driving = -1;
    let rarest = starts;
    for (let a = 0; a < anchorOccurrences.length; a++) {
      if (anchorOccurrences[a]!.length < rarest.length) {
        rarest = anchorOccurrences[a]!;
        driving = a;
      }
    }
    prepareChecks(compiled, driving, numerals);
    if (driving < 0) {
      for (const position of starts) if (worthTrying(position)) stickyAt(text, sticky, position, onMatch);
      return;
    }
    const reach = anchors[driving]!.before;
    let last = -1;
    for (const anchorPosition of rarest) {
      let i = firstAtOrAfter(starts, Math.max(anchorPosition - reach, last + 1));
      for (; i < starts.length && starts[i]! <= anchorPosition; i++) {
        last = starts[i]!;
        if (worthTrying(last)) stickyAt(text, sticky, last, onMatch);
      }
    }
    return;
  }
  if (anchors.length === 0) {
    execAll(text, re, (match) => onMatch(match, 0));
    return;
  }
  if (!findAnchors(anchors, words)) return;
  let anchor = anchors[0]!;
  let positions = anchorOccurrences[0]!;
  for (let a = 1; a < anchors.length; a++) {
    if (anchorOccurrences[a]!.length < positions.length) {
      positions = anchorOccurrences[a]!;
      anchor = anchors[a]!;
    }
  }
  const lists = anchorOccurrences;
  // A window is worth scanning only when every other anchor word occurs inside it too.
  const candidates = positions.filter((position) =>
    lists.every(
      (list) => list === positions || hasWithin(list, position - anchor.before, position + anchor.after),
    ),
  );
  // Overlapping windows are merged so that no stretch of text is scanned twice.
  let from = -1;
  let to = -1;
  const windows: Array<[number, number]> = [];
  for (const position of candidates) {
    const start = Math.max(position - anchor.before, 0);
    const end = Math.min(text.length, position + anchor.after);
    if (start <= to) to = Math.max(to, end);
    else {
      if (to > from) windows.push([from, to]);
      from = start;
      to = end;
    }
  }
  if (to > from) windows.push([from, to]);
  for (const [start, end] of windows) {
    const window = text.slice(start, end);
    execAll(window, re, (match) => {
      // A match cut by the window start would begin inside a word: the whole word is outside the window.
      if (start > 0 && match.index === 0 && isWordCode(text.charCodeAt(start - 1))) return;
      onMatch(match, start);
    });
  }
}

/** Runs every pattern over `folded[0, limit)` and returns all candidate values. */
export function findValueCandidates(
  folded: string,
  patterns: readonly CompiledPattern[],
  limit = folded.length,
): FoundValue[] {
  const text = limit < folded.length ? folded.slice(0, limit) : folded;
  const index = indexText(text);
  const found: FoundValue[] = [];
  const seen = new Set<number>();
  for (const compiled of patterns) {
    const { pattern } = compiled;
    seen.clear();
    patternMatches(text, compiled, index, (match, absolute) => {
      const start = absolute + match.index;
      const end = start + match[0].length;
      const key = start * 4096 + (end - start);
      if (seen.has(key)) return;
      seen.add(key);
      let value: number | null;
      let numberStart = start;
      let numberEnd = end;
      if (pattern.value !== undefined) {
        value = pattern.value;
      } else {
        const span = match.indices?.[1];
        if (!span || match[1] === undefined) return;
        value = parseViNumber(match[1]);
        numberStart = absolute + span[0];
        numberEnd = absolute + span[1];
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
        confidence: pattern.confidence,
        weight: compiled.weight,
      });
    });
  }
  return resolveOverlaps(found);
}

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
    const winners = new Map<string, FoundValue>();
    for (const v of list) {
      if (v.weight !== best) continue;
      const key = `${v.indicator}|${v.scope}|${v.qualifier ?? ''}`;
      if (!winners.has(key)) winners.set(key, v);
    }
    const indicators = new Set<string>();
    for (const v of winners.values()) indicators.add(v.indicator);
    for (const v of winners.values()) {
      kept.push(indicators.size > 1 ? { ...v, confidence: Math.min(v.confidence, 0.6) } : v);
    }
  }
  // Statements without a number ("Không có công dân đến") may be matched by a shorter and a longer wording.
  const byWeight = kept.sort((a, b) => b.weight - a.weight);
  const result: FoundValue[] = [];
  for (const value of byWeight) {
    const overlapping = result.some(
      (other) =>
        other.indicator === value.indicator &&
        other.scope === value.scope &&
        other.start < value.end &&
        value.start < other.end &&
        (other.numberStart === value.numberStart ||
          value.numberEnd - value.numberStart === value.end - value.start),
    );
    if (!overlapping) result.push(value);
  }
  return result.sort((a, b) => a.start - b.start || a.indicator.localeCompare(b.indicator));
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
