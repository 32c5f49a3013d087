import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, describe, test } from 'node:test';
import { createPglite, kyselyOnPglite } from '../src/db/engine.js';

// The CLI as a user runs it: a real process on an embedded database in a temporary folder.
const bin = resolve(import.meta.dirname, '../bin/baocao.js');
const dataDir = mkdtempSync(join(tmpdir(), 'baocao-cli-'));

function baocao(...args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, BAOCAO_DATA_DIR: dataDir };
  delete env.DATABASE_URL;
  const run = spawnSync(process.execPath, [bin, ...args], { env, encoding: 'utf8', timeout: 120_000 });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

describe('baocao command line', () => {
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  test('seed creates the demo organisation with its history', () => {
    const run = baocao('seed');
    assert.equal(run.code, 0, run.err);
    assert.match(run.out, /Đã tạo tổ chức stttt-travinh/);
    assert.match(run.out, /kỳ 2021-9M/);
  });

  test('values set accepts Vietnamese numbers and values get shows them', () => {
    const set = baocao(
      'values',
      'set',
      '--period',
      '2022-05',
      'ioffice.docs_sent=21.034',
      'ioffice.docs_signed=16.500',
    );
    assert.equal(set.code, 0, set.err);
    assert.match(set.out, /2 mới/);
    const get = baocao('values', 'get', '--period', '2022-05', '--json');
    const rows = get.out
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    assert.deepEqual(
      rows.map((r) => [r.indicatorCode, r.value]),
      [
        ['ioffice.docs_sent', 21034],
        ['ioffice.docs_signed', 16500],
      ],
    );
  });

  const refusals: Array<[string, string[], RegExp, number]> = [
    [
      'an unknown indicator',
      ['values', 'set', '--period', '2022-05', 'khong.co=1'],
      /"khong\.co" không có trong danh mục/,
      1,
    ],
    [
      'a malformed period id',
      ['values', 'set', '--period', '2022-13', 'ca.issued=1'],
      /Kỳ báo cáo không hợp lệ: "2022-13"/,
      1,
    ],
    [
      'a non-numeric value',
      ['values', 'set', '--period', '2022-05', 'ca.issued=mười'],
      /"mười".*không phải là số/,
      1,
    ],
    ['a negative count', ['values', 'set', '--period', '2022-05', 'ca.issued=-2'], /không được âm/, 1],
    [
      'an assignment without "=" (usage)',
      ['values', 'set', '--period', '2022-05', 'ca.issued'],
      /MÃ_CHỈ_TIÊU=SỐ/,
      2,
    ],
  ];
  for (const [what, args, message, exitCode] of refusals) {
    test(`refuses ${what} with a one-line message and exit ${exitCode}`, () => {
      const run = baocao(...args);
      assert.equal(run.code, exitCode);
      assert.match(run.err, message);
      assert.equal(run.err.trim().split('\n').length, 1, run.err);
      assert.doesNotMatch(run.err, /\n\s+at /);
    });
  }

  test('a usage mistake exits with 2', () => {
    const run = baocao('values', 'set', 'ca.issued=1');
    assert.equal(run.code, 2);
    assert.match(run.err, /--period/);
  });

  test('validate finds the USB/SIM PKI error of April 2021 (seed 004)', () => {
    const run = baocao('validate', '--period', '2021-04');
    assert.equal(run.code, 0, run.err);
    assert.match(run.out, /1\.719 \(USB\) \+ 35 \(SIM PKI\) = 1\.754, khác tổng 1\.755/);
  });

  test('aggregate sums the flows of the months present and recomputes the ratio', () => {
    // May 2022 entered above; April 2022 comes from seed 001 (20.601 sent, 15.905 signed).
    const run = baocao(
      'aggregate',
      '--period',
      '2022-Q2',
      '--indicator',
      'ioffice.docs_sent,ioffice.signed_ratio',
      '--json',
    );
    assert.equal(run.code, 0, run.err);
    const rows = new Map(
      run.out
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l))
        .map((r) => [r.indicator, r]),
    );
    assert.equal(rows.get('ioffice.docs_sent').value, 20601 + 21034);
    assert.equal(rows.get('ioffice.docs_sent').monthsPresent, 2);
    // (15.905 + 16.500) / (20.601 + 21.034) × 100 = 77,83…%
    assert.ok(Math.abs(rows.get('ioffice.signed_ratio').value - 77.8311) < 0.001);
  });

  test('report writes the DOCX of April 2022 and refuses a period without data', () => {
    const out = join(dataDir, 'bao-cao.docx');
    const run = baocao('report', '--period', '2022-04', '--format', 'docx', '--out', out);
    assert.equal(run.code, 0, run.err);
    assert.equal(readFileSync(out).subarray(0, 2).toString(), 'PK'); // a zip container
    const md = baocao('report', '--period', '2022-04', '--format', 'md', '--out', '-');
    assert.match(md.out, /tiếp nhận 22\.967 hồ sơ \(20\.655 trực tiếp, 2\.312 trực tuyến\)/);
    const empty = baocao('report', '--period', '2015-01');
    assert.equal(empty.code, 1);
    assert.match(empty.err, /2015|tháng 1 năm 2015/);
    const badFormat = baocao('report', '--period', '2022-04', '--format', 'pdfx');
    assert.equal(badFormat.code, 2);
  });

  test('import --json prints one object per file; a re-import changes nothing; a missing file fails with exit 1', () => {
    const seeds = resolve(import.meta.dirname, '../fixtures/seeds');
    const run = baocao('import', '--json', seeds, join(dataDir, 'khong-co.docx'));
    assert.equal(run.code, 1, run.err);
    const lines = run.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.equal(lines.length, 6);
    const april2021 = lines.find((l) => l.file.endsWith('004_e05fcdfcee13791a.txt'));
    assert.equal(april2021.ok, true);
    assert.equal(april2021.meta.kind, 'monthly');
    assert.equal(april2021.meta.period, '2021-04');
    assert.equal(april2021.meta.signer.name, 'Nguyễn Văn Chuẩn');
    // "Tổng văn bản đi trong tháng: **18.182**, ký số **14.477** văn bản (tỷ lệ **79,62%**)"
    const byIndicator = new Map(
      april2021.values.map((v: { indicator: string; value: number }) => [v.indicator, v.value]),
    );
    assert.equal(byIndicator.get('ioffice.docs_sent'), 18182);
    assert.equal(byIndicator.get('ioffice.signed_ratio'), 79.62);
    const nineMonths = lines.find((l) => l.file.endsWith('002_0bc092e44c717f3b.txt'));
    assert.equal(nineMonths.meta.number, '1768/BC-STTTT-VP');
    assert.equal(nineMonths.meta.issued_date, '2021-09-14');
    const missing = lines.at(-1);
    assert.equal(missing.ok, false);
    assert.match(missing.error, /Không tìm thấy tệp/);
  });

  test('import --period gives a file that names no period its period; a wrong one is a usage mistake', () => {
    const file = join(dataDir, 'khong-ro-ky.txt');
    writeFileSync(
      file,
      'BÁO CÁO\n\nKết quả công tác\n\nI. KẾT QUẢ\n\nTổng văn bản đi trong tháng: 1.234, ký số 1.000 văn bản.\n',
    );
    const unknown = baocao('import', '--json', '--dry-run', file);
    assert.equal(unknown.code, 1);
    assert.match(JSON.parse(unknown.out).error, /Không xác định được kỳ báo cáo/);
    const stated = baocao('import', '--json', '--dry-run', '--period', '2018-Q2', file);
    assert.equal(stated.code, 0, stated.err);
    const line = JSON.parse(stated.out);
    assert.equal(line.meta.period, '2018-Q2');
    assert.equal(line.meta.kind, 'quarterly');
    // Stored once; the same file again changes nothing, and says the period chosen is not applied either.
    assert.equal(baocao('import', '--json', '--period', '2018-Q2', file).code, 0);
    const again = JSON.parse(baocao('import', '--json', '--period', '2018-Q3', file).out);
    assert.match(again.warnings[0], /đã được nhập trước đó .*không thay đổi gì, kể cả kỳ báo cáo đã chọn\.$/);
    const wrong = baocao('import', '--period', '2018-Q5', file);
    assert.equal(wrong.code, 2);
    assert.match(wrong.err, /Kỳ báo cáo không hợp lệ: "2018-Q5"/);
  });

  test('values set and import refuse a period an approved report froze; the other files go on', async () => {
    // The CLI cannot approve: the director did it in the web. Seed 002 is the 9-month report of 2021.
    const store = kyselyOnPglite(await createPglite(dataDir));
    try {
      await store
        .updateTable('reports')
        .set({ status: 'approved' })
        .where('period_id', '=', '2021-9M')
        .execute();
    } finally {
      await store.destroy();
    }
    const set = baocao('values', 'set', '--period', '2021-04', 'ioffice.docs_sent=1');
    assert.equal(set.code, 1);
    assert.equal(
      set.err.trim(),
      'Lỗi: Số liệu tháng 4 năm 2021 đã khóa vì báo cáo 9 tháng đầu năm 2021 đã được duyệt. Cần mở lại báo cáo (kèm lý do) trước khi sửa.',
    );
    const sent = () =>
      baocao('values', 'get', '--period', '2021-04', '--indicator', 'ioffice.docs_sent', '--json').out.trim();
    assert.equal(JSON.parse(sent()).value, 18182);

    // Re-saved copies (one more line): new content for the importer, of April 2021 (frozen) and April 2022.
    const seeds = resolve(import.meta.dirname, '../fixtures/seeds');
    const frozen = join(dataDir, 'thang4-2021.txt');
    const open = join(dataDir, 'thang4-2022.txt');
    writeFileSync(frozen, `${readFileSync(join(seeds, '004_e05fcdfcee13791a.txt'), 'utf8')}\n`);
    writeFileSync(open, `${readFileSync(join(seeds, '001_a5433033de54e12b.txt'), 'utf8')}\n`);
    const run = baocao('import', frozen, open);
    assert.equal(run.code, 1, run.err);
    assert.match(
      run.out,
      /✗ thang4-2021\.txt: Không nhập tệp thang4-2021\.txt: số liệu tháng 4 năm 2021 đã khóa vì báo cáo 9 tháng đầu năm 2021 đã được duyệt\./,
    );
    assert.match(run.out, /✓ thang4-2022\.txt: /);
    assert.match(run.out, /Xong: 1\/2 tệp nhập được\./);
    assert.equal(JSON.parse(sent()).value, 18182);
    const check = kyselyOnPglite(await createPglite(dataDir));
    try {
      const reports = await check
        .selectFrom('reports')
        .select(['period_id', 'import_id'])
        .where('origin', '=', 'imported')
        .where('period_id', 'in', ['2021-04', '2022-04'])
        .execute();
      assert.deepEqual(reports.map((r) => r.period_id).sort(), ['2021-04', '2022-04', '2022-04']);
    } finally {
      await check.destroy();
    }
  });

  test('values export writes a range of periods as XLSX or CSV; values import reads a sheet back, all or nothing', () => {
    const xlsx = join(dataDir, 'so-lieu-2021-04.xlsx');
    const exported = baocao('values', 'export', '--from', '2021-04', '--out', xlsx);
    assert.equal(exported.code, 0, exported.err);
    assert.match(exported.out, /Đã ghi .*so-lieu-2021-04\.xlsx \(Số liệu chỉ tiêu 2021-04\)\./);
    assert.equal(readFileSync(xlsx).subarray(0, 2).toString(), 'PK');
    // Seed 004 in April's column of a three-month CSV: "Tổng văn bản đi trong tháng: 18.182".
    const csv = baocao(
      'values',
      'export',
      '--from',
      '2021-03',
      '--to',
      '2021-05',
      '--format',
      'csv',
      '--out',
      '-',
    );
    assert.equal(csv.code, 0, csv.err);
    assert.ok(
      csv.out.startsWith(
        '\ufeffMã chỉ tiêu,Tên chỉ tiêu,Đơn vị tính,Phạm vi,Phân tách,2021-03,2021-04,2021-05',
      ),
    );
    assert.match(csv.out, /\r\nioffice\.docs_sent,[^\r]*,trong kỳ,,,18\.182,/);

    // April 2021 lies in the 9 months approved above: its own export is refused whole.
    const frozen = baocao('values', 'import', xlsx);
    assert.equal(frozen.code, 1);
    assert.match(
      frozen.err,
      /^Lỗi: Không nhập tệp "so-lieu-2021-04\.xlsx": Số liệu tháng 4 năm 2021 đã khóa/,
    );

    const got = (period: string) =>
      baocao('values', 'get', '--period', period, '--json')
        .out.trim()
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line))
        .map((r) => [r.indicatorCode, r.value, r.qualifier]);
    const june = join(dataDir, 'thang-6.csv');
    writeFileSync(
      june,
      'Mã chỉ tiêu,Tên chỉ tiêu,2022-06,Ghi chú 2022-06\nioffice.docs_sent,Văn bản đi,"21.034",\nioffice.signed_ratio,Tỷ lệ ký số,"78,44",ước\n',
    );
    const dry = baocao('values', 'import', june, '--dry-run');
    assert.equal(dry.code, 0, dry.err);
    assert.match(dry.out, /kỳ 2022-06: 2 mới, 0 thay đổi, 0 không đổi/);
    assert.match(dry.out, /chưa lưu gì vì có --dry-run/);
    assert.deepEqual(got('2022-06'), []);
    const run = baocao('values', 'import', june, '--reason', 'số liệu tháng 6');
    assert.equal(run.code, 0, run.err);
    assert.match(run.out, /Đã nhập 2 số liệu từ thang-6\.csv: 2 mới, 0 thay đổi, 0 không đổi\./);
    assert.deepEqual(got('2022-06'), [
      ['ioffice.docs_sent', 21034, null],
      ['ioffice.signed_ratio', 78.44, 'ước'],
    ]);

    const july = join(dataDir, 'thang-7.csv');
    writeFileSync(july, 'Mã chỉ tiêu,2022-07\nioffice.docs_sent,21.000\nca.issued,mười\n');
    const refused = baocao('values', 'import', july);
    assert.equal(refused.code, 1);
    assert.equal(refused.err.trim().split('\n').length, 1, refused.err);
    assert.match(refused.err, /ô B3 \(ca\.issued, kỳ 2022-07\): "mười" không phải là số/);
    assert.deepEqual(got('2022-07'), []);

    assert.match(baocao('values', 'import', join(dataDir, 'khong-co.xlsx')).err, /Không tìm thấy tệp/);
    assert.equal(
      baocao('values', 'export', '--from', '2022-01', '--format', 'pdf', '--out', 'x.pdf').code,
      2,
    );
  });
});
