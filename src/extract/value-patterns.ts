import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { ValueScopeSchema } from '../domain/report-document.js';
import { parseViNumber } from '../domain/vietnamese/number.js';
import { compileLiteralPattern, type LiteralPattern } from './literal-pattern.js';
import { patternOpening } from './pattern-opening.js';
import { LONGEST_PATTERN_WORD, patternWordId } from './pattern-words.js';

/**
 * A matching pattern for one indicator, written on folded lower-case text (no diacritics).
 * `match` is literal text in which a space stands for any run of whitespace, `{n}` marks the
 * number that becomes the value, `{#}` any other number and `{…}` a gap of up to 80 characters
 * within the sentence (no ";"); with `regex: true` it is a regular
 * expression fragment instead of literal text (the same placeholders apply).
 */
export const ValuePatternSchema = z.object({
  indicator: z.string(),
  scope: ValueScopeSchema,
  qualifier: z.string().nullable().default(null),
  match: z.string().min(1),
  regex: z.boolean().default(false),
  /** Converts the written number to the catalogue unit ("38,5 tỷ" → × 1e9, kg → tấn × 0.001). */
  multiplier: z.number().default(1),
  /** For statements without a number ("Không có" = 0). */
  value: z.number().optional(),
  /** Below the review threshold the value is flagged instead of stored. */
  confidence: z.number().min(0).max(1).default(0.95),
  /**
   * "seed": drafted from an annotated report's exact words; "general": hand-written for any wording.
   * A general pattern yields to any seed pattern on the same number.
   */
  origin: z.enum(['seed', 'general']).default('seed'),
  /**
   * How specific the pattern is (default: the length of `match`); on a shared number the heaviest wins.
   * Regular expressions state the length of the literal words they require.
   */
  weight: z.number().positive().optional(),
  /** For regular expressions: words every match contains, so that the matcher runs only near them. */
  anchors: z.array(z.string().regex(/^[a-z]{2,10}$/)).optional(),
});
export type ValuePattern = z.infer<typeof ValuePatternSchema>;

export const ValuePatternFileSchema = z.object({
  version: z.literal(1),
  patterns: z.array(ValuePatternSchema),
});

/** A Vietnamese numeral: "18.182", "79,62", "1.572", "06". */
export const NUMBER_SOURCE = String.raw`\d(?:[\d.,]*\d)?`;
// A small number after "/" is a date or a fraction's denominator ("04/9", "13/7/2021"), no figure;
// a large one is ("2.034.973/2.111.123" mũi tiêm).
const NUMBER_CAPTURE = `(?=\\d)(?<![\\w.,])(?:(?<!/)|(?<=/)(?=\\d{3}|\\d{1,3}[.,]\\d))(${NUMBER_SOURCE})(?![\\d])`;
const GAP = '[^;]{0,80}?';
const ANY_NUMBER = `(?=\\d)(?<![\\w.,])${NUMBER_SOURCE}(?![\\d])`;

export interface CompiledPattern {
  pattern: ValuePattern;
  /**
   * The pattern as one global expression: scanned over windows when a regular-expression pattern has
   * no known opening; for a literal pattern, what its matcher is tested against.
   */
  re: RegExp;
  /** The literal length, used to prefer the most specific pattern on a shared span. */
  weight: number;
  /** `indicator|scope`, made once: values of one group found on overlapping spans are one value. */
  group: string;
  /**
   * Whole words every match contains, with generous bounds on how far the match may reach
   * before and after each: the matcher skips a pattern when one is absent from the text and
   * otherwise runs the expression only around the rarest one's occurrences.
   */
  anchors: Array<{ word: string; id: number; before: number; after: number }>;
  /**
   * Whether the places a match can open are known (see pattern-opening.ts): then the pattern is tried
   * only there; otherwise it is scanned over windows around its rarest anchor word.
   */
  opens: boolean;
  /**
   * `patternWordId` of each word a match can open with (see pattern-opening.ts); empty when matches
   * open with a numeral or when the opening is unknown.
   */
  openingWordIds: number[];
  /**
   * For a pattern opening with a numeral: the words one of which must follow it after any whitespace
   * (see pattern-opening.ts), checked before the expression is tried; null: no such check.
   */
  numeralFollowers: string[] | null;
  /** A regular expression pattern that opens: `re` tried where a match can open (null otherwise). */
  sticky: RegExp | null;
  /**
   * A literal pattern's steps, run by the literal matcher (null for regular expressions). It finds the
   * matches `re` would (literal-pattern.test.ts compares them), without hundreds of compiled expressions.
   */
  literal: LiteralPattern | null;
  /**
   * `sticky` with the places of its groups, run again on a match only when the figure's place is not
   * plain from the matched text (its digits occur twice there): the places cost on every match.
   */
  stickyWithIndices: RegExp | null;
  /**
   * An upper bound on how far after the match start the captured figure begins; a start with no
   * numeral that near is not tried. Infinity when the pattern has no figure or no such bound.
   */
  numberReach: number;
}

