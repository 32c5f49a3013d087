import { lcsLength, looksDamaged } from '../domain/vietnamese/damaged-text.js';
import { foldDiacritics } from '../domain/vietnamese/fold.js';

/** The letters of a name, folded: "Nguyễn Văn Chuẩn", "Nguyén Van Chuan" and "NGUYEN VAN CHUAN" agree. */
function nameKey(name: string): string {
  return foldDiacritics(name.normalize('NFC'))
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}

// A name that lost glyphs keeps almost only letters of the true name (precision) and most of them (recall).
const LOST_GLYPHS_PRECISION = 0.95;
const LOST_GLYPHS_RECALL = 0.6;

/**
 * The known signer a name in a report stands for, when the report wrote it damaged: without
 * diacritics or with OCR accents ("Nguyén Van Chuan"), or with glyphs lost in PDF export ("Tr n V n
 * Kho nh"). `known` are the people who sign the organisation's reports (earlier reports, the
 * template). Null when none fits, or when two fit equally well.
 */
export function restoreSignerName(written: string, known: readonly string[]): string | null {
  const key = nameKey(written);
  if (key.length < 4) return null;
  const candidates = [...new Set(known.map((name) => name.normalize('NFC').trim()))].filter(Boolean);
  const exact = candidates.filter((name) => nameKey(name) === key);
  if (exact.length === 1) return exact[0]!;
  if (exact.length > 1 || !looksDamaged(written)) return null;
  let best: string | null = null;
  let bestScore = 0;
  let tied = false;
  for (const name of candidates) {
    const candidateKey = nameKey(name);
    const common = lcsLength(key, candidateKey);
    const precision = common / key.length;
    const recall = common / candidateKey.length;
    if (precision < LOST_GLYPHS_PRECISION || recall < LOST_GLYPHS_RECALL) continue;
    const score = (2 * precision * recall) / (precision + recall);
    if (score > bestScore) {
      best = name;
      bestScore = score;
      tied = false;
    } else if (score === bestScore) tied = true;
  }
  return tied ? null : best;
}
