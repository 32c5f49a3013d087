import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { E2E_ENGINE, screenshot, signIn, useBrowserApp } from './harness.js';

// A new deputy director signs the reports and the department adds a section for digital transformation:
// the administrator changes the layout, is stopped from dropping a section a unit writes, and the office's
// next draft follows the new layout.
const MONTH = '2022-06';

describe(`the report layout in Chromium (${E2E_ENGINE})`, { timeout: 180_000 }, () => {
  const app = useBrowserApp();
  let page: Page;
  let consoleErrors: { errors: string[] };

  before(async () => {
    ({ page, console: consoleErrors } = await app.openPage());
    await page.addInitScript((period) => {
      if (window.top === window) localStorage.setItem('baocao.period', period);
    }, MONTH);
  });

  const sectionRow = (key: string) => page.locator(`tr[data-section-key="${key}"]`);

  test('the administrator changes the signer, renames a section and adds a sub-section', async () => {
    await signIn(page, app.url, 'admin');
    await page.goto(`${app.url}/#/admin/layout`);
    const signer = page.getByLabel('Họ tên người ký');
    assert.equal(await signer.inputValue(), 'Nguyễn Văn Chuẩn');
    assert.equal(
      await page.getByRole('button', { name: 'Lưu bố cục' }).isDisabled(),
      true,
      'nothing to save',
    );
    // Each section names the unit that writes it.
    assert.match((await sectionRow('buu_chinh').textContent()) ?? '', /Phòng Bưu chính - Viễn thông/);

    await signer.fill('Trần Thị Lan');
    await page.getByLabel('Tiêu đề mục buu_chinh').fill('Lĩnh vực bưu chính, chuyển phát');
    const newChild = page.getByLabel('Tiêu đề mục con mới CÔNG TÁC QUẢN LÝ NHÀ NƯỚC');
    await newChild.fill('Chuyển đổi số');
    await newChild.press('Enter');
    await sectionRow('chuyen_doi_so').waitFor();
    assert.equal(await page.getByLabel('Số thứ tự Chuyển đổi số').inputValue(), '8');
    await page.getByText('Có thay đổi chưa lưu.').waitFor();
    // Leaving with the layout unsaved asks first; declined, the page and its edits stay.
    const address = page.url();
    page.once('dialog', (dialog) => {
      assert.match(dialog.message(), /^Bố cục báo cáo có thay đổi chưa lưu/);
      void dialog.dismiss();
    });
    await page.locator('nav.mainnav').getByRole('link', { name: 'Báo cáo', exact: true }).click();
    assert.equal(page.url(), address);
    assert.equal(await page.getByLabel('Tiêu đề mục chuyen_doi_so').inputValue(), 'Chuyển đổi số');

    await page.getByRole('button', { name: 'Lưu bố cục' }).click();
    await page.getByRole('status').getByText('Đã lưu bố cục báo cáo.').waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'admin-layout');

    // Read back from the server: a fresh load shows the saved layout.
    await page.reload();
    assert.equal(await page.getByLabel('Họ tên người ký').inputValue(), 'Trần Thị Lan');
    assert.equal(await page.getByLabel('Tiêu đề mục chuyen_doi_so').inputValue(), 'Chuyển đổi số');
  });

  test("a section's names in older reports: the former title is kept, another is added by hand", async () => {
    await sectionRow('buu_chinh').locator('summary').click();
    const aliases = page.getByLabel('Tên mục trong báo cáo cũ (mỗi dòng một tên) buu_chinh');
    // The shipped "Về Bưu chính", and the title it had before the rename of the first test.
    assert.equal(await aliases.inputValue(), 'Về Bưu chính\nLĩnh vực bưu chính');
    assert.equal(await page.getByLabel('Tiêu đề tiếng Anh buu_chinh').inputValue(), 'Postal services');
    await aliases.fill('Về Bưu chính\nLĩnh vực bưu chính\n\nCông tác bưu chính ');
    await page.getByLabel('Tiêu đề tiếng Anh buu_chinh').fill('Postal and delivery services');
    // A section's kind is chosen there too: the sub-section added above took its parent's (results).
    await sectionRow('chuyen_doi_so').locator('summary').click();
    const kind = page.getByLabel('Loại mục chuyen_doi_so');
    assert.equal(await kind.inputValue(), 'results');
    await kind.selectOption({ label: 'Đánh giá' });
    await page.getByRole('button', { name: 'Lưu bố cục' }).click();
    await page.getByRole('status').getByText('Đã lưu bố cục báo cáo.').waitFor();

    await page.reload();
    await sectionRow('buu_chinh').locator('summary', { hasText: '(3)' }).click();
    assert.equal(
      await page.getByLabel('Tên mục trong báo cáo cũ (mỗi dòng một tên) buu_chinh').inputValue(),
      'Về Bưu chính\nLĩnh vực bưu chính\nCông tác bưu chính',
    );
    assert.equal(
      await page.getByLabel('Tiêu đề tiếng Anh buu_chinh').inputValue(),
      'Postal and delivery services',
    );
    await sectionRow('chuyen_doi_so').locator('summary').click();
    assert.equal(await page.getByLabel('Loại mục chuyen_doi_so').inputValue(), 'assessment');
  });

  test('a section a unit writes cannot be removed: the reason is shown and nothing changes', async () => {
    await page.getByRole('button', { name: 'Xóa mục Lĩnh vực bưu chính, chuyển phát' }).click();
    assert.equal(await sectionRow('buu_chinh').count(), 0, 'gone from the screen until saved');
    await page.getByRole('button', { name: 'Lưu bố cục' }).click();
    await page
      .getByRole('alert')
      .getByText(
        /Không xóa được mục "Lĩnh vực bưu chính, chuyển phát": mục này được giao cho Phòng Bưu chính/,
      )
      .waitFor();
    await page.getByRole('button', { name: 'Hoàn tác' }).click();
    await sectionRow('buu_chinh').waitFor();
    await page.reload();
    await sectionRow('buu_chinh').waitFor();
  });

  test('a figure sentence is rewritten, a wrong placeholder refused, and the shipped wording restored', async () => {
    await page.getByRole('link', { name: 'Câu mẫu số liệu' }).click();
    const docs = page.locator('li[data-sentence-key="cntt_cqnn.ioffice_docs"]');
    const shipped = await docs.locator('textarea').inputValue();
    assert.match(shipped, /^\{PeriodWords\}, có \{ioffice\.docs_sent\} văn bản điện tử phát hành/);
    const rewritten =
      '{PeriodWords}, các cơ quan phát hành {ioffice.docs_sent} văn bản điện tử trên hệ thống.';
    await docs.locator('textarea').fill(rewritten);
    await docs.getByRole('button', { name: 'Lưu' }).click();
    await page.getByRole('status').getByText('Đã lưu câu cntt_cqnn.ioffice_docs.').waitFor();
    await docs.locator('small', { hasText: `Câu gốc: ${shipped}` }).waitFor();
    assert.equal(await docs.locator('textarea').inputValue(), rewritten);

    const decisions = page.locator('li[data-sentence-key="tham_muu.decisions"]');
    await decisions.locator('textarea').fill('Ban hành {advisory.khong_co} quyết định.');
    await decisions.getByRole('button', { name: 'Lưu' }).click();
    await decisions
      .getByRole('alert')
      .getByText(
        'Câu tham_muu.decisions: Chỉ tiêu "advisory.khong_co" trong "{advisory.khong_co}" không có trong danh mục.',
      )
      .waitFor();
    await screenshot(page, 'admin-sentences');

    await decisions.locator('textarea').fill('Ban hành {advisory.decisions_issued|pad} quyết định.');
    await decisions.getByRole('button', { name: 'Lưu' }).click();
    await page.getByRole('status').getByText('Đã lưu câu tham_muu.decisions.').waitFor();
    await decisions.getByRole('button', { name: 'Trở lại câu gốc' }).click();
    await page.getByRole('status').getByText('Câu tham_muu.decisions đã trở lại như gốc.').waitFor();
    await decisions.getByRole('button', { name: 'Trở lại câu gốc' }).waitFor({ state: 'detached' });
  });

  test("the office's next draft follows the saved layout and sentences", async () => {
    await signIn(page, app.url, 'vanphong', page.context());
    // A report is laid out from the month's figures: June gets its first one.
    await page.goto(`${app.url}/#/entry?section=cntt_cqnn`);
    await page.locator('input[data-indicator="ioffice.docs_sent"]').fill('1.858');
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await page.getByText(/Đã lưu \d+ số liệu/).waitFor();
    await page.goto(`${app.url}/#/reports`);
    await page.getByRole('button', { name: /Tạo dự thảo báo cáo/ }).click();
    await page.waitForURL(/#\/reports\/.+/);
    const preview = page.frameLocator('iframe.preview');
    await preview.getByText('Trần Thị Lan').waitFor();
    await preview.getByText(/Lĩnh vực bưu chính, chuyển phát/).waitFor();
    // The office's 1.858 documents of June, in the organisation's own sentence.
    await preview
      .getByText('Trong tháng, các cơ quan phát hành 1.858 văn bản điện tử trên hệ thống.')
      .waitFor();
  });

  test('no console errors but the refusals the test provoked', () => {
    const unexpected = consoleErrors.errors.filter((e) => !/status of (409|400)/.test(e));
    assert.deepEqual(unexpected, []);
  });
});
