import { formatViNumber, parseViFigure } from '../../src/domain/vietnamese/number.js';

/** Stored values arrive as numbers or numeric strings ("1858", "30.73"); shows them Vietnamese-style. */
export function formatValue(value: number | string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  const number = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(number) ? formatViNumber(number) : String(value);
}

/** A change shown with its sign: +12, -3,5. */
export function formatChange(change: number | null | undefined): string {
  if (change === null || change === undefined || !Number.isFinite(change)) return '—';
  return (change > 0 ? '+' : '') + formatViNumber(change);
}

/**
 * What the user typed, read as the importer and the spreadsheet upload read figures ("1.858", "30,73",
 * "30,73%", "-2"); empty is "no value", anything else unreadable is invalid.
 */
export function readTypedNumber(text: string): { ok: true; value: number | null } | { ok: false } {
  if (text.trim() === '') return { ok: true, value: null };
  const value = parseViFigure(text);
  return value === null ? { ok: false } : { ok: true, value };
}
