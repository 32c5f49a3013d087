import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/**
 * Common OCR misreadings ("s6" for "số", "ty 16" for "tỷ lệ", "cip" for "cấp") undone in the folded
 * text that value patterns match, and qualifiers before a figure ("ước 24.774") blanked, so that
 * one pattern serves clean and scanned reports, plain and qualified figures alike. Each
 * replacement has the length of what it replaces: offsets into the original text stay valid.
 */
const ConfusionFileSchema = z.object({
  version: z.literal(1),
  note: z.string().optional(),
  /** Strings only a scanned copy holds: without one the confusions are not looked for. */
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
    // "\b" (or a symbol OCR put for a letter) is cheaper per position than a lookbehind.
    re: new RegExp(`(?:\\b|(?=[¢&€]))(?:${source})(?![a-z0-9])`, 'g'),
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

function isWordCode(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39);
}

/** Blanks each qualifier that stands as whole words right before a numeral (indexOf is far cheaper than a regex pass). */
function blankQualifiers(text: string, qualifiers: readonly string[]): string {
  const spans: Array<[number, number]> = [];
  for (const word of qualifiers) {
    for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + word.length)) {
      if (at > 0 && isWordCode(text.charCodeAt(at - 1))) continue;
      let next = at + word.length;
      if (!isSpaceCode(text.charCodeAt(next))) continue;
      while (isSpaceCode(text.charCodeAt(next))) next++;
      const code = text.charCodeAt(next);
      if (code >= 0x30 && code <= 0x39) spans.push([at, at + word.length]);
    }
  }
  if (spans.length === 0) return text;
  // Longer qualifiers come first in the list and may contain shorter ones ("uoc dat", "uoc"): sort and skip overlaps.
  spans.sort((a, b) => a[0] - b[0]);
  let out = '';
  let copied = 0;
  for (const [start, end] of spans) {
    if (start < copied) continue;
    out += text.slice(copied, start) + ' '.repeat(end - start);
    copied = end;
  }
  return out + text.slice(copied);
}

function isSpaceCode(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x09 || code === 0x0d || code === 0xa0;
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
  const text = scanned ? replaceConfusions(folded, confusions) : folded;
  return blankQualifiers(text, confusions.qualifiers);
}

/** Each misreading replaced by its target when both have the same length. */
function replaceConfusions(folded: string, { re, targets }: OcrConfusions): string {
  // An exec loop: a replacer function would receive every group of the alternation as arguments per match.
  const parts: string[] = [];
  let copied = 0;
  re.lastIndex = 0;
  for (let match = re.exec(folded); match; match = re.exec(folded)) {
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
