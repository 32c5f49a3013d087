import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { before, test } from 'node:test';
import { sql } from 'kysely';
import { listAudit } from '../src/db/audit.repository.js';
import { DEMO_ORG, describeDemoApi, orgPath } from '../src/server/testing.js';
import { setValues } from '../src/services/value.service.js';

// Seed 004 is the April 2021 report (18.182 documents sent, 14.477 signed, 6.990 iOffice users); the demo
// imported it already. The same text moved to June 2021 (no figures in the demo) is a new file, which
// also cites one document no other report cites: Quyết định số 999/QĐ-UBND.
const SEED_FILE = 'fixtures/seeds/004_e05fcdfcee13791a.txt';
const UNIQUE_CITATION =
  '- Triển khai Quyết định số 999/QĐ-UBND ngày 02/6/2021 của UBND tỉnh về chuyển đổi số năm 2021.';

async function juneReport(extra = ''): Promise<Uint8Array> {
  const april = await readFile(SEED_FILE, 'utf8');
  const text = april
    .replaceAll(/tháng 5\b/g, 'tháng 7')
    .replaceAll(/THÁNG 5\b/g, 'THÁNG 7')
    .replaceAll(/tháng 4\b/g, 'tháng 6')
    .replaceAll(/THÁNG 4\b/g, 'THÁNG 6');
  const at = text.indexOf('\n', text.indexOf('**18.182**')) + 1;
  return new Uint8Array(
    Buffer.from(`${text.slice(0, at)}${UNIQUE_CITATION}\n${text.slice(at)}${extra}`, 'utf8'),
  );
}

function form(name: string, bytes: Uint8Array, periodId?: string): FormData {
  const data = new FormData();
  data.set('file', new File([new Uint8Array(bytes)], name, { type: 'text/plain' }));
  if (periodId) data.set('periodId', periodId);
  return data;
}

