import type { Indicator } from '../indicator.js';

/** An indicator's name as a message heading: "Số chứng thư số chuyên dùng cá nhân" → "Chứng thư số chuyên dùng cá nhân". */
export function titleOf(indicator: Indicator): string {
  const name = indicator.name.replace(/^(tổng số|số lượng|số)\s+/iu, '');
  return name.charAt(0).toLocaleUpperCase('vi') + name.slice(1);
}

/**
 * Short names for indicators that are named alike: the words after their common beginning
 * ("Số hồ sơ tiếp nhận trực tiếp", "Số hồ sơ tiếp nhận trực tuyến" → "trực tiếp", "trực tuyến").
 * `overrides` wins; a name with nothing left after the common beginning keeps its title.
 */
export function shortLabels(
  indicators: readonly Indicator[],
  overrides: Record<string, string> = {},
): Map<string, string> {
  const words = indicators.map((i) => i.name.split(/\s+/));
  let common = 0;
  if (words.length > 1) {
    const shortest = Math.min(...words.map((w) => w.length));
    while (common < shortest && words.every((w) => w[common] === words[0]![common])) common++;
    // Syllables are space-separated: keep whole compounds ("trực tiếp", not "tiếp"; "mức độ 3", not "3").
    const tooShort = (w: string[]): boolean => {
      const rest = w.length - common;
      return rest < 2 || (rest < 3 && /^\d+$/.test(w[w.length - 1]!));
    };
    while (common > 0 && words.some(tooShort)) common--;
  }
  const labels = new Map<string, string>();
  indicators.forEach((indicator, i) => {
    const rest = words[i]!.slice(common)
      .join(' ')
      .replace(/^[:\-–,\s]+/u, '');
    labels.set(indicator.code, overrides[indicator.code] ?? (common > 0 && rest ? rest : titleOf(indicator)));
  });
  return labels;
}

// English counterparts. Names come from the catalogue's `nameEn`; an indicator without one reads
// with its Vietnamese title, as a message in English still has to name it.

/** First words of an English name that add nothing to a heading ("Number of …"). */
const EN_FILLER = /^(the\s+)?(total\s+)?number\s+of\s+/iu;

/** Words that keep their capital inside a sentence: languages and peoples. */
const EN_PROPER = new Set(['English', 'Vietnamese', 'Khmer']);

/**
 * The English name of an indicator in a message: the rule's English label, else its English title;
 * an indicator without `nameEn` reads as the Vietnamese side does (the rule's label, else its title).
 */
export function nameInEnglish(indicator: Indicator, labelEn?: string, labelVi?: string): string {
  if (labelEn) return labelEn;
  if (!indicator.nameEn && labelVi) return labelVi;
  return titleEnOf(indicator);
}

/** An indicator's English name as a message heading; its Vietnamese title when it has none. */
export function titleEnOf(indicator: Indicator): string {
  if (!indicator.nameEn) return titleOf(indicator);
  const name = indicator.nameEn.replace(EN_FILLER, '');
  // A name that begins with a brand written in lower case ("iOffice users") keeps it.
  if (/^\p{Ll}+\p{Lu}/u.test(name)) return name;
  return name.charAt(0).toLocaleUpperCase('en') + name.slice(1);
}

/**
 * An English name inside a sentence: "Dossiers received" → "dossiers received"; names that start with
 * an abbreviation, a proper name or a web address keep their capital ("USB", "iOffice", "Khmer", "Voso.vn").
 */
export function lowerFirstEn(text: string): string {
  const first = text.split(/\s/u, 1)[0] ?? '';
  if (!/^\p{Lu}\p{Ll}+$/u.test(first) || EN_PROPER.has(first)) return text;
  return first.toLocaleLowerCase('en') + text.slice(first.length);
}

/**
 * English short names for indicators named alike: English puts the distinguishing words first as
 * often as last ("Prepaid mobile subscribers", "Dossiers received online"), so both the common
 * beginning and the common ending are dropped ("prepaid", "postpaid"; "in person", "online").
 * `overrides` wins; an indicator with nothing left after dropping keeps its title. When one of them
 * has no `nameEn`, names are not compared: those without read as on the Vietnamese side (`overridesVi`,
 * else the Vietnamese short label), the others with their English titles.
 */
export function shortLabelsEn(
  indicators: readonly Indicator[],
  overrides: Record<string, string> = {},
  overridesVi: Record<string, string> = {},
): Map<string, string> {
  if (indicators.some((i) => !i.nameEn)) {
    const vi = shortLabels(indicators, overridesVi);
    return new Map(
      indicators.map((i) => [i.code, overrides[i.code] ?? (i.nameEn ? titleEnOf(i) : vi.get(i.code)!)]),
    );
  }
  const words = indicators.map((i) => (i.nameEn ?? '').split(/\s+/u));
  let prefix = 0;
  let suffix = 0;
  if (words.length > 1) {
    const shortest = Math.min(...words.map((w) => w.length));
    while (prefix < shortest && words.every((w) => w[prefix] === words[0]![prefix])) prefix++;
    const fromEnd = (w: string[], i: number) => w[w.length - 1 - i];
    while (
      prefix + suffix < shortest &&
      words.every((w) => fromEnd(w, suffix) === fromEnd(words[0]!, suffix))
    )
      suffix++;
  }
  const labels = new Map<string, string>();
  indicators.forEach((indicator, i) => {
    const w = words[i]!;
    const rest = w
      .slice(prefix, w.length - suffix)
      .join(' ')
      .replace(/^[:\-–,\s]+|[:\-–,\s]+$/gu, '');
    const derived = (prefix > 0 || suffix > 0) && rest ? lowerFirstEn(rest) : titleEnOf(indicator);
    labels.set(indicator.code, overrides[indicator.code] ?? derived);
  });
  return labels;
}
