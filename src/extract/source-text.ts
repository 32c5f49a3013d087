import { foldDiacritics } from '../domain/vietnamese/fold.js';

/**
 * The decoded text of a file, NFC-normalised, with a map back to offsets in the decoded
 * (pre-NFC) text so that every extracted fact can point at its span in the original.
 */
export interface SourceText {
  /** The file's decoded text as read (may contain NFD sequences). */
  readonly original: string;
  /** NFC form of `original`; all parsing works on this. */
  readonly text: string;
  /**
   * Folded, lower-cased `text` of the same length, with Markdown emphasis marks blanked:
   * patterns match here so that diacritics, case and bold do not matter.
   */
  readonly folded: string;
  /** Offset in `original` of each offset in `text` (length text.length + 1); null when identical. */
  readonly toOriginal: Int32Array | null;
}

function isCombining(code: number): boolean {
  return code >= 0x300 && code <= 0x36f;
}

/** NFC per base-character cluster, recording where each output character came from. */
function normaliseWithMap(original: string): { text: string; map: Int32Array | null } {
  const whole = original.normalize('NFC');
  if (whole === original) return { text: whole, map: null };
  const map = new Int32Array(whole.length + 1);
  const parts: string[] = [];
  let length = 0;
  let i = 0;
  while (i < original.length) {
    let j = i + 1;
    while (j < original.length && isCombining(original.charCodeAt(j))) j++;
    if (j === i + 1) {
      parts.push(original[i]!);
      map[length++] = i;
    } else {
      const cluster = original.slice(i, j).normalize('NFC');
      parts.push(cluster);
      for (let k = 0; k < cluster.length; k++) map[length++] = i;
    }
    i = j;
  }
  map[length] = original.length;
  const text = parts.join('');
  return { text, map: text.length === whole.length ? map : null };
}

/** Lower-cases character by character so the length never changes. */
function lowerSameLength(text: string): string {
  const lower = text.toLowerCase();
  if (lower.length === text.length) return lower;
  let out = '';
  for (const ch of text) {
    const l = ch.toLowerCase();
    out += l.length === ch.length ? l : ch;
  }
  return out;
}

/** Folds character by character when whole-text folding would change the length (stray combining marks). */
function foldSameLength(text: string): string {
  const folded = foldDiacritics(text);
  if (folded.length === text.length) return folded;
  let out = '';
  for (let i = 0; i < text.length; i++) out += foldDiacritics(text[i]!) || ' ';
  return out;
}

export function makeSourceText(original: string): SourceText {
  const { text, map } = normaliseWithMap(original);
  const folded = lowerSameLength(foldSameLength(text)).replace(/\*/g, ' ');
  return { original, text, folded, toOriginal: map };
}

/** Maps an offset in `text` (NFC) to the offset in the original decoded text. */
export function originalOffset(source: SourceText, offset: number): number {
  return source.toOriginal ? source.toOriginal[offset]! : offset;
}
