import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PeriodKind } from '../../src/domain/period.js';
import { parsePeriod, periodId } from '../../src/domain/period.js';
import { switchPeriodKind } from './period-switch.js';

const to = (id: string, kind: PeriodKind): string => periodId(switchPeriodKind(parsePeriod(id), kind));

test('month 5 moves to the periods that contain it', () => {
  assert.equal(to('2022-05', 'quarter'), '2022-Q2');
  assert.equal(to('2022-05', 'half_year'), '2022-H1');
  assert.equal(to('2022-05', 'nine_months'), '2022-9M');
  assert.equal(to('2022-05', 'year'), '2022');
  assert.equal(to('2022-05', 'month'), '2022-05');
});

test('every month lands in its own quarter and half', () => {
  const quarters = Array.from({ length: 12 }, (_, i) =>
    to(`2021-${String(i + 1).padStart(2, '0')}`, 'quarter'),
  );
  assert.deepEqual(
    quarters,
    [1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4].map((q) => `2021-Q${q}`),
  );
  assert.equal(to('2021-06', 'half_year'), '2021-H1');
  assert.equal(to('2021-07', 'half_year'), '2021-H2');
  assert.equal(to('2021-12', 'half_year'), '2021-H2');
});

test('a longer period moves to a month by its last month, the month its report is due', () => {
  assert.equal(to('2022-Q2', 'month'), '2022-06');
  assert.equal(to('2022-Q1', 'month'), '2022-03');
  assert.equal(to('2022-H2', 'month'), '2022-12');
  assert.equal(to('2021-9M', 'month'), '2021-09');
  assert.equal(to('2017', 'month'), '2017-12');
});

test('between longer kinds the period holding the last month is kept', () => {
  assert.equal(to('2022-Q2', 'half_year'), '2022-H1');
  assert.equal(to('2022-Q3', 'half_year'), '2022-H2');
  assert.equal(to('2022-H1', 'quarter'), '2022-Q2');
  assert.equal(to('2021-9M', 'quarter'), '2021-Q3');
  assert.equal(to('2017', 'quarter'), '2017-Q4');
  assert.equal(to('2022-Q3', 'nine_months'), '2022-9M');
  assert.equal(to('2022-H2', 'year'), '2022');
});

test('month → quarter → month comes back to the quarter-end month, never another quarter', () => {
  for (let m = 1; m <= 12; m++) {
    const back = parsePeriod(to(to(`2022-${String(m).padStart(2, '0')}`, 'quarter'), 'month'));
    assert.equal(Math.ceil(back.index / 3), Math.ceil(m / 3));
  }
});
