import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { AppError } from '../../domain/errors.js';
import {
  editWording,
  forgetWording,
  listLearnedWordings,
} from '../../services/extraction-pattern.service.js';
import { withdrawImport } from '../../services/import-withdrawal.service.js';
import type { AppEnv } from '../http/env.js';
import {
  errorResponses,
  FindingSchema,
  ImportParams,
  jsonBody,
  jsonResponse,
  OrgParams,
  PeriodIdSchema,
  WordingParams,
} from '../http/schemas.js';
import { authOf } from '../http/session.js';
import {
  acceptUpload,
  listOrganisationImports,
  rereadUpload,
  rereadUploadAs,
  uploadForReview,
} from '../import-review.js';
import { learnWordingFromUpload } from '../import-wording.js';

const UploadSchema = z
  .object({
    file: z
      .any()
      .openapi({ type: 'string', format: 'binary', description: '.txt, .md, .docx, .pdf ≤ 10 MB' }),
    periodId: z.string().optional().openapi({
      description:
        'Kỳ báo cáo do người nhập chọn (2022-04, 2022-Q1, 2022-H1, 2022-9M, 2022) khi tệp không ghi rõ kỳ (422 import.period_unknown); thay kỳ đọc được từ văn bản',
    }),
  })
  .openapi('ImportUpload');

const ReviewSchema = z
  .object({
    importId: z.string(),
    status: z.literal('review'),
    fileName: z.string(),
    meta: z.record(z.string(), z.unknown()),
    sourceText: z.string(),
    values: z.array(
      z.object({
        id: z.string(),
        indicator: z.string(),
        value: z.number(),
        scope: z.string(),
        qualifier: z.string().nullable(),
        start: z.number().nullable(),
        end: z.number().nullable(),
        confidence: z.number(),
        text: z.string(),
        review: z.string().nullable(),
      }),
    ),
    citations: z.array(z.record(z.string(), z.unknown())),
    findings: z.array(FindingSchema),
    warnings: z.array(z.string()),
  })
  .openapi('ImportReview');

const AcceptSchema = z
  .object({
    values: z
      .array(
        z.object({
          id: z.string().max(200),
          accept: z.boolean(),
          value: z.union([z.number(), z.string().max(40)]).optional(),
        }),
      )
      .max(10_000)
      .default([]),
  })
  .openapi('ImportAccept');

const AcceptedSchema = z
  .object({
    importId: z.string(),
    reportId: z.string().nullable(),
    status: z.string(),
    periodId: z.string().nullable(),
    values: z.object({ inserted: z.number(), updated: z.number(), unchanged: z.number() }),
    rejected: z.number(),
    corrected: z.number(),
    reviewedAdded: z.number(),
    items: z.number(),
    citations: z.number(),
    findings: z.array(FindingSchema),
    warnings: z.array(z.string()),
  })
  .openapi('ImportAccepted');

const ImportEntrySchema = z
  .object({
    id: z.string(),
    fileName: z.string(),
    status: z.string(),
    periodId: z.string().nullable(),
    reportId: z.string().nullable(),
    createdBy: z.string().nullable(),
    createdAt: z.string(),
    stored: z.object({ figures: z.number(), items: z.number(), citations: z.number() }).nullable(),
    heldFigures: z.number().nullable().openapi({
      description: 'Số liệu lần nhập còn giữ (chưa ai sửa): số sẽ bị xóa nếu rút lại; null với tệp chờ duyệt',
    }),
    withdrawable: z.boolean().openapi({ description: 'Lần nhập đã lưu, chưa rút lại: có thể rút lại' }),
    withdrawnBy: z.string().nullable(),
    withdrawnAt: z.string().nullable(),
  })
  .openapi('ImportEntry');

const WithdrawSchema = z
  .object({
    reason: z.string().max(2000).optional().openapi({ description: 'Lý do rút lại (ghi vào nhật ký)' }),
  })
  .openapi('ImportWithdraw');

const FigureKeySchema = {
  indicator: z.string(),
  scope: z.string(),
  breakdown: z.string(),
};

