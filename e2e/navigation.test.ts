import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD, E2E_ENGINE, signIn, signOut, useBrowserApp } from './harness.js';

// Getting around the app: each test walks through a fault a user walkthrough found, as the user met it.
const EXPIRED = 'Phiên đăng nhập đã hết hạn, vui lòng đăng nhập lại.';

/** The picker's kind select, and the month, quarter or half select after it (a label's text includes its options). */
function kindSelect(page: Page) {
  return page.locator('.period-picker select').first();
}
function indexSelect(page: Page) {
  return page.locator('.period-picker select').nth(1);
}

async function chosenPeriod(page: Page): Promise<string | null> {
  return page.evaluate(() => localStorage.getItem('baocao.period'));
}

/** Waits for `read` to give `expected`, then asserts it, so a failure names what was there instead. */
async function settles(read: () => Promise<unknown>, expected: unknown, message: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  let last = await read();
  while (last !== expected && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    last = await read();
  }
  assert.equal(last, expected, message);
}

describe(`getting around in Chromium (${E2E_ENGINE})`, { timeout: 180_000 }, () => {
  const app = useBrowserApp();

  test('switching the period kind keeps the period that holds the current one', async () => {
    const { page, console } = await app.openPage();
    await signIn(page, app.url, 'vanphong');
    await kindSelect(page).selectOption('month');
    await indexSelect(page).selectOption('5');
    await settles(() => chosenPeriod(page), '2022-05', 'month 5 of 2022 chosen');

    await kindSelect(page).selectOption('quarter');
    await settles(() => chosenPeriod(page), '2022-Q2', 'month 5 lies in Quý II');
    assert.equal(await indexSelect(page).locator('option:checked').textContent(), 'Quý II');

    // Back to months: the quarter's last month, the one its report is due at.
    await kindSelect(page).selectOption('month');
    await settles(() => chosenPeriod(page), '2022-06', 'Quý II back to a month of it');
    assert.equal(await indexSelect(page).inputValue(), '6');

    await kindSelect(page).selectOption('half_year');
    await settles(() => chosenPeriod(page), '2022-H1', 'month 6 lies in the first half');
    await kindSelect(page).selectOption('nine_months');
    await settles(() => chosenPeriod(page), '2022-9M', '9 months of the same year');
    await kindSelect(page).selectOption('year');
    await settles(() => chosenPeriod(page), '2022', 'the same year');
    assert.deepEqual(console.errors, []);
  });

  test("the search page's box follows the query of the header's box", async () => {
    const { page, console } = await app.openPage();
    await signIn(page, app.url, 'vanphong');
    await page.goto(`${app.url}/#/search`);
    const own = page.locator('#search-input');
    await own.fill('quyet dinh 695');
    await own.press('Enter');
    await page.waitForURL(/#\/search\?q=quyet/);
    await page.locator('.search-results li', { hasText: '695' }).first().waitFor();

    const header = page.locator('#quick-search');
    await header.fill('ky so');
    await header.press('Enter');
    await page.waitForURL(/#\/search\?q=ky%20so/);
    await settles(() => own.inputValue(), 'ky so', "the page's box shows the query the results are for");

    // Back in history the box follows the URL again.
    await page.goBack();
    await page.waitForURL(/#\/search\?q=quyet/);
    await settles(() => own.inputValue(), 'quyet dinh 695', 'the earlier query after going back');
    assert.deepEqual(console.errors, []);
  });

  test('only the office and administrators are offered the import of old reports', async () => {
    const { context, page, console } = await app.openPage();
    // signIn drops the previous session from the app's own storage: start on the app's origin.
    await page.goto(`${app.url}/`);
    const importItem = page
      .getByRole('navigation', { name: 'menu' })
      .getByRole('link', { name: 'Nhập báo cáo cũ' });
    for (const [username, offered] of [
      ['vanphong', true],
      ['admin', true],
      ['giamdoc', false],
      ['cntt', false],
      ['bcvt', false],
      ['phantich', false],
    ] as const) {
      await signIn(page, app.url, username, context);
      await page.getByRole('link', { name: 'Tìm kiếm' }).waitFor();
      assert.equal(
        await importItem.count(),
        offered ? 1 : 0,
        `${username} is ${offered ? '' : 'not '}offered import`,
      );
    }

    // The analyst following a link is told who imports before choosing any file.
    await page.goto(`${app.url}/#/import`);
    await page.getByRole('alert').getByText('chỉ dành cho Văn phòng Sở và tài khoản Quản trị').waitFor();
    assert.equal(await page.locator('main input[type="file"]').count(), 0);
    assert.deepEqual(console.errors, []);
  });

  test('a session that expires mid-work says so on the sign-in form and keeps what was typed', async () => {
    const { context, page, console } = await app.openPage();
    // A first visit: the form without any word of expiry.
    await page.goto(`${app.url}/`);
    await page.getByLabel('Tên đăng nhập').waitFor();
    assert.equal(await page.getByText(EXPIRED).count(), 0);

    await signIn(page, app.url, 'vanphong');
    await page.locator('#quick-search').fill('chu ky so');
    // The session ends on the server's side (expired, or ended elsewhere); the next request answers 401.
    await context.clearCookies();
    await page
      .getByRole('navigation', { name: 'menu' })
      .getByRole('link', { name: 'Báo cáo', exact: true })
      .click();
    await page.getByText(EXPIRED).waitFor();
    assert.equal(await page.getByRole('alert').filter({ hasText: EXPIRED }).count(), 1);
    assert.equal(await page.getByLabel('Tên đăng nhập').inputValue(), 'vanphong');

    // Signing in again as the same person brings back the pages as they were.
    await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('button', { name: 'Đăng xuất' }).waitFor();
    assert.equal(await page.getByText(EXPIRED).count(), 0);
    assert.equal(await page.locator('#quick-search').inputValue(), 'chu ky so');

    // Signing out is no expiry: the form comes back without the message, and after a reload too.
    await signOut(page);
    assert.equal(await page.getByText(EXPIRED).count(), 0);
    await page.reload();
    await page.getByLabel('Tên đăng nhập').waitFor();
    assert.equal(await page.getByText(EXPIRED).count(), 0);

    // Someone else signing in after an expiry starts afresh, not on the other person's typing.
    await signIn(page, app.url, 'vanphong');
    await page.locator('#quick-search').fill('cua van phong');
    await context.clearCookies();
    await page.getByRole('link', { name: 'Tìm kiếm' }).click();
    await page.locator('#search-input').fill('x');
    await page.locator('#search-input').press('Enter');
    await page.getByText(EXPIRED).waitFor();
    await page.getByLabel('Tên đăng nhập').fill('giamdoc');
    await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('button', { name: 'Đăng xuất' }).waitFor();
    assert.equal(await page.locator('#quick-search').inputValue(), '');

    // The 401s provoked above log "Failed to load resource"; nothing else may.
    assert.deepEqual(
      console.errors.filter((e) => !/Failed to load resource.*status of 401/.test(e)),
      [],
    );
  });

  test('Back with unsaved figures asks; declined, the page stays and Back still leads where it did', async () => {
    const { page, console } = await app.openPage();
    await signIn(page, app.url, 'vanphong');
    await page.goto(`${app.url}/#/reports`);
    await page.getByRole('heading', { name: 'Báo cáo', exact: true }).waitFor();
    await page.goto(`${app.url}/#/entry?section=cntt_cqnn`);
    const sent = page.locator('input[data-indicator="ioffice.docs_sent"]');
    await sent.fill('1.234');
    const entries = await page.evaluate(() => history.length);
    const place = () => page.evaluate(() => (history.state as { place?: number } | null)?.place);
    const entryPlace = await place();
    const hash = () => page.evaluate(() => location.hash);
    page.once('dialog', (dialog) => void dialog.dismiss());
    await page.goBack();
    await settles(hash, '#/entry?section=cntt_cqnn', 'declined: still on entry');
    assert.equal(await sent.inputValue(), '1.234');
    // Declined, the history is as it was: the reports behind, nothing added, the entry page's own entry shown.
    assert.equal(await page.evaluate(() => history.length), entries);
    assert.equal(await place(), entryPlace);
    // An address typed by hand, declined: the page stays, and the typed address waits ahead as after a Back.
    page.once('dialog', (dialog) => void dialog.dismiss());
    await page.evaluate(() => {
      location.hash = '#/search';
    });
    await settles(hash, '#/entry?section=cntt_cqnn', 'declined typed address: still on entry');
    assert.equal(await page.evaluate(() => history.length), entries + 1);
    // Forward to it, declined: back on the entry page, the history unchanged.
    page.once('dialog', (dialog) => void dialog.dismiss());
    await page.goForward();
    await settles(hash, '#/entry?section=cntt_cqnn', 'declined Forward: still on entry');
    assert.equal(await page.evaluate(() => history.length), entries + 1);
    assert.equal(await sent.inputValue(), '1.234');
    page.once('dialog', (dialog) => void dialog.accept());
    await page.goBack();
    await settles(hash, '#/reports', 'accepted: Back reaches the reports');
    assert.deepEqual(console.errors, []);
  });

  test('the skip link moves the focus to the content and leaves the page where it is', async () => {
    const { page, console } = await app.openPage();
    await signIn(page, app.url, 'vanphong');
    await page.goto(`${app.url}/#/reports`);
    await page.getByRole('heading', { name: 'Báo cáo', exact: true }).waitFor();
    const skip = page.getByRole('link', { name: 'Bỏ qua đến nội dung' });
    await skip.focus();
    await page.keyboard.press('Enter');
    await settles(() => page.evaluate(() => document.activeElement?.id), 'main', 'focus on the content');
    assert.equal(await page.evaluate(() => location.hash), '#/reports');
    assert.equal(await page.getByRole('heading', { name: 'Báo cáo', exact: true }).count(), 1);
    assert.deepEqual(console.errors, []);
  });

  test('in English, units and the findings beside a figure read in English', async () => {
    const { page, console } = await app.openPage();
    await signIn(page, app.url, 'vanphong');
    await kindSelect(page).selectOption('month');
    await indexSelect(page).selectOption('6');
    await settles(() => chosenPeriod(page), '2022-06', 'June 2022 chosen');
    await page.getByRole('button', { name: 'Chuyển sang tiếng Anh' }).click();
    await page.goto(`${app.url}/#/entry?section=cntt_cqnn`);
    const sent = page.locator('input[data-indicator="ioffice.docs_sent"]');
    const signed = page.locator('input[data-indicator="ioffice.docs_signed"]');
    assert.equal(
      await page.locator('tr', { has: sent }).locator('td.muted').first().textContent(),
      'documents',
    );
    await sent.fill('1.858');
    await signed.fill('2.000');
    const finding = page.locator('tr', { has: signed }).locator('.row-findings .finding.error').first();
    await finding.waitFor();
    assert.match((await finding.textContent()) ?? '', /: 2\.000, more than .* at 1\.858 \(off by 142\)\./);
    assert.deepEqual(console.errors, []);
  });
});
