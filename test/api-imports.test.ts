import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { before, test } from 'node:test';
import { listAudit } from '../src/db/audit.repository.js';
import type { ReviewValue } from '../src/server/api-types.js';
import { DEMO_ORG, describeDemoApi, orgPath } from '../src/server/testing.js';
import { setValues } from '../src/services/value.service.js';

// Seed 004: the April 2021 report (14.477 of 18.182 documents signed, 6.990 iOffice users).
const SEED_FILE = 'fixtures/seeds/004_e05fcdfcee13791a.txt';

function form(name: string, content: Uint8Array | string, type = 'text/plain'): FormData {
  const data = new FormData();
  const part = typeof content === 'string' ? content : new Uint8Array(content);
  data.set('file', new File([part], name, { type }));
  return data;
}

describeDemoApi(
  'API import of an old report: upload, review, accept',
  ['vanphong', 'cntt', 'phantich'],
  (api, [office, editor, analyst]) => {
    let seed: Uint8Array;

    before(async () => {
      // The demo seed imported seed 004 already; a re-saved copy (one more line) is a new file to the importer.
      seed = new Uint8Array(Buffer.concat([await readFile(SEED_FILE), Buffer.from('\n')]));
    });

    /** Accepts an upload as reviewed, checks the period it was stored under, and reads back its documents sent. */
    const acceptedDocsSent = async (importId: string, periodId: string) => {
      const accepted = await office.post(orgPath(`/imports/${importId}/accept`), { values: [] });
      assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
      assert.equal(accepted.body.periodId, periodId);
      const stored = await office.get(orgPath(`/values?period=${periodId}`));
      return (stored.body as Array<{ indicator: string; value: number }>).find(
        (v) => v.indicator === 'ioffice.docs_sent',
      )?.value;
    };

    test('only office and admin may upload', async () => {
      for (const client of [editor, analyst]) {
        const r = await client.post(orgPath('/imports'), form('004.txt', seed));
        assert.equal(r.status, 403);
      }
    });

    test('files of other types, or whose content does not match the extension, are refused', async () => {
      const exe = await office.post(orgPath('/imports'), form('virus.exe', 'MZ\u0090'));
      assert.equal(exe.status, 415);
      assert.equal(exe.body.error.code, 'import.type');
      const fakePdf = await office.post(orgPath('/imports'), form('bao-cao.pdf', 'not a pdf at all'));
      assert.equal(fakePdf.status, 415);
      const fakeDocx = await office.post(orgPath('/imports'), form('bao-cao.docx', '%PDF-1.4'));
      assert.equal(fakeDocx.status, 415);
      const binaryText = await office.post(
        orgPath('/imports'),
        form('bao-cao.txt', new Uint8Array([65, 0, 66, 0, 0])),
      );
      assert.equal(binaryText.status, 415);
      const empty = await office.post(orgPath('/imports'), form('rong.txt', ''));
      assert.equal(empty.status, 400);
      const noFile = await office.post(orgPath('/imports'), new FormData());
      assert.equal(noFile.status, 400);
    });

    test('upload → the figures with their place in the source text, nothing stored; accept applies the review', async () => {
      // A figure sent earlier through the API, which the import overwrites and the review rejects.
      await setValues(api.db, 'api-client', {
        orgId: DEMO_ORG,
        periodId: '2021-04',
        values: [{ indicator: 'ioffice.docs_signed', value: 14000 }],
        source: 'api',
      });
      const before = await api.db
        .selectFrom('reports')
        .select('id')
        .where('origin', '=', 'imported')
        .execute();
      const uploaded = await office.post(orgPath('/imports'), form('004_thang4_2021.txt', seed));
      assert.equal(uploaded.status, 201, JSON.stringify(uploaded.body));
      assert.equal(uploaded.body.status, 'review');
      assert.equal(uploaded.body.meta.periodId, '2021-04');
      const values = uploaded.body.values as ReviewValue[];
      const find = (code: string) => values.find((v) => v.indicator === code);
      const sent = find('ioffice.docs_sent');
      const signed = find('ioffice.docs_signed');
      const users = find('ioffice.users');
      assert.equal(sent?.value, 18182);
      assert.equal(signed?.value, 14477);
      assert.equal(users?.value, 6990);
      // Offsets point at the figure in the source text returned with it.
      const text: string = uploaded.body.sourceText;
      assert.match(text.slice(sent?.start ?? 0, sent?.end ?? 0), /18\.182/);
      const after = await api.db
        .selectFrom('reports')
        .select('id')
        .where('origin', '=', 'imported')
        .execute();
      assert.equal(after.length, before.length, 'no report stored before acceptance');

      const listed = await office.get(orgPath('/imports'));
      assert.equal(listed.body[0].status, 'review');
      assert.equal(listed.body[0].id, uploaded.body.importId);

      const accepted = await office.post(orgPath(`/imports/${uploaded.body.importId}/accept`), {
        values: [
          { id: signed?.id, accept: false },
          { id: users?.id, accept: true, value: '7.000' },
          { id: sent?.id, accept: true },
        ],
      });
      assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
      assert.equal(accepted.body.periodId, '2021-04');
      assert.equal(accepted.body.rejected, 1);
      assert.equal(accepted.body.corrected, 1);
      assert.ok(accepted.body.reportId);

      const stored = await office.get(orgPath('/values?period=2021-04'));
      const byCode = new Map(
        stored.body
          .filter((v: { breakdown: string }) => v.breakdown === '')
          .map((v: { indicator: string }) => [v.indicator, v]),
      );
      const usersNow = byCode.get('ioffice.users') as { value: number; source: string };
      assert.deepEqual([usersNow.value, usersNow.source], [7000, 'manual']);
      const sentNow = byCode.get('ioffice.docs_sent') as { value: number; source: string };
      // Accepted as read and equal to what the seed's import stored: left as it was.
      assert.deepEqual([sentNow.value, sentNow.source], [18182, 'import']);
      // Rejected: the value the store held before the import is back.
      const signedNow = byCode.get('ioffice.docs_signed') as { value: number; source: string };
      assert.deepEqual([signedNow.value, signedNow.source], [14000, 'api']);

      const report = await office.get(orgPath(`/reports/${accepted.body.reportId}`));
      assert.equal(report.body.origin, 'imported');
      assert.equal(report.body.periodId, '2021-04');
      const items = await office.get(orgPath(`/reports/${accepted.body.reportId}/items`));
      assert.ok(items.body.length > 10, `imported items: ${items.body.length}`);

      const audit = await listAudit(api.db, { orgId: DEMO_ORG, entity: 'import' });
      assert.equal(audit[0]?.action, 'import.accept');
      const again = await office.post(orgPath(`/imports/${uploaded.body.importId}/accept`), { values: [] });
      assert.equal(again.status, 404);
    });

    test('a file that names no period is read again under the period the person chooses', async () => {
      const text = [
        'SỞ THÔNG TIN VÀ TRUYỀN THÔNG',
        '',
        'BÁO CÁO',
        '',
        'Kết quả công tác',
        '',
        'I. KẾT QUẢ THỰC HIỆN',
        '',
        '1. Công tác văn thư',
        '',
        'Tổng văn bản đi trong tháng: 1.234, ký số 1.000 văn bản (tỷ lệ 81,04%).',
      ].join('\n');
      const unknown = await office.post(orgPath('/imports'), form('khong-ro-ky.txt', text));
      assert.equal(unknown.status, 422);
      assert.equal(unknown.body.error.code, 'import.period_unknown');
      assert.match(unknown.body.error.message, /Hãy chọn kỳ báo cáo/);

      const badPeriod = form('khong-ro-ky.txt', text);
      badPeriod.set('periodId', '2019-13');
      const invalid = await office.post(orgPath('/imports'), badPeriod);
      assert.equal(invalid.status, 400);
      assert.equal(invalid.body.error.code, 'period.invalid');

      const stated = form('khong-ro-ky.txt', text);
      stated.set('periodId', '2019-03');
      const uploaded = await office.post(orgPath('/imports'), stated);
      assert.equal(uploaded.status, 201, JSON.stringify(uploaded.body));
      assert.equal(uploaded.body.meta.periodId, '2019-03');
      assert.equal(uploaded.body.meta.kind, 'monthly');
      assert.equal(uploaded.body.meta.planPeriodId, '2019-04');
      const sent = (uploaded.body.values as ReviewValue[]).find((v) => v.indicator === 'ioffice.docs_sent');
      assert.equal(sent?.value, 1234);

      // Accepting stores the figures under the chosen period.
      assert.equal(await acceptedDocsSent(uploaded.body.importId, '2019-03'), 1234);
    });

    test('a stated period that differs from the one the text names is used, with a warning', async () => {
      const stated = form('004-ky-khac.txt', Buffer.concat([Buffer.from(seed), Buffer.from('\n\n')]));
      stated.set('periodId', '2021-05');
      const uploaded = await office.post(orgPath('/imports'), stated);
      assert.equal(uploaded.status, 201, JSON.stringify(uploaded.body));
      assert.equal(uploaded.body.meta.periodId, '2021-05');
      // The text plans May (the month after its April): under May, the plan part is June's.
      assert.equal(uploaded.body.meta.planPeriodId, '2021-06');
      assert.ok(
        (uploaded.body.warnings as string[]).includes(
          'Kỳ báo cáo theo người nhập: tháng 5 năm 2021; văn bản ghi tháng 4 năm 2021.',
        ),
        JSON.stringify(uploaded.body.warnings),
      );
    });

    test('a waiting upload is read again under another period; accepting stores under it', async () => {
      const copy = form('004-doi-ky.txt', Buffer.concat([Buffer.from(seed), Buffer.from('\n\n\n')]));
      const uploaded = await office.post(orgPath('/imports'), copy);
      assert.equal(uploaded.status, 201, JSON.stringify(uploaded.body));
      assert.equal(uploaded.body.meta.periodId, '2021-04');
      const path = orgPath(`/imports/${uploaded.body.importId}/period`);

      const invalid = await office.post(path, { periodId: '2021-13' });
      assert.equal(invalid.status, 400);
      assert.equal(invalid.body.error.code, 'period.invalid');
      assert.equal((await editor.post(path, { periodId: '2020-04' })).status, 403);

      const reread = await office.post(path, { periodId: '2020-04' });
      assert.equal(reread.status, 200, JSON.stringify(reread.body));
      assert.equal(reread.body.importId, uploaded.body.importId);
      assert.equal(reread.body.meta.periodId, '2020-04');
      assert.equal(reread.body.meta.planPeriodId, '2020-05');
      assert.ok(
        (reread.body.warnings as string[]).includes(
          'Kỳ báo cáo theo người nhập: tháng 4 năm 2020; văn bản ghi tháng 4 năm 2021.',
        ),
      );
      // The figures keep their ids: decisions made before the re-read still point at them.
      assert.deepEqual(
        (reread.body.values as ReviewValue[]).map((v) => v.id),
        (uploaded.body.values as ReviewValue[]).map((v) => v.id),
      );

      assert.equal(await acceptedDocsSent(uploaded.body.importId, '2020-04'), 18182);
      const gone = await office.post(path, { periodId: '2020-05' });
      assert.equal(gone.status, 404);
    });

    test('the same file uploaded and accepted a second time is a duplicate (409)', async () => {
      const uploaded = await office.post(orgPath('/imports'), form('004-copy.txt', seed));
      assert.equal(uploaded.status, 201);
      const accepted = await office.post(orgPath(`/imports/${uploaded.body.importId}/accept`), {
        values: [],
      });
      assert.equal(accepted.status, 409);
      assert.equal(accepted.body.error.code, 'import.duplicate');
    });
  },
);
