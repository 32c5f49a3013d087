import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { getIndicators } from '../../db/indicator.repository.js';
import { getOrganisation } from '../../db/organisation.repository.js';
import { listUnits } from '../../db/unit.repository.js';
import { AppError } from '../../domain/errors.js';
import { parsePeriod } from '../../domain/period.js';
import { fillTemplate, periodTemplateValues, type TemplateSection } from '../../domain/report-template.js';
import {
  createOrganisationUser,
  listOrganisationUsers,
  updateOrganisationUser,
} from '../../services/auth.service.js';
import { organisationTemplate } from '../../services/report.service.js';
import { createOrganisationUnit, updateCatalogueIndicator, updateOrganisationUnit } from '../admin.js';
import type { AppEnv } from '../http/env.js';
import {
  errorResponses,
  jsonBody,
  jsonResponse,
  OrgParams,
  RoleSchema,
  RoleViewSchema,
} from '../http/schemas.js';
import { authOf } from '../http/session.js';
import { OrganisationSchema, organisationView } from './auth.routes.js';

const UnitSchema = z
  .object({
    id: z.string(),
    code: z.string(),
    name: z.string(),
    shortName: z.string().nullable(),
    sections: z.array(z.string()),
    validFrom: z.string().nullable(),
    validTo: z.string().nullable(),
  })
  .openapi('Unit');

const UserSchema = z
  .object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    active: z.boolean(),
    roles: z.array(RoleViewSchema),
  })
  .openapi('User');

const NewUserSchema = z
  .object({
    username: z.string().regex(/^[a-z0-9._-]{2,50}$/),
    displayName: z.string().min(1).max(200),
    password: z.string().min(10).max(200),
    roles: z.array(z.object({ role: RoleSchema, unitCode: z.string().nullable().optional() })).min(1),
  })
  .openapi('NewUser');

const UserChangeSchema = z
  .object({
    displayName: z.string().min(1).max(200).optional(),
    active: z.boolean().optional(),
    password: z.string().min(10).max(200).optional(),
    role: RoleSchema.optional().openapi({
      description: 'Thay mọi vai trò của người dùng bằng vai trò này; phiên đang mở dùng vai trò mới ngay',
    }),
    unitCode: z
      .string()
      .max(50)
      .nullable()
      .optional()
      .openapi({ description: 'Cùng với role: đơn vị của vai trò; null hoặc bỏ trống = toàn cơ quan' }),
  })
  .openapi('UserChange');

const UnitCode = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/)
  .max(50);
const SectionKeys = z.array(z.string().regex(/^[a-z0-9_]+$/)).max(200);

const NewUnitSchema = z
  .object({
    code: UnitCode,
    name: z.string().min(1).max(300),
    shortName: z.string().max(100).nullable().optional(),
    sections: SectionKeys.optional(),
  })
  .openapi('NewUnit');

const UnitChangeSchema = z
  .object({
    name: z.string().min(1).max(300).optional(),
    shortName: z.string().max(100).nullable().optional(),
    sections: SectionKeys.optional(),
    validTo: z.iso.date().nullable().optional(),
  })
  .openapi('UnitChange');

const IndicatorChangeSchema = z
  .object({
    name: z.string().min(1).max(500).optional(),
    nameEn: z.string().max(500).nullable().optional(),
    required: z.boolean().optional(),
    active: z.boolean().optional(),
    notes: z.string().max(2000).nullable().optional(),
  })
  .openapi('IndicatorChange');

const UserParams = OrgParams.extend({
  userId: z
    .string()
    .regex(/^\d{1,15}$/)
    .transform(Number)
    .openapi({ param: { name: 'userId', in: 'path' }, type: 'string' }),
});
const UnitParams = OrgParams.extend({ code: UnitCode.openapi({ param: { name: 'code', in: 'path' } }) });
const IndicatorParams = OrgParams.extend({
  code: z
    .string()
    .max(100)
    .openapi({ param: { name: 'code', in: 'path' }, example: 'ioffice.docs_sent' }),
});

