import { foldDiacritics } from '../domain/vietnamese/fold.js';

// The glyphs lost from bold headings in the PDF seed 000 (its annotation notes).
const LOST_GLYPHS = /[aăâôươBDPLđigyÁÀẠĂÂƯƠỤ]/g;
const HEADING = /^\s*[#*]*\s*(?:[IVX]{1,4}|\d{1,2}(?:\.\d)?|[a-z])[.)]\s+\S/;

/** Removes the glyphs a PDF export loses from heading lines. */
export function dropHeadingGlyphs(text: string): string {
  return text
    .split('\n')
    .map((line) => (HEADING.test(line) && line.length < 120 ? line.replace(LOST_GLYPHS, ' ') : line))
    .join('\n');
}

/** Hard-wraps every line at `width` columns on spaces. */
export function hardWrap(text: string, width = 70): string {
  return text
    .split('\n')
    .map((line) => {
      const out: string[] = [];
      let current = '';
      for (const word of line.split(' ')) {
        if (current !== '' && current.length + 1 + word.length > width) {
          out.push(current);
          current = word;
        } else current = current === '' ? word : `${current} ${word}`;
      }
      out.push(current);
      return out.join('\n');
    })
    .join('\n');
}

/** A degraded copy as old archives have them: glyphs lost in headings, no diacritics, hard-wrapped. */
export function degrade(text: string): string {
  return hardWrap(foldDiacritics(dropHeadingGlyphs(text.normalize('NFC'))));
}
