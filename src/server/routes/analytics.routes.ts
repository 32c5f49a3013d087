import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { dashboard, indicatorSeries } from '../../services/dashboard.service.js';
import { search } from '../../services/search.service.js';
import type { AppEnv } from '../http/env.js';
import { errorResponses, jsonResponse, OrgParams, PeriodIdSchema } from '../http/schemas.js';
import { authOf } from '../http/session.js';

const SeriesSchema = z
  .object({
    indicator: z.string(),
    name: z.string(),
    unit: z.string(),
    points: z.array(z.object({ periodId: z.string(), value: z.number() })),
  })
  .openapi('Series');

const DashboardSchema = z
  .object({
    periodId: z.string(),
    previousPeriodId: z.string(),
    latest: z.array(
      z.object({
        indicator: z.string(),
        name: z.string(),
        unit: z.string(),
        value: z.number(),
        previous: z.number().nullable(),
        change: z.number().nullable(),
      }),
    ),
    completeness: z.array(
      z.object({ unitCode: z.string(), unitName: z.string(), expected: z.number(), present: z.number() }),
    ),
  })
  .openapi('Dashboard');

const SearchSchema = z
  .object({
    reports: z.array(
      z.object({
        id: z.string(),
        reportId: z.string(),
        periodId: z.string(),
        number: z.string().nullable(),
        title: z.string().nullable(),
        issuedDate: z.string().nullable(),
        status: z.string(),
      }),
    ),
    items: z.array(
      z.object({
        id: z.string(),
        reportId: z.string(),
        periodId: z.string(),
        sectionTitle: z.string(),
        text: z.string(),
      }),
    ),
    documents: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        type: z.string(),
        number: z.string(),
        symbol: z.string(),
        issuedDate: z.string().nullable(),
        issuer: z.string().nullable(),
        mentions: z.number(),
        reports: z.number(),
      }),
    ),
    more: z.object({ reports: z.boolean(), items: z.boolean(), documents: z.boolean() }),
  })
  .openapi('SearchResult');

export function registerAnalyticsRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/orgs/{orgId}/series',
      tags: ['analytics'],
      summary: 'Chuỗi số liệu theo thời gian của các chỉ tiêu (qua cả các tổ chức kế thừa)',
      request: {
        params: OrgParams,
        query: z.object({
          indicators: z
            .string()
            .min(1)
            .max(5000)
            .openapi({ example: 'ioffice.docs_sent,ioffice.signed_ratio' }),
          kind: z.enum(['month', 'year', 'all']).default('all'),
        }),
      },
      responses: { 200: jsonResponse(z.array(SeriesSchema)), ...errorResponses(400, 401, 403) },
    }),
    async (c) => {
      const { orgId } = c.req.valid('param');
      const { indicators, kind } = c.req.valid('query');
      const codes = [
        ...new Set(
          indicators
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean),
        ),
      ].slice(0, 100);
      return c.json(await indicatorSeries(c.var.db, authOf(c), orgId, codes, kind), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/orgs/{orgId}/dashboard',
      tags: ['analytics'],
      summary: 'Số liệu mới nhất so với kỳ trước, và mức đầy đủ số liệu theo đơn vị',
      request: { params: OrgParams, query: z.object({ period: PeriodIdSchema.optional() }) },
      responses: { 200: jsonResponse(DashboardSchema), ...errorResponses(400, 401, 403) },
    }),
    async (c) => {
      const { orgId } = c.req.valid('param');
      return c.json(await dashboard(c.var.db, authOf(c), orgId, c.req.valid('query').period), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/orgs/{orgId}/search',
      tags: ['analytics'],
      summary: 'Tìm trong báo cáo, nội dung và văn bản được trích dẫn, không cần dấu ("quyet dinh 695")',
      request: { params: OrgParams, query: z.object({ q: z.string().max(200) }) },
      responses: { 200: jsonResponse(SearchSchema), ...errorResponses(400, 401, 403) },
    }),
    async (c) => {
      const { orgId } = c.req.valid('param');
      return c.json(await search(c.var.db, authOf(c), orgId, c.req.valid('query').q), 200);
    },
  );
}
