import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultCatalogue, defaultTargets } from './default-catalogue.js';
import { parsePeriod } from './period.js';
import { mergeTargets, TargetSchema, targetFor } from './target.js';

const file = defaultTargets();

test('every shipped target names an indicator of the catalogue', () => {
  const catalogue = defaultCatalogue();
  assert.deepEqual(
    file.filter((t) => !catalogue.has(t.indicator)).map((t) => t.indicator),
    [],
  );
});

test('a target applies from its first year; the latest one in force wins', () => {
  const targets = [
    TargetSchema.parse({ indicator: 'dvc.services_level4_ratio', value: 80, from: 2020, to: 2021 }),
    TargetSchema.parse({ indicator: 'dvc.services_level4_ratio', value: 100, from: 2022 }),
  ];
  assert.equal(targetFor(targets, 'dvc.services_level4_ratio', parsePeriod('2019')), null);
  assert.equal(targetFor(targets, 'dvc.services_level4_ratio', parsePeriod('2021-9M'))?.value, 80);
  assert.equal(targetFor(targets, 'dvc.services_level4_ratio', parsePeriod('2022-04'))?.value, 100);
});

test("an organisation's target replaces the default of the same indicator only", () => {
  const own = [TargetSchema.parse({ indicator: 'ioffice.signed_ratio', value: 95, from: 2022 })];
  const merged = mergeTargets(file, own);
  assert.equal(targetFor(merged, 'ioffice.signed_ratio', parsePeriod('2022-04'))?.value, 95);
  assert.equal(targetFor(merged, 'dvc.services_level4_ratio', parsePeriod('2022-04'))?.value, 100);
});
