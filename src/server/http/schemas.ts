import { z } from '@hono/zod-openapi';

/** Zod schemas of the HTTP API, defined once: request validation, response shapes and the OpenAPI document. */

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'value.locked' }),
      message: z.string().openapi({ example: 'Số liệu tháng 4 năm 2022 đã khóa …' }),
      details: z.record(z.string(), z.unknown()).optional(),
    }),
  })
  .openapi('Error');

export const OrgParams = z.object({
  orgId: z
    .string()
    .regex(/^[a-z0-9-]+$/)
    .openapi({ param: { name: 'orgId', in: 'path' }, example: 'stttt-travinh' }),
});

const numericId = (name: string) =>
  z
    .string()
    .regex(/^\d{1,15}$/)
    .transform(Number)
    .openapi({ param: { name, in: 'path' }, example: '1', type: 'string' });

export const ReportParams = OrgParams.extend({ id: numericId('id') });
export const ItemParams = ReportParams.extend({ itemId: numericId('itemId') });
export const ImportParams = OrgParams.extend({ id: numericId('id') });
export const WordingParams = OrgParams.extend({ wordingId: numericId('wordingId') });

/** Ids travel as strings (bigint-safe); a client may send a number. */
export const IdInput = z
  .union([z.string().regex(/^\d{1,15}$/), z.number().int().positive()])
  .transform(Number);

export const PeriodIdSchema = z.string().min(4).max(10).openapi({ example: '2022-04' });

/** The roles baocao knows, with the Vietnamese names the admin page shows them by. */
const ROLE_NAMES_VI = {
  editor: 'Biên tập',
  office: 'Văn phòng Sở',
  director: 'Lãnh đạo Sở',
  admin: 'Quản trị',
  analyst: 'Phân tích',
} as const;
const KNOWN_ROLES = Object.entries(ROLE_NAMES_VI)
  .map(([role, name]) => `${role} (${name})`)
  .join(', ');

export const RoleSchema = z.enum(['editor', 'office', 'director', 'admin', 'analyst'], {
  error: (issue) => `vai trò ${JSON.stringify(issue.input)} không tồn tại; các vai trò: ${KNOWN_ROLES}.`,
});

export const RoleViewSchema = z.object({
  role: RoleSchema,
  unitId: z.string().nullable(),
  unitCode: z.string().nullable(),
});

export const SessionSchema = z
  .object({
    user: z.object({ id: z.string(), username: z.string(), displayName: z.string() }),
    orgId: z.string(),
    roles: z.array(RoleViewSchema),
    csrfToken: z.string(),
  })
  .openapi('Session');

export const FindingSchema = z
  .object({
    rule: z.string(),
    severity: z.string(),
    indicators: z.array(z.string()),
    numbers: z.record(z.string(), z.number()),
    message: z.string(),
    /** The message in English; findings stored before it existed lack it (show `message` then). */
    messageEn: z.string().optional(),
  })
  .openapi('Finding');

export const ValueScopeSchema = z.enum(['period', 'as_of_end', 'cumulative']);

export const ValueEditSchema = z.object({
  indicator: z.string().min(1).max(100),
  value: z.union([z.number(), z.string().max(40)]).openapi({ example: '1.858' }),
  scope: ValueScopeSchema.optional(),
  breakdown: z.string().max(200).optional(),
  qualifier: z.string().max(50).nullable().optional(),
});

export const ReportStatusSchema = z.enum(['draft', 'submitted', 'approved', 'locked']);

export const ReportSummarySchema = z
  .object({
    id: z.string(),
    periodId: z.string(),
    kind: z.string(),
    planPeriodId: z.string().nullable(),
    status: ReportStatusSchema,
    origin: z.string(),
    number: z.string().nullable(),
    title: z.string().nullable(),
    issuedDate: z.string().nullable(),
    updatedAt: z.string(),
  })
  .openapi('ReportSummary');

export const ItemSchema = z
  .object({
    id: z.string(),
    sectionKey: z.string().nullable(),
    kind: z.enum(['result', 'plan']),
    style: z.string(),
    text: z.string(),
    position: z.number(),
  })
  .openapi('NarrativeItem');

export interface SectionShape {
  id: string;
  key: string | null;
  number: string | null;
  level: number;
  title: string;
  items: z.infer<typeof ItemSchema>[];
  children: SectionShape[];
}

export const SectionSchema: z.ZodType<SectionShape> = z
  .lazy(() =>
    z.object({
      id: z.string(),
      key: z.string().nullable(),
      number: z.string().nullable(),
      level: z.number(),
      title: z.string(),
      items: z.array(ItemSchema),
      children: z.array(SectionSchema),
    }),
  )
  .openapi('ReportSection');

export const ReportDetailSchema = ReportSummarySchema.extend({
  place: z.string().nullable(),
  parentAuthority: z.string().nullable(),
  agency: z.string().nullable(),
  signer: z.object({
    name: z.string().nullable(),
    position: z.string().nullable(),
    onBehalf: z.string().nullable(),
  }),
  recipients: z.array(z.string()),
  intro: z.string().nullable(),
  closing: z.string().nullable(),
  reopenedReason: z.string().nullable(),
  sections: z.array(SectionSchema),
  findings: z.array(FindingSchema),
}).openapi('ReportDetail');

/** Standard error responses of a route, referenced by status. */
export function errorResponses(...statuses: number[]) {
  const descriptions: Record<number, string> = {
    400: 'Dữ liệu không hợp lệ',
    401: 'Chưa đăng nhập',
    403: 'Không có quyền, hoặc không tồn tại; hoặc thiếu mã CSRF',
    404: 'Không tìm thấy',
    409: 'Xung đột (đã khóa, đã tồn tại…)',
    413: 'Quá lớn',
    415: 'Loại tệp không được hỗ trợ',
    422: 'Không đọc được nội dung (tệp hỏng, không rõ kỳ báo cáo…)',
    429: 'Quá nhiều lần thử',
    503: 'Dịch vụ cần thiết không sẵn sàng (LibreOffice cho PDF)',
  };
  return Object.fromEntries(
    statuses.map((s) => [
      s,
      { description: descriptions[s] ?? 'Lỗi', content: { 'application/json': { schema: ErrorSchema } } },
    ]),
  );
}

export function jsonBody<T extends z.ZodType>(schema: T) {
  return { body: { content: { 'application/json': { schema } }, required: true } };
}

export function jsonResponse<T extends z.ZodType>(schema: T, description = 'OK') {
  return { description, content: { 'application/json': { schema } } };
}