const WithdrawnSchema = z
  .object({
    importId: z.string(),
    fileName: z.string(),
    periodId: z.string().nullable(),
    status: z.literal('withdrawn'),
    withdrawnBy: z.string().nullable(),
    withdrawnAt: z.string(),
    removed: z.object({
      figures: z.number(),
      restored: z.number(),
      items: z.number(),
      citations: z.number(),
      citedDocuments: z.number(),
      report: z.boolean(),
    }),
    kept: z.object({
      figures: z.array(
        z.object({ ...FigureKeySchema, value: z.number(), reason: z.enum(['manual', 'other']) }).openapi({
          description:
            'Số liệu lần nhập đã ghi mà người dùng (manual) hoặc API, bảng tính, lần nhập khác (other) đã ghi lại sau: được giữ',
        }),
      ),
      items: z.number(),
      reportId: z.string().nullable(),
    }),
    message: z.string(),
  })
  .openapi('ImportWithdrawn');

const WordingSchema = z
  .object({
    id: z.string(),
    indicator: z.string(),
    scope: z.string(),
    match: z.string().openapi({ example: 'tong so nguoi dung tren he thong la {n}' }),
    multiplier: z.number(),
    value: z.number().nullable(),
    example: z.string(),
    createdBy: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('LearnedWording');

const ScopeSchema = z.enum(['period', 'as_of_end', 'cumulative'], {
  error: (issue) =>
    `phạm vi ${JSON.stringify(issue.input)} không có; các phạm vi: period (trong kỳ), as_of_end (đến cuối kỳ), cumulative (lũy kế).`,
});

const WordingRequestSchema = z
  .object({
    start: z.number().int().min(0),
    end: z.number().int().min(1),
    indicator: z.string().min(1).max(100),
    scope: ScopeSchema,
    value: z.union([z.number(), z.string().max(40)]).optional(),
  })
  .openapi('WordingRequest');

const WordingChangeSchema = z
  .object({
    indicator: z.string().min(1).max(100).optional(),
    scope: ScopeSchema.optional(),
    match: z.string().max(2000).optional().openapi({
      description:
        'Cách viết: chữ không dấu, {n} ở số liệu cần đọc, {#} một số khác, {…} một đoạn bất kỳ; gõ có dấu cũng được (bỏ dấu khi lưu)',
      example: 'phuc vu {n} phien hop truc tuyen',
    }),
  })
  .openapi('WordingChange');

const EditedWordingSchema = z
  .object({
    wording: WordingSchema,
    found: z.object({ value: z.number() }).nullable().openapi({
      description: 'Số liệu cách viết đọc được trong câu đã học (null: không đọc được)',
    }),
  })
  .openapi('EditedWording');

const LearntWordingSchema = z
  .object({
    wording: WordingSchema,
    found: z.object({ value: z.number(), start: z.number().nullable(), end: z.number().nullable() }),
    review: ReviewSchema,
  })
  .openapi('LearntWording');

export function registerImportRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/orgs/{orgId}/imports',
      tags: ['imports'],
      summary:
        'Tải lên báo cáo cũ để trích xuất (chưa ghi số liệu); trả về từng số liệu kèm vị trí trong văn bản',
      request: {
        params: OrgParams,
        body: { content: { 'multipart/form-data': { schema: UploadSchema } }, required: true },
      },
      responses: { 201: jsonResponse(ReviewSchema), ...errorResponses(400, 401, 403, 409, 413, 415, 422) },
    }),
    async (c) => {
      const { orgId } = c.req.param() as { orgId: string };
      const form = await c.req.parseBody();
      const file = form.file;
      if (!(file instanceof File)) {
        throw new AppError('import.no_file', 'Hãy chọn một tệp (trường "file").', 400);
      }
      const bytes = new Uint8Array(await file.arrayBuffer());
      const stated =
        typeof form.periodId === 'string' && form.periodId.trim() !== '' ? form.periodId : undefined;
      const review = await uploadForReview(c.var.db, authOf(c), orgId, { name: file.name, bytes }, stated);
      return c.json(review, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/orgs/{orgId}/imports/{id}/accept',
      tags: ['imports'],
      summary: 'Nhập tệp đã duyệt: số liệu bị loại không được lưu, số liệu đã sửa được lưu như người nhập',
      request: { params: ImportParams, ...jsonBody(AcceptSchema) },
      responses: { 200: jsonResponse(AcceptedSchema), ...errorResponses(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const { orgId, id } = c.req.valid('param');
      const { values } = c.req.valid('json');
      return c.json(await acceptUpload(c.var.db, authOf(c), orgId, id, values), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/orgs/{orgId}/imports/{id}/reread',
      tags: ['imports'],
      summary:
        'Đọc lại tệp chờ duyệt với các cách viết hiện có của tổ chức (sau khi sửa hay quên một cách viết); không ghi gì',
      request: { params: ImportParams },
      responses: { 200: jsonResponse(ReviewSchema), ...errorResponses(401, 403, 404, 409, 422) },
    }),
    async (c) => {
      const { orgId, id } = c.req.valid('param');
      return c.json(await rereadUpload(c.var.db, authOf(c), orgId, id), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/orgs/{orgId}/imports/{id}/period',
      tags: ['imports'],
      summary:
        'Đọc lại tệp chờ duyệt với kỳ báo cáo do người nhập chọn (khi kỳ đọc được từ văn bản sai); lưu sẽ ghi vào kỳ này',
      request: { params: ImportParams, ...jsonBody(z.object({ periodId: PeriodIdSchema })) },
      responses: { 200: jsonResponse(ReviewSchema), ...errorResponses(400, 401, 403, 404, 409, 422) },
    }),
    async (c) => {
      const { orgId, id } = c.req.valid('param');
      const { periodId } = c.req.valid('json');
      return c.json(await rereadUploadAs(c.var.db, authOf(c), orgId, id, periodId), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/orgs/{orgId}/imports/{id}/withdraw',
      tags: ['imports'],
      summary:
        'Rút lại một lần nhập đã lưu: xóa số liệu, nội dung, trích dẫn và báo cáo "Nhập từ tệp" do lần nhập đó lưu (giữ số liệu người dùng sửa sau); lần nhập được đánh dấu đã rút lại và tệp có thể nhập lại',
      request: { params: ImportParams, ...jsonBody(WithdrawSchema) },
      responses: { 200: jsonResponse(WithdrawnSchema), ...errorResponses(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const { orgId, id } = c.req.valid('param');
      const { reason } = c.req.valid('json');
      return c.json(await withdrawImport(c.var.db, authOf(c), orgId, id, reason ?? null), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/orgs/{orgId}/imports',
      tags: ['imports'],
      summary: 'Các tệp chờ duyệt và các lần nhập',
      request: { params: OrgParams },
      responses: { 200: jsonResponse(z.array(ImportEntrySchema)), ...errorResponses(401, 403) },
    }),
    async (c) => {
      const { orgId } = c.req.valid('param');
      return c.json(await listOrganisationImports(c.var.db, authOf(c), orgId), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/orgs/{orgId}/imports/{id}/wordings',
      tags: ['imports'],
      summary:
        'Dạy cách viết một số liệu bị bỏ sót: chọn đoạn văn bản trong tệp chờ duyệt và chỉ tiêu; các lần nhập sau đọc được',
      request: { params: ImportParams, ...jsonBody(WordingRequestSchema) },
      responses: { 201: jsonResponse(LearntWordingSchema), ...errorResponses(400, 401, 403, 404, 409, 422) },
    }),
    async (c) => {
      const { orgId, id } = c.req.valid('param');
      return c.json(await learnWordingFromUpload(c.var.db, authOf(c), orgId, id, c.req.valid('json')), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/orgs/{orgId}/wordings',
      tags: ['imports'],
      summary: 'Các cách viết số liệu tổ chức đã dạy cho chức năng nhập báo cáo cũ',
      request: { params: OrgParams },
      responses: { 200: jsonResponse(z.array(WordingSchema)), ...errorResponses(401, 403) },
    }),
    async (c) => {
      const { orgId } = c.req.valid('param');
      return c.json(await listLearnedWordings(c.var.db, authOf(c), orgId), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/api/orgs/{orgId}/wordings/{wordingId}',
      tags: ['imports'],
      summary:
        'Sửa một cách viết đã dạy (chỉ tiêu, phạm vi, cách viết); cách viết mới phải đọc được số liệu trong câu đã học; các lần nhập sau đọc theo cách viết đã sửa',
      request: { params: WordingParams, ...jsonBody(WordingChangeSchema) },
      responses: { 200: jsonResponse(EditedWordingSchema), ...errorResponses(400, 401, 403, 404, 409, 422) },
    }),
    async (c) => {
      const { orgId, wordingId } = c.req.valid('param');
      return c.json(await editWording(c.var.db, authOf(c), orgId, wordingId, c.req.valid('json')), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/orgs/{orgId}/wordings/{wordingId}',
      tags: ['imports'],
      summary: 'Bỏ một cách viết đã dạy; các lần nhập sau không đọc số liệu theo nó nữa',
      request: { params: WordingParams },
      responses: { 204: { description: 'Đã bỏ' }, ...errorResponses(401, 403, 404) },
    }),
    async (c) => {
      const { orgId, wordingId } = c.req.valid('param');
      await forgetWording(c.var.db, authOf(c), orgId, wordingId);
      return c.body(null, 204);
    },
  );
}
