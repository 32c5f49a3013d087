import { isDigit, isFoldedLetter as isLetter } from './char-codes.js';
import { idOfWord, LONGEST_PATTERN_WORD, patternWordCount, patternWordId } from './pattern-words.js';
import { codeUnits } from './source-text.js';

/** Where the words value patterns look for and the numerals occur in a text. */
export interface TextIndex {
  /** The text patterns run on: the given one with qualifiers before figures blanked. */
  text: string;
  /**
   * Starts of the words patterns look for, by `patternWordId` (undefined: not in the text). A word
   * is a run of letters: digits split runs, "850kg" holds "kg".
   */
  words: Array<number[] | undefined>;
  /** Start of every numeral: a digit not preceded by a letter, digit, ".", "," or "_". */
  numerals: number[];
}

/**
 * Qualifiers ("ước", "hơn", "khoảng", "ước đạt") by the id of their last word, each as the ids of its
 * one or two words, in the order of the list (longer ones first where they end alike).
 */
export type QualifierTable = Map<number, number[][]>;

const qualifierTables = new WeakMap<readonly string[], QualifierTable | null>();

/**
 * The table of a qualifier list (folded words, e.g. from ocr-confusions.json), or null when a
 * qualifier cannot be read word by word (more than two words, or a word the index does not keep).
 */
export function qualifierTable(qualifiers: readonly string[]): QualifierTable | null {
  let table = qualifierTables.get(qualifiers);
  if (table === undefined) {
    table = new Map();
    for (const qualifier of qualifiers) {
      const words = qualifier.split(' ');
      if (words.length > 2 || words.some((w) => !/^[a-z]{2,10}$/.test(w))) {
        table = null;
        break;
      }
      const ids = words.map(patternWordId);
      const last = ids[ids.length - 1]!;
      table.set(last, [...(table.get(last) ?? []), ids]);
    }
    qualifierTables.set(qualifiers, table);
  }
  return table;
}

/** Whitespace a qualifier may stand on before its figure: space, new line, tab, carriage return, no-break space. */
function isGap(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x09 || code === 0x0d || code === 0xa0;
}

/**
 * Indexes a text in one pass and blanks each qualifier that stands as whole words right before a
 * figure ("ước 24.774" is read as "    24.774"), so that one pattern reads qualified and plain
 * figures alike; the lengths stay the same. The qualifiers' words are left out of the index.
 */
export function indexText(text: string, qualifiers: QualifierTable): TextIndex {
  const { units } = codeUnits(text);
  const words: Array<number[] | undefined> = new Array(patternWordCount());
  const numerals: number[] = [];
  const blanks: number[] = [];
  const length = units.length;
  // The last two words: their starts, ends and ids (-1: not one patterns look for).
  let lastStart = -1;
  let lastEnd = -1;
  let lastId = -1;
  let priorStart = -1;
  let priorEnd = -1;
  let priorId = -1;
  let previous = 0x20;
  let i = 0;
  while (i < length) {
    let code = units[i]!;
    if (isLetter(code)) {
      // A word: its letters in one tight loop; only the words patterns look for are recorded.
      const start = i;
      let key = 0;
      do {
        if (i - start < LONGEST_PATTERN_WORD) key = key * 27 + (code - 0x60);
        i++;
        code = i < length ? units[i]! : 0;
      } while (isLetter(code));
      const id = i - start <= LONGEST_PATTERN_WORD ? idOfWord(key, i - start) : -1;
      if (id >= 0) {
        const list = words[id];
        if (list) list.push(start);
        else words[id] = [start];
      }
      priorStart = lastStart;
      priorEnd = lastEnd;
      priorId = lastId;
      lastStart = start;
      lastEnd = i;
      lastId = id;
      previous = 0x61;
      continue;
    }
    if (
      isDigit(code) &&
      previous !== 0x61 &&
      !isDigit(previous) &&
      previous !== 0x2e &&
      previous !== 0x2c &&
      previous !== 0x5f
    ) {
      numerals.push(i);
      const candidates = lastId >= 0 && isGap(previous) ? qualifiers.get(lastId) : undefined;
      if (candidates && onlyGapsBetween(units, lastEnd, i)) {
        for (const ids of candidates) {
          const single = ids.length === 1;
          // Two words stand one space apart, as the qualifier is written.
          const fits =
            single || (priorId === ids[0] && priorEnd + 1 === lastStart && units[priorEnd] === 0x20);
          const from = single ? lastStart : priorStart;
          if (!fits || (from > 0 && isDigit(units[from - 1]!))) continue;
          blanks.push(from, lastEnd);
          unrecord(words, lastId);
          if (!single) unrecord(words, priorId);
          lastId = -1;
          break;
        }
      }
    }
    previous = code;
    i++;
  }
  return { text: blanks.length === 0 ? text : blanked(text, blanks), words, numerals };
}

/** Takes back the last occurrence recorded for a word. */
function unrecord(words: Array<number[] | undefined>, id: number): void {
  const list = words[id]!;
  list.pop();
  if (list.length === 0) words[id] = undefined;
}

function onlyGapsBetween(units: Uint16Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isGap(units[i]!)) return false;
  return true;
}

/** The text with each [start, end) pair of `ranges` replaced by spaces. */
function blanked(text: string, ranges: readonly number[]): string {
  const parts: string[] = [];
  let copied = 0;
  for (let r = 0; r < ranges.length; r += 2) {
    parts.push(text.slice(copied, ranges[r]), ' '.repeat(ranges[r + 1]! - ranges[r]!));
    copied = ranges[r + 1]!;
  }
  parts.push(text.slice(copied));
  return parts.join('');
}
