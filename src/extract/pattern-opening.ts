/**
 * Where a value pattern's matches can start. The matcher tries a pattern's expression only at
 * such places (a sticky match) instead of scanning the text with it: far fewer attempts.
 */
import { LONGEST_PATTERN_WORD } from './pattern-words.js';

export type PatternOpening =
  /** A whole word: the pattern opens with that word and then a space, ":", ",", ";", "/" or its end. */
  | { kind: 'word'; word: string }
  /** The start of a numeral (a digit after no letter, digit, ".", "," or "_"): `{n}` or `{#}`. */
  | { kind: 'numeral' };

/** The opening of a pattern as written in the catalogue (folded text; a space is any whitespace). */
export function patternOpening(match: string, regex: boolean): PatternOpening | null {
  const text = match.trim();
  if (/^\{[n#]\}/.test(text)) return { kind: 'numeral' };
  // In a regular expression the opening word must not be optional or part of an alternation.
  const word = new RegExp(`^([a-z]{2,${LONGEST_PATTERN_WORD}})(?=[\\s:,;/]|$)`).exec(text);
  if (word && !(regex && topLevelAlternatives(text).length > 1)) return { kind: 'word', word: word[1]! };
  return null;
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
