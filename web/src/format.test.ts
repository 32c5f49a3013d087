import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formatChange, formatValue, readTypedNumber } from './format.js';

describe('formatValue', () => {
  test('shows stored numbers and numeric strings the Vietnamese way (seed 004: 1.858 documents, 30,73%)', () => {
    assert.equal(formatValue(1858), '1.858');
    assert.equal(formatValue('30.73'), '30,73');
    assert.equal(formatValue(null), '');
  });
});

describe('formatChange', () => {
  test('signs increases and decreases', () => {
    assert.equal(formatChange(1200), '+1.200');
    assert.equal(formatChange(-3.5), '-3,5');
    assert.equal(formatChange(null), '—');
  });
});

describe('readTypedNumber', () => {
  test('reads what a Vietnamese user types', () => {
    assert.deepEqual(readTypedNumber('1.858'), { ok: true, value: 1858 });
    assert.deepEqual(readTypedNumber(' 30,73 '), { ok: true, value: 30.73 });
    assert.deepEqual(readTypedNumber(''), { ok: true, value: null });
    assert.deepEqual(readTypedNumber('-2'), { ok: true, value: -2 });
    assert.deepEqual(readTypedNumber('- 3,5'), { ok: true, value: -3.5 });
  });
  test('reads a percentage as the spreadsheet upload does (seed 004: "tỷ lệ 30,73%")', () => {
    assert.deepEqual(readTypedNumber('30,73%'), { ok: true, value: 30.73 });
    assert.deepEqual(readTypedNumber('79,62 %'), { ok: true, value: 79.62 });
  });
  test('refuses text that is not a numeral', () => {
    assert.deepEqual(readTypedNumber('abc'), { ok: false });
    assert.deepEqual(readTypedNumber('1,2,3'), { ok: false });
    assert.deepEqual(readTypedNumber('%'), { ok: false });
    assert.deepEqual(readTypedNumber('--2'), { ok: false });
  });
});
