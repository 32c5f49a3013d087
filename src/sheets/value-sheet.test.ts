import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { AppError } from '../domain/errors.js';
import { readValueSheet, type SheetFormat, sheetFormatOf, writeValueSheet } from './value-sheet.js';
import { formatFigure, type SheetFigure, type ValueTable } from './value-sheet-layout.js';

// Figures of seed 004 (April 2021) and of the 9-month report of 2021 (seed 002), as their text states them.
const TABLE: ValueTable = {
  organisation: 'Sở Thông tin và Truyền thông tỉnh Trà Vinh',
  periodIds: ['2021-04', '2021-05'],
  rows: [
    {
      indicator: 'ioffice.docs_sent',
      name: 'Tổng số văn bản đi trên hệ thống iOffice',
      unit: 'văn bản',
      scope: 'period',
      breakdown: '',
      integer: true,
      figures: new Map([['2021-04', { value: 18182, qualifier: null }]]),
    },
    {
      indicator: 'ioffice.signed_ratio',
      name: 'Tỷ lệ văn bản đi được ký số',
      unit: '%',
      scope: 'period',
      breakdown: '',
      integer: false,
      figures: new Map([['2021-04', { value: 79.62, qualifier: null }]]),
    },
    {
      indicator: 'portal.component_site_posts',
      name: 'Tin, bài, văn bản đăng trên các trang thành phần',
      unit: 'tin, bài, văn bản',
      scope: 'period',
      breakdown: '',
      integer: true,
      figures: new Map([['2021-04', { value: 469, qualifier: 'khoảng' }]]),
    },
    {
      indicator: 'ecommerce.produce_sold',
      name: 'Khối lượng nông sản được hỗ trợ tiêu thụ',
      unit: 'tấn',
      scope: 'cumulative',
      breakdown: 'cam, bưởi; từ đầu tháng 8/2021 đến nay',
      integer: false,
      figures: new Map([['2021-05', { value: 0.625, qualifier: '=1+1' }]]),
    },
    {
      indicator: 'postal.revenue',
      name: 'Doanh thu các dịch vụ bưu chính, chuyển phát',
      unit: 'đồng',
      scope: 'period',
      breakdown: '',
      integer: true,
      figures: new Map([['2021-05', { value: 38_500_000_000, qualifier: 'ước' }]]),
    },
    {
      indicator: 'ca.total',
      name: 'Tổng số chứng thư số đang hoạt động',
      unit: 'chứng thư số',
      scope: 'as_of_end',
      breakdown: '',
      integer: true,
      figures: new Map(),
    },
  ],
};

/** What reading a sheet written from TABLE must give: every figure, as [indicator, period, value, scope, breakdown, qualifier]. */
const EXPECTED = TABLE.rows.flatMap((row) =>
  [...row.figures].map(([periodId, f]) => [
    row.indicator,
    periodId,
    f.value,
    row.scope,
    row.breakdown,
    f.qualifier,
  ]),
);

const essence = (figures: SheetFigure[]) =>
  figures.map((f) => [f.indicator, f.periodId, f.value, f.scope, f.breakdown, f.qualifier]);

const utf8 = (text: string) => new TextEncoder().encode(text);

async function refusal(name: string, bytes: Uint8Array, format?: SheetFormat): Promise<AppError> {
  try {
    await readValueSheet(name, bytes, format ?? sheetFormatOf(name, bytes));
  } catch (error) {
    assert.ok(error instanceof AppError, String(error));
    return error;
  }
  assert.fail(`${name} was read`);
}

