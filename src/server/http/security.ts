import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { every } from 'hono/combine';
import { secureHeaders } from 'hono/secure-headers';
import { AppError } from '../../domain/errors.js';
import type { AppEnv } from './env.js';

/** Uploaded report files and sheets of figures: 10 MB, plus room for the multipart envelope. */
export const UPLOAD_LIMIT_BYTES = 10 * 1024 * 1024;
/** JSON bodies: a batch of a few thousand values fits with room to spare. */
export const JSON_LIMIT_BYTES = 2 * 1024 * 1024;

const tooLarge = (limit: number) => () => {
  throw new AppError(
    'request.too_large',
    `Dữ liệu gửi lên vượt quá giới hạn ${Math.round(limit / 1048576)} MB.`,
    413,
    {
      limitBytes: limit,
    },
  );
};

const uploadLimit = bodyLimit({
  maxSize: UPLOAD_LIMIT_BYTES + 64 * 1024,
  onError: tooLarge(UPLOAD_LIMIT_BYTES),
});
const jsonLimit = bodyLimit({ maxSize: JSON_LIMIT_BYTES, onError: tooLarge(JSON_LIMIT_BYTES) });

/** Secure headers on every response (CSP for the single-page UI) and a body size limit per kind of request. */
export function securityMiddleware(): MiddlewareHandler<AppEnv> {
  const headers = secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      // The report preview (srcdoc) and the UI's style attributes are inline styles.
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:', 'blob:'],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      frameAncestors: ["'none'"],
      formAction: ["'self'"],
    },
    referrerPolicy: 'same-origin',
  });
  return every(headers, async (c, next) => {
    const isUpload =
      c.req.method === 'POST' && /^\/api\/orgs\/[^/]+\/(?:imports|values\/import)\/?$/.test(c.req.path);
    return (isUpload ? uploadLimit : jsonLimit)(c, next);
  });
}
