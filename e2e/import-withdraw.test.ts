import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { E2E_ENGINE, ROOT, screenshot, signIn, useBrowserApp } from './harness.js';

// The office imports seed 004's April 2021 report moved to June 2021 (a month with no figures in the demo),
// sees its figures on the entry page, withdraws the import from the list of imports, and finds the figures
// gone and the file ready to be read again.
const FILE = 'bao-cao-thang-6-2021.txt';

function juneReport(): Buffer {
  const april = readFileSync(join(ROOT, 'fixtures/seeds/004_e05fcdfcee13791a.txt'), 'utf8');
  return Buffer.from(
    april
      .replaceAll(/tháng 5\b/g, 'tháng 7')
      .replaceAll(/THÁNG 5\b/g, 'THÁNG 7')
      .replaceAll(/tháng 4\b/g, 'tháng 6')
      .replaceAll(/THÁNG 4\b/g, 'THÁNG 6'),
    'utf8',
  );
}

describe(`withdrawing an accepted import in Chromium (${E2E_ENGINE})`, { timeout: 180_000 }, () => {
  const app = useBrowserApp();
  let page: Page;
  let consoleErrors: { errors: string[] };

  before(async () => {
    ({ page, console: consoleErrors } = await app.openPage({ timeout: 30_000 }));
  });

  /** The figure of documents sent in June 2021 as the entry page shows it ('' when there is none). */
  const juneDocsSent = async () => {
    await page.evaluate(() => localStorage.setItem('baocao.period', '2021-06'));
    await page.goto(`${app.url}/#/entry?section=cntt_cqnn`);
    await page.reload();
    const sent = page.locator('input[data-indicator="ioffice.docs_sent"]');
    await sent.waitFor();
    // The field is filled once the period's figures are read; an empty one stays empty.
    await page.waitForLoadState('networkidle');
    return sent.inputValue();
  };
  const row = () => page.locator('table.import-history-table tbody tr', { hasText: FILE }).first();

  test('an accepted import is withdrawn from the list: marked, its figures gone, its file readable again', async () => {
    await signIn(page, app.url, 'vanphong');
    await page.goto(`${app.url}/#/import`);
    await page
      .getByLabel(/Chọn tệp/)
      .setInputFiles({ name: FILE, mimeType: 'text/plain', buffer: juneReport() });
    await page.locator('.source-text mark').first().waitFor();
    await page.getByRole('button', { name: 'Lưu các số liệu đã nhận' }).click();
    await page.getByText(/Đã lưu số liệu từ báo cáo cũ/).waitFor();
    await row().getByText('Đã lưu').waitFor();
    assert.equal(await juneDocsSent(), '18.182');

    await page.goto(`${app.url}/#/import`);
    let question = '';
    page.once('dialog', (dialog) => {
      question = dialog.message();
      void dialog.accept();
    });
    await row()
      .getByRole('button', { name: `Rút lại ${FILE}` })
      .click();
    await page.getByText(/Đã rút lại lần nhập tệp bao-cao-thang-6-2021\.txt: xóa 69 số liệu/).waitFor();
    // The confirmation said what goes: seed 004's 69 figures and 24 citations.
    assert.match(
      question,
      /^Rút lại lần nhập tệp bao-cao-thang-6-2021\.txt \(tháng 6 năm 2021\)\? Sẽ xóa 69 số liệu, \d+ nội dung và 24 trích dẫn văn bản/,
    );
    await row().getByText('Đã rút lại').waitFor();
    await row().scrollIntoViewIfNeeded();
    await screenshot(page, 'import-history');
    assert.equal(
      await row()
        .getByRole('button', { name: /Rút lại/ })
        .count(),
      0,
    );

    // The file may be read again, here under the period offered (the withdrawn import's).
    const reupload = page.getByTestId('import-reupload');
    await reupload.getByText(`Có thể nhập lại tệp ${FILE}`).waitFor();
    await reupload
      .getByLabel(/Chọn lại tệp và đọc với kỳ tháng 6 năm 2021/)
      .setInputFiles({ name: FILE, mimeType: 'text/plain', buffer: juneReport() });
    await page.locator('.source-text mark').first().waitFor();
    assert.equal(await page.getByText(/đã được nhập trước đó/).count(), 0, 'not refused as a duplicate');
    await row().getByText('Chờ duyệt').waitFor();

    assert.equal(await juneDocsSent(), '', 'the withdrawn figures are gone from the entry page');
    const stored = await page.evaluate(async () => {
      const response = await fetch('/api/orgs/stttt-travinh/values?period=2021-06', {
        credentials: 'same-origin',
      });
      return (await response.json()) as Array<{ indicator: string }>;
    });
    assert.deepEqual(stored, [], 'nothing of the import is left in June');
    assert.deepEqual(consoleErrors.errors, []);
  });
});
