import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import {
  getEditableTemplate,
  listSentences,
  resetSentence,
  saveSentence,
  saveTemplate,
} from '../../services/template.service.js';
import type { AppEnv } from '../http/env.js';
import { errorResponses, jsonBody, jsonResponse, OrgParams } from '../http/schemas.js';
import { authOf } from '../http/session.js';

// The layout's shape is checked by the domain's ReportTemplateSchema in the service, which names the
// offending section in Vietnamese; the OpenAPI document only says it is an object.
const LayoutSchema = z.record(z.string(), z.unknown()).openapi('ReportLayout', {
  description:
    'Bố cục báo cáo: { version: 1, name, document: { title, subtitle, intro, planIntro, closing, recipients, signer }, sections: [{ key, level, number, title, indicators, optional, children }] }',
});

const SentenceSchema = z
  .object({
    key: z.string(),
    section: z.string(),
    text: z.string(),
    shipped: z.string().nullable(),
    revision: z
      .string()
      .openapi({ description: 'Gửi kèm khi lưu hoặc trả lại câu gốc: câu đã bị người khác sửa thì trả 409' }),
  })
  .openapi('Sentence');
const SentenceParams = OrgParams.extend({ key: z.string().min(1).max(120) });
const SentenceTextSchema = z.object({
  text: z.string().max(2000),
  /** The sentence's revision as read; omitted: saved whatever it is now. */
  revision: z.string().max(64).optional(),
});
const SentenceRevisionQuery = z.object({ revision: z.string().max(64).optional() });

export function registerTemplateRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/orgs/{orgId}/template/layout',
      tags: ['catalogue'],
      summary: 'Bố cục báo cáo đầy đủ để quản trị viên sửa (mục, chỉ tiêu, lời văn, nơi nhận, người ký)',
      request: { params: OrgParams },
      responses: { 200: jsonResponse(LayoutSchema), ...errorResponses(401, 403) },
    }),
    async (c) => {
      const { orgId } = c.req.valid('param');
      return c.json(await getEditableTemplate(c.var.db, authOf(c), orgId), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/api/orgs/{orgId}/template/layout',
      tags: ['catalogue'],
      summary: 'Lưu bố cục báo cáo của tổ chức (ghi nhật ký, một giao dịch)',
      request: { params: OrgParams, ...jsonBody(LayoutSchema) },
      responses: { 200: jsonResponse(LayoutSchema), ...errorResponses(400, 401, 403, 409) },
    }),
    async (c) => {
      const { orgId } = c.req.valid('param');
      return c.json(await saveTemplate(c.var.db, authOf(c), orgId, c.req.valid('json')), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/orgs/{orgId}/template/sentences',
      tags: ['catalogue'],
      summary: 'Các câu mẫu viết số liệu trong báo cáo (của tổ chức, bên cạnh câu mẫu gốc)',
      request: { params: OrgParams },
      responses: { 200: jsonResponse(z.array(SentenceSchema)), ...errorResponses(401, 403) },
    }),
    async (c) => {
      const { orgId } = c.req.valid('param');
      return c.json(await listSentences(c.var.db, authOf(c), orgId), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/api/orgs/{orgId}/template/sentences/{key}',
      tags: ['catalogue'],
      summary:
        'Viết lại (hoặc thêm, hoặc tắt bằng chuỗi rỗng) một câu mẫu; kiểm tra chỗ điền số liệu, ghi nhật ký',
      request: { params: SentenceParams, ...jsonBody(SentenceTextSchema) },
      responses: { 200: jsonResponse(SentenceSchema), ...errorResponses(400, 401, 403, 409) },
    }),
    async (c) => {
      const { orgId, key } = c.req.valid('param');
      const { text, revision } = c.req.valid('json');
      return c.json(await saveSentence(c.var.db, authOf(c), orgId, key, text, revision), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/orgs/{orgId}/template/sentences/{key}',
      tags: ['catalogue'],
      summary: 'Trở lại câu mẫu gốc (bỏ câu tổ chức đã viết lại hoặc thêm)',
      request: { params: SentenceParams, query: SentenceRevisionQuery },
      responses: { 204: { description: 'Đã trở lại câu gốc' }, ...errorResponses(401, 403, 404, 409) },
    }),
    async (c) => {
      const { orgId, key } = c.req.valid('param');
      const { revision } = c.req.valid('query');
      await resetSentence(c.var.db, authOf(c), orgId, key, revision);
      return c.body(null, 204);
    },
  );
}
