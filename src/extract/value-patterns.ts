import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { ValueScopeSchema } from '../domain/report-document.js';
import { parseViNumber } from '../domain/vietnamese/number.js';

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
const NUMBER_CAPTURE = `(?<![\\w.,])(?:(?<!/)|(?<=/)(?=\\d{3}|\\d{1,3}[.,]\\d))(${NUMBER_SOURCE})(?![\\d])`;
const GAP = '[^;]{0,80}?';
const ANY_NUMBER = `(?<![\\w.,])${NUMBER_SOURCE}(?![\\d])`;

export interface CompiledPattern {
  pattern: ValuePattern;
  re: RegExp;
  /** The literal length, used to prefer the most specific pattern on a shared span. */
  weight: number;
  /**
   * Whole words every match contains, with generous bounds on how far the match may reach
   * before and after each: the matcher skips a pattern when one is absent from the text and
   * otherwise runs the expression only around the rarest one's occurrences.
   */
  anchors: Array<{ word: string; key: number; before: number; after: number }>;
  /** The opening word and a sticky expression, when the pattern opens with a word. */
  lead: { key: number; sticky: RegExp } | null;
}

/** Words as the anchor index sees them. */
export const WORD = /[a-z0-9]+/g;

/** Longest anchor word: its letters fit a base-27 number exactly (27^10 < 2^53). */
export const MAX_ANCHOR_LENGTH = 10;

/** A word of letters a–z as a number, so the index needs no substring per word. */
export function wordKey(word: string): number {
  let key = 0;
  for (let i = 0; i < word.length; i++) key = key * 27 + (word.charCodeAt(i) - 0x60);
  return key;
}

/** The alphabetic words of a literal pattern (not the last one, which the text may extend), with reach bounds. */
function anchorsOf(match: string): CompiledPattern['anchors'] {
  const literal = match.replace(/\{[n#]\}/g, ' 0 ').replace(/\{…\}/g, ' '.repeat(42));
  const words = [...literal.matchAll(WORD)];
  // Whitespace in a pattern matches any run and a number any numeral: the bounds allow for both.
  // The last word may be the start of a longer word in the text; it anchors only when nothing else can.
  const inner = words
    .slice(0, -1)
    .filter((w) => /^[a-z]{2,}$/.test(w[0]) && w[0].length <= MAX_ANCHOR_LENGTH);
  return (inner.length > 0 ? words.slice(0, -1) : words.slice(-1))
    .filter((w) => /^[a-z]{2,}$/.test(w[0]) && w[0].length <= MAX_ANCHOR_LENGTH)
    .map((w) => {
      // A numeral may be up to ~15 characters where the pattern counts 3, and whitespace may be longer.
      const numbersBefore = (literal.slice(0, w.index).match(/ 0 /g) ?? []).length;
      const numbersAfter = (literal.slice(w.index).match(/ 0 /g) ?? []).length;
      return {
        word: w[0],
        key: wordKey(w[0]),
        before: w.index * 2 + numbersBefore * 15 + 20,
        after: (literal.length - w.index) * 2 + numbersAfter * 15 + 20,
      };
    });
}

function escapeLiteral(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
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
    ? pattern.match.replaceAll('{n}', NUMBER_CAPTURE).replaceAll('{#}', ANY_NUMBER)
    : literalToRegex(pattern.match);
  // A pattern starting with a word must not start inside another word.
  const guard = /^[a-z0-9]/.test(pattern.match.trim()) && !pattern.regex ? '(?<![a-z0-9])' : '';
  return {
    pattern,
    re: new RegExp(guard + source, 'gd'),
    weight: pattern.match.length,
    anchors: pattern.regex ? [] : anchorsOf(pattern.match),
    lead: pattern.regex ? null : leadOf(pattern.match, guard + source),
  };
}

/** A pattern that opens with a whole word is tried only where that word starts (a sticky match). */
function leadOf(match: string, source: string): CompiledPattern['lead'] {
  const first = /^([a-z]{2,10})(?=[^a-z0-9]|$)/.exec(match.trim());
  if (!first) return null;
  return { key: wordKey(first[1]!), sticky: new RegExp(source, 'dy') };
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
