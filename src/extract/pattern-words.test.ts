import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { idOfWord, patternWordId, wordKey } from './pattern-words.js';

/** Words of `length` letters, in order "aaaa…", "aaab…", … */
function* wordsOf(length: number): Generator<string> {
  const letters = new Array<number>(length).fill(0);
  for (;;) {
    yield String.fromCharCode(...letters.map((l) => 0x61 + l));
    let i = length - 1;
    while (i >= 0 && letters[i] === 25) letters[i--] = 0;
    if (i < 0) return;
    letters[i]!++;
  }
}

describe('pattern word ids', () => {
  test('a registered word is found by its key; an unregistered one is not', () => {
    const id = patternWordId('truyen');
    assert.equal(patternWordId('truyen'), id);
    assert.equal(idOfWord(wordKey('truyen'), 6), id);
    assert.equal(idOfWord(wordKey('truyem'), 6), -1);
    assert.equal(idOfWord(wordKey('tho'), 3), -1);
    const thong = patternWordId('thong');
    assert.equal(idOfWord(wordKey('thong'), 5), thong);
  });

  test('long words whose keys share a hash slot keep their own ids', () => {
    // Keys equal modulo the table size land in one slot: each must still find its own id.
    const bySlot = new Map<number, string[]>();
    for (const word of wordsOf(6)) {
      const slot = wordKey(word) % 8191;
      const words = bySlot.get(slot) ?? [];
      words.push(word);
      bySlot.set(slot, words);
      if (words.length === 3) break;
    }
    const colliding = [...bySlot.values()].find((words) => words.length === 3)!;
    const ids = colliding.map(patternWordId);
    assert.equal(new Set(ids).size, 3);
    for (const [i, word] of colliding.entries()) assert.equal(idOfWord(wordKey(word), word.length), ids[i]);
  });
});
