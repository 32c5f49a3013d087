import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { getUnitByCode, listUnits } from '../../db/unit.repository.js';
import { AppError } from '../../domain/errors.js';
import { parsePeriod, periodId } from '../../domain/period.js';
import { parseViNumber, parseViPercent } from '../../domain/vietnamese/number.js';
import { type Auth, requireAccess } from '../../services/access.js';
import { validatePeriod } from '../../services/period-analysis.service.js';
import { getValues, saveEnteredValues } from '../../services/value.service.js';
import { exportValueSheet, importValueSheet } from '../../services/value-sheet.service.js';
import { attachmentDisposition } from '../http/download.js';
import type { AppEnv } from '../http/env.js';
import {
  errorResponses,
  FindingSchema,
  jsonBody,
  jsonResponse,
  OrgParams,
  PeriodIdSchema,
  ValueEditSchema,
  ValueScopeSchema,
} from '../http/schemas.js';
import { authOf } from '../http/session.js';

const StoredValueSchema = z
  .object({
    indicator: z.string(),
    value: z.number(),
    scope: ValueScopeSchema,
    breakdown: z.string(),
    qualifier: z.string().nullable(),
    unitId: z.string().nullable(),
    periodId: z.string(),
    source: z.string(),
    updatedAt: z.string(),
    updatedBy: z.string().nullable(),
  })
  .openapi('StoredValue');

const SaveValuesSchema = z
  .object({
    periodId: PeriodIdSchema,
    unitCode: z.string().max(100).nullable().optional(),
    values: z.array(ValueEditSchema).max(10_000).default([]),
    /** Stored figures to take back (an emptied entry field); audited like a change. */
    remove: z
      .array(
        z.object({
          indicator: z.string().min(1).max(100),
          scope: ValueScopeSchema.optional(),
          breakdown: z.string().max(200).optional(),
        }),
      )
      .max(10_000)
      .optional(),
    reason: z.string().max(1000).optional(),
  })
  .refine((body) => body.values.length + (body.remove?.length ?? 0) > 0, {
    message: 'Không có số liệu nào để lưu hoặc xóa (values và remove đều trống).',
    path: ['values'],
  })
  .openapi('SaveValues');

const SaveResultSchema = z
  .object({
    saved: z.number(),
    inserted: z.number(),
    updated: z.number(),
    unchanged: z.number(),
    removed: z.number(),
    findings: z.array(FindingSchema),
  })
  .openapi('SaveValuesResult');

const ValidateSchema = z
  .object({ periodId: PeriodIdSchema, values: z.array(ValueEditSchema).max(10_000).optional() })
  .openapi('Validate');

const FindingsSchema = z
  .object({ periodId: z.string(), findings: z.array(FindingSchema) })
  .openapi('Findings');

const SheetImportSchema = z
  .object({
    file: z
      .any()
      .openapi({ type: 'string', format: 'binary', description: '.xlsx hoặc .csv (UTF-8) ≤ 10 MB' }),
    dryRun: z.enum(['true', 'false']).optional().openapi({ description: 'true: chỉ kiểm tra, không lưu' }),
    reason: z.string().max(1000).optional(),
  })
  .openapi('ValueSheetUpload');

const SheetImportResultSchema = z
  .object({
    file: z.string(),
    dryRun: z.boolean(),
    figures: z.number(),
    inserted: z.number(),
    updated: z.number(),
    unchanged: z.number(),
    periods: z.array(
      z.object({
        periodId: z.string(),
        inserted: z.number(),
        updated: z.number(),
        unchanged: z.number(),
        findings: z.array(FindingSchema),
      }),
    ),
  })
  .openapi('ValueSheetImport');

const REFUSED = 'Bạn không có quyền thực hiện thao tác này, hoặc dữ liệu không tồn tại.';

/** A unit named by code; an unknown code is refused like a forbidden one. */
async function unitIdOf(auth: Auth, orgId: string, code: string | null | undefined): Promise<number | null> {
  if (!code) return null;
  const unit = await getUnitByCode(auth.db, orgId, code);
  if (!unit) throw new AppError('access.denied', REFUSED, 403, { permission: 'unit.write', refused: [code] });
  return unit.id;
}

