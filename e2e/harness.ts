import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before } from 'node:test';
import type { Kysely } from 'kysely';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import type { DatabaseHandle, EngineName } from '../src/db/engine.js';
import type { Database } from '../src/db/schema.js';
import { createTestDatabase } from '../src/db/testing.js';
import { startServer } from '../src/server/main.js';
import { seedDemo } from '../src/services/seed.service.js';

export const ROOT = join(import.meta.dirname, '..');
export const WEB_ROOT = join(ROOT, 'dist', 'web');
export const SCREENSHOTS = join(ROOT, 'docs', 'screenshots');
export const DEMO_PASSWORD = 'baocao@2026';

/** PGlite by default; BAOCAO_E2E_ENGINE=postgres (with DATABASE_URL) runs the same walks on PostgreSQL. */
export const E2E_ENGINE: EngineName = process.env.BAOCAO_E2E_ENGINE === 'postgres' ? 'postgres' : 'pglite';

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

/** A page in a browser context of its own (its own cookies: one person's session), watched for console errors. */
export interface OpenedPage {
  context: BrowserContext;
  page: Page;
  console: { errors: string[] };
}

/** The demo organisation served by the current UI build, and Chromium to use it. */
export interface BrowserApp {
  readonly url: string;
  readonly db: Kysely<Database>;
  /** Opens a page in a new context; each is closed after the suite. */
  openPage(options?: { timeout?: number }): Promise<OpenedPage>;
}

/**
 * The browser suite's setup: registers `before`/`after` hooks of the calling `describe` that build the UI,
 * seed the demo organisation on E2E_ENGINE, start the server and Chromium, and close them all after its
 * tests. Use it inside a test or a later hook, not while the suite is being declared.
 */
export function useBrowserApp(): BrowserApp {
  let database: DatabaseHandle | undefined;
  let server: { url: string; close: () => Promise<void> } | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the browser app is set up in a before hook: use it in tests');
    return value;
  };

  before(async () => {
    buildWeb();
    database = await createTestDatabase(E2E_ENGINE);
    await seedDemo(database.db);
    server = await startServer({ port: 0, db: database.db, webRoot: WEB_ROOT });
    browser = await launchBrowser();
  });

  after(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.close();
    await database?.close();
  });

  return {
    get url() {
      return ready(server).url;
    },
    get db() {
      return ready(database).db;
    },
    async openPage(options = {}) {
      const context = await newContext(ready(browser));
      contexts.push(context);
      const page = await context.newPage();
      page.setDefaultTimeout(options.timeout ?? 15_000);
      return { context, page, console: watchConsole(page) };
    },
  };
}