async function xlsxOf(rows: unknown[][]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Trang 1');
  for (const row of rows) sheet.addRow(row);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

describe('value sheet: XLSX', () => {
  test('numeric cells in a Vietnamese number format, one column per period, a note column where a qualifier is', async () => {
    const bytes = await writeValueSheet(TABLE, 'xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(bytes) as never);
    assert.deepEqual(
      workbook.worksheets.map((s) => s.name),
      ['Số liệu', 'Hướng dẫn'],
    );
    const sheet = workbook.getWorksheet('Số liệu')!;
    assert.deepEqual((sheet.getRow(1).values as unknown[]).slice(1), [
      'Mã chỉ tiêu',
      'Tên chỉ tiêu',
      'Đơn vị tính',
      'Phạm vi',
      'Phân tách',
      '2021-04',
      '2021-05',
      'Ghi chú 2021-04',
      'Ghi chú 2021-05',
    ]);
    const sent = sheet.getCell('F2');
    assert.equal(sent.value, 18182);
    assert.equal(sent.numFmt, '[$-42A]#,##0');
    assert.equal(sheet.getCell('F3').value, 79.62);
    assert.equal(sheet.getCell('F3').numFmt, '[$-42A]#,##0.00');
    assert.equal(sheet.getCell('H4').value, 'khoảng');
    assert.equal(sheet.getCell('G5').numFmt, '[$-42A]#,##0.000');
    assert.equal(sheet.getCell('G6').value, 38_500_000_000);
    assert.equal(sheet.getCell('D7').value, 'cuối kỳ');
    assert.equal(sheet.getCell('F7').value, null, 'an indicator without figures keeps an empty row');
    assert.equal(sheet.views[0]?.state, 'frozen');
  });

  test('reads back what it wrote', async () => {
    const bytes = await writeValueSheet(TABLE, 'xlsx');
    assert.deepEqual(essence(await readValueSheet('so-lieu.xlsx', bytes, 'xlsx')), EXPECTED);
  });

  test('a sheet a clerk made: a title above the header, a year as a number, a month Excel turned into a date, text numbers', async () => {
    const bytes = await xlsxOf([
      ['SỐ LIỆU THÁNG 4 NĂM 2022'],
      [],
      ['Mã chỉ tiêu', 'Chỉ tiêu', new Date(Date.UTC(2022, 3, 1)), 2022, 'Ghi chú 2022'],
      ['ca.issued', 'Chứng thư số cấp mới', 7, '1.858', 'ước'],
      ['ioffice.signed_ratio', 'Tỷ lệ ký số', '79,62', { formula: '70+9.62', result: 79.62 }, null],
    ]);
    const figures = await readValueSheet('nhap-tay.xlsx', bytes, 'xlsx');
    assert.deepEqual(
      figures.map((f) => [f.indicator, f.periodId, f.value, f.qualifier, f.cell]),
      [
        ['ca.issued', '2022-04', 7, null, 'C4'],
        ['ca.issued', '2022', 1858, 'ước', 'D4'],
        ['ioffice.signed_ratio', '2022-04', 79.62, null, 'C5'],
        ['ioffice.signed_ratio', '2022', 79.62, null, 'D5'],
      ],
    );
  });

  test('text, a date, a formula error or TRUE in a number cell is refused naming the cell', async () => {
    const bytes = await xlsxOf([
      ['Mã chỉ tiêu', '2022-04', '2022-05', '2022-06', '2022-07'],
      ['ca.issued', 'mười', new Date(Date.UTC(2022, 4, 3)), { error: '#DIV/0!' }, true],
    ]);
    const error = await refusal('sai.xlsx', bytes);
    assert.equal(error.code, 'sheet.invalid');
    assert.equal(error.status, 400);
    assert.match(error.message, /^Tệp "sai\.xlsx" có 4 lỗi, không số liệu nào được lưu: /);
    assert.match(error.message, /ô B2 \(ca\.issued, kỳ 2022-04\): "mười" không phải là số/);
    assert.match(error.message, /ô C2 \(ca\.issued, kỳ 2022-05\): là ngày tháng \(2022-05-03\)/);
    assert.match(error.message, /ô D2 \(ca\.issued, kỳ 2022-06\): là lỗi công thức #DIV\/0!/);
    assert.match(error.message, /và 1 lỗi khác/);
    const problems = (error.details?.problems ?? []) as { cell: string }[];
    assert.deepEqual(
      problems.map((p) => p.cell),
      ['B2', 'C2', 'D2', 'E2'],
    );
  });

  test('a corrupt, truncated or old-format workbook is refused with the file name', async () => {
    const good = await writeValueSheet(TABLE, 'xlsx');
    for (const bytes of [utf8('đây không phải bảng tính'), good.subarray(0, good.length / 2)]) {
      const error = await refusal('hong.xlsx', bytes);
      assert.equal(error.code, 'sheet.corrupt');
      assert.match(
        error.message,
        /Tệp "hong\.xlsx" không đọc được: tệp hỏng hoặc không phải bảng tính Excel/,
      );
    }
    const xls = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    assert.throws(
      () => sheetFormatOf('cu.xls', xls),
      (e: unknown) => e instanceof AppError && e.code === 'sheet.type' && /Excel 97–2003/.test(e.message),
    );
    assert.throws(
      () => sheetFormatOf('bao-cao.pdf', utf8('%PDF-1.4')),
      (e: unknown) => e instanceof AppError && e.status === 415,
    );
    assert.throws(
      () => sheetFormatOf('rong.csv', new Uint8Array()),
      (e: unknown) => e instanceof AppError && e.code === 'sheet.empty',
    );
  });
});

describe('value sheet: CSV', () => {
  test('UTF-8 with a byte order mark, CRLF, numbers written the Vietnamese way, every line as wide as the header', async () => {
    const bytes = await writeValueSheet(TABLE, 'csv');
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes).split('\r\n');
    assert.equal(
      lines[0],
      'Mã chỉ tiêu,Tên chỉ tiêu,Đơn vị tính,Phạm vi,Phân tách,2021-04,2021-05,Ghi chú 2021-04,Ghi chú 2021-05',
    );
    assert.equal(
      lines[1],
      'ioffice.docs_sent,Tổng số văn bản đi trên hệ thống iOffice,văn bản,trong kỳ,,18.182,,,',
    );
    assert.equal(lines[2], 'ioffice.signed_ratio,Tỷ lệ văn bản đi được ký số,%,trong kỳ,,"79,62",,,');
    // A qualifier a spreadsheet would run as a formula gets an apostrophe.
    assert.match(lines[4]!, /,"cam, bưởi; từ đầu tháng 8\/2021 đến nay",,"0,625",,'=1\+1$/);
    assert.match(lines[5]!, /,,38\.500\.000\.000,,ước$/);
    assert.equal(lines[6], 'ca.total,Tổng số chứng thư số đang hoạt động,chứng thư số,cuối kỳ,,,,,');
  });

  test('reads back what it wrote', async () => {
    const bytes = await writeValueSheet(TABLE, 'csv');
    assert.deepEqual(essence(await readValueSheet('so-lieu.csv', bytes, 'csv')), EXPECTED);
  });

  test('figures written the Vietnamese way parse with the domain parser, whatever the separator', () => {
    for (const value of [1858, 30.73, 0.625, 38_500_000_000, 0, 1234.5]) {
      assert.match(formatFigure(value), /^[\d.]+(,\d+)?$/);
    }
    assert.equal(formatFigure(0.625), '0,625');
    assert.equal(formatFigure(1234.5), '1.234,5');
  });

  test('the long layout with semicolons (Excel in a comma-decimal locale), scopes by name, a bare note column', async () => {
    const long = utf8(
      'Mã chỉ tiêu;Kỳ;Giá trị;Phạm vi;Ghi chú\r\n' +
        'ca.issued;2022-04;07;;\r\n' +
        'ca.total;2022-04;2.230;cuối kỳ;\r\n' +
        'ioffice.signed_ratio;2022-q2;30,73%;;ước\r\n' +
        'covid.qr_scans;2022-04;2.053.756;Luy ke;lũy kế đến ngày 12/4/2022\r\n',
    );
    assert.deepEqual(
      (await readValueSheet('doc.csv', long, 'csv')).map((f) => [
        f.indicator,
        f.periodId,
        f.value,
        f.scope,
        f.qualifier,
      ]),
      [
        ['ca.issued', '2022-04', 7, null, null],
        ['ca.total', '2022-04', 2230, 'as_of_end', null],
        ['ioffice.signed_ratio', '2022-Q2', 30.73, null, 'ước'],
        ['covid.qr_scans', '2022-04', 2053756, 'cumulative', 'lũy kế đến ngày 12/4/2022'],
      ],
    );
    const wide = utf8('\ufeffMã chỉ tiêu,Tên chỉ tiêu,2022-04,Ghi chú\nca.issued,Chứng thư số,"1.858",ước\n');
    const [figure] = await readValueSheet('rong.csv', wide, 'csv');
    assert.deepEqual([figure?.value, figure?.qualifier, figure?.cell], [1858, 'ước', 'C2']);
  });

  const bad: Array<[string, string, RegExp]> = [
    [
      'a period header that is not a period',
      'Mã chỉ tiêu,Tên chỉ tiêu,Tháng 13\nca.issued,x,1\n',
      /ô C1: tiêu đề "Tháng 13" không phải kỳ báo cáo/,
    ],
    ['a month that does not exist', 'Mã chỉ tiêu,2022-13\nca.issued,1\n', /ô B1: tiêu đề "2022-13"/],
    [
      'a period column given twice',
      'Mã chỉ tiêu,2022-04,2022-04\nca.issued,1,2\n',
      /ô C1: cột "2022-04" lặp lại cột B/,
    ],
    ['no indicator code column', 'Tên,2022-04\nx,1\n', /không tìm thấy dòng tiêu đề có cột "Mã chỉ tiêu"/],
    ['no period column', 'Mã chỉ tiêu,Tên chỉ tiêu\nca.issued,x\n', /không có cột kỳ báo cáo nào/],
    [
      'text in a number cell',
      'Mã chỉ tiêu,2022-04\nca.issued,mười\n',
      /ô B2 \(ca\.issued, kỳ 2022-04\): "mười" không phải là số/,
    ],
    [
      'a figure without an indicator code',
      'Mã chỉ tiêu,2022-04\n,5\n',
      /dòng 2: có số liệu nhưng thiếu mã chỉ tiêu \(ô A2\)/,
    ],
    [
      'a scope nobody knows',
      'Mã chỉ tiêu,Phạm vi,2022-04\nca.issued,hằng năm,5\n',
      /ô B2 \(ca\.issued\): phạm vi "hằng năm" không hợp lệ/,
    ],
    [
      'a note without a figure',
      'Mã chỉ tiêu,2022-04,Ghi chú 2022-04\nca.issued,,ước\n',
      /ô B2 \(ca\.issued, kỳ 2022-04\): có ghi chú "ước" nhưng không có số liệu/,
    ],
    [
      'data under a column without a header',
      'Mã chỉ tiêu,2022-04,\nca.issued,1,2\n',
      /ô C2: có dữ liệu nhưng cột không có tiêu đề/,
    ],
    [
      'a bad period in the long layout',
      'indicator,period,value\nca.issued,2022-Q5,1\n',
      /ô B2 \(ca\.issued\): kỳ "2022-Q5" không hợp lệ/,
    ],
    [
      'a missing value in the long layout',
      'indicator,period,value\nca.issued,2022-04,\n',
      /ô C2 \(ca\.issued, kỳ 2022-04\): thiếu giá trị/,
    ],
  ];
  for (const [what, text, message] of bad) {
    test(`refuses ${what}, naming the cell`, async () => {
      const error = await refusal('nhap.csv', utf8(text));
      assert.equal(error.code, 'sheet.invalid');
      assert.match(error.message, /^Tệp "nhap\.csv" có 1 lỗi, không số liệu nào được lưu: /);
      assert.match(error.message, message);
    });
  }

  test('a file that is not UTF-8 text, or whose quotes do not close, is refused as unreadable', async () => {
    const latin1 = new Uint8Array([...utf8('Mã chỉ tiêu,2022-04\nca.issued,'), 0xe9, 0x0a]);
    assert.match((await refusal('ansi.csv', latin1)).message, /phải lưu bằng mã UTF-8/);
    assert.match(
      (await refusal('nhi-phan.csv', new Uint8Array([1, 0, 2, 0]))).message,
      /không phải văn bản CSV/,
    );
    const open = await refusal('ngoac.csv', utf8('Mã chỉ tiêu,2022-04\nca.issued,"1.858\n'));
    assert.equal(open.code, 'sheet.corrupt');
    assert.match(open.message, /sai cú pháp/);
    const empty = await refusal('trong.csv', utf8('Mã chỉ tiêu,2022-04\nca.issued,\n'));
    assert.equal(empty.code, 'sheet.no_figures');
  });
});
