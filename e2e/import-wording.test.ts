import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { DEMO_ORG } from '../src/server/testing.js';
import { E2E_ENGINE, ROOT, screenshot, signIn, useBrowserApp } from './harness.js';

// The office imports a July 2021 report (seed 004's text for another month) with a sentence no pattern
// reads, selects its words in the source text, names the indicator, and baocao reads the figure there and
// in the next month's report.
const SENTENCE =
  '- Hệ thống hội nghị truyền hình của tỉnh phục vụ 23 phiên họp trực tuyến trong tháng, với 310 lượt điểm cầu kết nối.';
const SELECTED = 'hội nghị truyền hình của tỉnh phục vụ 23 phiên họp trực tuyến';

function reportFor(month: number, sentence: string): Buffer {
  const april = readFileSync(join(ROOT, 'fixtures/seeds/004_e05fcdfcee13791a.txt'), 'utf8');
  // Seed 004 reports April and plans May: the same text moved on by `month - 4` months.
  const text = april
    .replaceAll(/tháng 5\b/g, `tháng ${month + 1}`)
    .replaceAll(/THÁNG 5\b/g, `THÁNG ${month + 1}`)
    .replaceAll(/tháng 4\b/g, `tháng ${month}`)
    .replaceAll(/THÁNG 4\b/g, `THÁNG ${month}`);
  const at = text.indexOf('\n', text.indexOf('**18.182**')) + 1;
  return Buffer.from(`${text.slice(0, at)}\n${sentence}\n${text.slice(at)}`, 'utf8');
}

