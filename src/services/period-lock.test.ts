import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { someoneWaitsForLock, TEST_ORG_ID, testEngines, useTestDatabase } from '../db/testing.js';
import { createUser, grantRole } from '../db/user.repository.js';
import { AppError } from '../domain/errors.js';
import { refusal } from '../domain/errors.test-helper.js';
import type { Auth } from './access.js';
import { addReportItem, deleteReportItem, updateReportItem } from './narrative.service.js';
import { lockYearForFreeze } from './period-lock.js';
import { changeReportStatus, createDraftReport, updateReportMeta } from './report.service.js';
import { getValues, saveValues, setValues } from './value.service.js';

async function userWith(db: Kysely<Database>, orgId: string, username: string, role: 'office' | 'director') {
  const user = await createUser(db, { orgId, username, displayName: username, passwordHash: 'x' });
  await grantRole(db, { orgId, userId: user.id, unitId: null, role });
  return { db, orgId, userId: user.id, username } satisfies Auth;
}

for (const engine of testEngines()) {
  describe(`figures and items of a frozen period (${engine})`, () => {
    const handle = useTestDatabase(engine, { seed: true, truncate: ['value_audit', 'data_values'] });
    const orgId = TEST_ORG_ID;
    let office: Auth;
    let director: Auth;
    const save = (periodId: string, value: number) =>
      setValues(handle.db, 'van-phong', {
        orgId,
        periodId,
        values: [{ indicator: 'ioffice.docs_sent', value }],
        source: 'manual',
      });
    const stored = async (periodId: string) =>
      (await getValues(handle.db, { orgId, periodIds: [periodId] })).map((v) => v.value);

    before(async () => {
      office = await userWith(handle.db, orgId, 'van-phong', 'office');
      director = await userWith(handle.db, orgId, 'giam-doc', 'director');
    });

    test('a save once the report is submitted is refused with value.submitted, after the approval with value.locked; nothing written', async () => {
      await save('2022-04', 1858);
      const report = await createDraftReport(handle.db, office, orgId, '2022-04');
      const id = Number(report.id);
      await changeReportStatus(handle.db, office, orgId, id, 'submitted');
      // Submitted, the figures wait for the director as they were submitted: back to draft to change one.
      const submitted = await refusal(save('2022-04', 1859));
      assert.equal(submitted.code, 'value.submitted');
      assert.equal(submitted.status, 409);
      assert.equal(
        submitted.message,
        'Số liệu tháng 4 năm 2022 đang chờ duyệt vì báo cáo tháng 4 năm 2022 đã trình lãnh đạo. Cần trả báo cáo về dự thảo trước khi sửa.',
      );
      assert.deepEqual(await stored('2022-04'), [1858]);
      await changeReportStatus(handle.db, office, orgId, id, 'draft');
      await save('2022-04', 1859);
      await changeReportStatus(handle.db, office, orgId, id, 'submitted');
      await changeReportStatus(handle.db, director, orgId, id, 'approved');
      const approved = await refusal(save('2022-04', 2000));
      assert.equal(approved.code, 'value.locked');
      assert.equal(approved.status, 409);
      assert.equal(
        approved.message,
        'Số liệu tháng 4 năm 2022 đã khóa vì báo cáo tháng 4 năm 2022 đã được duyệt. Cần mở lại báo cáo (kèm lý do) trước khi sửa.',
      );
      await changeReportStatus(handle.db, director, orgId, id, 'locked');
      const locked = await refusal(save('2022-04', 2000));
      assert.match(locked.message, /báo cáo tháng 4 năm 2022 đã khóa/);
      assert.deepEqual(await stored('2022-04'), [1859]);
      await changeReportStatus(handle.db, director, orgId, id, 'draft', 'Sửa số văn bản đi');
      await save('2022-04', 2000);
      assert.deepEqual(await stored('2022-04'), [2000]);
    });

    test('an approved quarter freezes its months; the months after it stay open', async () => {
      const report = await createDraftReport(handle.db, office, orgId, '2021-Q1');
      const id = Number(report.id);
      await changeReportStatus(handle.db, office, orgId, id, 'submitted');
      await changeReportStatus(handle.db, director, orgId, id, 'approved');
      const refused = await refusal(save('2021-02', 5));
      assert.equal(refused.code, 'value.locked');
      assert.deepEqual(refused.details, { reportId: report.id, periodId: '2021-Q1', status: 'approved' });
      await save('2021-04', 6);
      assert.deepEqual(await stored('2021-02'), []);
      assert.deepEqual(await stored('2021-04'), [6]);
    });

    test('inside one transaction, an approval is seen by the save that follows it', async () => {
      const report = await createDraftReport(handle.db, office, orgId, '2020-05');
      const id = Number(report.id);
      const refused = await refusal(
        handle.db.transaction().execute(async (trx) => {
          await lockYearForFreeze(trx, orgId, '2020-05');
          await trx.updateTable('reports').set({ status: 'approved' }).where('id', '=', id).execute();
          return saveValues(trx, 'van-phong', {
            orgId,
            periodId: '2020-05',
            values: [{ indicator: 'ioffice.docs_sent', value: 1 }],
            source: 'manual',
          });
        }),
      );
      assert.equal(refused.code, 'value.locked');
      assert.deepEqual(await stored('2020-05'), []);
    });

    const addItem = (reportId: number, text: string) =>
      addReportItem(handle.db, office, orgId, reportId, { sectionKey: 'cntt_cqnn', kind: 'result', text });
    /** A report of the period with one item, submitted by the office. */
    const submittedReportWithItem = async (periodId: string) => {
      const id = Number((await createDraftReport(handle.db, office, orgId, periodId)).id);
      const item = await addItem(id, 'Triển khai nền tảng số.');
      await changeReportStatus(handle.db, office, orgId, id, 'submitted');
      return { id, item };
    };
    const itemTexts = async (reportId: number) =>
      (
        await handle.db
          .selectFrom('narrative_items')
          .select('text')
          .where('report_id', '=', reportId)
          .execute()
      ).map((t) => t.text);

    test('items of a submitted report wait for it to be returned to draft (report.submitted)', async () => {
      const { id, item } = await submittedReportWithItem('2022-06');
      const add = await refusal(addItem(id, 'Thêm.'));
      assert.equal(add.code, 'report.submitted');
      assert.equal(add.status, 409);
      assert.match(add.message, /trả báo cáo về dự thảo/);
      const removal = await refusal(deleteReportItem(handle.db, office, orgId, id, Number(item.id)));
      assert.equal(removal.code, 'report.submitted');
      // The office still numbers and dates the submitted report.
      await updateReportMeta(handle.db, office, orgId, id, { number: '12/BC-STTTT' });
      await changeReportStatus(handle.db, director, orgId, id, 'draft', 'Bổ sung nội dung');
      await updateReportItem(handle.db, office, orgId, id, Number(item.id), { text: 'Đã sửa.' });
      assert.deepEqual(await itemTexts(id), ['Đã sửa.']);
    });

    test('items and metadata of an approved report cannot change (report.locked)', async () => {
      const { id, item } = await submittedReportWithItem('2022-05');
      await changeReportStatus(handle.db, director, orgId, id, 'approved');
      const add = await refusal(addItem(id, 'Thêm.'));
      assert.equal(add.code, 'report.locked');
      const edit = await refusal(
        updateReportItem(handle.db, office, orgId, id, Number(item.id), { text: 'Sửa.' }),
      );
      assert.equal(edit.code, 'report.locked');
      const meta = await refusal(updateReportMeta(handle.db, office, orgId, id, { number: '1/BC' }));
      assert.equal(meta.code, 'report.locked');
      assert.deepEqual(await itemTexts(id), ['Triển khai nền tảng số.']);
    });

    // Two sessions are needed to race; PGlite has one, where transactions cannot interleave at all.
    test('an approval in progress makes a racing save wait, and the save is then refused', {
      skip: engine !== 'postgres' && 'needs two sessions (PostgreSQL)',
    }, async () => {
      const report = await createDraftReport(handle.db, office, orgId, '2019-06');
      const id = Number(report.id);
      await changeReportStatus(handle.db, office, orgId, id, 'submitted');
      // The approval's transaction as changeReportStatus runs it, held open before its commit.
      const approval = await handle.db.startTransaction().execute();
      try {
        await lockYearForFreeze(approval, orgId, '2019-06');
        await approval.selectFrom('reports').select('status').where('id', '=', id).forUpdate().execute();
        await approval.updateTable('reports').set({ status: 'approved' }).where('id', '=', id).execute();
        const racing = save('2019-06', 7).then(
          () => null,
          (error: unknown) => error,
        );
        await someoneWaitsForLock(handle.db);
        await approval.commit().execute();
        const error = await racing;
        assert.ok(error instanceof AppError, `the save passed: ${String(error)}`);
        assert.equal(error.code, 'value.locked');
      } finally {
        if (!approval.isCommitted) await approval.rollback().execute();
      }
      assert.deepEqual(await stored('2019-06'), []);
    });

    test('a save in progress makes a racing submission wait until the figures are committed', {
      skip: engine !== 'postgres' && 'needs two sessions (PostgreSQL)',
    }, async () => {
      const report = await createDraftReport(handle.db, office, orgId, '2019-07');
      const id = Number(report.id);
      const saving = await handle.db.startTransaction().execute();
      let submitted = false;
      try {
        await saveValues(saving, 'van-phong', {
          orgId,
          periodId: '2019-07',
          values: [{ indicator: 'ioffice.docs_sent', value: 8 }],
          source: 'manual',
        });
        const racing = changeReportStatus(handle.db, office, orgId, id, 'submitted').then((r) => {
          submitted = true;
          return r;
        });
        await someoneWaitsForLock(handle.db);
        assert.equal(submitted, false, 'the submission did not wait for the save');
        await saving.commit().execute();
        assert.equal((await racing).status, 'submitted');
      } finally {
        if (!saving.isCommitted) await saving.rollback().execute();
      }
      assert.deepEqual(await stored('2019-07'), [8], 'the director sees the figure saved before submission');
      assert.equal((await refusal(save('2019-07', 9))).code, 'value.submitted');
      await changeReportStatus(handle.db, director, orgId, id, 'approved');
      assert.equal((await refusal(save('2019-07', 9))).code, 'value.locked');
    });
  });
}
