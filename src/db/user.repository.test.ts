import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { listAudit, recordAudit } from './audit.repository.js';
import {
  countFailedLogins,
  createSession,
  deleteExpiredSessions,
  getActiveSession,
  recordLoginAttempt,
} from './session.repository.js';
import { TEST_ORG_ID, testEngines, useTestDatabase } from './testing.js';
import { createUnit } from './unit.repository.js';
import {
  createUser,
  getUserByUsername,
  getUserRoles,
  grantRole,
  revokeRole,
  updateUser,
} from './user.repository.js';

for (const engine of testEngines()) {
  describe(`users, roles, sessions and audit (${engine})`, () => {
    const handle = useTestDatabase(engine, { seed: true });
    const orgId = TEST_ORG_ID;
    let userId: number;
    let unitId: number;
    before(async () => {
      unitId = (await createUnit(handle.db, { org_id: orgId, code: 'thanh-tra', name: 'Thanh tra' })).id;
      userId = (
        await createUser(handle.db, {
          orgId,
          username: 'vanphong',
          displayName: 'Văn phòng Sở',
          passwordHash: 'scrypt$x',
        })
      ).id;
    });

    test('usernames are unique within an organisation', async () => {
      await assert.rejects(
        createUser(handle.db, { orgId, username: 'vanphong', displayName: 'Trùng', passwordHash: 'h' }),
      );
      const user = await getUserByUsername(handle.db, orgId, 'vanphong');
      assert.equal(user?.display_name, 'Văn phòng Sở');
      assert.equal(user?.active, true);
    });

    test('an organisation-wide role (null unit) is granted once however often it is granted', async () => {
      await grantRole(handle.db, { orgId, userId, unitId: null, role: 'office' });
      await grantRole(handle.db, { orgId, userId, unitId: null, role: 'office' });
      await grantRole(handle.db, { orgId, userId, unitId, role: 'editor' });
      assert.deepEqual(await getUserRoles(handle.db, orgId, userId), [
        { orgId, userId, unitId, role: 'editor' },
        { orgId, userId, unitId: null, role: 'office' },
      ]);
      assert.equal(await revokeRole(handle.db, { orgId, userId, unitId: null, role: 'office' }), true);
      assert.equal(await revokeRole(handle.db, { orgId, userId, unitId: null, role: 'office' }), false);
      assert.equal((await getUserRoles(handle.db, orgId, userId)).length, 1);
    });

    test('a session is active until it expires or its user is deactivated', async () => {
      const now = new Date('2026-01-01T08:00:00Z');
      await createSession(handle.db, {
        id: 'h1',
        orgId,
        userId,
        csrfToken: 'c1',
        expiresAt: new Date('2026-01-01T09:00:00Z'),
      });
      await createSession(handle.db, {
        id: 'h0',
        orgId,
        userId,
        csrfToken: 'c0',
        expiresAt: new Date('2026-01-01T07:00:00Z'),
      });
      assert.equal((await getActiveSession(handle.db, 'h1', now))?.csrfToken, 'c1');
      assert.equal(await getActiveSession(handle.db, 'h0', now), undefined);
      assert.equal(await deleteExpiredSessions(handle.db, now), 1);
      await updateUser(handle.db, orgId, userId, { active: false });
      assert.equal(await getActiveSession(handle.db, 'h1', now), undefined);
      await updateUser(handle.db, orgId, userId, { active: true });
    });

    test('failed logins are counted per username and per address within a window', async () => {
      const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 8, minute));
      await recordLoginAttempt(handle.db, {
        orgId,
        username: 'vanphong',
        ip: '127.0.0.1',
        ok: false,
        at: at(1),
      });
      await recordLoginAttempt(handle.db, {
        orgId,
        username: 'vanphong',
        ip: '127.0.0.2',
        ok: false,
        at: at(5),
      });
      await recordLoginAttempt(handle.db, {
        orgId: null,
        username: 'ai-do',
        ip: '127.0.0.1',
        ok: false,
        at: at(6),
      });
      await recordLoginAttempt(handle.db, {
        orgId,
        username: 'vanphong',
        ip: '127.0.0.1',
        ok: true,
        at: at(7),
      });
      assert.equal(await countFailedLogins(handle.db, { username: 'vanphong', since: at(0) }), 2);
      assert.equal(await countFailedLogins(handle.db, { username: 'vanphong', since: at(2) }), 1);
      assert.equal(await countFailedLogins(handle.db, { ip: '127.0.0.1', since: at(0) }), 2);
    });

    test('the audit log keeps before/after as JSON, newest first', async () => {
      await recordAudit(handle.db, {
        orgId,
        userId,
        action: 'unit.create',
        entity: 'unit',
        entityId: unitId,
        after: { code: 'thanh-tra' },
      });
      await recordAudit(handle.db, {
        orgId,
        userId: null,
        action: 'unit.rename',
        entity: 'unit',
        entityId: unitId,
        before: { name: 'Thanh tra' },
        after: { name: 'Thanh tra Sở' },
        reason: 'đổi tên',
      });
      const entries = await listAudit(handle.db, { orgId, entity: 'unit', entityId: unitId });
      assert.deepEqual(
        entries.map((e) => [e.action, e.before, e.after, e.reason, e.entityId]),
        [
          ['unit.rename', { name: 'Thanh tra' }, { name: 'Thanh tra Sở' }, 'đổi tên', String(unitId)],
          ['unit.create', null, { code: 'thanh-tra' }, null, String(unitId)],
        ],
      );
    });
  });
}
