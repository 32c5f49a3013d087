/**
 * Qualifiers ("hơn", "trên", "khoảng", "gần", "ước") say a figure is not exact; a report that drops
 * one states more than the agency knows, so they travel with the figure into its sentence.
 */

/** Approximation words as the reports write them before a figure, by the word written. */
const APPROXIMATIONS: ReadonlyMap<string, string> = new Map([
  ['hơn', 'hơn'],
  ['trên', 'trên'],
  ['khoảng', 'khoảng'],
  ['gần', 'gần'],
  ['dưới', 'dưới'],
  ['ước', 'ước'],
  ['ước đạt', 'ước'],
  ['ước tính', 'ước'],
]);

/**
 * The approximation word of a stored qualifier. Imports also keep notes there ("lũy kế đến ngày
 * 12/4/2022", a breakdown label, "trên; lũy kế"), which are not written before the figure.
 */
export function approximationOf(qualifier: string | null): string | null {
  if (!qualifier) return null;
  for (const part of qualifier.split(';')) {
    const word = APPROXIMATIONS.get(part.trim().toLocaleLowerCase('vi'));
    if (word) return word;
  }
  return null;
}

/** The approximation word of a figure made of several stored parts (a quarter summed from its months). */
export function combineQualifiers(parts: ReadonlyArray<string | null>): string | null {
  const kinds = new Set(parts.map(approximationOf).filter((q): q is string => q !== null));
  if (kinds.size === 0) return null;
  // An estimate anywhere makes the whole an estimate; bounds pointing different ways only approximate it.
  if (kinds.has('ước')) return 'ước';
  if (kinds.size === 1) return [...kinds][0] ?? null;
  return 'khoảng';
}

const START = '\u0001';
const END = '\u0002';
const MARK = /\u0001([^\u0002]+)\u0002/gu;

/** A figure's text with its qualifier attached, to be placed by placeQualifiers() once the sentence is written. */
export function markQualifier(qualifier: string | null, figureText: string): string {
  return qualifier ? `${START}${qualifier}${END}${figureText}` : figureText;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Writes each marked qualifier before its figure ("hơn 85 Công văn"); an estimate goes before the
 * verb the template put there ("ước đạt 38,5 tỷ đồng", not "đạt ước"); a qualifier the template
 * already wrote is not written twice.
 */
export function placeQualifiers(text: string): string {
  let out = '';
  let last = 0;
  for (const match of text.matchAll(MARK)) {
    const qualifier = match[1] ?? '';
    out += text.slice(last, match.index);
    last = match.index + match[0].length;
    const already = new RegExp(`(?:^|[^\\p{L}])${escapeRegExp(qualifier)}(?:\\s+đạt)?\\s+$`, 'iu');
    if (already.test(out)) continue;
    const reached = /(^|[^\p{L}])(đạt)\s+$/iu.exec(out);
    if (qualifier === 'ước' && reached) {
      const verb = reached[2] ?? 'đạt';
      const capital = verb.charAt(0) === 'Đ';
      out = `${out.slice(0, reached.index + (reached[1] ?? '').length)}${capital ? 'Ước' : 'ước'} đạt `;
      continue;
    }
    out += `${qualifier} `;
  }
  return out + text.slice(last);
}
