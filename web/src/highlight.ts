/** A run of source text: plain, or the text of one extracted figure (by its id). */
export interface TextSegment {
  text: string;
  start: number;
  valueId: string | null;
}

interface Span {
  id: string;
  start: number;
  end: number;
}

/**
 * Cuts the source text at each extracted figure's [start, end) offsets so the figure can be highlighted
 * in place. Spans outside the text are ignored; of overlapping spans the earlier one wins.
 */
export function segmentText(text: string, spans: readonly Span[]): TextSegment[] {
  const ordered = spans
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
