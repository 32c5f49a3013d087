import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ZodError } from 'zod';
import { AppError, isAppError } from '../../domain/errors.js';

export interface ErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> };
}

export function errorBody(error: AppError): ErrorBody {
  return {
    error: {
      code: error.code,
      message: error.message,
      ...(error.details !== undefined ? { details: error.details } : {}),
    },
  };
}

/** A request that failed its schema, named by field, as an AppError. */
export function invalidRequest(error: ZodError): AppError {
  const issues = error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
  const first = issues[0];
  const where = first?.path ? ` (trường "${first.path}")` : '';
  return new AppError(
    'request.invalid',
    `Dữ liệu gửi lên không hợp lệ${where}: ${first?.message ?? ''}`,
    400,
    {
      issues,
    },
  );
}

/** Hono's own refusals (before a handler runs), in Vietnamese. */
const HTTP_ERRORS: Record<number, () => AppError> = {
  400: () =>
    new AppError(
      'request.malformed',
      'Dữ liệu gửi lên không đọc được (JSON hoặc biểu mẫu sai cú pháp).',
      400,
    ),
  413: () => new AppError('request.too_large', 'Dữ liệu gửi lên quá lớn.', 413),
  415: () =>
    new AppError(
      'request.media_type',
      'Kiểu dữ liệu không được hỗ trợ: hãy gửi JSON (Content-Type: application/json).',
      415,
    ),
};

/**
 * The one place errors become responses: AppErrors with their status and code, Hono's own HTTP
 * errors (body too large…) with a Vietnamese message, anything else as a 500 that hides the cause.
 */
export function handleError(error: Error, c: Context): Response {
  if (isAppError(error)) return c.json(errorBody(error), error.status as ContentfulStatusCode);
  if (error instanceof HTTPException) {
    const status = error.status;
    const appError = HTTP_ERRORS[status]?.() ?? new AppError('request.http', `Lỗi HTTP ${status}.`, status);
    return c.json(errorBody(appError), status as ContentfulStatusCode);
  }
  console.error(error);
  return c.json(errorBody(new AppError('internal', 'Lỗi hệ thống. Vui lòng thử lại sau.', 500)), 500);
}
