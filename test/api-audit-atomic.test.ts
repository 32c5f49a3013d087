import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { before, mock, test } from 'node:test';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../src/db/schema.js';
import {
  ApiClient,
  type ApiResponse,
  describeDemoApi,
  type Json,
  orgPath,
  signedInClient,
} from '../src/server/testing.js';

/**
 * Every write the API audits writes its audit_log entry in the transaction of the change: when the audit
 * insert fails (a CHECK constraint added for the test refuses the action), nothing of the change remains,
 * and the same request succeeds and changes the store once the audit can be written.
 */

// Every table a request can write, but login_attempts, which records a try whatever its outcome.
const TABLES = [
  'organisations',
  'units',
  'users',
  'user_roles',
  'sessions',
  'audit_log',
  'indicators',
  'imports',
  'import_uploads',
  'reports',
  'report_sections',
  'narrative_items',
  'cited_documents',
  'citation_mentions',
  'data_values',
  'value_audit',
  'report_templates',
  'sentence_templates',
] as const;

/** Row count and a digest of the rows of each table. */
async function snapshot(db: Kysely<Database>): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of TABLES) {
    const { rows } = await sql<{ n: number; h: string }>`
      SELECT count(*)::int AS n, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS h
      FROM ${sql.table(table)} t`.execute(db);
    out[table] = `${rows[0]?.n} ${rows[0]?.h}`;
  }
  return out;
}

/** Runs `request` while audit_log refuses entries of `action`. */
async function withAuditRefused<T>(
  db: Kysely<Database>,
  action: string,
  request: () => Promise<T>,
): Promise<T> {
  // NOT VALID: the rows already logged are not checked, only the inserts of this request.
  await sql`ALTER TABLE audit_log ADD CONSTRAINT test_audit_refused CHECK (action <> ${sql.lit(action)}) NOT VALID`.execute(
    db,
  );
  // The server logs the failure as the bug it would be; the test expects it and keeps the output readable.
  const logged = mock.method(console, 'error', () => {});
  try {
    return await request();
  } finally {
    logged.mock.restore();
    await sql`ALTER TABLE audit_log DROP CONSTRAINT test_audit_refused`.execute(db);
  }
}

function form(
  fields: Record<string, string>,
  file: { name: string; content: Uint8Array | string },
): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  const part = typeof file.content === 'string' ? file.content : new Uint8Array(file.content);
  data.set('file', new File([part], file.name));
  return data;
}

