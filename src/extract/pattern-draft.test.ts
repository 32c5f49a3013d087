import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { draftPattern, foldSnippet, tidyGaps } from './pattern-draft.js';

describe('drafting a wording from report words', () => {
  test('a date becomes a gap between words; at an end it is dropped, beside another gap it joins it', () => {
    const draft = (text: string, value: number) => draftPattern(foldSnippet(text), value);
    assert.deepEqual(draft('Ngày 12/4/2022 tổng số văn bản đi là 18.182 văn bản', 18_182), {
      base: 'tong so van ban di la {n} van ban',
      fallback: 'ngay {#}/{#}/{#} tong so van ban di la {n} van ban',
      multiplier: 1,
    });
    assert.equal(draft('tiếp nhận 1.452 hồ sơ tính đến ngày 30/4/2022', 1_452)?.base, 'tiep nhan {n} ho so');
    assert.equal(
      draft('từ ngày 1/4 đến ngày 30/4 tiếp nhận 120 hồ sơ', 120)?.base,
      'tu {…} tiep nhan {n} ho so',
    );
  });

  test('gaps tidied: none at an end, none beside another', () => {
    assert.equal(tidyGaps('tu {…} {…} tiep nhan {n} ho so {…}'), 'tu {…} tiep nhan {n} ho so');
    assert.equal(tidyGaps('{…} ky so {n} van ban'), 'ky so {n} van ban');
    assert.equal(tidyGaps('ky so {…} {n} van ban'), 'ky so {…} {n} van ban');
  });
});
