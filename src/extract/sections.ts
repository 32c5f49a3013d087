import type { ItemKind, ReportItem, ReportSection } from '../domain/report-document.js';
import {
  fillTemplate,
  matchTemplateHeading,
  type ReportTemplate,
  type TemplateValues,
} from '../domain/report-template.js';
import { looksDamaged } from '../domain/vietnamese/damaged-text.js';
import { foldDiacritics } from '../domain/vietnamese/fold.js';
import { isDigit, isRegExpWhitespace } from './char-codes.js';
import type { Paragraph } from './paragraphs.js';

export interface HeadingMatch {
  level: number;
  number: string | null;
  title: string;
}

const ROMAN = /^([IVX][IVX1l]{0,3})\s*(?:[.:]\s*|\s+(?=\p{Lu}))(.+)$/u;
const DECIMAL = /^(\d{1,2})\.(\d{1,2})\s*\.?\s*(\p{L}.+)$/u;
const NUMBERED = /^(\d{1,2})(?:\s*\.\s*|\s{2,})(\S.*)$/;
const LETTERED = /^([a-zđ])\s*\)\s*(.+)$/;
const UNNUMBERED = /^(phu luc)\b/;
const MAX_HEADING = 110;

/** Whitespace that `.replace(/\s+/g, ' ')` would change: any but a space, or a run. */
const SPACE_TO_COLLAPSE = /[^\S ]| \s/;

/** Offset past the last character that `\s` does not match (0 when there is none). */
function contentEnd(text: string): number {
  let end = text.length;
  while (end > 0 && isRegExpWhitespace(text.charCodeAt(end - 1))) end--;
  return end;
}

/** The title with whitespace runs as one space and a final ":" or "." removed. */
function cleanTitle(title: string): string {
  // Most titles are single-spaced; a global replacement would still be re-entered at every space.
  const spaced = SPACE_TO_COLLAPSE.test(title) ? title.replace(/\s+/g, ' ') : title;
  // What `.replace(/[:.]\s*$/, '')` does, without trying the expression at every offset.
  const end = contentEnd(spaced);
  const last = spaced.charAt(end - 1);
  return (last === ':' || last === '.' ? spaced.slice(0, end - 1) : spaced).trim();
}

const NUMERAL_ONLY = /^(?:[IVX]+|\d{1,2}(?:\.\d{1,2})?)\.?\s*\S{0,3}$/;

/** The first letter of a Roman numeral, as ROMAN opens. */
function opensRoman(code: number): boolean {
  return code === 0x49 || code === 0x56 || code === 0x58;
}

/** a–z or đ, as LETTERED opens. */
function opensLettered(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || code === 0x111;
}

/**
 * Reads a paragraph as a heading: "I. …" (level 1), "1. …" (2), "6.1. …" or "a) …" (3),
 * "PHỤ LỤC" (1, no number). Long paragraphs and ones that end a sentence are list items, not headings.
 */
export function parseHeading(paragraph: Paragraph): HeadingMatch | null {
  const text = paragraph.text;
  if (text.length > MAX_HEADING) return null;
  // The last non-space character settles `/[;]\s*$/` and `/\.\s*$/`; the first one which numbering
  // expression can match (each opens with a character class).
  const last = text.charAt(contentEnd(text) - 1);
  if (last === ';' || (last === '.' && !NUMERAL_ONLY.test(text))) return null;
  const opening = text.charCodeAt(0);
  if (opensRoman(opening)) {
    const m = ROMAN.exec(text);
    if (m) {
      const title = cleanTitle(m[2]!);
      // Level-1 titles are upper case; a Roman numeral before a lower-case sentence is not one.
      // OCR reads "I" as "1" or "l" inside numerals ("I1I").
      const numeral = m[1]!.replace(/[1l]/g, 'I');
      const valid = /^(I|II|III|IV|V|VI|VII|VIII|IX|X)$/.test(numeral);
      if (valid && title === title.toUpperCase()) return { level: 1, number: numeral, title };
    }
  } else if (isDigit(opening)) {
    let m = DECIMAL.exec(text);
    if (m) return { level: 3, number: `${m[1]}.${m[2]}`, title: cleanTitle(m[3]!) };
    m = NUMBERED.exec(text);
    if (m) return { level: 2, number: m[1]!, title: cleanTitle(m[2]!) };
  } else if (opensLettered(opening)) {
    const m = LETTERED.exec(text);
    if (m) return { level: 3, number: m[1]!, title: cleanTitle(m[2]!) };
  }
  if (UNNUMBERED.test(paragraph.folded)) return { level: 1, number: null, title: cleanTitle(text) };
  return null;
}

