import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

export const ROOT = join(import.meta.dirname, '..');
export const WEB_ROOT = join(ROOT, 'dist', 'web');
export const SCREENSHOTS = join(ROOT, 'docs', 'screenshots');
export const DEMO_PASSWORD = 'baocao@2026';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

/** Builds the UI the server will serve, so the suite always tests the current sources. */
export function buildWeb(): void {
  const run = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`vite build failed:\n${run.stdout}\n${run.stderr}`);
  if (!existsSync(join(WEB_ROOT, 'index.html'))) throw new Error('vite build wrote no dist/web/index.html');
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

export async function newContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({
    acceptDownloads: true,
    locale: 'vi-VN',
    viewport: { width: 1366, height: 900 },
  });
}

/**
 * Collects every console error and uncaught page error. An HTTP error the test provokes on purpose shows up as a
 * "Failed to load resource" console line; the caller lists those it expects in `allow`.
 */
export function watchConsole(page: Page): { errors: string[] } {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`${message.text()} @ ${message.location().url}`);
  });
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  return { errors };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: false });
}

/**
 * Signs in through the form. With `context`, any earlier session is dropped first (cookie and the UI's
 * signed-in mark), so a failed earlier step cannot leave the wrong user signed in.
 */
export async function signIn(
  page: Page,
  baseUrl: string,
  username: string,
  context?: BrowserContext,
): Promise<void> {
  if (context) {
    await context.clearCookies();
    await page.evaluate(() => localStorage.removeItem('baocao.signedIn'));
    // A full load (not a hash change) so the app starts again without the old session.
    await page.goto(`${baseUrl}/`);
  }
  await page.goto(`${baseUrl}/#/dashboard`);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByRole('button', { name: 'Đăng xuất' }).waitFor();
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await page.getByLabel('Tên đăng nhập').waitFor();
}

/** Fills the sign-in form with any account and submits it, without assuming it succeeds. */
export async function submitSignIn(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
}
