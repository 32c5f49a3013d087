import type { Citation } from '../domain/report-document.js';
import { parseViDate } from '../domain/vietnamese/date.js';
import { foldDiacritics } from '../domain/vietnamese/fold.js';
import { isDigit, isFoldedLetter, isRegExpWhitespace, isRegExpWordCode } from './char-codes.js';
import { originalOffset, type SourceText } from './source-text.js';

interface TypeEntry {
  type: string;
  re: RegExp;
  /** The abbreviations its symbols use, lower-cased for the comparison with a symbol's first segment. */
  abbreviations: string[];
  /**
   * The PIECES every match of `re` contains, as bits: a window without one of them cannot match,
   * so `re` is not run on it.
   */
  needs: number;
}

/** Letters and letter pairs in the type expressions, cheap to look for in one pass over a window. */
const PIECES = ['qu', 'gh', 'nh', 'ng', 'th', 'ho', 'ch', 'lu', 'tr', 'v', 'b', 'd'];
const pieceBit = (piece: string): number => {
  const index = PIECES.indexOf(piece);
  if (index < 0) throw new Error(`not in PIECES: ${piece}`);
  return 1 << index;
};

/** For a pair of ASCII codes, at [previous * 128 + code]: the bits of the PIECES ending with that pair. */
const PIECES_ENDING = (() => {
  const table = new Uint16Array(128 * 128);
  for (const piece of PIECES) {
    const last = piece.charCodeAt(piece.length - 1);
    for (let previous = 0; previous < 128; previous++) {
      if (piece.length === 1 || piece.charCodeAt(0) === previous)
        table[previous * 128 + last]! |= pieceBit(piece);
    }
  }
  return table;
})();

const typeEntry = (type: string, re: RegExp, abbreviations: string[], needs: string[]): TypeEntry => ({
  type,
  re,
  abbreviations: abbreviations.map((a) => a.toLowerCase()),
  needs: needs.reduce((bits, piece) => bits | pieceBit(piece), 0),
});

/** Document types as folded, OCR-tolerant patterns, with the abbreviation their symbols use. */
const TYPES: TypeEntry[] = [
  typeEntry('Quyết định', /qu[yi]\S{1,2}t\s*d\S{0,2}nh/g, ['QĐ', 'QD'], ['qu', 'nh']),
  typeEntry('Quy định', /quy\s+d\S{0,2}nh/g, ['QĐ', 'QD'], ['qu', 'nh']),
  typeEntry('Nghị định', /ngh\S{0,2}\s+d\S{0,2}nh/g, ['NĐ', 'ND'], ['gh', 'nh']),
  typeEntry('Nghị quyết', /ngh\S{0,2}\s+qu\S{0,2}t/g, ['NQ'], ['gh', 'qu']),
  typeEntry('Thông tư', /th\S{0,2}ng\s+t[uw]\b/g, ['TT'], ['th', 'ng']),
  typeEntry('Kế hoạch', /k\S{1,2}\s*ho\S{0,2}ch/g, ['KH'], ['ho', 'ch']),
  typeEntry('Công văn', /c\S{0,2}ng\s+v\S{0,2}n\b(?!\s*h)/g, ['CV'], ['ng', 'v']),
  typeEntry('Công văn', /v\S{0,2}n\s+b\S{0,2}n\b/g, [], ['v', 'b']),
  typeEntry('Chỉ thị', /ch\S{0,2}\s+th\S{0,2}\b/g, ['CT'], ['ch', 'th']),
  typeEntry('Hướng dẫn', /h\S{0,3}ng\s+d\S{0,2}n\b/g, ['HD', 'HĐ'], ['ng', 'd']),
  typeEntry('Thông báo', /th\S{0,2}ng\s+b\S{0,2}o\b/g, ['TB'], ['th', 'ng', 'b']),
  typeEntry('Kết luận', /k\S{1,2}t\s+lu\S{0,2}n/g, ['KL'], ['lu']),
  typeEntry('Chương trình', /ch\S{0,3}ng\s+tr\S{0,2}nh/g, ['CTr'], ['ch', 'tr']),
  typeEntry('Tờ trình', /t\S{0,2}\s+tr\S{0,2}nh/g, ['TTr'], ['tr', 'nh']),
  typeEntry('Thông báo', /th\S{0,2}ng\s+b\S{0,2}o/g, ['TB'], ['th', 'ng', 'b']),
];

