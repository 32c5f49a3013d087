import { z } from 'zod';
import type { ReportKind, TemplateValues } from './period.js';
import { numberSectionTree } from './section-numbers.js';
import { lcsLength, looksDamaged } from './vietnamese/damaged-text.js';
import { foldForSearch } from './vietnamese/fold.js';

/**
 * The report layout (bố cục báo cáo) as data an organisation can edit: ordered sections with
 * their house titles, the title variants seen in old reports, the unit that writes each one and
 * the indicators reported in it; plus the document-level wording (title, opening and closing
 * sentences, recipients, signer). Texts may hold placeholders: {period}, {planPeriod},
 * {periodUpper}, {planPeriodUpper}, {year}, {planYear}.
 */

export const UnitCodeSchema = z.enum([
  'van-phong',
  'thanh-tra',
  'phong-bcvt',
  'phong-cntt',
  'phong-ttbcxb',
  'trung-tam-cntt',
]);
export type UnitCode = z.infer<typeof UnitCodeSchema>;

/** results = what was done; assessment = đánh giá; plan = kế hoạch / phương hướng for the next period. */
export const TemplateSectionKindSchema = z.enum(['results', 'assessment', 'plan', 'general']);
export type TemplateSectionKind = z.infer<typeof TemplateSectionKindSchema>;

export interface TemplateSection {
  key: string;
  /** 1 = Roman numeral, 2 = "1.", 3 = "6.1" or "a)". */
  level: number;
  /** The number in the house layout (seed 001/004); renderers renumber present sections with numberSections. */
  number: string | null;
  title: string;
  titleEn?: string | undefined;
  /** Other wordings of the same heading in old reports, for the importer. */
  aliases: string[];
  /** The unit that writes the section. */
  unit: UnitCode | null;
  kind: TemplateSectionKind;
  /** Rendered only when it has content (sections seen in some reports only). */
  optional: boolean;
  /** Indicator codes reported in the section, in the order reports state them. */
  indicators: string[];
  children: TemplateSection[];
}

export const TemplateSectionSchema: z.ZodType<TemplateSection, z.input<z.ZodTypeAny>> = z.lazy(() =>
  z.object({
    key: z.string().regex(/^[a-z0-9_]+$/),
    level: z.number().int().min(1).max(4),
    number: z.string().nullable(),
    title: z.string().min(1),
    titleEn: z.string().optional(),
    aliases: z.array(z.string()).default([]),
    unit: UnitCodeSchema.nullable().default(null),
    kind: TemplateSectionKindSchema,
    optional: z.boolean().default(false),
    indicators: z.array(z.string()).default([]),
    children: z.array(TemplateSectionSchema).default([]),
  }),
);

export const TemplateSignerSchema = z.object({
  onBehalf: z.string().nullable(),
  position: z.string(),
  name: z.string(),
});

export const TemplateDocumentSchema = z.object({
  title: z.string(),
  /** "kết quả công tác thông tin và truyền thông {period} và kế hoạch công tác {planPeriod}". */
  subtitle: z.string(),
  /** Wording for a report kind that differs from the default (the annual "tổng kết" report). */
  subtitleByKind: z
    .partialRecord(z.enum(['monthly', 'quarterly', 'half_year', 'nine_months', 'annual']), z.string())
    .default({}),
  /** Opening paragraph before section I. */
  intro: z.string(),
  /** First sentence of the plan section. */
  planIntro: z.string(),
  /** "Trên đây là …/." */
  closing: z.string(),
  recipientsHeading: z.string().default('Nơi nhận:'),
  recipients: z.array(z.string()),
  signer: TemplateSignerSchema,
});

export const ReportTemplateSchema = z
  .object({
    version: z.literal(1),
    name: z.string(),
    document: TemplateDocumentSchema,
    sections: z.array(TemplateSectionSchema).min(1),
  })
  .superRefine((template, ctx) => {
    const seen = new Set<string>();
    for (const section of walkTemplate(template.sections)) {
      if (seen.has(section.key)) ctx.addIssue({ code: 'custom', message: `Trùng khóa mục "${section.key}"` });
      seen.add(section.key);
    }
  });
export type ReportTemplate = z.infer<typeof ReportTemplateSchema>;