describeDemoApi(
  'API writes and their audit entry: one transaction',
  ['cntt', 'vanphong', 'giamdoc', 'admin'],
  (api, [editor, office, director, admin]) => {
    let reportId: string;
    const itemIds: string[] = [];
    const items = () => orgPath(`/reports/${reportId}/items`);

    before(async () => {
      const report = await office.post(orgPath('/reports'), { periodId: '2022-08' });
      assert.equal(report.status, 201, JSON.stringify(report.body));
      reportId = report.body.id;
      for (const text of ['Thứ nhất.', 'Thứ hai.', 'Thứ ba.']) {
        const r = await editor.post(items(), { sectionKey: 'cntt_cqnn', kind: 'result', text });
        assert.equal(r.status, 201);
        itemIds.push(r.body.id);
      }
    });

    /**
     * The request fails with 500 while its audit entry cannot be written and leaves every table as it was;
     * sent again, it succeeds (`ok`) and changes the store, so the first attempt had something to undo.
     */
    async function atomic(action: string, send: () => Promise<ApiResponse<Json>>, ok: number): Promise<void> {
      const before = await snapshot(api.db);
      const refused = await withAuditRefused(api.db, action, send);
      assert.equal(refused.status, 500, `${action}: ${JSON.stringify(refused.body)}`);
      assert.deepEqual(await snapshot(api.db), before, `${action} left a change without its audit entry`);
      const done = await send();
      assert.equal(done.status, ok, `${action}: ${JSON.stringify(done.body)}`);
      assert.notDeepEqual(await snapshot(api.db), before, `${action} changed nothing`);
      const logged = await api.db.selectFrom('audit_log').select('id').where('action', '=', action).execute();
      assert.ok(logged.length > 0, `${action} is audited`);
    }

    test('values.save: a figure save whose audit entry fails leaves no figure and no value_audit row', async () => {
      await atomic(
        'values.save',
        () =>
          editor.put(orgPath('/values'), {
            periodId: '2022-08',
            unitCode: 'phong-cntt',
            values: [{ indicator: 'ioffice.docs_sent', value: '1.858' }],
            reason: 'số liệu tháng 8',
          }),
        200,
      );
    });

    test('values.import: a sheet upload', async () => {
      const csv = 'Mã chỉ tiêu,2022-09\r\nioffice.docs_sent,21.034\r\n';
      await atomic(
        'values.import',
        () => office.post(orgPath('/values/import'), form({}, { name: 'thang-9.csv', content: csv })),
        200,
      );
    });

    test('narrative items: add, edit, reorder, delete', async () => {
      await atomic(
        'item.create',
        () => editor.post(items(), { sectionKey: 'cntt_cqnn', kind: 'result', text: 'Thứ tư.' }),
        201,
      );
      await atomic('item.update', () => editor.patch(`${items()}/${itemIds[0]}`, { text: 'Đã sửa.' }), 200);
      const current = await editor.get(items());
      const order = current.body
        .filter((i: { sectionKey: string }) => i.sectionKey === 'cntt_cqnn')
        .map((i: { id: string }) => i.id)
        .reverse();
      await atomic(
        'item.reorder',
        () => editor.post(`${items()}/reorder`, { sectionKey: 'cntt_cqnn', itemIds: order }),
        200,
      );
      await atomic('item.delete', () => editor.delete(`${items()}/${itemIds[1]}`), 204);
    });

    test('reports: metadata and status', async () => {
      await atomic(
        'report.update',
        () => office.patch(orgPath(`/reports/${reportId}`), { number: '99/BC' }),
        200,
      );
      await atomic(
        'report.status.submitted',
        () => office.post(orgPath(`/reports/${reportId}/status`), { status: 'submitted' }),
        200,
      );
      await atomic(
        'report.status.approved',
        () => director.post(orgPath(`/reports/${reportId}/status`), { status: 'approved' }),
        200,
      );
    });

    test('administration: units, users, catalogue', async () => {
      await atomic(
        'unit.create',
        () => admin.post(orgPath('/units'), { code: 'phong-moi', name: 'Phòng mới', sections: [] }),
        201,
      );
      await atomic(
        'unit.update',
        () => admin.patch(orgPath('/units/phong-moi'), { name: 'Phòng mới (đổi tên)' }),
        200,
      );
      const user = {
        username: 'nguoi-moi',
        displayName: 'Người mới',
        password: 'mot-mat-khau-dai',
        roles: [{ role: 'analyst' }],
      };
      await atomic('user.create', () => admin.post(orgPath('/users'), user), 201);
      const created = (await admin.get(orgPath('/users'))).body.find(
        (u: { username: string }) => u.username === 'nguoi-moi',
      );
      // A new role: the old grants are deleted and the new one inserted, and neither stays without the entry.
      await atomic(
        'user.update',
        () => admin.patch(orgPath(`/users/${created.id}`), { role: 'editor', unitCode: 'phong-cntt' }),
        200,
      );
      await atomic('user.update', () => admin.patch(orgPath(`/users/${created.id}`), { active: false }), 200);
      await atomic(
        'indicator.update',
        () => admin.patch(orgPath('/catalogue/ioffice.docs_sent'), { notes: 'Ghi chú.' }),
        200,
      );
    });

    test('the report layout', async () => {
      const layout = (await admin.get(orgPath('/template/layout'))).body;
      layout.document.signer.name = 'Trần Thị Lan';
      await atomic('template.update', () => admin.put(orgPath('/template/layout'), layout), 200);
      const sentence = orgPath('/template/sentences/tham_muu.plans');
      await atomic(
        'sentence.update',
        () => admin.put(sentence, { text: 'Ban hành {advisory.plans_issued} kế hoạch công tác.' }),
        200,
      );
      await atomic('sentence.reset', () => admin.delete(sentence), 204);
    });

    test('import of an old report: upload and accept', async () => {
      // Seed 004 with two more lines: new content to the importer, which read seed 004 into the demo.
      const seed = Buffer.concat([
        await readFile('fixtures/seeds/004_e05fcdfcee13791a.txt'),
        Buffer.from('\n\n'),
      ]);
      const upload = () => office.post(orgPath('/imports'), form({}, { name: '004.txt', content: seed }));
      await atomic('import.upload', upload, 201);
      const uploadId = (await office.get(orgPath('/imports'))).body.find(
        (i: { status: string }) => i.status === 'review',
      ).id;
      await atomic(
        'import.accept',
        () => office.post(orgPath(`/imports/${uploadId}/accept`), { values: [] }),
        200,
      );
    });

    test('sign-in and sign-out', async () => {
      await atomic('auth.login', () => new ApiClient(api.app).login('phantich'), 200);
      const leaving = await signedInClient(api.app, 'bcvt');
      await atomic('auth.logout', () => leaving.post('/api/auth/logout'), 204);
      assert.equal((await leaving.get('/api/auth/me')).status, 401);
    });
  },
);
