import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  formatViMoney,
  formatViNumber,
  formatViPercent,
  parseViFigure,
  parseViNumber,
  parseViPercent,
  parseViQuantity,
} from './number.js';

describe('parseViNumber', () => {
  test('the forms the seeds use', () => {
    assert.equal(parseViNumber('1.858'), 1858);
    assert.equal(parseViNumber('7792'), 7792);
    assert.equal(parseViNumber('2.034.973'), 2_034_973);
    assert.equal(parseViNumber('15.629.000.000'), 15_629_000_000);
    assert.equal(parseViNumber('30,73'), 30.73);
    assert.equal(parseViNumber('83,8'), 83.8);
    assert.equal(parseViNumber('04'), 4);
    assert.equal(parseViNumber('0'), 0);
    // A dot before exactly three digits groups thousands: "1.572" is 1572, not 1,572.
    assert.equal(parseViNumber('1.572'), 1572);
    assert.equal(parseViNumber(' 1.858 '), 1858);
  });

  test('a dot before other than three digits is read as a decimal point (OCR, foreign text)', () => {
    assert.equal(parseViNumber('3.13'), 3.13);
    assert.equal(parseViNumber('1.2345'), 1.2345);
    assert.equal(parseViNumber('1.858.00'), null);
  });

  test('groups of other than three digits after the first dot are not thousands', () => {
    assert.equal(parseViNumber('18.18'), 18.18);
    assert.equal(parseViNumber('1.8582'), 1.8582);
    assert.equal(parseViNumber('1234.5'), 1234.5);
  });

  test('non-numerals give null', () => {
    for (const bad of [
      '',
      'abc',
      '1.858.',
      '.858',
      '1234.567',
      '1,858,000',
      '12a',
      '-',
      '1 858 abc',
      '1..858',
    ]) {
      assert.equal(parseViNumber(bad), null, bad);
    }
  });
});

describe('parseViPercent', () => {
  test('with and without a space before %', () => {
    assert.equal(parseViPercent('30,73%'), 30.73);
    assert.equal(parseViPercent('1,28 %'), 1.28);
    assert.equal(parseViPercent('15,67 %'), 15.67);
    assert.equal(parseViPercent('34%'), 34);
    assert.equal(parseViPercent('100%'), 100);
    assert.equal(parseViPercent('0,04%'), 0.04);
  });

  test('a number without % or a non-number is not a percentage', () => {
    assert.equal(parseViPercent('30,73'), null);
    assert.equal(parseViPercent('abc%'), null);
    assert.equal(parseViPercent('%'), null);
  });
});

describe('parseViQuantity', () => {
  test('money, with and without a scale word', () => {
    assert.deepEqual(parseViQuantity('15.629.000.000 đồng'), { value: 15_629_000_000, unit: 'đồng' });
    assert.deepEqual(parseViQuantity('545.863.000.000 đồng'), { value: 545_863_000_000, unit: 'đồng' });
    assert.deepEqual(parseViQuantity('38,5 tỷ đồng'), { value: 38_500_000_000, unit: 'đồng' });
    assert.deepEqual(parseViQuantity('1,572 tỷ đồng'), { value: 1_572_000_000, unit: 'đồng' });
    assert.deepEqual(parseViQuantity('45 triệu đồng'), { value: 45_000_000, unit: 'đồng' });
    assert.deepEqual(parseViQuantity('4.000.000 đồng'), { value: 4_000_000, unit: 'đồng' });
  });

  test('people, minutes per day, tonnes, percentages, bare counts', () => {
    assert.deepEqual(parseViQuantity('1,1 triệu người'), { value: 1_100_000, unit: 'người' });
    assert.deepEqual(parseViQuantity('27 phút/ngày'), { value: 27, unit: 'phút/ngày' });
    assert.deepEqual(parseViQuantity('15 tấn'), { value: 15, unit: 'tấn' });
    assert.deepEqual(parseViQuantity('30,73%'), { value: 30.73, unit: '%' });
    assert.deepEqual(parseViQuantity('1.858'), { value: 1858, unit: '' });
    assert.deepEqual(parseViQuantity('2.034.973'), { value: 2_034_973, unit: '' });
    assert.deepEqual(parseViQuantity('5 nghìn lượt'), { value: 5000, unit: 'lượt' });
  });

  test('the scale word is read in NFD text and without diacritics', () => {
    assert.deepEqual(parseViQuantity('38,5 tỷ đồng'.normalize('NFD')), {
      value: 38_500_000_000,
      unit: 'đồng',
    });
    assert.deepEqual(parseViQuantity('45 trieu dong'), { value: 45_000_000, unit: 'dong' });
  });

  test('text that does not start with a number gives null', () => {
    assert.equal(parseViQuantity('đồng'), null);
    assert.equal(parseViQuantity(''), null);
  });
});

