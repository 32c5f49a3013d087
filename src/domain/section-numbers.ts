/** What numbering reads of a section: its key, level, the number the layout gives it, its children. */
export interface NumberedSection {
  key: string;
  level: number;
  number: string | null;
  children: readonly NumberedSection[];
}

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'];
const LETTERS = 'abcdefghiklmnopqrstuvxy';

/**
 * Numbers the sections that will be rendered, the house way: level 1 Roman, level 2 Arabic,
 * level 3 "6.1" — or "a", "b" when the layout's own level-3 number is a letter.
 * Sections not in `present` are skipped and do not use up a number; without it, every section is numbered.
 */
export function numberSectionTree(
  sections: readonly NumberedSection[],
  present?: ReadonlySet<string>,
): Map<string, string> {
  const numbers = new Map<string, string>();
  const visit = (list: readonly NumberedSection[], parentNumber: string | null) => {
    let index = 0;
    for (const section of list) {
      if (present && !present.has(section.key)) continue;
      if (section.number === null) {
        visit(section.children, null);
        continue;
      }
      index++;
      let number: string;
      if (section.level === 1) number = ROMAN[index - 1] ?? String(index);
      else if (/^[a-z]$/.test(section.number)) number = LETTERS[index - 1] ?? String(index);
      else if (section.level >= 3 && parentNumber && /^\d+$/.test(parentNumber))
        number = `${parentNumber}.${index}`;
      else number = String(index);
      numbers.set(section.key, number);
      visit(section.children, number);
    }
  };
  visit(sections, null);
  return numbers;
}
