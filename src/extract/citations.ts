import type { Citation } from '../domain/report-document.js';
import { parseViDate } from '../domain/vietnamese/date.js';
import { foldDiacritics } from '../domain/vietnamese/fold.js';
import { originalOffset, type SourceText } from './source-text.js';

/** Document types as folded, OCR-tolerant patterns, with the abbreviation their symbols use. */
const TYPES: Array<{ type: string; re: RegExp; abbreviations: string[] }> = [
  { type: 'Quyết định', re: /qu[yi]\S{1,2}t\s*d\S{0,2}nh/g, abbreviations: ['QĐ', 'QD'] },
  { type: 'Quy định', re: /quy\s+d\S{0,2}nh/g, abbreviations: ['QĐ', 'QD'] },
  { type: 'Nghị định', re: /ngh\S{0,2}\s+d\S{0,2}nh/g, abbreviations: ['NĐ', 'ND'] },
  { type: 'Nghị quyết', re: /ngh\S{0,2}\s+qu\S{0,2}t/g, abbreviations: ['NQ'] },
  { type: 'Thông tư', re: /th\S{0,2}ng\s+t[uw]\b/g, abbreviations: ['TT'] },
  { type: 'Kế hoạch', re: /k\S{1,2}\s*ho\S{0,2}ch/g, abbreviations: ['KH'] },
  { type: 'Công văn', re: /c\S{0,2}ng\s+v\S{0,2}n\b(?!\s*h)/g, abbreviations: ['CV'] },
  { type: 'Công văn', re: /v\S{0,2}n\s+b\S{0,2}n\b/g, abbreviations: [] },
  { type: 'Chỉ thị', re: /ch\S{0,2}\s+th\S{0,2}\b/g, abbreviations: ['CT'] },
  { type: 'Hướng dẫn', re: /h\S{0,3}ng\s+d\S{0,2}n\b/g, abbreviations: ['HD', 'HĐ'] },
  { type: 'Thông báo', re: /th\S{0,2}ng\s+b\S{0,2}o\b/g, abbreviations: ['TB'] },
  { type: 'Kết luận', re: /k\S{1,2}t\s+lu\S{0,2}n/g, abbreviations: ['KL'] },
  { type: 'Chương trình', re: /ch\S{0,3}ng\s+tr\S{0,2}nh/g, abbreviations: ['CTr'] },
  { type: 'Tờ trình', re: /t\S{0,2}\s+tr\S{0,2}nh/g, abbreviations: ['TTr'] },
  { type: 'Thông báo', re: /th\S{0,2}ng\s+b\S{0,2}o/g, abbreviations: ['TB'] },
];

/** Number, separator and symbol: "695/QĐ-UBND", "43/2011/NĐ-CP", "15-CTr/TU", OCR "45/2016/QD-\nTTg". */
const SYMBOL_SEGMENT = '[A-Za-z0-9ĐđƯưƠơ&.]*[A-Za-zĐđƯưƠơ][A-Za-z0-9ĐđƯưƠơ&.]*';
const ANCHOR = new RegExp(
  String.raw`(?<![\w/])(\d{1,5}[a-z]?)\s?([/-])\s?((?:\d{4}\/)?${SYMBOL_SEGMENT}(?:\s?[-/]\s?${SYMBOL_SEGMENT})*)`,
  'gu',
);
const QCVN = /\bQCVN\s*(\d+)\s*:\s*(\d{4})\s*\/\s*([A-ZĐ]+)/gu;
const DATE_AFTER = /^,?\s*ng\S{1,3}\s+(\d{1,2}\s*\/\s*\d{1,2}\s*\/\s*\d{4})/;
const ISSUER_AFTER = /^\s*c\S{1,2}a\s+([^,;:()\n]{3,80}?)(?=\s+(?:ve|v\/v|nham|tai|trong|va)\b|[,;:()\n]|$)/;
// OCR loses the stroke of Đ: restore it in symbol segments that only exist with it.
const RESTORE: Record<string, string> = {
  QD: 'QĐ',
  ND: 'NĐ',
  DU: 'ĐU',
  DUK: 'ĐUK',
  CBDTW: 'CBĐTW',
  HDND: 'HĐND',
};

/** Restores Đ and cuts a word OCR glued to the last segment ("QD-\nTTgbao" → "QĐ-TTg"). */
function restoreSymbol(symbol: string): string {
  const parts = symbol
    .replace(/\s+/g, '')
    .replace(/\.$/, '')
    .split(/([-/])/);
  const last = parts.length - 1;
  parts[last] = parts[last]!.replace(/^([A-ZĐ]+[a-z]?)[a-z]{2,}$/, '$1');
  return parts.map((part) => RESTORE[part] ?? part).join('');
}