describe('formatViNumber', () => {
  test('groups thousands with dots and writes decimals with a comma', () => {
    assert.equal(formatViNumber(1858), '1.858');
    assert.equal(formatViNumber(2_034_973), '2.034.973');
    assert.equal(formatViNumber(15_629_000_000), '15.629.000.000');
    assert.equal(formatViNumber(30.73), '30,73');
    assert.equal(formatViNumber(999), '999');
    assert.equal(formatViNumber(0), '0');
    assert.equal(formatViNumber(-1858), '-1.858');
  });

  test('at most two decimals by default, rounded as printed', () => {
    assert.equal(formatViNumber(76.827), '76,83');
    assert.equal(formatViNumber(1.005), '1,01');
    assert.equal(formatViNumber(0.1 + 0.2), '0,3');
    assert.equal(formatViNumber(-0.001), '0');
  });

  test('fixed decimals keep trailing zeros', () => {
    assert.equal(formatViNumber(77.2, { decimals: 2 }), '77,20');
    assert.equal(formatViNumber(2.675, { decimals: 2 }), '2,68');
    assert.equal(formatViNumber(1858, { decimals: 0 }), '1.858');
    assert.equal(formatViNumber(3.1268, { decimals: 2 }), '3,13');
  });

  test('house-style zero padding of counts below ten', () => {
    assert.equal(formatViNumber(4, { pad: true }), '04');
    assert.equal(formatViNumber(12, { pad: true }), '12');
    assert.equal(formatViNumber(4), '4');
  });

  test('round-trips with parseViNumber', () => {
    for (const value of [0, 7, 1858, 2_034_973, 30.73, 83.8, 15_629_000_000]) {
      assert.equal(parseViNumber(formatViNumber(value)), value);
    }
  });
});

describe('formatViPercent and formatViMoney', () => {
  test('percentages with two decimals by default', () => {
    assert.equal(formatViPercent(30.73), '30,73%');
    assert.equal(formatViPercent(77.2), '77,20%');
    assert.equal(formatViPercent(79.6227), '79,62%');
    assert.equal(formatViPercent(34, 0), '34%');
    assert.equal(parseViPercent(formatViPercent(1.28)), 1.28);
  });

  test('money takes a scale word only when it stays exact', () => {
    assert.equal(formatViMoney(38_500_000_000), '38,5 tỷ đồng');
    assert.equal(formatViMoney(45_000_000), '45 triệu đồng');
    assert.equal(formatViMoney(7_500_000), '7,5 triệu đồng');
    assert.equal(formatViMoney(15_629_000_000), '15.629.000.000 đồng');
    assert.equal(formatViMoney(1_572_000_000), '1.572.000.000 đồng');
    assert.equal(formatViMoney(350_000), '350.000 đồng');
    assert.equal(parseViQuantity(formatViMoney(38_500_000_000))?.value, 38_500_000_000);
  });
});

describe('parseViFigure', () => {
  test('a number or a percentage, typed the Vietnamese way, with an optional minus sign', () => {
    assert.equal(parseViFigure('1.858'), 1858);
    assert.equal(parseViFigure(' 30,73 '), 30.73);
    assert.equal(parseViFigure('30,73%'), 30.73);
    assert.equal(parseViFigure('38.500.000.000'), 38_500_000_000);
    assert.equal(parseViFigure('0,625'), 0.625);
    assert.equal(parseViFigure('- 2'), -2);
  });

  test('words, empty text and stray characters are not figures', () => {
    for (const text of ['mười', '', '-', '12 ab', '1,2,3', 'ước 5'])
      assert.equal(parseViFigure(text), null, text);
  });
});
