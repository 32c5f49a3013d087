import type { Signer } from '../domain/report-document.js';
import { looksDamaged } from '../domain/vietnamese/damaged-text.js';
import { parseViDate } from '../domain/vietnamese/date.js';
import { isRegExpWhitespace } from './char-codes.js';
import type { Paragraph } from './paragraphs.js';
import { type PeriodPhrase, parsePeriodPhrase } from './period-phrase.js';
import { restoreSignerName } from './signer-name.js';
import type { SourceText } from './source-text.js';

export interface HeaderMeta {
  number: string | null;
  issuedDate: string | null;
  place: string | null;
  parentAuthority: string | null;
  agency: string | null;
}

/** "Số: 1768/BC-STTTT-VP", OCR "S6:1768 /IBC-STTTT-VP", or "Báo cáo số:1407/BC-STTTT-VP" in an annex. */
const REPORT_NUMBER =
  /(?:^|\s)(?:s\S{0,2}|bao cao s\S{0,2})\s*:?\s*(\d{1,5})\s*\/\s*[il1|]?\s*(bc[-a-z0-9đ]*)/m;
const PLACE_DATE =
  /((?:\p{Lu}\p{Ll}+\s?){1,3}),\s*ng\S{1,2}y\s+(\d{1,2})\s+th\S{1,2}ng\s+(\d{1,2})\s+n\S{1,2}m\s+(\d{4})/u;
// What any PLACE_DATE match ends with, from its comma: a text without it needs no search for
// capitalised words, which is tried at every upper-case letter.
const PLACE_DATE_TAIL = /,\s*ng\S{1,2}y\s+\d{1,2}\s+th\S{1,2}ng\s+\d{1,2}\s+n\S{1,2}m\s+\d{4}/u;
// Both annex expressions open with ANNEX_PREFIX; they are sticky, tried where it occurs (firstMatchAt).
const ANNEX_PREFIX = 'bao cao s';
const ANNEX_NUMBER = /bao cao s\S{0,2}\s*:?\s*(\d{1,5})\s*\/\s*[il1|]?\s*(bc[-a-z0-9đ]*)/y;
const ANNEX_DATE = /bao cao s\S{0,2}\s*:?\s*\d{1,5}\s*\/\s*[a-z0-9-]+\s+ngay\s+(\d{1,2}\/\d{1,2}\/\d{4})/y;

function offsetsOf(text: string, literal: string): number[] {
  const offsets: number[] = [];
  for (let at = text.indexOf(literal); at >= 0; at = text.indexOf(literal, at + 1)) offsets.push(at);
  return offsets;
}

/** The leftmost match of `sticky` among the offsets (ascending) where any match must start. */
function firstMatchAt(sticky: RegExp, text: string, starts: readonly number[]): RegExpExecArray | null {
  for (const at of starts) {
    sticky.lastIndex = at;
    const match = sticky.exec(text);
    if (match) return match;
  }
  return null;
}

function upperSymbol(source: SourceText, start: number, length: number): string {
  return source.text
    .slice(start, start + length)
    .toUpperCase()
    .replace(/^[IL1|]\s*(?=BC)/, '')
    .replace(/\s+/g, '');
}

/** Reads number, date and place from the header (first lines) or from an annex line. */
export function readHeader(source: SourceText, agencyHint: string | null): HeaderMeta {
  const head = source.folded.slice(0, 1500);
  let number: string | null = null;
  let issuedDate: string | null = null;
  let place: string | null = null;
  // Beyond the header only an annex line names the report ("Đính kèm Báo cáo số: …"): one search
  // for the prefix of the annex expressions serves both, where each would scan the whole text.
  let annexStarts: number[] | undefined;
  const annexMatch = (sticky: RegExp) => {
    annexStarts ??= offsetsOf(source.folded, ANNEX_PREFIX);
    return firstMatchAt(sticky, source.folded, annexStarts);
  };
  const num = REPORT_NUMBER.exec(head) ?? annexMatch(ANNEX_NUMBER);
  if (num) {
    const symbolStart = num.index + num[0].length - num[2]!.length;
    number = `${num[1]}/${upperSymbol(source, symbolStart, num[2]!.length)}`;
  }
  const headText = source.text.slice(0, 1500);
  const pd = PLACE_DATE_TAIL.test(headText) ? PLACE_DATE.exec(headText) : null;
  if (pd) {
    issuedDate = parseViDate(`${pd[2]}/${pd[3]}/${pd[4]}`);
    place = restorePlace(pd[1]!.trim());
  } else {
    const annex = annexMatch(ANNEX_DATE);
    if (annex) issuedDate = parseViDate(annex[1]!);
  }
  return { number, issuedDate, place, parentAuthority: null, agency: agencyHint };
}

// Places written without diacritics (OCR) are restored for the provinces this system serves first.
const KNOWN_PLACES = ['Trà Vinh', 'Vĩnh Long', 'Bến Tre', 'Sóc Trăng', 'Cần Thơ', 'Hà Nội', 'Hồ Chí Minh'];

function restorePlace(place: string): string {
  const folded = place
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/gi, 'd')
    .toLowerCase();
  for (const known of KNOWN_PLACES) {
    const k = known
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/đ/gi, 'd')
      .toLowerCase();
    if (k === folded) return known;
  }
  return place;
}

/** The title: the paragraph(s) right after "BÁO CÁO", before the first heading or the opening sentence. */
export function readTitle(leading: readonly Paragraph[]): Paragraph | null {
  const index = leading.findIndex((p) => /^bao cao$/.test(p.folded.replace(/[^a-z ]/g, '').trim()));
  if (index < 0) return null;
  const title = leading[index + 1];
  if (!title || /^trong\s/.test(title.folded)) return null;
  return title;
}

