/**
 * Literal value patterns ("ky so {n} van ban") matched by one small matcher instead of a regular
 * expression each. Hundreds of such expressions compile to megabytes of machine code, tried a few
 * times per file each: the processor fetches that code from memory on almost every try, while this
 * matcher stays in its cache. It follows the expression `literalToRegex` builds step by step (the same
 * tries in the same order), so both find the same match; `literal-pattern.test.ts` compares them.
 */

import { isDigit, isFoldedWordCode, isRegExpWhitespace, isRegExpWordCode } from './char-codes.js';

/** One step of a literal pattern. */
type LiteralStep =
  /** These characters, exactly. */
  | { kind: 'text'; text: string }
  /** `\s*`: any run of whitespace, possibly empty (a space in the pattern). */
  | { kind: 'space' }
  /** `{n}`: the figure, captured. */
  | { kind: 'figure' }
  /** `{#}`: any other numeral. */
  | { kind: 'number' }
  /** `{…}`: up to 80 characters of the sentence (no ";"), as few as possible. */
  | { kind: 'gap' };

export interface LiteralPattern {
  steps: LiteralStep[];
  /** The match must not start right after a letter or digit (`(?<![a-z0-9])`). */
  wordStart: boolean;
}

/** Where a match lies: `figureStart` is -1 when the pattern has no `{n}`. */
export interface LiteralMatch {
  start: number;
  end: number;
  figureStart: number;
  figureEnd: number;
}

const GAP_LENGTH = 80;