function* walkTemplate(sections: readonly TemplateSection[]): Generator<TemplateSection> {
  for (const section of sections) {
    yield section;
    yield* walkTemplate(section.children);
  }
}

export interface FlatTemplateSection extends TemplateSection {
  parentKey: string | null;
}

/** Depth-first list of all sections, each with its parent's key. */
export function flattenTemplate(template: ReportTemplate): FlatTemplateSection[] {
  const out: FlatTemplateSection[] = [];
  const visit = (sections: readonly TemplateSection[], parentKey: string | null) => {
    for (const section of sections) {
      out.push({ ...section, parentKey });
      visit(section.children, section.key);
    }
  };
  visit(template.sections, null);
  return out;
}

export function findTemplateSection(template: ReportTemplate, key: string): TemplateSection | null {
  for (const section of walkTemplate(template.sections)) if (section.key === key) return section;
  return null;
}

/** Keys of the section and all its descendants: indicators of a sub-section belong to the parent too. */
export function sectionKeysUnder(template: ReportTemplate, key: string): string[] {
  const section = findTemplateSection(template, key);
  return section ? [...walkTemplate([section])].map((s) => s.key) : [];
}

// ---------------------------------------------------------------------------------------------
// Placeholders

export { periodTemplateValues, type TemplateValues } from './period.js';

/** Replaces {name} placeholders; an unknown placeholder is a template bug, not user input. */
export function fillTemplate(text: string, values: TemplateValues): string {
  return text.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`Unknown template placeholder {${name}} in "${text}"`);
    return value;
  });
}

export function subtitleFor(template: ReportTemplate, kind: ReportKind): string {
  return template.document.subtitleByKind[kind] ?? template.document.subtitle;
}

// ---------------------------------------------------------------------------------------------
// Numbering (section-numbers.ts holds it without zod, so that the web UI numbers sections the same way)

/** Numbers the template's sections that will be rendered (see `numberSectionTree`). */
export function numberSections(template: ReportTemplate, present: ReadonlySet<string>): Map<string, string> {
  return numberSectionTree(template.sections, present);
}

// ---------------------------------------------------------------------------------------------
// Heading matching

/** Abbreviations the reports use in headings, spelled out so both forms compare equal. */
const ABBREVIATIONS: Record<string, string> = {
  cntt: 'cong nghe thong tin',
  ttdt: 'thong tin dien tu',
  ubnd: 'uy ban nhan dan',
  attt: 'an toan thong tin',
  qlnn: 'quan ly nha nuoc',
  'tt&tt': 'thong tin va truyen thong',
  'tt-tt': 'thong tin va truyen thong',
};

/** Words of a period phrase ("tháng 5 năm 2022", "9 tháng đầu năm", OCR "nim"/"ndm"/"pau"). */
const PERIOD_WORDS = new Set([
  'thang',
  'nam',
  'nim',
  'ndm',
  'quy',
  'dau',
  'pau',
  'cuoi',
  'cudi',
  'i',
  'ii',
  'iii',
  'iv',
]);

const LEADING_NUMBER =
  /^\s*(?:[IVXl1]{1,4}\s*[.:)]|[IVX]{1,4}\s+|\d{1,2}(?:\s*\.\s*\d{1,2})*\s*[.)]?|[a-zđ]\s*[).])\s*/u;

/**
 * Drops the period phrase that ends a heading ("… THÁNG 5 NĂM 2022", "… 9 THANG PAU NAM 2021",
 * damaged "… TH NG 7/2020"): the trailing run of numbers, period words and glyph fragments.
 */
function withoutTrailingPeriod(words: string[]): string[] {
  let cut = words.length;
  let sawPeriod = false;
  while (cut > 0) {
    const word = words[cut - 1]!;
    const isPeriod = /\d/.test(word) || PERIOD_WORDS.has(word);
    if (!isPeriod && word.length > 2) break;
    sawPeriod ||= isPeriod;
    cut--;
  }
  return sawPeriod ? words.slice(0, cut) : words;
}

