import type { SourceText } from './source-text.js';

// A level-1 heading (Roman numeral) whose words announce the plan for the next period.
const LEVEL1_HEADING = /[ \t#*]*(?:i|ii|iii|iv|v|vi|vii|viii)[ \t]*[.:][ \t]*/y;
// Tolerant of glyphs lost in PDF headings ("PH  NG H ỚNG NHIỆM V ", "CH  NG TR NH C NG T C").
const PLAN_WORDS =
  /k\S{0,2}\s*ho.{0,2}ch|ph\S{0,3}\s*ng\s+h\S{0,3}\s*ng|h\s*ng h\S*ng|nhi\S{0,2}\s*m\s+v|ch\S{0,3}\s*ng\s+tr\s*\S{0,2}\s*nh\s+c\S{0,2}\s*ng\s+t|du kien/;
// Headings of the results part may also name tasks ("KẾT QUẢ TRIỂN KHAI THỰC HIỆN NHIỆM VỤ NĂM 2017").
const RESULT_WORDS = /^(?:k\S{0,2}\s*t\s+qu|t\S{0,2}\s*nh\s+h\S{0,2}\s*nh|\S{0,2}\s*nh\s+gi)/;
/** What opens the end of the body, after heading and emphasis marks at the start of a line. */
const END_OF_BODY_PHRASES = ['tren day la', 'noi nhan', 'phu luc'];

/** A character of `[ \t#*]`: what may come before a heading's numeral or an end-of-body phrase on its line. */
function isLineMark(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x23 || code === 0x2a;
}

/** What `^` of a multi-line expression follows: a line terminator. */
function isLineTerminator(code: number): boolean {
  return code === 0x0a || code === 0x0d || code === 0x2028 || code === 0x2029;
}

/**
 * Where `/^[ \t#*]*(tren day la|noi nhan|phu luc)/m` first matches in `text`, or -1. A match is a
 * line start followed by marks and a phrase: each phrase is found by a native search and the marks
 * before it are walked back to the line start, where the expression would be tried at every offset.
 */
function endOfBody(text: string): number {
  let first = -1;
  for (const phrase of END_OF_BODY_PHRASES) {
    for (
      let at = text.indexOf(phrase);
      at >= 0 && (first < 0 || at < first);
      at = text.indexOf(phrase, at + 1)
    ) {
      let lineStart = at;
      while (lineStart > 0 && isLineMark(text.charCodeAt(lineStart - 1))) lineStart--;
      if (lineStart === 0 || isLineTerminator(text.charCodeAt(lineStart - 1))) {
        first = lineStart;
        break;
      }
    }
  }
  return first;
}

/** What LEVEL1_HEADING needs after the marks at a line's start: "i" or "v" of a numeral. */
function mayOpenLevel1Heading(text: string, lineStart: number, lineEnd: number): boolean {
  let at = lineStart;
  while (at < lineEnd && isLineMark(text.charCodeAt(at))) at++;
  const code = text.charCodeAt(at);
  return at < lineEnd && (code === 0x69 || code === 0x76);
}

export interface BodyParts {
  /** Offset where the plan part (kế hoạch/phương hướng kỳ sau) starts, or text length. */
  planStart: number;
  /** Offset where the body ends ("Trên đây là…", "Nơi nhận", "PHỤ LỤC"), or text length. */
  bodyEnd: number;
}

/** Finds the plan part: the last Roman-numeral heading that announces the next period's plan. */
export function findBodyParts(source: SourceText): BodyParts {
  const folded = source.folded;
  let planStart = folded.length;
  // Line by line with a sticky expression: a multi-line regular expression would try every position.
  for (let lineStart = 0; lineStart < folded.length; ) {
    let lineEnd = folded.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = folded.length;
    LEVEL1_HEADING.lastIndex = lineStart;
    const match = mayOpenLevel1Heading(folded, lineStart, lineEnd) ? LEVEL1_HEADING.exec(folded) : null;
    if (match && match.index + match[0].length <= lineEnd) {
      const title = folded.slice(match.index + match[0].length, lineEnd);
      if (title.length < 120 && PLAN_WORDS.test(title) && !RESULT_WORDS.test(title)) planStart = lineStart;
    }
    lineStart = lineEnd + 1;
  }
  const tailStart = planStart === folded.length ? 0 : planStart;
  const end = endOfBody(folded.slice(tailStart));
  const bodyEnd = end >= 0 ? tailStart + end : folded.length;
  return { planStart, bodyEnd };
}
