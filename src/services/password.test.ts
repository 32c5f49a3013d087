import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hashPassword, verifyPassword } from './password.js';

test('a password verifies against its own hash and not against another', async () => {
  const stored = await hashPassword('baocao@2026');
  assert.match(stored, /^scrypt\$32768\$8\$1\$/);
  assert.equal(await verifyPassword('baocao@2026', stored), true);
  assert.equal(await verifyPassword('baocao@2027', stored), false);
  assert.equal(await verifyPassword('baocao@2026', 'plain-text'), false);
});

test('two hashes of one password differ (random salt)', async () => {
  assert.notEqual(await hashPassword('x'), await hashPassword('x'));
});