/** Words as the anchor index sees them. */
export const WORD = /[a-z0-9]+/g;

/** The alphabetic words of a literal pattern (not the last one, which the text may extend), with reach bounds. */
function anchorsOf(match: string): CompiledPattern['anchors'] {
  const literal = match.replace(/\{[n#]\}/g, ' 0 ').replace(/\{…\}/g, ' '.repeat(42));
  const words = [...literal.matchAll(WORD)];
  // Whitespace in a pattern matches any run and a number any numeral: the bounds allow for both.
  // The last word may be the start of a longer word in the text; it anchors only when nothing else can.
  const inner = words
    .slice(0, -1)
    .filter((w) => /^[a-z]{2,}$/.test(w[0]) && w[0].length <= LONGEST_PATTERN_WORD);
  return (inner.length > 0 ? words.slice(0, -1) : words.slice(-1))
    .filter((w) => /^[a-z]{2,}$/.test(w[0]) && w[0].length <= LONGEST_PATTERN_WORD)
    .map((w) => {
      // A numeral may be up to ~15 characters where the pattern counts 3, and whitespace may be longer.
      const numbersBefore = (literal.slice(0, w.index).match(/ 0 /g) ?? []).length;
      const numbersAfter = (literal.slice(w.index).match(/ 0 /g) ?? []).length;
      return {
        word: w[0],
        id: patternWordId(w[0]),
        before: w.index * 2 + numbersBefore * 15 + 20,
        after: (literal.length - w.index) * 2 + numbersAfter * 15 + 20,
      };
    });
}

function escapeLiteral(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** In a regular expression pattern too a space outside a character class is any run of whitespace. */
function spacesAsWhitespace(source: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!;
    if (ch === '\\') {
      out += ch + (source[i + 1] ?? '');
      i++;
    } else if (inClass) {
      inClass = ch !== ']';
      out += ch;
    } else if (ch === '[') {
      inClass = true;
      out += ch;
    } else if (ch === ' ') {
      while (source[i + 1] === ' ') i++;
      out += String.raw`\s*`;
    } else out += ch;
  }
  return out;
}

/** Turns literal pattern text into a regular expression source. */
function literalToRegex(match: string): string {
  const parts = match.trim().split(/(\{n\}|\{#\}|\{…\}|\s+)/);
  let out = '';
  for (const part of parts) {
    if (part === '') continue;
    if (part === '{n}') out += NUMBER_CAPTURE;
    else if (part === '{#}') out += ANY_NUMBER;
    else if (part === '{…}') out += GAP;
    else if (/^\s+$/.test(part)) out += String.raw`\s*`;
    else out += escapeLiteral(part);
  }
  return out;
}

export function compilePattern(pattern: ValuePattern): CompiledPattern {
  const source = pattern.regex
    ? spacesAsWhitespace(pattern.match)
        .replaceAll('{n}', NUMBER_CAPTURE)
        .replaceAll('{#}', ANY_NUMBER)
        .replaceAll('{…}', GAP)
    : literalToRegex(pattern.match);
  const opening = patternOpening(pattern.match, pattern.regex);
  // A pattern starting with a word must not start inside another word.
  const guard = opening?.kind === 'words' || /^[a-z0-9]/.test(pattern.match.trim()) ? '(?<![a-z0-9])' : '';
  // On equal weight a seed pattern (a report's exact words) beats a general one.
  const weight = (pattern.weight ?? pattern.match.length) - (pattern.origin === 'general' ? 0.5 : 0);
  return {
    pattern,
    re: new RegExp(guard + source, 'gd'),
    weight,
    group: `${pattern.indicator}|${pattern.scope}`,
    anchors: pattern.regex ? regexAnchors(pattern) : anchorsOf(pattern.match),
    opens: opening !== null,
    openingWordIds: opening?.kind === 'words' ? opening.words.map(patternWordId) : [],
    numeralFollowers: opening?.kind === 'numeral' ? opening.next : null,
    sticky: opening && pattern.regex ? new RegExp(guard + source, 'y') : null,
    literal: pattern.regex ? null : compileLiteralPattern(pattern.match, guard !== ''),
    stickyWithIndices: opening && pattern.regex ? new RegExp(guard + source, 'dy') : null,
    numberReach: numberReachOf(pattern),
  };
}

/** How far after the match start the figure `{n}` can begin at most (see CompiledPattern.numberReach). */
function numberReachOf(pattern: ValuePattern): number {
  const at = pattern.match.lastIndexOf('{n}');
  if (pattern.value !== undefined || at < 0) return Number.POSITIVE_INFINITY;
  const before = pattern.match.slice(0, at);
  if (!pattern.regex) {
    const literal = before.replace(/\{[n#]\}/g, ' 0 ').replace(/\{…\}/g, ' '.repeat(42));
    return literal.length * 2 + (literal.match(/ 0 /g) ?? []).length * 15 + 20;
  }
  // An unbounded repetition can push the figure arbitrarily far.
  if (/[*+]/.test(before.replace(/\\./g, ''))) return Number.POSITIVE_INFINITY;
  return longestMatch(before);
}

/**
 * Anchor words of a regular expression: the plain words it requires outside any group, class or
 * quantifier, plus those it declares. The reach allows for the longest gaps its quantifiers permit.
 */
function regexAnchors(pattern: ValuePattern): CompiledPattern['anchors'] {
  const source = pattern.match;
  const words = new Set([...requiredWords(source), ...(pattern.anchors ?? [])]);
  const anchors: CompiledPattern['anchors'] = [];
  for (const word of words) {
    if (!/^[a-z]{2,10}$/.test(word)) continue;
    // The word may occur more than once in the source: bound by its last occurrence before, its first after.
    const at = [...source.matchAll(new RegExp(`(?<![a-z])${word}(?![a-z])`, 'g'))].map((m) => m.index);
    if (at.length === 0) continue;
    anchors.push({
      word,
      id: patternWordId(word),
      before: longestMatch(source.slice(0, at[at.length - 1])),
      after: longestMatch(source.slice(at[0])),
    });
  }
  return anchors;
}

/** An upper bound on how much text a regular expression fragment can match. */
function longestMatch(fragment: string): number {
  const bounds = [...fragment.matchAll(/\{\d*,(\d+)\}/g)].reduce((sum, m) => sum + Number(m[1]), 0);
  const numbers = (fragment.match(/\{[n#]\}/g) ?? []).length;
  const gaps = (fragment.match(/\{…\}/g) ?? []).length;
  const spaces = (fragment.match(/ /g) ?? []).length;
  // Numerals may be ~15 characters long and a space any run of whitespace.
  return fragment.length + bounds + numbers * 15 + gaps * 80 + spaces * 4 + 20;
}

/** Words a regular expression source requires wherever it matches (none when it has a top-level "|"). */
function requiredWords(source: string): string[] {
  // \0 marks a removed construct: a word touching it may be part of a longer word in the text.
  let text = source.replace(/\\[sSdDwWb]|\\./g, '\0').replace(/\{[n#…]\}/g, ' ');
  for (let previous = ''; previous !== text; ) {
    previous = text;
    text = text.replace(/\[[^\]]*\]|\([^()]*\)/g, '\0');
  }
  text = text.replace(/\0(?:\{\d*,?\d*\}|[?*+])\??/g, '\0');
  if (/[|()]/.test(text)) return [];
  const out: string[] = [];
  for (const m of text.matchAll(/[a-z]+/g)) {
    const before = text[m.index - 1];
    const after = text[m.index + m[0].length];
    // A word next to a removed construct, or ending the pattern, may be part of a longer word in the text.
    const bounded = (ch: string | undefined) => ch !== undefined && /[\s:,;/]/.test(ch);
    if ((before === undefined || bounded(before)) && bounded(after)) out.push(m[0]);
  }
  return out;
}

const DEFAULT_PATTERN_FILE = fileURLToPath(
  new URL('../../catalogue/extraction-patterns.json', import.meta.url),
);

let cached: CompiledPattern[] | null = null;

/** The default patterns from catalogue/extraction-patterns.json, compiled once. */
export function defaultValuePatterns(): CompiledPattern[] {
  if (!cached) cached = loadValuePatterns(JSON.parse(readFileSync(DEFAULT_PATTERN_FILE, 'utf8')));
  return cached;
}

export function loadValuePatterns(data: unknown): CompiledPattern[] {
  return ValuePatternFileSchema.parse(data).patterns.map(compilePattern);
}

/** Matches of one pattern with the value each gives (no overlap resolution). */
export function findValuePatternMatches(
  folded: string,
  compiled: CompiledPattern,
  limit = folded.length,
): Array<{ start: number; end: number; value: number }> {
  const text = limit < folded.length ? folded.slice(0, limit) : folded;
  compiled.re.lastIndex = 0;
  const out: Array<{ start: number; end: number; value: number }> = [];
  for (const match of text.matchAll(compiled.re)) {
    const raw = compiled.pattern.value ?? (match[1] === undefined ? null : parseViNumber(match[1]));
    if (raw === null) continue;
    out.push({
      start: match.index,
      end: match.index + match[0].length,
      value: raw * compiled.pattern.multiplier,
    });
  }
  return out;
}
