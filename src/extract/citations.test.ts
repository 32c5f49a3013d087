import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { citationKey, extractCitations } from './citations.js';
import { makeSourceText } from './source-text.js';

const cite = (text: string) => extractCitations(makeSourceText(text));

describe('citations', () => {
  test('type, number, symbol, date and issuer', () => {
    const [c] = cite(
      'Tham mưu ban hành Quyết định số 695/QĐ-UBND ngày 12/4/2022 của UBND tỉnh về việc ban hành',
    );
    assert.equal(c?.type, 'Quyết định');
    assert.equal(c?.number, '695');
    assert.equal(c?.symbol, 'QĐ-UBND');
    assert.equal(c?.date, '2022-04-12');
    assert.equal(c?.issuer, 'UBND tỉnh');
  });

  test('year in the symbol and Party style numbers', () => {
    const found = cite(
      'theo Nghị định số 43/2011/NĐ-CP ngày 13/6/2011; Chương trình số 19-CTr/TU ngày 23/9/2021',
    );
    assert.deepEqual(
      found.map((c) => [c.type, c.number, c.symbol, c.date]),
      [
        ['Nghị định', '43', '2011/NĐ-CP', '2011-06-13'],
        ['Chương trình', '19', 'CTr/TU', '2021-09-23'],
      ],
    );
  });

  test('OCR: "s6" for "số", lost Đ restored, glued words cut', () => {
    const found = cite(
      'Trién khai Quyét dinh s6 1034/QD-BTTTT ngay 21/7/2021 cua Bo; theo Quy€t dinh s6 45/2016/QD-\nTTgbao cao',
    );
    assert.deepEqual(
      found.map((c) => [c.type, c.number, c.symbol, c.date]),
      [
        ['Quyết định', '1034', 'QĐ-BTTTT', '2021-07-21'],
        ['Quyết định', '45', '2016/QĐ-TTg', null],
      ],
    );
  });

  test('"văn bản số" is a Công văn; the type agreeing with the symbol wins', () => {
    const found = cite('văn bản số 273/BTTTT-CBĐTW; Thông báo Kết luận số 19-TB/TW ngày 29/12/2016');
    assert.deepEqual(
      found.map((c) => [c.type, c.symbol]),
      [
        ['Công văn', 'BTTTT-CBĐTW'],
        ['Thông báo', 'TB/TW'],
      ],
    );
  });

  test('one entry per document; the report’s own number and dates are not citations', () => {
    const found = cite(
      'Số: 1768/BC-STTTT-VP. Kế hoạch số 58/KH-UBND ngày 13/7/2021; tháng 6/2020; lại Kế hoạch số 58/KH-UBND.',
    );
    assert.equal(found.length, 1);
    assert.equal(citationKey(found[0]!), citationKey({ type: 'Kế hoạch', number: '58', symbol: 'KH-UBND' }));
  });

  test('national technical regulations', () => {
    const [c] = cite('áp dụng QCVN 128:2021/BTTTT về');
    assert.deepEqual([c?.type, c?.number, c?.symbol], ['Quy chuẩn kỹ thuật quốc gia', '128', '2021/BTTTT']);
  });

  test('a number right after a letter or "/", or of six digits, is not cited', () => {
    assert.deepEqual(cite('Quyết định số A12/QĐ-UBND và x/13/QĐ-UBND; Quyết định số 123456/QĐ-UBND'), []);
  });

  test('a space before the separator and a letter after the number', () => {
    const found = cite('Kế hoạch số 58 /KH-UBND; Quyết định số 12a/QĐ-UBND');
    assert.deepEqual(
      found.map((c) => [c.number, c.symbol, c.text, c.start, c.end]),
      [
        ['58', 'KH-UBND', 'Kế hoạch số 58 /KH-UBND', 0, 23],
        ['12a', 'QĐ-UBND', 'Quyết định số 12a/QĐ-UBND', 25, 50],
      ],
    );
  });

  test('a symbol without capitals is not cited', () => {
    assert.deepEqual(cite('Kế hoạch số 58/kh-ubnd'), []);
  });

  test('a symbol part named like an object property is kept as written', () => {
    assert.deepEqual(
      cite('Quyết định số 5/QĐ-constructor và Quyết định số 6/QD-toString').map((c) => c.symbol),
      ['QĐ-constructor', 'QĐ-toString'],
    );
  });

  test('a repeat with a leading zero and the Đ restored is the same document', () => {
    const found = cite('Quyết định số 5/QD-UBND ngày 1/2/2020; lại Quyết định số 05/QĐ-UBND');
    assert.deepEqual(
      found.map((c) => [c.number, c.symbol, c.date, c.text]),
      [['5', 'QĐ-UBND', '2020-02-01', 'Quyết định số 5/QD-UBND ngày 1/2/2020']],
    );
  });

  test('"số:" and "sé" between type and number; spaces in the date', () => {
    const found = cite(
      'Quyết định số: 9/QĐ-UBND; Quyết định sé 8/QĐ-UBND; Quyết định 7/QĐ-UBND ngày 13 / 6 / 2011',
    );
    assert.deepEqual(
      found.map((c) => [c.number, c.date, c.text]),
      [
        ['9', null, 'Quyết định số: 9/QĐ-UBND'],
        ['8', null, 'Quyết định sé 8/QĐ-UBND'],
        ['7', '2011-06-13', 'Quyết định 7/QĐ-UBND ngày 13 / 6 / 2011'],
      ],
    );
  });

  test('a type word more than four words before the number does not count', () => {
    assert.deepEqual(
      cite('Quyết định của Ủy ban nhân dân tỉnh về việc triển khai thực hiện số 11/QĐ-UBND'),
      [],
    );
  });

  test('a symbol broken by a line break after the year', () => {
    const [c] = cite('Thông tư số 12/2016/TT-\nBTTTT');
    assert.deepEqual(
      [c?.type, c?.symbol, c?.text],
      ['Thông tư', '2016/TT-BTTTT', 'Thông tư số 12/2016/TT-\nBTTTT'],
    );
  });

  test('citationKey folds decomposed diacritics, Đ, case, spaces and leading zeros', () => {
    assert.equal(
      citationKey({ type: 'Quyết định'.normalize('NFD'), number: '058', symbol: 'QĐ - UBND' }),
      citationKey({ type: 'Quyết định', number: '58', symbol: 'qd-ubnd' }),
    );
    assert.equal(citationKey({ type: 'Kế hoạch', number: '7', symbol: 'KH-UBND' }), 'KE HOACH|7|KH-UBND');
  });
});
