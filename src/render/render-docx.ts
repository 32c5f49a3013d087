import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  type IBorderOptions,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableBorders,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { ReportDocument, ReportSection } from '../domain/report-document.js';
import {
  agencyHeaderLine,
  DOCUMENT_TITLE,
  headingText,
  itemText,
  NATIONAL_MOTTO,
  NATIONAL_TITLE,
  numberLine,
  parentAuthorityLine,
  placeDateLine,
  type RenderOptions,
  recipientLines,
  signatureLines,
  subtitleLine,
} from './layout.js';
import { MISSING_MARKER } from './sentences.js';

/**
 * The report as DOCX in the layout of Decree 30/2020/NĐ-CP (Appendix I): A4, Times New Roman,
 * the two header blocks side by side, body 14 pt justified with a first-line indent, "Nơi nhận"
 * beside the signature block, page numbers centred at the top from page 2.
 */

/** Twips (1/1440 inch) per millimetre. */
const MM = 56.7;
export const PAGE = { width: 11906, height: 16838 } as const;
export const MARGINS = {
  top: Math.round(20 * MM),
  bottom: Math.round(20 * MM),
  left: Math.round(30 * MM),
  right: Math.round(15 * MM),
} as const;
const CONTENT_WIDTH = PAGE.width - MARGINS.left - MARGINS.right;
const FONT = 'Times New Roman';
/** Half-points. */
const SIZE = {
  body: 28,
  national: 24,
  agency: 26,
  recipientsHeading: 24,
  recipients: 22,
  pageNumber: 26,
} as const;
const FIRST_LINE_INDENT = 567;
/**
 * Decree 30/2020: paragraphs at least 6 pt apart, lines between single and 1,5. The whole 6 pt goes
 * before each paragraph (not 3 + 3) so it holds even where an editor collapses adjacent spacing;
 * 1,15 lines keeps a monthly report at its usual length.
 */
const BODY_SPACING = { before: 120, after: 0, line: 276, lineRule: LineRuleType.AUTO } as const;

const RULE: IBorderOptions = { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 };

interface RunStyle {
  bold?: boolean;
  italics?: boolean;
  size?: number;
}

function run(text: string, style: RunStyle = {}): TextRun {
  return new TextRun({
    text,
    font: FONT,
    size: style.size ?? SIZE.body,
    bold: style.bold,
    italics: style.italics,
  });
}

/** Runs of a text with each missing-figure marker highlighted, so a draft shows its gaps. */
function runsWithMarkers(text: string, style: RunStyle = {}): TextRun[] {
  const runs: TextRun[] = [];
  let last = 0;
  for (const match of text.matchAll(MISSING_MARKER)) {
    if (match.index > last) runs.push(run(text.slice(last, match.index), style));
    runs.push(
      new TextRun({
        text: match[0],
        font: FONT,
        size: style.size ?? SIZE.body,
        bold: true,
        highlight: 'yellow',
      }),
    );
    last = match.index + match[0].length;
  }
  if (last < text.length || runs.length === 0) runs.push(run(text.slice(last), style));
  return runs;
}

function centred(text: string, style: RunStyle, after = 0): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before: 0, after },
    children: [run(text, style)],
  });
}

/** A short horizontal rule: an empty paragraph with a top border, narrowed by its indents. */
function shortRule(cellWidth: number, ruleWidth: number): Paragraph {
  const indent = Math.max(0, Math.round((cellWidth - ruleWidth) / 2));
  return new Paragraph({
    border: { top: RULE },
    indent: { left: indent, right: indent },
    // A little room above, so the rule reads as a rule and not as an underline of the last line.
    spacing: { before: 40, after: 60, line: 120 },
    children: [run('', { size: 4 })],
  });
}

const NO_BORDERS = TableBorders.NONE;

function cell(width: number, children: Paragraph[]): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    borders: {
      top: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
      bottom: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
      left: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
      right: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
    },
    children,
  });
}

/** Rows of two cells each, borderless, the full text width. */
function twoColumns(leftWidth: number, rows: ReadonlyArray<[Paragraph[], Paragraph[]]>): Table {
  const rightWidth = CONTENT_WIDTH - leftWidth;
  return new Table({
    width: { size: CONTENT_WIDTH, type: WidthType.DXA },
    columnWidths: [leftWidth, rightWidth],
    layout: TableLayoutType.FIXED,
    margins: { left: 0, right: 0, top: 0, bottom: 0 },
    borders: NO_BORDERS,
    // A block split over two pages would separate the signature from its position.
    rows: rows.map(
      ([left, right]) =>
        new TableRow({ cantSplit: true, children: [cell(leftWidth, left), cell(rightWidth, right)] }),
    ),
  });
}

/**
 * Decree 30: the rule under the motto is as long as the motto (measured in Times New Roman 14 pt
 * bold); the rule under the agency a third to a half of the agency line, which is at most the column wide.
 */
const MOTTO_RULE_WIDTH = 3440;
/** Average width of an upper-case letter of Times New Roman 13 pt bold, in twips. */
const AGENCY_CHAR_WIDTH = 187;

function agencyRuleWidth(agencyLine: string, cellWidth: number): number {
  return Math.round(0.35 * Math.min(agencyLine.length * AGENCY_CHAR_WIDTH, cellWidth));
}

