/**
 * Character tests on UTF-16 code units, for the loops that read folded text (lower-case, no
 * diacritics) code by code: a test per code is far cheaper than a regular expression per character.
 */

export function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

/** a–z: the letters of folded text. */
export function isFoldedLetter(code: number): boolean {
  return code >= 0x61 && code <= 0x7a;
}

/** A letter or digit of folded text: what `(?<![a-z0-9])` looks for. */
export function isFoldedWordCode(code: number): boolean {
  return isFoldedLetter(code) || isDigit(code);
}

/** What `\w` matches in an expression without the `u` flag. */
export function isRegExpWordCode(code: number): boolean {
  return isFoldedWordCode(code) || (code >= 0x41 && code <= 0x5a) || code === 0x5f;
}

/** What `\s` matches in an expression without the `u` flag. */
export function isRegExpWhitespace(code: number): boolean {
  return (
    (code >= 0x09 && code <= 0x0d) ||
    code === 0x20 ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}
