import type { ReportValue } from '../domain/report-document.js';
import { parseViNumber } from '../domain/vietnamese/number.js';
import { originalOffset, type SourceText } from './source-text.js';
import { type CompiledPattern, MAX_ANCHOR_LENGTH } from './value-patterns.js';

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

/**
 * Positions of every run of letters (digits split runs: "850kg" holds "kg"), keyed by `wordKey`,
 * so that each pattern runs only where its anchor words occur; and the start of every numeral
 * (a digit not preceded by a letter, digit, ".", "," or "_"), found in the same pass.
 */
function wordIndex(text: string): { words: Map<number, number[]>; numerals: number[] } {
  const words = new Map<number, number[]>();
  const numerals: number[] = [];
  let start = -1;
  let key = 0;
  let previous = 0x20;
  for (let i = 0; i <= text.length; i++) {
    const code = i < text.length ? text.charCodeAt(i) : 0;
    if (code >= 0x61 && code <= 0x7a) {
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
      !(
        isDigit(previous) ||
        (previous >= 0x61 && previous <= 0x7a) ||
        previous === 0x2e ||
        previous === 0x2c ||
        previous === 0x5f
      )
    ) {
      numerals.push(i);
    }
    previous = code;
    // Over-long words are never anchors.
    if (start >= 0 && i - start <= MAX_ANCHOR_LENGTH) {
      const list = words.get(key);
      if (list) list.push(start);
      else words.set(key, [start]);
    }
    start = -1;
  }
  return { words, numerals };
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

/**
 * A pattern opening with the figure is tried only at numerals shortly before its rarest anchor
 * word, each once: far fewer attempts than running the expression over every window.
 */
function numeralsBefore(
  text: string,
  numerals: readonly number[],
  anchorPositions: readonly number[],
  reach: number,
  sticky: RegExp,
  onMatch: OnMatch,
): void {
  let next = 0;
  for (const position of anchorPositions) {
    let i = Math.max(next, firstAtOrAfter(numerals, position - reach));
    for (; i < numerals.length && numerals[i]! < position; i++) stickyAt(text, sticky, numerals[i]!, onMatch);
    next = i;
  }
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

/** Matches of one pattern: around its rarest anchor word's occurrences, or over the whole text. */
function patternMatches(
  text: string,
  compiled: CompiledPattern,
  words: Map<number, number[]>,
  numerals: readonly number[],
  onMatch: OnMatch,
): void {
  const { re, anchors, lead } = compiled;
  if (lead) {
    const starts = words.get(lead.key);
    if (!starts) return;
    // Drive the search from the rarest anchor word: only opening words shortly before it can start a match.
    let rarest: number[] = starts;
    let reach = Number.POSITIVE_INFINITY;
    for (const anchor of anchors) {
      const found = words.get(anchor.key);
      if (!found) return;
      if (found.length < rarest.length) {
        rarest = found;
        reach = anchor.before + anchor.after;
      }
    }
    if (rarest === starts) {
      for (const position of starts) stickyAt(text, lead.sticky, position, onMatch);
      return;
    }
    let last = -1;
    for (const anchorPosition of rarest) {
      let i = firstAtOrAfter(starts, Math.max(anchorPosition - reach, last + 1));
      for (; i < starts.length && starts[i]! <= anchorPosition; i++) {
        last = starts[i]!;
        stickyAt(text, lead.sticky, last, onMatch);
      }
    }
    return;
  }
  if (anchors.length === 0) {
    execAll(text, re, (match) => onMatch(match, 0));
    return;
  }
  let anchor = anchors[0]!;
  let positions: number[] | undefined;
  const lists: number[][] = [];
  for (const candidate of anchors) {
    const found = words.get(candidate.key);
    if (!found) return;
    lists.push(found);
    if (!positions || found.length < positions.length) {
      positions = found;
      anchor = candidate;
    }
  }
  // A window is worth scanning only when every other anchor word occurs inside it too.
  const candidates = (positions ?? []).filter((position) =>
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
  if (compiled.numberLead) {
    numeralsBefore(text, numerals, candidates, anchor.before, compiled.numberLead, onMatch);
    return;
  }
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
  const { words, numerals } = wordIndex(text);
  const found: FoundValue[] = [];
  const seen = new Set<number>();
  for (const compiled of patterns) {
    const { pattern } = compiled;
    seen.clear();
    patternMatches(text, compiled, words, numerals, (match, absolute) => {
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
