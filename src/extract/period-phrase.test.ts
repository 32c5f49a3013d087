import assert from 'node:assert/strict';
import { test } from 'node:test';
import { periodId } from '../domain/period.js';
import { parsePeriodPhrase } from './period-phrase.js';

const ids = (folded: string) => {
  const phrase = parsePeriodPhrase(folded);
  return phrase ? [periodId(phrase.period), phrase.planPeriod ? periodId(phrase.planPeriod) : null] : null;
};

test('period phrases of titles and closing sentences', () => {
  assert.deepEqual(ids('ket qua cong tac thang 4 nam 2022 va ke hoach cong tac thang 5 nam 2022'), [
    '2022-04',
    '2022-05',
  ]);
  assert.deepEqual(ids('cong tac thong tin va truyen thong thang 4 va ke hoach cong tac thang 5 nam 2021'), [
    '2021-04',
    '2021-05',
  ]);
  assert.deepEqual(ids('ket qua cong tac 9 thang dau nim va ke hoach cong tac 3 thang cuoi nam 2021'), [
    '2021-9M',
    '2021-Q4',
  ]);
  assert.deepEqual(ids('tong ket cong tac nam 2017 va nhiem vu cong tac nam 2018'), ['2017', '2018']);
  assert.deepEqual(ids('tren day la ket qua cong tac thang 6/2020 va ke hoach cong tac thang 7/2020'), [
    '2020-06',
    '2020-07',
  ]);
  assert.deepEqual(ids('bao cao 6 thang dau nam 2023'), ['2023-H1', '2023-H2']);
  assert.deepEqual(ids('bao cao quy iii nam 2022'), ['2022-Q3', '2022-Q4']);
  assert.equal(ids('khong co ky nao'), null);
});
