import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { ReportSection } from '../domain/report-document.js';
import {
  addCitations,
  citationDocKey,
  deleteReportCitations,
  getDocumentMentions,
  getReportCitations,
  searchCitedDocuments,
} from './citation.repository.js';
import { createImport, findImportByHash, updateImport } from './import.repository.js';
import {
  addNarrativeItem,
  createReport,
  deleteReport,
  getReport,
  getReportContent,
  listReports,
  replaceReportContent,
  searchNarrative,
  setReportStatus,
  updateNarrativeItem,
} from './report.repository.js';
import { TEST_ORG_ID, testEngines, useTestDatabase } from './testing.js';
import { getValues, upsertValues } from './value.repository.js';

// From seed 004 (April 2021), shortened.
const SECTIONS: ReportSection[] = [
  {
    key: null,
    level: 1,
    number: 'I',
    title: 'CÔNG TÁC QUẢN LÝ NHÀ NƯỚC',
    items: [],
    children: [
      {
        key: 'tham_muu',
        level: 2,
        number: '1',
        title: 'Công tác tham mưu, chỉ đạo, điều hành',
        items: [
          {
            kind: 'result',
            style: 'bullet',
            text: 'Tham mưu UBND tỉnh ban hành Kế hoạch số 20/KH-UBND ngày 09/3/2021.',
            start: 10,
            end: 80,
          },
          {
            kind: 'result',
            style: 'sub_bullet',
            text: 'Ban hành 02 Công văn chỉ đạo định hướng các cơ quan báo, đài.',
          },
        ],
        children: [],
      },
      {
        key: 'cntt',
        level: 2,
        number: '4',
        title: 'Ứng dụng công nghệ thông tin',
        items: [
          {
            kind: 'result',
            style: 'bullet',
            text: 'Cấp mới 04 chứng thư số chuyên dùng; thu hồi 02 chứng thư số.',
          },
        ],
        children: [],
      },
    ],
  },
  {
    key: 'ke_hoach',
    level: 1,
    number: 'IV',
    title: 'KẾ HOẠCH CÔNG TÁC THÁNG 5 NĂM 2021',
    items: [{ kind: 'plan', style: 'bullet', text: 'Tiếp tục triển khai ký số trên hệ thống iOffice.' }],
    children: [],
  },
];

/** Drops ids so a stored tree can be compared with the document it was built from. */
function withoutIds(sections: ReadonlyArray<ReportSection & { id?: number }>): ReportSection[] {
  return sections.map(({ id: _id, items, children, ...rest }) => ({
    ...rest,
    items: items.map(
      ({ id: _itemId, unitId: _unitId, ...item }: Record<string, unknown>) => item,
    ) as ReportSection['items'],
    children: withoutIds(children),
  }));
}

