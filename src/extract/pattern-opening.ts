/**
 * Where a value pattern's matches can start. The matcher tries a pattern's expression only at
 * such places (a sticky match) instead of scanning the text with it: far fewer attempts.
 */
import { LONGEST_PATTERN_WORD } from './pattern-words.js';

export type PatternOpening =
  /**
   * One of these whole words: "ky so {n}" opens with "ky", "(?:kiem tra|thanh tra) …" with "kiem" or
   * "thanh". A word is whole when the pattern goes on with a space, ":", ",", ";", "/", "(?![a-z])"
   * or ends there.
   */
  | { kind: 'words'; words: string[] }
  /**
   * The start of a numeral (a digit after no letter, digit, ".", "," or "_"): `{n}` or `{#}`. `next`:
   * the words one of which the text goes on with after the numeral and any whitespace ("{n} van ban"
   * goes on with "van"), or null when the pattern goes on otherwise.
   */
  | { kind: 'numeral'; next: string[] | null };

const WORD = new RegExp(`^[a-z]{2,${LONGEST_PATTERN_WORD}}`);

/** The opening of a pattern as written in the catalogue (folded text; a space is any whitespace). */
export function patternOpening(match: string, regex: boolean): PatternOpening | null {
  const text = match.trim();
  if (/^\{[n#]\}/.test(text)) return { kind: 'numeral', next: wordsAfterNumeral(text.slice(3), regex) };
  const words = regex ? expressionOpenings(text) : literalOpening(text);
  return words ? { kind: 'words', words: [...new Set(words)].sort() } : null;
}

/**
 * The words a pattern goes on with after its opening numeral and a space. A pattern with a "|" outside
 * groups is not read: the numeral opens only its first alternative.
 */
function wordsAfterNumeral(rest: string, regex: boolean): string[] | null {
  if (!/^\s/.test(rest)) return null;
  const text = rest.trimStart();
  if (regex && topLevelAlternatives(rest).length > 1) return null;
  const words = regex ? expressionOpenings(text) : literalOpening(text);
  return words ? [...new Set(words)].sort() : null;
}

function literalOpening(text: string): string[] | null {
  const word = WORD.exec(text);
  return word && endsWord(text.slice(word[0].length), false) ? [word[0]] : null;
}

/** The whole words every way through a regular expression opens with, or null when one way opens otherwise. */
function expressionOpenings(source: string): string[] | null {
  const out: string[] = [];
  for (const alternative of topLevelAlternatives(source)) {
    const words = alternativeOpenings(alternative);
    if (!words) return null;
    out.push(...words);
  }
  return out;
}

function alternativeOpenings(source: string): string[] | null {
  const group = groupAt(source);
  if (group) {
    const out: string[] = [];
    for (const inner of group.alternatives) {
      const words = alternativeOpenings(inner + group.rest);
      if (!words) return null;
      out.push(...words);
    }
    if (group.optional) {
      const words = alternativeOpenings(group.rest);
      if (!words) return null;
      out.push(...words);
    }
    return out;
  }
  const word = WORD.exec(source);
  return word && endsWord(source.slice(word[0].length), true) ? [word[0]] : null;
}

/** Whether what follows a word in the pattern keeps any letter from extending it in the text. */
function endsWord(after: string, regex: boolean): boolean {
  if (after === '' || /^[\s:,;/]/.test(after)) return true;
  if (!regex) return false;
  if (after.startsWith('(?![a-z])')) return true;
  const group = groupAt(after);
  if (!group) return false;
  return (
    group.alternatives.every((inner) => endsWord(inner + group.rest, true)) &&
    (!group.optional || endsWord(group.rest, true))
  );
}

/** A non-capturing group opening `source`: its alternatives, whether it is optional, what follows it. */
function groupAt(source: string): { alternatives: string[]; optional: boolean; rest: string } | null {
  if (!source.startsWith('(?:')) return null;
  const close = closingParen(source, 0);
  if (close < 0) return null;
  let rest = source.slice(close + 1);
  const optional = rest.startsWith('?');
  if (optional) rest = rest.slice(rest.startsWith('??') ? 2 : 1);
  else if (/^[*+{]/.test(rest)) return null;
  return { alternatives: topLevelAlternatives(source.slice(3, close)), optional, rest };
}

/** Splits an expression at its "|" outside groups and character classes. */
function topLevelAlternatives(source: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let inClass = false;
  let from = 0;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (ch === '\\') i++;
    else if (inClass) inClass = ch !== ']';
    else if (ch === '[') inClass = true;
    else if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === '|' && depth === 0) {
      out.push(source.slice(from, i));
      from = i + 1;
    }
  }
  out.push(source.slice(from));
  return out;
}

/** Index of the ")" closing the group opened at `open`, or -1. */
function closingParen(source: string, open: number): number {
  let depth = 0;
  let inClass = false;
  for (let i = open; i < source.length; i++) {
    const ch = source[i];
    if (ch === '\\') i++;
    else if (inClass) inClass = ch !== ']';
    else if (ch === '[') inClass = true;
    else if (ch === '(') depth++;
    else if (ch === ')' && --depth === 0) return i;
  }
  return -1;
}
