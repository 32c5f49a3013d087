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
  confusions: z
    .array(
      z.union([
        z.object({ from: z.string().min(1), to: z.string().min(1) }),
        z.object({ from: z.string().min(1), blank: z.literal(true) }),
      ]),
    )
    .min(1),
});

export interface OcrConfusions {
  re: RegExp;
  /** The replacement of each confusion, or null to blank the match. */
  targets: Array<string | null>;
}

export function compileConfusions(data: unknown): OcrConfusions {
  const { confusions } = ConfusionFileSchema.parse(data);
  // One pass over the text: each confusion is a numbered group of a single alternation.
  // A space in `from` is any run of whitespace (hard line wraps).
  const source = confusions
    .map((c) => `(${c.from.replace(/\((?!\?)/g, '(?:').replace(/ /g, String.raw`\s+`)})`)
    .join('|');
  return {
    // "\b" (or a symbol OCR put for a letter) is cheaper per position than a lookbehind.
    re: new RegExp(`(?:\\b|(?=[¢&€]))(?:${source})(?![a-z0-9])`, 'g'),
    targets: confusions.map((c) => ('to' in c ? c.to : null)),
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

/** The folded text with OCR misreadings replaced; same length as `folded`. */
export function undoOcrNoise(folded: string, confusions: OcrConfusions = defaultOcrConfusions()): string {
  confusions.re.lastIndex = 0;
  return folded.replace(confusions.re, (whole: string, ...groups: unknown[]) => {
    for (let i = 0; i < confusions.targets.length; i++) {
      if (groups[i] === undefined) continue;
      const target = confusions.targets[i];
      if (target === undefined || target === null) return ' '.repeat(whole.length);
      return target.length === whole.length ? target : whole;
    }
    return whole;
  });
}