function unitView(u: Awaited<ReturnType<typeof listUnits>>[number]) {
  return {
    id: String(u.id),
    code: u.code,
    name: u.name,
    shortName: u.short_name,
    sections: u.sections,
    validFrom: u.valid_from,
    validTo: u.valid_to,
  };
}

const IndicatorSchema = z
  .object({
    code: z.string(),
    name: z.string(),
    nameEn: z.string().optional(),
    unit: z.string(),
    section: z.string(),
    kind: z.enum(['flow', 'stock', 'ratio']),
    formula: z.object({ numerator: z.string(), denominator: z.string(), multiplier: z.number() }).nullable(),
    partOf: z.string().nullable(),
    dimension: z.string().nullable(),
    subsetOf: z.string().nullable().optional(),
    integer: z.boolean(),
    required: z.boolean(),
    notes: z.string().optional(),
    active: z.boolean(),
    position: z.number(),
  })
  .openapi('Indicator');

interface TemplateSectionShape {
  key: string;
  number: string | null;
  level: number;
  title: string;
  titleEn?: string | undefined;
  unit: string | null;
  kind: string;
  optional: boolean;
  indicators: string[];
  children: TemplateSectionShape[];
}

const TemplateSectionSchema: z.ZodType<TemplateSectionShape> = z
  .lazy(() =>
    z.object({
      key: z.string(),
      number: z.string().nullable(),
      level: z.number(),
      title: z.string(),
      titleEn: z.string().optional(),
      unit: z.string().nullable(),
      kind: z.string(),
      optional: z.boolean(),
      indicators: z.array(z.string()),
      children: z.array(TemplateSectionSchema),
    }),
  )
  .openapi('TemplateSection');

const TemplateSchema = z
  .object({ name: z.string(), periodId: z.string().nullable(), sections: z.array(TemplateSectionSchema) })
  .openapi('ReportTemplate');

function templateSectionView(s: TemplateSection, fill: (t: string) => string): TemplateSectionShape {
  return {
    key: s.key,
    number: s.number,
    level: s.level,
    title: fill(s.title),
    ...(s.titleEn !== undefined ? { titleEn: s.titleEn } : {}),
    unit: s.unit,
    kind: s.kind,
    optional: s.optional,
    indicators: s.indicators,
    children: s.children.map((child) => templateSectionView(child, fill)),
  };
}

