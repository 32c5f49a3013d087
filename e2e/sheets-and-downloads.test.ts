import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import type { Download, Page } from 'playwright-core';
import { DEMO_ORG } from '../src/server/testing.js';
import { E2E_ENGINE, screenshot, signIn, useBrowserApp } from './harness.js';

// The office keeps figures in Excel: it downloads April to June 2022, types June's documents sent the
// Vietnamese way, checks the file, then imports it; a damaged file is refused with the reason and changes
// nothing. The director downloads a report as DOCX and PDF (seed 001, April 2022, imported into the demo).
const MONTH = '2022-06';

async function saved(download: Download, folder: string): Promise<Buffer> {
  const path = join(folder, download.suggestedFilename());
  await download.saveAs(path);
  return readFile(path);
}

describe(`figures as a spreadsheet and report downloads in Chromium (${E2E_ENGINE})`, {
  timeout: 240_000,
}, () => {
  const app = useBrowserApp();
  let page: Page;
  let consoleErrors: { errors: string[] };
  let folder: string;

  before(async () => {
    ({ page, console: consoleErrors } = await app.openPage({ timeout: 30_000 }));
    await page.addInitScript((period) => {
      if (window.top === window) localStorage.setItem('baocao.period', period);
    }, MONTH);
    folder = await mkdtemp(join(tmpdir(), 'baocao-e2e-'));
  });
  after(() => (folder ? rm(folder, { recursive: true, force: true }) : undefined));

  /** The figures of one indicator in the store, by period. */
  const stored = async (indicator: string, periodId: string): Promise<number[]> => {
    const r = await page.request.get(`${app.url}/api/orgs/${DEMO_ORG}/values?period=${periodId}`);
    assert.equal(r.status(), 200);
    const body = await r.json();
    const values: Array<{ indicator: string; value: number | string }> = Array.isArray(body)
      ? body
      : body.values;
    return values.filter((v) => v.indicator === indicator).map((v) => Number(v.value));
  };
  const openSheetTools = async () => {
    await page.goto(`${app.url}/#/entry?section=cntt_cqnn`);
    await page.locator('input[data-indicator="ioffice.docs_sent"]').waitFor();
    const tools = page.locator('details.sheet-tools');
    if ((await tools.getAttribute('open')) === null) await tools.locator('summary').click();
    return tools;
  };

  let workbook: ExcelJS.Workbook;

  test('the office downloads April–June 2022 as Excel: one row per indicator, a column per month', async () => {
    await signIn(page, app.url, 'vanphong');
    const tools = await openSheetTools();
    await tools.getByLabel('Từ kỳ').fill('2022-04');
    await tools.getByLabel('Đến kỳ').fill(MONTH);
    const downloading = page.waitForEvent('download');
    await tools.getByRole('button', { name: 'Tải bảng tính' }).click();
    const bytes = await saved(await downloading, folder);
    assert.equal(bytes.subarray(0, 2).toString(), 'PK', 'an XLSX file is a zip');

    workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as never);
    const sheet = workbook.getWorksheet('Số liệu')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    assert.deepEqual(header.slice(0, 8), [
      'Mã chỉ tiêu',
      'Tên chỉ tiêu',
      'Đơn vị tính',
      'Phạm vi',
      'Phân tách',
      '2022-04',
      '2022-05',
      MONTH,
    ]);
    // Seed 001 (April 2022): "có 20.601 văn bản điện tử phát hành"; June has no figure yet.
    const row = rowOf(sheet, 'ioffice.docs_sent');
    assert.equal(Number(row.getCell(6).value), 20601);
    assert.equal(row.getCell(8).value, null);
  });

  test('a figure typed the Vietnamese way is checked first, then imported; the page shows it', async () => {
    const sheet = workbook.getWorksheet('Số liệu')!;
    rowOf(sheet, 'ioffice.docs_sent').getCell(8).value = '1.858';
    const edited = Buffer.from(await workbook.xlsx.writeBuffer());

    const tools = await openSheetTools();
    await tools.getByLabel('Chọn tệp (.xlsx, .csv)').setInputFiles({
      name: 'so-lieu-thang-6.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: edited,
    });
    await tools.getByRole('button', { name: 'Kiểm tra tệp' }).click();
    const checked = await tools.getByRole('status').textContent();
    assert.match(
      checked ?? '',
      /^Tệp hợp lệ: \d+ số liệu \(1 mới, 0 thay đổi, \d+ không đổi\), chưa ghi vào hệ thống\.$/,
    );
    assert.deepEqual(await stored('ioffice.docs_sent', MONTH), [], 'checking writes nothing');

    await tools.getByRole('button', { name: 'Nhập từ bảng tính' }).click();
    await tools.getByText(/^Đã nhập \d+ số liệu: 1 mới, 0 thay đổi, \d+ không đổi\.$/).waitFor();
    assert.deepEqual(await stored('ioffice.docs_sent', MONTH), [1858]);
    await page.waitForFunction(
      () =>
        (document.querySelector('input[data-indicator="ioffice.docs_sent"]') as HTMLInputElement | null)
          ?.value === '1.858',
    );
    await screenshot(page, 'entry-sheet');
  });

  test('a damaged file named .xlsx is refused with the reason, and nothing is stored', async () => {
    const before = await stored('ioffice.docs_sent', MONTH);
    const tools = await openSheetTools();
    await tools.getByLabel('Chọn tệp (.xlsx, .csv)').setInputFiles({
      name: 'hong.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: randomBytes(4096),
    });
    await tools.getByRole('button', { name: 'Nhập từ bảng tính' }).click();
    await tools
      .getByRole('alert')
      .getByText('Tệp "hong.xlsx" không đọc được: tệp hỏng hoặc không phải bảng tính Excel (.xlsx).')
      .waitFor();
    assert.deepEqual(await stored('ioffice.docs_sent', MONTH), before);
  });

  test('the director downloads the April 2022 report as DOCX and as PDF', async () => {
    await signIn(page, app.url, 'giamdoc', page.context());
    await page.goto(`${app.url}/#/reports`);
    // Seed 001 came in through the importer: the list and the page say so.
    const row = page.getByRole('row', { name: /tháng 4 năm 2022/ });
    await row.getByText('Nhập từ tệp').waitFor();
    await row.getByRole('link', { name: 'Mở' }).click();
    await page.getByRole('heading', { name: /Báo cáo tháng 4 năm 2022/ }).waitFor();
    await page.getByText(/^Báo cáo này được nhập từ một văn bản đã có/).waitFor();

    const docxDownload = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Tải DOCX' }).click();
    const docx = await saved(await docxDownload, folder);
    assert.equal(docx.subarray(0, 2).toString(), 'PK');

    // LibreOffice renders the PDF: allow it a while.
    const pdfDownload = page.waitForEvent('download', { timeout: 120_000 });
    await page.getByRole('button', { name: 'Tải PDF' }).click();
    const download = await pdfDownload;
    assert.match(download.suggestedFilename(), /\.pdf$/);
    const pdf = await saved(download, folder);
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    const text = spawnSync('pdftotext', ['-layout', join(folder, download.suggestedFilename()), '-'], {
      encoding: 'utf8',
    });
    assert.equal(text.status, 0, text.stderr);
    assert.match(text.stdout, /BÁO CÁO/);
    assert.match(text.stdout, /tháng 4 năm 2022/);
    // Seed 001's figure as the report states it, in Vietnamese notation.
    assert.match(text.stdout, /20\.601/);
  });

  test('no console errors but the refusal the test provoked', () => {
    const unexpected = consoleErrors.errors.filter((e) => !/status of 400/.test(e));
    assert.deepEqual(unexpected, []);
  });
});

function rowOf(sheet: ExcelJS.Worksheet, indicator: string): ExcelJS.Row {
  for (let r = 2; r <= sheet.rowCount; r++) {
    if (sheet.getRow(r).getCell(1).value === indicator) return sheet.getRow(r);
  }
  throw new Error(`no row for ${indicator}`);
}
