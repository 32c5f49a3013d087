import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { E2E_ENGINE, ROOT, screenshot, signIn, signOut, useBrowserApp } from './harness.js';

// One walk through the department's month, in the order people do it: the office enters figures and sees
// validation react, writes an item, submits, and imports an old report (seed 004 as a Word file; the demo
// already holds the five seed texts as history); the director approves and downloads the DOCX, reads the
// dashboard's trends and finds Quyết định số 695/QĐ-UBND (cited in seed 001) typed without diacritics.
const PERIOD = '2022-05';

describe(`baocao in Chromium (${E2E_ENGINE})`, { timeout: 180_000 }, () => {
  const app = useBrowserApp();
  let context: BrowserContext;
  let page: Page;
  let consoleErrors: { errors: string[] };

  before(async () => {
    ({ context, page, console: consoleErrors } = await app.openPage());
    // The chosen period is remembered in the browser; start every run on the report month.
    // Init scripts run in every frame; the sandboxed report preview has no storage, so only the top frame.
    await page.addInitScript((period) => {
      if (window.top === window && !localStorage.getItem('baocao.period'))
        localStorage.setItem('baocao.period', period);
    }, PERIOD);
  });

  test('signing in as the office with the keyboard only', async () => {
    await page.goto(`${app.url}/`);
    await page.getByLabel('Tên đăng nhập').waitFor();
    await screenshot(page, 'login');
    await page.getByLabel('Tên đăng nhập').focus();
    await page.keyboard.type('vanphong');
    await page.keyboard.press('Tab');
    await page.keyboard.type('baocao@2026');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Tổng quan số liệu' }).waitFor();
  });

  test('entering a figure shows a finding as the user types, then saves', async () => {
    await page.goto(`${app.url}/#/entry?section=cntt_cqnn`);
    const sent = page.locator('input[data-indicator="ioffice.docs_sent"]');
    const signed = page.locator('input[data-indicator="ioffice.docs_signed"]');
    // Beside the inputs, April 2022 as seed 001 states it: "có 20.601 văn bản điện tử phát hành".
    await page.locator('tr', { has: sent }).locator('td.num', { hasText: '20.601' }).waitFor();
    await sent.fill('1.858');
    // More signed documents than documents sent cannot be: the subset rule must say so.
    await signed.fill('2.000');
    // The finding appears beside the field, naming both figures the Vietnamese way.
    const beside = page.locator('tr', { has: signed }).locator('.row-findings .finding.error');
    await beside.first().waitFor();
    const text = (await beside.first().textContent()) ?? '';
    assert.match(text, /2\.000/);
    assert.match(text, /1\.858/);
    await screenshot(page, 'entry');
    await signed.fill('1.572');
    await page.getByRole('button', { name: 'Lưu' }).click();
    await page.getByText(/Đã lưu \d+ số liệu/).waitFor();
    await page.reload();
    assert.equal(await page.locator('input[data-indicator="ioffice.docs_signed"]').inputValue(), '1.572');

    // A figure saved by mistake is taken back by emptying its field.
    await page.locator('input[data-indicator="ioffice.docs_signed"]').fill('');
    await page.getByRole('button', { name: 'Lưu' }).click();
    await page.getByText('Đã lưu 0 số liệu, xóa 1 số liệu.').waitFor();
    await page.reload();
    assert.equal(await page.locator('input[data-indicator="ioffice.docs_signed"]').inputValue(), '');
    await page.locator('input[data-indicator="ioffice.docs_signed"]').fill('1.572');
    await page.getByRole('button', { name: 'Lưu' }).click();
    await page.getByText('Đã lưu 1 số liệu.').waitFor();

    // The ratio row offers the ratio of the two figures as the report will state it: 1.572 / 1.858 = 84,61%.
    const ratio = page.locator('input[data-indicator="ioffice.signed_ratio"]');
    const offer = page.locator('tr', { has: ratio }).locator('.computed-ratio');
    await offer.getByText('Tính từ 1.572 và 1.858: 84,61').waitFor();
    await offer.getByRole('button', { name: /Dùng tỷ lệ tính được 84,61/ }).click();
    assert.equal(await ratio.inputValue(), '84,61');
    assert.equal(await offer.count(), 0);
    // A different figure typed in the ratio field brings the offer back.
    await ratio.fill('84,6');
    await offer.waitFor();
    await ratio.fill('84,61');
    await page.getByRole('button', { name: 'Lưu' }).click();
    // Saved: the row is no longer marked as changed (the notice reads as after the save before).
    await page.locator('tr.changed', { has: ratio }).waitFor({ state: 'detached' });
    await page.reload();
    assert.equal(await ratio.inputValue(), '84,61');
    assert.equal(await offer.count(), 0);

    // A typed figure not yet saved is not dropped by moving to another section without asking.
    await sent.fill('1.900');
    const postal = page.locator('nav.sidebar').getByRole('link', { name: /Lĩnh vực bưu chính/ });
    page.once('dialog', (dialog) => void dialog.dismiss());
    await postal.click();
    assert.equal(await sent.inputValue(), '1.900', 'declined: still here with the typed figure');
    page.once('dialog', (dialog) => void dialog.accept());
    await postal.click();
    await page.waitForURL(/section=buu_chinh/);

    // Nor by choosing another period in the header: declined, the period and the figure stay; accepted, both go.
    await page.goto(`${app.url}/#/entry?section=cntt_cqnn`);
    await sent.fill('1.900');
    const month = page.locator('.period-picker select').nth(1);
    page.once('dialog', (dialog) => {
      assert.match(dialog.message(), /chưa lưu.*Bỏ các thay đổi này\?/s);
      void dialog.dismiss();
    });
    await month.selectOption('6');
    assert.equal(await month.inputValue(), '5', 'declined: the picker shows May again');
    assert.equal(await sent.inputValue(), '1.900', 'declined: the typed figure stays');
    assert.equal(await page.evaluate(() => localStorage.getItem('baocao.period')), PERIOD);
    page.once('dialog', (dialog) => void dialog.accept());
    await month.selectOption('6');
    const sentShows = (value: string) =>
      page.waitForFunction(
        (expected) =>
          (document.querySelector('input[data-indicator="ioffice.docs_sent"]') as HTMLInputElement | null)
            ?.value === expected,
        value,
      );
    await page.waitForFunction(() => localStorage.getItem('baocao.period') === '2022-06');
    assert.equal(await month.inputValue(), '6');
    await page.locator('tr.changed').waitFor({ state: 'detached' });
    assert.notEqual(await sent.inputValue(), '1.900', 'accepted: the typed figure is gone');
    // Back to May without typing: nothing to ask.
    await month.selectOption('5');
    await sentShows('1.858');

    // Nor by the main menu: declined, the address and the figure stay; accepted, the reports open.
    await sent.fill('1.900');
    const reportsLink = page.locator('nav.mainnav').getByRole('link', { name: 'Báo cáo', exact: true });
    page.once('dialog', (dialog) => void dialog.dismiss());
    await reportsLink.click();
    assert.match(page.url(), /#\/entry\?section=cntt_cqnn$/, 'declined: the address stays');
    assert.equal(await sent.inputValue(), '1.900', 'declined: the typed figure stays');
    page.once('dialog', (dialog) => void dialog.accept());
    await reportsLink.click();
    await page.waitForURL(/#\/reports$/);
  });

  test('the office creates the report, adds and reorders an item, and submits', async () => {
    await page.goto(`${app.url}/#/reports`);
    await page.getByRole('button', { name: /Tạo dự thảo báo cáo/ }).click();
    await page.waitForURL(/#\/reports\/.+/);
    await page.getByRole('heading', { name: /Báo cáo tháng 5 năm 2022/ }).waitFor();
    // The office numbers and dates the report; the preview shows them in the Decree 30 header.
    await page.getByLabel('Số văn bản').fill('652/BC-STTTT');
    await page.getByLabel('Ngày ban hành').fill('14/5/2022');
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    const preview = page.frameLocator('iframe.preview');
    await preview
      .getByText(/652\/BC-STTTT/)
      .first()
      .waitFor();
    await preview
      .getByText(/ngày 14 tháng 5 năm 2022/)
      .first()
      .waitFor();
    await page.goto(`${app.url}/#/items?section=cntt_cqnn`);
    for (const text of [
      'Triển khai nền tảng ký số từ xa cho cán bộ.',
      'Tập huấn sử dụng hệ thống iOffice.',
    ]) {
      await page.getByLabel('Nội dung ý mới').fill(text);
      await page.getByRole('button', { name: 'Thêm ý' }).click();
      await page.locator('.item', { hasText: text }).waitFor();
    }
    // Reordering works from the keyboard: focus the second item's "up" button and press Enter.
    await page.getByRole('button', { name: 'Chuyển ý lên trên 2' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('.item p')?.textContent?.includes('Tập huấn'));
    await screenshot(page, 'items');
    // Deleting an item asks first: declined, it stays; accepted, it goes.
    const extra = 'Ý ghi nhầm, sẽ xóa.';
    await page.getByLabel('Nội dung ý mới').fill(extra);
    await page.getByRole('button', { name: 'Thêm ý' }).click();
    const extraItem = page.locator('.item', { hasText: extra });
    await extraItem.waitFor();
    page.once('dialog', (dialog) => void dialog.dismiss());
    await extraItem.getByRole('button', { name: 'Xóa' }).click();
    assert.equal(await extraItem.count(), 1, 'declined: the item stays');
    page.once('dialog', (dialog) => {
      assert.match(dialog.message(), /Ý ghi nhầm, sẽ xóa\./);
      void dialog.accept();
    });
    await extraItem.getByRole('button', { name: 'Xóa' }).click();
    await extraItem.waitFor({ state: 'detached' });

    // Submitting over an error the checks found asks first; declined, the report stays a draft.
    const signedInput = page.locator('input[data-indicator="ioffice.docs_signed"]');
    const saveSigned = async (value: string) => {
      await page.goto(`${app.url}/#/entry?section=cntt_cqnn`);
      await signedInput.fill(value);
      await page.getByRole('button', { name: 'Lưu', exact: true }).click();
      await page.getByText('Đã lưu 1 số liệu.').waitFor();
    };
    const openReport = async () => {
      await page.goto(`${app.url}/#/reports`);
      await page
        .getByRole('row', { name: /tháng 5 năm 2022/ })
        .getByRole('link', { name: 'Mở' })
        .click();
      await page.getByRole('button', { name: 'Trình duyệt' }).waitFor();
    };
    await saveSigned('2.000');
    await openReport();
    page.once('dialog', (dialog) => {
      assert.match(
        dialog.message(),
        /^Kiểm tra số liệu còn [1-9]\d* lỗi \(xem danh sách dưới báo cáo\)\. Vẫn trình/,
      );
      void dialog.dismiss();
    });
    await page.getByRole('button', { name: 'Trình duyệt' }).click();
    assert.equal(await page.locator('.badge.status-submitted').count(), 0, 'declined: still a draft');
    await saveSigned('1.572');
    await openReport();
    await page.getByRole('button', { name: 'Trình duyệt' }).click();
    await page.locator('.badge.status-submitted').first().waitFor();

    // Submitted, the month's figures are shown as the director will review them, not edited.
    await page.goto(`${app.url}/#/entry?section=cntt_cqnn`);
    await page.getByText(/^Báo cáo tháng 5 năm 2022 đã trình lãnh đạo: số liệu chỉ xem/).waitFor();
    assert.equal(await page.locator('input[data-indicator="ioffice.docs_sent"]').isDisabled(), true);
    assert.equal(await page.getByRole('button', { name: 'Lưu', exact: true }).count(), 0);
  });

  test('importing a seed report highlights each extracted figure in the source text', async () => {
    await page.goto(`${app.url}/#/import`);
    await page.getByLabel(/Chọn tệp/).setInputFiles(join(ROOT, 'fixtures/samples/bao-cao-thang-4-2021.docx'));
    await page.locator('.source-text mark').first().waitFor({ timeout: 30_000 });
    const marks = await page.locator('.source-text mark').count();
    assert.ok(marks >= 10, `expected many highlighted figures, saw ${marks}`);
    const firstRow = page.locator('table.extracted tbody tr').first();
    await firstRow.getByRole('checkbox').uncheck();
    // Choosing a figure in the table scrolls the source text to it and outlines it.
    const secondRow = page.locator('table.extracted tbody tr').nth(1);
    await secondRow.locator('th button').click();
    const id = await secondRow.getAttribute('data-value-id');
    await page.locator(`.source-text mark.selected[data-value-id="${id}"]`).waitFor();
    await screenshot(page, 'import');

    // A correction that is not a number stops the save (the extracted figure must not go through instead);
    // an emptied figure is left out.
    const save = page.getByRole('button', { name: 'Lưu các số liệu đã nhận' });
    const third = page.locator('table.extracted tbody tr').nth(2);
    const thirdInput = third.locator('input.num');
    const indicator = ((await thirdInput.getAttribute('aria-label')) ?? '').replace(/^Giá trị /, '');
    await thirdInput.fill('abc');
    await page
      .getByRole('alert')
      .getByText(/Không đọc được số đã sửa của/)
      .waitFor();
    assert.equal(await save.isDisabled(), true, 'no save while a corrected figure is unreadable');
    await thirdInput.fill('7.777');
    const fourth = page.locator('table.extracted tbody tr').nth(3);
    await fourth.locator('input.num').fill('');
    assert.match((await fourth.getAttribute('class')) ?? '', /rejected/);
    await save.click();
    await page.getByText(/Đã lưu số liệu từ báo cáo cũ/).waitFor();
    const r = await page.request.get(`${app.url}/api/orgs/stttt-travinh/values?period=2021-04`);
    const body = await r.json();
    const rows: Array<{ indicator: string; value: number | string }> = Array.isArray(body)
      ? body
      : body.values;
    assert.ok(
      rows.some((v) => v.indicator === indicator && Number(v.value) === 7777),
      `the corrected ${indicator} is stored`,
    );
    // The same file again: the page says it was imported before and offers no save.
    await page.reload();
    await page.getByLabel(/Chọn tệp/).setInputFiles(join(ROOT, 'fixtures/samples/bao-cao-thang-4-2021.docx'));
    await page
      .getByRole('alert')
      .getByText(/Tệp này đã được nhập trước đó \(lần nhập số \d+\)/)
      .waitFor();
    assert.equal(await page.getByRole('button', { name: 'Lưu các số liệu đã nhận' }).isDisabled(), true);
    await signOut(page);
  });

  test('the director approves the report and downloads the DOCX', async () => {
    await signIn(page, app.url, 'giamdoc', context);
    await page.goto(`${app.url}/#/reports`);
    await page
      .getByRole('row', { name: /tháng 5 năm 2022/ })
      .getByRole('link', { name: 'Mở' })
      .click();
    await page.getByRole('button', { name: 'Phê duyệt' }).click();
    await page.locator('.badge.status-approved').first().waitFor();
    await page.frameLocator('iframe.preview').locator('body').waitFor();
    await screenshot(page, 'report');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Tải DOCX' }).click(),
    ]);
    const path = await download.path();
    const bytes = await readFile(path);
    assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK', 'a DOCX is a zip file');
    assert.match(download.suggestedFilename(), /\.docx$/);
  });

  test('the dashboard draws trend charts across the imported years', async () => {
    await page.goto(`${app.url}/#/dashboard`);
    const chart = page.locator('figure.chart[data-indicator="ioffice.signed_ratio"]');
    await chart.locator('canvas').waitFor();
    const rows = await chart.locator('tbody tr').count();
    assert.ok(rows >= 2, `the signed-documents trend has at least two periods, saw ${rows}`);
    await screenshot(page, 'dashboard');
    await page.getByRole('button', { name: 'Chuyển sang tiếng Anh' }).click();
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await page.getByRole('button', { name: 'Switch to Vietnamese' }).click();
    await page.getByRole('heading', { name: 'Tổng quan số liệu' }).waitFor();
  });

  test('search finds Quyết định số 695 typed without diacritics', async () => {
    await page.getByLabel('Tìm kiếm').first().fill('quyet dinh 695');
    await page.keyboard.press('Enter');
    await page.waitForURL(/#\/search\?q=/);
    await page.locator('.search-results li', { hasText: '695' }).first().waitFor();
    await screenshot(page, 'search');
  });

  test("an editor of phong-cntt reads other units' sections but cannot type in them", async () => {
    await signIn(page, app.url, 'cntt', context);
    // May 2022 is approved by now: June is the month still open for figures.
    await page.evaluate(() => localStorage.setItem('baocao.period', '2022-06'));
    await page.goto(`${app.url}/#/entry`);
    await page.reload();
    // Without a chosen section the editor lands on one of its own unit's sections.
    await page.getByText('Đơn vị phụ trách: Phòng Công nghệ thông tin').waitFor();
    assert.equal(await page.locator('table.entry-table input').first().isDisabled(), false);
    await page.goto(`${app.url}/#/entry?section=buu_chinh`);
    await page.getByText('Bạn chỉ xem được mục này').waitFor();
    assert.equal(await page.locator('table.entry-table input').first().isDisabled(), true);
    assert.equal(await page.getByRole('button', { name: 'Lưu' }).count(), 0);
  });

  test('no console errors on any page', () => {
    assert.deepEqual(consoleErrors.errors, []);
  });
});
