import assert from 'node:assert/strict';
import { test } from 'node:test';
import { statusActions } from './reports.js';

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
