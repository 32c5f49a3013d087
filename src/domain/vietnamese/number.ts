/**
 * Vietnamese number style: "." groups thousands, "," marks decimals
 * ("1.858" = 1858, "30,73%" = 30.73 %, "38,5 tỷ đồng" = 38 500 000 000 đồng).
 */

const SCALE_WORDS: Record<string, number> = {
  nghìn: 1e3,
  nghin: 1e3,
  ngàn: 1e3,
  ngan: 1e3,
  triệu: 1e6,
  trieu: 1e6,
  tỷ: 1e9,
  tỉ: 1e9,
  ty: 1e9,
  ti: 1e9,
};

const GROUPED = /^\d{1,3}(?:\.\d{3})+(?:,\d+)?$/;
const PLAIN = /^\d+(?:,\d+)?$/;
const DOT_DECIMAL = /^\d+\.\d{1,2}$|^\d+\.\d{4,}$/;

/** Splits a numeral into integer digits and fraction digits, or null when it is not one. */
function splitNumeral(raw: string): { int: string; frac: string } | null {
  const text = raw.trim();
  if (GROUPED.test(text)) {
    const [int, frac = ''] = text.split(',');
    return { int: int!.replace(/\./g, ''), frac };
  }
  if (PLAIN.test(text)) {
    const [int, frac = ''] = text.split(',');
    return { int: int!, frac };
  }
  // OCR or foreign text sometimes writes a decimal point; a dot followed by exactly three digits
  // is always a thousands separator, anything else is read as a decimal point.
  if (DOT_DECIMAL.test(text)) {
    const [int, frac = ''] = text.split('.');
    return { int: int!, frac };
  }
  return null;
}

/** Exact scaling of a decimal numeral by a power of ten multiplier, avoiding float drift (1,1 × 10⁶). */
function scaleNumeral(parts: { int: string; frac: string }, multiplier: number): number {
  const digits = Number(parts.int + parts.frac);
  const divisor = 10 ** parts.frac.length;
  if (multiplier >= divisor && multiplier % divisor === 0) return digits * (multiplier / divisor);
  return (digits * multiplier) / divisor;
}

/**
 * A whole number as reports mostly write it, "7792" or "18.182" (dots between groups of three), read
 * without building strings; NaN for anything else (decimals, OCR noise, over 15 digits), which the
 * general path then reads.
 */
function readWholeNumber(text: string): number {
  let value = 0;
  let digits = 0;
  // Digits since the last dot, and whether a dot was seen: every group after the first has three.
  let group = 0;
  let grouped = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x30 && code <= 0x39) {
      value = value * 10 + (code - 0x30);
      digits++;
      group++;
    } else if (code === 0x2e && group > 0 && (grouped ? group === 3 : group <= 3)) {
      grouped = true;
      group = 0;
    } else return Number.NaN;
  }
  if (digits === 0 || digits > 15 || (grouped && group !== 3)) return Number.NaN;
  return value;
}

/** Parses "1.858", "30,73", "7792", "1.572" (= 1572) into a number; null when it is not a numeral. */
export function parseViNumber(text: string): number | null {
  const whole = readWholeNumber(text);
  if (!Number.isNaN(whole)) return whole;
  const parts = splitNumeral(text.replace(/\s+/g, ''));
  return parts ? scaleNumeral(parts, 1) : null;
}

/** Parses "30,73%", "1,28 %", "34%" into 30.73, 1.28, 34; null when it is not a percentage. */
export function parseViPercent(text: string): number | null {
  const match = /^\s*([\d.,]+)\s*%\s*$/.exec(text);
  return match ? parseViNumber(match[1]!) : null;
}

/**
 * Reads a figure as a person types it into a form or a spreadsheet cell: an optional minus sign, then a
 * Vietnamese number or percentage ("1.858", "30,73", "30,73%", "-2"); null when it is not one.
 */
