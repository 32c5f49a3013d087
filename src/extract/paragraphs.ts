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

interface Line {
  text: string;
  start: number;
  end: number;
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
  const first = text.charAt(0);
  if (first === '' || first !== first.toUpperCase() || text.length > 200) return false;
  // A lower-case ASCII letter settles it without upper-casing the whole line.
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x61 && code <= 0x7a) return false;
  }
  return /\p{L}{2}/u.test(text) && text === text.toUpperCase();
}

const NOT_BLANK = /\S/;
const OPENS_WITH_HASH = /^\s*#/;

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  while (start <= text.length) {
    let newline = text.indexOf('\n', start);
    if (newline < 0) newline = text.length;
    const end = newline > start && text.charCodeAt(newline - 1) === 13 ? newline - 1 : newline;
    lines.push({ text: text.slice(start, end), start, end });
    start = newline + 1;
  }
  return lines;
}

// '#', '*', tab, no-break space, or two spaces in a row. (The expression scans faster than a charCodeAt loop.)
const NEEDS_CLEANING = /[#*\t\u00a0]| {2}/;

function needsCleaning(text: string): boolean {
  return NEEDS_CLEANING.test(text);
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
  const lines = splitLines(source.text.slice(from, to));
  const blank = lines.map((l) => !NOT_BLANK.test(l.text));
  let nonEmpty = 0;
  let followedByBlank = 0;
  const lengths = new Int32Array(lines.length);
  for (let i = 0; i < lines.length; i++) {
    if (blank[i]) continue;
    lengths[nonEmpty++] = lines[i]!.text.length;
    if (i + 1 < lines.length && blank[i + 1]) followedByBlank++;
  }
  // PDF text puts a blank line after every hard-wrapped line; Word exports put one after every long paragraph.
  // (A typed array sorts numerically, without a comparison function call per step.)
  const sorted = lengths.subarray(0, nonEmpty).sort();
  const longLine = sorted[Math.floor(nonEmpty * 0.9)] ?? 0;
  const doubleSpaced = nonEmpty > 20 && followedByBlank / nonEmpty > 0.6 && longLine < 130;

  const paragraphs: Paragraph[] = [];
  let current: OpenParagraph | null = null;
  let blankBefore = false;
  const flush = () => {
    if (!current) return;
    // Runs of spaces are kept as two: they mark glyphs lost in PDF extraction. Parts are trimmed
    // lines: only a line that needed cleaning, or an empty one, can make a run.
    const joined = current.parts.join(' ');
    const runs = current.marked && joined.includes('  ');
    const text = (runs ? joined.replace(/\s{2,}/g, '  ') : joined).trim();
    if (text !== '') {
      const gaps = runs && text.includes('  ');
      paragraphs.push(new FoldedLazily(source, text, current.start, current.end, current.lines === 1, gaps));
    }
    current = null;
  };
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    const raw = line.text;
    if (blank[index]) {
      blankBefore = true;
      continue;
    }
    if (PAGE_NUMBER.test(raw)) continue;
    const marked = needsCleaning(raw);
    const text = marked ? cleanMarkedLine(raw) : raw.trim();
    const previous = current as OpenParagraph | null;
    const previousText = previous?.parts[previous.parts.length - 1] ?? '';
    // Cheapest tests first: most lines are settled by how the previous one ends or by a blank line.
    const startsNew =
      previous === null ||
      endsSentence(previousText) ||
      (blankBefore && !doubleSpaced) ||
      OPENS_WITH_HASH.test(raw) ||
      STARTS_BLOCK.test(text) ||
      isUpperCaseLine(previousText) ||
      // A short numbered heading line is followed by a capitalised first line of its content.
      (previous.lines === 1 &&
        HEADING_LINE.test(previousText) &&
        previousText.length < 100 &&
        !',;'.includes(lastMark(previousText)) &&
        /^\s*\p{Lu}/u.test(text));
    if (startsNew) {
      flush();
      current = {
        parts: [text],
        start: line.start + from,
        end: line.end + from,
        lines: 1,
        marked: marked || text === '',
      };
    } else if (previous) {
      previous.parts.push(text);
      previous.end = line.end + from;
      previous.lines++;
      previous.marked ||= marked || text === '';
    }
    blankBefore = false;
  }
  flush();
  return paragraphs;
}
