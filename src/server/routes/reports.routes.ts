import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import {
  changeReportStatus,
  createDraftReport,
  getReportDetail,
  listOrganisationReports,
  renderReport,
  updateReportMeta,
} from '../../services/report.service.js';
import type { AppEnv } from '../http/env.js';
import {
  errorResponses,
  jsonBody,
  jsonResponse,
  OrgParams,
  PeriodIdSchema,
  ReportDetailSchema,
  ReportParams,
  ReportStatusSchema,
  ReportSummarySchema,
} from '../http/schemas.js';
import { authOf } from '../http/session.js';

const NewReportSchema = z.object({ periodId: PeriodIdSchema }).openapi('NewReport');

const nullableText = (max: number) => z.string().max(max).nullable().optional();

const ReportMetaSchema = z
  .object({
    number: nullableText(100).openapi({ example: '1768/BC-STTTT-VP' }),
    issuedDate: z.iso.date().nullable().optional(),
    title: nullableText(1000),
    place: nullableText(200),
    signer: z
      .union([
        z.string().max(200),
        z.object({
          name: nullableText(200),
          position: nullableText(200),
          onBehalf: nullableText(200),
        }),
      ])
      .optional()
      .openapi({ description: 'The signer: an object, or a name only' }),
    recipients: z.array(z.string().max(500)).max(100).optional(),
    intro: nullableText(10_000),
    closing: nullableText(10_000),
  })
  .openapi('ReportMeta');

const StatusChangeSchema = z
  .object({ status: ReportStatusSchema, reason: z.string().max(2000).optional() })
  .openapi('StatusChange');

export function registerReportRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/orgs/{orgId}/reports',
      tags: ['reports'],
      request: { params: OrgParams, query: z.object({ period: PeriodIdSchema.optional() }) },
      responses: { 200: jsonResponse(z.array(ReportSummarySchema)), ...errorResponses(400, 401, 403) },
    }),
    async (c) => {
      const { orgId } = c.req.valid('param');
      const { period } = c.req.valid('query');
      return c.json(await listOrganisationReports(c.var.db, authOf(c), orgId, period), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/orgs/{orgId}/reports',
      tags: ['reports'],
      summary: 'Tạo dự thảo báo cáo cho một kỳ (văn phòng)',
      request: { params: OrgParams, ...jsonBody(NewReportSchema) },
      responses: { 201: jsonResponse(ReportSummarySchema), ...errorResponses(400, 401, 403, 409) },
    }),
    async (c) => {
      const { orgId } = c.req.valid('param');
      const { periodId } = c.req.valid('json');
      return c.json(await createDraftReport(c.var.db, authOf(c), orgId, periodId), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/orgs/{orgId}/reports/{id}',
      tags: ['reports'],
      summary: 'Báo cáo: thông tin, trạng thái, các mục và nội dung, kết quả kiểm tra số liệu',
      request: { params: ReportParams },
      responses: { 200: jsonResponse(ReportDetailSchema), ...errorResponses(401, 403, 404) },
    }),
    async (c) => {
      const { orgId, id } = c.req.valid('param');
      return c.json(await getReportDetail(c.var.db, authOf(c), orgId, id), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/api/orgs/{orgId}/reports/{id}',
      tags: ['reports'],
      summary: 'Sửa số, ngày, tiêu đề, người ký, nơi nhận (văn phòng; báo cáo chưa duyệt)',
      request: { params: ReportParams, ...jsonBody(ReportMetaSchema) },
      responses: { 200: jsonResponse(ReportSummarySchema), ...errorResponses(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const { orgId, id } = c.req.valid('param');
      const { signer, ...rest } = c.req.valid('json');
      const meta = {
        ...rest,
        ...(signer === undefined ? {} : { signer: typeof signer === 'string' ? { name: signer } : signer }),
      };
      return c.json(await updateReportMeta(c.var.db, authOf(c), orgId, id, meta), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/orgs/{orgId}/reports/{id}/status',
      tags: ['reports'],
      summary:
        'Chuyển trạng thái: văn phòng trình dự thảo; văn phòng hoặc giám đốc trả lại; giám đốc duyệt, khóa; mở lại (về dự thảo) cần lý do (giám đốc/quản trị)',
      request: { params: ReportParams, ...jsonBody(StatusChangeSchema) },
      responses: { 200: jsonResponse(ReportSummarySchema), ...errorResponses(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const { orgId, id } = c.req.valid('param');
      const { status, reason } = c.req.valid('json');
      return c.json(await changeReportStatus(c.var.db, authOf(c), orgId, id, status, reason), 200);
    },
  );
}

export function registerRenderRoute(app: OpenAPIHono<AppEnv>): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/orgs/{orgId}/reports/{id}/render',
      tags: ['reports'],
      summary:
        'Tải báo cáo: DOCX (thể thức Nghị định 30/2020), PDF (chuyển từ DOCX bằng LibreOffice), HTML (xem trước) hoặc Markdown',
      request: {
        params: ReportParams,
        query: z.object({ format: z.enum(['docx', 'pdf', 'html', 'md']).default('html') }),
      },
      responses: {
        200: {
          description: 'The document',
          content: {
            'application/vnd.openxmlformats-officedocument.wordprocessingml.document': {
              schema: z.string().openapi({ format: 'binary' }),
            },
            'application/pdf': { schema: z.string().openapi({ format: 'binary' }) },
            'text/html': { schema: z.string() },
            'text/markdown': { schema: z.string() },
          },
        },
        ...errorResponses(401, 403, 404, 503),
      },
    }),
    async (c) => {
      const { orgId, id } = c.req.valid('param');
      const rendered = await renderReport(c.var.db, authOf(c), orgId, id, c.req.valid('query').format);
      const disposition = rendered.contentType.startsWith('text/html') ? 'inline' : 'attachment';
      c.header('content-type', rendered.contentType);
      c.header('content-disposition', `${disposition}; filename="${rendered.fileName}"`);
      c.header('cache-control', 'no-store');
      return c.body(rendered.body as string, 200);
    },
  );
}