interface TypeHit {
  type: string;
  abbreviations: string[];
  start: number;
  end: number;
}

/** The document-type words in a window before a number (folded text). */
function typeHits(window: string): TypeHit[] {
  const hits: TypeHit[] = [];
  for (const entry of TYPES) {
    // An exec loop: matchAll would copy the expression on every call, fifteen times per number.
    entry.re.lastIndex = 0;
    for (let m = entry.re.exec(window); m; m = entry.re.exec(window)) {
      hits.push({
        type: entry.type,
        abbreviations: entry.abbreviations,
        start: m.index,
        end: m.index + m[0].length,
      });
    }
  }
  return hits.sort((a, b) => a.start - b.start);
}

/** Picks the document type for a number: the type word agreeing with the symbol, else the nearest one. */
function typeFor(window: string, all: readonly TypeHit[], symbol: string): string | null {
  // Only the words right before the number count: at most four words after the type word ("Kế hoạch phối hợp số").
  const hits = all.filter((hit) => {
    const between = window.slice(hit.end).trim();
    return between === '' || (!/\d{2}|[;.]/.test(between) && between.split(/\s+/).length <= 4);
  });
  if (hits.length === 0) return null;
  const kind = symbol.replace(/^\d{4}\//, '').split(/[-/]/)[0] ?? '';
  const agreeing = hits.filter((hit) =>
    hit.abbreviations.some((a) => a.toLowerCase() === kind.toLowerCase()),
  );
  return (agreeing[0] ?? hits[hits.length - 1]!).type;
}

function issuerAfter(text: string, folded: string, from: number): string | null {
  const m = ISSUER_AFTER.exec(folded.slice(from, from + 120));
  if (!m || m[1] === undefined) return null;
  const start = from + m[0].length - m[1].length;
  return text.slice(start, start + m[1].length).trim() || null;
}

/** Normalised identity of a cited document: type + number + symbol, case and diacritics folded. */
export function citationKey(c: Pick<Citation, 'type' | 'number' | 'symbol'>): string {
  const norm = (s: string) => foldDiacritics(s.normalize('NFC')).toUpperCase();
  return `${norm(c.type)}|${String(Number.parseInt(c.number, 10) || c.number)}|${norm(c.symbol).replace(/\s+/g, '')}`;
}

/** Every cited document in the text (numbered legal/administrative documents), once each. */
export function extractCitations(source: SourceText, ownNumber: string | null = null): Citation[] {
  const { text, folded } = source;
  const found: Citation[] = [];
  const seen = new Set<string>();
  const add = (citation: Citation) => {
    const key = citationKey(citation);
    if (seen.has(key)) return;
    seen.add(key);
    found.push(citation);
  };
  for (const m of text.matchAll(ANCHOR)) {
    const [whole, num, , rawSymbol] = m as unknown as [string, string, string, string];
    if (!/[A-Za-zĐđ]{2}/.test(rawSymbol) || !/[A-ZĐ]/.test(rawSymbol)) continue;
    if (ownNumber && `${num}/${rawSymbol}`.replace(/\s+/g, '') === ownNumber) continue;
    // "số" and its OCR forms ("s6", "sb", "sé") may sit between the type word and the number.
    const before = folded
      .slice(Math.max(0, m.index - 60), m.index)
      .replace(/(^|\s)s[o06be&€]?\s*:?\s*$/, '')
      .trimEnd();
    const hits = typeHits(before);
    const type = typeFor(before, hits, rawSymbol);
    if (!type) continue;
    const symbol = restoreSymbol(rawSymbol);
    const end = m.index + whole.length;
    const dateMatch = DATE_AFTER.exec(folded.slice(end, end + 30));
    const date = dateMatch?.[1] ? parseViDate(dateMatch[1].replace(/\s+/g, '')) : null;
    const afterDate = dateMatch ? end + dateMatch[0].length : end;
    const typeStart =
      Math.max(0, m.index - 60) + (hits.length > 0 ? hits[hits.length - 1]!.start : before.length);
    add({
      type,
      number: num,
      symbol,
      date,
      issuer: issuerAfter(text, folded, afterDate),
      text: text.slice(typeStart, afterDate),
      start: originalOffset(source, typeStart),
      end: originalOffset(source, afterDate),
    });
  }
  for (const m of text.matchAll(QCVN)) {
    const end = m.index + m[0].length;
    add({
      type: 'Quy chuẩn kỹ thuật quốc gia',
      number: m[1]!,
      symbol: `${m[2]}/${m[3]}`,
      date: null,
      issuer: null,
      text: m[0],
      start: originalOffset(source, m.index),
      end: originalOffset(source, end),
    });
  }
  return found;
}
