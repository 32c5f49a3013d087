import assert from 'node:assert/strict';
import { test } from 'node:test';
import { listAudit } from '../src/db/audit.repository.js';
import { getValueHistory } from '../src/db/value.repository.js';
import { DEMO_ORG, describeDemoApi, orgPath } from '../src/server/testing.js';
import { skipWithoutTools } from './external-tools.js';

describeDemoApi(
  'API report workflow, locking and narrative items',
  ['vanphong', 'giamdoc', 'cntt', 'admin'],
  (api, [office, director, editor, admin]) => {
    let reportId: string;

    test('office creates the April 2022 draft laid out by the template; a second one is refused', async () => {
      const created = await office.post(orgPath('/reports'), { periodId: '2022-04' });
      assert.equal(created.status, 201);
      assert.equal(created.body.status, 'draft');
      assert.equal(created.body.kind, 'monthly');
      assert.equal(created.body.planPeriodId, '2022-05');
      assert.equal(
        created.body.title,
        'kết quả công tác thông tin và truyền thông tháng 4 năm 2022 và kế hoạch công tác tháng 5 năm 2022',
      );
      reportId = created.body.id;
      const again = await office.post(orgPath('/reports'), { periodId: '2022-04' });
      assert.equal(again.status, 409);
      assert.equal(again.body.error.code, 'report.exists');
      assert.equal(again.body.error.details.reportId, reportId);
    });

    test('the report downloads as a PDF (LibreOffice converts the DOCX)', {
      skip: skipWithoutTools(['soffice'], 'apt install libreoffice-writer'),
    }, async () => {
      const pdf = await office.get<string>(orgPath(`/reports/${reportId}/render?format=pdf`));
      assert.equal(pdf.status, 200);
      assert.equal(pdf.headers.get('content-type'), 'application/pdf');
      assert.match(
        pdf.headers.get('content-disposition') ?? '',
        /attachment; filename="bao-cao-2022-04\.pdf"/,
      );
      assert.ok(pdf.body.startsWith('%PDF-'));
    });

    test('the report detail has the template sections, the plan heading for May and the period findings', async () => {
      const detail = await editor.get(orgPath(`/reports/${reportId}`));
      assert.equal(detail.status, 200);
      const titles = detail.body.sections.map((s: { title: string }) => s.title);
      assert.ok(titles.includes('KẾ HOẠCH CÔNG TÁC THÁNG 5 NĂM 2022'), titles.join(' | '));
      assert.equal(detail.body.signer.onBehalf, 'KT. GIÁM ĐỐC');
      assert.ok(detail.body.recipients.at(-1).startsWith('Lưu'));
      assert.ok(Array.isArray(detail.body.findings));
      // Beside the imported seed report of the same month.
      const listed = await editor.get(orgPath('/reports?period=2022-04'));
      assert.deepEqual(
        listed.body
          .filter((r: { origin: string }) => r.origin === 'generated')
          .map((r: { id: string }) => r.id),
        [reportId],
      );
    });

    test('office numbers and dates the report; the change is audited old → new', async () => {
      const r = await office.patch(orgPath(`/reports/${reportId}`), {
        number: '1768/BC-STTTT-VP',
        issuedDate: '2022-05-12',
        signer: { name: 'Nguyễn Văn Chuẩn' },
      });
      assert.equal(r.status, 200);
      assert.equal(r.body.number, '1768/BC-STTTT-VP');
      assert.equal(r.body.issuedDate, '2022-05-12');
      const [entry] = await listAudit(api.db, {
        orgId: DEMO_ORG,
        entity: 'report',
        entityId: reportId,
        limit: 1,
      });
      assert.equal(entry?.action, 'report.update');
      assert.deepEqual(entry?.before, { number: null, issued_date: null, signer_name: 'Nguyễn Văn Chuẩn' });
      assert.equal((entry?.after as { number?: string } | undefined)?.number, '1768/BC-STTTT-VP');
    });

    test('an issue date before the period the report covers is refused, naming both', async () => {
      // The April 2022 report; under Decree 09 cut-offs April begins on 15 March.
      const early = await office.patch(orgPath(`/reports/${reportId}`), { issuedDate: '2022-02-03' });
      assert.equal(early.status, 400);
      assert.equal(early.body.error.code, 'report.issued_before_period');
      assert.equal(
        early.body.error.message,
        'Ngày ban hành 3/2/2022 sớm hơn kỳ báo cáo tháng 4 năm 2022 (bắt đầu từ 15/3/2022): báo cáo không thể ban hành trước kỳ nó báo cáo.',
      );
      const read = await office.get(orgPath(`/reports/${reportId}`));
      assert.equal(read.body.issuedDate ?? read.body.meta?.issuedDate, '2022-05-12', 'nothing changed');
      const late = await office.patch(orgPath(`/reports/${reportId}`), { issuedDate: '2022-06-02' });
      assert.equal(late.status, 200, 'a report issued after its month is usual');
    });

    test('an invalid transition is refused with 409', async () => {
      const r = await director.post(orgPath(`/reports/${reportId}/status`), { status: 'locked' });
      assert.equal(r.status, 409);
      assert.equal(r.body.error.code, 'report.transition_invalid');
    });

    test('office submits, the director approves and locks', async () => {
      assert.equal(
        (await office.post(orgPath(`/reports/${reportId}/status`), { status: 'submitted' })).status,
        200,
      );
      // The director may first send it back, saying why; the office reads the reason on the draft.
      const back = await director.post(orgPath(`/reports/${reportId}/status`), {
        status: 'draft',
        reason: 'Bổ sung số liệu chứng thư số.',
      });
      assert.equal(back.status, 200);
      const draft = await office.get(orgPath(`/reports/${reportId}`));
      assert.equal(draft.body.reopenedReason, 'Bổ sung số liệu chứng thư số.');
      assert.equal(
        (await office.post(orgPath(`/reports/${reportId}/status`), { status: 'submitted' })).status,
        200,
      );
      assert.equal(
        (await director.post(orgPath(`/reports/${reportId}/status`), { status: 'approved' })).status,
        200,
      );
      const locked = await director.post(orgPath(`/reports/${reportId}/status`), { status: 'locked' });
      assert.equal(locked.status, 200);
      assert.equal(locked.body.status, 'locked');
    });

    test("a locked report's figures cannot be changed through the API (409)", async () => {
      for (const [client, unitCode] of [
        [office, undefined],
        [editor, 'phong-cntt'],
      ] as const) {
        const r = await client.put(orgPath('/values'), {
          periodId: '2022-04',
          ...(unitCode ? { unitCode } : {}),
          values: [{ indicator: 'ioffice.docs_sent', value: '20.700' }],
        });
        assert.equal(r.status, 409);
        assert.equal(r.body.error.code, 'value.locked');
      }
      const stored = await office.get(orgPath('/values?period=2022-04'));
      const docs = stored.body.find((v: { indicator: string }) => v.indicator === 'ioffice.docs_sent');
      assert.equal(docs.value, 20601);
    });

    test("a locked report's items and metadata cannot change (409)", async () => {
      const add = await office.post(orgPath(`/reports/${reportId}/items`), {
        sectionKey: 'cntt_cqnn',
        kind: 'result',
        text: 'Không được thêm.',
      });
      assert.equal(add.status, 409);
      assert.equal(add.body.error.code, 'report.locked');
      const patch = await office.patch(orgPath(`/reports/${reportId}`), { number: '1/BC' });
      assert.equal(patch.status, 409);
    });

    test('re-opening needs a reason; with one the figures can change again and every step is audited', async () => {
      const noReason = await director.post(orgPath(`/reports/${reportId}/status`), { status: 'draft' });
      assert.equal(noReason.status, 400);
      assert.equal(noReason.body.error.code, 'report.reason_required');
      const reopened = await admin.post(orgPath(`/reports/${reportId}/status`), {
        status: 'draft',
        reason: 'Sửa số văn bản đi iOffice',
      });
      assert.equal(reopened.status, 200);
      assert.equal(reopened.body.status, 'draft');
      const saved = await office.put(orgPath('/values'), {
        periodId: '2022-04',
        values: [{ indicator: 'ioffice.docs_sent', value: '20.700' }],
        reason: 'Sửa số văn bản đi iOffice',
      });
      assert.equal(saved.status, 200);
      assert.equal(saved.body.updated, 1);
      assert.equal(saved.body.saved, 1);
      const history = await getValueHistory(api.db, {
        orgId: DEMO_ORG,
        indicatorCode: 'ioffice.docs_sent',
        periodId: '2022-04',
        unitId: null,
      });
      const last = history.at(-1);
      assert.equal(last?.oldValue, 20601);
      assert.equal(last?.newValue, 20700);
      assert.equal(last?.changedBy, 'vanphong');
      const statusAudit = await listAudit(api.db, { orgId: DEMO_ORG, entity: 'report', entityId: reportId });
      const actions = statusAudit.map((a) => a.action).reverse();
      assert.deepEqual(
        actions.filter((a) => a.startsWith('report.status')),
        [
          'report.status.submitted',
          'report.status.draft',
          'report.status.submitted',
          'report.status.approved',
          'report.status.locked',
          'report.status.draft',
        ],
      );
      const reopen = statusAudit.find((a) => a.action === 'report.status.draft');
      assert.equal(reopen?.reason, 'Sửa số văn bản đi iOffice');
      assert.deepEqual(reopen?.before, { status: 'locked' });
      const viaApi = await director.get(orgPath(`/audit?entity=report&entityId=${reportId}`));
      assert.equal(viaApi.status, 200);
      assert.equal(viaApi.body[0].action, 'report.status.draft');
      assert.equal(viaApi.body[0].reason, 'Sửa số văn bản đi iOffice');
      const valuesAudit = await listAudit(api.db, { orgId: DEMO_ORG, entity: 'values' });
      assert.equal(valuesAudit[0]?.action, 'values.save');
    });

    test('a locked 9-month report freezes the months inside it', async () => {
      const created = await office.post(orgPath('/reports'), { periodId: '2021-9M' });
      const id = created.body.id;
      await office.post(orgPath(`/reports/${id}/status`), { status: 'submitted' });
      await director.post(orgPath(`/reports/${id}/status`), { status: 'approved' });
      const r = await office.put(orgPath('/values'), {
        periodId: '2021-04',
        values: [{ indicator: 'ioffice.docs_sent', value: 1 }],
      });
      assert.equal(r.status, 409);
      assert.equal(r.body.error.details.periodId, '2021-9M');
      const outside = await office.put(orgPath('/values'), {
        periodId: '2021-10',
        values: [{ indicator: 'ioffice.docs_sent', value: 1 }],
      });
      assert.equal(outside.status, 200);
    });

    test('narrative items: add, list in order, reorder, edit, mark as plan, delete — each audited', async () => {
      const path = orgPath(`/reports/${reportId}/items`);
      const texts = ['Thứ nhất.', 'Thứ hai.', 'Thứ ba.'];
      const ids: string[] = [];
      for (const text of texts) {
        const r = await editor.post(path, { sectionKey: 'cntt_cqnn', kind: 'result', text });
        assert.equal(r.status, 201);
        assert.equal(r.body.sectionKey, 'cntt_cqnn');
        ids.push(r.body.id);
      }
      const listed = await editor.get(path);
      assert.deepEqual(
        listed.body
          .filter((i: { sectionKey: string }) => i.sectionKey === 'cntt_cqnn')
          .map((i: { text: string }) => i.text),
        texts,
      );
      const reordered = await editor.post(`${path}/reorder`, {
        sectionKey: 'cntt_cqnn',
        itemIds: [...ids].reverse(),
      });
      assert.equal(reordered.status, 200);
      const after = await editor.get(path);
      assert.deepEqual(
        after.body
          .filter((i: { sectionKey: string }) => i.sectionKey === 'cntt_cqnn')
          .map((i: { text: string }) => i.text),
        [...texts].reverse(),
      );
      const incomplete = await editor.post(`${path}/reorder`, {
        sectionKey: 'cntt_cqnn',
        itemIds: ids.slice(1),
      });
      assert.equal(incomplete.status, 400);
      assert.equal(incomplete.body.error.code, 'items.order_invalid');

      const edited = await editor.patch(`${path}/${ids[0]}`, { text: 'Thứ nhất (đã sửa).', kind: 'plan' });
      assert.equal(edited.status, 200);
      assert.equal(edited.body.kind, 'plan');
      assert.equal(edited.body.text, 'Thứ nhất (đã sửa).');
      assert.equal((await editor.delete(`${path}/${ids[1]}`)).status, 204);
      const remaining = (await editor.get(path)).body.map((i: { id: string }) => i.id);
      assert.ok(!remaining.includes(ids[1]));

      const audit = await listAudit(api.db, {
        orgId: DEMO_ORG,
        entity: 'narrative_item',
        entityId: ids[0] as string,
      });
      const update = audit.find((a) => a.action === 'item.update');
      assert.deepEqual(update?.before, { kind: 'result', text: 'Thứ nhất.' });
      const deleted = await listAudit(api.db, {
        orgId: DEMO_ORG,
        entity: 'narrative_item',
        entityId: ids[1] as string,
      });
      assert.equal(deleted[0]?.action, 'item.delete');
    });

    test("an item is reached only through its own report's path", async () => {
      const other = await office.post(orgPath('/reports'), { periodId: '2022-05' });
      const item = await office.post(orgPath(`/reports/${reportId}/items`), {
        sectionKey: 'tham_muu',
        kind: 'result',
        text: 'Mục của báo cáo tháng 4.',
      });
      const crossed = await office.patch(orgPath(`/reports/${other.body.id}/items/${item.body.id}`), {
        text: 'x',
      });
      assert.equal(crossed.status, 403);
      const unknownSection = await office.post(orgPath(`/reports/${reportId}/items`), {
        sectionKey: 'khong_co',
        kind: 'result',
        text: 'x',
      });
      assert.equal(unknownSection.status, 404);
      assert.equal(unknownSection.body.error.code, 'section.unknown');
    });
  },
);
