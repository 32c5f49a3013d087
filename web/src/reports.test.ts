import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { errorsPassedOn, newestFirst, statusActions } from './reports.js';

const keys = (status: string, roles: string[]) => statusActions(status, roles).map((a) => a.key);

test('office submits a draft and may take a submitted report back; it cannot approve', () => {
  assert.deepEqual(keys('draft', ['office']), ['submit']);
  assert.deepEqual(keys('submitted', ['office']), ['backToDraft']);
  assert.deepEqual(keys('approved', ['office']), []);
});

test('director approves, locks, and re-opens a locked report only with a reason', () => {
  assert.deepEqual(keys('submitted', ['director']), ['backToDraft', 'approve']);
  assert.deepEqual(keys('approved', ['director']), ['lock', 'reopen']);
  const reopen = statusActions('locked', ['director']).find((a) => a.key === 'reopen');
  assert.equal(reopen?.needsReason, true);
});

test('editors and analysts get no workflow buttons', () => {
  assert.deepEqual(keys('draft', ['editor']), []);
  assert.deepEqual(keys('submitted', ['analyst']), []);
});

test('reports are listed latest first: the seed periods in order', () => {
  const ids = ['2022-04', '2021-04', '2020-06', '2021-9M', '2017', '2021-12', '2021'];
  assert.deepEqual(
    newestFirst(ids.map((periodId) => ({ periodId }))).map((r) => r.periodId),
    ['2022-04', '2021', '2021-12', '2021-9M', '2021-04', '2020-06', '2017'],
  );
});

test('the workflow buttons follow the server: an admin only re-opens, a director does not submit', () => {
  assert.deepEqual(
    statusActions('draft', ['admin']).map((a) => a.key),
    [],
  );
  assert.deepEqual(
    statusActions('locked', ['admin']).map((a) => a.key),
    ['reopen'],
  );
  assert.deepEqual(
    statusActions('draft', ['director']).map((a) => a.key),
    [],
  );
});

describe('errorsPassedOn', () => {
  const findings = [{ severity: 'error' }, { severity: 'warning' }, { severity: 'error' }];

  test('submitting or approving over error findings counts the errors, not the warnings', () => {
    assert.equal(errorsPassedOn('submit', findings), 2);
    assert.equal(errorsPassedOn('approve', findings), 2);
    assert.equal(errorsPassedOn('submit', [{ severity: 'warning' }]), 0);
  });

  test('sending back, locking and re-opening pass nothing on', () => {
    for (const key of ['backToDraft', 'lock', 'reopen'] as const)
      assert.equal(errorsPassedOn(key, findings), 0);
  });
});