/** The steps of a literal pattern as written in the catalogue (see ValuePatternSchema). */
export function compileLiteralPattern(match: string, wordStart: boolean): LiteralPattern {
  const steps: LiteralStep[] = [];
  for (const part of match.trim().split(/(\{n\}|\{#\}|\{…\}|\s+)/)) {
    if (part === '') continue;
    if (part === '{n}') steps.push({ kind: 'figure' });
    else if (part === '{#}') steps.push({ kind: 'number' });
    else if (part === '{…}') steps.push({ kind: 'gap' });
    else if (/^\s+$/.test(part)) steps.push({ kind: 'space' });
    else steps.push({ kind: 'text', text: part });
  }
  return { steps, wordStart };
}

/** `\w` or "." or ",": a numeral cannot start right after one. */
function blocksNumeral(code: number): boolean {
  return isRegExpWordCode(code) || code === 0x2e || code === 0x2c;
}

/**
 * After a "/" a figure must look like one, not like a date's month or a fraction's denominator:
 * three digits, or one to three digits and a "." or "," before another digit.
 */
function figureAfterSlash(text: string, at: number): boolean {
  let digits = 0;
  while (digits < 3 && isDigit(text.charCodeAt(at + digits))) digits++;
  if (digits === 3) return true;
  for (let k = digits; k >= 1; k--) {
    const mark = text.charCodeAt(at + k);
    if ((mark === 0x2e || mark === 0x2c) && isDigit(text.charCodeAt(at + k + 1))) return true;
  }
  return false;
}

/** The matcher of one text; `figureStart`/`figureEnd` hold the figure of the path being tried. */
class LiteralMatcher {
  figureStart = -1;
  figureEnd = -1;

  constructor(
    private readonly text: string,
    private readonly steps: readonly LiteralStep[],
  ) {}

  /** The end of the first match of steps[index…] at `at` in the expression's order of tries, or -1. */
  matchFrom(index: number, at: number): number {
    const { text } = this;
    for (; index < this.steps.length; index++) {
      const step = this.steps[index]!;
      switch (step.kind) {
        case 'text':
          if (!text.startsWith(step.text, at)) return -1;
          at += step.text.length;
          break;
        case 'space': {
          // Greedy; fewer whitespace matters only when the next step can take whitespace itself.
          let end = at;
          while (end < text.length && isRegExpWhitespace(text.charCodeAt(end))) end++;
          const next = this.steps[index + 1];
          if (end === at || next === undefined || next.kind !== 'gap') {
            at = end;
            break;
          }
          for (let to = end; to >= at; to--) {
            const found = this.matchFrom(index + 1, to);
            if (found >= 0) return found;
          }
          return -1;
        }
        case 'gap': {
          // Lazy: the shortest gap with which the rest matches.
          for (let length = 0; length <= GAP_LENGTH; length++) {
            if (length > 0) {
              const code = text.charCodeAt(at + length - 1);
              if (Number.isNaN(code) || code === 0x3b) return -1;
            }
            if (!this.canStartAt(index + 1, at + length)) continue;
            const found = this.matchFrom(index + 1, at + length);
            if (found >= 0) return found;
          }
          return -1;
        }
        case 'figure':
        case 'number':
          return this.matchNumeral(index, at, step.kind === 'figure');
      }
    }
    return at;
  }

  /**
   * Whether steps[index…] can match at `at` as far as its first character tells: a gap tries some
   * eighty places, and at most of them the next step fails on its first character.
   */
  private canStartAt(index: number, at: number): boolean {
    const code = this.text.charCodeAt(at);
    for (; index < this.steps.length; index++) {
      const step = this.steps[index]!;
      switch (step.kind) {
        case 'text':
          return code === step.text.charCodeAt(0);
        case 'figure':
        case 'number':
          return isDigit(code);
        case 'gap':
          return true;
        case 'space':
          // `\s*` may match nothing: then the next step starts here.
          if (isRegExpWhitespace(code)) return true;
      }
    }
    return true;
  }

  /** A numeral at `at` then the rest: the longest numeral first, shorter ones when the rest fails. */
  private matchNumeral(index: number, at: number, figure: boolean): number {
    const { text } = this;
    if (!isDigit(text.charCodeAt(at))) return -1;
    if (at > 0) {
      const before = text.charCodeAt(at - 1);
      if (blocksNumeral(before)) return -1;
      if (figure && before === 0x2f && !figureAfterSlash(text, at)) return -1;
    }
    let runEnd = at + 1;
    for (;;) {
      const code = text.charCodeAt(runEnd);
      if (!(isDigit(code) || code === 0x2e || code === 0x2c)) break;
      runEnd++;
    }
    for (let end = runEnd; end > at; end--) {
      // A numeral ends in a digit that no digit follows.
      if (!isDigit(text.charCodeAt(end - 1)) || isDigit(text.charCodeAt(end))) continue;
      const found = this.matchFrom(index + 1, end);
      if (found >= 0) {
        if (figure) {
          this.figureStart = at;
          this.figureEnd = end;
        }
        return found;
      }
    }
    return -1;
  }
}

/** The match of the pattern starting exactly at `start` (a sticky try), or null. */
export function matchLiteralAt(pattern: LiteralPattern, text: string, start: number): LiteralMatch | null {
  return tryAt(pattern, new LiteralMatcher(text, pattern.steps), text, start);
}

function tryAt(
  pattern: LiteralPattern,
  matcher: LiteralMatcher,
  text: string,
  start: number,
): LiteralMatch | null {
  if (pattern.wordStart && start > 0) {
    const before = text.charCodeAt(start - 1);
    if (isFoldedWordCode(before)) return null;
  }
  matcher.figureStart = -1;
  matcher.figureEnd = -1;
  const end = matcher.matchFrom(0, start);
  if (end < 0) return null;
  return { start, end, figureStart: matcher.figureStart, figureEnd: matcher.figureEnd };
}

/**
 * Every match in `text` as the pattern's global expression finds them: the leftmost, then the next
 * one from its end on. A pattern opening with text is tried only where that text occurs.
 */
export function scanLiteral(
  pattern: LiteralPattern,
  text: string,
  onMatch: (match: LiteralMatch) => void,
): void {
  const matcher = new LiteralMatcher(text, pattern.steps);
  const first = pattern.steps[0];
  const opening = first?.kind === 'text' ? first.text : null;
  let from = 0;
  while (from < text.length) {
    const at = opening === null ? from : text.indexOf(opening, from);
    if (at < 0) return;
    const found = tryAt(pattern, matcher, text, at);
    if (found) onMatch(found);
    from = found && found.end > at ? found.end : at + 1;
  }
}