export function registerOrganisationRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/orgs/{orgId}',
      tags: ['organisations'],
      request: { params: OrgParams },
      responses: { 200: jsonResponse(OrganisationSchema), ...errorResponses(401, 403) },
    }),
    async (c) => {
      const { orgId } = c.req.valid('param');
      const org = await getOrganisation(c.var.db, orgId);
      if (!org) throw new AppError('organisation.unknown', `Không tìm thấy tổ chức "${orgId}".`, 404);
      return c.json(organisationView(org), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/orgs/{orgId}/units',
      tags: ['organisations'],
      request: { params: OrgParams },
      responses: { 200: jsonResponse(z.array(UnitSchema)), ...errorResponses(401, 403) },
    }),
    async (c) => {
      const { orgId } = c.req.valid('param');
      const units = await listUnits(c.var.db, orgId);
      return c.json(units.map(unitView), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/orgs/{orgId}/users',
      tags: ['organisations'],
      summary: 'Người dùng (quản trị)',
      request: { params: OrgParams },
      responses: { 200: jsonResponse(z.array(UserSchema)), ...errorResponses(401, 403) },
    }),
    async (c) => {
      const { orgId } = c.req.valid('param');
      return c.json(await listOrganisationUsers(c.var.db, authOf(c), orgId), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/orgs/{orgId}/users',
      tags: ['organisations'],
      summary: 'Tạo người dùng (quản trị)',
      request: { params: OrgParams, ...jsonBody(NewUserSchema) },
      responses: { 201: jsonResponse(UserSchema), ...errorResponses(400, 401, 403, 409) },
    }),
    async (c) => {
      const { orgId } = c.req.valid('param');
      return c.json(await createOrganisationUser(c.var.db, authOf(c), orgId, c.req.valid('json')), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/orgs/{orgId}/catalogue',
      tags: ['catalogue'],
      summary: 'Danh mục chỉ tiêu; với ?inactive=true có cả chỉ tiêu đã ngừng sử dụng (để quản trị bật lại)',
      request: { params: OrgParams, query: z.object({ inactive: z.enum(['true', 'false']).optional() }) },
      responses: { 200: jsonResponse(z.array(IndicatorSchema)), ...errorResponses(400, 401, 403) },
    }),
    async (c) => {
      const { orgId } = c.req.valid('param');
      const { inactive } = c.req.valid('query');
      return c.json(await getIndicators(c.var.db, orgId, { activeOnly: inactive !== 'true' }), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/orgs/{orgId}/template',
      tags: ['catalogue'],
      summary: 'Bố cục báo cáo (mục, đơn vị phụ trách, chỉ tiêu); với ?period= các tiêu đề được điền kỳ',
      request: { params: OrgParams, query: z.object({ period: z.string().optional() }) },
      responses: { 200: jsonResponse(TemplateSchema), ...errorResponses(400, 401, 403) },
    }),
    async (c) => {
      const { orgId } = c.req.valid('param');
      const { period } = c.req.valid('query');
      const template = await organisationTemplate(c.var.db, orgId);
      const values = period ? periodTemplateValues(parsePeriod(period)) : undefined;
      const fill = (text: string) => (values ? fillTemplate(text, values) : text);
      return c.json(
        {
          name: template.name,
          periodId: period ?? null,
          sections: template.sections.map((s) => templateSectionView(s, fill)),
        },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/api/orgs/{orgId}/users/{userId}',
      tags: ['organisations'],
      summary:
        'Sửa, khóa, đổi vai trò người dùng hoặc đặt lại mật khẩu (quản trị); khóa hoặc đổi mật khẩu kết thúc các phiên; cơ quan luôn còn ít nhất một quản trị viên đang hoạt động',
      request: { params: UserParams, ...jsonBody(UserChangeSchema) },
      responses: { 200: jsonResponse(UserSchema), ...errorResponses(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const { orgId, userId } = c.req.valid('param');
      return c.json(
        await updateOrganisationUser(c.var.db, authOf(c), orgId, userId, c.req.valid('json')),
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/orgs/{orgId}/units',
      tags: ['organisations'],
      summary: 'Thêm đơn vị và các mục báo cáo đơn vị viết (quản trị)',
      request: { params: OrgParams, ...jsonBody(NewUnitSchema) },
      responses: { 201: jsonResponse(UnitSchema), ...errorResponses(400, 401, 403, 409) },
    }),
    async (c) => {
      const { orgId } = c.req.valid('param');
      return c.json(
        unitView(await createOrganisationUnit(c.var.db, authOf(c), orgId, c.req.valid('json'))),
        201,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/api/orgs/{orgId}/units/{code}',
      tags: ['organisations'],
      summary: 'Sửa đơn vị: tên, các mục báo cáo, ngày kết thúc (quản trị)',
      request: { params: UnitParams, ...jsonBody(UnitChangeSchema) },
      responses: { 200: jsonResponse(UnitSchema), ...errorResponses(400, 401, 403, 404) },
    }),
    async (c) => {
      const { orgId, code } = c.req.valid('param');
      return c.json(
        unitView(await updateOrganisationUnit(c.var.db, authOf(c), orgId, code, c.req.valid('json'))),
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/api/orgs/{orgId}/catalogue/{code}',
      tags: ['catalogue'],
      summary: 'Sửa tên, bắt buộc, ngừng sử dụng một chỉ tiêu (quản trị)',
      request: { params: IndicatorParams, ...jsonBody(IndicatorChangeSchema) },
      responses: { 200: jsonResponse(IndicatorSchema), ...errorResponses(400, 401, 403, 404) },
    }),
    async (c) => {
      const { orgId, code } = c.req.valid('param');
      return c.json(
        await updateCatalogueIndicator(c.var.db, authOf(c), orgId, code, c.req.valid('json')),
        200,
      );
    },
  );
}
