// The one place the UI talks HTTP: JSON in and out, the CSRF header on state changes, API errors as ApiError.

export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details: Record<string, unknown> | undefined;

  constructor(status: number, code: string, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

let csrfToken: string | null = null;
let onUnauthorized: (() => void) | null = null;

/** Called when a signed-in request gets 401 (the session expired or was ended elsewhere). */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  onUnauthorized = handler;
}

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

const NETWORK_MESSAGE = 'Không kết nối được máy chủ. Vui lòng thử lại.';

/** Reads the contract's error body `{ error: { code, message } }`; other bodies get a generic Vietnamese message. */
export async function errorFromResponse(response: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // Not JSON (a proxy page, an empty body): the status alone has to do.
  }
  const error = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)?.error;
  if (error && typeof error.message === 'string') {
    return new ApiError(
      response.status,
      typeof error.code === 'string' ? error.code : 'http.error',
      error.message,
      (error.details as Record<string, unknown> | undefined) ?? undefined,
    );
  }
  return new ApiError(response.status, 'http.error', `Máy chủ trả lỗi ${response.status}.`);
}

function headersFor(method: string, json: boolean): Record<string, string> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (json) headers['content-type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['x-csrf-token'] = csrfToken;
  return headers;
}

async function send(method: string, path: string, body?: BodyInit, json = false): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers: headersFor(method, json),
      body,
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, 'network', NETWORK_MESSAGE);
  }
  if (!response.ok) {
    const error = await errorFromResponse(response);
    if (response.status === 401 && !path.startsWith('/api/auth/')) onUnauthorized?.();
    throw error;
  }
  return response;
}

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await send(method, path, body === undefined ? undefined : JSON.stringify(body), true);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export async function upload<T>(path: string, form: FormData): Promise<T> {
  const response = await send('POST', path, form);
  return (await response.json()) as T;
}

export async function fetchText(path: string): Promise<string> {
  return (await send('GET', path)).text();
}

/** The file name a Content-Disposition gives: the UTF-8 `filename*` when there is one, else `filename`. */
export function dispositionFileName(disposition: string): string | null {
  const encoded = /filename\*=UTF-8''([^;\s]+)/i.exec(disposition)?.[1];
  if (encoded) return decodeURIComponent(encoded);
  return /filename="?([^";]+)"?/i.exec(disposition)?.[1] ?? null;
}

export async function fetchBlob(path: string): Promise<{ blob: Blob; filename: string | null }> {
  const response = await send('GET', path);
  const filename = dispositionFileName(response.headers.get('content-disposition') ?? '');
  return { blob: await response.blob(), filename };
}

/** Downloads a file and hands it to the browser to save under the server's (Vietnamese) name, else `fallbackName`. */
export async function downloadFile(path: string, fallbackName: string): Promise<void> {
  const { blob, filename } = await fetchBlob(path);
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename ?? fallbackName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function orgPath(orgId: string, rest: string): string {
  return `/api/orgs/${encodeURIComponent(orgId)}${rest}`;
}
