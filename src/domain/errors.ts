/**
 * An expected failure: bad input, a forbidden action, a missing record.
 * It carries a stable code (e.g. `period.invalid`), an HTTP status and a Vietnamese message;
 * bugs stay plain `Error`s.
 */
export class AppError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: string, message: string, status = 400, details?: Record<string, unknown>) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.status = status;
    this.details = details;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
