import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { Kysely } from 'kysely';
import { createReport, replaceReportContent } from '../db/report.repository.js';
import type { Database } from '../db/schema.js';
import { saveSentenceTemplate } from '../db/template.repository.js';
import {
  draftReportRow,
  storedCnttSection,
  TEST_ORG_ID,
  testEngines,
  useTestDatabase,
} from '../db/testing.js';
import { upsertValues } from '../db/value.repository.js';
import { defaultCatalogue } from '../domain/default-catalogue.js';
import { isAppError } from '../domain/errors.js';
import { type ReportDocument, walkSections } from '../domain/report-document.js';
import { buildReport, buildReportDocument } from './build-report.js';

// A synthetic year of month values, 2021. Hand-computed expectations:
// ca.issued (flow) Jan–Sep 10+12+8+15+9+11+7+13+14 = 99; the year adds 6+10+5 = 120.
// ca.revoked 2 a month: 18 in 9 months, 24 in the year.
// ca.total (stock) 2000 + 10·month: 2.090 at September, 2.120 at December; ca.org 400; ca.personal = total − 400.
// ioffice.docs_sent 20000 + 100·month: 184.500 (9 months), 247.800 (year); docs_signed 15000 a month: 135.000 / 180.000.
// ioffice.signed_ratio recomputed: 135000/184500 = 73,17%; 180000/247800 = 72,64% (the stored 70% months are not averaged).
const ISSUED = [10, 12, 8, 15, 9, 11, 7, 13, 14, 6, 10, 5];

function monthId(month: number): string {
  return `2021-${String(month).padStart(2, '0')}`;
}

async function storeYear(db: Kysely<Database>): Promise<void> {
  const rows = [];
  const value = (
    indicatorCode: string,
    periodId: string,
    scope: 'period' | 'as_of_end' | 'cumulative',
    v: number,
  ) => ({
    orgId: TEST_ORG_ID,
    unitId: null,
    indicatorCode,
    periodId,
    scope,
    breakdown: '',
    value: v,
    source: 'seed' as const,
  });
  for (let month = 1; month <= 12; month++) {
    const id = monthId(month);
    rows.push(
      value('ca.issued', id, 'period', ISSUED[month - 1]!),
      value('ca.revoked', id, 'period', 2),
      value('ca.total', id, 'as_of_end', 2000 + 10 * month),
      value('ca.org', id, 'as_of_end', 400),
      value('ca.personal', id, 'as_of_end', 1600 + 10 * month),
      value('ioffice.docs_sent', id, 'period', 20000 + 100 * month),
      value('ioffice.docs_signed', id, 'period', 15000),
      value('ioffice.signed_ratio', id, 'period', 70),
    );
  }
  rows.push(
    value('covid.qr_scans', '2021-03', 'cumulative', 1_948_356),
    value('covid.qr_scans', '2021-04', 'cumulative', 2_053_756),
  );
  await upsertValues(db, rows, 'test');
}

function allItemTexts(doc: ReportDocument): string[] {
  return [...walkSections(doc.sections)].flatMap((s) => s.items.map((i) => i.text));
}

function sectionByKey(doc: ReportDocument, key: string) {
  return [...walkSections(doc.sections)].find((s) => s.key === key);
}

