import { isDigit, isRegExpWhitespace } from './char-codes.js';
import type { SourceText } from './source-text.js';

/** A paragraph re-joined from hard-wrapped lines, with its span in the NFC text. */
export interface Paragraph {
  /** Text with Markdown heading marks and emphasis removed; runs of spaces kept as two (lost glyphs). */
  text: string;
  /** Folded lower-case form of `text`. */
  folded: string;
  start: number;
  end: number;
  /** True when the paragraph is one short line (a heading candidate). */
  singleLine: boolean;
  /** True when `text` holds a run of spaces (kept as two): glyphs lost in PDF extraction. */
  gaps: boolean;
}

const PAGE_NUMBER = /^\s*(?:-\s*)?(?:trang\s+)?\d{1,3}(?:\s*\/\s*\d{1,3})?\s*(?:-\s*)?$/i;
const STARTS_BLOCK =
  /^\s*(?:[-+•–*]\s|[-+•]\S|#|(?:[IVX]{1,4}|\d{1,2}(?:\.\d{1,2})?|[a-zđ])\s*[.):]\s|(?:[IVX]{1,4})\s{1,3}\p{Lu}|\d{1,2}\s{2,}\S)/u;
const HEADING_LINE = /^\s*[#*]*\s*(?:[IVX]{1,4}|\d{1,2}(?:\.\d{1,2})?|[a-zđ])\s*[.)]\s*\S/u;
/** The last non-space character, past closing quotes and brackets (end-anchored regexes are slow on long lines). */
function lastMark(text: string): string {
  let i = text.length - 1;
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t' || text[i] === '\r')) i--;
  if (i >= 1 && text[i] === '*' && text[i - 1] === '*') return '*';
  while (i >= 0 && (text[i] === '"' || text[i] === '”' || text[i] === ')')) i--;
  return i >= 0 ? text[i]! : '';
}

function endsSentence(text: string): boolean {
  return text !== '' && '.;:!?*'.includes(lastMark(text));
}

/** A paragraph whose folded text is made on first use: most paragraphs are never asked for it. */
class FoldedLazily implements Paragraph {
  private cached: string | undefined;

  constructor(
    private readonly source: SourceText,
    readonly text: string,
    readonly start: number,
    readonly end: number,
    readonly singleLine: boolean,
    readonly gaps: boolean,
  ) {}

  get folded(): string {
    if (this.cached === undefined) {
      const slice = this.source.folded.slice(this.start, this.end);
      this.cached =
        this.singleLine && !needsCleaning(slice) && !slice.startsWith(' ')
          ? slice
          : cleanLine(slice.replace(/\s+/g, ' ').trim());
    }
    return this.cached;
  }
}

/** "BÁO CÁO", "CỘNG HÒA …": an upper-case line stands alone. */
function isUpperCaseLine(text: string): boolean {
  // A lower-case ASCII letter settles it without upper-casing the whole line (or its first letter).
  const code = text.charCodeAt(0);
  if (code >= 0x61 && code <= 0x7a) return false;
  const first = text.charAt(0);
  if (first === '' || first !== first.toUpperCase() || text.length > 200) return false;
  for (let i = 1; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x61 && code <= 0x7a) return false;
  }
  return /\p{L}{2}/u.test(text) && text === text.toUpperCase();
}

/** The lines of a text: offsets of their starts, their ends (before the line break and a CR before it), and their first non-space characters. */
interface Lines {
  starts: number[];
  ends: number[];
  /** Offset of the first character `\S` matches, or the line's end when it is blank. */
  firsts: number[];
}

function splitLines(text: string): Lines {
  const lines: Lines = { starts: [], ends: [], firsts: [] };
  let start = 0;
  while (start <= text.length) {
    let newline = text.indexOf('\n', start);
    if (newline < 0) newline = text.length;
    const end = newline > start && text.charCodeAt(newline - 1) === 13 ? newline - 1 : newline;
    let first = start;
    while (first < end && isRegExpWhitespace(text.charCodeAt(first))) first++;
    lines.starts.push(start);
    lines.ends.push(end);
    lines.firsts.push(first);
    start = newline + 1;
  }
  return lines;
}

// '#', '*', tab, no-break space, or two spaces in a row. (The expression scans faster than a charCodeAt loop.)
const NEEDS_CLEANING = /[#*\t\u00a0]| {2}/;

function needsCleaning(text: string): boolean {
  return NEEDS_CLEANING.test(text);
}

const CLEANING_CHARACTERS = ['#', '*', '\t', '\u00a0'];
// Two spaces are searched by an expression: indexOf stops at every single space.
const DOUBLE_SPACE = / {2}/g;

/**
 * Answers `needsCleaning` for the lines of one text, asked in order: a native search per character
 * over the whole text costs a fraction of an expression run per line, and most lines hold none.
 * No mark spans a line break, so the next one at or after a line's start is in the line or after it.
 */
class CleaningMarks {
  /** Next offset of each of CLEANING_CHARACTERS, then of two spaces, from the last line's start (-1: not looked for; text length: none). */
  private readonly next: number[];

  constructor(private readonly text: string) {
    this.next = [...CLEANING_CHARACTERS.map(() => -1), -1];
  }

  /** Whether the line [start, end) needs cleaning; `start` must not decrease from one call to the next. */
  inLine(start: number, end: number): boolean {
    for (let k = 0; k < this.next.length; k++) {
      if (this.next[k]! < start) this.next[k] = this.nextMark(k, start);
      if (this.next[k]! < end) return true;
    }
    return false;
  }

  private nextMark(kind: number, from: number): number {
    if (kind < CLEANING_CHARACTERS.length) {
      const at = this.text.indexOf(CLEANING_CHARACTERS[kind]!, from);
      return at < 0 ? this.text.length : at;
    }
    DOUBLE_SPACE.lastIndex = from;
    return DOUBLE_SPACE.exec(this.text)?.index ?? this.text.length;
  }
}

/** What PAGE_NUMBER needs at a line's first non-space character: a dash, a digit, or "t" of "trang". */
function mayBePageNumber(text: string, first: number): boolean {
  const code = text.charCodeAt(first);
  return isDigit(code) || code === 0x2d || code === 0x74 || code === 0x54;
}

function cleanLine(text: string): string {
  // Most lines need no cleaning; the regular expressions below are the expensive path.
  return needsCleaning(text) ? cleanMarkedLine(text) : text.trim();
}

function cleanMarkedLine(text: string): string {
  return text
    .replace(/^\s*#{1,6}\s*/, '')
    .replace(/\*{2,3}/g, '')
    .replace(/[ \t\u00a0]{2,}/g, '  ')
    .replace(/[\t\u00a0]/g, ' ')
    .trim();
}

/** A paragraph being joined from its lines. */
interface OpenParagraph {
  parts: string[];
  start: number;
  end: number;
  lines: number;
  /** Some line needed cleaning (marks, tabs, runs of spaces) or was left empty by it. */
  marked: boolean;
}

/**
 * Re-joins hard-wrapped lines into paragraphs and drops page numbers. A line starts a new
 * paragraph when it opens with a bullet or a heading number, or when the previous line ended
 * a sentence; blank lines separate paragraphs unless the text is double-spaced throughout
 * (PDF extraction puts a blank line after every line).
 */
export function splitParagraphs(source: SourceText, from = 0, to = source.text.length): Paragraph[] {
  const text = source.text.slice(from, to);
  const lines = splitLines(text);
  const { starts, ends, firsts } = lines;
  const count = starts.length;
  let nonEmpty = 0;
  let followedByBlank = 0;
  const lengths = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    if (firsts[i] === ends[i]) continue;
    lengths[nonEmpty++] = ends[i]! - starts[i]!;
    if (i + 1 < count && firsts[i + 1] === ends[i + 1]) followedByBlank++;
  }
  // PDF text puts a blank line after every hard-wrapped line; Word exports put one after every long paragraph.
  // (A typed array sorts numerically, without a comparison function call per step.)
  const sorted = lengths.subarray(0, nonEmpty).sort();
  const longLine = sorted[Math.floor(nonEmpty * 0.9)] ?? 0;
  const doubleSpaced = nonEmpty > 20 && followedByBlank / nonEmpty > 0.6 && longLine < 130;

  const paragraphs: Paragraph[] = [];
  const marks = new CleaningMarks(text);
  let current: OpenParagraph | null = null;
  let blankBefore = false;
  const flush = () => {
    if (!current) return;
    // Runs of spaces are kept as two: they mark glyphs lost in PDF extraction. Parts are trimmed
    // lines: only a line that needed cleaning, or an empty one, can make a run.
    const joined = current.parts.join(' ');
    const runs = current.marked && joined.includes('  ');
    const paragraphText = (runs ? joined.replace(/\s{2,}/g, '  ') : joined).trim();
    if (paragraphText !== '') {
      const gaps = runs && paragraphText.includes('  ');
      paragraphs.push(
        new FoldedLazily(source, paragraphText, current.start, current.end, current.lines === 1, gaps),
      );
    }
    current = null;
  };
  for (let index = 0; index < count; index++) {
    const lineStart = starts[index]!;
    const lineEnd = ends[index]!;
    const first = firsts[index]!;
    if (first === lineEnd) {
      blankBefore = true;
      continue;
    }
    if (mayBePageNumber(text, first) && PAGE_NUMBER.test(text.slice(lineStart, lineEnd))) continue;
    const marked = marks.inLine(lineStart, lineEnd);
    // Starting at the first non-space character and trimming the end is trim(): both use the set `\s` matches.
    const lineText = marked
      ? cleanMarkedLine(text.slice(lineStart, lineEnd))
      : text.slice(first, lineEnd).trimEnd();
    const previous = current as OpenParagraph | null;
    const previousText = previous?.parts[previous.parts.length - 1] ?? '';
    // Cheapest tests first: most lines are settled by how the previous one ends or by a blank line.
    const startsNew =
      previous === null ||
      endsSentence(previousText) ||
      (blankBefore && !doubleSpaced) ||
      text.charCodeAt(first) === 0x23 ||
      STARTS_BLOCK.test(lineText) ||
      isUpperCaseLine(previousText) ||
      // A short numbered heading line is followed by a capitalised first line of its content.
      (previous.lines === 1 &&
        HEADING_LINE.test(previousText) &&
        previousText.length < 100 &&
        !',;'.includes(lastMark(previousText)) &&
        /^\s*\p{Lu}/u.test(lineText));
    if (startsNew) {
      flush();
      current = {
        parts: [lineText],
        start: lineStart + from,
        end: lineEnd + from,
        lines: 1,
        marked: marked || lineText === '',
      };
    } else if (previous) {
      previous.parts.push(lineText);
      previous.end = lineEnd + from;
      previous.lines++;
      previous.marked ||= marked || lineText === '';
    }
    blankBefore = false;
  }
  flush();
  return paragraphs;
}
