import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { readHeader, readRecipients } from './metadata.js';
import { makeSourceText } from './source-text.js';

const header = (text: string) => {
  const { number, issuedDate, place } = readHeader(makeSourceText(text), null);
  return { number, issuedDate, place };
};

describe('readHeader', () => {
  test('number, place and date of the header', () => {
    assert.deepEqual(header('Số: 1768/BC-STTTT-VP\nTrà Vinh, ngày 12 tháng 3 năm 2020'), {
      number: '1768/BC-STTTT-VP',
      issuedDate: '2020-03-12',
      place: 'Trà Vinh',
    });
  });

  test('without them in the header, the first annex line that names the report gives number and date', () => {
    const text = `UBND TỈNH\nSố:   /BC\n${'Nội dung. '.repeat(200)}\nĐính kèm Báo cáo số 7 và Báo cáo số: 1407/BC-STTTT-VP ngày 12/3/2020; Báo cáo số: 9/BC-X ngày 1/1/2019`;
    assert.deepEqual(header(text), { number: '1407/BC-STTTT-VP', issuedDate: '2020-03-12', place: null });
  });

  test('the header number wins over an annex line; the annex date still counts', () => {
    assert.deepEqual(header('Số: 5/BC-VP\nNội dung\nBáo cáo số: 1407/BC-STTTT-VP ngày 2/3/2020'), {
      number: '5/BC-VP',
      issuedDate: '2020-03-02',
      place: null,
    });
  });

  test('a date whose words lost glyphs to two characters each (code points, not code units)', () => {
    assert.deepEqual(header('Cần Thơ, ng😀😀y 5 tháng 6 năm 2021'), {
      number: null,
      issuedDate: '2021-06-05',
      place: 'Cần Thơ',
    });
  });
});

describe('readRecipients', () => {
  test('dash lines, continuation lines joined, whitespace runs and final punctuation removed', () => {
    const text = 'Nơi nhận:\n- Sở A;  \n- Sở B,.\n  (để b/c)\n- **Lưu**: VT.\n- Sở\tC ,;\n-   ;\nGhi chú';
    assert.deepEqual(readRecipients(makeSourceText(text), 0, text.length), [
      'Sở A',
      'Sở B,. (để b/c)',
      'Lưu: VT',
      'Sở C',
    ]);
  });
});