/**
 * Gives a heading its template key and, when its wording is damaged (lost glyphs, OCR text without
 * diacritics), the template's wording of the same heading.
 */
export function recoverHeading(
  raw: string,
  heading: HeadingMatch,
  context: HeadingContext,
): { key: string | null; title: string } {
  const match = cachedTemplateMatch(context.template, raw);
  if (!match) return { key: null, title: heading.title };
  const degraded = context.accentless || looksDamaged(raw) || foldDiacritics(heading.title) === heading.title;
  let wording: string | null = match.matched;
  if (wording.includes('{')) wording = context.values ? fillTemplate(wording, context.values) : null;
  if (!degraded || !wording || foldDiacritics(wording) === wording)
    return { key: match.section.key, title: heading.title };
  // Template titles of level-1 headings are written in sentence case; the reports print them upper case.
  const title =
    heading.level === 1 && heading.title === heading.title.toUpperCase()
      ? wording.toLocaleUpperCase('vi')
      : wording;
  return { key: match.section.key, title: cleanTitle(title) };
}

// Archives repeat the same headings report after report: fuzzy template matching is done once per wording.
const templateMatches = new WeakMap<ReportTemplate, Map<string, ReturnType<typeof matchTemplateHeading>>>();
const MAX_CACHED_HEADINGS = 5000;

function cachedTemplateMatch(template: ReportTemplate, raw: string): ReturnType<typeof matchTemplateHeading> {
  let cache = templateMatches.get(template);
  if (!cache) {
    cache = new Map();
    templateMatches.set(template, cache);
  }
  const hit = cache.get(raw);
  if (hit !== undefined || cache.has(raw)) return hit ?? null;
  const match = matchTemplateHeading(template, raw);
  if (cache.size >= MAX_CACHED_HEADINGS) cache.clear();
  cache.set(raw, match);
  return match;
}

export interface HeadingContext {
  template: ReportTemplate;
  /** Placeholder values of the report's period, to fill templated headings ("KẾ HOẠCH CÔNG TÁC {planPeriodUpper}"). */
  values: TemplateValues | null;
  /** The whole text lost its diacritics (OCR, plain-ASCII copies): headings take the template's wording. */
  accentless: boolean;
}

const BULLETS = new Set(['-', '–', '•']);
const SUB_BULLETS = new Set(['+', '*']);

function itemStyle(text: string): ReportItem['style'] {
  if (BULLETS.has(text.charAt(0))) return 'bullet';
  if (SUB_BULLETS.has(text.charAt(0))) return 'sub_bullet';
  return 'paragraph';
}

function itemText(paragraph: Paragraph): string {
  const text = paragraph.text;
  // The mark alone is cut: the spaces after it go with the trimming below.
  const body = itemStyle(text) === 'paragraph' ? text : text.slice(1);
  return paragraph.gaps ? body.replace(/\s+/g, ' ').trim() : body.trim();
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
  context: HeadingContext | null = null,
): SectionTree {
  const roots: ReportSection[] = [];
  const stack: ReportSection[] = [];
  const leading: Paragraph[] = [];
  for (const paragraph of paragraphs) {
    const heading = parseHeading(paragraph);
    const inPlan = paragraph.start >= planStart;
    const planItem = inPlan && heading && heading.level >= 2 && heading.title.length > 60;
    if (heading && !planItem && (heading.level === 1 || stack.length > 0)) {
      const recovered = context ? recoverHeading(paragraph.text, heading, context) : null;
      const section: ReportSection = {
        key: recovered?.key ?? null,
        ...heading,
        title: recovered?.title ?? heading.title,
        items: [],
        children: [],
      };
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
      text: itemText(paragraph),
      start: toOriginal(paragraph.start),
      end: toOriginal(paragraph.end),
    });
  }
  return { sections: roots, leading };
}
