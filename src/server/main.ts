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
  const host = options.host ?? '127.0.0.1';
  const server = await new Promise<ReturnType<typeof serve>>((ready) => {
    const s = serve({ fetch: app.fetch, port: options.port, hostname: host }, () => ready(s));
  });
  const address = server.address() as AddressInfo;
  const shownHost = host === '0.0.0.0' ? 'localhost' : host;
  return {
    url: `http://${shownHost}:${address.port}`,
    close: () =>
      new Promise<void>((done, fail) => {
        server.close((error) => (error ? fail(error) : done()));
        // Keep-alive connections would hold close() open until they time out.
        if ('closeAllConnections' in server) server.closeAllConnections();
      }),
  };
}
