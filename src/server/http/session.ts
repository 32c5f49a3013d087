import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { AppError } from '../../domain/errors.js';
import type { Auth } from '../../services/access.js';
import { type CurrentSession, csrfMatches, currentSession } from '../../services/auth.service.js';
import type { AppEnv } from './env.js';

export const SESSION_COOKIE = 'baocao_session';
export const CSRF_HEADER = 'x-csrf-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** The only state-changing request allowed without a CSRF token: there is no session yet. */
const CSRF_EXEMPT = new Set(['/api/auth/login']);

/**
 * Loads the session named by the cookie, then refuses a state-changing request whose
 * x-csrf-token header does not match the session's token (403 `auth.csrf`).
 */
export function sessionMiddleware(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const session = await currentSession(c.var.db, getCookie(c, SESSION_COOKIE));
    c.set('session', session);
    if (!SAFE_METHODS.has(c.req.method) && !CSRF_EXEMPT.has(c.req.path) && session) {
      if (!csrfMatches(session.csrfToken, c.req.header(CSRF_HEADER))) {
        throw new AppError(
          'auth.csrf',
          'Yêu cầu bị từ chối: thiếu hoặc sai mã chống giả mạo (CSRF). Hãy tải lại trang.',
          403,
        );
      }
    }
    await next();
  };
}

export function sessionOf(c: Context<AppEnv>): CurrentSession {
  const session = c.var.session;
  if (!session) throw new AppError('auth.required', 'Vui lòng đăng nhập.', 401);
  return session;
}

/** The signed-in user as the access checks see them; 401 when not signed in. */
export function authOf(c: Context<AppEnv>): Auth {
  return sessionOf(c).auth;
}