const QCVN_TYPE = 'Quy chuẩn kỹ thuật quốc gia';

/** Number, separator and symbol: "695/QĐ-UBND", "43/2011/NĐ-CP", "15-CTr/TU", OCR "45/2016/QD-\nTTg". */
const SYMBOL_SEGMENT = '[A-Za-z0-9ĐđƯưƠơ&.]*[A-Za-zĐđƯưƠơ][A-Za-z0-9ĐđƯưƠơ&.]*';
// Sticky: it is tried only at the starts `anchorStartBefore` finds, which the lookbehind keeps exact.
const ANCHOR = new RegExp(
  String.raw`(?<![\w/])(\d{1,5}[a-z]?)\s?([/-])\s?((?:\d{4}\/)?${SYMBOL_SEGMENT}(?:\s?[-/]\s?${SYMBOL_SEGMENT})*)`,
  'yu',
);
const QCVN = /\bQCVN\s*(\d+)\s*:\s*(\d{4})\s*\/\s*([A-ZĐ]+)/gu;
const DATE_AFTER = /^,?\s*ng\S{1,3}\s+(\d{1,2}\s*\/\s*\d{1,2}\s*\/\s*\d{4})/;
const ISSUER_AFTER = /^\s*c\S{1,2}a\s+([^,;:()\n]{3,80}?)(?=\s+(?:ve|v\/v|nham|tai|trong|va)\b|[,;:()\n]|$)/;
const UPPER_CASE_LETTER = /[A-ZĐ]/;
const TWO_LETTERS = /[A-Za-zĐđ]{2}/;
const WHITESPACE_RUNS = /\s+/g;
// OCR loses the stroke of Đ: restore it in symbol segments that only exist with it.
const RESTORE = new Map([
  ['QD', 'QĐ'],
  ['ND', 'NĐ'],
  ['DU', 'ĐU'],
  ['DUK', 'ĐUK'],
  ['CBDTW', 'CBĐTW'],
  ['HDND', 'HĐND'],
]);

const SLASH = 0x2f;
const DASH = 0x2d;
const COLON = 0x3a;
const SEMICOLON = 0x3b;
const DOT = 0x2e;
const LETTER_S = 0x73;
/** What may follow the "s" of "số" in folded OCR text: "so", "s0", "s6", "sb", "se", "s&", "s€". */
const SO_TAILS = 'o06be&€';
/** How far before a number its document-type word is looked for. */
const WINDOW = 60;

/**
 * The only place an ANCHOR match can start if its first separator is the "/" or "-" at `at`:
 * the digit run right before it, past an optional letter and an optional space. The lookbehind
 * (no word character or "/" before the number) makes that run whole, so there is one such start
 * (-1 if none): a run longer than five digits cannot be the number.
 */
function anchorStartBefore(text: string, at: number): number {
  let end = at;
  if (end > 0 && isRegExpWhitespace(text.charCodeAt(end - 1))) end--;
  if (end > 0 && isFoldedLetter(text.charCodeAt(end - 1))) end--;
  let start = end;
  while (start > 0 && isDigit(text.charCodeAt(start - 1))) start--;
  const digits = end - start;
  if (digits < 1 || digits > 5) return -1;
  // The lookbehind, checked here to save running the expression ("4" in "12/4/2022").
  if (start > 0 && (isRegExpWordCode(text.charCodeAt(start - 1)) || text.charCodeAt(start - 1) === SLASH))
    return -1;
  return start;
}

/**
 * Finds ANCHOR matches as `text.matchAll(ANCHOR)` would, without trying every position: every
 * match has a separator, so the full expression runs only at the start each separator implies.
 */
class AnchorScanner {
  private nextSlash: number;
  private nextDash: number;

  constructor(private readonly text: string) {
    this.nextSlash = text.indexOf('/');
    this.nextDash = text.indexOf('-');
  }

