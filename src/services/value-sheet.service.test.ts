import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { listAudit } from '../db/audit.repository.js';
import { testEngines, useTestDatabase } from '../db/testing.js';
import { getUserByUsername } from '../db/user.repository.js';
import { getValueHistory, getValues, type StoredValue } from '../db/value.repository.js';
import { refusal } from '../domain/errors.test-helper.js';
import type { Auth } from './access.js';
import { seedDemo } from './seed.service.js';
import { exportValueSheet, importValueSheet } from './value-sheet.service.js';

const ORG = 'stttt-travinh';

/**
 * Seed 004, the April 2021 report, as fixtures/gold/004_e05fcdfcee13791a.json annotates it by hand:
 * [indicator, scope, value, qualifier].
 */
const APRIL_2021: Array<[string, string, number, string | null]> = [
  ['ioffice.docs_sent', 'trong kỳ', 18182, null], // "Tổng văn bản đi trong tháng: 18.182"
  ['ioffice.docs_signed', 'trong kỳ', 14477, null], // "ký số 14.477 văn bản"
  ['ioffice.signed_ratio', 'trong kỳ', 79.62, null], // "tỷ lệ 79,62%"
  ['ioffice.users', 'cuối kỳ', 6990, null], // "tổng số người dùng trên hệ thống là 6.990"
  ['ca.total', 'cuối kỳ', 2223, null], // "nâng tổng số 2.223 chứng thư số"
  ['ca.personal_usb', 'cuối kỳ', 1719, null], // "1.719 USB"
  ['dvc.services_total', 'cuối kỳ', 1858, null], // "cung cấp 1.858 dịch vụ công trực tuyến"
  ['dvc.dossiers_level3_online_ratio', 'trong kỳ', 16.8, null], // "tỷ lệ 16,8%"
  ['portal.component_site_posts', 'trong kỳ', 469, 'khoảng'], // "đã đăng khoảng 469 tin, bài"
  ['ca.personal_sim', 'cuối kỳ', 35, null], // "35 SIM PKI"
];

/** A stored value as a spreadsheet keeps it: what must survive export → import. */
const figure = (v: StoredValue) => [v.indicatorCode, v.periodId, v.scope, v.breakdown, v.value, v.qualifier];

const utf8 = (text: string) => new TextEncoder().encode(text);