/**
 * Row 1: authority and agency with a rule under it | national title and motto with a rule.
 * Row 2: the number | place and date, so the two share one line as in Decree 30's model.
 */
function headerBlocks(doc: ReportDocument, options: RenderOptions): Table {
  const { meta } = doc;
  const leftWidth = Math.round(CONTENT_WIDTH * 0.37);
  const rightWidth = CONTENT_WIDTH - leftWidth;
  const authority = parentAuthorityLine(meta);
  const agency = agencyHeaderLine(meta);
  const identity = [
    ...(authority ? [centred(authority, { size: SIZE.agency })] : []),
    centred(agency, { bold: true, size: SIZE.agency }),
    shortRule(leftWidth, agencyRuleWidth(agency, leftWidth)),
  ];
  const nation = [
    centred(NATIONAL_TITLE, { bold: true, size: SIZE.national }),
    centred(NATIONAL_MOTTO, { bold: true, size: SIZE.body }),
    shortRule(rightWidth, MOTTO_RULE_WIDTH),
  ];
  const number = new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before: 60, after: 0 },
    children: [run(numberLine(meta, options), { size: SIZE.agency })],
  });
  const placeDate = new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before: 60, after: 0 },
    children: [run(placeDateLine(meta), { italics: true })],
  });
  return twoColumns(leftWidth, [
    [identity, nation],
    [[number], [placeDate]],
  ]);
}

function bodyParagraph(text: string, style: RunStyle = {}, keepNext = false): Paragraph {
  return new Paragraph({
    keepNext,
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: FIRST_LINE_INDENT },
    spacing: BODY_SPACING,
    children: runsWithMarkers(text, style),
  });
}

function sectionParagraphs(section: ReportSection): Paragraph[] {
  const out = [
    new Paragraph({
      alignment: AlignmentType.JUSTIFIED,
      indent: { firstLine: FIRST_LINE_INDENT },
      spacing: BODY_SPACING,
      keepNext: true,
      children: [run(headingText(section), { bold: true })],
    }),
  ];
  for (const item of section.items) out.push(bodyParagraph(itemText(item)));
  for (const child of section.children) out.push(...sectionParagraphs(child));
  return out;
}

/** Left: "Nơi nhận:" and its list. Right: the signature block with room to sign. */
function closingBlocks(doc: ReportDocument): Table {
  const { meta } = doc;
  const leftWidth = Math.round(CONTENT_WIDTH * 0.45);
  const left: Paragraph[] = [];
  if (meta.recipients.length > 0) {
    left.push(
      new Paragraph({
        spacing: { before: 0, after: 0 },
        children: [run('Nơi nhận:', { bold: true, italics: true, size: SIZE.recipientsHeading })],
      }),
      ...recipientLines(meta).map(
        (line) =>
          new Paragraph({
            spacing: { before: 0, after: 0 },
            children: [run(line, { size: SIZE.recipients })],
          }),
      ),
    );
  } else {
    left.push(new Paragraph({ children: [] }));
  }
  const signature = signatureLines(meta);
  const right: Paragraph[] = [];
  if (signature) {
    if (signature.onBehalf) right.push(centred(signature.onBehalf, { bold: true }));
    right.push(centred(signature.position, { bold: true }));
    for (let i = 0; i < 4; i++) right.push(centred('', {}));
    right.push(centred(signature.name, { bold: true }));
  } else {
    right.push(new Paragraph({ children: [] }));
  }
  return twoColumns(leftWidth, [[left, right]]);
}

function pageNumberHeader(): Header {
  return new Header({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: SIZE.pageNumber })],
      }),
    ],
  });
}

/** Builds the DOCX file of a report document. */
export async function renderDocx(doc: ReportDocument, options: RenderOptions = {}): Promise<Buffer> {
  const subtitle = subtitleLine(doc.meta);
  const children: Array<Paragraph | Table> = [
    headerBlocks(doc, options),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 360, after: 0 },
      children: [run(DOCUMENT_TITLE, { bold: true })],
    }),
  ];
  if (subtitle) {
    children.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { after: 240 },
        children: [run(subtitle, { bold: true })],
      }),
    );
  }
  if (doc.intro) children.push(bodyParagraph(doc.intro));
  for (const section of doc.sections) children.push(...sectionParagraphs(section));
  // The closing sentence stays on the page of the recipients and the signature.
  if (doc.closing) children.push(bodyParagraph(doc.closing, {}, true));
  children.push(
    new Paragraph({ keepNext: true, spacing: { before: 120, after: 0 }, children: [] }),
    closingBlocks(doc),
  );

  const document = new Document({
    creator: doc.meta.agency,
    title: `${DOCUMENT_TITLE} ${subtitle ?? ''}`.trim(),
    styles: { default: { document: { run: { font: FONT, size: SIZE.body } } } },
    sections: [
      {
        properties: {
          titlePage: true,
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: { ...MARGINS, header: Math.round(10 * MM), footer: Math.round(10 * MM) },
          },
        },
        headers: {
          default: pageNumberHeader(),
          first: new Header({ children: [new Paragraph({ children: [] })] }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}