  /** The first match starting at or after `from`, or null. Calls must come with `from` not decreasing. */
  next(from: number): RegExpExecArray | null {
    const { text } = this;
    while (this.nextSlash >= 0 || this.nextDash >= 0) {
      let separator: number;
      if (this.nextDash < 0 || (this.nextSlash >= 0 && this.nextSlash < this.nextDash)) {
        separator = this.nextSlash;
        this.nextSlash = text.indexOf('/', separator + 1);
      } else {
        separator = this.nextDash;
        this.nextDash = text.indexOf('-', separator + 1);
      }
      // Starts grow with their separators (no separator lies between a start and its own), so the
      // first that matches is the leftmost match; matchAll goes on from the end of the last one.
      const start = anchorStartBefore(text, separator);
      if (start < from) continue;
      ANCHOR.lastIndex = start;
      const match = ANCHOR.exec(text);
      if (match) return match;
    }
    return null;
  }
}

/**
 * The end of the window before a number once a trailing "số" and spaces are cut off: the same as
 * `.replace(/(^|\s)s[o06be&€]?\s*:?\s*$/, '').trimEnd()` on `folded.slice(from, to)`. Read
 * backwards, that expression has one way to match: its "s" is the last one in the window.
 */
function typeWindowEnd(folded: string, from: number, to: number): number {
  let end = skipSpaceBack(folded, from, to);
  if (end > from && folded.charCodeAt(end - 1) === COLON) end = skipSpaceBack(folded, from, end - 1);
  if (end > from && SO_TAILS.includes(folded[end - 1]!)) end--;
  if (end > from && folded.charCodeAt(end - 1) === LETTER_S) {
    const s = end - 1;
    if (s === from) return from;
    if (isRegExpWhitespace(folded.charCodeAt(s - 1))) return skipSpaceBack(folded, from, s - 1);
  }
  return skipSpaceBack(folded, from, to);
}

/** `to` moved back over whitespace, not past `from`. */
function skipSpaceBack(text: string, from: number, to: number): number {
  let end = to;
  while (end > from && isRegExpWhitespace(text.charCodeAt(end - 1))) end--;
  return end;
}

/** Restores Đ and cuts a word OCR glued to the last segment ("QD-\nTTgbao" → "QĐ-TTg"). */
function restoreSymbol(symbol: string): string {
  let compact = withoutWhitespace(symbol);
  if (compact.endsWith('.')) compact = compact.slice(0, -1);
  let restored = '';
  let partStart = 0;
  for (let i = 0; i < compact.length; i++) {
    const code = compact.charCodeAt(i);
    if (code !== DASH && code !== SLASH) continue;
    restored += restorePart(compact.slice(partStart, i)) + compact[i];
    partStart = i + 1;
  }
  return restored + restorePart(withoutGluedWord(compact.slice(partStart)));
}

/**
 * A segment with a lower-case word OCR glued to it cut off, as `.replace(/^([A-ZĐ]+[a-z]?)[a-z]{2,}$/,
 * '$1')` would: capitals, then only a–z, at least two of them; one lower-case letter stays when there
 * are three or more ("TTgbao" → "TTg", "TWve" → "TW").
 */
function withoutGluedWord(segment: string): string {
  let capitals = 0;
  while (capitals < segment.length && isCapital(segment.charCodeAt(capitals))) capitals++;
  const lowerCase = segment.length - capitals;
  if (capitals === 0 || lowerCase < 2) return segment;
  for (let i = capitals; i < segment.length; i++) if (!isFoldedLetter(segment.charCodeAt(i))) return segment;
  return segment.slice(0, lowerCase >= 3 ? capitals + 1 : capitals);
}

/** A–Z or Đ. */
function isCapital(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || code === 0x110;
}

/** A loop instead of /\s/.test: symbols are short and most have no space. */
function hasWhitespace(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (isRegExpWhitespace(text.charCodeAt(i))) return true;
  return false;
}

// A Map: a symbol part named like an object's own property ("constructor") is a word, not a lookup hit.
function restorePart(part: string): string {
  return RESTORE.get(part) ?? part;
}

interface TypeHit {
  type: string;
  abbreviations: string[];
  start: number;
  end: number;
}

