import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createReport, replaceReportContent } from '../db/report.repository.js';
import {
  draftReportRow,
  storedCnttSection,
  TEST_ORG_ID,
  testEngines,
  useTestDatabase,
} from '../db/testing.js';
import { walkSections } from '../domain/report-document.js';
import { buildReportDocument } from './build-report.js';

// The reports put next period's plan in their last part (seed 004: "IV. KẾ HOẠCH CÔNG TÁC THÁNG 5"):
// an item a unit writes in its own section and marks as plan goes there, not under its section.
for (const engine of testEngines()) {
  describe(`plan items in the report (${engine})`, () => {
    const handle = useTestDatabase(engine, { seed: true });

    test("a unit's plan item is written in the plan part, after the plan part's own items", async () => {
      const report = await createReport(handle.db, draftReportRow(TEST_ORG_ID, '2022-05'));
      const done = 'Triển khai ký số trên hệ thống iOffice cho 12 đơn vị cấp xã.';
      const planned = 'Tiếp tục triển khai ký số trên hệ thống iOffice cho các đơn vị cấp xã còn lại.';
      const office = 'Tham mưu tổng kết công tác 6 tháng đầu năm.';
      await replaceReportContent(
        handle.db,
        TEST_ORG_ID,
        report.id,
        [
          storedCnttSection([
            { kind: 'result', style: 'bullet', text: done },
            { kind: 'plan', style: 'bullet', text: planned },
          ]),
          {
            key: 'ke_hoach',
            level: 1,
            number: 'IV',
            title: 'KẾ HOẠCH CÔNG TÁC THÁNG 6',
            items: [{ kind: 'plan', style: 'bullet', text: office }],
            children: [],
          },
        ],
        { source: 'manual', createdBy: 'test' },
      );
      const document = await buildReportDocument(handle.db, {
        orgId: TEST_ORG_ID,
        periodId: '2022-05',
        reportId: report.id,
      });
      const texts = (key: string) =>
        [...walkSections(document.sections)].find((s) => s.key === key)?.items.map((i) => i.text) ?? [];
      assert.ok(texts('cntt_cqnn').includes(done));
      assert.equal(texts('cntt_cqnn').includes(planned), false, 'not under the unit’s own section');
      const plan = texts('ke_hoach');
      assert.match(plan[0]!, /^Trong tháng 6 năm 2022,/, 'the plan part opens with its sentence');
      assert.deepEqual(plan.slice(1), [office, planned]);
    });
  });
}