describe(`teaching the importer a missed wording in Chromium (${E2E_ENGINE})`, { timeout: 180_000 }, () => {
  const app = useBrowserApp();
  let page: Page;
  let consoleErrors: { errors: string[] };

  before(async () => {
    ({ page, console: consoleErrors } = await app.openPage({ timeout: 30_000 }));
  });

  const upload = async (month: number, sentence: string) => {
    await page.goto(`${app.url}/#/import`);
    await page.getByLabel(/Chọn tệp/).setInputFiles({
      name: `bao-cao-thang-${month}-2021.txt`,
      mimeType: 'text/plain',
      buffer: reportFor(month, sentence),
    });
    await page.getByText(`tháng ${month} năm 2021`, { exact: false }).first().waitFor();
    await page.locator('.source-text mark').first().waitFor();
  };
  /** Selects `words` in the source text as a mouse would leave it: a DOM range over them, then the release. */
  const selectInSource = (words: string) =>
    page.evaluate((target) => {
      const pre = document.querySelector('.source-text')!;
      const walker = document.createTreeWalker(pre, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent?.indexOf(target) ?? -1;
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + target.length);
        getSelection()!.removeAllRanges();
        getSelection()!.addRange(range);
        pre.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
        return;
      }
      throw new Error(`not in the source text: ${target}`);
    }, words);
  const openTeacher = async () => {
    // The panel stays open across uploads once opened.
    if ((await page.locator('details.wording-teacher').getAttribute('open')) === null) {
      await page.getByText('Số liệu bị bỏ sót?').click();
    }
  };
  const meetingRows = () => page.locator('table.extracted tbody tr[data-value-id^="vc.mcu_meetings|"]');

  test('the selected words and an indicator read the figure, and the review stores it', async () => {
    await signIn(page, app.url, 'vanphong');
    await upload(7, SENTENCE);
    assert.equal(await meetingRows().count(), 0);

    await selectInSource(SELECTED);
    await openTeacher();
    assert.equal(await page.getByTestId('teach-selection').textContent(), SELECTED);
    await page.locator('.wording-teacher select').first().selectOption('vc.mcu_meetings');
    await page.getByRole('button', { name: 'Đọc số liệu này và ghi nhớ cách viết' }).click();
    await page.getByText(/Đã ghi nhớ cách viết “.*\{n\} phien hop truc tuyen.*”; đọc được 23\./).waitFor();

    // The figure is in the table and highlighted in the text, outlined as the one just read.
    assert.equal(await meetingRows().count(), 1);
    assert.equal(await meetingRows().locator('input.num').inputValue(), '23');
    const id = await meetingRows().getAttribute('data-value-id');
    const mark = page.locator(`.source-text mark.selected[data-value-id="${id}"]`);
    await mark.waitFor();
    assert.match((await mark.textContent()) ?? '', /23 phiên họp trực tuyến/);
    await screenshot(page, 'import-wording');

    await page.getByRole('button', { name: 'Lưu các số liệu đã nhận' }).click();
    await page.getByText(/Đã lưu số liệu từ báo cáo cũ/).waitFor();
    const stored = await page.evaluate(async (org) => {
      const response = await fetch(`/api/orgs/${org}/values?period=2021-07`, { credentials: 'same-origin' });
      return (await response.json()) as Array<{ indicator: string; value: number }>;
    }, DEMO_ORG);
    assert.deepEqual(
      (Array.isArray(stored) ? stored : (stored as { values: typeof stored }).values)
        .filter((v) => v.indicator === 'vc.mcu_meetings')
        .map((v) => v.value),
      [23],
    );
  });

  test("the next month's report is read with the wording, without teaching it again", async () => {
    await upload(8, SENTENCE.replace('23', '31'));
    assert.equal(await meetingRows().count(), 1);
    assert.equal(await meetingRows().locator('input.num').inputValue(), '31');
  });

  test('a selection without the words of the figure is refused with the reason', async () => {
    await selectInSource('vụ 31');
    await openTeacher();
    await page.locator('.wording-teacher select').first().selectOption('vc.jitsi_meetings');
    await page.getByRole('button', { name: 'Đọc số liệu này và ghi nhớ cách viết' }).click();
    await page
      .getByRole('alert')
      .getByText(/ít nhất hai từ/)
      .waitFor();
  });

  test('the wordings taught are listed with the sentence they came from; a forgotten one is no longer read', async () => {
    const list = page.locator('details.learnt-wordings');
    await list.locator('summary', { hasText: 'Cách viết đã học (1)' }).click();
    const row = list.locator('tr[data-wording-id]');
    assert.equal(await row.count(), 1);
    assert.equal(await row.locator('th').textContent(), 'Số cuộc họp trực tuyến qua hệ thống MCU của tỉnh');
    assert.match((await row.locator('code').textContent()) ?? '', /\{n\} phien hop truc tuyen/);
    assert.match((await row.locator('q').textContent()) ?? '', /23 phiên họp trực tuyến/);
    assert.match((await row.textContent()) ?? '', /vanphong, \d{1,2}\/\d{1,2}\/\d{4}/);

    page.once('dialog', (dialog) => dialog.accept());
    await row.getByRole('button', { name: /^Quên / }).click();
    await list
      .getByRole('status')
      .getByText(/^Đã quên cách viết “.*”\.$/)
      .waitFor();
    assert.equal(await row.count(), 0);
    await list.locator('summary', { hasText: 'Cách viết đã học (0)' }).waitFor();

    await upload(9, SENTENCE.replace('23', '29'));
    assert.equal(await meetingRows().count(), 0, 'the forgotten wording reads nothing');
  });

  test('a wording taught under the wrong indicator is corrected in its row, and the next report is read so', async () => {
    await upload(10, SENTENCE);
    // Taught wrong: the whole clause, whose last number (310 endpoints) lands under the Jitsi meetings.
    await selectInSource('phục vụ 23 phiên họp trực tuyến trong tháng, với 310 lượt điểm cầu');
    await openTeacher();
    await page.locator('.wording-teacher select').first().selectOption('vc.jitsi_meetings');
    await page.getByRole('button', { name: 'Đọc số liệu này và ghi nhớ cách viết' }).click();
    await page.getByText(/Đã ghi nhớ cách viết “.*, voi \{n\} luot diem cau”; đọc được 310\./).waitFor();

    const list = page.locator('details.learnt-wordings');
    if ((await list.getAttribute('open')) === null) await list.locator('summary').click();
    await list.locator('summary', { hasText: 'Cách viết đã học (1)' }).waitFor();
    const row = list.locator('tr[data-wording-id]');
    assert.equal(await row.locator('th').textContent(), 'Số cuộc họp trực tuyến trên hệ thống Jitsi Meet');
    await row.getByRole('button', { name: /^Sửa / }).click();
    const editor = list.locator('tr.row-editor form');
    assert.equal(await editor.getByLabel('Chỉ tiêu').inputValue(), 'vc.jitsi_meetings');

    // Words without the figure's place are refused with the reason, and the editor stays open.
    await editor.getByLabel('Cách viết').fill('phục vụ 23 phiên họp trực tuyến');
    await editor.getByRole('button', { name: 'Lưu' }).click();
    await editor
      .getByRole('alert')
      .getByText(/Cách viết phải có \{n\} ở chỗ số liệu cần đọc/)
      .waitFor();

    // The right indicator, and the words typed as the report writes them (with diacritics).
    await editor.getByLabel('Chỉ tiêu').selectOption('vc.mcu_endpoints');
    await editor.getByLabel('Cách viết').fill('phiên họp trực tuyến trong tháng, với {n} lượt điểm cầu');
    await editor.getByRole('button', { name: 'Lưu' }).click();
    await list
      .getByRole('status')
      .getByText(
        'Đã sửa cách viết “phien hop truc tuyen trong thang, voi {n} luot diem cau”; trong câu đã học đọc được 310.',
      )
      .waitFor();
    assert.equal(await editor.count(), 0);
    assert.equal(await row.count(), 1);
    assert.equal(
      await row.locator('th').textContent(),
      'Số lượt điểm cầu tham gia các cuộc họp qua MCU của tỉnh',
    );
    assert.equal(await row.locator('td').first().textContent(), 'Trong kỳ');
    assert.equal(
      await row.locator('code').textContent(),
      'phien hop truc tuyen trong thang, voi {n} luot diem cau',
    );
    // The file open for review is read again: 310 is listed as endpoints, no longer as Jitsi meetings.
    await page.getByText(/^Đã đọc lại tệp .* với các cách viết hiện có/).waitFor();
    const extracted = page.locator('table.extracted tbody');
    await extracted.locator('tr[data-value-id^="vc.mcu_endpoints|"]').waitFor();
    assert.equal(
      await extracted.locator('tr[data-value-id^="vc.mcu_endpoints|"] input.num').inputValue(),
      '310',
    );
    assert.equal(await extracted.locator('tr[data-value-id^="vc.jitsi_meetings|"]').count(), 0);
    // Listed so after a reload too: what the server stored.
    await page.reload();
    await page.locator('details.learnt-wordings summary', { hasText: 'Cách viết đã học (1)' }).click();
    assert.equal(
      await page.locator('details.learnt-wordings tr[data-wording-id] th').textContent(),
      'Số lượt điểm cầu tham gia các cuộc họp qua MCU của tỉnh',
    );

    await upload(11, SENTENCE.replace('23', '29').replace('310', '280'));
    const endpointRows = page.locator('table.extracted tbody tr[data-value-id^="vc.mcu_endpoints|"]');
    assert.equal(await endpointRows.count(), 1);
    assert.equal(await endpointRows.locator('input.num').inputValue(), '280');
    assert.equal(
      await page.locator('table.extracted tbody tr[data-value-id^="vc.jitsi_meetings|"]').count(),
      0,
    );
  });

  test('a report that names no period is read again under the period the office chooses', async () => {
    await page.goto(`${app.url}/#/import`);
    // A report whose title, opening and closing name no period.
    const noPeriod = [
      'BÁO CÁO',
      'Kết quả công tác',
      'I. KẾT QUẢ THỰC HIỆN',
      '1. Công tác văn thư',
      'Tổng văn bản đi trong tháng: 1.234, ký số 1.000 văn bản (tỷ lệ 81,04%).',
    ].join('\n\n');
    await page.getByLabel(/Chọn tệp/).setInputFiles({
      name: 'bao-cao-khong-ro-ky.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from(noPeriod, 'utf8'),
    });
    const stated = page.locator('.period-stated');
    await stated.getByText(/Không xác định được kỳ báo cáo của tệp bao-cao-khong-ro-ky\.txt/).waitFor();
    const [kind, month, year] = [0, 1, 2].map((i) => stated.locator('select').nth(i));
    await kind!.selectOption('month');
    await month!.selectOption('3');
    await year!.selectOption('2019');
    await stated.getByRole('button', { name: 'Đọc lại với kỳ tháng 3 năm 2019' }).click();
    await page.locator('.source-text mark').first().waitFor();
    assert.equal(await stated.count(), 0);
    assert.match((await page.getByText(/^Kỳ nhận diện/).textContent()) ?? '', /tháng 3 năm 2019/);

    // Chosen wrongly: the waiting file is read again under another period, from the one it has.
    const change = page.locator('details.period-change');
    await change.locator('summary').click();
    assert.equal(await change.locator('select').nth(1).inputValue(), '3');
    await change.locator('select').nth(1).selectOption('4');
    await change.getByRole('button', { name: 'Đọc lại với kỳ tháng 4 năm 2019' }).click();
    await page.getByText(/^Kỳ nhận diện: tháng 4 năm 2019/).waitFor();
    await page.locator('.source-text mark').first().waitFor();
  });

  test('no console errors but the refusals the tests provoked', () => {
    const unexpected = consoleErrors.errors.filter((e) => !/status of (400|422)/.test(e));
    assert.deepEqual(unexpected, []);
  });
});
