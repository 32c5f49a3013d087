import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { statedRatio } from './ratio.js';

describe('statedRatio', () => {
  const percent = { numerator: 'ioffice.docs_signed', denominator: 'ioffice.docs_sent', multiplier: 100 };

  test('a percentage to two decimals, as seed 004 states it', () => {
    // "Tổng văn bản đi trong tháng: 18.182, ký số 14.477 văn bản (tỷ lệ 79,62%)": 14477 / 18182 = 0,796227…
    assert.equal(statedRatio(percent, 14_477, 18_182), 79.62);
    // 571 level-3 services of 1.858 (seed 001: 30,73%): 0,307319…
    assert.equal(statedRatio(percent, 571, 1_858), 30.73);
  });

  test('a half rounds up, as by hand: 23 of 160 is 14,375%', () => {
    assert.equal(statedRatio(percent, 23, 160), 14.38);
  });

  test('another multiplier (subscribers per 100 inhabitants is also × 100; per person × 1)', () => {
    assert.equal(statedRatio({ ...percent, multiplier: 1 }, 1, 3), 0.33);
  });

  test('no ratio of a zero denominator', () => {
    assert.equal(statedRatio(percent, 5, 0), null);
  });
});
