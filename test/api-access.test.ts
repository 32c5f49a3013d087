import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setReportStatus } from '../src/db/report.repository.js';
import type { ReportStatus } from '../src/db/schema.js';
import { type ApiClient, DEMO_ORG, type DemoApi, describeDemoApi, orgPath } from '../src/server/testing.js';

/** The demo users, one per role (editors of two different units). */
const USERS = ['cntt', 'bcvt', 'vanphong', 'giamdoc', 'admin', 'phantich'] as const;
type Username = (typeof USERS)[number];

interface Context {
  api: DemoApi;
  clients: Record<Username, ApiClient>;
  freshPeriod(): string;
  reportIn(status: ReportStatus): Promise<string>;
  itemIn(sectionKey: string): Promise<{ reportId: string; itemId: string }>;
}

interface Case {
  action: string;
  allowed: readonly Username[];
  /** Performs the action; returns the HTTP status and, when refused, checks nothing was written. */
  run(
    client: ApiClient,
    ctx: Context,
    user: Username,
  ): Promise<{ status: number; verifyRefused?: () => Promise<void> }>;
  okStatus?: number;
}

const ALL = USERS;

async function storedCount(ctx: Context, periodId: string): Promise<number> {
  const rows = await ctx.api.db
    .selectFrom('data_values')
    .select('id')
    .where('period_id', '=', periodId)
    .execute();
  return rows.length;
}

function saveCase(action: string, unitCode: string, indicator: string, allowed: readonly Username[]): Case {
  return {
    action,
    allowed,
    async run(client, ctx) {
      const periodId = ctx.freshPeriod();
      const r = await client.put(orgPath('/values'), {
        periodId,
        unitCode,
        values: [{ indicator, value: '1.858' }],
      });
      return {
        status: r.status,
        verifyRefused: async () => assert.equal(await storedCount(ctx, periodId), 0, 'nothing stored'),
      };
    },
  };
}

function statusCase(
  action: string,
  from: ReportStatus,
  to: ReportStatus,
  allowed: readonly Username[],
  reason?: string,
): Case {
  return {
    action,
    allowed,
    async run(client, ctx) {
      const id = await ctx.reportIn(from);
      const r = await client.post(orgPath(`/reports/${id}/status`), {
        status: to,
        ...(reason ? { reason } : {}),
      });
      return {
        status: r.status,
        verifyRefused: async () => {
          const row = await ctx.api.db
            .selectFrom('reports')
            .select('status')
            .where('id', '=', Number(id))
            .executeTakeFirstOrThrow();
          assert.equal(row.status, from, 'status unchanged');
        },
      };
    },
  };
}