describeDemoApi(
  'API withdrawal of an accepted import',
  ['vanphong', 'cntt', 'phantich', 'giamdoc', 'admin'],
  (api, [office, editor, analyst, director, admin]) => {
    let june: Uint8Array;
    before(async () => {
      june = await juneReport();
    });

    /** Everything an import may store or change, in a stable order: figures, reports, items, citations. */
    const store = async () => {
      const rows = async (query: string) =>
        (await sql.raw<Record<string, unknown>>(query).execute(api.db)).rows;
      return {
        figures:
          await rows(`SELECT indicator_code, period_id, unit_id, scope, breakdown, value::text AS value,
                               qualifier, source, source_ref, report_id, import_id
                             FROM data_values ORDER BY indicator_code, period_id, unit_id, scope, breakdown`),
        reports: await rows(
          `SELECT id, period_id, status FROM reports WHERE origin = 'imported' ORDER BY id`,
        ),
        sections: await rows(
          `SELECT s.id FROM report_sections s JOIN reports r ON r.id = s.report_id AND r.origin = 'imported' ORDER BY s.id`,
        ),
        items: await rows('SELECT id, report_id, text, source FROM narrative_items ORDER BY id'),
        mentions: await rows('SELECT id, document_id, report_id FROM citation_mentions ORDER BY id'),
        documents: await rows(
          'SELECT id, doc_key, issued_date::text AS issued_date, issuer FROM cited_documents ORDER BY id',
        ),
      };
    };
    const figure = async (periodId: string, code: string) => {
      const stored = await office.get(orgPath(`/values?period=${periodId}`));
      return (
        stored.body as Array<{ indicator: string; value: number; source: string; breakdown: string }>
      ).find((v) => v.indicator === code && v.breakdown === '');
    };
    const uploadAndAccept = async (name: string, bytes: Uint8Array, periodId?: string) => {
      const uploaded = await office.post(orgPath('/imports'), form(name, bytes, periodId));
      assert.equal(uploaded.status, 201, JSON.stringify(uploaded.body));
      const accepted = await office.post(orgPath(`/imports/${uploaded.body.importId}/accept`), {
        values: [],
      });
      assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
      return accepted.body;
    };
    const documentCited = async (docKey: string) =>
      (
        await sql<{
          n: number;
        }>`SELECT count(*)::int AS n FROM cited_documents WHERE doc_key = ${docKey}`.execute(api.db)
      ).rows[0]?.n;

    let firstId: string;

    test('withdrawing removes exactly what the import stored, gives back what it overwrote, keeps a person’s figure', async () => {
      // A figure sent through the API before the import, which the import overwrites (14.000 → 14.477).
      await setValues(api.db, 'api-client', {
        orgId: DEMO_ORG,
        periodId: '2021-06',
        values: [{ indicator: 'ioffice.docs_signed', value: 14000 }],
        source: 'api',
      });
      const beforeImport = await store();
      const accepted = await uploadAndAccept('bao-cao-thang-6-2021.txt', june);
      firstId = accepted.importId;
      assert.equal(accepted.periodId, '2021-06');
      assert.equal((await figure('2021-06', 'ioffice.docs_sent'))?.value, 18182);
      assert.equal((await figure('2021-06', 'ioffice.docs_signed'))?.value, 14477);
      // Shared citations (seed 004 cites them too) and the file's own one are in the registry.
      assert.equal(await documentCited('quyet dinh|999|QĐ-UBND'), 1);
      assert.equal(await documentCited('quyet dinh|437|QĐ-UBND'), 1);

      // Afterwards a person corrects the number of iOffice users on the entry page: 6.990 → 7.000.
      const corrected = await office.put(orgPath('/values'), {
        periodId: '2021-06',
        values: [{ indicator: 'ioffice.users', value: '7.000', scope: 'as_of_end' }],
      });
      assert.equal(corrected.status, 200, JSON.stringify(corrected.body));

      const listed = await office.get(orgPath('/imports'));
      const entry = listed.body.find(
        (e: { id: string; status: string }) => e.id === firstId && e.status !== 'review',
      );
      assert.equal(entry.status, 'stored');
      // Seed 004's annotation (fixtures/gold) holds 69 figures and 24 citations; the file adds one citation.
      // June had only the API's figure: 68 written new, 1 overwritten.
      assert.deepEqual(accepted.values, { inserted: 68, updated: 1, unchanged: 0 });
      assert.equal(accepted.citations, 25);
      assert.deepEqual(entry.stored, { figures: 69, items: accepted.items, citations: 25 });
      // What withdrawing would remove now: not the figure the person changed since.
      assert.deepEqual([entry.heldFigures, entry.withdrawable], [68, true]);

      const withdrawn = await office.post(orgPath(`/imports/${firstId}/withdraw`), {
        reason: 'Nhập nhầm kỳ',
      });
      assert.equal(withdrawn.status, 200, JSON.stringify(withdrawn.body));
      const body = withdrawn.body;
      assert.equal(body.status, 'withdrawn');
      assert.equal(body.withdrawnBy, 'vanphong');
      assert.equal(body.periodId, '2021-06');
      // Every figure it wrote is gone but the one the person changed (69 − 1); the API's one is back.
      assert.equal(body.removed.figures, 68);
      assert.equal(body.removed.restored, 1);
      assert.equal(body.removed.items, accepted.items);
      assert.equal(body.removed.citations, 25);
      // Of the documents cited, only 999/QĐ-UBND was cited by no other report.
      assert.equal(body.removed.citedDocuments, 1);
      assert.equal(body.removed.report, true);
      assert.deepEqual(body.kept, {
        figures: [
          { indicator: 'ioffice.users', scope: 'as_of_end', breakdown: '', value: 7000, reason: 'manual' },
        ],
        items: 0,
        reportId: null,
      });
      assert.match(
        body.message,
        /^Đã rút lại lần nhập số \d+ \(tệp bao-cao-thang-6-2021\.txt\): xóa \d+ số liệu/,
      );
      assert.match(body.message, /Giữ lại 1 số liệu do người dùng nhập hoặc sửa sau lần nhập/);

      // The store is as before the import, plus the person's figure; the API's figure is back.
      const after = await store();
      const users = after.figures.filter(
        (f) => f.indicator_code === 'ioffice.users' && f.period_id === '2021-06',
      ) as Array<{ value: string; source: string; import_id: number | null }>;
      assert.deepEqual(
        users.map((f) => [f.value, f.source, f.import_id]),
        [['7000', 'manual', null]],
      );
      assert.deepEqual(
        { ...after, figures: after.figures.filter((f) => !users.includes(f as (typeof users)[number])) },
        beforeImport,
      );
      const signed = await figure('2021-06', 'ioffice.docs_signed');
      assert.deepEqual([signed?.value, signed?.source], [14000, 'api']);
      assert.equal(await documentCited('quyet dinh|999|QĐ-UBND'), 0);
      assert.equal(await documentCited('quyet dinh|437|QĐ-UBND'), 1);

      // The record stays, marked withdrawn, and the audit log says what was removed.
      const relisted = await office.get(orgPath('/imports'));
      const marked = relisted.body.find(
        (e: { id: string; status: string }) => e.id === firstId && e.status !== 'review',
      );
      assert.equal(marked.status, 'withdrawn');
      assert.deepEqual([marked.heldFigures, marked.withdrawable], [0, false]);
      assert.equal(marked.withdrawnBy, 'vanphong');
      assert.ok(marked.withdrawnAt);
      const audit = await listAudit(api.db, { orgId: DEMO_ORG, entity: 'import' });
      const entryAudit = audit.find((a) => a.action === 'import.withdraw' && a.entityId === firstId);
      assert.ok(entryAudit, 'import.withdraw audited');
      assert.equal(entryAudit.reason, 'Nhập nhầm kỳ');
      assert.deepEqual((entryAudit.after as { removed: unknown }).removed, body.removed);
      assert.equal((entryAudit.before as { status: string }).status, 'stored');
    });

    test('a withdrawn import is not withdrawn twice; an unknown one is 404', async () => {
      const again = await office.post(orgPath(`/imports/${firstId}/withdraw`), {});
      assert.equal(again.status, 409);
      assert.equal(again.body.error.code, 'import.withdrawn');
      assert.match(again.body.error.message, /đã được rút lại ngày \d{1,2}\/\d{1,2}\/\d{4} \(vanphong\)/);
      // Withdrawn at 18:30 UTC on 30 June 2021: already 1 July in Vietnam, the day the message names.
      await sql`UPDATE imports SET withdrawn_at = '2021-06-30T18:30:00Z' WHERE id = ${firstId}`.execute(
        api.db,
      );
      const late = await office.post(orgPath(`/imports/${firstId}/withdraw`), {});
      assert.match(late.body.error.message, /đã được rút lại ngày 1\/7\/2021 \(vanphong\)/);
      const unknown = await office.post(orgPath('/imports/999999/withdraw'), {});
      assert.equal(unknown.status, 404);
      assert.equal(unknown.body.error.code, 'import.unknown');
      assert.equal(unknown.body.error.message, 'Không tìm thấy lần nhập số 999999.');
    });

    test('the same file is accepted again after withdrawal, here under another period', async () => {
      const uploaded = await office.post(
        orgPath('/imports'),
        form('bao-cao-thang-6-2021.txt', june, '2021-05'),
      );
      assert.equal(uploaded.status, 201, JSON.stringify(uploaded.body));
      assert.equal(uploaded.body.importedBefore, null);
      const accepted = await office.post(orgPath(`/imports/${uploaded.body.importId}/accept`), {
        values: [],
      });
      assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
      assert.equal(accepted.body.periodId, '2021-05');
      assert.notEqual(accepted.body.importId, firstId);
      assert.equal((await figure('2021-05', 'ioffice.docs_sent'))?.value, 18182);
      // Still imported once while that import stands.
      const twice = await office.post(orgPath('/imports'), form('bao-cao-thang-6-2021.txt', june, '2021-05'));
      assert.equal(twice.body.importedBefore, accepted.body.importId);
    });

    test('only the office and admins may withdraw; a held period is refused and nothing changes', async () => {
      const accepted = await uploadAndAccept('bao-cao-thang-6-2021-b.txt', await juneReport('\n'));
      const id = accepted.importId;
      for (const client of [editor, analyst, director]) {
        const r = await client.post(orgPath(`/imports/${id}/withdraw`), {});
        assert.equal(r.status, 403);
        assert.equal(r.body.error.code, 'access.denied');
      }
      // A report of the 6 months, submitted, holds June's figures for the director.
      const created = await office.post(orgPath('/reports'), { periodId: '2021-H1' });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const submitted = await office.post(orgPath(`/reports/${created.body.id}/status`), {
        status: 'submitted',
      });
      assert.equal(submitted.status, 200, JSON.stringify(submitted.body));
      const held = await store();
      const refused = await office.post(orgPath(`/imports/${id}/withdraw`), {});
      assert.equal(refused.status, 409);
      assert.equal(refused.body.error.code, 'value.submitted');
      assert.equal(refused.body.error.details.periodId, '2021-H1');
      assert.match(
        refused.body.error.message,
        /^Không rút lại lần nhập tệp bao-cao-thang-6-2021-b\.txt: số liệu tháng 6 năm 2021 đang chờ duyệt vì báo cáo 6 tháng đầu năm 2021 đã trình lãnh đạo\. Cần trả báo cáo về dự thảo trước khi rút lại\.$/,
      );
      // Approved: the same refusal as an import of that period gets, value.locked.
      const approved = await director.post(orgPath(`/reports/${created.body.id}/status`), {
        status: 'approved',
      });
      assert.equal(approved.status, 200, JSON.stringify(approved.body));
      const locked = await admin.post(orgPath(`/imports/${id}/withdraw`), {});
      assert.equal(locked.status, 409);
      assert.equal(locked.body.error.code, 'value.locked');
      assert.deepEqual(await store(), held);
      const listed = await office.get(orgPath('/imports'));
      assert.equal(
        listed.body.find((e: { id: string; status: string }) => e.id === id && e.status !== 'review').status,
        'stored',
      );

      const reopened = await director.post(orgPath(`/reports/${created.body.id}/status`), {
        status: 'draft',
        reason: 'Rút lại lần nhập tháng 6',
      });
      assert.equal(reopened.status, 200, JSON.stringify(reopened.body));
      const withdrawn = await admin.post(orgPath(`/imports/${id}/withdraw`), {});
      assert.equal(withdrawn.status, 200, JSON.stringify(withdrawn.body));
      assert.equal(withdrawn.body.withdrawnBy, 'admin');
    });

    test('a person’s items keep the report; figures another import took over stay, then come back in order', async () => {
      // June holds the API's 14.000 again and the person's 7.000 (the imports above were withdrawn).
      const first = await uploadAndAccept('thang-6-c.txt', await juneReport('\n\n'));
      // The same figures read again from another copy: that import takes them over, changing none.
      const second = await uploadAndAccept('thang-6-d.txt', await juneReport('\n\n\n'));
      assert.deepEqual(second.values, { inserted: 0, updated: 0, unchanged: 68 });
      // It wrote no figure but holds 68: withdrawing it would remove those (the first holds none now).
      const listed = await office.get(orgPath('/imports'));
      const entryOf = (id: string) =>
        listed.body.find((e: { id: string; status: string }) => e.id === id && e.status !== 'review');
      assert.equal(entryOf(second.importId).stored.figures, 0);
      assert.deepEqual([entryOf(second.importId).heldFigures, entryOf(first.importId).heldFigures], [68, 0]);

      // In the first import's report a person adds an item and edits an imported one.
      const items = await office.get(orgPath(`/reports/${first.reportId}/items`));
      const imported = items.body[0] as { id: string; sectionKey: string };
      const added = await office.post(orgPath(`/reports/${first.reportId}/items`), {
        sectionKey: imported.sectionKey,
        kind: 'result',
        text: 'Nội dung do Văn phòng bổ sung.',
      });
      assert.equal(added.status, 201, JSON.stringify(added.body));
      const edited = await office.patch(orgPath(`/reports/${first.reportId}/items/${imported.id}`), {
        text: 'Nội dung đã sửa.',
      });
      assert.equal(edited.status, 200, JSON.stringify(edited.body));

      const withdrawn = await office.post(orgPath(`/imports/${first.importId}/withdraw`), {});
      assert.equal(withdrawn.status, 200, JSON.stringify(withdrawn.body));
      const body = withdrawn.body;
      assert.equal(body.removed.figures, 0);
      assert.equal(body.removed.items, items.body.length - 1);
      assert.equal(body.removed.report, false);
      assert.deepEqual([body.kept.items, body.kept.reportId], [2, first.reportId]);
      // The kept report is named by its period, as people know it.
      assert.match(body.message, /báo cáo tháng 6 năm 2021 vì người dùng đã sửa \(còn 2 nội dung\)/);
      assert.equal(body.kept.figures.length, 68);
      assert.ok(body.kept.figures.every((f: { reason: string }) => f.reason === 'other'));
      const left = await office.get(orgPath(`/reports/${first.reportId}/items`));
      assert.deepEqual(left.body.map((i: { text: string }) => i.text).sort(), [
        'Nội dung do Văn phòng bổ sung.',
        'Nội dung đã sửa.',
      ]);
      assert.equal((await figure('2021-06', 'ioffice.docs_sent'))?.value, 18182);

      // Withdrawing the second too: what the first had replaced comes back, the API's figure included.
      const last = await office.post(orgPath(`/imports/${second.importId}/withdraw`), {});
      assert.equal(last.status, 200, JSON.stringify(last.body));
      assert.deepEqual([last.body.removed.figures, last.body.removed.restored], [68, 1]);
      assert.equal(await figure('2021-06', 'ioffice.docs_sent'), undefined);
      const signed = await figure('2021-06', 'ioffice.docs_signed');
      assert.deepEqual([signed?.value, signed?.source], [14000, 'api']);
    });
  },
);
