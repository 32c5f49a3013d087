import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formatViDate, formatViLongDate, parseViDate, parseViLongDate } from './date.js';

describe('parseViDate', () => {
  test('day/month/year with or without leading zeros, as the seeds write them', () => {
    assert.equal(parseViDate('12/4/2022'), '2022-04-12');
    assert.equal(parseViDate('09/04/2020'), '2020-04-09');
    assert.equal(parseViDate('3/12/2021'), '2021-12-03');
    assert.equal(parseViDate('24/02/2022'), '2022-02-24');
    assert.equal(parseViDate('02/9/1945'), '1945-09-02');
    assert.equal(parseViDate(' 12 / 4 / 2022 '), '2022-04-12');
    assert.equal(parseViDate('12-4-2022'), '2022-04-12');
    assert.equal(parseViDate('12.4.2022'), '2022-04-12');
  });

  test('impossible dates give null', () => {
    assert.equal(parseViDate('31/2/2022'), null);
    assert.equal(parseViDate('29/2/2023'), null);
    assert.equal(parseViDate('31/4/2022'), null);
    assert.equal(parseViDate('32/1/2022'), null);
    assert.equal(parseViDate('0/1/2022'), null);
    assert.equal(parseViDate('1/13/2022'), null);
    assert.equal(parseViDate('12/4/22'), null);
    assert.equal(parseViDate('abc'), null);
  });

  test('leap day', () => {
    assert.equal(parseViDate('29/2/2024'), '2024-02-29');
  });

  test('falls back to the long form', () => {
    assert.equal(parseViDate('ngày 14 tháng 9 năm 2021'), '2021-09-14');
  });
});

describe('parseViLongDate', () => {
  test('the place-date line', () => {
    assert.equal(parseViLongDate('ngày 14 tháng 9 năm 2021'), '2021-09-14');
    assert.equal(parseViLongDate('Trà Vinh, ngày 07 tháng 4 năm 2021'), '2021-04-07');
    assert.equal(parseViLongDate('Trà Vinh, ngày 03 tháng 6 năm 2020'), '2020-06-03');
    assert.equal(parseViLongDate('Ngày 06 Tháng 4 Năm 2022'), '2022-04-06');
  });

  test('without diacritics and from NFD text', () => {
    assert.equal(parseViLongDate('ngay 14 thang 9 nam 2021'), '2021-09-14');
    assert.equal(parseViLongDate('ngày 14 tháng 9 năm 2021'.normalize('NFD')), '2021-09-14');
  });

  test('impossible or absent dates give null', () => {
    assert.equal(parseViLongDate('ngày 31 tháng 2 năm 2022'), null);
    assert.equal(parseViLongDate('tháng 9 năm 2021'), null);
  });
});

describe('formatting', () => {
  test('short form without leading zeros', () => {
    assert.equal(formatViDate('2022-04-12'), '12/4/2022');
    assert.equal(formatViDate('2021-12-03'), '3/12/2021');
  });

  test('long form pads days below 10 and months below 3 (Decree 30/2020)', () => {
    assert.equal(formatViLongDate('2021-04-07'), 'ngày 07 tháng 4 năm 2021');
    assert.equal(formatViLongDate('2021-09-14'), 'ngày 14 tháng 9 năm 2021');
    assert.equal(formatViLongDate('2022-02-03'), 'ngày 03 tháng 02 năm 2022');
    assert.equal(formatViLongDate('2020-12-25'), 'ngày 25 tháng 12 năm 2020');
  });

  test('round-trips', () => {
    for (const iso of ['2022-04-12', '2020-04-09', '2021-01-31', '2024-02-29']) {
      assert.equal(parseViDate(formatViDate(iso)), iso);
      assert.equal(parseViLongDate(formatViLongDate(iso)), iso);
    }
  });
});
