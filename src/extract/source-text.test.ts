import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { codeUnits, makeSourceText, originalOffset } from './source-text.js';

describe('source text', () => {
  test('folded text has the same length, no diacritics, lower case, Markdown emphasis blanked', () => {
    const source = makeSourceText('Số liệu **Đà Nẵng**: 1.858');
    assert.equal(source.folded, 'so lieu   da nang  : 1.858');
    assert.equal(source.folded.length, source.text.length);
  });

  test('precomposed Vietnamese with its punctuation is NFC already; other characters are normalised', () => {
    const typed = 'Trên đây là kết quả “ký số” – tháng 4/2022… ﬁ €';
    assert.equal(makeSourceText(typed).text, typed);
    assert.equal(makeSourceText(typed).toOriginal, null);
    // The ohm sign and a combining acute are not their own NFC form.
    assert.equal(makeSourceText('5 \u2126').text, '5 \u03a9');
    assert.equal(makeSourceText('Ky\u0301 số').text, 'Ký số');
  });

  test('offsets of an NFD original map back through the NFC text', () => {
    const nfd = 'Tổng số'.normalize('NFD');
    const source = makeSourceText(`${nfd}: 18.182`);
    const at = source.text.indexOf('18.182');
    assert.equal(source.original.slice(originalOffset(source, at)), '18.182');
  });

  test('decomposed text is composed cluster by cluster exactly as by NFC, its map pointing at each base', () => {
    // Bases from the ranges NFC leaves alone, with one to three combining marks in any order.
    const bases = ['a', 'e', 'o', 'u', 'y', 'A', 'ơ', 'Ư', 'ạ', 'ê', 'q', '1', ' ', '“', '–', 'ﬁ', '€', '\n'];
    // U+0340, U+0341, U+0343 and U+0344 are replaced by NFC (U+0344 by two marks: the text grows).
    const marks = [
      '\u0300',
      '\u0301',
      '\u0303',
      '\u0309',
      '\u0323',
      '\u0302',
      '\u0306',
      '\u031b',
      '\u0308',
      '\u0340',
      '\u0341',
      '\u0343',
      '\u0344',
      '\u0345',
    ];
    let seed = 7;
    const next = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed >>> 16) % n;
    };
    for (let round = 0; round < 200; round++) {
      let text = '';
      for (let i = 0; i < 40; i++) {
        text += bases[next(bases.length)];
        if (next(3) === 0) for (let m = next(3); m >= 0; m--) text += marks[next(marks.length)];
      }
      const source = makeSourceText(text);
      assert.equal(source.text, text.normalize('NFC'), JSON.stringify(text));
      // The characters mapped to one offset are the NFC of the original from there to the next offset.
      for (let at = 0; at < source.text.length; ) {
        const from = originalOffset(source, at);
        let end = at + 1;
        while (originalOffset(source, end) === from) end++;
        const to = originalOffset(source, end);
        assert.equal(text.slice(from, to).normalize('NFC'), source.text.slice(at, end), JSON.stringify(text));
        at = end;
      }
      assert.equal(originalOffset(source, source.text.length), text.length);
    }
  });

  for (const littleEndian of [true, false]) {
    test(`code units copy a long text and give it back (${littleEndian ? 'native' : 'fallback'} path)`, () => {
      const text = 'Trà Vinh – số 1.858; '.repeat(1000);
      const { units, toText } = codeUnits(text, littleEndian);
      assert.equal(units.length, text.length);
      assert.equal(units[2], 'à'.charCodeAt(0));
      assert.equal(toText(), text);
      units[0] = 't'.charCodeAt(0);
      assert.equal(toText(), `t${text.slice(1)}`);
    });
  }
});
