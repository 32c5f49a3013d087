import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ApiClient, describeDemoApi, type Json, orgPath } from '../src/server/testing.js';

/**
 * An administrator changes a user's role (PATCH …/users/:id { role, unitCode }): the grants are replaced,
 * audited before → after in the change's transaction, open sessions act with the new role at once, and
 * the organisation never loses its last active administrator.
 */
describeDemoApi(
  'API user roles changed by an administrator',
  ['admin', 'cntt', 'vanphong', 'phantich'],
  (api, [admin, editor, office, analyst]) => {
    const PASSWORD = 'mat-khau-quan-tri';

    async function userId(username: string): Promise<string> {
      const users = await admin.get(orgPath('/users'));
      assert.equal(users.status, 200, JSON.stringify(users.body));
      const user = users.body.find((u: Json) => u.username === username);
      assert.ok(user, `${username} exists`);
      return user.id;
    }

    async function storedRoles(username: string): Promise<Array<{ role: string; unit: string | null }>> {
      return api.db
        .selectFrom('user_roles as r')
        .innerJoin('users as u', 'u.id', 'r.user_id')
        .leftJoin('units as n', 'n.id', 'r.unit_id')
        .select(['r.role', 'n.code as unit'])
        .where('u.username', '=', username)
        .orderBy('r.role')
        .execute();
    }

    async function auditCount(): Promise<number> {
      return (await api.db.selectFrom('audit_log').select('id').execute()).length;
    }

    /** A new administrator, signed in in a client of its own. */
    async function newAdmin(username: string): Promise<{ id: string; client: ApiClient }> {
      const created = await admin.post(orgPath('/users'), {
        username,
        displayName: `Quản trị ${username}`,
        password: PASSWORD,
        roles: [{ role: 'admin' }],
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const client = new ApiClient(api.app);
      assert.equal((await client.login(username, PASSWORD)).status, 200);
      return { id: created.body.id, client };
    }

    test('an admin gives a user another role: answered, stored and audited before → after', async () => {
      const id = await userId('phantich');
      const changed = await admin.patch(orgPath(`/users/${id}`), { role: 'editor', unitCode: 'phong-bcvt' });
      assert.equal(changed.status, 200, JSON.stringify(changed.body));
      assert.equal(changed.body.username, 'phantich');
      assert.deepEqual(
        changed.body.roles.map((r: Json) => [r.role, r.unitCode]),
        [['editor', 'phong-bcvt']],
      );
      assert.deepEqual(await storedRoles('phantich'), [{ role: 'editor', unit: 'phong-bcvt' }]);
      const [entry] = (await admin.get(orgPath(`/audit?entity=user&entityId=${id}&limit=1`))).body;
      assert.equal(entry.action, 'user.update');
      assert.deepEqual(entry.before, {
        displayName: 'Chuyên viên phân tích',
        active: true,
        roles: [{ role: 'analyst', unitCode: null }],
      });
      assert.deepEqual(entry.after, { roles: [{ role: 'editor', unitCode: 'phong-bcvt' }] });

      // Without a unit the role is the whole organisation's.
      const back = await admin.patch(orgPath(`/users/${id}`), { role: 'analyst' });
      assert.equal(back.status, 200, JSON.stringify(back.body));
      assert.deepEqual(back.body.roles, [{ role: 'analyst', unitId: null, unitCode: null }]);
      assert.deepEqual(await storedRoles('phantich'), [{ role: 'analyst', unit: null }]);
    });

    test("a user's open session acts with the new role on its next request", async () => {
      const id = await userId('cntt');
      const draft = (periodId: string) => editor.post(orgPath('/reports'), { periodId });
      assert.equal((await draft('2031-01')).status, 403, 'an editor creates no report');

      assert.equal((await admin.patch(orgPath(`/users/${id}`), { role: 'office' })).status, 200);
      const me = await editor.get('/api/auth/me');
      assert.equal(me.status, 200, 'the session lives on');
      assert.deepEqual(me.body.roles, [{ role: 'office', unitId: null, unitCode: null }]);
      assert.equal((await draft('2031-01')).status, 201, 'the office creates reports');

      const back = await admin.patch(orgPath(`/users/${id}`), { role: 'editor', unitCode: 'phong-cntt' });
      assert.equal(back.status, 200);
      assert.deepEqual(
        (await editor.get('/api/auth/me')).body.roles.map((r: Json) => [r.role, r.unitCode]),
        [['editor', 'phong-cntt']],
      );
      assert.equal((await draft('2031-02')).status, 403);
    });

    test('an unknown role, an unknown unit or a unit without a role is refused, naming it; nothing changes', async () => {
      const id = await userId('cntt');
      const before = await auditCount();
      const unknown = await admin.patch(orgPath(`/users/${id}`), { role: 'superadmin' });
      assert.equal(unknown.status, 400);
      assert.equal(unknown.body.error.code, 'request.invalid');
      assert.equal(
        unknown.body.error.message,
        'Dữ liệu gửi lên không hợp lệ (trường "role"): vai trò "superadmin" không tồn tại; các vai trò: ' +
          'editor (Biên tập), office (Văn phòng Sở), director (Lãnh đạo Sở), admin (Quản trị), analyst (Phân tích).',
      );

      const unit = await admin.patch(orgPath(`/users/${id}`), { role: 'editor', unitCode: 'phong-khong-co' });
      assert.equal(unit.status, 400);
      assert.equal(unit.body.error.code, 'unit.unknown');
      assert.equal(unit.body.error.message, 'Không tìm thấy đơn vị "phong-khong-co".');

      const alone = await admin.patch(orgPath(`/users/${id}`), { unitCode: 'phong-bcvt' });
      assert.equal(alone.status, 400);
      assert.equal(alone.body.error.code, 'user.unit_without_role');
      assert.match(alone.body.error.message, /cùng với vai trò/);

      assert.deepEqual(await storedRoles('cntt'), [{ role: 'editor', unit: 'phong-cntt' }]);
      assert.equal(await auditCount(), before, 'a refusal is not audited');
    });

    test('only an administrator changes roles (403, saying so); an unknown user is 404', async () => {
      const id = await userId('cntt');
      for (const client of [office, analyst, editor]) {
        const refused = await client.patch(orgPath(`/users/${id}`), { role: 'admin' });
        assert.equal(refused.status, 403);
        assert.equal(refused.body.error.code, 'access.denied');
        assert.equal(
          refused.body.error.message,
          'Thao tác này chỉ dành cho tài khoản có vai trò Quản trị của cơ quan.',
        );
      }
      assert.deepEqual(await storedRoles('cntt'), [{ role: 'editor', unit: 'phong-cntt' }]);

      const missing = await admin.patch(orgPath('/users/999999'), { role: 'office' });
      assert.equal(missing.status, 404);
      assert.equal(missing.body.error.code, 'user.unknown');
      assert.equal(missing.body.error.message, 'Không tìm thấy người dùng số 999999.');
    });

    test('the last active administrator keeps the role: not demoted by another admin nor by themselves', async () => {
      const adminId = await userId('admin');
      const self = await admin.patch(orgPath(`/users/${adminId}`), { role: 'office' });
      assert.equal(self.status, 409);
      assert.equal(self.body.error.code, 'user.last_admin');
      assert.equal(
        self.body.error.message,
        'Không thể bỏ vai trò Quản trị của "admin": đây là quản trị viên cuối cùng còn hoạt động của cơ quan. ' +
          'Hãy giao vai trò Quản trị cho một người dùng khác trước.',
      );
      assert.deepEqual(await storedRoles('admin'), [{ role: 'admin', unit: null }]);

      // With a second administrator either may step down, and the one left is the last again.
      const second = await newAdmin('quantri2');
      const demoted = await second.client.patch(orgPath(`/users/${adminId}`), { role: 'office' });
      assert.equal(demoted.status, 200, JSON.stringify(demoted.body));
      const gone = await admin.get(orgPath('/users'));
      assert.equal(gone.status, 403, 'the demoted admin session lost the admin pages at once');
      const last = await second.client.patch(orgPath(`/users/${second.id}`), { role: 'analyst' });
      assert.equal(last.status, 409);
      assert.match(last.body.error.message, /"quantri2": đây là quản trị viên cuối cùng/);
      assert.equal((await second.client.patch(orgPath(`/users/${adminId}`), { role: 'admin' })).status, 200);

      // A locked administrator is no administrator: it does not count as the one left.
      assert.equal((await admin.patch(orgPath(`/users/${second.id}`), { active: false })).status, 200);
      const alone = await admin.patch(orgPath(`/users/${adminId}`), { role: 'director' });
      assert.equal(alone.status, 409);
      assert.equal(alone.body.error.code, 'user.last_admin');
      assert.equal((await admin.patch(orgPath(`/users/${second.id}`), { role: 'analyst' })).status, 200);
      assert.deepEqual(await storedRoles('admin'), [{ role: 'admin', unit: null }]);
    });

    test('two administrators removing each other at once: one change is refused, one admin remains', async () => {
      const adminId = await userId('admin');
      for (let round = 0; round < 4; round++) {
        const other = await newAdmin(`quantri-dua-${round}`);
        // Round by round: demote each other, or one demotes while the other locks.
        const byAdmin = round % 2 === 0 ? { role: 'office' } : { active: false };
        const answers = await Promise.all([
          admin.patch(orgPath(`/users/${other.id}`), byAdmin),
          other.client.patch(orgPath(`/users/${adminId}`), { role: 'office' }),
        ]);
        const statuses = answers.map((a) => a.status).sort();
        // The refused one is refused as the last admin's removal, or, had the other change committed before
        // its admin check, as no longer an admin's.
        assert.ok(
          statuses[0] === 200 && (statuses[1] === 409 || statuses[1] === 403),
          JSON.stringify(answers.map((a) => [a.status, a.body.error?.code])),
        );
        const admins = await api.db
          .selectFrom('user_roles as r')
          .innerJoin('users as u', 'u.id', 'r.user_id')
          .select('u.username')
          .where('r.role', '=', 'admin')
          .where('u.active', '=', true)
          .execute();
        assert.equal(admins.length, 1, `round ${round}: ${JSON.stringify(admins)}`);
        // The survivor hands the role back, so the next round starts from the demo's administrator alone.
        const survivor = admins[0]?.username === 'admin' ? admin : other.client;
        assert.equal((await survivor.patch(orgPath(`/users/${adminId}`), { role: 'admin' })).status, 200);
        assert.equal(
          (await admin.patch(orgPath(`/users/${other.id}`), { role: 'analyst', ...byAdmin })).status,
          200,
        );
      }
    });
  },
);
