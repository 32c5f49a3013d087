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
