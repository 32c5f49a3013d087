import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { importChoices, willStore } from './import-decisions.js';

// Seed 004 (April 2022): 1.858 documents sent, 1.452 dossiers of level 3, 30,73 % signed.
const values = [
  { id: 'v1', indicator: 'ioffice.docs_sent', value: 1858 },
  { id: 'v2', indicator: 'dvc.dossiers_level3', value: 1452 },
  { id: 'v3', indicator: 'ioffice.signed_ratio', value: 30.73 },
];

describe('the choices an import review sends', () => {
  test('untouched rows are accepted as extracted; a correction sends the typed number', () => {
    assert.deepEqual(importChoices(values, { v2: { accept: true, text: '1.425' } }), {
      ok: true,
      choices: [
        { id: 'v1', accept: true },
        { id: 'v2', accept: true, value: 1425 },
        { id: 'v3', accept: true },
      ],
    });
  });

  test('the same figure retyped is no correction; an unticked row is rejected whatever it holds', () => {
    assert.deepEqual(
      importChoices(values, { v1: { accept: true, text: '1858' }, v3: { accept: false, text: 'abc' } }),
      {
        ok: true,
        choices: [
          { id: 'v1', accept: true },
          { id: 'v2', accept: true },
          { id: 'v3', accept: false },
        ],
      },
    );
  });

  test('an emptied figure is not stored', () => {
    const result = importChoices(values, { v2: { accept: true, text: '  ' } });
    assert.deepEqual(result.ok && result.choices[1], { id: 'v2', accept: false });
    assert.equal(willStore({ accept: true, text: '  ' }), false);
    assert.equal(willStore({ accept: true, text: '1.452' }), true);
  });

  test('a typed figure that is not a number blocks the save and is named', () => {
    assert.deepEqual(
      importChoices(values, { v1: { accept: true, text: 'abc' }, v3: { accept: true, text: '30,7,3' } }),
      { ok: false, unreadable: ['ioffice.docs_sent', 'ioffice.signed_ratio'] },
    );
  });
});