/** The comparable letters of a heading: markup, numbering, placeholders and the period phrase removed. */
export function headingKey(text: string): string {
  const unmarked = text
    .normalize('NFC')
    .replace(/\{\w+\}/g, ' ')
    .replace(/[#*_`\\]/g, ' ')
    .trim()
    .replace(LEADING_NUMBER, '');
  const words = foldForSearch(unmarked)
    .split(/[^a-z0-9&/-]+/)
    .flatMap((word) => (ABBREVIATIONS[word] ?? word).split(/[^a-z0-9/]+/))
    .filter((word) => word.length > 0);
  return withoutTrailingPeriod(words)
    .filter((word) => !/\d/.test(word))
    .join('');
}

/**
 * Precision = share of the heading's letters explained by the candidate (low for a sentence that
 * merely mentions a title); recall = share of the candidate's letters found (low when glyphs or
 * the heading's second line were lost). A PDF that lost glyphs keeps precision near 1 at any
 * recall; otherwise both must be high and the heading must start with a capital.
 */
const LOST_GLYPHS_PRECISION = 0.95;
const LOST_GLYPHS_RECALL = 0.45;
const PLAIN_MIN_PRECISION = 0.72;
const PLAIN_MIN_RECALL = 0.68;
const MAX_HEADING_LETTERS = 160;

interface HeadingCandidate {
  section: TemplateSection;
  text: string;
  key: string;
}

const candidateCache = new WeakMap<ReportTemplate, HeadingCandidate[]>();

/** Titles and aliases with their comparable keys, computed once per template object. */
function headingCandidates(template: ReportTemplate): HeadingCandidate[] {
  let candidates = candidateCache.get(template);
  if (!candidates) {
    candidates = [];
    for (const section of walkTemplate(template.sections)) {
      for (const text of [section.title, ...section.aliases])
        candidates.push({ section, text, key: headingKey(text) });
    }
    candidateCache.set(template, candidates);
  }
  return candidates;
}

export interface HeadingMatch {
  section: TemplateSection;
  /** 0–1, harmonic mean of precision and recall of the letter alignment. */
  score: number;
  precision: number;
  recall: number;
  /** The title or alias that matched. */
  matched: string;
}

/**
 * Finds the template section a heading belongs to, by its house title or an alias, ignoring
 * diacritics, numbering, abbreviations and period phrases, and tolerating lost glyphs
 * ("C n  t c th m m u T nh ủ …") and OCR slips ("viin ban chi dao"). Null for text that is not
 * one of the template's headings (list items, sentences, report-specific headings).
 */
export function matchTemplateHeading(template: ReportTemplate, headingText: string): HeadingMatch | null {
  // List items and sentences are not headings; a heading may end with ":" but not with "." or ";".
  if (/^\s*(?:[-–+•]|\*(?!\*))/.test(headingText) || /[.;,…]\s*(?:\*\*)?\s*$/.test(headingText)) return null;
  const key = headingKey(headingText);
  if (key.length < 4 || key.length > MAX_HEADING_LETTERS) return null;
  const body = headingText
    .replace(/[#*_`\\]/g, ' ')
    .trim()
    .replace(LEADING_NUMBER, '')
    .trim();
  const capitalised = /^\P{L}*\p{Lu}/u.test(body);
  const damaged = looksDamaged(body);
  let best: HeadingMatch | null = null;
  for (const { section, text, key: candidateKey } of headingCandidates(template)) {
    // lcs ≤ min(lengths): outside this band neither rule can be met.
    if (
      key.length * PLAIN_MIN_PRECISION > candidateKey.length ||
      candidateKey.length * LOST_GLYPHS_RECALL > key.length
    )
      continue;
    const common = lcsLength(key, candidateKey);
    const precision = common / key.length;
    const recall = common / candidateKey.length;
    const lostGlyphs = damaged && precision >= LOST_GLYPHS_PRECISION && recall >= LOST_GLYPHS_RECALL;
    const plain = capitalised && precision >= PLAIN_MIN_PRECISION && recall >= PLAIN_MIN_RECALL;
    if (!lostGlyphs && !plain) continue;
    const score = (2 * precision * recall) / (precision + recall);
    if (!best || score > best.score) best = { section, score, precision, recall, matched: text };
  }
  return best;
}

export function templateSectionForHeading(
  template: ReportTemplate,
  headingText: string,
): TemplateSection | null {
  return matchTemplateHeading(template, headingText)?.section ?? null;
}
