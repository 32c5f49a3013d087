import assert from 'node:assert/strict';
import { test } from 'node:test';
import ExcelJS from 'exceljs';
import { ApiClient, type DemoApi, describeDemoApi, orgPath } from '../src/server/testing.js';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A download as the browser gets it: status, headers and the bytes (the API client reads bodies as text). */
async function download(api: DemoApi, client: ApiClient, path: string) {
  const response = await api.app.request(path, { headers: client.cookie ? { cookie: client.cookie } : {} });
  return {
    status: response.status,
    headers: response.headers,
    bytes: new Uint8Array(await response.arrayBuffer()),
  };
}

function sheetForm(
  name: string,
  content: Uint8Array | string,
  fields: Record<string, string> = {},
): FormData {
  const data = new FormData();
  const part = typeof content === 'string' ? content : new Uint8Array(content);
  data.set('file', new File([part], name));
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
}

describeDemoApi(
  'API figures as spreadsheets: export and import',
  ['vanphong', 'cntt', 'phantich'],
  (api, [office, editor, analyst]) => {
    const stored = async (period: string) => {
      const r = await analyst.get(orgPath(`/values?period=${period}`));
      assert.equal(r.status, 200);
      return (r.body as { indicator: string; value: number; qualifier: string | null }[]).map((v) => [
        v.indicator,
        v.value,
        v.qualifier,
      ]);
    };

    test('whoever reads figures downloads a year of months as XLSX with a Vietnamese file name', async () => {
      const r = await download(api, analyst, orgPath('/values/export?from=2022-01&to=2022-12'));
      assert.equal(r.status, 200);
      assert.equal(r.headers.get('content-type'), XLSX_TYPE);
      assert.equal(
        r.headers.get('content-disposition'),
        'attachment; filename="So lieu chi tieu 2022-01 den 2022-12.xlsx"; ' +
          "filename*=UTF-8''S%E1%BB%91%20li%E1%BB%87u%20ch%E1%BB%89%20ti%C3%AAu%202022-01%20%C4%91%E1%BA%BFn%202022-12.xlsx",
      );
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(Buffer.from(r.bytes) as never);
      const sheet = workbook.getWorksheet('Số liệu')!;
      assert.equal(sheet.getCell('I1').value, '2022-04');
      let sent: unknown;
      sheet.eachRow((row) => {
        if (row.getCell(1).value === 'ioffice.docs_sent') sent = row.getCell(9).value;
      });
      // Seed 001, April 2022: "có 20.601 văn bản điện tử phát hành".
      assert.equal(sent, 20601);
    });

    test('CSV: UTF-8 with a byte order mark, numbers the Vietnamese way', async () => {
      const r = await download(api, editor, orgPath('/values/export?from=2022-04&format=csv'));
      assert.equal(r.status, 200);
      assert.equal(r.headers.get('content-type'), 'text/csv; charset=utf-8');
      assert.match(r.headers.get('content-disposition') ?? '', /filename="So lieu chi tieu 2022-04\.csv"/);
      assert.deepEqual([...r.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
      assert.match(new TextDecoder().decode(r.bytes), /\r\nioffice\.docs_sent,[^\r]*,20\.601,\r\n/);
    });

    test('a bad range or format is a 400 in Vietnamese', async () => {
      const mixed = await analyst.get(orgPath('/values/export?from=2022-01&to=2022-Q4'));
      assert.equal(mixed.status, 400);
      assert.equal(mixed.body.error.code, 'period.range');
      const reversed = await analyst.get(orgPath('/values/export?from=2022-05&to=2022-04'));
      assert.equal(reversed.status, 400);
      const format = await analyst.get(orgPath('/values/export?from=2022-04&format=pdf'));
      assert.equal(format.status, 400);
    });

    test('no download for another organisation (403) or without signing in (401)', async () => {
      const other = await analyst.get('/api/orgs/sokhcn-travinh/values/export?from=2022-04');
      assert.equal(other.status, 403);
      assert.equal(other.body.error.code, 'access.denied');
      const anonymous = await new ApiClient(api.app).get(orgPath('/values/export?from=2022-04'));
      assert.equal(anonymous.status, 401);
    });

    test('the office uploads a sheet typed the Vietnamese way; a dry run stores nothing', async () => {
      const csv =
        'Mã chỉ tiêu,2022-07,Ghi chú 2022-07\r\nioffice.docs_sent,21.034,\r\nioffice.signed_ratio,"78,44",ước\r\n';
      const dry = await office.post(
        orgPath('/values/import'),
        sheetForm('thang-7.csv', csv, { dryRun: 'true' }),
      );
      assert.equal(dry.status, 200, JSON.stringify(dry.body));
      assert.deepEqual([dry.body.dryRun, dry.body.inserted], [true, 2]);
      assert.deepEqual(await stored('2022-07'), []);
      const saved = await office.post(
        orgPath('/values/import'),
        sheetForm('thang-7.csv', csv, { reason: 'số liệu tháng 7' }),
      );
      assert.equal(saved.status, 200, JSON.stringify(saved.body));
      assert.deepEqual([saved.body.dryRun, saved.body.figures, saved.body.inserted], [false, 2, 2]);
      assert.equal(saved.body.periods[0].periodId, '2022-07');
      assert.deepEqual(await stored('2022-07'), [
        ['ioffice.docs_sent', 21034, null],
        ['ioffice.signed_ratio', 78.44, 'ước'],
      ]);
    });

    test('exported as XLSX and uploaded again, April 2022 is unchanged', async () => {
      const file = await download(api, analyst, orgPath('/values/export?from=2022-04'));
      const r = await office.post(
        orgPath('/values/import'),
        sheetForm('Số liệu chỉ tiêu 2022-04.xlsx', file.bytes),
      );
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.equal(r.body.inserted + r.body.updated, 0);
      assert.equal(r.body.unchanged, (await stored('2022-04')).length);
    });

    test('only those who may write the figures may upload them; nothing is stored otherwise', async () => {
      const own = 'Mã chỉ tiêu,2022-08\nioffice.docs_sent,1.858\n';
      const refused = await analyst.post(orgPath('/values/import'), sheetForm('a.csv', own));
      assert.equal(refused.status, 403);
      const other = await editor.post(
        orgPath('/values/import'),
        sheetForm('b.csv', `${own}postal.revenue,1.000.000\n`),
      );
      assert.equal(other.status, 403);
      assert.deepEqual(await stored('2022-08'), []);
      const mine = await editor.post(orgPath('/values/import'), sheetForm('c.csv', own));
      assert.equal(mine.status, 200, JSON.stringify(mine.body));
      const csrf = await office.request('POST', orgPath('/values/import'), sheetForm('d.csv', own), {
        csrf: false,
      });
      assert.equal(csrf.status, 403);
      assert.equal(csrf.body.error.code, 'auth.csrf');
    });

    test('a bad cell, a corrupt workbook or another kind of file is refused with a message naming it', async () => {
      const bad = await office.post(
        orgPath('/values/import'),
        sheetForm('sai.csv', 'Mã chỉ tiêu,2022-09\nioffice.docs_sent,21.000\nca.issued,mười\n'),
      );
      assert.equal(bad.status, 400);
      assert.equal(bad.body.error.code, 'sheet.invalid');
      assert.match(bad.body.error.message, /ô B3 \(ca\.issued, kỳ 2022-09\): "mười" không phải là số/);
      assert.deepEqual(
        bad.body.error.details.problems.map((p: { cell: string }) => p.cell),
        ['B3'],
      );
      const corrupt = await office.post(
        orgPath('/values/import'),
        sheetForm('hong.xlsx', 'PK không phải zip'),
      );
      assert.equal(corrupt.status, 400);
      assert.equal(corrupt.body.error.code, 'sheet.corrupt');
      const exe = await office.post(orgPath('/values/import'), sheetForm('virus.exe', 'MZ'));
      assert.equal(exe.status, 415);
      const none = await office.post(orgPath('/values/import'), new FormData());
      assert.equal(none.status, 400);
      assert.deepEqual(await stored('2022-09'), []);
    });

    test('a sheet may be as large as a report upload (10 MB), not more', async () => {
      const long = `Mã chỉ tiêu,Tên chỉ tiêu,2022-11\nioffice.docs_sent,${'x'.repeat(3 * 1024 * 1024)},1.858\n`;
      const ok = await office.post(orgPath('/values/import'), sheetForm('lon.csv', long));
      assert.equal(ok.status, 200, JSON.stringify(ok.body).slice(0, 300));
      const huge = await office.post(
        orgPath('/values/import'),
        sheetForm('qua-lon.csv', 'x'.repeat(11 * 1024 * 1024)),
      );
      assert.equal(huge.status, 413);
      assert.equal(huge.body.error.code, 'request.too_large');
    });
  },
);
