import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { isFoldedWordCode, isRegExpWordCode } from './char-codes.js';

/**
 * Common OCR misreadings ("s6" for "số", "ty 16" for "tỷ lệ", "cip" for "cấp") undone in the folded
 * text that value patterns match, and qualifiers before a figure ("ước 24.774") blanked, so that
 * one pattern serves clean and scanned reports, plain and qualified figures alike. Each
 * replacement has the length of what it replaces: offsets into the original text stay valid.
 */
const ConfusionFileSchema = z.object({
  version: z.literal(1),
  note: z.string().optional(),
  /** Strings only a scanned copy holds: without one (or in a text with diacritics) the confusions are not looked for. */
  scanned: z.array(z.string().min(1)),
  /** Words blanked right before a figure, longer ones first. */
  qualifiers: z.array(z.string().regex(/^[a-z]+(?: [a-z]+)*$/)),
  confusions: z.array(z.object({ from: z.string().min(1), to: z.string().min(1) })).min(1),
});

export interface OcrConfusions {
  scanned: string[];
  /** Finds any of `scanned` in one pass (13 separate substring searches cost five times as much). */
  scannedProbe: RegExp;
  qualifiers: string[];
  /**
   * Any qualifier before whitespace and a digit (the caller checks that it starts a word); the alternation keeps the list's
   * order, so a longer qualifier wins over a shorter one at the same place.
   */
  qualifierRe: RegExp;
  re: RegExp;
  targets: string[];
}

export function compileConfusions(data: unknown): OcrConfusions {
  const { scanned, qualifiers, confusions } = ConfusionFileSchema.parse(data);
  // One pass over the text: each confusion is a numbered group of a single alternation.
  // A space in `from` is any run of whitespace (hard line wraps).
  const source = confusions
    .map((c) => `(${c.from.replace(/\((?!\?)/g, '(?:').replace(/ /g, String.raw`\s+`)})`)
    .join('|');
  return {
    scanned,
    scannedProbe: new RegExp(scanned.map((probe) => probe.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')),
    qualifiers,
    qualifierRe: new RegExp(`(?:${qualifiers.join('|')})(?=[ \\n\\t\\r\u00a0]+[0-9])`, 'g'),
    // Each match must start a word (or at a symbol OCR put for a letter); the caller tests that, since an
    // expression opening with "\b" is tried at every position.
    re: new RegExp(`(?:${source})(?![a-z0-9])`, 'g'),
    targets: confusions.map((c) => c.to),
  };
}

const DEFAULT_FILE = fileURLToPath(
  new URL('../../catalogue/extraction/ocr-confusions.json', import.meta.url),
);
let cached: OcrConfusions | null = null;

export function defaultOcrConfusions(): OcrConfusions {
  cached ??= compileConfusions(JSON.parse(readFileSync(DEFAULT_FILE, 'utf8')));
  return cached;
}

/** Blanks each qualifier that stands as whole words right before a numeral (the value matcher does this itself). */
export function blankQualifiers(text: string, { qualifierRe: qualifiers }: OcrConfusions): string {
  const parts: string[] = [];
  let copied = 0;
  qualifiers.lastIndex = 0;
  for (let match = qualifiers.exec(text); match; match = qualifiers.exec(text)) {
    // Whole words only: tested here, since an expression opening with a lookbehind is tried at every position.
    if (match.index > 0 && isFoldedWordCode(text.charCodeAt(match.index - 1))) {
      qualifiers.lastIndex = match.index + 1;
      continue;
    }
    parts.push(text.slice(copied, match.index), ' '.repeat(match[0].length));
    copied = match.index + match[0].length;
  }
  if (copied === 0) return text;
  parts.push(text.slice(copied));
  return parts.join('');
}

/**
 * The folded text with OCR misreadings replaced and qualifiers before figures blanked; same length
 * as `folded`. `scanned` says whether to look for misreadings (default: when a probe is found).
 */
export function undoOcrNoise(
  folded: string,
  confusions: OcrConfusions = defaultOcrConfusions(),
  scanned = confusions.scannedProbe.test(folded),
): string {
  return blankQualifiers(undoOcrMisreadings(folded, confusions, scanned), confusions);
}

/** The folded text with OCR misreadings replaced (same length); qualifiers are left as they are. */
export function undoOcrMisreadings(
  folded: string,
  confusions: OcrConfusions = defaultOcrConfusions(),
  scanned = confusions.scannedProbe.test(folded),
): string {
  return scanned ? replaceConfusions(folded, confusions) : folded;
}

/** "\b" or a symbol OCR put for a letter ("¢", "&", "€") at this offset. */
function startsWord(text: string, at: number): boolean {
  const code = text.charCodeAt(at);
  if (code === 0xa2 || code === 0x26 || code === 0x20ac) return true;
  return isRegExpWordCode(code) !== (at > 0 && isRegExpWordCode(text.charCodeAt(at - 1)));
}

/** Each misreading replaced by its target when both have the same length. */
function replaceConfusions(folded: string, { re, targets }: OcrConfusions): string {
  // An exec loop: a replacer function would receive every group of the alternation as arguments per match.
  const parts: string[] = [];
  let copied = 0;
  re.lastIndex = 0;
  for (let match = re.exec(folded); match; match = re.exec(folded)) {
    if (!startsWord(folded, match.index)) {
      re.lastIndex = match.index + 1;
      continue;
    }
    const whole = match[0];
    if (whole === '') re.lastIndex++;
    let group = 1;
    while (group <= targets.length && match[group] === undefined) group++;
    const target = targets[group - 1];
    if (target === undefined || target.length !== whole.length) continue;
    parts.push(folded.slice(copied, match.index), target);
    copied = match.index + whole.length;
  }
  if (copied === 0) return folded;
  parts.push(folded.slice(copied));
  return parts.join('');
}
