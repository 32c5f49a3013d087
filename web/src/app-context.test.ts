import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Session } from './api-types.js';
import { canEditUnit, hasRole } from './app-context.js';

function session(roles: Session['roles']): Session {
  return {
    user: { id: 'u', username: 'u', displayName: 'U' },
    orgId: 'stttt-travinh',
    roles,
    csrfToken: 't',
  };
}

test('an editor of phong-cntt edits only the sections of phong-cntt', () => {
  const cntt = session([{ role: 'editor', unitId: '1', unitCode: 'phong-cntt' }]);
  assert.equal(canEditUnit(cntt, 'phong-cntt'), true);
  assert.equal(canEditUnit(cntt, 'phong-bcvt'), false);
  assert.equal(hasRole(cntt, 'office', 'director'), false);
});

test('office edits every section; an analyst none', () => {
  assert.equal(canEditUnit(session([{ role: 'office', unitId: null, unitCode: null }]), 'thanh-tra'), true);
  assert.equal(canEditUnit(session([{ role: 'analyst', unitId: null, unitCode: null }]), 'thanh-tra'), false);
});
