import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addLeaveGuard, mayLeave } from './leave-guard.js';

test('with no unsaved work, leaving asks nothing', () => {
  assert.equal(
    mayLeave(() => assert.fail('nothing to ask')),
    true,
  );
});

test('unsaved work asks its question once; the answer decides, and a released guard asks no more', () => {
  const release = addLeaveGuard('Bỏ các số chưa lưu?');
  const asked: string[] = [];
  assert.equal(
    mayLeave((question) => {
      asked.push(question);
      return false;
    }),
    false,
  );
  assert.equal(
    mayLeave((question) => {
      asked.push(question);
      return true;
    }),
    true,
  );
  assert.deepEqual(asked, ['Bỏ các số chưa lưu?', 'Bỏ các số chưa lưu?']);
  release();
  assert.equal(
    mayLeave(() => assert.fail('released')),
    true,
  );
});

test('two guards with the same question are released one by one; the latest question is asked', () => {
  const first = addLeaveGuard('Câu hỏi');
  const second = addLeaveGuard('Câu hỏi');
  const third = addLeaveGuard('Câu hỏi mới');
  let asked = '';
  mayLeave((question) => {
    asked = question;
    return false;
  });
  assert.equal(asked, 'Câu hỏi mới');
  third();
  first();
  assert.equal(
    mayLeave(() => false),
    false,
    'the second guard still holds',
  );
  second();
  assert.equal(
    mayLeave(() => false),
    true,
  );
});

test('agreeing to leave drops the work: a move before the page clears it asks nothing more', () => {
  const release = addLeaveGuard('Bỏ các số chưa lưu?');
  assert.equal(
    mayLeave(() => true),
    true,
  );
  assert.equal(
    mayLeave(() => assert.fail('already agreed')),
    true,
  );
  // The page's own release afterwards is harmless; new work guards again.
  release();
  const again = addLeaveGuard('Bỏ các số chưa lưu?');
  assert.equal(
    mayLeave(() => false),
    false,
  );
  again();
});
