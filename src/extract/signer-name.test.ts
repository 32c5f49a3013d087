import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { restoreSignerName } from './signer-name.js';

const KNOWN = ['Nguyễn Văn Chuẩn', 'Trần Văn Khoảnh', 'Lê Thị Hoa'];

describe('restoreSignerName', () => {
  test('a name written without diacritics, upper case or with OCR accents is the known one', () => {
    assert.equal(restoreSignerName('Nguyen Van Chuan', KNOWN), 'Nguyễn Văn Chuẩn');
    assert.equal(restoreSignerName('Nguyén Van Chuan', KNOWN), 'Nguyễn Văn Chuẩn');
    assert.equal(restoreSignerName('TRẦN VĂN KHOẢNH', KNOWN), 'Trần Văn Khoảnh');
  });

  test('a name that lost glyphs in PDF export is matched by the letters it kept', () => {
    assert.equal(restoreSignerName('Tr n V n Kho nh', KNOWN), 'Trần Văn Khoảnh');
    assert.equal(restoreSignerName('Nguy n V n Chu n', KNOWN), 'Nguyễn Văn Chuẩn');
    assert.equal(restoreSignerName('L  Th  Hoa', KNOWN), 'Lê Thị Hoa');
  });

  test('another person is not turned into a known one', () => {
    // Intact names that differ by a letter are different people.
    assert.equal(restoreSignerName('Trần Văn Khoa', KNOWN), null);
    assert.equal(restoreSignerName('Nguyễn Văn Chuân', [...KNOWN, 'Nguyễn Văn Chuấn']), null);
    // Too few letters kept to tell whom they belong to.
    assert.equal(restoreSignerName('N  V  C', KNOWN), null);
    assert.equal(restoreSignerName('Tr n V n Kho nh', []), null);
  });

  test('two known people who fit equally well give no answer', () => {
    assert.equal(restoreSignerName('Tr n V n Kho nh', ['Trần Văn Khoảnh', 'Trần Văn Khoanh']), null);
  });
});
