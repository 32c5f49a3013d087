import assert from 'node:assert/strict';
import { AppError } from './errors.js';

/** The AppError `promise` is refused with; the test fails when it resolves or throws anything else. */
export async function refusal(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof AppError, `expected an AppError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected a refusal');
}