/** The period: from the title, else the closing sentence ("Trên đây là …"), else the opening one. */
export function readPeriod(candidates: ReadonlyArray<string | null | undefined>): PeriodPhrase | null {
  for (const candidate of candidates) {
    if (!candidate) continue;
    const phrase = parsePeriodPhrase(candidate);
    if (phrase) return phrase;
  }
  return null;
}

const POSITIONS: Array<[RegExp, string]> = [
  [/ph\S{0,2}\s+g\S{0,3}\s*m\s+d\S{0,3}c/, 'PHÓ GIÁM ĐỐC'],
  [/g\S{0,3}\s*m\s+d\S{0,3}c/, 'GIÁM ĐỐC'],
  [/ch\S{0,2}\s+t\S{0,2}ch/, 'CHỦ TỊCH'],
  [/ch\S{0,3}\s+v\S{0,2}n\s+ph\S{0,3}ng/, 'CHÁNH VĂN PHÒNG'],
];
const ON_BEHALF = /\b(kt|tl|tm|tuq)\s*\.\s*([a-z .]{3,30}?)(?=\s{2,}|\n|$|\s+ph\S{0,2}\s+g)/m;
// A name ends its line; OCR may glue it to the recipients column ("(t/h theo Kế hoạch): Nguyễn Văn Chuẩn").
const NAME = /(?:^|[\s:)])[\s*]*(\p{Lu}\p{Ll}+(?:[ \t]+\p{Lu}\p{Ll}+){1,4})[ \t*]*$/gmu;

// The last line of the block, when it is a name that lost glyphs in PDF export ("Tr n V n Kho nh").
const DAMAGED_NAME_LINE = /^\p{Lu}\p{Ll}*(?:\s+\p{L}+){1,6}$/u;

function damagedNameLine(block: string): string | null {
  const lines = block.split('\n').map((line) => line.replace(/[*_]+/g, ' ').trim());
  const last = lines.filter((line) => line !== '').at(-1) ?? '';
  const isName = last.length <= 40 && DAMAGED_NAME_LINE.test(last) && /\p{Ll}/u.test(last);
  return isName && looksDamaged(last) ? last : null;
}

function positionOf(folded: string): string | null {
  for (const [re, position] of POSITIONS) if (re.test(folded)) return position;
  return null;
}

/**
 * The signature block after "Nơi nhận": "KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC / name". The position line is the
 * last one naming a position; the name is the last line of capitalised words.
 */
export function readSigner(
  source: SourceText,
  from: number,
  to = source.text.length,
  knownNames: readonly string[] = [],
): Signer | null {
  const folded = source.folded.slice(from, to);
  const text = source.text.slice(from, to);
  let name: string | null = null;
  for (const m of text.matchAll(NAME)) name = m[1]!;
  name ??= damagedNameLine(text);
  if (!name) return null;
  name = restoreSignerName(name, knownNames) ?? name.replace(/\s+/g, ' ');
  const behalf = ON_BEHALF.exec(folded);
  let onBehalf: string | null = null;
  let positionText = folded;
  if (behalf) {
    const behalfPosition = positionOf(behalf[2]!);
    onBehalf = behalfPosition ? `${behalf[1]!.toUpperCase()}. ${behalfPosition}` : null;
    positionText = folded.slice(behalf.index + behalf[0].length);
  }
  const position = positionOf(positionText) ?? (onBehalf ? null : positionOf(folded));
  if (!position) return null;
  return { name: name.trim(), position, onBehalf };
}

/** Whitespace that `.replace(/\s+/g, ' ')` would change: any but a space, or a run. */
const SPACE_TO_COLLAPSE = /[^\S ]| \s/;

function isTrailingPunctuation(code: number): boolean {
  return code === 0x3b || code === 0x2e || code === 0x2c;
}

/** A recipient with whitespace runs as one space, without final ";", "." or ",", trimmed. */
function cleanRecipient(recipient: string): string {
  // A global replacement would be re-entered at every space of a line that needs none.
  const spaced = SPACE_TO_COLLAPSE.test(recipient) ? recipient.replace(/\s+/g, ' ') : recipient;
  // What `.replace(/[;.,]+\s*$/, '')` cuts: the run of those marks before the final spaces.
  let end = spaced.length;
  while (end > 0 && isRegExpWhitespace(spaced.charCodeAt(end - 1))) end--;
  let cut = end;
  while (cut > 0 && isTrailingPunctuation(spaced.charCodeAt(cut - 1))) cut--;
  return (cut < end ? spaced.slice(0, cut) : spaced).trim();
}

/** Recipients: the "- …" lines under "Nơi nhận", continuation lines joined to the previous one. */
export function readRecipients(source: SourceText, from: number, to: number): string[] {
  const lines = source.text.slice(from, to).split('\n');
  const recipients: string[] = [];
  for (const raw of lines) {
    const line = (raw.includes('*') ? raw.replace(/\*+/g, '') : raw).trim();
    if (line === '') continue;
    const first = line.charAt(0);
    if (first === '-' || first === '–') {
      recipients.push(line.replace(/^[-–]\s*/, ''));
    } else if (recipients.length > 0 && first === '(') {
      recipients[recipients.length - 1] += ` ${line}`;
    }
  }
  return recipients.map(cleanRecipient).filter((r) => r !== '');
}