/** A typed value ("1.858", "30,73%", 12) as a number; 400 naming the indicator otherwise. */
function numberOf(indicator: string, raw: number | string): number {
  if (typeof raw === 'number') return raw;
  const text = raw.trim();
  const negative = text.startsWith('-');
  const body = negative ? text.slice(1).trim() : text;
  const value = parseViNumber(body) ?? parseViPercent(body);
  if (value === null) {
    throw new AppError(
      'value.not_number',
      `Giá trị "${raw}" của chỉ tiêu ${indicator} không phải là số.`,
      400,
      {
        indicator,
      },
    );
  }
  return negative ? -value : value;
}

export function registerValueRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/orgs/{orgId}/values',
      tags: ['values'],
      summary: 'Số liệu của một kỳ (tùy chọn: của một đơn vị)',
      request: {
        params: OrgParams,
        query: z.object({ period: PeriodIdSchema, unit: z.string().optional() }),
      },
      responses: { 200: jsonResponse(z.array(StoredValueSchema)), ...errorResponses(400, 401, 403) },
    }),
    async (c) => {
      const { orgId } = c.req.valid('param');
      const { period, unit } = c.req.valid('query');
      let unitId: number | undefined;
      if (unit) {
        const row = (await listUnits(c.var.db, orgId)).find((u) => u.code === unit);
        if (!row) throw new AppError('unit.unknown', `Không tìm thấy đơn vị "${unit}".`, 404);
        unitId = row.id;
      }
      const values = await getValues(c.var.db, {
        orgId,
        periodIds: [period],
        ...(unitId !== undefined ? { unitId } : {}),
      });
      return c.json(
        values.map((v) => ({
          indicator: v.indicatorCode,
          value: v.value,
          scope: v.scope,
          breakdown: v.breakdown,
          qualifier: v.qualifier,
          unitId: v.unitId === null ? null : String(v.unitId),
          periodId: v.periodId,
          source: v.source,
          updatedAt: v.updatedAt.toISOString(),
          updatedBy: v.updatedBy,
        })),
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/orgs/{orgId}/values/export',
      tags: ['values'],
      summary:
        'Tải số liệu các kỳ from..to (cùng loại kỳ) thành bảng tính: mỗi chỉ tiêu một dòng, mỗi kỳ một cột. XLSX: ô kiểu số; CSV: UTF-8 có BOM, số viết kiểu Việt Nam (1.858; 30,73)',
      request: {
        params: OrgParams,
        query: z.object({
          from: PeriodIdSchema,
          to: PeriodIdSchema.optional(),
          format: z.enum(['xlsx', 'csv']).default('xlsx'),
        }),
      },
      responses: {
        200: {
          description: 'The sheet, named "Số liệu chỉ tiêu <from> đến <to>.<format>"',
          content: {
            'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
              schema: z.string().openapi({ format: 'binary' }),
            },
            'text/csv': { schema: z.string() },
          },
        },
        ...errorResponses(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const { orgId } = c.req.valid('param');
      const { from, to, format } = c.req.valid('query');
      const file = await exportValueSheet(c.var.db, authOf(c), {
        orgId,
        from,
        ...(to ? { to } : {}),
        format,
      });
      c.header('content-type', file.contentType);
      c.header('content-disposition', attachmentDisposition(file.fileName, file.asciiFileName));
      c.header('cache-control', 'no-store');
      return c.body(file.body, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/orgs/{orgId}/values/import',
      tags: ['values'],
      summary:
        'Nhập số liệu từ bảng tính (.xlsx, .csv) cùng mẫu với tệp tải về, hoặc dạng dọc (chỉ tiêu, kỳ, giá trị): cả tệp trong một giao dịch; một ô sai thì không lưu gì (400, nêu ô); kỳ đã khóa → 409',
      request: {
        params: OrgParams,
        body: { content: { 'multipart/form-data': { schema: SheetImportSchema } }, required: true },
      },
      responses: {
        200: jsonResponse(SheetImportResultSchema),
        ...errorResponses(400, 401, 403, 404, 409, 413),
      },
    }),
    async (c) => {
      const { orgId } = c.req.valid('param');
      const form = await c.req.parseBody();
      const file = form.file;
      if (!(file instanceof File)) {
        throw new AppError(
          'sheet.no_file',
          'Hãy chọn một tệp bảng tính .xlsx hoặc .csv (trường "file").',
          400,
        );
      }
      const reason = typeof form.reason === 'string' ? form.reason.trim().slice(0, 1000) : '';
      const result = await importValueSheet(c.var.db, {
        orgId,
        file: { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) },
        auth: authOf(c),
        dryRun: form.dryRun === 'true',
        reason: reason || null,
      });
      return c.json(result, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/api/orgs/{orgId}/values',
      tags: ['values'],
      summary:
        'Lưu số liệu một kỳ của tổ chức (một giao dịch), nhân danh một đơn vị. Biên tập viên chỉ lưu chỉ tiêu thuộc mục của đơn vị mình (403); kỳ đã trình → 409 value.submitted, đã duyệt/khóa → 409 value.locked',
      request: { params: OrgParams, ...jsonBody(SaveValuesSchema) },
      responses: { 200: jsonResponse(SaveResultSchema), ...errorResponses(400, 401, 403, 409) },
    }),
    async (c) => {
      const { orgId } = c.req.valid('param');
      const body = c.req.valid('json');
      const auth = authOf(c);
      const period = periodId(parsePeriod(body.periodId));
      const unitId = await unitIdOf(auth, orgId, body.unitCode);
      if (unitId !== null) await requireAccess(auth, 'unit.write', [unitId]);
      const touched = [...body.values, ...(body.remove ?? [])].map((v) => v.indicator);
      await requireAccess(auth, 'values.write', [...new Set(touched)]);
      // The service refuses a frozen period (409 value.locked) inside the transaction that writes, and
      // logs the request in that transaction (each value's old → new is in value_audit).
      const result = await saveEnteredValues(c.var.db, auth, {
        orgId,
        periodId: period,
        // One figure per indicator and period for the organisation: each indicator belongs to the section of
        // one unit, so a unit's entry is the organisation's figure. Stored per unit, it would be added to the
        // imported history of the same period by aggregation. The unit only decides who may write.
        unitId: null,
        unitCode: body.unitCode ?? null,
        values: body.values,
        remove: body.remove ?? [],
        source: 'manual',
        reason: body.reason ?? null,
      });
      const findings = await validatePeriod(c.var.db, orgId, period);
      return c.json({ saved: result.inserted + result.updated, ...result, findings }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/orgs/{orgId}/validate',
      tags: ['values'],
      summary:
        'Kiểm tra số liệu một kỳ, kèm các sửa đổi chưa lưu (thành phần, tỷ lệ, liên tục với kỳ trước…)',
      request: { params: OrgParams, ...jsonBody(ValidateSchema) },
      responses: { 200: jsonResponse(FindingsSchema), ...errorResponses(400, 401, 403) },
    }),
    async (c) => {
      const { orgId } = c.req.valid('param');
      const body = c.req.valid('json');
      const period = periodId(parsePeriod(body.periodId));
      const edits = (body.values ?? []).map((v) => ({
        indicator: v.indicator,
        value: numberOf(v.indicator, v.value),
        ...(v.scope ? { scope: v.scope } : {}),
        breakdown: v.breakdown ?? '',
        qualifier: v.qualifier ?? null,
      }));
      return c.json(
        { periodId: period, findings: await validatePeriod(c.var.db, orgId, period, { edits }) },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/orgs/{orgId}/findings',
      tags: ['values'],
      summary: 'Kết quả kiểm tra số liệu đã lưu của một kỳ',
      request: { params: OrgParams, query: z.object({ period: PeriodIdSchema }) },
      responses: { 200: jsonResponse(FindingsSchema), ...errorResponses(400, 401, 403) },
    }),
    async (c) => {
      const { orgId } = c.req.valid('param');
      const period = periodId(parsePeriod(c.req.valid('query').period));
      return c.json({ periodId: period, findings: await validatePeriod(c.var.db, orgId, period) }, 200);
    },
  );
}
