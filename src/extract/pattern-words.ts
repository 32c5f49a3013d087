/**
 * The words value patterns look for (their anchor and opening words), each with a dense id, so that
 * the matcher indexes only those words of a text and finds a word's occurrences by array index.
 * One registry for all compiled patterns: it grows by the distinct words of the patterns compiled
 * (a few hundred), never shrinks, and ids stay valid.
 */

/** Longest word a pattern can look for: its letters fit a base-27 number exactly (27^10 < 2^53). */
export const LONGEST_PATTERN_WORD = 10;

/** A word of letters a–z as a number, so the index needs no substring per word. */
export function wordKey(word: string): number {
  let key = 0;
  for (let i = 0; i < word.length; i++) key = key * 27 + (word.charCodeAt(i) - 0x60);
  return key;
}

// Words of up to four letters (most Vietnamese syllables) are looked up in a table, longer ones in an
// open-addressing hash of their keys: a Map would box each key above 2^31 into a new heap number.
const SHORT_LENGTH = 4;
const shortIds = new Int16Array(27 ** SHORT_LENGTH).fill(-1);
// A prime number of slots, far more than the few hundred long words patterns name: probes stay short.
const LONG_SLOTS = 8191;
const longKeys = new Float64Array(LONG_SLOTS);
const longSlotIds = new Int16Array(LONG_SLOTS).fill(-1);
let count = 0;
let longCount = 0;

/** The slot of a long word's key: where it is stored, or the empty slot where it would go. */
function longSlot(key: number): number {
  let slot = key % LONG_SLOTS;
  while (longSlotIds[slot] !== -1 && longKeys[slot] !== key) slot = slot + 1 === LONG_SLOTS ? 0 : slot + 1;
  return slot;
}

/** The id of a pattern word (a–z, 2 to 10 letters), registered on first use. */
export function patternWordId(word: string): number {
  if (!/^[a-z]{2,10}$/.test(word)) throw new Error(`not a pattern word: ${word}`);
  const key = wordKey(word);
  const known = idOfWord(key, word.length);
  if (known >= 0) return known;
  if (count >= 0x7fff) throw new Error('too many pattern words');
  const id = count++;
  if (word.length <= SHORT_LENGTH) shortIds[key] = id;
  else {
    if (++longCount > LONG_SLOTS / 2) throw new Error('too many long pattern words');
    const slot = longSlot(key);
    longKeys[slot] = key;
    longSlotIds[slot] = id;
  }
  return id;
}

/** The id of the word with this key and length, or -1 when no pattern looks for it. */
export function idOfWord(key: number, length: number): number {
  if (length <= SHORT_LENGTH) return shortIds[key]!;
  return length <= LONGEST_PATTERN_WORD ? longSlotIds[longSlot(key)]! : -1;
}

/** How many words are registered: ids run from 0 to this, exclusive. */
export function patternWordCount(): number {
  return count;
}
