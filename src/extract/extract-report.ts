import { defaultReportTemplate } from '../domain/default-catalogue.js';
import { type Period, periodId, reportKindOf } from '../domain/period.js';
import type { ReportDocument, ReportValue } from '../domain/report-document.js';
import { periodTemplateValues, type ReportTemplate } from '../domain/report-template.js';
import { looksDamaged } from '../domain/vietnamese/damaged-text.js';
import { extractCitations } from './citations.js';
import { readHeader, readPeriod, readRecipients, readSigner, readTitle } from './metadata.js';
import { defaultOcrConfusions, undoOcrMisreadings } from './ocr-noise.js';
import { type Paragraph, splitParagraphs } from './paragraphs.js';
import { findBodyParts } from './plan-part.js';
import { type ReadResult, readFile } from './read.js';
import { buildSections, parseHeading } from './sections.js';
import { hasDiacritics, makeSourceText, originalOffset, type SourceText } from './source-text.js';
import { type CompiledPattern, defaultValuePatterns } from './value-patterns.js';
import { findValueCandidates, toReportValues } from './values.js';

export interface ExtractOptions {
  /** The issuing agency when the file has no header (the importing organisation's name). */
  agency?: string;
  /** Value patterns; default: catalogue/extraction-patterns.json. */
  patterns?: readonly CompiledPattern[];
  /** The organisation's report template, to recognise and repair headings (default: the shipped one). */
  template?: ReportTemplate | null;
  /** Values with a confidence below this are flagged for review (default 0.8). */
  reviewThreshold?: number;
  /**
   * People who sign the organisation's reports (earlier reports' signers): a signer's name written
   * without diacritics or with lost glyphs is restored to the one of them it stands for. The
   * template's signer is always known.
   */
  knownSigners?: readonly string[];
}

export interface ExtractionWarning {
  code: string;
  message: string;
}

export interface ExtractionResult {
  file: string;
  mediaType: string;
  /** The file's decoded text; value and item offsets point into it. */
  text: string;
  document: ReportDocument;
  warnings: ExtractionWarning[];
  /** Values below the review threshold: listed for a person to check, not stored as facts. */
  lowConfidence: ReportValue[];
}

const CLOSING = /^tren day la\b/;
const RECIPIENTS = /(?:^|\n)[\s*_]*n\S{0,2}i\s+nh\S{0,2}n\s*:?/;
const ANNEX = /^phu luc\b/;

