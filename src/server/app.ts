import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context, Next } from 'hono';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { AppError } from '../domain/errors.js';
import { requireAccess } from '../services/access.js';
import type { AppEnv } from './http/env.js';
import { errorBody, handleError, invalidRequest } from './http/errors.js';
import { securityMiddleware } from './http/security.js';
import { authOf, sessionMiddleware } from './http/session.js';
import { registerAnalyticsRoutes } from './routes/analytics.routes.js';
import { registerAuditRoutes } from './routes/audit.routes.js';
import { registerAuthRoutes } from './routes/auth.routes.js';
import { registerImportRoutes } from './routes/imports.routes.js';
import { registerItemRoutes } from './routes/items.routes.js';
import { registerOrganisationRoutes } from './routes/organisation.routes.js';
import { registerRenderRoute, registerReportRoutes } from './routes/reports.routes.js';
import { registerTemplateRoutes } from './routes/template.routes.js';
import { registerValueRoutes } from './routes/values.routes.js';

export interface AppDeps {
  db: Kysely<Database>;
}

/**
 * The HTTP API: security headers and body limits, the session and CSRF check, every route under
 * /api, the OpenAPI 3.1 document at /api/docs, and errors mapped to JSON in one place.
 */
export function createApp(deps: AppDeps): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw invalidRequest(result.error);
    },
  });
  app.onError(handleError);
  app.use('*', securityMiddleware());
  // Before the session lookup: a liveness probe needs no database round trip.
  app.get('/api/health', (c) => c.json({ ok: true }));
  app.use('/api/*', async (c, next) => {
    c.set('db', deps.db);
    await next();
  });
  app.use('/api/*', sessionMiddleware());
  // Everything under an organisation needs a signed-in member of it; others get the same 403 as a missing one.
  const memberOnly = async (c: Context<AppEnv>, next: Next) => {
    await requireAccess(authOf(c), 'org.read', [c.req.param('orgId') ?? '']);
    await next();
  };
  app.use('/api/orgs/:orgId', memberOnly);
  app.use('/api/orgs/:orgId/*', memberOnly);

  registerAuthRoutes(app);
  registerOrganisationRoutes(app);
  registerTemplateRoutes(app);
  registerValueRoutes(app);
  registerReportRoutes(app);
  registerRenderRoute(app);
  registerItemRoutes(app);
  registerAnalyticsRoutes(app);
  registerImportRoutes(app);
  registerAuditRoutes(app);

  app.openAPIRegistry.registerComponent('securitySchemes', 'session', {
    type: 'apiKey',
    in: 'cookie',
    name: 'baocao_session',
    description: 'Set by POST /api/auth/login; state-changing requests also need the x-csrf-token header.',
  });

  app.doc31('/api/docs', {
    openapi: '3.1.0',
    security: [{ session: [] }],
    info: {
      title: 'baocao API',
      version: '0.1.0',
      description:
        'Báo cáo công tác của Sở TT&TT. Phiên đăng nhập qua cookie baocao_session; mọi yêu cầu thay đổi dữ liệu (trừ đăng nhập) phải gửi header x-csrf-token.',
    },
  });
  app.all('/api/*', (c) =>
    c.json(
      errorBody(new AppError('route.unknown', `Không có địa chỉ API ${c.req.method} ${c.req.path}.`, 404)),
      404,
    ),
  );
  return app;
}
