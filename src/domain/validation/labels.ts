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
