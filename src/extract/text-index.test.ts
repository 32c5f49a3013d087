import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { blankQualifiers, compileConfusions, defaultOcrConfusions } from './ocr-noise.js';
import { patternWordId } from './pattern-words.js';
import { indexText, qualifierTable } from './text-index.js';
import { loadValuePatterns } from './value-patterns.js';
import { findValueCandidates } from './values.js';

const confusions = defaultOcrConfusions();
const table = qualifierTable(confusions.qualifiers)!;

describe('text index', () => {
  test('qualifiers right before a figure are blanked, as the expression over the whole text does', () => {
    const sentences = [
      'mat do uoc 2,45 thue bao',
      'uoc dat 38,5 ty dong; hon 85 don vi',
      'thuoc khoang 5 xa',
      'uoc  khoang 12 ho so',
      'tren\n1.200 nguoi, gan\t300',
      'con hon nua 5',
      '5hon 3 va 7uoc 2',
      'xap xi 90% va uoc la 1.000',
      'tren day la 3 viec',
    ];
    for (const sentence of sentences) {
      const index = indexText(sentence, table);
      assert.equal(index.text, blankQualifiers(sentence, confusions), sentence);
      assert.equal(index.text.length, sentence.length);
    }
  });

  test('blanked qualifiers are left out of the word index; other words and numerals stay', () => {
    const index = indexText('uoc dat 38,5 ty dong; dat 3 xa', table);
    assert.equal(index.text, '        38,5 ty dong; dat 3 xa');
    assert.deepEqual(index.words[patternWordId('dat')], [22]);
    assert.equal(index.words[patternWordId('uoc')], undefined);
    assert.deepEqual(index.numerals, [8, 26]);
  });

  test('a qualifier of three words cannot be read word by word: no table', () => {
    assert.equal(qualifierTable(['uoc khoang chung']), null);
  });
});

describe('qualifiers the index cannot read word by word', () => {
  const pattern = loadValuePatterns({
    version: 1,
    patterns: [{ indicator: 'x.sites', scope: 'period', match: 'dat duoc {n} xa' }],
  });
  const withQualifiers = (qualifiers: string[]) =>
    compileConfusions({ version: 1, scanned: ['s6'], qualifiers, confusions: [{ from: 's6', to: 'so' }] });

  test('are still blanked, by the expression', () => {
    const text = 'ke hoach uoc dat duoc 5 xa';
    assert.equal(qualifierTable(withQualifiers(['uoc dat duoc']).qualifiers), null);
    assert.deepEqual(findValueCandidates(text, pattern, text.length, withQualifiers(['uoc dat duoc'])), []);
    assert.equal(findValueCandidates(text, pattern, text.length, withQualifiers([])).length, 1);
  });
});
