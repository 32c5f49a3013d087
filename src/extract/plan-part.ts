import type { SourceText } from './source-text.js';

// A level-1 heading (Roman numeral) whose words announce the plan for the next period.
const LEVEL1_HEADING = /[ \t#*]*(?:i|ii|iii|iv|v|vi|vii|viii)[ \t]*[.:][ \t]*/y;
// Tolerant of glyphs lost in PDF headings ("PH  NG H ỚNG NHIỆM V ", "CH  NG TR NH C NG T C").
const PLAN_WORDS =
  /k\S{0,2}\s*ho.{0,2}ch|ph\S{0,3}\s*ng\s+h\S{0,3}\s*ng|h\s*ng h\S*ng|nhi\S{0,2}\s*m\s+v|ch\S{0,3}\s*ng\s+tr\s*\S{0,2}\s*nh\s+c\S{0,2}\s*ng\s+t|du kien/;
// Headings of the results part may also name tasks ("KẾT QUẢ TRIỂN KHAI THỰC HIỆN NHIỆM VỤ NĂM 2017").
const RESULT_WORDS = /^(?:k\S{0,2}\s*t\s+qu|t\S{0,2}\s*nh\s+h\S{0,2}\s*nh|\S{0,2}\s*nh\s+gi)/;
const END_OF_BODY = /^[ \t#*]*(tren day la|noi nhan|phu luc)/m;

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
    const match = LEVEL1_HEADING.exec(folded);
    if (match && match.index + match[0].length <= lineEnd) {
      const title = folded.slice(match.index + match[0].length, lineEnd);
      if (title.length < 120 && PLAN_WORDS.test(title) && !RESULT_WORDS.test(title)) planStart = lineStart;
    }
    lineStart = lineEnd + 1;
  }
  const tail = folded.slice(planStart === folded.length ? 0 : planStart);
  const end = END_OF_BODY.exec(tail);
  const bodyEnd = end ? (planStart === folded.length ? 0 : planStart) + end.index : folded.length;
  return { planStart, bodyEnd };
}