const CASES: Case[] = [
  saveCase("save figures of the editor's own unit (phong-cntt, iOffice)", 'phong-cntt', 'ioffice.docs_sent', [
    'cntt',
    'vanphong',
  ]),
  saveCase('save figures of phong-bcvt (postal revenue)', 'phong-bcvt', 'postal.revenue', [
    'bcvt',
    'vanphong',
  ]),
  saveCase("save another unit's indicator in the own unit's name", 'phong-cntt', 'postal.revenue', [
    'vanphong',
  ]),
  saveCase('save an indicator that does not exist', 'phong-cntt', 'khong.ton.tai', []),
  {
    action: 'read figures, validation, dashboard, series and search',
    allowed: ALL,
    async run(client) {
      const statuses = await Promise.all([
        client.get(orgPath('/values?period=2022-04')),
        client.post(orgPath('/validate'), { periodId: '2022-04' }),
        client.get(orgPath('/dashboard?period=2022-04')),
        client.get(orgPath('/series?indicators=ioffice.docs_sent')),
        client.get(orgPath('/search?q=ky%20so')),
        client.get(orgPath('/reports')),
        client.get(orgPath('/catalogue')),
      ]);
      const bad = statuses.find((s) => s.status !== 200);
      return { status: bad ? bad.status : 200 };
    },
  },
  {
    action: 'create a draft report',
    allowed: ['vanphong'],
    okStatus: 201,
    async run(client, ctx) {
      const periodId = ctx.freshPeriod();
      const r = await client.post(orgPath('/reports'), { periodId });
      return {
        status: r.status,
        verifyRefused: async () => {
          const rows = await ctx.api.db
            .selectFrom('reports')
            .select('id')
            .where('period_id', '=', periodId)
            .execute();
          assert.equal(rows.length, 0);
        },
      };
    },
  },
  {
    action: 'number and date a draft report',
    allowed: ['vanphong'],
    async run(client, ctx) {
      const id = await ctx.reportIn('draft');
      const r = await client.patch(orgPath(`/reports/${id}`), {
        number: '99/BC-STTTT-VP',
        // Fresh periods lie in 2030 and later; a report is never issued before its period.
        issuedDate: '2099-05-10',
      });
      return {
        status: r.status,
        verifyRefused: async () => {
          const row = await ctx.api.db
            .selectFrom('reports')
            .select('number')
            .where('id', '=', Number(id))
            .executeTakeFirstOrThrow();
          assert.equal(row.number, null);
        },
      };
    },
  },
  statusCase('submit a draft', 'draft', 'submitted', ['vanphong']),
  statusCase('return a submitted report to draft', 'submitted', 'draft', ['vanphong', 'giamdoc']),
  statusCase('approve a submitted report', 'submitted', 'approved', ['giamdoc']),
  statusCase('lock an approved report', 'approved', 'locked', ['giamdoc']),
  statusCase(
    're-open a locked report with a reason',
    'locked',
    'draft',
    ['giamdoc', 'admin'],
    'Sửa số liệu iOffice',
  ),
  {
    action: 'add a narrative item to the IT section (cntt_cqnn)',
    allowed: ['cntt', 'vanphong'],
    okStatus: 201,
    async run(client, ctx) {
      const id = await ctx.reportIn('draft');
      const r = await client.post(orgPath(`/reports/${id}/items`), {
        sectionKey: 'cntt_cqnn',
        kind: 'result',
        text: 'Triển khai ký số trên hệ thống iOffice.',
      });
      return { status: r.status };
    },
  },
  {
    action: 'edit a narrative item of the postal section (buu_chinh)',
    allowed: ['bcvt', 'vanphong'],
    async run(client, ctx) {
      const { reportId, itemId } = await ctx.itemIn('buu_chinh');
      const r = await client.patch(orgPath(`/reports/${reportId}/items/${itemId}`), { text: 'Đã sửa.' });
      return { status: r.status };
    },
  },
  {
    action: 'list users',
    allowed: ['admin'],
    async run(client) {
      return { status: (await client.get(orgPath('/users'))).status };
    },
  },
  {
    action: 'create a user',
    allowed: ['admin'],
    okStatus: 201,
    async run(client, _ctx, user) {
      const r = await client.post(orgPath('/users'), {
        username: `moi-${user}`,
        displayName: 'Người dùng mới',
        password: 'mat-khau-du-dai',
        roles: [{ role: 'analyst' }],
      });
      return { status: r.status };
    },
  },
  {
    action: 'rename a unit',
    allowed: ['admin'],
    async run(client, _ctx, user) {
      return {
        status: (await client.patch(orgPath('/units/thanh-tra'), { name: `Thanh tra Sở (${user})` })).status,
      };
    },
  },
  {
    action: 'annotate an indicator of the catalogue',
    allowed: ['admin'],
    async run(client, _ctx, user) {
      const r = await client.patch(orgPath('/catalogue/ioffice.docs_sent'), { notes: `ghi chú của ${user}` });
      return { status: r.status };
    },
  },
  {
    action: 'deactivate a user',
    allowed: ['admin'],
    async run(client, ctx, user) {
      const created = await ctx.clients.admin.post(orgPath('/users'), {
        username: `tam-${user}`,
        displayName: 'Tạm thời',
        password: 'mat-khau-du-dai',
        roles: [{ role: 'analyst' }],
      });
      const r = await client.patch(orgPath(`/users/${created.body.id}`), { active: false });
      return { status: r.status };
    },
  },
  {
    action: "change a user's role",
    allowed: ['admin'],
    async run(client, ctx, user) {
      const created = await ctx.clients.admin.post(orgPath('/users'), {
        username: `vaitro-${user}`,
        displayName: 'Đổi vai trò',
        password: 'mat-khau-du-dai',
        roles: [{ role: 'analyst' }],
      });
      const r = await client.patch(orgPath(`/users/${created.body.id}`), { role: 'office' });
      return {
        status: r.status,
        verifyRefused: async () => {
          const roles = await ctx.api.db
            .selectFrom('user_roles')
            .select('role')
            .where('user_id', '=', Number(created.body.id))
            .execute();
          assert.deepEqual(roles, [{ role: 'analyst' }], 'the role is unchanged');
        },
      };
    },
  },
  {
    action: 'read the audit log',
    allowed: ['vanphong', 'giamdoc', 'admin', 'phantich'],
    async run(client) {
      return { status: (await client.get(orgPath('/audit?limit=5'))).status };
    },
  },
  {
    action: 'read another organisation',
    allowed: [],
    async run(client) {
      return { status: (await client.get('/api/orgs/sokhcn-travinh/units')).status };
    },
  },
];

describeDemoApi('API authorisation matrix: role × action', USERS, (api, signedIn) => {
  let month = 0;
  const ctx: Context = {
    api,
    clients: Object.fromEntries(USERS.map((u, i) => [u, signedIn[i]])) as Record<Username, ApiClient>,
    // Periods no seed report or other case uses, so each case starts from a clean slate.
    freshPeriod() {
      month++;
      return `${2030 + Math.floor((month - 1) / 12)}-${String(((month - 1) % 12) + 1).padStart(2, '0')}`;
    },
    async reportIn(status) {
      const r = await ctx.clients.vanphong.post(orgPath('/reports'), { periodId: ctx.freshPeriod() });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      await setReportStatus(ctx.api.db, DEMO_ORG, Number(r.body.id), status);
      return r.body.id as string;
    },
    async itemIn(sectionKey) {
      const reportId = await ctx.reportIn('draft');
      const r = await ctx.clients.vanphong.post(orgPath(`/reports/${reportId}/items`), {
        sectionKey,
        kind: 'result',
        text: 'Nội dung ban đầu.',
      });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      return { reportId, itemId: r.body.id as string };
    },
  };

  for (const c of CASES) {
    for (const user of USERS) {
      const allowed = c.allowed.includes(user);
      test(`${user} ${allowed ? 'may' : 'may not'} ${c.action}`, async () => {
        const { status, verifyRefused } = await c.run(ctx.clients[user], ctx, user);
        if (allowed) assert.equal(status, c.okStatus ?? 200);
        else {
          assert.equal(status, 403);
          await verifyRefused?.();
        }
      });
    }
  }
});
