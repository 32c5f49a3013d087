import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { queryMatches, segmentText } from './highlight.js';

// A sentence of seed 004 (April 2022): "phát hành 1.858 văn bản, trong đó ký số 1.572 văn bản".
const text = 'phát hành 1.858 văn bản, trong đó ký số 1.572 văn bản';

describe('segmentText', () => {
  test('cuts the text at each figure and keeps every character once', () => {
    const segments = segmentText(text, [
      { id: 'signed', start: 40, end: 45 },
      { id: 'sent', start: 10, end: 15 },
    ]);
    assert.deepEqual(
      segments.map((s) => [s.text, s.valueId]),
      [
        ['phát hành ', null],
        ['1.858', 'sent'],
        [' văn bản, trong đó ký số ', null],
        ['1.572', 'signed'],
        [' văn bản', null],
      ],
    );
    assert.equal(segments.map((s) => s.text).join(''), text);
  });

  test('ignores spans outside the text and the later of two overlapping spans', () => {
    const segments = segmentText(text, [
      { id: 'a', start: 10, end: 15 },
      { id: 'b', start: 12, end: 20 },
      { id: 'c', start: 50, end: 90 },
    ]);
    assert.deepEqual(
      segments.filter((s) => s.valueId).map((s) => s.valueId),
      ['a'],
    );
    assert.equal(segments.map((s) => s.text).join(''), text);
  });

  test('leaves out figures the importer could not place in the text', () => {
    const segments = segmentText(text, [
      { id: 'sent', start: 10, end: 15 },
      { id: 'unplaced', start: null, end: null },
    ]);
    assert.deepEqual(
      segments.filter((s) => s.valueId).map((s) => s.valueId),
      ['sent'],
    );
  });
});

describe('queryMatches', () => {
  // Seed 001 (April 2022) cites "Quyết định số 695/QĐ-UBND ngày 12/4/2022".
  const citation = 'Tham mưu ban hành Quyết định số 695/QĐ-UBND ngày 12/4/2022';

  test('finds query words typed without diacritics, in any case', () => {
    const spans = queryMatches(citation, 'quyet DINH 695');
    assert.deepEqual(
      spans.map((s) => citation.slice(s.start, s.end)),
      ['Quyết', 'định', '695'],
    );
  });

  test('finds nothing for words that are not there', () => {
    assert.deepEqual(queryMatches(citation, 'chi thi 15'), []);
  });
});
