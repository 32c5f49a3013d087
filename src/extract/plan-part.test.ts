import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { findBodyParts } from './plan-part.js';
import { makeSourceText } from './source-text.js';

const parts = (text: string) => findBodyParts(makeSourceText(text));

describe('findBodyParts', () => {
  test('the plan part starts at the last level-1 heading announcing the plan, after marks', () => {
    const text = 'I. KẾT QUẢ\nNội dung\n ** II. KẾ HOẠCH NĂM 2021\nViệc làm';
    assert.deepEqual(parts(text), { planStart: 20, bodyEnd: text.length });
  });

  test('the body ends at the first line opening with a closing phrase, marks before it allowed', () => {
    const text = 'Nội dung có phụ lục kèm theo\n** Nơi nhận:\nTrên đây là báo cáo';
    assert.deepEqual(parts(text), { planStart: text.length, bodyEnd: 29 });
  });

  test('a line starts after any line terminator (CR, U+2028), as `^` of a multi-line expression', () => {
    assert.equal(parts('Nội dung\r# Phụ lục').bodyEnd, 9);
    assert.equal(parts('Nội dung\u2028\tPHỤ LỤC 1').bodyEnd, 9);
    assert.equal(parts('Nội dung. Phụ lục 1').bodyEnd, 19);
  });

  test('the body end is looked for from the plan part on', () => {
    const text = 'Nơi nhận việc\nI. KẾT QUẢ\nII. PHƯƠNG HƯỚNG\nTrên đây là';
    assert.deepEqual(parts(text), { planStart: 25, bodyEnd: 42 });
  });
});