for (const engine of testEngines()) {
  describe(`buildReport (${engine})`, () => {
    const handle = useTestDatabase(engine, { seed: defaultCatalogue().indicators });
    before(async () => {
      await storeYear(handle.db);
    });

    test('a month: figures as stored, the stated ratio computed, the change against the previous month', async () => {
      const { document } = await buildReport(handle.db, { orgId: TEST_ORG_ID, periodId: '2021-04' });
      const texts = allItemTexts(document);
      assert.ok(
        texts.includes(
          'Chứng thư số chuyên dùng: trong tháng, cấp mới 15 chứng thư số, thu hồi 02 chứng thư số, nâng tổng số 2.040 chứng thư số (400 chứng thư số tổ chức; 1.640 chứng thư số cá nhân).',
        ),
        texts.join('\n'),
      );
      // 15000 / 20400 = 73,529…% → 73,53%, not the stored 70%.
      assert.ok(
        texts.includes(
          'Trong tháng, có 20.400 văn bản điện tử phát hành trên hệ thống, trong đó có 15.000 văn bản được ký số (tỷ lệ 73,53%).',
        ),
      );
      assert.ok(
        texts.some((t) =>
          t.includes('tổng lượt quét: 2.053.756 lượt quét, tăng 105.400 lượt quét so với tháng trước'),
        ),
      );
      const ratio = document.values.find((v) => v.indicator === 'ioffice.signed_ratio');
      assert.equal(ratio?.value, 73.53);
      assert.equal(document.meta.periodId, '2021-04');
      assert.equal(document.meta.planPeriodId, '2021-05');
      assert.equal(
        document.meta.title,
        'kết quả công tác thông tin và truyền thông tháng 4 năm 2021 và kế hoạch công tác tháng 5 năm 2021',
      );
      assert.equal(document.meta.agency, 'Sở Thông tin và Truyền thông tỉnh Trà Vinh');
      assert.equal(document.meta.parentAuthority, 'UBND TỈNH TRÀ VINH');
      assert.deepEqual(document.meta.signer, {
        name: 'Nguyễn Văn Chuẩn',
        position: 'PHÓ GIÁM ĐỐC',
        onBehalf: 'KT. GIÁM ĐỐC',
      });
      assert.equal(document.meta.recipients.at(-1), 'Lưu: VT');
    });

    test('9 months: flows summed, stocks at September, the ratio recomputed; the plan names the last quarter', async () => {
      const document = await buildReportDocument(handle.db, { orgId: TEST_ORG_ID, periodId: '2021-9M' });
      const texts = allItemTexts(document);
      assert.ok(
        texts.includes(
          'Chứng thư số chuyên dùng: trong 9 tháng đầu năm, cấp mới 99 chứng thư số, thu hồi 18 chứng thư số, nâng tổng số 2.090 chứng thư số (400 chứng thư số tổ chức; 1.690 chứng thư số cá nhân).',
        ),
        texts.join('\n'),
      );
      assert.ok(
        texts.includes(
          'Trong 9 tháng đầu năm, có 184.500 văn bản điện tử phát hành trên hệ thống, trong đó có 135.000 văn bản được ký số (tỷ lệ 73,17%).',
        ),
      );
      assert.equal(document.meta.kind, 'nine_months');
      assert.equal(document.meta.planPeriodId, '2021-Q4');
      assert.match(
        document.meta.title ?? '',
        /9 tháng đầu năm 2021 và kế hoạch công tác 3 tháng cuối năm 2021$/,
      );
      const plan = sectionByKey(document, 'ke_hoach');
      assert.equal(plan?.title, 'KẾ HOẠCH CÔNG TÁC 3 THÁNG CUỐI NĂM 2021');
      assert.equal(plan?.number, 'IV');
      assert.equal(plan?.items[0]?.text.startsWith('Trong 3 tháng cuối năm 2021,'), true);
    });

    test('a quarter: "trong quý", Jan–Mar summed, stock at March; the plan is the next quarter', async () => {
      const document = await buildReportDocument(handle.db, { orgId: TEST_ORG_ID, periodId: '2021-Q1' });
      // 10 + 12 + 8 = 30 issued, 3 × 2 = 6 revoked, 2000 + 30 = 2.030 at March.
      assert.ok(
        allItemTexts(document).includes(
          'Chứng thư số chuyên dùng: trong quý, cấp mới 30 chứng thư số, thu hồi 06 chứng thư số, nâng tổng số 2.030 chứng thư số (400 chứng thư số tổ chức; 1.630 chứng thư số cá nhân).',
        ),
      );
      assert.equal(
        document.meta.title,
        'kết quả công tác thông tin và truyền thông quý I năm 2021 và kế hoạch công tác quý II năm 2021',
      );
      assert.equal(document.meta.planPeriodId, '2021-Q2');
    });

    test('a year: flows of twelve months, stocks at December, the ratio recomputed; the plan is next year', async () => {
      const document = await buildReportDocument(handle.db, { orgId: TEST_ORG_ID, periodId: '2021' });
      const texts = allItemTexts(document);
      assert.ok(
        texts.includes(
          'Chứng thư số chuyên dùng: trong năm, cấp mới 120 chứng thư số, thu hồi 24 chứng thư số, nâng tổng số 2.120 chứng thư số (400 chứng thư số tổ chức; 1.720 chứng thư số cá nhân).',
        ),
        texts.join('\n'),
      );
      assert.ok(
        texts.includes(
          'Trong năm, có 247.800 văn bản điện tử phát hành trên hệ thống, trong đó có 180.000 văn bản được ký số (tỷ lệ 72,64%).',
        ),
      );
      assert.equal(document.meta.title, 'tổng kết công tác năm 2021 và nhiệm vụ công tác năm 2022');
      assert.equal(sectionByKey(document, 'ke_hoach')?.title, 'KẾ HOẠCH CÔNG TÁC NĂM 2022');
    });

    test('qualifiers of stored values reach the sentences: a month as stored, a quarter from its months', async () => {
      const row = (indicatorCode: string, periodId: string, value: number, qualifier: string | null) => ({
        orgId: TEST_ORG_ID,
        unitId: null,
        indicatorCode,
        periodId,
        scope: 'period' as const,
        breakdown: '',
        value,
        qualifier,
        source: 'seed' as const,
      });
      await upsertValues(
        handle.db,
        [
          row('advisory.press_guidance_docs', '2022-04', 85, 'hơn'),
          row('advisory.press_guidance_docs', '2022-05', 10, null),
          row('postal.revenue', '2022-04', 38_500_000_000, 'ước'),
          row('postal.revenue', '2022-05', 40_000_000_000, null),
        ],
        'test',
      );
      const april = allItemTexts(
        await buildReportDocument(handle.db, { orgId: TEST_ORG_ID, periodId: '2022-04' }),
      );
      assert.ok(
        april.includes(
          'Ban hành hơn 85 Công văn chỉ đạo định hướng các cơ quan báo, đài tăng cường tuyên truyền.',
        ),
        april.join('\n'),
      );
      assert.ok(
        april.includes('Doanh thu các dịch vụ bưu chính, chuyển phát trong tháng ước đạt 38,5 tỷ đồng.'),
      );
      const may = allItemTexts(
        await buildReportDocument(handle.db, { orgId: TEST_ORG_ID, periodId: '2022-05' }),
      );
      assert.ok(
        may.includes('Doanh thu các dịch vụ bưu chính, chuyển phát trong tháng đạt 40 tỷ đồng.'),
        may.join('\n'),
      );
      // Quarter II: 85 (more than) + 10 = more than 95; 38,5 (estimated) + 40 = an estimated 78,5 billion.
      const quarter = allItemTexts(
        await buildReportDocument(handle.db, { orgId: TEST_ORG_ID, periodId: '2022-Q2' }),
      );
      assert.ok(
        quarter.includes(
          'Ban hành hơn 95 Công văn chỉ đạo định hướng các cơ quan báo, đài tăng cường tuyên truyền.',
        ),
        quarter.join('\n'),
      );
      assert.ok(
        quarter.includes('Doanh thu các dịch vụ bưu chính, chuyển phát trong quý ước đạt 78,5 tỷ đồng.'),
      );
    });

    test('a missing figure is marked in a draft, reported, and left out of an approved report', async () => {
      await upsertValues(
        handle.db,
        [
          {
            orgId: TEST_ORG_ID,
            unitId: null,
            indicatorCode: 'ca.issued',
            periodId: '2020-06',
            scope: 'period',
            breakdown: '',
            value: 7,
            source: 'manual',
          },
        ],
        'test',
      );
      const draft = await buildReport(handle.db, { orgId: TEST_ORG_ID, periodId: '2020-06' });
      const sentence = allItemTexts(draft.document).find((t) => t.startsWith('Chứng thư số chuyên dùng'));
      assert.equal(
        sentence,
        'Chứng thư số chuyên dùng: trong tháng, cấp mới 07 chứng thư số, thu hồi [thiếu số liệu: Số chứng thư số chuyên dùng thu hồi] chứng thư số, nâng tổng số [thiếu số liệu: Tổng số chứng thư số chuyên dùng đang hoạt động] chứng thư số.',
      );
      assert.deepEqual(
        draft.findings.map((f) => [f.rule, f.indicators[0]]),
        [
          ['figure.missing', 'ca.revoked'],
          ['figure.missing', 'ca.total'],
        ],
      );
      const approved = await buildReport(handle.db, {
        orgId: TEST_ORG_ID,
        periodId: '2020-06',
        status: 'approved',
      });
      assert.equal(
        allItemTexts(approved.document).some((t) => t.startsWith('Chứng thư số chuyên dùng')),
        false,
      );
      assert.equal(approved.findings.length, 2);
    });

    test('the stored report row and the organisation sentence overrides are used', async () => {
      await createReport(
        handle.db,
        draftReportRow(TEST_ORG_ID, '2021-05', {
          number: '512/BC-STTTT',
          issued_date: '2021-05-20',
          place: 'Trà Vinh',
          signer_name: 'Trần Văn Khoảnh',
          signer_position: 'GIÁM ĐỐC',
          recipients: ['Bộ TT&TT (b/c)', 'Lưu: VT, VP'],
        }),
      );
      await saveSentenceTemplate(
        handle.db,
        TEST_ORG_ID,
        'cntt_cqnn.ca',
        'Cấp mới {ca.issued} chứng thư số {periodWords}.',
      );
      const document = await buildReportDocument(handle.db, { orgId: TEST_ORG_ID, periodId: '2021-05' });
      assert.equal(document.meta.number, '512/BC-STTTT');
      assert.equal(document.meta.issuedDate, '2021-05-20');
      assert.deepEqual(document.meta.signer, {
        name: 'Trần Văn Khoảnh',
        position: 'GIÁM ĐỐC',
        onBehalf: null,
      });
      assert.deepEqual(document.meta.recipients, ['Bộ TT&TT (b/c)', 'Lưu: VT, VP']);
      assert.ok(allItemTexts(document).includes('Cấp mới 9 chứng thư số trong tháng.'));
    });

    test('a figure the stored narrative already states is not stated twice', async () => {
      const report = await createReport(
        handle.db,
        draftReportRow(TEST_ORG_ID, '2021-06', { origin: 'imported' }),
      );
      const imported =
        'Chứng thư số chuyên dùng: trong tháng, cấp mới 11 chứng thư số, thu hồi 02 CTS, nâng tổng số 2.060 chứng thư số (400 chứng thư số tổ chức; 1.660 chứng thư số cá nhân).';
      await replaceReportContent(
        handle.db,
        TEST_ORG_ID,
        report.id,
        [storedCnttSection([{ kind: 'result', style: 'bullet', text: imported }])],
        { source: 'import', createdBy: 'test' },
      );
      const document = await buildReportDocument(handle.db, { orgId: TEST_ORG_ID, periodId: '2021-06' });
      const items = sectionByKey(document, 'cntt_cqnn')?.items.map((i) => i.text) ?? [];
      assert.deepEqual(
        items.filter((t) => t.includes('chứng thư số')),
        [imported],
      );
      // The other sentence of the section still comes from the figures: 15000 / 20600 = 72,815…%.
      assert.ok(items.some((t) => t.includes('(tỷ lệ 72,82%)')));
      const chosen = await buildReportDocument(handle.db, {
        orgId: TEST_ORG_ID,
        periodId: '2021-06',
        reportId: report.id,
      });
      assert.deepEqual(chosen, document);
      await assert.rejects(
        buildReportDocument(handle.db, { orgId: TEST_ORG_ID, periodId: '2021-04', reportId: report.id }),
        (error: Error & { code?: string }) => error.code === 'report.unknown',
      );
      // The organisation's own wording of the sentence (saved above) states ca.issued only.
      assert.equal(document.values.find((v) => v.indicator === 'ca.issued')?.value, 11);
    });

    test('unknown organisation, invalid period and a period without data are clear errors', async () => {
      const codeOf = async (orgId: string, periodId: string) => {
        try {
          await buildReportDocument(handle.db, { orgId, periodId });
          return 'no error';
        } catch (error) {
          assert.ok(isAppError(error), String(error));
          assert.match(
            error.message,
            /[ạảãáàâấầậẫẩăắằặẵẳđêếềệễểôốồộỗổơớờợỡởưứừựữửíìịĩỉóòọõỏúùụũủýỳỵỹỷéèẹẽẻ]/,
          );
          return error.code;
        }
      };
      assert.equal(await codeOf('khong-co', '2021-04'), 'organisation.unknown');
      assert.equal(await codeOf(TEST_ORG_ID, '2021-13'), 'period.invalid');
      assert.equal(await codeOf(TEST_ORG_ID, '2015-04'), 'report.no_data');
    });
  });
}