export function parseViFigure(text: string): number | null {
  const trimmed = text.trim();
  const negative = trimmed.startsWith('-');
  const body = negative ? trimmed.slice(1).trim() : trimmed;
  const value = parseViNumber(body) ?? parseViPercent(body);
  if (value === null || !Number.isFinite(value)) return null;
  return negative ? -value : value;
}

export interface ViQuantity {
  value: number;
  /** The unit word after the number, lower-cased ("đồng", "phút/ngày", "%"), or "" when none. */
  unit: string;
}

/**
 * Parses a quantity with an optional scale word and unit:
 * "15.629.000.000 đồng", "38,5 tỷ đồng", "45 triệu đồng", "1,1 triệu người", "27 phút/ngày", "30,73%".
 */
export function parseViQuantity(text: string): ViQuantity | null {
  const match = /^\s*(\d[\d.,]*)\s*(%|[^\s\d]+)?\s*(.*?)\s*$/u.exec(text.normalize('NFC'));
  if (!match) return null;
  const parts = splitNumeral(match[1]!);
  if (!parts) return null;
  const word = (match[2] ?? '').toLowerCase();
  const rest = (match[3] ?? '').toLowerCase();
  const scale = SCALE_WORDS[word];
  if (scale !== undefined) return { value: scaleNumeral(parts, scale), unit: rest };
  const unit = [word, rest].filter(Boolean).join(' ');
  return { value: scaleNumeral(parts, 1), unit };
}

export interface ViNumberFormat {
  /** Fraction digits to show (trailing zeros kept: 77,20). Default: as many as needed, at most 2. */
  decimals?: number;
  /** Zero-pad counts below 10 as the house style does ("04 chứng thư số"). */
  pad?: boolean;
}

/**
 * Rounds half away from zero in decimal, not binary: 2.675 → 2.68 and 1.005 → 1.01, as a person
 * rounding the printed figure would (2.675 is stored as 2.67499…).
 */
function roundDecimal(abs: number, decimals: number): number {
  if (String(abs).includes('e')) return Math.round(abs * 10 ** decimals) / 10 ** decimals;
  return Number(`${Math.round(Number(`${abs}e${decimals}`))}e-${decimals}`);
}

/** Formats 1858 → "1.858", 30.73 → "30,73", 4 → "04" with `pad`. */
export function formatViNumber(value: number, options: ViNumberFormat = {}): string {
  const abs = Math.abs(value);
  let fixed: string;
  if (options.decimals !== undefined) {
    fixed = roundDecimal(abs, options.decimals).toFixed(options.decimals);
  } else {
    fixed = roundDecimal(abs, 2).toString();
    if (fixed.includes('e')) fixed = abs.toFixed(2);
  }
  let [int, frac = ''] = fixed.split('.');
  if (options.pad && int!.length === 1 && frac === '') int = `0${int}`;
  const grouped = int!.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  // A value that rounds to zero is printed without a sign ("0", not "-0").
  const negative = value < 0 && /[1-9]/.test(fixed);
  return (negative ? '-' : '') + grouped + (frac ? `,${frac}` : '');
}

/** Formats a percentage with two decimals as the reports do: 30.73 → "30,73%", 77.2 → "77,20%". */
export function formatViPercent(value: number, decimals = 2): string {
  return `${formatViNumber(value, { decimals })}%`;
}

/**
 * Formats an amount of money in đồng with a scale word when that stays exact (at most two
 * decimals): 38500000000 → "38,5 tỷ đồng", 45000000 → "45 triệu đồng", but
 * 15629000000 → "15.629.000.000 đồng" rather than a rounded "15,63 tỷ đồng".
 */
export function formatViMoney(value: number): string {
  const abs = Math.abs(value);
  if (abs >= 1e9 && abs % 1e7 === 0) return `${formatViNumber(value / 1e9)} tỷ đồng`;
  if (abs >= 1e6 && abs < 1e9 && abs % 1e4 === 0) return `${formatViNumber(value / 1e6)} triệu đồng`;
  return `${formatViNumber(value)} đồng`;
}
