import assert from 'node:assert/strict';
import { test } from 'node:test';
import { periodShortLabel, periodTime } from './period-axis.js';

test('a period sits at the end of its last month, so 9 months 2021 lies between April and December 2021', () => {
  assert.equal(periodTime('2022-04'), Date.UTC(2022, 3, 30) / 1000);
  assert.equal(periodTime('2021-9M'), Date.UTC(2021, 8, 30) / 1000);
  assert.equal(periodTime('2017'), Date.UTC(2017, 11, 31) / 1000);
  assert.ok(periodTime('2021-04') < periodTime('2021-9M') && periodTime('2021-9M') < periodTime('2021'));
  assert.ok(Number.isNaN(periodTime('april')));
});

test('short axis labels for the seed periods', () => {
  assert.deepEqual(
    ['2020-06', '2021-9M', '2017', '2022-Q1', '2022-H1'].map((id) => periodShortLabel(id, 'vi')),
    ['6/2020', '9T/2021', '2017', 'Q1/2022', '6T/2022'],
  );
  assert.equal(periodShortLabel('2021-9M', 'en'), '9M/2021');
});
