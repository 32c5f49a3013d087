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

/** Characters Markdown would read as syntax at the start of a line or inside text. */
function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_[\]#<>|])/g, '\\$1');
}

function headingLevel(section: ReportSection): string {
  return '#'.repeat(Math.min(section.level + 2, 6));
}

function sectionLines(section: ReportSection): string[] {
  const lines = [`${headingLevel(section)} ${escapeMarkdown(headingText(section))}`, ''];
  for (const item of section.items) {
    // A leading "- " is the house bullet, written as text and escaped so Markdown keeps it as typed.
    const text = itemText(item);
    lines.push(
      text.startsWith('- ') || text.startsWith('+ ') ? `\\${escapeMarkdown(text)}` : escapeMarkdown(text),
      '',
    );
  }
  for (const child of section.children) lines.push(...sectionLines(child));
  return lines;
}

/** The report as Markdown: header lines, title, sections, closing, recipients and signature. */
export function renderMarkdown(doc: ReportDocument, options: RenderOptions = {}): string {
  const { meta } = doc;
  const lines: string[] = [];
  const authority = parentAuthorityLine(meta);
  if (authority) lines.push(escapeMarkdown(authority), '');
  lines.push(
    `**${escapeMarkdown(agencyHeaderLine(meta))}**`,
    '',
    escapeMarkdown(numberLine(meta, options)),
    '',
  );
  lines.push(
    `**${NATIONAL_TITLE}**`,
    '',
    `**${NATIONAL_MOTTO}**`,
    '',
    `*${escapeMarkdown(placeDateLine(meta))}*`,
    '',
  );
  lines.push(`## **${DOCUMENT_TITLE}**`, '');
  const subtitle = subtitleLine(meta);
  if (subtitle) lines.push(`### **${escapeMarkdown(subtitle)}**`, '');
  if (doc.intro) lines.push(escapeMarkdown(doc.intro), '');
  for (const section of doc.sections) lines.push(...sectionLines(section));
  if (doc.closing) lines.push(escapeMarkdown(doc.closing), '');
  if (meta.recipients.length > 0) {
    lines.push('***Nơi nhận:***', '');
    for (const line of recipientLines(meta)) lines.push(`\\${escapeMarkdown(line)}`, '');
  }
  const signature = signatureLines(meta);
  if (signature) {
    if (signature.onBehalf) lines.push(`**${escapeMarkdown(signature.onBehalf)}**`, '');
    lines.push(`**${escapeMarkdown(signature.position)}**`, '', `**${escapeMarkdown(signature.name)}**`, '');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