/** The first folded words of a paragraph, for cheap tests of how it opens. */
function foldedStart(source: SourceText, paragraph: Paragraph): string {
  return source.folded
    .slice(paragraph.start, Math.min(paragraph.end, paragraph.start + 40))
    .replace(/^[\s#*_]+/, '')
    .replace(/\s+/g, ' ');
}

const OPENING_MARKS = /[\s#*_]*/y;

/**
 * Whether the paragraph's folded start matches `opening`, which begins with the letter `first`:
 * most paragraphs are rejected by that one letter without building their folded start.
 */
function opensWith(source: SourceText, paragraph: Paragraph, first: string, opening: RegExp): boolean {
  OPENING_MARKS.lastIndex = paragraph.start;
  OPENING_MARKS.exec(source.folded);
  const at = OPENING_MARKS.lastIndex;
  if (at >= Math.min(paragraph.end, paragraph.start + 40) || source.folded[at] !== first) return false;
  return opening.test(foldedStart(source, paragraph));
}

let cachedTemplate: ReportTemplate | null = null;

function sharedTemplate(): ReportTemplate {
  cachedTemplate ??= defaultReportTemplate();
  return cachedTemplate;
}

function periodOrNull(period: Period | null | undefined): string | null {
  return period ? periodId(period) : null;
}

/** Turns decoded report text into a report document, its values and citations. */
export function extractFromText(
  name: string,
  decoded: string,
  options: ExtractOptions = {},
): ExtractionResult {
  const source = makeSourceText(decoded);
  return extractFromSource(name, 'text/plain', source, options);
}

function extractFromSource(
  name: string,
  mediaType: string,
  source: SourceText,
  options: ExtractOptions,
): ExtractionResult {
  const warnings: ExtractionWarning[] = [];
  const { planStart } = findBodyParts(source);
  const paragraphs = splitParagraphs(source);
  const closingIndex = paragraphs.findIndex((p) => opensWith(source, p, 't', CLOSING));
  const closing = closingIndex >= 0 ? paragraphs[closingIndex]! : null;
  const recipientsMatch = RECIPIENTS.exec(source.folded.slice(closing?.start ?? 0));
  const recipientsStart = recipientsMatch ? (closing?.start ?? 0) + recipientsMatch.index : -1;
  const bodyEnd = closing?.start ?? (recipientsStart >= 0 ? recipientsStart : source.text.length);
  const annexIndex = paragraphs.findIndex((p) => p.start >= bodyEnd && opensWith(source, p, 'p', ANNEX));
  const structured: Paragraph[] = [
    ...paragraphs.filter((p) => p.end <= bodyEnd),
    ...(annexIndex >= 0 ? paragraphs.slice(annexIndex) : []),
  ];
  const toOriginal = (offset: number) => originalOffset(source, offset);
  const firstHeading = structured.findIndex((p) => parseHeading(p)?.level === 1);
  const leading = firstHeading >= 0 ? structured.slice(0, firstHeading) : [];
  const header = readHeader(source, options.agency ?? null);
  const title = readTitle(leading);
  const introParagraphs = leading.filter(
    (p) => p.start > (title?.start ?? -1) && /^(trong|thuc hien|can cu|nham)\b/.test(p.folded),
  );
  const intro = introParagraphs.map((p) => p.text).join('\n') || null;
  const phrase = readPeriod([title?.folded, closing?.folded, introParagraphs[0]?.folded]);
  const template = options.template === undefined ? sharedTemplate() : options.template;
  const diacritics = hasDiacritics(source);
  const context = template
    ? {
        template,
        values: phrase ? periodTemplateValues(phrase.period) : null,
        accentless: diacritics === false,
      }
    : null;
  const tree = buildSections(structured, planStart, toOriginal, context);
  if (!phrase) {
    warnings.push({
      code: 'import.period_unknown',
      message: `Không xác định được kỳ báo cáo trong tệp ${name}.`,
    });
  }
  const annexStart = annexIndex >= 0 ? paragraphs[annexIndex]!.start : source.text.length;
  const signatureFrom = recipientsStart >= 0 ? recipientsStart : (closing?.end ?? annexStart);
  const knownSigners = [
    ...(options.knownSigners ?? []),
    ...(template ? [template.document.signer.name] : []),
  ];
  const signer =
    closing || recipientsStart >= 0 ? readSigner(source, signatureFrom, annexStart, knownSigners) : null;
  const recipients = recipientsStart >= 0 ? readRecipients(source, recipientsStart, annexStart) : [];
  if (recipientsStart >= 0 && !signer) {
    warnings.push({ code: 'import.signer_unknown', message: `Không đọc được người ký trong tệp ${name}.` });
  }
  if (signer && looksDamaged(signer.name)) {
    warnings.push({
      code: 'import.signer_damaged',
      message: `Tên người ký trong tệp ${name} bị mất ký tự ("${signer.name}"); cần sửa lại trong báo cáo.`,
    });
  }

  const patterns = options.patterns ?? defaultValuePatterns();
  // Figures are read up to the plan part. A scanned copy is one OCR wrote without diacritics (a page
  // tells) and holding one of the misreadings only such copies have, looked for in the whole text.
  const valueText = source.folded.slice(0, Math.min(planStart, bodyEnd));
  const confusions = defaultOcrConfusions();
  const values = toReportValues(
    source,
    findValueCandidates(
      undoOcrMisreadings(
        valueText,
        confusions,
        diacritics !== true && confusions.scannedProbe.test(source.folded),
      ),
      patterns,
      valueText.length,
      confusions,
    ),
  );
  const threshold = options.reviewThreshold ?? 0.8;
  const citations = extractCitations(source, header.number);

  const document: ReportDocument = {
    meta: {
      parentAuthority: header.parentAuthority,
      agency: header.agency ?? '',
      kind: phrase ? reportKindOf(phrase.period) : 'monthly',
      periodId: phrase ? periodId(phrase.period) : '',
      planPeriodId: periodOrNull(phrase?.planPeriod),
      number: header.number,
      issuedDate: header.issuedDate,
      place: header.place,
      title: title?.text ?? null,
      signer,
      recipients,
    },
    intro,
    sections: tree.sections,
    closing: closing?.text ?? null,
    values,
    citations,
  };
  return {
    file: name,
    mediaType,
    text: source.original,
    document,
    warnings,
    lowConfidence: values.filter((v) => v.confidence < threshold),
  };
}

/** Extracts the report document of a file already read (its decoded text and media type). */
export function extractRead(name: string, read: ReadResult, options: ExtractOptions = {}): ExtractionResult {
  return extractFromSource(name, read.mediaType, makeSourceText(read.text), options);
}

/** Reads a file (TXT, Markdown, DOCX, PDF) and extracts its report document. */
export async function extractReport(
  input: { name: string; bytes: Buffer | Uint8Array },
  options: ExtractOptions = {},
): Promise<ExtractionResult> {
  return extractRead(input.name, await readFile(input.bytes, input.name), options);
}
