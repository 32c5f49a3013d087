import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import {
  addReportItem,
  deleteReportItem,
  listReportItems,
  reorderReportItems,
  updateReportItem,
} from '../../services/narrative.service.js';
import type { AppEnv } from '../http/env.js';
import {
  errorResponses,
  IdInput,
  ItemParams,
  ItemSchema,
  jsonBody,
  jsonResponse,
  ReportParams,
} from '../http/schemas.js';
import { authOf } from '../http/session.js';

const ItemKindSchema = z.enum(['result', 'plan']);
const ItemText = z.string().trim().min(1).max(20_000);

const NewItemSchema = z
  .object({ sectionKey: z.string().min(1).max(100), kind: ItemKindSchema.default('result'), text: ItemText })
  .openapi('NewItem');
const ItemChangeSchema = z
  .object({ text: ItemText.optional(), kind: ItemKindSchema.optional() })
  .openapi('ItemChange');
const ReorderSchema = z
  .object({ sectionKey: z.string().min(1).max(100), itemIds: z.array(IdInput).max(1000) })
  .openapi('ReorderItems');

export function registerItemRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/orgs/{orgId}/reports/{id}/items',
      tags: ['items'],
      summary: 'Các nội dung (kết quả, kế hoạch) của báo cáo theo thứ tự',
      request: { params: ReportParams },
      responses: { 200: jsonResponse(z.array(ItemSchema)), ...errorResponses(401, 403) },
    }),
    async (c) => {
      const { orgId, id } = c.req.valid('param');
      return c.json(await listReportItems(c.var.db, authOf(c), orgId, id), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/orgs/{orgId}/reports/{id}/items',
      tags: ['items'],
      summary: 'Thêm nội dung vào một mục (biên tập viên: mục của đơn vị mình)',
      request: { params: ReportParams, ...jsonBody(NewItemSchema) },
      responses: { 201: jsonResponse(ItemSchema), ...errorResponses(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const { orgId, id } = c.req.valid('param');
      return c.json(await addReportItem(c.var.db, authOf(c), orgId, id, c.req.valid('json')), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/orgs/{orgId}/reports/{id}/items/reorder',
      tags: ['items'],
      summary: 'Sắp xếp lại các nội dung của một mục',
      request: { params: ReportParams, ...jsonBody(ReorderSchema) },
      responses: { 200: jsonResponse(z.array(ItemSchema)), ...errorResponses(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const { orgId, id } = c.req.valid('param');
      return c.json(await reorderReportItems(c.var.db, authOf(c), orgId, id, c.req.valid('json')), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/api/orgs/{orgId}/reports/{id}/items/{itemId}',
      tags: ['items'],
      request: { params: ItemParams, ...jsonBody(ItemChangeSchema) },
      responses: { 200: jsonResponse(ItemSchema), ...errorResponses(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const { orgId, id, itemId } = c.req.valid('param');
      return c.json(await updateReportItem(c.var.db, authOf(c), orgId, id, itemId, c.req.valid('json')), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/orgs/{orgId}/reports/{id}/items/{itemId}',
      tags: ['items'],
      request: { params: ItemParams },
      responses: { 204: { description: 'Đã xóa' }, ...errorResponses(401, 403, 404, 409) },
    }),
    async (c) => {
      const { orgId, id, itemId } = c.req.valid('param');
      await deleteReportItem(c.var.db, authOf(c), orgId, id, itemId);
      return c.body(null, 204);
    },
  );
}
