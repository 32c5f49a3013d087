import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { listAudit } from '../../db/audit.repository.js';
import { requireAccess } from '../../services/access.js';
import type { AppEnv } from '../http/env.js';
import { errorResponses, jsonResponse, OrgParams } from '../http/schemas.js';
import { authOf } from '../http/session.js';

const AuditEntrySchema = z
  .object({
    id: z.string(),
    userId: z.string().nullable(),
    action: z.string(),
    entity: z.string(),
    entityId: z.string().nullable(),
    before: z.unknown(),
    after: z.unknown(),
    reason: z.string().nullable(),
    at: z.string(),
  })
  .openapi('AuditEntry');

export function registerAuditRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/orgs/{orgId}/audit',
      tags: ['audit'],
      summary: 'Nhật ký thay đổi (ai, khi nào, cũ → mới), mới nhất trước',
      request: {
        params: OrgParams,
        query: z.object({
          entity: z.string().max(50).optional(),
          entityId: z.string().max(100).optional(),
          limit: z.coerce.number().int().min(1).max(1000).default(100),
        }),
      },
      responses: { 200: jsonResponse(z.array(AuditEntrySchema)), ...errorResponses(400, 401, 403) },
    }),
    async (c) => {
      const { orgId } = c.req.valid('param');
      const { entity, entityId, limit } = c.req.valid('query');
      await requireAccess(authOf(c), 'audit.read', [orgId]);
      const entries = await listAudit(c.var.db, {
        orgId,
        limit,
        ...(entity ? { entity } : {}),
        ...(entityId ? { entityId } : {}),
      });
      return c.json(
        entries.map((e) => ({
          id: String(e.id),
          userId: e.userId === null ? null : String(e.userId),
          action: e.action,
          entity: e.entity,
          entityId: e.entityId,
          before: e.before ?? null,
          after: e.after ?? null,
          reason: e.reason ?? null,
          at: e.at.toISOString(),
        })),
        200,
      );
    },
  );
}
