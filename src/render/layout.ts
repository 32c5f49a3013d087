import { parsePeriod } from '../domain/period.js';
import type { ReportItem, ReportMeta, ReportSection } from '../domain/report-document.js';
import { formatViLongDate } from '../domain/vietnamese/date.js';

/**
 * The wording every renderer shares, so DOCX, HTML and Markdown say exactly the same thing and the
 * importer reads each of them back the same way (heading numbers and bullets are real text).
 */

export interface RenderOptions {
  /** The organisation's document symbol, for "Số:      /BC-STTTT" when the report has no number yet. */
  symbol?: string | null;
}

export const NATIONAL_TITLE = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
export const NATIONAL_MOTTO = 'Độc lập - Tự do - Hạnh phúc';
export const DOCUMENT_TITLE = 'BÁO CÁO';

function upper(text: string): string {
  return text.toLocaleUpperCase('vi');
}

/** The agency line under the parent authority drops the province the authority already names. */
export function agencyHeaderLine(meta: ReportMeta): string {
  const agency = meta.parentAuthority ? meta.agency.replace(/\s+(tỉnh|thành phố)\s+.+$/iu, '') : meta.agency;
  return upper(agency);
}

export function parentAuthorityLine(meta: ReportMeta): string | null {
  return meta.parentAuthority ? upper(meta.parentAuthority) : null;
}

/** "Số: 1768/BC-STTTT", or a blank number to be filled in at issue ("Số:       /BC-STTTT"). */
export function numberLine(meta: ReportMeta, options: RenderOptions = {}): string {
  if (meta.number) return `Số: ${meta.number}`;
  return `Số:        /BC-${options.symbol ?? ''}`;
}

/** "Trà Vinh, ngày 14 tháng 9 năm 2021", with blanks for the day and month of an undated draft. */
export function placeDateLine(meta: ReportMeta): string {
  const place = meta.place ?? '';
  if (meta.issuedDate) return `${place}, ${formatViLongDate(meta.issuedDate)}`;
  const year = meta.periodId ? lastYearOf(meta.periodId) : '';
  return `${place}, ngày      tháng      năm ${year}`;
}

function lastYearOf(periodIdText: string): number | string {
  try {
    return parsePeriod(periodIdText).year;
  } catch {
    return '';
  }
}

/** The sub-title under "BÁO CÁO", first letter capitalised ("Kết quả công tác …"). */
export function subtitleLine(meta: ReportMeta): string | null {
  if (!meta.title) return null;
  return meta.title.charAt(0).toLocaleUpperCase('vi') + meta.title.slice(1);
}

/** "I. TITLE", "1. Title", "6.1. Title", "a) Title", or the bare title when unnumbered. */
export function headingText(section: ReportSection): string {
  if (!section.number) return section.title;
  if (/^[a-zđ]$/.test(section.number)) return `${section.number}) ${section.title}`;
  return `${section.number}. ${section.title}`;
}

export function itemText(item: ReportItem): string {
  if (item.style === 'bullet') return `- ${item.text}`;
  if (item.style === 'sub_bullet') return `+ ${item.text}`;
  return item.text;
}

/** Recipient lines as written under "Nơi nhận:" — each starts with "- "; the last ends with "." */
export function recipientLines(meta: ReportMeta): string[] {
  return meta.recipients.map((r, i) => {
    const line = `- ${r.replace(/^[-–+]\s*/, '')}`;
    return i === meta.recipients.length - 1 ? line.replace(/[.;,]?$/, '.') : line.replace(/[.;,]?$/, ';');
  });
}

export interface SignatureLines {
  /** "KT. GIÁM ĐỐC", or null when the head signs in person. */
  onBehalf: string | null;
  position: string;
  name: string;
}

export function signatureLines(meta: ReportMeta): SignatureLines | null {
  if (!meta.signer) return null;
  return {
    onBehalf: meta.signer.onBehalf ? upper(meta.signer.onBehalf) : null,
    position: upper(meta.signer.position),
    name: meta.signer.name,
  };
}