/** The document-type words in a window before a number (folded text). */
function typeHits(window: string): TypeHit[] {
  const hits: TypeHit[] = [];
  const found = piecesIn(window);
  for (const entry of TYPES) {
    if ((found & entry.needs) !== entry.needs) continue;
    // An exec loop: matchAll would copy the expression on every call, fifteen times per number.
    entry.re.lastIndex = 0;
    for (let m = entry.re.exec(window); m; m = entry.re.exec(window)) {
      hits.push({
        type: entry.type,
        abbreviations: entry.abbreviations,
        start: m.index,
        end: m.index + m[0].length,
      });
    }
  }
  return hits.sort(byStart);
}

/** The PIECES in a window, as bits. */
function piecesIn(window: string): number {
  let found = 0;
  let previous = 0;
  for (let i = 0; i < window.length; i++) {
    const code = window.charCodeAt(i);
    // No piece has a character beyond ASCII; 0 as the previous code starts no pair.
    if (code >= 128) {
      previous = 0;
      continue;
    }
    found |= PIECES_ENDING[previous * 128 + code]!;
    previous = code;
  }
  return found;
}

function byStart(a: TypeHit, b: TypeHit): number {
  return a.start - b.start;
}

/** Picks the document type for a number: the type word agreeing with the symbol, else the nearest one. */
function typeFor(window: string, hits: readonly TypeHit[], symbol: string): string | null {
  let kind: string | null = null;
  let nearest: TypeHit | null = null;
  for (const hit of hits) {
    if (!endsNearNumber(window, hit.end)) continue;
    kind ??= symbolKind(symbol);
    if (hit.abbreviations.includes(kind)) return hit.type;
    nearest = hit;
  }
  return nearest === null ? null : nearest.type;
}

/**
 * Whether a type word ending at `from` is right before the number: at most four words after it
 * ("Kế hoạch phối hợp số"), none with two digits, ";" or ".". The same as testing
 * `between = window.slice(from).trim()` with `between === '' || (!/\d{2}|[;.]/.test(between) &&
 * between.split(/\s+/).length <= 4)`.
 */
function endsNearNumber(window: string, from: number): boolean {
  const end = skipSpaceBack(window, from, window.length);
  let gaps = 0;
  let inGap = true;
  for (let i = from; i < end; i++) {
    const code = window.charCodeAt(i);
    if (code === SEMICOLON || code === DOT) return false;
    if (isDigit(code) && i + 1 < end && isDigit(window.charCodeAt(i + 1))) return false;
    const space = isRegExpWhitespace(code);
    // Leading spaces are trimmed: only a space run after a word separates two words.
    if (space && !inGap && ++gaps > 3) return false;
    inGap = space;
  }
  return true;
}

/** The symbol's first segment after an optional year, lower-cased: "2016/QĐ-TTg" → "qđ". */
function symbolKind(symbol: string): string {
  const start = startsWithYear(symbol) ? 5 : 0;
  let end = start;
  while (end < symbol.length && symbol[end] !== '-' && symbol[end] !== '/') end++;
  return symbol.slice(start, end).toLowerCase();
}

/** Whether "number/symbol", spaces removed, is the report's own number. */
function isOwnNumber(ownNumber: string, num: string, rawSymbol: string): boolean {
  // The number and "/" have no spaces to remove: most numbers differ there, without building the string.
  if (ownNumber.charCodeAt(num.length) !== SLASH || !ownNumber.startsWith(num)) return false;
  return `${num}/${rawSymbol}`.replace(WHITESPACE_RUNS, '') === ownNumber;
}

function withoutWhitespace(text: string): string {
  return hasWhitespace(text) ? text.replace(WHITESPACE_RUNS, '') : text;
}

/** Whether a symbol starts with a year and "/": /^\d{4}\//. */
function startsWithYear(symbol: string): boolean {
  for (let i = 0; i < 4; i++) if (!isDigit(symbol.charCodeAt(i))) return false;
  return symbol.charCodeAt(4) === SLASH;
}

function issuerAfter(text: string, folded: string, from: number): string | null {
  const m = ISSUER_AFTER.exec(folded.slice(from, from + 120));
  if (!m || m[1] === undefined) return null;
  const start = from + m[0].length - m[1].length;
  return text.slice(start, start + m[1].length).trim() || null;
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) >= 0x80) return false;
  return true;
}

