import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseHash } from './router.js';

test('parseHash reads path segments and the query of a hash route', () => {
  const route = parseHash('#/reports/r%201?tab=preview');
  assert.deepEqual(route.path, ['reports', 'r 1']);
  assert.equal(route.query.get('tab'), 'preview');
  assert.deepEqual(parseHash('').path, []);
});
