import { foldForSearch } from '../../src/domain/vietnamese/fold.js';

/** A run of source text: plain, or the text of one extracted figure (by its id). */
export interface TextSegment {
  text: string;
  start: number;
  valueId: string | null;
}

export interface Span {
  id: string;
  start: number;
  end: number;
}

/** A span as the importer reports it: a figure it could not place in the text has no offsets. */
export interface OptionalSpan {
  id: string;
  start: number | null;
  end: number | null;
}

function placed(span: OptionalSpan): span is Span {
  return span.start !== null && span.end !== null;
}

/**
 * Cuts the source text at each extracted figure's [start, end) offsets so the figure can be highlighted
 * in place. Spans without offsets or outside the text are ignored; of overlapping spans the earlier one wins.
 */
export function segmentText(text: string, spans: readonly OptionalSpan[]): TextSegment[] {
  const ordered = spans
    .filter(placed)
    .filter((s) => s.start >= 0 && s.end > s.start && s.end <= text.length)
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const segments: TextSegment[] = [];
  let at = 0;
  for (const span of ordered) {
    if (span.start < at) continue;
    if (span.start > at) segments.push({ text: text.slice(at, span.start), start: at, valueId: null });
    segments.push({ text: text.slice(span.start, span.end), start: span.start, valueId: span.id });
    at = span.end;
  }
  if (at < text.length) segments.push({ text: text.slice(at), start: at, valueId: null });
  return segments;
}

/**
 * Where the words of a search query occur in a text, ignoring diacritics and case ("quyet dinh 695" marks
 * "Quyết định số 695"). Folding keeps NFC text's length, so folded offsets are the text's offsets.
 */
export function queryMatches(text: string, query: string): Span[] {
  const nfc = text.normalize('NFC');
  const folded = foldForSearch(nfc);
  if (folded.length !== nfc.length) return [];
  const words = [
    ...new Set(
      foldForSearch(query)
        .split(/\s+/)
        .filter((w) => w.length >= 2 || /\d/.test(w)),
    ),
  ];
  const found: { start: number; end: number }[] = [];
  for (const word of words) {
    for (let at = folded.indexOf(word); at >= 0; at = folded.indexOf(word, at + word.length)) {
      found.push({ start: at, end: at + word.length });
    }
  }
  found.sort((a, b) => a.start - b.start);
  const merged: Span[] = [];
  for (const span of found) {
    const last = merged.at(-1);
    if (last && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else merged.push({ id: `m${merged.length}`, ...span });
  }
  return merged;
}