for (const engine of testEngines()) {
  describe(`reports, narrative, citations and imports (${engine})`, () => {
    const handle = useTestDatabase(engine, { seed: true });
    const orgId = TEST_ORG_ID;
    let reportId: number;
    before(async () => {
      const report = await createReport(handle.db, {
        org_id: orgId,
        period_id: '2021-04',
        kind: 'monthly',
        plan_period_id: '2021-05',
        title: 'Công tác thông tin và truyền thông tháng 4 và kế hoạch công tác tháng 5 năm 2021',
        signer_name: 'Nguyễn Văn Chuẩn',
        signer_position: 'PHÓ GIÁM ĐỐC',
        signer_on_behalf: 'KT. GIÁM ĐỐC',
        recipients: ['Bộ TT&TT (b/c)', 'Lưu: VT'],
        issued_date: '2021-04-20',
        origin: 'imported',
      });
      reportId = report.id;
    });

    test('a report keeps its metadata and moves through statuses', async () => {
      const report = await getReport(handle.db, orgId, reportId);
      assert.equal(report?.status, 'draft');
      assert.deepEqual(report?.recipients, ['Bộ TT&TT (b/c)', 'Lưu: VT']);
      assert.equal(report?.issued_date, '2021-04-20');
      const locked = await setReportStatus(handle.db, orgId, reportId, 'locked');
      assert.equal(locked?.status, 'locked');
      const reopened = await setReportStatus(handle.db, orgId, reportId, 'draft', 'Sửa số liệu chứng thư số');
      assert.equal(reopened?.reopened_reason, 'Sửa số liệu chứng thư số');
      assert.deepEqual(
        (await listReports(handle.db, orgId, { periodId: '2021-04' })).map((r) => r.id),
        [reportId],
      );
      assert.equal(await getReport(handle.db, 'other-org', reportId), undefined);
    });

    test('the section tree and its items round-trip, and replacing it replaces everything', async () => {
      await replaceReportContent(handle.db, orgId, reportId, SECTIONS, {
        source: 'import',
        createdBy: null,
        sourceRef: '004.txt',
      });
      assert.deepEqual(withoutIds(await getReportContent(handle.db, orgId, reportId)), SECTIONS);
      await replaceReportContent(handle.db, orgId, reportId, SECTIONS, { source: 'import', createdBy: null });
      const items = await handle.db
        .selectFrom('narrative_items')
        .select('id')
        .where('report_id', '=', reportId)
        .execute();
      assert.equal(items.length, 4);
    });

    test('items can be added and edited; search ignores case and diacritics', async () => {
      const content = await getReportContent(handle.db, orgId, reportId);
      const cntt = content[0]!.children[1]!;
      const added = await addNarrativeItem(handle.db, {
        orgId,
        reportId,
        sectionId: cntt.id,
        kind: 'result',
        text: 'Tổng số chứng thư số đang hoạt động: 1.755.',
        source: 'manual',
        createdBy: 'van-phong',
      });
      assert.equal(added.position, 1);
      assert.equal(added.text_folded, 'tong so chung thu so dang hoat dong: 1.755.');

      const hits = await searchNarrative(handle.db, orgId, 'CHUNG THU so');
      assert.deepEqual(hits.map((h) => h.text).sort(), [
        'Cấp mới 04 chứng thư số chuyên dùng; thu hồi 02 chứng thư số.',
        'Tổng số chứng thư số đang hoạt động: 1.755.',
      ]);
      assert.equal(hits[0]?.sectionTitle, 'Ứng dụng công nghệ thông tin');

      await updateNarrativeItem(handle.db, orgId, added.id, { text: 'Tổng số chứng thư số: 1.756.' });
      assert.equal((await searchNarrative(handle.db, orgId, 'dang hoat dong')).length, 0);
      assert.equal((await searchNarrative(handle.db, orgId, '1.756')).length, 1);
      assert.equal((await searchNarrative(handle.db, orgId, '100%')).length, 0);

      // Words are whole: "so" is "số" or "sở", not the start of "soát"; a regex character is itself.
      await addNarrativeItem(handle.db, {
        orgId,
        reportId,
        sectionId: cntt.id,
        kind: 'result',
        text: 'Kiểm soát thủ tục hành chính (TTHC) trên Cổng dịch vụ công.',
        source: 'manual',
        createdBy: 'van-phong',
      });
      const texts = async (query: string) =>
        (await searchNarrative(handle.db, orgId, query)).map((h) => h.text);
      assert.ok(!(await texts('so')).some((t) => t.startsWith('Kiểm soát')));
      assert.deepEqual(await texts('kiem soat'), [
        'Kiểm soát thủ tục hành chính (TTHC) trên Cổng dịch vụ công.',
      ]);
      assert.deepEqual(await texts('(tthc)'), [
        'Kiểm soát thủ tục hành chính (TTHC) trên Cổng dịch vụ công.',
      ]);
      assert.deepEqual(await texts('tthc'), ['Kiểm soát thủ tục hành chính (TTHC) trên Cổng dịch vụ công.']);
      assert.deepEqual(await texts('kiem soa'), []);
      assert.deepEqual(await texts('1.75.'), []);
      // Characters folding turns into expression characters ("⁅" → "[", "∖" → "\\", "∣" → "|", "…" → "...")
      // and a backslash stand for themselves: no error, no match of everything.
      for (const query of ['⁅', '∖', '∣', 'kiem…', '\\', 'a|b'])
        assert.deepEqual(await texts(query), [], query);
    });

    test('citations: one registry entry per document however it is spelled, with every mention', async () => {
      assert.equal(
        citationDocKey({ type: 'Quyết định', number: '0695', symbol: 'QĐ - UBND' }),
        citationDocKey({ type: 'quyết định', number: '695', symbol: 'qđ-ubnd' }),
      );
      const ids = await addCitations(handle.db, orgId, reportId, [
        {
          type: 'Kế hoạch',
          number: '20',
          symbol: 'KH-UBND',
          date: '2021-03-09',
          issuer: null,
          text: 'Kế hoạch số 20/KH-UBND ngày 09/3/2021',
          start: 40,
        },
        {
          type: 'Quy định',
          number: '205',
          symbol: 'QĐ/TW',
          date: null,
          issuer: null,
          text: 'Quy định số 205-QĐ/TW',
          start: 90,
        },
        {
          type: 'Kế hoạch',
          number: '20',
          symbol: 'KH-UBND',
          date: null,
          issuer: 'UBND tỉnh',
          text: 'Kế hoạch 20/KH-UBND',
          start: 300,
        },
      ]);
      assert.equal(ids[0], ids[2]);
      assert.notEqual(ids[0], ids[1]);

      const found = await searchCitedDocuments(handle.db, orgId, 'ke hoach 20');
      assert.equal(found.length, 1);
      assert.equal(found[0]?.issued_date, '2021-03-09');
      assert.equal(found[0]?.issuer, 'UBND tỉnh');
      assert.equal(found[0]?.mentions, 2);
      assert.equal(found[0]?.reports, 1);
      assert.equal((await searchCitedDocuments(handle.db, orgId, 'QĐ/TW'))[0]?.number, '205');

      const mentions = await getDocumentMentions(handle.db, orgId, ids[0]!);
      assert.deepEqual(
        mentions.map((m) => [m.periodId, m.startOffset]),
        [
          ['2021-04', 40],
          ['2021-04', 300],
        ],
      );
      assert.deepEqual(
        (await getReportCitations(handle.db, orgId, reportId)).map((c) => c.document.symbol),
        ['KH-UBND', 'QĐ/TW', 'KH-UBND'],
      );
      await deleteReportCitations(handle.db, orgId, reportId);
      assert.equal((await getReportCitations(handle.db, orgId, reportId)).length, 0);
      assert.equal((await searchCitedDocuments(handle.db, orgId, '')).length, 2);
    });

    test('an import is unique per file hash and links to its report', async () => {
      const created = await createImport(handle.db, {
        orgId,
        fileName: '004.docx',
        fileHash: 'e05fcdfcee13791a',
        mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        status: 'stored',
        createdBy: 'admin',
      });
      await assert.rejects(
        createImport(handle.db, {
          ...{ orgId, fileName: 'copy.docx', fileHash: 'e05fcdfcee13791a', mediaType: 'x', status: 'stored' },
          createdBy: null,
        }),
      );
      await updateImport(handle.db, orgId, created.id, {
        status: 'accepted',
        reportId,
        summary: { values: 42 },
        findings: [{ rule: 'parts_sum' }],
      });
      const found = await findImportByHash(handle.db, orgId, 'e05fcdfcee13791a');
      assert.equal(found?.status, 'accepted');
      assert.equal(found?.report_id, reportId);
      assert.deepEqual(found?.summary, { values: 42 });
      assert.deepEqual(found?.messages, []);
      assert.deepEqual(found?.findings, [{ rule: 'parts_sum' }]);
    });

    test('deleting a report removes its content and keeps its values, unlinked', async () => {
      await upsertValues(
        handle.db,
        [
          {
            orgId,
            unitId: null,
            indicatorCode: 'ca.total',
            periodId: '2021-04',
            scope: 'as_of_end',
            breakdown: '',
            value: 1755,
            source: 'import',
            reportId,
          },
        ],
        null,
      );
      assert.equal(await deleteReport(handle.db, orgId, reportId), true);
      assert.equal(await getReport(handle.db, orgId, reportId), undefined);
      const values = await getValues(handle.db, { orgId, periodIds: ['2021-04'] });
      assert.deepEqual(
        values.map((v) => [v.value, v.reportId]),
        [[1755, null]],
      );
      const sections = await handle.db.selectFrom('report_sections').select('id').execute();
      assert.equal(sections.length, 0);
    });
  });
}
