import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { reportHoldingPeriod } from './report-hold.js';

describe('the report holding a period’s figures', () => {
  const reports = [
    { id: 'a', periodId: '2022-04', status: 'draft' as const },
    { id: 'b', periodId: '2022-05', status: 'submitted' as const },
    { id: 'c', periodId: '2021-9M', status: 'approved' as const },
    { id: 'd', periodId: '2021-05', status: 'submitted' as const },
  ];

  test('a draft holds nothing; a submitted report holds its own month', () => {
    assert.equal(reportHoldingPeriod(reports, '2022-04'), undefined);
    assert.equal(reportHoldingPeriod(reports, '2022-05')?.id, 'b');
    assert.equal(reportHoldingPeriod(reports, '2022-06'), undefined);
  });

  test('an approved 9-month report holds every month inside it, before a submitted monthly one', () => {
    assert.equal(reportHoldingPeriod(reports, '2021-02')?.id, 'c');
    assert.equal(reportHoldingPeriod(reports, '2021-05')?.id, 'c');
    assert.equal(reportHoldingPeriod(reports, '2021-10'), undefined);
    assert.equal(reportHoldingPeriod(reports, 'not a period'), undefined);
  });
});
