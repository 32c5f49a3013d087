import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { someoneWaitsForLock, TEST_ORG_ID, testEngines, useTestDatabase } from '../db/testing.js';
import { createUser, grantRole } from '../db/user.repository.js';
import { refusal } from '../domain/errors.test-helper.js';
import type { Auth } from './access.js';
import {
  addReportItem,
  deleteReportItem,
  listReportItems,
  reorderReportItems,
  updateReportItem,
} from './narrative.service.js';
import { createDraftReport } from './report.service.js';

for (const engine of testEngines()) {
  describe(`narrative items changed by two people at once (${engine})`, () => {
    const handle = useTestDatabase(engine, { seed: true });
    const orgId = TEST_ORG_ID;
    let office: Auth;
    let reportId: number;
    // Two sessions are needed to race; PGlite has one, where transactions cannot interleave at all.
    const race = { skip: engine !== 'postgres' && 'needs two sessions (PostgreSQL)' };

    const add = async (text: string) =>
      Number(
        (
          await addReportItem(handle.db, office, orgId, reportId, {
            sectionKey: 'cntt_cqnn',
            kind: 'result',
            text,
          })
        ).id,
      );
    const texts = async () =>
      (await listReportItems(handle.db, office, orgId, reportId))
        .filter((i) => i.sectionKey === 'cntt_cqnn')
        .map((i) => i.text);
    const audited = async (action: string, entityId: number) =>
      (
        await handle.db
          .selectFrom('audit_log')
          .select('id')
          .where('action', '=', action)
          .where('entity_id', '=', String(entityId))
          .execute()
      ).length;

    /**
     * Runs `change` while another transaction has deleted `itemId` and not committed yet; commits the delete
     * once `change` waits for it. Resolves to what `change` threw, or null.
     */
    async function whileDeleted(itemId: number, change: () => Promise<unknown>): Promise<unknown> {
      const deleting = await handle.db.startTransaction().execute();
      try {
        await deleting.deleteFrom('narrative_items').where('id', '=', itemId).execute();
        const racing = change().then(
          () => null,
          (error: unknown) => error,
        );
        await someoneWaitsForLock(handle.db);
        await deleting.commit().execute();
        return await racing;
      } finally {
        if (!deleting.isCommitted) await deleting.rollback().execute();
      }
    }

    before(async () => {
      const user = await createUser(handle.db, {
        orgId,
        username: 'van-phong',
        displayName: 'VP',
        passwordHash: 'x',
      });
      await grantRole(handle.db, { orgId, userId: user.id, unitId: null, role: 'office' });
      office = { db: handle.db, orgId, userId: user.id, username: 'van-phong' };
      reportId = Number((await createDraftReport(handle.db, office, orgId, '2022-04')).id);
    });

    test('an item of another report is refused like a forbidden one, and stays', async () => {
      const other = Number((await createDraftReport(handle.db, office, orgId, '2022-05')).id);
      const id = await add('Của báo cáo tháng 4.');
      for (const attempt of [
        deleteReportItem(handle.db, office, orgId, other, id),
        updateReportItem(handle.db, office, orgId, other, id, { text: 'Sửa nhầm báo cáo.' }),
      ]) {
        const error = await refusal(attempt);
        assert.deepEqual([error.code, error.status], ['access.denied', 403]);
      }
      assert.ok((await texts()).includes('Của báo cáo tháng 4.'));
    });

    test(
      'a delete racing another delete of the item answers item.unknown (404) and audits nothing',
      race,
      async () => {
        const id = await add('Sẽ bị xóa hai lần.');
        const error = await whileDeleted(id, () => deleteReportItem(handle.db, office, orgId, reportId, id));
        assert.ok(error !== null, 'the second delete passed silently');
        const refused = await refusal(Promise.reject(error));
        assert.equal(refused.code, 'item.unknown');
        assert.equal(refused.status, 404);
        assert.equal(
          refused.message,
          `Không tìm thấy nội dung số ${id}: nội dung đã bị xóa. Hãy tải lại báo cáo.`,
        );
        assert.equal(await audited('item.delete', id), 0);
      },
    );

    test(
      'an edit racing a delete of the item answers item.unknown (404), nothing is written',
      race,
      async () => {
        const id = await add('Sẽ bị xóa khi đang sửa.');
        const error = await whileDeleted(id, () =>
          updateReportItem(handle.db, office, orgId, reportId, id, { text: 'Bản sửa bị mất.' }),
        );
        assert.ok(error !== null, 'the edit of a deleted item passed');
        assert.equal((await refusal(Promise.reject(error))).code, 'item.unknown');
        assert.equal(await audited('item.update', id), 0);
        assert.ok(!(await texts()).includes('Bản sửa bị mất.'));
      },
    );

    test(
      'a reorder racing a delete of one item is refused whole (items.order_invalid), no item moves',
      race,
      async () => {
        const before = await listReportItems(handle.db, office, orgId, reportId);
        const ids = before.filter((i) => i.sectionKey === 'cntt_cqnn').map((i) => Number(i.id));
        const gone = await add('Sẽ bị xóa khi đang sắp xếp.');
        const remaining = await texts();
        const error = await whileDeleted(gone, () =>
          reorderReportItems(handle.db, office, orgId, reportId, {
            sectionKey: 'cntt_cqnn',
            itemIds: [gone, ...ids].reverse(),
          }),
        );
        const refused = await refusal(Promise.reject(error));
        assert.equal(refused.code, 'items.order_invalid');
        assert.deepEqual(refused.details, { expected: ids.map(String) });
        assert.deepEqual(
          await texts(),
          remaining.filter((t) => t !== 'Sẽ bị xóa khi đang sắp xếp.'),
        );
      },
    );
  });
}
