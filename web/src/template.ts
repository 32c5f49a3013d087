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
    const path = section.number ? (prefix ? `${prefix}.${section.number}` : section.number) : prefix;
    out.push({ ...section, depth, path });
    out.push(...flattenSections(section.children ?? [], depth + 1, path));
  }
  return out;
}
