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

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** Escaped text with each missing-figure marker highlighted. */
function textWithMarkers(text: string): string {
  let out = '';
  let last = 0;
  for (const match of text.matchAll(MISSING_MARKER)) {
    out += escapeHtml(text.slice(last, match.index));
    out += `<mark class="missing">${escapeHtml(match[0])}</mark>`;
    last = match.index + match[0].length;
  }
  return out + escapeHtml(text.slice(last));
}

const STYLE = `
body{background:#eee;margin:0;padding:16px}
.page{background:#fff;width:210mm;min-height:297mm;margin:0 auto;padding:20mm 15mm 20mm 30mm;box-sizing:border-box;
font-family:"Times New Roman",Times,serif;font-size:14pt;line-height:1.3;color:#000}
table.header,table.footer{width:100%;border-collapse:collapse}
table.header td,table.footer td{vertical-align:top;padding:0;border:0}
.center{text-align:center}
.header p,.footer p{margin:0}
.authority{font-size:13pt}
.agency{font-size:13pt;font-weight:bold}
.national{font-size:12pt;font-weight:bold}
.motto{font-size:13pt;font-weight:bold}
.rule{display:block;margin:2px auto 6px;border-top:1px solid #000}
.number{font-size:13pt;white-space:pre-wrap}
.place-date{font-style:italic;font-size:14pt;margin-top:6px;white-space:pre-wrap}
h1{font-size:14pt;text-align:center;margin:18pt 0 0}
.subtitle{font-weight:bold;text-align:center;margin:0 0 12pt}
h2,h3,h4,h5{font-size:14pt;font-weight:bold;margin:6pt 0;text-align:justify;text-indent:1cm}
.body p,.intro,.closing{text-align:justify;text-indent:1cm;margin:6pt 0}
.recipients{font-size:11pt}
.recipients .heading{font-size:12pt;font-weight:bold;font-style:italic}
.signature p{font-weight:bold;font-size:14pt}
.signature .space{height:70pt}
mark.missing{background:#ffeb3b}
`;

function sectionHtml(section: ReportSection): string {
  const tag = `h${Math.min(section.level + 1, 5)}`;
  let html = `<${tag}>${escapeHtml(headingText(section))}</${tag}>\n`;
  for (const item of section.items) html += `<p>${textWithMarkers(itemText(item))}</p>\n`;
  for (const child of section.children) html += sectionHtml(child);
  return html;
}

/** The report as one self-contained HTML page (inline style, no scripts), everything escaped. */
export function renderHtml(doc: ReportDocument, options: RenderOptions = {}): string {
  const { meta } = doc;
  const authority = parentAuthorityLine(meta);
  const subtitle = subtitleLine(meta);
  const signature = signatureLines(meta);
  const title = `${DOCUMENT_TITLE} ${subtitle ?? ''}`.trim();
  const parts: string[] = [];
  parts.push(`<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body><div class="page">
<table class="header"><tr>
<td class="center" style="width:40%">
${authority ? `<p class="authority">${escapeHtml(authority)}</p>` : ''}
<p class="agency">${escapeHtml(agencyHeaderLine(meta))}</p><span class="rule" style="width:30%"></span>
<p class="number">${escapeHtml(numberLine(meta, options))}</p>
</td>
<td class="center" style="width:60%">
<p class="national">${NATIONAL_TITLE}</p>
<p class="motto">${NATIONAL_MOTTO}</p><span class="rule" style="width:60%"></span>
<p class="place-date">${escapeHtml(placeDateLine(meta))}</p>
</td></tr></table>
<h1>${DOCUMENT_TITLE}</h1>
${subtitle ? `<p class="subtitle">${escapeHtml(subtitle)}</p>` : ''}
<div class="body">`);
  if (doc.intro) parts.push(`<p class="intro">${textWithMarkers(doc.intro)}</p>`);
  for (const section of doc.sections) parts.push(sectionHtml(section));
  if (doc.closing) parts.push(`<p class="closing">${textWithMarkers(doc.closing)}</p>`);
  parts.push('</div>');
  const recipients = recipientLines(meta)
    .map((line) => `<p>${escapeHtml(line)}</p>`)
    .join('');
  const signer = signature
    ? `${signature.onBehalf ? `<p>${escapeHtml(signature.onBehalf)}</p>` : ''}<p>${escapeHtml(signature.position)}</p><div class="space"></div><p>${escapeHtml(signature.name)}</p>`
    : '';
  parts.push(`<table class="footer"><tr>
<td class="recipients" style="width:50%">${meta.recipients.length > 0 ? `<p class="heading">Nơi nhận:</p>${recipients}` : ''}</td>
<td class="center signature" style="width:50%">${signer}</td>
</tr></table>
</div></body></html>
`);
  return parts.join('\n');
}
