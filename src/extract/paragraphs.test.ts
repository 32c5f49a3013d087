import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isRegExpWhitespace } from './char-codes.js';
import { splitParagraphs } from './paragraphs.js';
import { makeSourceText } from './source-text.js';

const split = (text: string, from?: number, to?: number) =>
  splitParagraphs(makeSourceText(text), from, to).map((p) => ({
    text: p.text,
    start: p.start,
    end: p.end,
    gaps: p.gaps,
  }));

describe('splitParagraphs', () => {
  test('hard-wrapped lines are joined; a line ending a sentence closes its paragraph', () => {
    assert.deepEqual(split('Sở đã triển khai\nnhiều việc.\nKết quả tốt'), [
      { text: 'Sở đã triển khai nhiều việc.', start: 0, end: 28, gaps: false },
      { text: 'Kết quả tốt', start: 29, end: 40, gaps: false },
    ]);
  });

  test('page numbers are dropped, whatever space precedes them; words starting like them are kept', () => {
    assert.deepEqual(
      split('Trang 2\n12\n\u3000- 3 -\nTổng 12 xã.\ntrang web mới.').map((p) => p.text),
      ['Tổng 12 xã.', 'trang web mới.'],
    );
  });

  test('a line with a tab, a no-break space, emphasis or a heading mark is cleaned', () => {
    assert.deepEqual(
      split('## Mục một:\nSố\tliệu.\n**Đậm** chữ.\nA\u00a0b.').map((p) => p.text),
      ['Mục một:', 'Số liệu.', 'Đậm chữ.', 'A b.'],
    );
  });

  test('a run of spaces inside a line is kept as two (lost glyphs); spaces around a line break are not a run', () => {
    assert.deepEqual(split('Ph   ng h ng\nc ng t c'), [
      { text: 'Ph  ng h ng c ng t c', start: 0, end: 21, gaps: true },
    ]);
    assert.deepEqual(split('Phát triển \n hạ tầng'), [
      { text: 'Phát triển hạ tầng', start: 0, end: 20, gaps: false },
    ]);
  });

  test('a heading mark after spaces starts a paragraph', () => {
    assert.deepEqual(
      split('Nội dung chung\n   # Mục mới').map((p) => p.text),
      ['Nội dung chung', 'Mục mới'],
    );
  });

  test('a line of Unicode spaces is blank and separates paragraphs; CR before a line break is not text', () => {
    assert.deepEqual(split('Một\r\n\u00a0\u2003\r\nHai'), [
      { text: 'Một', start: 0, end: 3, gaps: false },
      { text: 'Hai', start: 9, end: 12, gaps: false },
    ]);
  });

  test('an upper-case line stands alone; a lower-case one is continued', () => {
    assert.deepEqual(
      split('BÁO CÁO\nTình hình tháng 5\nkết quả tháng 5\nvà tháng 6').map((p) => p.text),
      ['BÁO CÁO', 'Tình hình tháng 5 kết quả tháng 5 và tháng 6'],
    );
  });

  test('offsets of a part of the text are offsets in the whole text', () => {
    assert.deepEqual(split('Đầu.\nGiữa  hai.\nCuối.', 5, 15), [
      { text: 'Giữa  hai.', start: 5, end: 15, gaps: true },
    ]);
  });

  test('the line scanner skips exactly what `\\s` matches', () => {
    for (let code = 0; code < 0x10000; code++) {
      assert.equal(isRegExpWhitespace(code), /\s/.test(String.fromCharCode(code)), code.toString(16));
    }
  });
});
