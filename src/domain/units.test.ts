import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultCatalogue } from './default-catalogue.js';
import { unitInEnglish } from './units.js';

test('every unit of the shipped catalogue reads in English', () => {
  const untranslated = defaultCatalogue()
    .indicators.map((i) => i.unit)
    .filter((unit) => unit !== '%' && unitInEnglish(unit) === unit);
  assert.deepEqual([...new Set(untranslated)], []);
});

test('units read by value; one the list lacks is shown as written', () => {
  assert.equal(unitInEnglish('văn bản'), 'documents');
  assert.equal(unitInEnglish('thuê bao/100 dân'), 'subscribers per 100 inhabitants');
  assert.equal(unitInEnglish('%'), '%');
  assert.equal(unitInEnglish('bộ'), 'bộ');
  assert.equal(unitInEnglish('constructor'), 'constructor');
});
