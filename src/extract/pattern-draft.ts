/**
 * Drafts a value pattern from the words a report used for a figure: the figure becomes `{n}`, other
 * numbers `{#}`, a date a gap. Used to draft the catalogue's patterns from annotated seeds
 * (tools/bootstrap-patterns.ts) and to learn a wording a person shows on the import review page.
 */
import { foldDiacritics } from '../domain/vietnamese/fold.js';
import { parseViNumber } from '../domain/vietnamese/number.js';
import { defaultOcrConfusions, undoOcrNoise } from './ocr-noise.js';

export const NUMBER = /(?<![\w.,])\d(?:[\d.,]*\d)?(?!\d)/g;
const SCALES: Array<[RegExp, number]> = [
  [/^\s*ty\b/, 1e9],
  [/^\s*trieu\b/, 1e6],
  [/^\s*(nghin|ngan)\b/, 1e3],
  [/^\s*kg\b/, 1e-3],
];

/**
 * The scale word right after a wording's figure ("{n} ty dong" → "ty"), or null: a wording learnt with one
 * multiplies its figure by the scale.
 */
export function scaleWordAfterFigure(match: string): string | null {
  const at = match.indexOf('{n}');
  if (at < 0) return null;
  const after = match.slice(at + 3);
  for (const [re] of SCALES) {
    const word = re.exec(after);
    if (word) return word[0].trim();
  }
  return null;
}

/** A snippet of report text as patterns see it: folded, lower case, one space between words. */
export function foldSnippet(text: string): string {
  // A snippet is too short to tell a scanned copy by: its misreadings are always undone.
  return undoOcrNoise(
    foldDiacritics(text.normalize('NFC')).toLowerCase().replace(/\*/g, ' ').replace(/\s+/g, ' ').trim(),
    defaultOcrConfusions(),
    true,
  );
}

/** Equal up to float noise. */
export function sameValue(a: number, b: number): boolean {
  return Math.abs(a - b) <= Math.max(1e-9, Math.abs(b) * 1e-9);
}

/** Replaces the chosen number by {n} and other multi-digit numbers by {#}. */
export function templateOf(text: string, chosen: { index: number; length: number } | null): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(NUMBER)) {
    out += text.slice(last, m.index);
    if (chosen && m.index === chosen.index) out += '{n}';
    else out += m[0].length >= 2 ? '{#}' : m[0];
    last = m.index + m[0].length;
  }
  return out + text.slice(last);
}

const DATE = /(?:(?:tinh )?den )?ngay (?:\{#\}|\d)\/\d{1,2}(?:\/\{#\})?(?: la)?(?= |$)/g;

/**
 * A date in a snippet ("lũy kế đến ngày 12/4/2022 là …") binds the pattern to one report: it
 * becomes a gap, so that the next month's "đến ngày 11/5/2022" and a date-less wording match too.
 */
function withoutDates(base: string): string {
  return tidyGaps(base.replace(DATE, '{…}'));
}

/**
 * Gaps as a wording may hold them: none at an end (it reads nothing there), none beside another (each
 * gap multiplies the tries of a match): "tu {…} {…} tiep nhan {n} ho so {…}" → "tu {…} tiep nhan {n} ho so".
 */
export function tidyGaps(match: string): string {
  return match
    .replace(/\{…\}(?:\s*\{…\})+/g, '{…}')
    .replace(/^\{…\}\s*/, '')
    .replace(/\s*\{…\}$/, '');
}

/** The same with any day and month, for a date right before the figure (a gap would stop at the day). */
function anyDate(base: string): string {
  return base.replace(DATE, (date) => date.replace(/\/\d{1,2}/, '/{#}'));
}

export interface PatternDraft {
  /** The pattern text (`match` of a literal pattern). */
  base: string;
  /** The base to use when `base` does not find the figure in its own report. */
  fallback?: string;
  /** Written number × multiplier = the value ("38,5 tỷ" read as đồng). */
  multiplier: number;
  /** For a statement without a number ("không có …" = 0). */
  value?: number;
}

/**
 * The pattern draft of a folded snippet for `value`. When a snippet holds two figures equal in value
 * ("02 lượt người với 02 vụ việc"), `used` holds the numbers earlier drafts took, so each gets its own.
 */
export function draftPattern(snippet: string, value: number, used = new Set<number>()): PatternDraft | null {
  // From the end: in "01 cuộc đối với 01 cá nhân" the words after the last number name what it counts.
  for (const m of [...snippet.matchAll(NUMBER)].reverse()) {
    if (used.has(m.index)) continue;
    const parsed = parseViNumber(m[0]);
    if (parsed === null) continue;
    const after = snippet.slice(m.index + m[0].length);
    let multiplier = 1;
    for (const [re, scale] of SCALES) if (re.test(after)) multiplier = scale;
    if (sameValue(parsed * multiplier, value) || sameValue(parsed, value)) {
      used.add(m.index);
      const exact = templateOf(snippet, { index: m.index, length: m[0].length });
      return {
        base: withoutDates(exact),
        fallback: anyDate(exact),
        multiplier: sameValue(parsed * multiplier, value) ? multiplier : 1,
      };
    }
  }
  if (value === 0) return { base: templateOf(snippet, null), multiplier: 1, value: 0 };
  return null;
}
