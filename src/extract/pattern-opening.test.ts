import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { patternOpening } from './pattern-opening.js';
import { compilePattern, ValuePatternSchema } from './value-patterns.js';
import { findValueCandidates } from './values.js';

describe('patternOpening', () => {
  test('literal and expression patterns open with their first whole words', () => {
    assert.deepEqual(patternOpening('ky so {n} van ban', false), { kind: 'words', words: ['ky'] });
    assert.deepEqual(patternOpening('(?:kiem tra|thanh tra) {n} co so', true), {
      kind: 'words',
      words: ['kiem', 'thanh'],
    });
    // "tongso…" could extend the word: no opening word, the matcher scans windows instead.
    assert.equal(patternOpening('tong(?:so)? {n}', true), null);
  });

  test('a numeral opening lists the words that can follow the numeral', () => {
    assert.deepEqual(patternOpening('{n} chung thu so to chuc', false), {
      kind: 'numeral',
      next: ['chung'],
    });
    assert.deepEqual(patternOpening('{n} (?:ho so )?(?:nop )?truc tiep', true), {
      kind: 'numeral',
      next: ['ho', 'nop', 'truc'],
    });
    // Not a word after the numeral, or a "|" that leaves the numeral to the first alternative only.
    assert.deepEqual(patternOpening('{n}% so voi', false), { kind: 'numeral', next: null });
    assert.deepEqual(patternOpening('{n} {#} van ban', false), { kind: 'numeral', next: null });
    assert.deepEqual(patternOpening('{n} ho so|tong {n}', true), { kind: 'numeral', next: null });
  });
});

describe('numeral-opening patterns are tried only where their next word follows', () => {
  const pattern = (match: string, regex = false) =>
    compilePattern(ValuePatternSchema.parse({ indicator: 'x.y', scope: 'period', match, regex }));
  const values = (text: string, match: string, regex = false) =>
    findValueCandidates(text, [pattern(match, regex)]).map((v) => v.value);

  test('any whitespace, none, or a hard wrap may stand between the numeral and the word', () => {
    const match = '{n} (?:ho so )?(?:nop )?truc tiep';
    assert.deepEqual(values('tiep nhan 1.328 truc tiep, 447 truc tuyen', match, true), [1328]);
    assert.deepEqual(values('tiep nhan 1.328\n  ho so truc tiep', match, true), [1328]);
    assert.deepEqual(values('tiep nhan 1.328ho so truc tiep', match, true), [1328]);
    assert.deepEqual(values('tiep nhan 1.328\u00a0nop truc tiep', match, true), [1328]);
  });

  test('a numeral ending in a dot or comma, or followed by another word, is not read', () => {
    assert.deepEqual(values('ngay 12. truc tiep', '{n} truc tiep'), []);
    assert.deepEqual(values('1.328 ho so truc tiep', '{n} truc tiep'), []);
    assert.deepEqual(values('dat 30,73 chung thu so', '{n} chung thu so'), [30.73]);
  });
});
