import { endianness } from 'node:os';
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

const COMBINING_RUN = /[\u0300-\u036f]+/g;

/** What `nfcByRanges` found: every character its own NFC form, combining marks besides, or other characters. */
type NfcScan = 'nfc' | 'marks' | 'other';

const OWN_NFC_RANGES = String.raw`\u0000-\u02ff\u1e00-\u1eff\u2010-\u2027\u2030-\u205e\u20a0-\u20bf\ufb00-\ufb06`;
const NOT_OWN_NFC = new RegExp(`[^${OWN_NFC_RANGES}]`);
// The combining marks NFC only composes or reorders. It replaces U+0340, U+0341, U+0343 and U+0344 (U+0344
// by two marks, so the text grows): a text holding one takes the full normalisation.
const NOT_OWN_NFC_NOR_MARK = new RegExp(`[^${OWN_NFC_RANGES}\\u0300-\\u033f\\u0342\\u0345-\\u036f]`, 'g');

/**
 * How far the text is NFC by its characters alone: each lies in a range whose characters are their own
 * NFC form and combine with nothing that follows (Basic Latin to IPA, Latin Extended Additional — the
 * precomposed Vietnamese letters —, general punctuation, currency signs, Latin ligatures). Vietnamese
 * text typed or exported with precomposed letters is. Text decomposed on a Mac holds combining marks
 * (U+0300–U+036F) too: only the clusters around them change. Another script is left to the full
 * normalisation.
 */
function nfcByRanges(text: string): NfcScan {
  // Expressions: a character class scans the text several times faster than a charCodeAt loop.
  const first = text.search(NOT_OWN_NFC);
  if (first < 0) return 'nfc';
  if (text.charCodeAt(first) > 0x36f) return 'other';
  NOT_OWN_NFC_NOR_MARK.lastIndex = first;
  return NOT_OWN_NFC_NOR_MARK.test(text) ? 'other' : 'marks';
}

/**
 * NFC per base-character cluster, recording where each output character came from. `whole`, the NFC
 * of the whole text, is needed only when characters outside the clusters may change.
 */
function normaliseClusters(original: string, whole: string | null): { text: string; map: Int32Array | null } {
  const map = new Int32Array((whole ?? original).length + 1);
  const parts: string[] = [];
  let length = 0;
  let copied = 0;
  // Only the clusters around combining marks change; the text between them is copied as is.
  for (const run of original.matchAll(COMBINING_RUN)) {
    const clusterStart = Math.max(copied, run.index - 1);
    for (let i = copied; i < clusterStart; i++) map[length++] = i;
    parts.push(original.slice(copied, clusterStart));
    const cluster = original.slice(clusterStart, run.index + run[0].length).normalize('NFC');
    for (let k = 0; k < cluster.length; k++) map[length++] = clusterStart;
    parts.push(cluster);
    copied = run.index + run[0].length;
  }
  for (let i = copied; i < original.length; i++) map[length++] = i;
  parts.push(original.slice(copied));
  map[length] = original.length;
  const text = parts.join('');
  if (whole === null)
    return text === original ? { text, map: null } : { text, map: map.subarray(0, length + 1) };
  // Characters NFC replaces one for one outside those clusters ("Ω" ohm sign → omega) keep the map valid.
  return text.length === whole.length ? { text: whole, map } : { text, map: null };
}

function normaliseWithMap(original: string): { text: string; map: Int32Array | null } {
  const scan = nfcByRanges(original);
  if (scan === 'nfc') return { text: original, map: null };
  // Characters of those ranges combine with no mark before them: NFC composes each cluster on its own.
  if (scan === 'marks') return normaliseClusters(original, null);
  const whole = original.normalize('NFC');
  if (whole === original) return { text: whole, map: null };
  return normaliseClusters(original, whole);
}

// One table maps every UTF-16 code unit to its folded lower-case form; '*' (Markdown emphasis) becomes a space.
const FOLD_TABLE = (() => {
  const table = new Uint16Array(0x2000);
  for (let code = 0; code < table.length; code++) {
    const ch = String.fromCharCode(code);
    const folded = foldDiacritics(ch).toLowerCase();
    table[code] = folded.length === 1 ? folded.charCodeAt(0) : code;
  }
  table[0x2a] = 0x20;
  // Combining marks left in NFC text (no precomposed form) become spaces so that lengths stay equal.
  for (let code = 0x300; code <= 0x36f; code++) table[code] = 0x20;
  return table;
})();

const LITTLE_ENDIAN = endianness() === 'LE';

/**
 * The UTF-16 code units of a text, copied natively: a loop over them is faster than one over
 * charCodeAt. `toText` turns (changed) units back into a string.
 */
export function codeUnits(
  text: string,
  littleEndian = LITTLE_ENDIAN,
): { units: Uint16Array; toText: () => string } {
  // Buffer's UTF-16 is little-endian; a big-endian machine's Uint16Array would read it byte-swapped.
  if (!littleEndian) {
    const units = Uint16Array.from({ length: text.length }, (_, i) => text.charCodeAt(i));
    const toText = () => {
      let out = '';
      for (let i = 0; i < units.length; i += 8192) out += String.fromCharCode(...units.subarray(i, i + 8192));
      return out;
    };
    return { units, toText };
  }
  const bytes = Buffer.from(text, 'utf16le');
  const units = new Uint16Array(bytes.buffer, bytes.byteOffset, bytes.length >> 1);
  return { units, toText: () => bytes.toString('utf16le') };
}

/** Folded, lower-cased copy of the same length. */
function foldSameLength(text: string): string {
  const { units, toText } = codeUnits(text);
  for (let i = 0; i < units.length; i++) {
    const code = units[i]!;
    if (code < 0x2000) units[i] = FOLD_TABLE[code]!;
  }
  return toText();
}

export function makeSourceText(original: string): SourceText {
  const { text, map } = normaliseWithMap(original);
  const folded = foldSameLength(text);
  return { original, text, folded, toOriginal: map };
}

/**
 * Whether the text is written with diacritics: Vietnamese prose has them on a third of its letters,
 * OCR and ASCII copies on almost none. The first page tells; null when it holds too few letters.
 */
export function hasDiacritics(source: SourceText): boolean | null {
  const end = Math.min(source.text.length, 3000);
  let marked = 0;
  let letters = 0;
  for (let i = 0; i < end; i++) {
    const code = source.text.charCodeAt(i);
    if (code >= 0xc0) {
      letters++;
      if ((source.folded.charCodeAt(i) | 0x20) !== (code | 0x20)) marked++;
    } else if ((code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a) letters++;
  }
  return letters > 100 ? marked / letters >= 0.08 : null;
}

/** Maps an offset in `text` (NFC) to the offset in the original decoded text. */
export function originalOffset(source: SourceText, offset: number): number {
  return source.toOriginal ? source.toOriginal[offset]! : offset;
}
