import { getConnInfo } from '@hono/node-server/conninfo';
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { listOrganisations } from '../../db/organisation.repository.js';
import { login, logout, sessionView } from '../../services/auth.service.js';
import type { AppEnv } from '../http/env.js';
import { errorResponses, jsonBody, jsonResponse, SessionSchema } from '../http/schemas.js';
import { SESSION_COOKIE, sessionOf } from '../http/session.js';

const LoginSchema = z
  .object({
    orgId: z.string().max(100).optional(),
    username: z.string().min(1).max(100),
    password: z.string().min(1).max(200),
  })
  .openapi('Login');

const OrganisationSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    shortName: z.string().nullable(),
    parentAuthority: z.string().nullable(),
    place: z.string().nullable(),
    symbol: z.string().nullable(),
    cutoffRule: z.string(),
    validFrom: z.string().nullable(),
    validTo: z.string().nullable(),
    successorId: z.string().nullable(),
  })
  .openapi('Organisation');

/** The peer address; behind no proxy, the socket's. Requests made in-process (tests) have none. */
function clientIp(c: Context<AppEnv>): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'local';
  }
}

function cookieOptions(c: Context<AppEnv>, expires?: Date) {
  return {
    httpOnly: true,
    sameSite: 'Strict' as const,
    path: '/',
    // Behind a TLS-terminating proxy the request arrives as http; the proxy's header says how the browser came.
    secure: new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https',
    ...(expires ? { expires } : {}),
  };
}

export function registerAuthRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/auth/login',
      tags: ['auth'],
      summary: 'Đăng nhập (5 lần sai / 15 phút / tên đăng nhập + địa chỉ → 429)',
      request: jsonBody(LoginSchema),
      responses: { 200: jsonResponse(SessionSchema), ...errorResponses(400, 401, 429) },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const signedIn = await login(c.var.db, { ...body, ip: clientIp(c) });
      setCookie(c, SESSION_COOKIE, signedIn.token, cookieOptions(c, signedIn.expiresAt));
      return c.json(signedIn.view, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/auth/logout',
      tags: ['auth'],
      summary: 'Đăng xuất',
      responses: { 204: { description: 'Đã đăng xuất' }, ...errorResponses(401, 403) },
    }),
    async (c) => {
      await logout(c.var.db, sessionOf(c));
      deleteCookie(c, SESSION_COOKIE, cookieOptions(c));
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/auth/me',
      tags: ['auth'],
      summary: 'Phiên đăng nhập hiện tại',
      responses: { 200: jsonResponse(SessionSchema), ...errorResponses(401) },
    }),
    async (c) => c.json(await sessionView(c.var.db, sessionOf(c)), 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/organisations',
      tags: ['organisations'],
      summary: 'Danh sách tổ chức (cho màn hình đăng nhập)',
      responses: { 200: jsonResponse(z.array(OrganisationSchema)) },
    }),
    async (c) => {
      const rows = await listOrganisations(c.var.db);
      return c.json(rows.map(organisationView), 200);
    },
  );
}

export function organisationView(o: Awaited<ReturnType<typeof listOrganisations>>[number]) {
  return {
    id: o.id,
    name: o.name,
    shortName: o.short_name,
    parentAuthority: o.parent_authority,
    place: o.place,
    symbol: o.symbol,
    cutoffRule: o.cutoff_rule,
    validFrom: o.valid_from,
    validTo: o.valid_to,
    successorId: o.successor_id,
  };
}

export { OrganisationSchema };