/** Case and diacritics folded; ASCII text is already NFC and has nothing to fold, so it skips both. */
function keyPart(text: string): string {
  return (isAscii(text) ? text : foldDiacritics(text.normalize('NFC'))).toUpperCase();
}

const TYPE_KEY_PARTS = new Map([...TYPES.map((entry) => entry.type), QCVN_TYPE].map((t) => [t, keyPart(t)]));

/** Normalised identity of a cited document: type + number + symbol, case and diacritics folded. */
export function citationKey(c: Pick<Citation, 'type' | 'number' | 'symbol'>): string {
  const type = TYPE_KEY_PARTS.get(c.type) ?? keyPart(c.type);
  const symbol = keyPart(c.symbol);
  return `${type}|${String(Number.parseInt(c.number, 10) || c.number)}|${withoutWhitespace(symbol)}`;
}

/** The citations found so far, once per document. */
class CitationSet {
  readonly found: Citation[] = [];
  private readonly keys = new Set<string>();

  /** The key of a citation with these parts, or null if it is not new. */
  newKey(type: string, number: string, symbol: string): string | null {
    const key = citationKey({ type, number, symbol });
    return this.keys.has(key) ? null : key;
  }

  add(key: string, citation: Citation): void {
    this.keys.add(key);
    this.found.push(citation);
  }
}

/** Every cited document in the text (numbered legal/administrative documents), once each. */
export function extractCitations(source: SourceText, ownNumber: string | null = null): Citation[] {
  const { text, folded } = source;
  const citations = new CitationSet();
  const anchors = new AnchorScanner(text);
  for (let m = anchors.next(0); m; m = anchors.next(m.index + m[0].length)) {
    const whole = m[0];
    const num = m[1]!;
    const rawSymbol = m[3]!;
    if (!UPPER_CASE_LETTER.test(rawSymbol) || !TWO_LETTERS.test(rawSymbol)) continue;
    if (ownNumber && isOwnNumber(ownNumber, num, rawSymbol)) continue;
    const windowStart = Math.max(0, m.index - WINDOW);
    // "số" and its OCR forms ("s6", "sb", "sé") may sit between the type word and the number.
    const before = folded.slice(windowStart, typeWindowEnd(folded, windowStart, m.index));
    const hits = typeHits(before);
    const type = typeFor(before, hits, rawSymbol);
    if (!type) continue;
    const symbol = restoreSymbol(rawSymbol);
    const key = citations.newKey(type, num, symbol);
    if (key === null) continue;
    const end = m.index + whole.length;
    const dateMatch = DATE_AFTER.exec(folded.slice(end, end + 30));
    const date = dateMatch?.[1] ? parseViDate(withoutWhitespace(dateMatch[1])) : null;
    const afterDate = dateMatch ? end + dateMatch[0].length : end;
    const typeStart = windowStart + (hits.length > 0 ? hits[hits.length - 1]!.start : before.length);
    citations.add(key, {
      type,
      number: num,
      symbol,
      date,
      issuer: issuerAfter(text, folded, afterDate),
      text: text.slice(typeStart, afterDate),
      start: originalOffset(source, typeStart),
      end: originalOffset(source, afterDate),
    });
  }
  addRegulations(source, citations);
  return citations.found;
}

/** National technical regulations: "QCVN 128:2021/BTTTT". */
function addRegulations(source: SourceText, citations: CitationSet): void {
  const { text } = source;
  const first = text.indexOf('QCVN');
  if (first < 0) return;
  // No match starts before the first "QCVN"; the exec loop leaves lastIndex at 0 when it ends.
  QCVN.lastIndex = first;
  for (let m = QCVN.exec(text); m; m = QCVN.exec(text)) {
    const number = m[1]!;
    const symbol = `${m[2]}/${m[3]}`;
    const key = citations.newKey(QCVN_TYPE, number, symbol);
    if (key === null) continue;
    citations.add(key, {
      type: QCVN_TYPE,
      number,
      symbol,
      date: null,
      issuer: null,
      text: m[0],
      start: originalOffset(source, m.index),
      end: originalOffset(source, m.index + m[0].length),
    });
  }
}