for (const engine of testEngines()) {
  describe(`value sheets: export and import (${engine})`, () => {
    const handle = useTestDatabase(engine);
    const authOf = async (username: string): Promise<Auth> => {
      const user = (await getUserByUsername(handle.db, ORG, username))!;
      return { db: handle.db, orgId: ORG, userId: user.id, username };
    };
    const stored = async (periodIds: string[]) =>
      (await getValues(handle.db, { orgId: ORG, periodIds, unitId: null })).map(figure);
    const importCount = async () =>
      (await listAudit(handle.db, { orgId: ORG, entity: 'values' })).filter(
        (e) => e.action === 'values.import',
      ).length;

    before(async () => {
      await seedDemo(handle.db);
    });

    test('April 2021 as XLSX: the seed figures in numeric cells; imported back, the same figures', async () => {
      const before = await stored(['2021-04']);
      assert.ok(before.length >= APRIL_2021.length);
      const file = await exportValueSheet(handle.db, null, { orgId: ORG, from: '2021-04', format: 'xlsx' });
      assert.equal(file.fileName, 'Số liệu chỉ tiêu 2021-04.xlsx');
      assert.equal(file.asciiFileName, 'So lieu chi tieu 2021-04.xlsx');
      assert.equal(file.contentType, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');

      // The file itself, read with exceljs: code in A, scope in D, April in F, its note in G.
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(Buffer.from(file.body) as never);
      const sheet = workbook.getWorksheet('Số liệu')!;
      assert.equal(sheet.getCell('F1').value, '2021-04');
      assert.equal(sheet.getCell('G1').value, 'Ghi chú 2021-04');
      const rows = new Map<string, ExcelJS.Row>();
      sheet.eachRow((row) => {
        rows.set(`${row.getCell(1).value}|${row.getCell(4).value}`, row);
      });
      for (const [code, scope, value, qualifier] of APRIL_2021) {
        const row = rows.get(`${code}|${scope}`);
        assert.ok(row, `${code} (${scope}) has a row`);
        assert.equal(row.getCell(6).value, value, code);
        assert.equal(typeof row.getCell(6).value, 'number', code);
        assert.equal(row.getCell(7).value ?? null, qualifier, code);
      }

      // Imported over the store as it is: every figure equal, nothing written.
      const again = await importValueSheet(handle.db, {
        orgId: ORG,
        file: { name: file.fileName, bytes: file.body },
        auth: null,
        actor: 'kiem-tra',
      });
      assert.deepEqual([again.inserted, again.updated, again.unchanged], [0, 0, before.length]);

      // Imported into an empty period: the same figures come back.
      await sql`DELETE FROM data_values WHERE org_id = ${ORG} AND period_id = '2021-04'`.execute(handle.db);
      const result = await importValueSheet(handle.db, {
        orgId: ORG,
        file: { name: file.fileName, bytes: file.body },
        auth: null,
        actor: 'kiem-tra',
      });
      assert.deepEqual([result.inserted, result.updated, result.unchanged], [before.length, 0, 0]);
      assert.deepEqual(await stored(['2021-04']), before);
      assert.deepEqual(
        result.periods.map((p) => p.periodId),
        ['2021-04'],
      );
      // The checks of seed 004 run on the imported figures: 1.719 USB + 35 SIM ≠ 1.755 personal certificates.
      assert.ok(result.periods[0]!.findings.some((f) => f.indicators.includes('ca.personal_usb')));
    });

    test('9 months of 2021 as CSV: breakdown labels, decimals and long notes survive the round trip', async () => {
      const before = await stored(['2021-9M']);
      assert.ok(before.some(([, , , breakdown]) => breakdown !== ''));
      const file = await exportValueSheet(handle.db, null, { orgId: ORG, from: '2021-9M', format: 'csv' });
      assert.equal(file.contentType, 'text/csv; charset=utf-8');
      const text = new TextDecoder().decode(file.body);
      // Seed 002: "ước đạt 38,5 tỷ đồng" postal revenue; "thanh long 2,3 tấn".
      assert.match(text, /\npostal\.revenue,[^\n]*,38\.500\.000\.000,ước\r/);
      assert.match(
        text,
        /\necommerce\.produce_sold,[^\n]*,lũy kế,,"2,3",thanh long; từ đầu tháng 8\/2021 đến nay\r/,
      );
      await sql`DELETE FROM data_values WHERE org_id = ${ORG} AND period_id = '2021-9M'`.execute(handle.db);
      const result = await importValueSheet(handle.db, {
        orgId: ORG,
        file: { name: 'chin-thang.csv', bytes: file.body },
        auth: null,
      });
      assert.equal(result.inserted, before.length);
      assert.deepEqual(await stored(['2021-9M']), before);
    });

    test('a range of months is one column each; a clerk fills two new months the Vietnamese way', async () => {
      const file = await exportValueSheet(handle.db, null, {
        orgId: ORG,
        from: '2022-01',
        to: '2022-12',
        format: 'xlsx',
      });
      assert.equal(file.fileName, 'Số liệu chỉ tiêu 2022-01 đến 2022-12.xlsx');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(Buffer.from(file.body) as never);
      const header = (workbook.getWorksheet('Số liệu')!.getRow(1).values as unknown[]).slice(6, 18);
      assert.deepEqual(
        header,
        [...Array(12)].map((_, i) => `2022-${String(i + 1).padStart(2, '0')}`),
      );

      const clerk = utf8(
        'Mã chỉ tiêu,Tên chỉ tiêu,2022-05,2022-06,Ghi chú 2022-06\r\n' +
          'ioffice.docs_sent,Văn bản đi,21.034,"20.512",\r\n' +
          'ioffice.signed_ratio,Tỷ lệ ký số,"78,44","30,73%",ước\r\n' +
          'ca.total,Chứng thư số,2.301,,\r\n',
      );
      const result = await importValueSheet(handle.db, {
        orgId: ORG,
        file: { name: 'thang-5-6.csv', bytes: clerk },
        auth: await authOf('vanphong'),
      });
      assert.deepEqual([result.figures, result.inserted], [5, 5]);
      assert.deepEqual(await stored(['2022-05', '2022-06']), [
        ['ca.total', '2022-05', 'as_of_end', '', 2301, null],
        ['ioffice.docs_sent', '2022-05', 'period', '', 21034, null],
        ['ioffice.docs_sent', '2022-06', 'period', '', 20512, null],
        ['ioffice.signed_ratio', '2022-05', 'period', '', 78.44, null],
        ['ioffice.signed_ratio', '2022-06', 'period', '', 30.73, 'ước'],
      ]);
      // The same audit as a save from the form: one row per change, and the file in the log.
      const history = await getValueHistory(handle.db, {
        orgId: ORG,
        indicatorCode: 'ioffice.docs_sent',
        periodId: '2022-06',
      });
      assert.equal(history.at(-1)?.changedBy, 'vanphong');
      const [entry] = await listAudit(handle.db, { orgId: ORG, entity: 'values', limit: 1 });
      assert.equal(entry?.action, 'values.import');
      assert.equal(entry?.entityId, 'thang-5-6.csv');
    });

    test('a bad figure in the middle of the file leaves nothing written, the earlier periods included', async () => {
      const audits = await importCount();
      // 2022-07 is saved first; 2022-08 carries a negative count in its second row.
      const file = utf8(
        'Mã chỉ tiêu,2022-07,2022-08\n' +
          'ioffice.docs_sent,21.000,21.500\n' +
          'ca.issued,5,-2\n' +
          'ca.revoked,1,1\n',
      );
      const error = await refusal(
        importValueSheet(handle.db, { orgId: ORG, file: { name: 'thang-7-8.csv', bytes: file }, auth: null }),
      );
      assert.equal(error.code, 'value.negative');
      assert.match(
        error.message,
        /^Tệp "thang-7-8\.csv", ô C3 \(kỳ 2022-08\): .*\(ca\.issued\) không được âm/,
      );
      assert.match(error.message, /Không số liệu nào trong tệp được lưu\.$/);
      assert.deepEqual(error.details?.cell, 'C3');
      assert.deepEqual(await stored(['2022-07', '2022-08']), []);
      assert.equal(await importCount(), audits);

      // A count that is not whole, in the first period: the same.
      const fraction = await refusal(
        importValueSheet(handle.db, {
          orgId: ORG,
          file: {
            name: 'le.csv',
            bytes: utf8('Mã chỉ tiêu,2022-07\nioffice.docs_sent,21.000\nca.issued,"2,5"\n'),
          },
          auth: null,
        }),
      );
      assert.equal(fraction.code, 'value.not_integer');
      assert.match(fraction.message, /ô B3 \(kỳ 2022-07\)/);
      assert.deepEqual(await stored(['2022-07']), []);
    });

    test('unknown indicators and figures given twice are named by cell, and nothing is written', async () => {
      const file = utf8(
        'Mã chỉ tiêu,Phạm vi,2022-07\n' +
          'ioffice.docs_sent,,21.000\n' +
          'khong.ton.tai,,5\n' +
          'ioffice.docs_sent,trong kỳ,21.001\n',
      );
      const error = await refusal(
        importValueSheet(handle.db, { orgId: ORG, file: { name: 'sai.csv', bytes: file }, auth: null }),
      );
      assert.equal(error.code, 'sheet.invalid');
      assert.match(error.message, /ô A3: chỉ tiêu "khong\.ton\.tai" không có trong danh mục chỉ tiêu/);
      assert.match(error.message, /ô C4 \(ioffice\.docs_sent, kỳ 2022-07\): trùng với số liệu ở ô C2/);
      assert.deepEqual(await stored(['2022-07']), []);
    });

    test('a period an approved report froze refuses the whole file', async () => {
      await sql`UPDATE reports SET status = 'approved' WHERE org_id = ${ORG} AND period_id = '2021-9M'`.execute(
        handle.db,
      );
      try {
        const file = utf8('Mã chỉ tiêu,2022-07,2021-04\nioffice.docs_sent,21.000,18.183\n');
        const error = await refusal(
          importValueSheet(handle.db, { orgId: ORG, file: { name: 'khoa.csv', bytes: file }, auth: null }),
        );
        assert.equal(error.code, 'value.locked');
        assert.equal(error.status, 409);
        assert.match(
          error.message,
          /^Không nhập tệp "khoa\.csv": Số liệu tháng 4 năm 2021 đã khóa vì báo cáo 9 tháng đầu năm 2021/,
        );
        assert.deepEqual(await stored(['2022-07']), []);
        // A dry run checks the lock too.
        const dry = await refusal(
          importValueSheet(handle.db, {
            orgId: ORG,
            file: { name: 'khoa.csv', bytes: file },
            auth: null,
            dryRun: true,
          }),
        );
        assert.equal(dry.code, 'value.locked');
      } finally {
        await sql`UPDATE reports SET status = 'draft' WHERE org_id = ${ORG} AND period_id = '2021-9M'`.execute(
          handle.db,
        );
      }
    });

    test('a dry run says what would change and writes nothing', async () => {
      const audits = await importCount();
      const file = utf8('Mã chỉ tiêu,2022-09\nioffice.docs_sent,22.000\nca.issued,4\n');
      const result = await importValueSheet(handle.db, {
        orgId: ORG,
        file: { name: 'thu.csv', bytes: file },
        auth: null,
        dryRun: true,
      });
      assert.deepEqual([result.dryRun, result.inserted, result.updated], [true, 2, 0]);
      assert.deepEqual(await stored(['2022-09']), []);
      assert.equal(await importCount(), audits);
    });

    test('a user writes only the indicators the value form lets them write; the analyst none', async () => {
      const own = utf8('Mã chỉ tiêu,2022-10\nioffice.docs_sent,22.100\n');
      const mixed = utf8('Mã chỉ tiêu,2022-10\nioffice.docs_sent,22.100\npostal.revenue,1.000.000\n');
      for (const [username, bytes] of [
        ['phantich', own],
        ['cntt', mixed],
      ] as const) {
        const error = await refusal(
          importValueSheet(handle.db, {
            orgId: ORG,
            file: { name: 'x.csv', bytes },
            auth: await authOf(username),
          }),
        );
        assert.equal(error.code, 'access.denied', username);
        assert.equal(error.status, 403);
      }
      assert.deepEqual(await stored(['2022-10']), []);
      const ok = await importValueSheet(handle.db, {
        orgId: ORG,
        file: { name: 'cntt.csv', bytes: own },
        auth: await authOf('cntt'),
      });
      assert.equal(ok.inserted, 1);
    });

    test('an export needs a known organisation and a range of one kind', async () => {
      const unknown = await refusal(
        exportValueSheet(handle.db, null, { orgId: 'khong-co', from: '2022-01', format: 'csv' }),
      );
      assert.equal(unknown.status, 404);
      const mixed = await refusal(
        exportValueSheet(handle.db, null, { orgId: ORG, from: '2022-01', to: '2022-Q4', format: 'csv' }),
      );
      assert.equal(mixed.code, 'period.range');
    });
  });
}
