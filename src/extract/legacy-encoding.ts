import { TCVN3_HIGH, TCVN3_LOW } from './legacy-tables.js';

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'tcvn3' | 'vni' | 'windows-1258';

/** Decodes TCVN3 (ABC) bytes to NFC Unicode. */
export function decodeTcvn3(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) {
    if (byte >= 0x80) out += TCVN3_HIGH[byte - 0x80];
    else out += TCVN3_LOW[byte] ?? String.fromCharCode(byte);
  }
  return out.normalize('NFC');
}

// VNI Windows writes a base letter followed by a mark glyph (Windows-1252 code points); some letters are one glyph.
export const VNI_LETTERS: Record<string, string> = {
  ì: 'ì',
  í: 'í',
  æ: 'ỉ',
  ó: 'ĩ',
  ò: 'ị',
  ô: 'ơ',
  ö: 'ư',
  ñ: 'đ',
  î: 'ỵ',
  Ì: 'Ì',
  Í: 'Í',
  Æ: 'Ỉ',
  Ó: 'Ĩ',
  Ò: 'Ị',
  Ô: 'Ơ',
  Ö: 'Ư',
  Ñ: 'Đ',
  Î: 'Ỵ',
};
const GRAVE = '\u0300';
const ACUTE = '\u0301';
const HOOK = '\u0309';
const TILDE = '\u0303';
const DOT = '\u0323';
const CIRCUMFLEX = '\u0302';
const BREVE = '\u0306';
export const VNI_MARKS: Record<string, string> = {
  ø: GRAVE,
  ù: ACUTE,
  û: HOOK,
  õ: TILDE,
  ï: DOT,
  â: CIRCUMFLEX,
  ê: BREVE,
  á: CIRCUMFLEX + ACUTE,
  à: CIRCUMFLEX + GRAVE,
  å: CIRCUMFLEX + HOOK,
  ã: CIRCUMFLEX + TILDE,
  ä: CIRCUMFLEX + DOT,
  é: BREVE + ACUTE,
  è: BREVE + GRAVE,
  ú: BREVE + HOOK,
  ü: BREVE + TILDE,
  ë: BREVE + DOT,
};
for (const [lower, mark] of Object.entries({ ...VNI_MARKS })) VNI_MARKS[lower.toUpperCase()] = mark;
const VNI_BASES = /[aeiouyAEIOUYơưƠƯ]/;

/** Decodes VNI Windows bytes to NFC Unicode. */
export function decodeVni(bytes: Uint8Array): string {
  const latin = new TextDecoder('windows-1252').decode(bytes);
  let out = '';
  for (const ch of latin) {
    const mark = VNI_MARKS[ch];
    const previous = out[out.length - 1] ?? '';
    if (mark !== undefined && VNI_BASES.test(previous)) out += mark;
    else out += VNI_LETTERS[ch] ?? ch;
  }
  return out.normalize('NFC');
}

// Frequent Vietnamese words: the decoding that yields most of them is the right one.
const COMMON_WORDS =
  /(?:^|[^\p{L}])(?:của|và|các|được|trong|năm|tháng|công|thông|số|đã|này|người|với|có|không|những|cho|là|tỉnh|việc|về|thực|hiện|tác)(?=$|[^\p{L}])/gu;

function score(text: string): number {
  return text.slice(0, 200_000).match(COMMON_WORDS)?.length ?? 0;
}

// One strict decoder: it refuses invalid UTF-8 (then a legacy encoding is tried) and drops a BOM.
const UTF8_STRICT = new TextDecoder('utf-8', { fatal: true });

/** The text when the bytes are valid UTF-8, else null; decoded once, not validated and decoded again. */
function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return UTF8_STRICT.decode(bytes);
  } catch {
    return null;
  }
}

/**
 * Decodes a text file: UTF-8 (with or without BOM), UTF-16 with BOM, or — when the bytes are not
 * UTF-8 — the legacy 8-bit encoding (TCVN3, VNI, Windows-1258) whose decoding reads most like Vietnamese.
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncodingName } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return {
      text: new TextDecoder('utf-16le').decode(bytes.subarray(2)).normalize('NFC'),
      encoding: 'utf-16le',
    };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return {
      text: new TextDecoder('utf-16be').decode(bytes.subarray(2)).normalize('NFC'),
      encoding: 'utf-16be',
    };
  }
  const utf8 = decodeUtf8(bytes);
  if (utf8 !== null) return { text: utf8, encoding: 'utf-8' };
  const candidates: Array<{ text: string; encoding: TextEncodingName }> = [
    { text: decodeTcvn3(bytes), encoding: 'tcvn3' },
    { text: decodeVni(bytes), encoding: 'vni' },
    { text: new TextDecoder('windows-1258').decode(bytes).normalize('NFC'), encoding: 'windows-1258' },
  ];
  let best = candidates[0]!;
  let bestScore = -1;
  for (const candidate of candidates) {
    const s = score(candidate.text);
    if (s > bestScore) {
      best = candidate;
      bestScore = s;
    }
  }
  return best;
}
