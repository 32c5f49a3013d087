import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Session } from './api-types.js';
import { canEditUnit, canImport, hasRole } from './app-context.js';

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

test('only the office and administrators import old reports, as import.create allows', () => {
  const one = (role: Session['roles'][number]['role']) => session([{ role, unitId: null, unitCode: null }]);
  assert.equal(canImport(one('office')), true);
  assert.equal(canImport(one('admin')), true);
  for (const role of ['analyst', 'director', 'editor'] as const)
    assert.equal(canImport(one(role)), false, role);
  assert.equal(canImport(session([{ role: 'editor', unitId: '1', unitCode: 'phong-cntt' }])), false);
});
