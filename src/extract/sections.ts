import type { ItemKind, ReportItem, ReportSection } from '../domain/report-document.js';
import type { Paragraph } from './paragraphs.js';

export interface HeadingMatch {
  level: number;
  number: string | null;
  title: string;
}

const ROMAN = /^(I|II|III|IV|V|VI|VII|VIII|IX|X)\s*(?:[.:]\s*|\s+(?=\p{Lu}))(.+)$/u;
const DECIMAL = /^(\d{1,2})\.(\d{1,2})\s*\.?\s+(.+)$/;
const NUMBERED = /^(\d{1,2})(?:\s*\.\s*|\s{2,})(\S.*)$/;
const LETTERED = /^([a-zđ])\s*\)\s*(.+)$/;
const UNNUMBERED = /^(phu luc)\b/;
const MAX_HEADING = 110;

function cleanTitle(title: string): string {
  return title
    .replace(/\s+/g, ' ')
    .replace(/[:.]\s*$/, '')
    .trim();
}

/**
 * Reads a paragraph as a heading: "I. …" (level 1), "1. …" (2), "6.1. …" or "a) …" (3),
 * "PHỤ LỤC" (1, no number). Long paragraphs and ones that end a sentence are list items, not headings.
 */
export function parseHeading(paragraph: Paragraph): HeadingMatch | null {
  const text = paragraph.text;
  if (text.length > MAX_HEADING || /[;]\s*$/.test(text)) return null;
  if (/\.\s*$/.test(text) && !/^(?:[IVX]+|\d{1,2}(?:\.\d{1,2})?)\.?\s*\S{0,3}$/.test(text)) return null;
  let m = ROMAN.exec(text);
  if (m) {
    const title = cleanTitle(m[2]!);
    // Level-1 titles are upper case; a Roman numeral before a lower-case sentence is not one.
    if (title === title.toUpperCase()) return { level: 1, number: m[1]!, title };
  }
  m = DECIMAL.exec(text);
  if (m) return { level: 3, number: `${m[1]}.${m[2]}`, title: cleanTitle(m[3]!) };
  m = NUMBERED.exec(text);
  if (m) return { level: 2, number: m[1]!, title: cleanTitle(m[2]!) };
  m = LETTERED.exec(text);
  if (m) return { level: 3, number: m[1]!, title: cleanTitle(m[2]!) };
  if (UNNUMBERED.test(paragraph.folded)) return { level: 1, number: null, title: cleanTitle(text) };
  return null;
}

function itemStyle(text: string): ReportItem['style'] {
  if (/^[-–•]\s*/.test(text)) return 'bullet';
  if (/^[+*]\s*/.test(text)) return 'sub_bullet';
  return 'paragraph';
}

function itemText(text: string): string {
  return text.replace(/^[-–•+*]\s*/, '').trim();
}

export interface SectionTree {
  sections: ReportSection[];
  /** Paragraphs before the first heading. */
  leading: Paragraph[];
}

/**
 * Builds the section tree from paragraphs. Paragraphs after a heading become its items; in the
 * plan part (from `planStart`) they are plan items. A numbered line inside the plan part is an
 * item unless it is short like a heading.
 */
export function buildSections(
  paragraphs: readonly Paragraph[],
  planStart: number,
  toOriginal: (offset: number) => number,
): SectionTree {
  const roots: ReportSection[] = [];
  const stack: ReportSection[] = [];
  const leading: Paragraph[] = [];
  for (const paragraph of paragraphs) {
    const heading = parseHeading(paragraph);
    const inPlan = paragraph.start >= planStart;
    const planItem = inPlan && heading && heading.level >= 2 && heading.title.length > 60;
    if (heading && !planItem && (heading.level === 1 || stack.length > 0)) {
      const section: ReportSection = { key: null, ...heading, items: [], children: [] };
      while (stack.length > 0 && stack[stack.length - 1]!.level >= heading.level) stack.pop();
      const parent = stack[stack.length - 1];
      if (parent) parent.children.push(section);
      else roots.push(section);
      stack.push(section);
      continue;
    }
    const owner = stack[stack.length - 1];
    if (!owner) {
      leading.push(paragraph);
      continue;
    }
    const kind: ItemKind = inPlan ? 'plan' : 'result';
    owner.items.push({
      kind,
      style: itemStyle(paragraph.text),
      text: itemText(paragraph.text),
      start: toOriginal(paragraph.start),
      end: toOriginal(paragraph.end),
    });
  }
  return { sections: roots, leading };
}
