/**
 * Text damaged on its way out of a PDF or a scanner: PDF export loses glyphs of bold lines ("C n  t c
 * th m m u" for "Công tác tham mưu", "Tr n V n Kho nh" for "Trần Văn Khoảnh"); OCR loses diacritics
 * and misreads letters. What the extractor repairs such text against (template headings, known
 * signers) it compares with these.
 */

/** Text that lost glyphs in PDF extraction shows gaps ("Hoạt  ộn  củ") or stray letters ("CÔNG T C T NG H"). */
export function looksDamaged(text: string): boolean {
  if (/\S\s{2,}\S/.test(text)) return true;
  return (text.match(/(?:^|\s)\p{L}(?=\s|$)/gu) ?? []).length >= 2;
}

/** Length of the longest common subsequence: tolerant of lost glyphs (deletions) and OCR slips (substitutions). */
export function lcsLength(a: string, b: string): number {
  if (a.length === 0 || b.length === 0) return 0;
  let previous = new Uint16Array(b.length + 1);
  let current = new Uint16Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      current[j] =
        ca === b.charCodeAt(j - 1) ? previous[j - 1]! + 1 : Math.max(previous[j]!, current[j - 1]!);
    }
    [previous, current] = [current, previous];
  }
  return previous[b.length]!;
}
