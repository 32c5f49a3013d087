import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { foldDiacritics, foldForSearch } from './fold.js';

const BASES: Record<string, string> = {
  a: 'aàáạảãâầấậẩẫăằắặẳẵ',
  e: 'eèéẹẻẽêềếệểễ',
  i: 'iìíịỉĩ',
  o: 'oòóọỏõôồốộổỗơờớợởỡ',
  u: 'uùúụủũưừứựửữ',
  y: 'yỳýỵỷỹ',
  d: 'dđ',
};

describe('foldDiacritics', () => {
  test('every Vietnamese vowel and đ, lower and upper case, folds to its base letter', () => {
    for (const [base, letters] of Object.entries(BASES)) {
      for (const letter of letters) {
        assert.equal(foldDiacritics(letter), base, letter);
        assert.equal(foldDiacritics(letter.toUpperCase()), base.toUpperCase(), letter.toUpperCase());
      }
    }
  });

  test('words and names', () => {
    assert.equal(foldDiacritics('Quyết định'), 'Quyet dinh');
    assert.equal(foldDiacritics('Đ'), 'D');
    assert.equal(foldDiacritics('đồng'), 'dong');
    assert.equal(
      foldDiacritics('Sở Thông tin và Truyền thông tỉnh Trà Vinh'),
      'So Thong tin va Truyen thong tinh Tra Vinh',
    );
    assert.equal(foldDiacritics('NGHỊ ĐỊNH 09/2019/NĐ-CP'), 'NGHI DINH 09/2019/ND-CP');
  });

  test('keeps the length of NFC text so offsets line up', () => {
    const text = 'Chứng thư số chuyên dùng: 1.719 USB, 35 SIM PKI';
    assert.equal(foldDiacritics(text).length, text.length);
  });

  test('drops the combining marks of NFD text', () => {
    assert.equal(foldDiacritics('Quyết định'.normalize('NFD')), 'Quyet dinh');
    assert.equal(foldDiacritics('Đường'.normalize('NFD')), 'Duong');
  });

  test('leaves other text alone', () => {
    assert.equal(foldDiacritics('iOffice 2022-04'), 'iOffice 2022-04');
    assert.equal(foldDiacritics('Ünïcode ©'), 'Ünïcode ©');
  });
});

describe('foldForSearch', () => {
  test('folds and lower-cases, the same for NFC and NFD input', () => {
    assert.equal(foldForSearch('CHỨNG THƯ SỐ'), 'chung thu so');
    assert.equal(foldForSearch('Đơn vị'), 'don vi');
    assert.equal(foldForSearch('Trà Vinh'.normalize('NFD')), foldForSearch('Trà Vinh'));
    assert.equal(foldForSearch('Ủy ban nhân dân'), foldForSearch('uy ban nhan dan'));
  });
});
