import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { DatabaseHandle } from '../db/engine.js';
import { createTestDatabase } from '../db/testing.js';
import { type RunningServer, startServer } from './main.js';

/** Whether something still listens on the port (a closed server must free it). */
function portFree(port: number): Promise<boolean> {
  return new Promise((done) => {
    const probe = createServer();
    probe.once('error', () => done(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => done(true)));
  });
}

describe('startServer: UI and API on one port', () => {
  let handle: DatabaseHandle;
  let webRoot: string;
  let server: RunningServer;

  before(async () => {
    handle = await createTestDatabase('pglite');
    // A PGlite closed before its first query leaves a wasm timer behind and the process never exits.
    await handle.db.selectFrom('organisations').select('id').execute();
    webRoot = await mkdtemp(join(tmpdir(), 'baocao-web-'));
    await mkdir(join(webRoot, 'assets'));
    await writeFile(join(webRoot, 'index.html'), '<!doctype html><title>baocao</title><div id="app"></div>');
    await writeFile(join(webRoot, 'assets', 'app.js'), 'console.log("ui");');
    server = await startServer({ port: 0, db: handle.db, webRoot });
  });
  after(async () => {
    await handle.close();
    await rm(webRoot, { recursive: true, force: true });
  });

  test('serves the built files, and index.html for the single-page app routes', async () => {
    const asset = await fetch(`${server.url}/assets/app.js`);
    assert.equal(asset.status, 200);
    assert.equal(await asset.text(), 'console.log("ui");');
    for (const path of ['/', '/reports/12', '/dashboard?period=2022-04']) {
      const page = await fetch(`${server.url}${path}`);
      assert.equal(page.status, 200, path);
      assert.match(await page.text(), /<div id="app">/);
      assert.match(page.headers.get('content-security-policy') ?? '', /script-src 'self'/);
    }
  });

  test('API paths are never answered with the UI', async () => {
    const health = await fetch(`${server.url}/api/health`);
    assert.deepEqual(await health.json(), { ok: true });
    const unknown = await fetch(`${server.url}/api/reports-page`);
    assert.equal(unknown.status, 404);
    assert.equal(((await unknown.json()) as { error: { code: string } }).error.code, 'route.unknown');
  });

  test('close() ends open keep-alive connections and frees the port', async () => {
    const port = Number(new URL(server.url).port);
    await fetch(`${server.url}/api/health`, { headers: { connection: 'keep-alive' } });
    await server.close();
    assert.equal(await portFree(port), true);
  });
});
