import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { createApp } from './app.js';

export interface StartServerOptions {
  port: number;
  db: Kysely<Database>;
  /** Built UI folder; default dist/web when it exists. */
  webRoot?: string | undefined;
  /** Listen address; default 127.0.0.1 (set 0.0.0.0 to serve the network). */
  host?: string | undefined;
}

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/** How long shutdown waits for requests in flight before closing their connections. */
const CLOSE_GRACE_MS = 5000;

const DEFAULT_WEB_ROOT = resolve(import.meta.dirname, '../../dist/web');

/**
 * Serves the API and, when built, the UI on one port: static files from the web root, any other
 * non-API GET answered with index.html so the single-page app's routes work on reload.
 */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const app = createApp({ db: options.db });
  const webRoot = options.webRoot ?? (existsSync(DEFAULT_WEB_ROOT) ? DEFAULT_WEB_ROOT : undefined);
  if (webRoot && existsSync(join(webRoot, 'index.html'))) {
    const indexHtml = await readFile(join(webRoot, 'index.html'), 'utf8');
    app.use('*', serveStatic({ root: webRoot }));
    app.get('*', (c) => (c.req.path.startsWith('/api/') ? c.notFound() : c.html(indexHtml)));
  }
  // Handlers still running when a client hangs up must finish before the caller closes the database.
  let inFlight = 0;
  let drained: (() => void) | null = null;
  const fetch: typeof app.fetch = async (request, env, context) => {
    inFlight++;
    try {
      return await app.fetch(request, env, context);
    } finally {
      inFlight--;
      if (inFlight === 0) drained?.();
    }
  };
  const host = options.host ?? '127.0.0.1';
  const server = await new Promise<ReturnType<typeof serve>>((ready) => {
    const s = serve({ fetch, port: options.port, hostname: host }, () => ready(s));
  });
  const allDone = () =>
    inFlight === 0
      ? Promise.resolve()
      : new Promise<void>((done) => {
          drained = done;
          setTimeout(done, CLOSE_GRACE_MS).unref();
        });
  const address = server.address() as AddressInfo;
  const shownHost = host === '0.0.0.0' ? 'localhost' : host;
  return {
    url: `http://${shownHost}:${address.port}`,
    async close() {
      await new Promise<void>((done, fail) => {
        // Idle keep-alive connections are dropped now; a client that keeps one busy is cut off after a grace period.
        server.close((error) => (error ? fail(error) : done()));
        if ('closeIdleConnections' in server) server.closeIdleConnections();
        setTimeout(() => {
          if ('closeAllConnections' in server) server.closeAllConnections();
        }, CLOSE_GRACE_MS).unref();
      });
      await allDone();
    },
  };
}
