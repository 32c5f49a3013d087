import { type Period, parsePeriod, periodTemplateValues } from '../../src/domain/period.js';
import { type NumberedSection, numberSectionTree } from '../../src/domain/section-numbers.js';
import type { TemplateSectionView } from './api-types.js';

export interface FlatSection extends TemplateSectionView {
  depth: number;
  path: string;
}

/** The layout as numbering reads it: a section's level is its depth (I. → 1, 1. → 2, a) or 6.1 → 3). */
function asNumbered(sections: readonly TemplateSectionView[], level = 1): NumberedSection[] {
  return sections.map((s) => ({
    key: s.key,
    level,
    number: s.number,
    children: asNumbered(s.children ?? [], level + 1),
  }));
}

/**
 * The template's section tree in document order, each with its depth and numbered path ("I.4.b"). The
 * layout keeps the numbers of the reports it was drawn from, where sections that never appear together
 * share one ("a" for two sections of I.4): every section is numbered by its place, as a report with all
 * of them would number it, so that no two read alike.
 */
export function flattenSections(sections: readonly TemplateSectionView[]): FlatSection[] {
  const numbers = numberSectionTree(asNumbered(sections));
  const visit = (list: readonly TemplateSectionView[], depth: number, prefix: string): FlatSection[] =>
    list.flatMap((section) => {
      const number = numbers.get(section.key) ?? null;
      // "6.1" under "6" already carries its parent's number: it replaces the last step instead of extending it.
      const steps = prefix ? prefix.split('.') : [];
      const own = number ? number.split('.') : [];
      const base = own.length > 1 && steps.length > 0 && steps.at(-1) === own[0] ? steps.slice(0, -1) : steps;
      const path = [...base, ...own].join('.');
      return [{ ...section, depth, path }, ...visit(section.children ?? [], depth + 1, path)];
    });
  return visit(sections, 0, '');
}

/** Fills the period placeholders of a template title ("KẾ HOẠCH CÔNG TÁC {planPeriodUpper}"); others stay. */
export function fillTitle(title: string, periodIdText: string): string {
  let period: Period;
  try {
    period = parsePeriod(periodIdText);
  } catch {
    return title;
  }
  const values = periodTemplateValues(period);
  return title.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

export function sectionTitle(section: TemplateSectionView, lang: 'vi' | 'en', periodIdText: string): string {
  return fillTitle(lang === 'en' && section.titleEn ? section.titleEn : section.title, periodIdText);
}
