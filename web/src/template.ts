import { type Period, parsePeriod, periodTemplateValues } from '../../src/domain/period.js';
import type { TemplateSectionView } from './api-types.js';

export interface FlatSection extends TemplateSectionView {
  depth: number;
  path: string;
}

/** The template's section tree in document order, each with its depth and numbered path ("I.4.2"). */
export function flattenSections(
  sections: readonly TemplateSectionView[],
  depth = 0,
  prefix = '',
): FlatSection[] {
  const out: FlatSection[] = [];
  for (const section of sections) {
    // "6.1" under "6" already carries its parent's number: it replaces the last step instead of extending it.
    const steps = prefix ? prefix.split('.') : [];
    const own = section.number ? section.number.split('.') : [];
    const base = own.length > 1 && steps.length > 0 && steps.at(-1) === own[0] ? steps.slice(0, -1) : steps;
    const path = [...base, ...own].join('.');
    out.push({ ...section, depth, path });
    out.push(...flattenSections(section.children ?? [], depth + 1, path));
  }
  return out;
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
