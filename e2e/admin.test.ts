import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { E2E_ENGINE, screenshot, signIn, submitSignIn, useBrowserApp } from './harness.js';

// The administrator's day: a new colleague gets an account on the right unit, leaves and is locked out, a
// unit is added and closed, an indicator is renamed; a non-admin sees no way in and is told why.
const ORG = 'stttt-travinh';
const NEW_USER = 'ttcntt.hoa';
const NEW_PASSWORD = 'TrungTam@2026';

describe(`administration in Chromium (${E2E_ENGINE})`, { timeout: 180_000 }, () => {
  const app = useBrowserApp();
  let context: BrowserContext;
  let page: Page;
  // The new colleague's own browser, so their session lives beside the admin's.
  let colleaguePage: Page;
  let consoles: { errors: string[] }[] = [];

  before(async () => {
    const admin = await app.openPage();
    const colleague = await app.openPage();
    ({ context, page } = admin);
    colleaguePage = colleague.page;
    consoles = [admin.console, colleague.console];
  });

  const usersRow = (username: string) => page.locator(`tr[data-username="${username}"]`);

  test('the admin finds Quản trị in the menu and the users with their roles', async () => {
    await signIn(page, app.url, 'admin');
    await page.getByRole('navigation', { name: 'menu' }).getByRole('link', { name: 'Quản trị' }).click();
    await page.getByRole('heading', { name: 'Quản trị hệ thống' }).waitFor();
    await usersRow('cntt').waitFor();
    assert.match(
      (await usersRow('cntt').textContent()) ?? '',
      /Biên tập \(nhập số liệu\) — Phòng Công nghệ thông tin/,
    );
    assert.match((await usersRow('giamdoc').textContent()) ?? '', /Lãnh đạo Sở — Toàn Sở/);
    // An admin cannot lock themselves out: the server refuses (409) and the button is not offered.
    assert.equal(await page.getByRole('button', { name: 'Khóa tài khoản admin' }).isDisabled(), true);
  });

  test('adding a user: the form explains a short password, the server refuses a taken username', async () => {
    const before = await page.locator('table.users-table tbody tr[data-username]').count();
    await page.getByLabel('Tên đăng nhập').fill(NEW_USER);
    await page.getByLabel('Họ tên hiển thị').fill('Lê Thị Hoa');
    await page.getByLabel('Mật khẩu', { exact: true }).fill('ngan123');
    await page.getByLabel('Vai trò').selectOption('editor');
    await page.getByLabel('Đơn vị').selectOption('trung-tam-cntt');
    await page.getByRole('button', { name: 'Thêm người dùng' }).click();
    await page.getByText('Mật khẩu phải có ít nhất 10 ký tự.').waitFor();
    assert.equal(await usersRow(NEW_USER).count(), 0, 'nothing is sent while the form is wrong');

    // A taken username: the server's Vietnamese refusal beside the form, the table unchanged.
    await page.getByLabel('Tên đăng nhập').fill('cntt');
    await page.getByLabel('Mật khẩu', { exact: true }).fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Thêm người dùng' }).click();
    const form = page.locator('form', { has: page.getByRole('heading', { name: 'Thêm người dùng' }) });
    await form.getByRole('alert').getByText('Tên đăng nhập "cntt" đã được dùng.').waitFor();
    assert.equal(await page.locator('table.users-table tbody tr[data-username]').count(), before);

    await page.getByLabel('Tên đăng nhập').fill(NEW_USER);
    await page.getByRole('button', { name: 'Thêm người dùng' }).click();
    await page.getByRole('status').getByText(`Đã thêm người dùng ${NEW_USER}.`).waitFor();
    const row = usersRow(NEW_USER);
    await row.waitFor();
    const text = (await row.textContent()) ?? '';
    assert.match(text, /Lê Thị Hoa/);
    assert.match(text, /Biên tập \(nhập số liệu\) — Trung tâm Công nghệ thông tin và Truyền thông/);
    assert.match(text, /Đang hoạt động/);
    // The form is emptied for the next account.
    assert.equal(await page.getByLabel('Tên đăng nhập').inputValue(), '');
    await screenshot(page, 'admin');
  });

  test('the new user signs in; once locked, their session ends and they cannot sign in again', async () => {
    await colleaguePage.goto(`${app.url}/#/entry`);
    await submitSignIn(colleaguePage, NEW_USER, NEW_PASSWORD);
    await colleaguePage.getByRole('button', { name: 'Đăng xuất' }).waitFor();
    // An editor: no admin item in the menu.
    assert.equal(await colleaguePage.getByRole('link', { name: 'Quản trị' }).count(), 0);

    await page.getByRole('button', { name: `Khóa tài khoản ${NEW_USER}` }).click();
    await page.getByRole('status').getByText(`Đã khóa tài khoản ${NEW_USER}.`).waitFor();
    await usersRow(NEW_USER).getByText('Đã khóa').waitFor();

    // Locking ended the open session: the next load asks for a sign-in, and the password no longer works.
    await colleaguePage.reload();
    await colleaguePage.getByLabel('Tên đăng nhập').waitFor();
    await submitSignIn(colleaguePage, NEW_USER, NEW_PASSWORD);
    await colleaguePage.getByRole('alert').getByText('Tên đăng nhập hoặc mật khẩu không đúng.').waitFor();
  });

  test('a password reset explains the 10 characters; unlocked, the user signs in with the new one', async () => {
    await page.getByRole('button', { name: `Đặt lại mật khẩu của ${NEW_USER}` }).click();
    const editor = page.locator('tr.row-editor');
    await editor.getByText(/Tối thiểu 10 ký tự\. Người dùng sẽ bị đăng xuất/).waitFor();
    await editor.getByLabel('Mật khẩu mới').fill('123456789');
    await editor.getByRole('button', { name: 'Đặt lại mật khẩu' }).click();
    await editor.getByText('Mật khẩu phải có ít nhất 10 ký tự.').waitFor();
    await editor.getByLabel('Mật khẩu mới').fill('MatKhauMoi#2026');
    await editor.getByRole('button', { name: 'Đặt lại mật khẩu' }).click();
    await page.getByRole('status').getByText(`Đã đặt lại mật khẩu của ${NEW_USER}.`).waitFor();
    await page.getByRole('button', { name: `Mở khóa tài khoản ${NEW_USER}` }).click();
    await usersRow(NEW_USER).getByText('Đang hoạt động').waitFor();

    await submitSignIn(colleaguePage, NEW_USER, NEW_PASSWORD);
    await colleaguePage.getByRole('alert').getByText('Tên đăng nhập hoặc mật khẩu không đúng.').waitFor();
    await submitSignIn(colleaguePage, NEW_USER, 'MatKhauMoi#2026');
    await colleaguePage.getByRole('button', { name: 'Đăng xuất' }).waitFor();
  });

  test('renaming a user shows the stored name in the table', async () => {
    await page.getByRole('button', { name: `Đổi tên ${NEW_USER}` }).click();
    const editor = page.locator('tr.row-editor');
    await editor.getByLabel('Họ tên hiển thị').fill('  ');
    await editor.getByRole('button', { name: 'Lưu' }).click();
    await editor.getByText('Cần nhập họ tên (tối đa 200 ký tự).').waitFor();
    await editor.getByLabel('Họ tên hiển thị').fill('Lê Thị Hoa (TT CNTT)');
    await editor.getByRole('button', { name: 'Lưu' }).click();
    await usersRow(NEW_USER).getByText('Lê Thị Hoa (TT CNTT)').waitFor();
    assert.equal(await page.locator('tr.row-editor').count(), 0);
  });

  test('units: add one with its section, refuse a taken code, set an end date and the sections it writes', async () => {
    await page.getByRole('link', { name: 'Đơn vị' }).click();
    await page.waitForURL(/#\/admin\/units$/);
    await page.locator('tr[data-unit="phong-cntt"]').waitFor();
    await page.getByLabel('Mã đơn vị').fill('phong-cntt');
    await page.getByLabel('Tên đơn vị').fill('Phòng trùng mã');
    await page.getByRole('button', { name: 'Thêm đơn vị' }).click();
    await page.getByRole('alert').getByText('Mã đơn vị "phong-cntt" đã được dùng.').waitFor();

    await page.getByLabel('Mã đơn vị').fill('Phòng KH');
    await page.getByRole('button', { name: 'Thêm đơn vị' }).click();
    await page.getByText(/Mã đơn vị gồm chữ thường không dấu/).waitFor();

    await page.getByLabel('Mã đơn vị').fill('phong-kh-cn');
    await page.getByLabel('Tên đơn vị').fill('Phòng Khoa học - Công nghệ');
    await page.getByLabel('Tên viết tắt').fill('P.KHCN');
    await page.getByLabel('Mục báo cáo phụ trách').selectOption(['cong_tac_khac']);
    await page.getByRole('button', { name: 'Thêm đơn vị' }).click();
    const row = page.locator('tr[data-unit="phong-kh-cn"]');
    await row.waitFor();
    const text = (await row.textContent()) ?? '';
    assert.match(text, /Phòng Khoa học - Công nghệ/);
    assert.match(text, /P\.KHCN/);
    // The section it writes, by its number and title in the report template.
    assert.match(text, /II\.7\. Công tác khác/);

    await page.getByRole('button', { name: 'Sửa đơn vị phong-kh-cn' }).click();
    const editor = page.locator('tr.row-editor');
    await editor.getByLabel('Ngày kết thúc').fill('31/2/2025');
    await editor.getByRole('button', { name: 'Lưu' }).click();
    await editor.getByText(/Ngày không hợp lệ/).waitFor();
    await editor.getByLabel('Ngày kết thúc').fill('28/2/2025');
    await editor.getByLabel('Tên đơn vị').fill('Phòng Khoa học và Công nghệ');
    // The unit also takes over the leadership's section.
    await editor.getByLabel('Mục báo cáo phụ trách').selectOption(['lanh_dao', 'cong_tac_khac']);
    await editor.getByRole('button', { name: 'Lưu' }).click();
    await page.getByRole('status').getByText('Đã lưu đơn vị phong-kh-cn.').waitFor();
    // Read back from the server, not from the form: a fresh load shows the same.
    await page.reload();
    const reloaded = page.locator('tr[data-unit="phong-kh-cn"]');
    await reloaded.getByText('28/2/2025').waitFor();
    await reloaded.getByText('Phòng Khoa học và Công nghệ').waitFor();
    assert.deepEqual(await reloaded.locator('ul.sections li').allTextContents(), [
      'II.1. Hoạt động của Lãnh đạo Sở',
      'II.7. Công tác khác',
    ]);

    // The new unit can be given to a user right away.
    await page.getByRole('link', { name: 'Người dùng' }).click();
    await page.locator('#new-unit option[value="phong-kh-cn"]').waitFor({ state: 'attached' });
  });

  test('catalogue: search by code or name without diacritics, rename an indicator', async () => {
    await page.getByRole('link', { name: 'Chỉ tiêu' }).click();
    const rows = page.locator('table.catalogue-table tbody tr[data-indicator]');
    await rows.first().waitFor();
    const total = await rows.count();
    assert.ok(total > 50, `the whole catalogue is listed, saw ${total}`);
    await page.getByLabel('Tìm theo mã hoặc tên chỉ tiêu').fill('chung thu so');
    await page.waitForFunction(
      (n) => document.querySelectorAll('table.catalogue-table tbody tr[data-indicator]').length < n,
      total,
    );
    const names = await rows.locator('td:nth-child(2)').allTextContents();
    assert.ok(names.length > 0);
    for (const name of names) assert.match(name.normalize('NFC'), /chứng thư số/i);
    await page.getByText(new RegExp(`Hiển thị ${names.length}/${total} chỉ tiêu`)).waitFor();

    await page.getByLabel('Tìm theo mã hoặc tên chỉ tiêu').fill('ioffice.docs_sent');
    const sent = page.locator('tr[data-indicator="ioffice.docs_sent"]');
    await sent.waitFor();
    await page.getByRole('button', { name: 'Sửa chỉ tiêu ioffice.docs_sent' }).click();
    const editor = page.locator('tr.row-editor');
    await editor.getByLabel('Tên', { exact: true }).fill('');
    await editor.getByRole('button', { name: 'Lưu' }).click();
    await editor.getByText('Cần nhập tên chỉ tiêu (tối đa 500 ký tự).').waitFor();
    await editor.getByLabel('Tên', { exact: true }).fill('Văn bản đi trên hệ thống iOffice');
    await editor.getByLabel('Bắt buộc').uncheck();
    await editor.getByRole('button', { name: 'Lưu' }).click();
    await page.getByRole('status').getByText('Đã lưu chỉ tiêu ioffice.docs_sent.').waitFor();
    await sent.getByText('Văn bản đi trên hệ thống iOffice').waitFor();
    assert.equal(await sent.locator('td.flag').first().textContent(), 'Không');

    // The new name is the catalogue's: searching it finds the indicator after a fresh load.
    await page.reload();
    await page.getByLabel('Tìm theo mã hoặc tên chỉ tiêu').fill('van ban di tren he thong');
    await page.locator('tr[data-indicator="ioffice.docs_sent"]').waitFor();
  });

  test('a non-admin has no Quản trị item and is told why at its address; the API refuses too', async () => {
    await signIn(page, app.url, 'vanphong', context);
    await page
      .getByRole('navigation', { name: 'menu' })
      .getByRole('link', { name: 'Báo cáo', exact: true })
      .waitFor();
    assert.equal(await page.getByRole('link', { name: 'Quản trị' }).count(), 0);
    await page.goto(`${app.url}/#/admin/users`);
    await page
      .getByRole('alert')
      .getByText('Trang Quản trị chỉ dành cho tài khoản có vai trò Quản trị.', { exact: false })
      .waitFor();
    assert.equal(await page.locator('table.users-table').count(), 0);
    // page.request shares the browser's cookie: the same session asking the server directly.
    const refused = await page.request.get(`${app.url}/api/orgs/${ORG}/users`);
    assert.equal(refused.status(), 403);
    assert.equal((await refused.json()).error.code, 'access.denied');
  });

  test('no console errors but the refusals the test provoked', () => {
    const errors = consoles.flatMap((c) => c.errors);
    // A 409 (taken username, taken unit code) and a 401 (locked or wrong password) log "Failed to load resource".
    const unexpected = errors.filter((e) => !/Failed to load resource.*status of (409|401)/.test(e));
    assert.deepEqual(unexpected, []);
    assert.ok(
      errors.some((e) => /409/.test(e)),
      'the provoked 409 refusals were seen',
    );
  });
});
