import { after, before, describe } from 'node:test';
import type { Hono } from 'hono';
import type { Kysely } from 'kysely';
import type { EngineName } from '../db/engine.js';
import type { Database } from '../db/schema.js';
import { createTestDatabase, testEngines } from '../db/testing.js';
import { seedDemo } from '../services/seed.service.js';
import { createApp } from './app.js';
import type { AppEnv } from './http/env.js';

// biome-ignore lint/suspicious/noExplicitAny: tests read response bodies field by field and assert on them
export type Json = any;

/** What a client needs of the app: its in-process request function. */
export type AppRequests = Pick<Hono<AppEnv>, 'request'>;

export interface ApiResponse<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

/**
 * A browser-like client of the app, in process: keeps the session cookie and sends the CSRF token
 * it was given on state-changing requests (unless told not to).
 */
export class ApiClient {
  cookie: string | null = null;
  csrfToken: string | null = null;

  constructor(readonly app: AppRequests) {}

  async request<T = Json>(
    method: string,
    path: string,
    body?: unknown,
    options: { csrf?: boolean; headers?: Record<string, string> } = {},
  ): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (this.cookie) headers.cookie = this.cookie;
    if (method !== 'GET' && options.csrf !== false && this.csrfToken)
      headers['x-csrf-token'] = this.csrfToken;
    let payload: BodyInit | undefined;
    if (body instanceof FormData) payload = body;
    else if (body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    const response = await this.app.request(path, { method, headers, ...(payload ? { body: payload } : {}) });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) {
      const [pair] = setCookie.split(';');
      this.cookie = pair && !/=\s*$/.test(pair) && !/Max-Age=0/i.test(setCookie) ? pair : null;
    }
    const type = response.headers.get('content-type') ?? '';
    const parsed = type.includes('json') ? await response.json() : await response.text();
    return { status: response.status, body: parsed as T, headers: response.headers };
  }

  async login(username: string, password = 'baocao@2026'): Promise<ApiResponse<Json>> {
    const response = await this.request('POST', '/api/auth/login', { username, password });
    if (response.status === 200) this.csrfToken = (response.body as { csrfToken: string }).csrfToken;
    return response;
  }

  get<T = Json>(path: string) {
    return this.request<T>('GET', path);
  }
  post<T = Json>(path: string, body?: unknown) {
    return this.request<T>('POST', path, body);
  }
  put<T = Json>(path: string, body?: unknown) {
    return this.request<T>('PUT', path, body);
  }
  patch<T = Json>(path: string, body?: unknown) {
    return this.request<T>('PATCH', path, body);
  }
  delete<T = Json>(path: string) {
    return this.request<T>('DELETE', path);
  }
}

async function signIn(client: ApiClient, username: string): Promise<ApiClient> {
  const response = await client.login(username);
  if (response.status !== 200)
    throw new Error(`login ${username}: ${response.status} ${JSON.stringify(response.body)}`);
  return client;
}

/** A client signed in as one of the demo users (password baocao@2026). */
export function signedInClient(app: AppRequests, username: string): Promise<ApiClient> {
  return signIn(new ApiClient(app), username);
}

export function testApp(db: Kysely<Database>): Hono<AppEnv> {
  return createApp({ db });
}

export interface DemoApi {
  db: Kysely<Database>;
  app: Hono<AppEnv>;
  close(): Promise<void>;
}

/** An isolated database on `engine` with the demo organisation (users, units, catalogue, history) and the app on it. */
export async function demoApi(engine: EngineName): Promise<DemoApi> {
  const handle = await createTestDatabase(engine);
  await seedDemo(handle.db);
  return { db: handle.db, app: createApp({ db: handle.db }), close: () => handle.close() };
}

export const DEMO_ORG = 'stttt-travinh';
export const orgPath = (rest: string) => `/api/orgs/${DEMO_ORG}${rest}`;

/**
 * The API test suite's setup, once per test engine: registers `describe(\`${title} (${engine})\`)` whose tests
 * run on a fresh demo database and app (`demoApi`) with a client signed in as each of `usernames`, and closes
 * the database after them. `body` registers the tests; the API and the clients (in the order of the usernames)
 * it gets are ready inside every test and hook, not while `body` itself runs.
 */
export function describeDemoApi<const T extends readonly string[]>(
  title: string,
  usernames: T,
  body: (api: DemoApi, clients: { [K in keyof T]: ApiClient }) => void,
): void {
  for (const engine of testEngines()) {
    describe(`${title} (${engine})`, () => {
      let current: DemoApi | undefined;
      const ready = (): DemoApi => {
        if (!current)
          throw new Error('the demo API is set up before the tests: use it inside a test or hook');
        return current;
      };
      const api: DemoApi = {
        get db() {
          return ready().db;
        },
        get app() {
          return ready().app;
        },
        close: () => ready().close(),
      };
      // The clients exist before the app does, so the tests can name them; they reach it through `api`.
      const app: AppRequests = { request: (...args) => api.app.request(...args) };
      const clients = usernames.map(() => new ApiClient(app)) as { [K in keyof T]: ApiClient };
      before(async () => {
        current = await demoApi(engine);
        await Promise.all(usernames.map((username, i) => signIn(clients[i]!, username)));
      });
      after(() => current?.close());
      body(api, clients);
    });
  }
}
