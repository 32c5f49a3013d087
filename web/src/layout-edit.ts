// Edits of the report layout's section tree on the administration screen: each returns a new tree and
// leaves the one it was given alone, so that the screen can keep the saved layout beside the edited one.
import type {
  ReportTemplate,
  TemplateSection,
  TemplateSectionKind,
} from '../../src/domain/report-template.js';
import { foldForSearch } from '../../src/domain/vietnamese/fold.js';

export type LayoutSection = TemplateSection;

/** The kinds of TemplateSectionKindSchema, listed here so that the page does not bundle zod. */
export const SECTION_KINDS: readonly TemplateSectionKind[] = ['results', 'assessment', 'plan', 'general'];

export interface LayoutRow {
  section: LayoutSection;
  depth: number;
  /** Its place among its siblings, and how many they are. */
  index: number;
  siblings: number;
}

/** The tree in document order, each section with its depth and place among its siblings. */
export function layoutRows(sections: readonly LayoutSection[], depth = 0): LayoutRow[] {
  return sections.flatMap((section, index) => [
    { section, depth, index, siblings: sections.length },
    ...layoutRows(section.children, depth + 1),
  ]);
}

function mapSiblings(
  sections: readonly LayoutSection[],
  key: string,
  change: (siblings: LayoutSection[], at: number) => LayoutSection[],
): LayoutSection[] {
  const at = sections.findIndex((s) => s.key === key);
  if (at >= 0) return change([...sections], at);
  return sections.map((s) => {
    const children = mapSiblings(s.children, key, change);
    return children === s.children ? s : { ...s, children };
  });
}

/** The tree with one section's fields changed. */
export function updateSection(
  sections: readonly LayoutSection[],
  key: string,
  patch: Partial<Omit<LayoutSection, 'key' | 'children'>>,
): LayoutSection[] {
  return mapSiblings(sections, key, (siblings, at) => {
    siblings[at] = { ...siblings[at]!, ...patch };
    return siblings;
  });
}

/** The tree with a section moved up (-1) or down (+1) among its siblings; at an end it stays. */
export function moveSection(sections: readonly LayoutSection[], key: string, step: -1 | 1): LayoutSection[] {
  return mapSiblings(sections, key, (siblings, at) => {
    const to = at + step;
    if (to < 0 || to >= siblings.length) return siblings;
    [siblings[at], siblings[to]] = [siblings[to]!, siblings[at]!];
    return siblings;
  });
}

export function removeSection(sections: readonly LayoutSection[], key: string): LayoutSection[] {
  return mapSiblings(sections, key, (siblings, at) => {
    siblings.splice(at, 1);
    return siblings;
  });
}

function allKeys(sections: readonly LayoutSection[]): Set<string> {
  return new Set(layoutRows(sections).map((row) => row.section.key));
}

/** A key for a new section from its title ("Chuyển đổi số" → "chuyen_doi_so"), unlike any key in the tree. */
export function newSectionKey(sections: readonly LayoutSection[], title: string): string {
  const base =
    foldForSearch(title)
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, 40) || 'muc';
  const taken = allKeys(sections);
  let key = base;
  for (let n = 2; taken.has(key); n++) key = `${base}_${n}`;
  return key;
}

/**
 * The tree with a new section last under `parentKey` (null: a new top-level section): one level below its
 * parent, of its parent's kind, numbered after its last sibling when that one has a plain number.
 */
export function addSection(
  sections: readonly LayoutSection[],
  parentKey: string | null,
  title: string,
): { sections: LayoutSection[]; key: string } {
  const key = newSectionKey(sections, title);
  const parent = parentKey
    ? layoutRows(sections).find((row) => row.section.key === parentKey)?.section
    : null;
  const siblings = parent ? parent.children : sections;
  const lastNumber = siblings.at(-1)?.number ?? null;
  const section: LayoutSection = {
    key,
    level: parent ? Math.min(parent.level + 1, 4) : 1,
    number: lastNumber && /^\d+$/.test(lastNumber) ? String(Number(lastNumber) + 1) : null,
    title,
    aliases: [],
    unit: null,
    kind: parent?.kind ?? 'results',
    optional: false,
    indicators: [],
    children: [],
  };
  if (!parent) return { sections: [...sections, section], key };
  return {
    sections: updateChildren(sections, parent.key, [...parent.children, section]),
    key,
  };
}

function updateChildren(
  sections: readonly LayoutSection[],
  key: string,
  children: LayoutSection[],
): LayoutSection[] {
  return mapSiblings(sections, key, (siblings, at) => {
    siblings[at] = { ...siblings[at]!, children };
    return siblings;
  });
}

/** "a, b  c" → ["a", "b", "c"]: indicator codes as an administrator types them. */
export function parseCodes(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((code) => code.trim())
    .filter((code) => code !== '');
}

/** Lines as an administrator types them, one name a line: trimmed, without blank or repeated lines. */
export function parseLines(text: string): string[] {
  return [...new Set(text.split('\n').map((line) => line.trim()))].filter((line) => line !== '');
}

/** A section as saved: its other names without blanks or repeats, an empty English title left out. */
function cleanSection(section: LayoutSection): LayoutSection {
  const { titleEn, ...rest } = section;
  const english = titleEn?.trim() ?? '';
  return {
    ...rest,
    ...(english === '' ? {} : { titleEn: english }),
    aliases: parseLines(section.aliases.join('\n')).filter((alias) => alias !== section.title.trim()),
    children: section.children.map(cleanSection),
  };
}

/**
 * The layout as it is saved: fields are edited as typed (a line may end in a space while it is written),
 * so recipients and section aliases lose blank lines and outer spaces, and an empty "KT." line means none.
 */
export function cleanLayout(layout: ReportTemplate): ReportTemplate {
  const { document } = layout;
  const onBehalf = document.signer.onBehalf?.trim() ?? '';
  return {
    ...layout,
    sections: layout.sections.map(cleanSection),
    document: {
      ...document,
      recipients: document.recipients.map((line) => line.trim()).filter((line) => line !== ''),
      signer: {
        onBehalf: onBehalf === '' ? null : onBehalf,
        position: document.signer.position.trim(),
        name: document.signer.name.trim(),
      },
    },
  };
}
